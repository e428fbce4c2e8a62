"""Errors raised by the core. Algorithms turn them into QgsProcessingException."""


class OptimaError(Exception):
    """A problem with the user's input or request, explained in plain words."""


class InputError(OptimaError):
    """Bad input data: the message names the field or feature."""


class InfeasibleError(OptimaError):
    """The request cannot be satisfied (e.g. a cutoff nobody meets)."""


class Canceled(OptimaError):
    """The user canceled the run."""


def plain(value):
    """``value`` as plain Python for a message: numpy scalars become int/float/str/bool
    (numpy 2 writes ``np.int64(4)`` where a user expects ``4``), numpy arrays lists, and lists,
    tuples, sets and dicts are converted element by element. Anything else is returned as is."""
    if type(value).__module__ == "numpy":
        if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
            return value.item()
        if hasattr(value, "tolist"):
            return value.tolist()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (tuple, set, frozenset)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value

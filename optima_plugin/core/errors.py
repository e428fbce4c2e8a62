"""Errors raised by the core. Algorithms turn them into QgsProcessingException."""


class OptimaError(Exception):
    """A problem with the user's input or request, explained in plain words."""


class InputError(OptimaError):
    """Bad input data: the message names the field or feature."""


class InfeasibleError(OptimaError):
    """The request cannot be satisfied (e.g. a cutoff nobody meets)."""


class Canceled(OptimaError):
    """The user canceled the run."""

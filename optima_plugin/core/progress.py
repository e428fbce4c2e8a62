"""Progress and cancellation callbacks shared by every core function."""
from __future__ import annotations

from typing import Callable, Optional

from .errors import Canceled

ProgressFn = Callable[..., None]
CancelFn = Callable[[], bool]


def _noop_progress(pct: float, msg: str = "") -> None:  # pragma: no cover - trivial
    pass


def _never() -> bool:
    return False


#: translation of progress and log messages (English templates of the core), set by the QGIS
#: plugin when its interface is not English; None: messages pass unchanged
_translate: Optional[Callable[[str], str]] = None


def set_translator(fn: Optional[Callable[[str], str]]) -> None:
    """Install ``fn(message) -> message`` applied to every progress text and log line."""
    global _translate
    _translate = fn


def _t(msg: str) -> str:
    if not msg or _translate is None:
        return msg
    try:
        return _translate(msg)
    except Exception:  # pragma: no cover - a message is never lost to its translation
        return msg


class Monitor:
    """Wraps the optional callbacks; ``sub(a, b)`` maps 0-100 onto [a, b] of the parent."""

    def __init__(self, progress: Optional[ProgressFn] = None,
                 is_canceled: Optional[CancelFn] = None,
                 log: Optional[Callable[[str], None]] = None,
                 lo: float = 0.0, hi: float = 100.0):
        self._progress = progress or _noop_progress
        self._is_canceled = is_canceled or _never
        self._log = log
        self.lo, self.hi = lo, hi

    def progress(self, pct: float, msg: str = "") -> None:
        pct = max(0.0, min(100.0, float(pct)))
        self._progress(self.lo + (self.hi - self.lo) * pct / 100.0, _t(msg))

    def check(self) -> None:
        """Raise :class:`Canceled` when the user asked to stop."""
        if self._is_canceled():
            raise Canceled("Canceled by the user")

    def canceled(self) -> bool:
        return bool(self._is_canceled())

    def log(self, msg: str) -> None:
        if self._log is not None:
            self._log(_t(msg))

    def sub(self, a: float, b: float, silent: bool = False) -> "Monitor":
        """[a, b] of this monitor's range; ``silent``: the same progress and cancel, no log."""
        lo = self.lo + (self.hi - self.lo) * a / 100.0
        hi = self.lo + (self.hi - self.lo) * b / 100.0
        return Monitor(self._progress, self._is_canceled, None if silent else self._log, lo, hi)


def as_monitor(progress=None, is_canceled=None, log=None) -> Monitor:
    if isinstance(progress, Monitor):
        return progress
    return Monitor(progress, is_canceled, log)

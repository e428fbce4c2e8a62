"""Feedback for algorithms that run other algorithms (``processing.run`` of children): the
``Results: {...}`` line Processing writes after every child (a raw Python dict) is left out of
the user's log; every other message passes."""
from qgis.core import QgsProcessingMultiStepFeedback
from qgis.PyQt.QtCore import QCoreApplication


def _results_prefixes():
    out = {"Results: "}
    try:
        out.add(QCoreApplication.translate("Processing", "Results: {}").split("{}")[0])
    except Exception:  # pragma: no cover - no application
        pass
    return tuple(p for p in out if p)


def is_results_dump(text) -> bool:
    """True for "Results: {'OUTPUT': ...}" (in the interface language)."""
    if not isinstance(text, str):
        return False
    for p in _results_prefixes():
        if text.startswith(p) and text[len(p):].lstrip().startswith("{"):
            return True
    return False


class ChildStepsFeedback(QgsProcessingMultiStepFeedback):
    """QgsProcessingMultiStepFeedback that drops the raw result dicts of child algorithms."""

    def pushInfo(self, info):  # noqa: N802 - QGIS API
        if not is_results_dump(info):
            super().pushInfo(info)

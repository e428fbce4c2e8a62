"""PYQGIS_STARTUP script of the desktop test: runs before QGIS loads its plugins and records every
Python exception QGIS shows and every message of its log, so that a plugin that fails to load
(an error in classFactory/initGui) is seen by the test. Writes nothing itself: desktop_probe.py does."""
import builtins
import traceback

PROBE = {"exceptions": [], "log": []}
builtins._optima_probe = PROBE

try:
    import qgis.utils as _utils

    _show = _utils.showException

    def _record_exception(type, value, tb, msg, *args, **kwargs):  # noqa: A002 - QGIS signature
        PROBE["exceptions"].append(f"{msg}\n" + "".join(traceback.format_exception(type, value, tb)))
        return _show(type, value, tb, msg, *args, **kwargs)

    _utils.showException = _record_exception
except Exception as e:  # pragma: no cover - recorded, the test shows it
    PROBE["exceptions"].append(f"startup hook failed: {e!r}")

try:
    from qgis.core import QgsApplication

    def _record_log(message, tag, level):
        PROBE["log"].append([tag, int(level), message])

    QgsApplication.messageLog().messageReceived.connect(_record_log)
    PROBE["_keep"] = _record_log
except Exception as e:  # pragma: no cover
    PROBE["exceptions"].append(f"log hook failed: {e!r}")

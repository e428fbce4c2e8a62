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

# a crash of QGIS (SIGSEGV in a task thread) leaves the Python stacks of every thread in the log
try:
    import faulthandler
    import os as _os
    import sys as _sys

    _work = _os.environ.get("OPTIMA_PROBE_WORK")
    PROBE["_faults"] = open(_os.path.join(_work, "faulthandler.log"), "w") if _work else _sys.stderr
    faulthandler.enable(file=PROBE["_faults"], all_threads=True)
except Exception as e:  # pragma: no cover
    PROBE["exceptions"].append(f"faulthandler failed: {e!r}")

"""The base class of every OPTIMA algorithm: naming, help, icon, errors, progress."""
from __future__ import annotations

import gc
import os
import re
import shutil
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..optima_plugin import deps
from ..optima_plugin.i18n import tr
from ..optima_plugin.compat import NumberType, ParamFlag

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg")

GROUP_IDS = ("data", "network", "territories", "location", "indicators", "scenarios", "organisation", "tools")


def group_name(gid: str) -> str:
    return {
        "data": tr("1 - Data"),
        "network": tr("2 - Network analysis"),
        "territories": tr("3 - Territories"),
        "location": tr("4 - Service sites"),
        "indicators": tr("5 - Indicators"),
        "scenarios": tr("6 - Scenarios and report"),
        "organisation": tr("7 - Organisation"),
        "tools": tr("Tools"),
    }[gid]


class FeedbackMonitor:
    """Adapts QgsProcessingFeedback to the core's progress / is_canceled / log callables."""

    def __init__(self, feedback, lo: float = 5.0, hi: float = 90.0):
        self.feedback = feedback
        self.lo, self.hi = lo, hi

    def progress(self, pct, msg=""):
        if self.feedback is not None:
            self.feedback.setProgress(int(self.lo + (self.hi - self.lo) * float(pct) / 100.0))
            if msg:
                self.feedback.setProgressText(msg)

    def is_canceled(self):
        return self.feedback is not None and self.feedback.isCanceled()

    def log(self, msg):
        if self.feedback is not None:
            self.feedback.pushInfo(msg)

    def kwargs(self):
        return {"progress": self.progress, "is_canceled": self.is_canceled, "log": self.log}

    def core(self):
        """The core's Monitor object over these callbacks."""
        from ..optima_plugin.core.progress import Monitor
        return Monitor(self.progress, self.is_canceled, self.log)


def _clear_frames(exc):
    """Drop the locals of the finished frames of ``exc`` and of its chained exceptions, so that
    the sinks they hold are closed (their files flushed and released) before cleanup."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__
    gc.collect()


_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def _destination_path(value: str):
    """(file path, whole_file) of an output destination string, or (None, False) when it is not a
    local file (memory layer, database, temporary output). ``whole_file`` is False for one layer
    of a GeoPackage named with ``ogr:dbname=... table=...`` or ``|layername=``."""
    if not value or value in ("TEMPORARY_OUTPUT", "memory:") or value.startswith("memory:") or "://" in value:
        return None, False
    if value.startswith("ogr:"):
        m = re.search(r"dbname='((?:[^']|'')*)'", value)
        return (m.group(1).replace("''", "'"), False) if m else (None, False)
    if "|layername=" in value:
        return value.split("|", 1)[0], False
    if value.lower().startswith(("postgres", "spatialite:", "oracle:", "mssql:", "hana:")):
        return None, False
    return value, True


def _stamp(path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class OutputGuard:
    """Remembers, before a run, which file destinations exist; after a failed or canceled run,
    removes what the run created: a file that did not exist (with its SQLite side files), a whole
    file that it overwrote (a half-written GeoPackage is worse than none), a folder it created,
    or the new entries of an existing destination folder. Files that existed and were not
    rewritten, and layers written into an existing GeoPackage, are left alone."""

    def __init__(self, alg, parameters, context):
        from qgis.core import (QgsProcessingParameterFeatureSink, QgsProcessingParameterFileDestination,
                               QgsProcessingParameterFolderDestination, QgsProcessingParameterRasterDestination,
                               QgsProcessingParameterVectorDestination)
        self.files, self.folders = [], []
        for d in alg.destinationParameterDefinitions():
            name = d.name()
            try:
                if isinstance(d, QgsProcessingParameterFolderDestination):
                    path = alg.parameterAsString(parameters, name, context)
                    if path:
                        listing = set(os.listdir(path)) if os.path.isdir(path) else None
                        self.folders.append((path, listing))
                    continue
                if isinstance(d, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination,
                                  QgsProcessingParameterRasterDestination)):
                    value = alg.parameterAsOutputLayer(parameters, name, context)
                elif isinstance(d, QgsProcessingParameterFileDestination):
                    value = alg.parameterAsFileOutput(parameters, name, context)
                else:
                    continue
            except Exception:  # pragma: no cover - an unreadable destination: nothing to guard
                continue
            path, whole = _destination_path(value or "")
            if path:
                self.files.append((path, whole, _stamp(path)))

    def cleanup(self):
        removed = []
        for path, whole, before in self.files:
            now = _stamp(path)
            if now is None:
                continue
            if before is None or (whole and now != before):
                for p in [path] + [path + s for s in _SQLITE_SIDE_FILES]:
                    try:
                        os.remove(p)
                        if p == path:
                            removed.append(p)
                    except OSError:
                        pass
        for path, listing in self.folders:
            if not os.path.isdir(path):
                continue
            if listing is None:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
                continue
            for entry in sorted(set(os.listdir(path)) - listing):
                p = os.path.join(path, entry)
                try:
                    shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
                    removed.append(p)
                except OSError:
                    pass
        return removed


class OptimaAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME, GROUP (one of GROUP_IDS), and implement display_name(), help(),
    initAlgorithm() and execute_optima(parameters, context, feedback) -> dict."""

    NAME = ""
    GROUP = "tools"
    NEEDS_DEPENDENCIES = True

    def tr(self, text):
        return tr(text)

    def name(self):
        return self.NAME

    def displayName(self):
        return self.display_name()

    def display_name(self):  # pragma: no cover - overridden
        return self.NAME

    def group(self):
        return group_name(self.GROUP)

    def groupId(self):
        return self.GROUP

    def icon(self):
        return QIcon(ICON)

    def shortHelpString(self):
        return self.help()

    def help(self):  # pragma: no cover - overridden
        return ""

    def helpUrl(self):
        return "https://github.com/optima-territoires/optima#readme"

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        if self.NEEDS_DEPENDENCIES:
            miss = deps.missing()
            if miss:
                raise QgsProcessingException(deps.install_instructions(miss))
        guard = OutputGuard(self, parameters, context)
        try:
            return self._process(parameters, context, feedback)
        except BaseException as e:
            # a failed or canceled run leaves no half-written file: close this run's sinks (the
            # traceback holds them), then remove the files and folders the run created
            _clear_frames(e)
            removed = guard.cleanup()
            if removed and feedback is not None:
                feedback.pushInfo(tr("Partial output(s) removed: {}").format(", ".join(removed)))
            raise

    def _process(self, parameters, context, feedback):
        from ..optima_plugin.core.errors import Canceled, OptimaError
        try:
            return self.execute_optima(parameters, context, feedback)
        except Canceled:
            raise QgsProcessingException(tr("Canceled by the user: no output was written."))
        except OptimaError as e:
            raise QgsProcessingException(str(e))
        except QgsProcessingException:
            if feedback is not None and feedback.isCanceled():
                raise QgsProcessingException(tr("Canceled by the user: no output was written."))
            raise
        except MemoryError:
            raise QgsProcessingException(tr("Not enough memory for this run: try fewer communes or a cutoff."))
        except Exception as e:  # a bug: keep the trace in the log, give a readable message
            if feedback is not None:
                feedback.pushDebugInfo(traceback.format_exc())
            raise QgsProcessingException(tr("Unexpected error in {}: {}").format(self.NAME, e))

    def execute_optima(self, parameters, context, feedback):  # pragma: no cover - overridden
        raise NotImplementedError

    def add_advanced(self, param):
        """Add a parameter shown under "Advanced parameters"."""
        param.setFlags(param.flags() | ParamFlag.Advanced)
        self.addParameter(param)

    def add_seed_parameter(self):
        """SEED: same inputs and seed, same outputs."""
        from qgis.core import QgsProcessingParameterNumber
        self.add_advanced(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), NumberType.Integer, 0, minValue=0))

    def monitor(self, feedback, lo=5.0, hi=90.0) -> FeedbackMonitor:
        return FeedbackMonitor(feedback, lo, hi)

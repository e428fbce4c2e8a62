"""The base class of every OPTIMA algorithm: naming, help, icon, errors, progress."""
from __future__ import annotations

import gc
import os
import re
import shutil
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QIcon

from ..optima_plugin import deps
from ..optima_plugin.i18n import language, tr, tr_error
from ..optima_plugin.compat import NumberType, ParamFlag
from . import inputs

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


HELP_FILE = os.path.join(PLUGIN_DIR, "resources", "help", "index.html")  # French
HELP_FILE_EN = os.path.join(PLUGIN_DIR, "resources", "help", "index_en.html")  # English, same anchors


def help_file(lang: str = None) -> str:
    """The offline help page in the interface language: ``index.html`` (French) when OPTIMA's
    French translation is installed (:func:`i18n.language`), else ``index_en.html``; the French
    page when the English one is missing."""
    if lang is None:
        lang = language()
    if lang != "fr" and os.path.exists(HELP_FILE_EN):
        return HELP_FILE_EN
    return HELP_FILE


def help_url(anchor: str = "", lang: str = None) -> str:
    """``file:///.../resources/help/index.html#<anchor>`` (``index_en.html`` when the interface is
    not French, see :func:`help_file`; the anchors are the algorithm names)."""
    from qgis.PyQt.QtCore import QUrl
    url = QUrl.fromLocalFile(help_file(lang))
    if anchor:
        url.setFragment(anchor)
    return url.toString()


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
# the files a shapefile output is made of besides the .shp
_SHAPEFILE_SIDE_EXTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj", ".sbn", ".sbx", ".shp.xml")


def _destination_path(value: str):
    """(file path, whole_file) of an output destination string, or (None, False) when it is not a
    local file (memory layer, database, temporary output). ``whole_file`` is False for one layer
    of a GeoPackage named with ``ogr:dbname=... table=...`` or ``|layername=``."""
    path, whole, _ = _destination_parts(value)
    return path, whole


def _destination_parts(value: str):
    """(file path, whole_file, layer name or None) of an output destination string."""
    if not value or value in ("TEMPORARY_OUTPUT", "memory:") or value.startswith("memory:") or "://" in value:
        return None, False, None
    if value.startswith("ogr:"):
        m = re.search(r"dbname='((?:[^']|'')*)'", value)
        t = re.search(r'table="((?:[^"]|"")*)"', value) or re.search(r"table=(\S+)", value)
        layer = t.group(1).replace('""', '"') if t else None
        return (m.group(1).replace("''", "'"), False, layer) if m else (None, False, None)
    if "|layername=" in value:
        path, rest = value.split("|", 1)
        layer = rest.split("layername=", 1)[1].split("|", 1)[0]
        return path, False, layer
    if value.lower().startswith(("postgres", "spatialite:", "oracle:", "mssql:", "hana:")):
        return None, False, None
    return value, True, None


def _norm(path: str) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(os.path.expanduser(path))))


def _side_files(path: str):
    """The files written along with ``path``: SQLite journals, or a shapefile's .dbf/.shx/..."""
    if path.lower().endswith(".shp"):
        stem = path[:-4]
        return [stem + e for e in _SHAPEFILE_SIDE_EXTS] + [stem + e.upper() for e in _SHAPEFILE_SIDE_EXTS]
    return [path + s for s in _SQLITE_SIDE_FILES]


def _stamp(path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _raw_value(parameters, definition, context):
    """The destination or source string of a parameter as given, resolved without any side
    effect (``parameterAsOutputLayer`` would create and register a second temporary layer, and
    the dialog would then look for a layer never written)."""
    from qgis.core import QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProcessingOutputLayerDefinition, QgsProperty
    val = parameters.get(definition.name()) if parameters else None
    if val is None:
        val = definition.defaultValue()
    if isinstance(val, QgsProcessingOutputLayerDefinition):
        val = val.sink
    elif isinstance(val, QgsProcessingFeatureSourceDefinition):
        val = val.source
    if isinstance(val, QgsProperty):
        if val.propertyType() == QgsProperty.StaticProperty:
            val = val.staticValue()
        else:
            val = val.valueAsString(context.expressionContext(), "")[0]
    if isinstance(val, QgsMapLayer):
        return val
    if val is None:
        return None
    try:
        if isinstance(val, QVariant):
            val = None if val.isNull() else val.value()
    except Exception:  # pragma: no cover
        pass
    return val


def _input_files(alg, parameters, context):
    """[(parameter name, normalised file, layer name or None)] of every input read from a file."""
    from qgis.core import (QgsMapLayer, QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                           QgsProcessingParameterMapLayer, QgsProcessingParameterMultipleLayers,
                           QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer,
                           QgsProcessingUtils, QgsProviderRegistry)
    out = []

    def add(name, v):
        if v is None or v == "":
            return
        if not isinstance(v, QgsMapLayer):
            lyr = QgsProcessingUtils.mapLayerFromString(str(v), context, False)
            if lyr is None:
                s = str(v)
                if "|" in s:
                    path, rest = s.split("|", 1)
                    m = re.search(r"layername=([^|]*)", rest)
                    out.append((name, _norm(path), m.group(1) if m else None))
                elif os.path.exists(s):
                    out.append((name, _norm(s), None))
                return
            v = lyr
        try:
            parts = QgsProviderRegistry.instance().decodeUri(v.providerType(), v.source())
        except Exception:  # pragma: no cover
            return
        path = parts.get("path")
        if path:
            out.append((name, _norm(path), parts.get("layerName") or None))

    for d in alg.parameterDefinitions():
        if d.isDestination():
            continue
        if isinstance(d, (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                          QgsProcessingParameterMapLayer, QgsProcessingParameterRasterLayer,
                          QgsProcessingParameterFile)):
            add(d.name(), _raw_value(parameters, d, context))
        elif isinstance(d, QgsProcessingParameterMultipleLayers):
            v = _raw_value(parameters, d, context)
            for item in (v if isinstance(v, (list, tuple)) else [v]):
                add(d.name(), item)
    return out


def _name_loaded_outputs(alg, results, context):
    """A layer loaded at the end takes the output's label ("Territoires avec indicateurs") when
    the name QGIS gave it is an identifier: inside a model, the model output's name
    ("TERRITORIES") is the loaded layer's name."""
    import re
    if not isinstance(results, dict) or context is None:
        return
    for d in alg.destinationParameterDefinitions():
        dest = results.get(d.name())
        if not isinstance(dest, str) or not dest or not context.willLoadLayerOnCompletion(dest):
            continue
        details = context.layerToLoadOnCompletionDetails(dest)
        if re.fullmatch(r"[A-Z][A-Z0-9_]*", details.name or ""):
            details.name = d.description()


def _extensions(file_filter: str):
    """Lower-case extensions of a Qt file filter ("HTML files (*.html *.htm)"), empty when any."""
    exts = [e.lower() for e in re.findall(r"\*\.([A-Za-z0-9_.]+)", file_filter or "")]
    return [] if not exts or "*" in exts else exts


class OutputGuard:
    """Before a run: refuses a destination that is also an input, or that cannot be written
    (missing or read-only folder, unknown extension), naming the parameter and the path; and
    remembers which files exist. After a failed or canceled run, removes only what the run
    created: files that did not exist before (with their SQLite journals or shapefile
    .dbf/.shx/.prj/.cpg), a folder it created, the new entries of an existing destination folder.
    A file that existed before the run is never removed."""

    def __init__(self, alg, parameters, context):
        from qgis.core import (QgsProcessingParameterFeatureSink, QgsProcessingParameterFileDestination,
                               QgsProcessingParameterFolderDestination, QgsProcessingParameterRasterDestination,
                               QgsProcessingParameterVectorDestination)
        self.files, self.folders, self.problems = [], [], []
        self._inputs = None
        for d in alg.destinationParameterDefinitions():
            name = d.name()
            value = _raw_value(parameters, d, context)
            if not isinstance(value, str) or not value:
                continue
            if isinstance(d, QgsProcessingParameterFolderDestination):
                if value == "TEMPORARY_OUTPUT":
                    continue
                self._check_folder(name, value)
                listing = set(os.listdir(value)) if os.path.isdir(value) else None
                self.folders.append((value, listing))
                continue
            if isinstance(d, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination,
                              QgsProcessingParameterRasterDestination)):
                path, whole, layer = _destination_parts(value)
                if path and whole and not os.path.splitext(path)[1]:
                    path = path + "." + d.defaultFileExtension()  # what Processing writes
                exts = [e.lower() for e in (d.supportedOutputVectorLayerExtensions()
                                            if hasattr(d, "supportedOutputVectorLayerExtensions")
                                            else d.supportedOutputRasterLayerExtensions())]
            elif isinstance(d, QgsProcessingParameterFileDestination):
                path, whole, layer = _destination_parts(value)
                exts = _extensions(d.fileFilter())
            else:
                continue
            if not path:
                continue
            self._check_file(alg, parameters, context, name, path, whole, layer, exts)
            self.files.append((path, _stamp(path), [(p, _stamp(p)) for p in _side_files(path)]))

    # ------------------------------------------------------------------ checks before the run
    def _check_folder(self, name, path):
        if os.path.exists(path) and not os.path.isdir(path):
            self.problems.append(tr("{}: '{}' is a file, not a folder. Choose a folder.").format(name, path))
            return
        target = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(target):
            self.problems.append(tr("{}: the folder '{}' does not exist. Create it or choose another one.").format(
                name, target))
        elif not os.access(target, os.W_OK | os.X_OK):
            self.problems.append(tr("{}: the folder '{}' is not writable. Choose another one.").format(name, target))

    def _check_file(self, alg, parameters, context, name, path, whole, layer, exts):
        if os.path.isdir(path):
            self.problems.append(tr("{}: '{}' is a folder: give a file name.").format(name, path))
            return
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        if exts and ext and ext not in exts:
            self.problems.append(tr("{}: '{}' does not end with {}: this output cannot be written in that "
                                    "format.").format(name, path, " / ".join("." + e for e in exts[:6])))
            return
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            self.problems.append(tr("{}: the folder '{}' does not exist. Create it or choose another one.").format(
                name, folder))
            return
        if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
            self.problems.append(tr("{}: '{}' cannot be written (read-only file or folder). "
                                    "Choose another destination.").format(name, path))
            return
        if self._inputs is None:
            try:
                self._inputs = _input_files(alg, parameters, context)
            except Exception:  # pragma: no cover - an unreadable input: the algorithm will say so
                self._inputs = []
        npath = _norm(path)
        for iname, ipath, ilayer in self._inputs:
            if ipath != npath:
                continue
            if not whole and layer and ilayer and layer != ilayer:
                continue  # a new layer of the input's GeoPackage: the other layers are kept
            self.problems.append(tr(
                "{}: the destination '{}' is also the input {}: writing it would destroy your data. "
                "Choose another file name.").format(name, path, iname))

    def check(self):
        """Raise QgsProcessingException naming every destination that cannot be written."""
        if self.problems:
            raise QgsProcessingException("\n".join(self.problems))

    # ------------------------------------------------------------------ cleanup after a failure
    def cleanup(self):
        removed = []
        for path, before, sides in self.files:
            if before is None and _stamp(path) is not None:
                try:
                    os.remove(path)
                    removed.append(path)
                except OSError:
                    pass
            for p, sbefore in sides:
                if sbefore is None and _stamp(p) is not None:
                    try:
                        os.remove(p)
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
    # names of the parameters several algorithms share (declared and read by .inputs)
    INPUT = inputs.INPUT
    COMMUNES = inputs.COMMUNES
    ID_FIELD = inputs.ID_FIELD
    POPULATION_FIELD = inputs.POPULATION_FIELD

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
        """The offline help shipped in the plugin, at this algorithm's row: the dialog's Help button
        opens it with QDesktopServices (no network needed)."""
        return help_url(self.NAME)

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        if self.NEEDS_DEPENDENCIES:
            miss = deps.missing()
            if miss:
                raise QgsProcessingException(deps.install_instructions(miss))
        guard = OutputGuard(self, parameters, context)
        guard.check()  # before any work: a destination that is an input, or cannot be written
        try:
            results = self._process(parameters, context, feedback)
            _name_loaded_outputs(self, results, context)
            return results
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
        except OptimaError as e:  # the core speaks English: its message in the interface language
            raise QgsProcessingException(tr_error(str(e)))
        except QgsProcessingException:
            if feedback is not None and feedback.isCanceled():
                raise QgsProcessingException(tr("Canceled by the user: no output was written."))
            raise
        except MemoryError:
            raise QgsProcessingException(tr("Not enough memory for this run: try fewer communes or a cutoff."))
        except Exception as e:  # a bug: keep the trace in the log, give a readable message
            if feedback is not None:
                feedback.pushDebugInfo(traceback.format_exc())
            raise QgsProcessingException(tr("Unexpected error in {}: {}").format(self.NAME, tr_error(str(e))))

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

    def checkParameterValues(self, parameters, context):
        """QGIS's checks, then: a field given to a parameter declared numeric is numeric."""
        ok, msg = super().checkParameterValues(parameters, context)
        if ok:
            problems = inputs.field_type_problems(self, parameters, context)
            if problems:
                return False, "\n".join(problems)
        return ok, msg

    def prepareAlgorithm(self, parameters, context, feedback):
        """Before any work (also for a model's child, which QGIS does not check): the declared
        numeric fields are numeric."""
        problems = inputs.field_type_problems(self, parameters, context)
        if problems:
            raise QgsProcessingException("\n".join(problems))
        return True

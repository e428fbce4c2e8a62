"""Desktop entry points: the Vector > OPTIMA menu, the OPTIMA toolbar button and the guided
territorialisation dialog.

The dialog is a thin form over four Processing algorithms run in sequence, each as a background
task (:func:`build_pipeline_params` gives the exact calls and is tested without a window);
everything it does can also be done from the toolbox, the modeller or ``qgis_process``.
"""
from __future__ import annotations

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QDialog

from .i18n import tr
from .compat import ParamFlag, QAction

MENU = "OPTIMA"  # the plugin's name: not translated (unload removes actions from this menu)
PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg")
TOOLBOX_FILTER = "optima:"  # matches every OPTIMA algorithm id, whatever the UI language

STEP_TERRITORIES = "optima:cluster_territories"
STEP_SITES = "optima:locate_service_sites"
STEP_INDICATORS = "optima:territory_indicators"
STEP_REPORT = "optima:territorialisation_report"
PIPELINE = (STEP_TERRITORIES, STEP_SITES, STEP_INDICATORS, STEP_REPORT)
HELP_FILE = os.path.join(PLUGIN_DIR, "resources", "help", "index.html")  # French; see documentation_file()

# files written in the output folder (GeoPackage; names in French for the officers who open them)
OUT_COMMUNES = "communes_territoires.gpkg"
OUT_TERRITORIES = "territoires.gpkg"
OUT_SITES = "sites.gpkg"
OUT_ALLOCATION = "affectation.gpkg"
OUT_LINES = "lignes_affectation.gpkg"
OUT_IND_COMMUNES = "indicateurs_communes.gpkg"
OUT_IND_TERRITORIES = "indicateurs_territoires.gpkg"
OUT_IND_SITES = "indicateurs_sites.gpkg"
OUT_IND_JSON = "indicateurs.json"
OUT_REPORT = "rapport.html"
OUT_SPREADSHEET = "tableur_optima.xlsx"  # "Export to a spreadsheet" after a run (CSV files beside it)

def step_label(alg_id: str) -> str:
    return {
        STEP_TERRITORIES: tr("Territories (balanced, contiguous)"),
        STEP_SITES: tr("Service site of each territory"),
        STEP_INDICATORS: tr("Territory indicators"),
        STEP_REPORT: tr("Report"),
    }.get(alg_id, alg_id)


# --------------------------------------------------------------------------- pipeline (no widgets)

def build_pipeline_params(communes, population_field: str, n_territories: int, out_dir: str,
                          id_field: str | None = None, sites=None, threshold_min: float = 20.0,
                          roads=None, report_language: int = 0):
    """The guided run as ``[(algorithm id, parameters), ...]``, in order.

    Each step writes GeoPackages into ``out_dir`` and the next one reads them, so the list is
    complete before anything runs (and can be replayed with ``processing.run`` or
    ``qgis_process``). ``communes``: a layer or a path; ``sites``: optional candidate sites
    (e.g. town halls, France services); without them every commune is a candidate; ``roads``:
    optional road layer (``NETWORK`` of the three first steps; without it, the proxy network of
    neighbouring communes); ``report_language``: 0 French, 1 English.
    """
    if not population_field:
        raise ValueError(tr("Choose the population field."))
    n = int(n_territories)
    if not 2 <= n <= 50:
        raise ValueError(tr("The number of territories must be between 2 and 50."))
    if not out_dir:
        raise ValueError(tr("Choose an output folder."))
    path = lambda name: os.path.join(out_dir, name)  # noqa: E731
    territories = {
        "INPUT": communes,
        "POPULATION_FIELD": population_field,
        "N_TERRITORIES": n,
        "OUTPUT_COMMUNES": path(OUT_COMMUNES),
        "OUTPUT_TERRITORIES": path(OUT_TERRITORIES),
    }
    if id_field:
        territories["ID_FIELD"] = id_field
    sites_step = {
        "DEMAND": path(OUT_COMMUNES),
        "WEIGHT_FIELD": population_field,
        "TERRITORY_FIELD": "territory",
        "N_SITES": 1,
        "PROBLEM": 0,  # p-median: the least total inhabitant-minutes in each territory
        "OUTPUT_SITES": path(OUT_SITES),
        "OUTPUT_ALLOCATION": path(OUT_ALLOCATION),
        "OUTPUT_LINES": path(OUT_LINES),
    }
    if sites is not None and sites != "":
        sites_step["CANDIDATES"] = sites
    indicators = {
        "COMMUNES": path(OUT_COMMUNES),
        "TERRITORY_FIELD": "territory",
        "POPULATION_FIELD": population_field,
        "SITES": path(OUT_SITES),
        "SITE_ID_FIELD": "site_id",
        "SITE_TERRITORY_FIELD": "territory",
        "THRESHOLD_MIN": float(threshold_min),
        "OUTPUT_COMMUNES": path(OUT_IND_COMMUNES),
        "OUTPUT_TERRITORIES": path(OUT_IND_TERRITORIES),
        "OUTPUT_SITES": path(OUT_IND_SITES),
        "OUTPUT_JSON": path(OUT_IND_JSON),
    }
    report = {
        "COMMUNES": path(OUT_IND_COMMUNES),
        "TERRITORIES": path(OUT_IND_TERRITORIES),
        "SITES": path(OUT_IND_SITES),
        "THRESHOLD_MIN": float(threshold_min),
        "LANGUAGE": int(report_language),
        "OUTPUT_HTML": path(OUT_REPORT),
    }
    if roads is not None and roads != "":
        for step in (territories, sites_step, indicators):
            step["NETWORK"] = roads
    return [(STEP_TERRITORIES, territories), (STEP_SITES, sites_step), (STEP_INDICATORS, indicators),
            (STEP_REPORT, report)]


def planned_outputs(steps) -> list:
    """Every file path the steps will write (their OUTPUT* parameters)."""
    out = []
    for _alg, params in steps:
        out += [v for k, v in params.items() if k.startswith("OUTPUT") and isinstance(v, str) and v]
    return out


def remove_created(paths, existed, out_dir=None, dir_existed=True) -> list:
    """Delete the files of ``paths`` that did not exist before the run (``existed``: the set
    that did), with their SQLite side files; the output folder too when the run created it and
    it is left empty. Files that were there before are never touched. Returns what was removed."""
    removed = []
    for p in paths:
        if p in existed:
            continue
        for f in (p, p + "-wal", p + "-shm", p + "-journal"):
            if os.path.isfile(f):
                try:
                    os.remove(f)
                    removed.append(f)
                except OSError:
                    pass
    if out_dir and not dir_existed and os.path.isdir(out_dir) and not os.listdir(out_dir):
        os.rmdir(out_dir)
        removed.append(out_dir)
    return removed


def missing_algorithms(alg_ids=PIPELINE, registry=None) -> list:
    """The algorithm ids of ``alg_ids`` not (yet) in the Processing registry."""
    registry = registry or QgsApplication.processingRegistry()
    return [a for a in alg_ids if registry.algorithmById(a) is None]


def adapt_params(alg, params: dict, out_dir: str):
    """Fit ``params`` to the parameters ``alg`` really declares.

    Returns ``(params, notes, blocking)``: parameters the algorithm does not know are dropped
    (noted), outputs it declares and we did not name are written to ``out_dir`` too, and
    ``blocking`` lists mandatory inputs without a default that the dialog cannot provide.
    """
    from qgis.core import QgsProcessingDestinationParameter

    defs = {d.name(): d for d in alg.parameterDefinitions()}
    out, notes, blocking = {}, [], []
    for k, v in params.items():
        if k in defs:
            out[k] = v
        else:
            notes.append(tr("{}: parameter {} is not used by this version of the algorithm").format(alg.id(), k))
    step = alg.name()
    for name, d in defs.items():
        if name in out:
            continue
        if isinstance(d, QgsProcessingDestinationParameter):
            if not (d.flags() & ParamFlag.Optional) or d.createByDefault():
                ext = d.defaultFileExtension() if hasattr(d, "defaultFileExtension") else "gpkg"
                out[name] = os.path.join(out_dir, f"{step}_{name.lower()}.{ext or 'gpkg'}")
        elif not (d.flags() & ParamFlag.Optional) and d.defaultValue() is None:
            blocking.append(name)
    return out, notes, blocking


def output_layers(alg, results: dict):
    """[(layer name, path, output key)] of the vector files a step wrote, named by the algorithm's
    (translated) output descriptions."""
    found = []
    for key, value in results.items():
        if not isinstance(value, str) or not value.lower().endswith((".gpkg", ".shp", ".geojson")):
            continue
        if not os.path.exists(value.split("|")[0]):
            continue
        d = alg.outputDefinition(key) if alg is not None else None
        found.append((d.description() if d is not None else key, value, key))
    return found


# --------------------------------------------------------------------------- menu and toolbar

def open_toolbox(iface, filter_text: str = TOOLBOX_FILTER) -> bool:
    """Show the Processing toolbox filtered on OPTIMA. False when the Processing plugin is off."""
    from qgis.PyQt.QtWidgets import QDockWidget, QLineEdit, QTreeView

    win = iface.mainWindow()
    dock = win.findChild(QDockWidget, "ProcessingToolbox")
    if dock is None:
        act = win.findChild(QAction, "toolboxAction")  # the Processing plugin's own action
        if act is not None:
            act.setChecked(True)
            dock = win.findChild(QDockWidget, "ProcessingToolbox")
    if dock is None:
        iface.messageBar().pushWarning(
            "OPTIMA", tr("The Processing toolbox is not available: enable the 'Processing' core plugin "
                         "(Plugins > Manage and Install Plugins)."))
        return False
    if hasattr(dock, "setUserVisible"):
        dock.setUserVisible(True)
    else:  # pragma: no cover - plain QDockWidget
        dock.show()
    dock.raise_()
    box = dock.findChild(QLineEdit, "searchBox")
    if box is not None and filter_text is not None:
        box.setText(filter_text)  # the toolbox filters on textChanged
    tree = dock.findChild(QTreeView, "algorithmTree")
    if tree is not None:
        tree.expandAll()
    return True


def documentation_file() -> str:
    """The offline help shipped in the plugin in the interface language: resources/help/index.html
    (French) or index_en.html (any other language)."""
    from ..processing_algorithms.base import help_file
    return help_file()


def documentation_url() -> QUrl:
    """The offline help shipped in the plugin (resources/help/index.html, or index_en.html when
    the interface is not French)."""
    return QUrl.fromLocalFile(documentation_file())


def open_documentation() -> bool:
    """Opens the plugin's own help page (a local file: no network needed)."""
    if not os.path.exists(documentation_file()):
        return False
    return bool(QDesktopServices.openUrl(documentation_url()))


def menu_entries(iface, plugin=None) -> list:
    """The entries of the Vector > OPTIMA menu and of the toolbar button, in order:
    ``(text, slot, objectName, on the toolbar)``. Add an entry here and it appears in both."""
    return [
        (tr("Guided territorialisation…"), lambda: open_guided_dialog(iface, plugin), "optimaGuided", True),
        (tr("Open the OPTIMA toolbox"), lambda: open_toolbox(iface), "optimaOpenToolbox", True),
        (tr("Documentation"), open_documentation, "optimaDocumentation", True),
    ]


def add_menu(iface, plugin=None, entries=None) -> list:
    """Adds Vector > OPTIMA > (guided territorialisation, toolbox, documentation) and one OPTIMA
    button on the Plugins toolbar (click: the guided dialog; its arrow: every entry). Returns the
    actions (the toolbar action last); :func:`remove_menu` takes them away."""
    from qgis.PyQt.QtWidgets import QMenu, QToolButton

    win = iface.mainWindow()
    icon = QIcon(ICON)
    actions, popup = [], QMenu(win)
    popup.setObjectName("optimaToolbarMenu")
    for text, slot, name, on_toolbar in (entries or menu_entries(iface, plugin)):
        a = QAction(icon, text, win)
        a.setObjectName(name)
        a.triggered.connect(lambda _checked=False, s=slot: s())
        iface.addPluginToVectorMenu(MENU, a)
        if on_toolbar:
            popup.addAction(a)
        actions.append(a)
    button = QToolButton(win)
    button.setObjectName("optimaToolButton")
    button.setIcon(icon)
    button.setMenu(popup)
    button.setPopupMode(QToolButton.MenuButtonPopup)
    button.setDefaultAction(actions[0])
    button.setToolTip(tr("OPTIMA: guided territorialisation (arrow: every OPTIMA entry)"))
    tool = iface.addToolBarWidget(button)
    tool.setObjectName("optimaToolbarAction")
    button._optima_menu = popup  # keep the menu alive with the button
    actions.append(tool)
    return actions


def remove_menu(iface, actions) -> None:
    for a in actions:
        try:
            if a.objectName() == "optimaToolbarAction":
                iface.removeToolBarIcon(a)
            else:
                iface.removePluginVectorMenu(MENU, a)
        except (RuntimeError, AttributeError):  # already deleted with the main window
            pass


def open_guided_dialog(iface, plugin=None):
    old = getattr(plugin, "_guided_dialog", None) if plugin is not None else None
    if old is not None and old.is_running():
        old.show()
        old.raise_()
        return old
    dlg = GuidedDialog(iface, iface.mainWindow())
    if plugin is not None:
        plugin._guided_dialog = dlg  # keep a reference while it is open
    dlg.show()
    return dlg


# --------------------------------------------------------------------------- background run

class _Feedback:
    """Factory of a QgsProcessingFeedback that keeps the messages of a step (read by the dialog
    in the main thread: the algorithm runs in a worker thread, widgets are never touched there)."""

    @staticmethod
    def create():
        from qgis.core import QgsProcessingFeedback

        class StepFeedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.messages = []   # (level, text); appended in the worker thread, read in the main one
                self.warnings = []

            def pushInfo(self, info):  # noqa: N802 - QGIS API
                self.messages.append(("info", info))
                super().pushInfo(info)

            def pushWarning(self, warning):  # noqa: N802
                self.messages.append(("warning", warning))
                self.warnings.append(warning)
                super().pushWarning(warning)

            def reportError(self, error, fatalError=False):  # noqa: N802,N803
                self.messages.append(("error", error))
                super().reportError(error, fatalError)

        return StepFeedback()


# --------------------------------------------------------------------------- summary

def _read_rows(path, fields):
    from qgis.core import QgsFeatureRequest, QgsVectorLayer
    lyr = QgsVectorLayer(path, "t", "ogr")
    if not lyr.isValid():
        return []
    names = lyr.fields().names()
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    rows = []
    for f in lyr.getFeatures(req):
        rows.append({k: (None if k not in names or str(f[k]) == "NULL" else f[k]) for k in fields})
    return rows


def run_summary(out_dir: str, tolerance_pct: float = 10.0, warnings=()) -> str:
    """The French (translated) end-of-run summary: per territory its name, population, deviation,
    mean and max time; then every warning (territory not contiguous, balance not met, communes
    that cannot reach their site, and the warnings the steps wrote)."""
    from .i18n import fmt_num
    from .styling import hub_names, territory_label

    path = lambda name: os.path.join(out_dir, name)  # noqa: E731
    terr = _read_rows(path(OUT_IND_TERRITORIES), ["territory", "name", "pop", "pop_dev_pct", "time_mean",
                                                  "time_max", "n_unreachable", "contiguous"])
    base = {str(r["territory"]): r for r in _read_rows(path(OUT_TERRITORIES), ["territory", "contiguous",
                                                                              "forced_alone"])}
    names = {}
    if os.path.exists(path(OUT_COMMUNES)):
        from qgis.core import QgsVectorLayer
        names = hub_names(QgsVectorLayer(path(OUT_COMMUNES), "c", "ogr"))
    lines, warn = [], []
    free = [float(r["pop"]) for r in terr if r["pop"] is not None
            and not int(base.get(str(r["territory"]), {}).get("forced_alone") or 0)]
    target = sum(free) / len(free) if free else None
    if terr:
        lines.append(tr("{} territories:").format(len(terr)))
    for r in sorted(terr, key=lambda r: float(r["territory"] or 0)):
        t = str(r["territory"])
        label = territory_label(t, names.get(t) or r.get("name"))
        lines.append(tr("• {}: {} inhabitants, deviation {} %, mean time {} min, max {} min").format(
            label, fmt_num(r["pop"]), fmt_num(r["pop_dev_pct"], 1), fmt_num(r["time_mean"], 1),
            fmt_num(r["time_max"], 1)))
        contiguous = base.get(t, {}).get("contiguous", r.get("contiguous"))
        if contiguous is not None and int(contiguous) == 0:
            warn.append(tr("Territory {} is not contiguous.").format(label))
        dev = r["pop_dev_pct"]
        if int(base.get(t, {}).get("forced_alone") or 0):
            if dev is not None and abs(float(dev)) > tolerance_pct + 1e-9:
                warn.append(tr("Territory {}: balance not met ({} %), unavoidable: a commune heavier than the "
                               "target forms it alone.").format(label, fmt_num(dev, 1)))
        elif r["pop"] is not None and target:
            # against the target of the territories not alone by necessity (what the balance means then)
            d = 100.0 * (float(r["pop"]) - target) / target
            if abs(d) > tolerance_pct + 1e-9:
                warn.append(tr("Territory {}: balance not met ({} % for a tolerance of {} %).").format(
                    label, fmt_num(d, 1), fmt_num(tolerance_pct, 0)))
        if r["n_unreachable"]:
            warn.append(tr("Territory {}: {} commune(s) cannot reach the site.").format(
                label, fmt_num(r["n_unreachable"])))
    seen = set()
    for w in list(warnings):
        if w not in seen:
            seen.add(w)
            warn.append(w)
    if warn:
        lines.append(tr("Warnings:"))
        lines += ["⚠ " + w for w in warn]
    else:
        lines.append(tr("No warning: every territory is contiguous, balanced and reaches its site."))
    return "\n".join(lines)


# --------------------------------------------------------------------------- dialog

def spreadsheet_sources(out_dir: str) -> list:
    """[(file, sheet name)] of the tables of a guided run found in ``out_dir``, in sheet order."""
    plan = [(OUT_IND_TERRITORIES, tr("Territories")), (OUT_COMMUNES, tr("Communes with their territory")),
            (OUT_IND_COMMUNES, tr("Travel time of each commune")), (OUT_IND_SITES, tr("Service sites"))]
    return [(os.path.join(out_dir, f), name) for f, name in plan if os.path.exists(os.path.join(out_dir, f))]


def export_run_spreadsheet(out_dir: str, lang: str = "fr") -> dict:
    """The tables of a guided run (and its indicators file) as ``OUT_SPREADSHEET`` with CSV files
    beside it, in ``out_dir``, through the export of "Export tables to a spreadsheet"
    (``spreadsheet_for_layers``). Returns ``{"xlsx": path or None, "csv": [paths], "message": ...}``."""
    from qgis.core import QgsVectorLayer

    from ..processing_algorithms.export_spreadsheet import indicator_sheets, spreadsheet_for_layers
    layers = []
    for path, name in spreadsheet_sources(out_dir):
        lyr = QgsVectorLayer(path, name, "ogr")
        if lyr.isValid():
            layers.append(lyr)
    xlsx = os.path.join(out_dir, OUT_SPREADSHEET)
    jpath = os.path.join(out_dir, OUT_IND_JSON)
    if not os.path.exists(jpath):
        return spreadsheet_for_layers(layers, xlsx, lang)
    from .core import spreadsheets as ss  # the layers and the overall figures of the indicators
    from ..processing_algorithms.export_spreadsheet import table_sheets
    sheets = table_sheets(layers)
    sheets.update(indicator_sheets(jpath, lang))
    return ss.export_tables(sheets, xlsx, None, lang)


class GuidedDialog(QDialog):
    """Communes, population, number of territories, optional sites and roads, threshold, folder
    -> Run. Each step runs as a background QGIS task: the map stays responsive, the progress bar
    follows the algorithm, Cancel stops it and removes only the files this run created."""

    POLL_MS = 150

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        from qgis.core import QgsFieldProxyModel, QgsMapLayerProxyModel
        from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
        from qgis.PyQt.QtCore import QTimer
        from qgis.PyQt.QtWidgets import (
            QDialogButtonBox,
            QDoubleSpinBox,
            QFormLayout,
            QLabel,
            QPlainTextEdit,
            QProgressBar,
            QSpinBox,
            QVBoxLayout,
        )

        self.iface = iface
        self.feedback = None
        self.task = None
        self._state = None
        self._close_when_done = False
        self.report_path = None
        self.summary = ""
        self.out_folder = None  # the folder of the last finished run (the spreadsheet goes there)
        self.setObjectName("optimaGuidedDialog")
        self.setWindowTitle(tr("OPTIMA — guided territorialisation"))
        self.setWindowIcon(QIcon(ICON))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("Cuts the communes into balanced, contiguous territories, places one service "
                          "site in each, measures travel times and equity and writes the report. The four "
                          "steps are algorithms of the OPTIMA toolbox: open them there for every option."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        lay.addLayout(form)

        self.communes = QgsMapLayerComboBox()
        self.communes.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.communes.setObjectName("communes")
        form.addRow(tr("Communes layer"), self.communes)
        self.id_field = QgsFieldComboBox()
        self.id_field.setObjectName("id_field")
        form.addRow(tr("Commune identifier field"), self.id_field)
        self.population = QgsFieldComboBox()
        self.population.setFilters(QgsFieldProxyModel.Numeric)
        self.population.setObjectName("population")
        form.addRow(tr("Population field"), self.population)
        self.n_territories = QSpinBox()
        self.n_territories.setRange(2, 50)
        self.n_territories.setValue(6)
        self.n_territories.setObjectName("n_territories")
        form.addRow(tr("Number of territories"), self.n_territories)
        self.sites = QgsMapLayerComboBox()
        self.sites.setFilters(QgsMapLayerProxyModel.PointLayer)
        self.sites.setAllowEmptyLayer(True)
        self.sites.setLayer(None)
        self.sites.setObjectName("sites")
        form.addRow(tr("Candidate sites (optional)"), self.sites)
        self.roads = QgsMapLayerComboBox()
        self.roads.setFilters(QgsMapLayerProxyModel.LineLayer)
        self.roads.setAllowEmptyLayer(True)
        self.roads.setLayer(None)
        self.roads.setObjectName("roads")
        self.roads.setToolTip(tr("Without a road layer, travel times follow the links between neighbouring "
                                 "communes (straight distance x 1.3 at 60 km/h)."))
        form.addRow(tr("Road network (optional)"), self.roads)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(1, 240)
        self.threshold.setDecimals(0)
        self.threshold.setValue(20)
        self.threshold.setSuffix(" min")
        self.threshold.setObjectName("threshold")
        form.addRow(tr("Travel time threshold"), self.threshold)
        self.out_dir = QgsFileWidget()
        self.out_dir.setStorageMode(QgsFileWidget.GetDirectory)
        self.out_dir.setObjectName("out_dir")
        form.addRow(tr("Output folder"), self.out_dir)

        self.step_label = QLabel("")
        self.step_label.setObjectName("step_label")
        lay.addWidget(self.step_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setObjectName("log")
        lay.addWidget(self.log)
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(tr("Run"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.report_button = self.buttons.addButton(tr("Open the report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.spreadsheet_button = self.buttons.addButton(tr("Export to a spreadsheet"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.spreadsheet_button.setObjectName("export_spreadsheet")
        self.spreadsheet_button.setToolTip(tr("The tables of this run (territories, communes, sites, "
                                              "indicators) as an XLSX workbook and CSV files in its output folder."))
        self.spreadsheet_button.setEnabled(False)
        self.spreadsheet_button.clicked.connect(self.export_spreadsheet)
        self.cancel_button = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = self.buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.report_button.setObjectName("open_report")
        self.report_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.run_button.clicked.connect(self.run)
        self.report_button.clicked.connect(self.open_report)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        lay.addWidget(self.buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)

        self.communes.layerChanged.connect(self._layer_changed)
        self._layer_changed(self.communes.currentLayer())
        self.resize(640, 780)
        self._report_availability()

    # ................................................................ form
    def _layer_changed(self, layer):
        self.id_field.setLayer(layer)
        self.population.setLayer(layer)
        if layer is None:
            return
        names = [f.name() for f in layer.fields()]
        for combo, guesses in ((self.id_field, ("insee", "code_insee", "insee_com", "INSEE_COM", "code")),
                               (self.population, ("population", "pop", "POPULATION", "PTOT", "pmun"))):
            for g in guesses:
                if g in names:
                    combo.setField(g)
                    break

    def _report_availability(self):
        miss = missing_algorithms()
        for a in miss:
            self.say(tr("Not available yet in this version of OPTIMA: step '{}' ({}).").format(step_label(a), a))
        if len(miss) == len(PIPELINE):
            self.run_button.setEnabled(False)

    def say(self, text: str):
        self.log.appendPlainText(text)

    def values(self) -> dict:
        from .i18n import language
        return {
            "communes": self.communes.currentLayer(),
            "population_field": self.population.currentField(),
            "id_field": self.id_field.currentField() or None,
            "n_territories": self.n_territories.value(),
            "sites": self.sites.currentLayer(),
            "roads": self.roads.currentLayer(),
            "threshold_min": self.threshold.value(),
            "out_dir": self.out_dir.filePath(),
            "report_language": 0 if language() == "fr" else 1,
        }

    def is_running(self) -> bool:
        return self._state is not None

    # ................................................................ run
    def run(self) -> bool:
        """Starts the run in the background; returns False (and says why) when it cannot start.
        ``finished`` (a list of (alg id, results)) is filled as steps end; ``is_running()`` tells
        when it is over."""
        if self.is_running():
            return False
        v = self.values()
        if v["communes"] is None:
            self.say(tr("Choose a communes layer."))
            return False
        try:
            steps = build_pipeline_params(**v)
        except ValueError as e:
            self.say(str(e))
            return False
        out_dir = v["out_dir"]
        dir_existed = os.path.isdir(out_dir)
        paths = planned_outputs(steps)
        self._remove_previous_group(out_dir)
        os.makedirs(out_dir, exist_ok=True)
        self.finished = []
        self.summary = ""
        self.report_path = None
        self.out_folder = None
        self.report_button.setEnabled(False)
        self.spreadsheet_button.setEnabled(False)
        self.log.clear()
        self._state = {"steps": steps, "i": 0, "layers": [], "out_dir": out_dir, "paths": paths,
                       "existed": {p for p in paths if os.path.exists(p)}, "dir_existed": dir_existed,
                       "warnings": [], "canceled": False, "failed": False}
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self._start_step()
        return True

    def _start_step(self):
        from qgis.core import QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext, QgsProject

        from .threads import warm_solver
        warm_solver()  # highspy first touched here, in the main thread, never in a task thread

        st = self._state
        i, steps = st["i"], st["steps"]
        n = len(steps)
        if i >= n or st["canceled"]:
            return self._end()
        alg_id, params = steps[i]
        label = step_label(alg_id)
        registry = QgsApplication.processingRegistry()
        alg = registry.algorithmById(alg_id)
        if alg is None:
            rest = ", ".join(step_label(a) for a, _ in steps[i:])
            self.say(tr("Step {}/{} '{}' is not available yet in this version of OPTIMA ({}): "
                        "stopped before {}.").format(i + 1, n, label, alg_id, rest))
            return self._end()
        params, notes, blocking = adapt_params(alg, params, st["out_dir"])
        for note in notes:
            self.say(note)
        if blocking:
            self.say(tr("Step {}/{} '{}' needs parameters this dialog does not set ({}): run it from "
                        "the toolbox.").format(i + 1, n, label, ", ".join(blocking)))
            return self._end()
        for p in planned_outputs([(alg_id, params)]):  # outputs the dialog did not name: known too
            if p not in st["paths"]:
                st["paths"].append(p)
                if os.path.exists(p):
                    st["existed"].add(p)
        self.say(tr("Step {}/{}: {}…").format(i + 1, n, label))
        self.step_label.setText(tr("Step {}/{}: {}…").format(i + 1, n, label))
        fb = _Feedback.create()
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        ctx.setFeedback(fb)
        self.feedback = fb
        st.update(alg=alg, ctx=ctx, fb=fb, shown=0)
        task = QgsProcessingAlgRunnerTask(alg, params, ctx, fb)
        task.executed.connect(self._step_done)
        self.task = task
        QgsApplication.taskManager().addTask(task)
        self.timer.start()

    def _poll(self):
        """Main thread: the progress bar and the new messages of the running step."""
        st = self._state
        if st is None or st.get("fb") is None:
            return
        fb, n = st["fb"], len(st["steps"])
        self.progress.setValue(int((st["i"] + max(0.0, min(100.0, fb.progress())) / 100.0) * 100 / n))
        msgs = fb.messages
        while st["shown"] < len(msgs):
            level, text = msgs[st["shown"]]
            st["shown"] += 1
            self.say(("⚠ " if level != "info" else "  ") + text)

    def _step_done(self, ok, results):
        st = self._state
        if st is None:
            return
        self._poll()
        self.timer.stop()
        fb, alg = st["fb"], st["alg"]
        st["warnings"] += list(fb.warnings)
        i, n = st["i"], len(st["steps"])
        label = step_label(alg.id())
        self.task = None
        if fb.isCanceled() or st["canceled"]:
            st["canceled"] = True
            self.say(tr("Canceled by the user."))
            return self._end()
        if not ok:
            st["failed"] = True
            errs = [t for lvl, t in fb.messages if lvl == "error"]
            self.say(tr("Step {}/{} '{}' failed: {}").format(i + 1, n, label, errs[-1] if errs else "?"))
            return self._end()
        results = dict(results or {})
        # layers the context still holds (none with file outputs) are released in the main thread
        for lyr in list(st["ctx"].temporaryLayerStore().mapLayers().values()):
            st["ctx"].temporaryLayerStore().removeMapLayer(lyr)
        self.finished.append((alg.id(), results))
        if alg.id() == STEP_REPORT and results.get("OUTPUT_HTML"):
            self.report_path = results["OUTPUT_HTML"]
        st["i"] = i + 1
        self.progress.setValue(int(100 * (i + 1) / n))
        self._start_step()

    def _end(self):
        st = self._state
        self.timer.stop()
        n = len(st["steps"])
        done = len(self.finished)
        if st["canceled"] or st["failed"]:
            removed = remove_created(st["paths"], st["existed"], st["out_dir"], st["dir_existed"])
            self.say(tr("{} file(s) written by this run removed; files that were there before are kept.")
                     .format(len(removed)))
            self.step_label.setText(tr("Canceled.") if st["canceled"] else tr("Failed."))
        else:
            layers = self.add_layers(st["out_dir"])
            self.summary = run_summary(st["out_dir"], self._tolerance(), st["warnings"])
            self.say("")
            first = self.log.blockCount()
            self.say(tr("Done: {} layers added to the project, files in {}.").format(len(layers), st["out_dir"]))
            self.say(self.summary)
            self.log.verticalScrollBar().setValue(first - 1)  # the summary in view, not the step log
            self.step_label.setText(tr("Done."))
            self.progress.setValue(100)
            if done == n and self.report_path and os.path.exists(self.report_path):
                self.report_button.setEnabled(True)
            self.out_folder = st["out_dir"]
            self.spreadsheet_button.setEnabled(bool(spreadsheet_sources(st["out_dir"])))
        self._state = None
        self.feedback = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self._close_when_done:
            self._close_when_done = False
            self.close()

    def _tolerance(self) -> float:
        from qgis.core import QgsApplication
        alg = QgsApplication.processingRegistry().algorithmById(STEP_TERRITORIES)
        d = alg.parameterDefinition("BALANCE_TOLERANCE") if alg is not None else None
        try:
            return float(d.defaultValue()) if d is not None else 10.0
        except (TypeError, ValueError):
            return 10.0

    def wait(self, timeout_s: float = 600.0) -> bool:
        """Processes events until the run is over (scripts and tests); False on timeout."""
        import time
        t0 = time.time()
        while self.is_running() and time.time() - t0 < timeout_s:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        return not self.is_running()

    def cancel(self):
        st = self._state
        if st is None:
            return
        st["canceled"] = True
        self.say(tr("Canceling…"))
        self.cancel_button.setEnabled(False)
        if self.feedback is not None:
            self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()

    def closeEvent(self, event):  # noqa: N802 - Qt API
        """Closing while a step runs cancels it; the window closes once the step has stopped
        (nothing keeps running unseen)."""
        if self.is_running():
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def open_report(self) -> bool:
        if not self.report_path or not os.path.exists(self.report_path):
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(self.report_path)))

    def export_spreadsheet(self) -> dict:
        """The tables of the last run as ``tableur_optima.xlsx`` (and CSV files) in its output
        folder; says where in the log. Returns what :func:`export_run_spreadsheet` returns."""
        from .i18n import language
        if not self.out_folder or self.is_running():
            return {}
        try:
            out = export_run_spreadsheet(self.out_folder, "fr" if language() == "fr" else "en")
        except Exception as e:  # noqa: BLE001 - a file in use, a full disk: said, never a traceback
            from .i18n import tr_error
            self.say(tr("The spreadsheet could not be written: {}").format(tr_error(str(e))))
            return {}
        if out.get("xlsx"):
            self.say(tr("Spreadsheet written: {} ({} CSV file(s) beside it, in {}).").format(
                os.path.basename(out["xlsx"]), len(out["csv"]), self.out_folder))
        else:
            self.say(tr("{} CSV file(s) written in {}.").format(len(out.get("csv", [])), self.out_folder))
        if out.get("message"):
            self.say(tr("The openpyxl library is not installed: no XLSX file was written (the CSV files "
                        "were). Install it into the Python QGIS uses: python -m pip install openpyxl"))
        return out

    # ................................................................ layers
    def group_name(self, out_dir: str) -> str:
        return tr("OPTIMA results — {}").format(os.path.basename(os.path.normpath(out_dir)) or out_dir)

    def _remove_previous_group(self, out_dir: str):
        """A re-run into the same folder replaces the group of the previous run (its files are
        rewritten); runs into other folders keep their own groups."""
        from qgis.core import QgsProject
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        for g in root.findGroups():
            if g.name() == self.group_name(out_dir):
                project.removeMapLayers([lyr.layerId() for lyr in g.findLayers()])
                root.removeChildNode(g)

    def add_layers(self, out_dir: str):
        """Loads the results into a group "OPTIMA results — <folder>" at the top of the layer
        tree: sites (labelled with their name) above lines (unchecked) above territories
        (coloured, labelled "3 · Quimper") above the communes by territory and the communes'
        travel times (unchecked)."""
        from qgis.core import QgsCoordinateTransform, QgsProject, QgsVectorLayer

        from .styling import apply_style, hub_names

        path = lambda name: os.path.join(out_dir, name)  # noqa: E731
        plan = [  # (file, layer name, style kind, checked)
            (OUT_IND_SITES, tr("Service sites"), "sites", True),
            (OUT_LINES, tr("Allocation lines"), "lines", False),
            (OUT_IND_TERRITORIES, tr("Territories"), "territories", True),
            (OUT_COMMUNES, tr("Communes with their territory"), "communes_by_territory", False),
            (OUT_IND_COMMUNES, tr("Travel time of each commune"), "time", False),
        ]
        names = {}
        if os.path.exists(path(OUT_COMMUNES)):
            names = hub_names(QgsVectorLayer(path(OUT_COMMUNES), "c", "ogr"))
        colors = {}
        for r in _read_rows(path(OUT_IND_TERRITORIES), ["territory", "color"]):
            if r["color"]:
                colors[str(r["territory"])] = r["color"]
        project = QgsProject.instance()
        group = None
        loaded = []
        for fname, name, kind, checked in plan:
            if not os.path.exists(path(fname)):
                continue
            lyr = QgsVectorLayer(path(fname), name, "ogr")
            if not lyr.isValid():
                continue
            if kind in ("territories", "communes_by_territory"):
                apply_style(lyr, kind, colors=colors or None, names=names or None)
            else:
                apply_style(lyr, kind)
            if group is None:
                group = project.layerTreeRoot().insertGroup(0, self.group_name(out_dir))
            project.addMapLayer(lyr, False)
            node = group.addLayer(lyr)
            node.setItemVisibilityChecked(checked)
            if kind in ("lines", "communes_by_territory", "time"):
                node.setExpanded(False)
            loaded.append(lyr)
        shown = [lyr for lyr in loaded if lyr.name() == tr("Territories")]
        if self.iface is not None and shown:
            canvas = self.iface.mapCanvas()
            ext = QgsCoordinateTransform(shown[0].crs(), canvas.mapSettings().destinationCrs(),
                                         project).transformBoundingBox(shown[0].extent())
            ext.scale(1.05)
            canvas.setExtent(ext)
            canvas.refresh()
        return loaded

"""Desktop entry points: the Plugins > Vector > OPTIMA menu and the guided territorialisation dialog.

The dialog is a thin form over three Processing algorithms run in sequence
(:func:`build_pipeline_params` gives the exact calls and is tested without a window);
everything it does can also be done from the toolbox, the modeller or ``qgis_process``.
"""
from __future__ import annotations

import configparser
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QDialog

from .i18n import tr
from .compat import GeometryType, ParamFlag, QAction

MENU = "OPTIMA"  # the plugin's name: not translated (unload removes actions from this menu)
PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg")
TOOLBOX_FILTER = "optima:"  # matches every OPTIMA algorithm id, whatever the UI language

STEP_TERRITORIES = "optima:cluster_territories"
STEP_SITES = "optima:locate_service_sites"
STEP_INDICATORS = "optima:territory_indicators"
PIPELINE = (STEP_TERRITORIES, STEP_SITES, STEP_INDICATORS)

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

def step_label(alg_id: str) -> str:
    return {
        STEP_TERRITORIES: tr("Territories (balanced, contiguous)"),
        STEP_SITES: tr("Service site of each territory"),
        STEP_INDICATORS: tr("Territory indicators"),
    }.get(alg_id, alg_id)


# --------------------------------------------------------------------------- pipeline (no widgets)

def build_pipeline_params(communes, population_field: str, n_territories: int, out_dir: str,
                          id_field: str | None = None, sites=None, threshold_min: float = 20.0):
    """The guided run as ``[(algorithm id, parameters), ...]``, in order.

    Each step writes GeoPackages into ``out_dir`` and the next one reads them, so the list is
    complete before anything runs (and can be replayed with ``processing.run`` or
    ``qgis_process``). ``communes``: a layer or a path; ``sites``: optional candidate sites
    (e.g. town halls, France services); without them every commune is a candidate.
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
    return [(STEP_TERRITORIES, territories), (STEP_SITES, sites_step), (STEP_INDICATORS, indicators)]


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


# --------------------------------------------------------------------------- menu

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


def documentation_url() -> str:
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8")
    return cp.get("general", "homepage", fallback="").strip()


def open_documentation() -> bool:
    url = documentation_url()
    if url and QDesktopServices.openUrl(QUrl(url)):
        return True
    readme = os.path.join(PLUGIN_DIR, "README.md")
    return os.path.exists(readme) and QDesktopServices.openUrl(QUrl.fromLocalFile(readme))


def add_menu(iface, plugin=None) -> list:
    """Adds Plugins > Vector > OPTIMA > (toolbox, guided territorialisation, documentation)."""
    win = iface.mainWindow()
    icon = QIcon(ICON)
    entries = [
        (tr("Open the OPTIMA toolbox"), lambda: open_toolbox(iface), "optimaOpenToolbox"),
        (tr("Guided territorialisation…"), lambda: open_guided_dialog(iface, plugin), "optimaGuided"),
        (tr("Documentation"), open_documentation, "optimaDocumentation"),
    ]
    actions = []
    for text, slot, name in entries:
        a = QAction(icon, text, win)
        a.setObjectName(name)
        a.triggered.connect(lambda _checked=False, s=slot: s())
        iface.addPluginToVectorMenu(MENU, a)
        actions.append(a)
    return actions


def open_guided_dialog(iface, plugin=None):
    dlg = GuidedDialog(iface, iface.mainWindow())
    if plugin is not None:
        plugin._guided_dialog = dlg  # keep a reference while it is open
    dlg.show()
    return dlg


# --------------------------------------------------------------------------- dialog

class GuidedDialog(QDialog):
    """Communes, population, number of territories, optional sites, threshold, folder -> Run."""

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        from qgis.core import QgsFieldProxyModel, QgsMapLayerProxyModel
        from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
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
        self.setObjectName("optimaGuidedDialog")
        self.setWindowTitle(tr("OPTIMA — guided territorialisation"))
        self.setWindowIcon(QIcon(ICON))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("Cuts the communes into balanced, contiguous territories, places one service "
                          "site in each and measures travel times and equity. The three steps are "
                          "algorithms of the OPTIMA toolbox: open them there for every option."))
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
        self.cancel_button = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = self.buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button.setEnabled(False)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        lay.addWidget(self.buttons)

        self.communes.layerChanged.connect(self._layer_changed)
        self._layer_changed(self.communes.currentLayer())
        self.resize(560, 560)
        self._report_availability()

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
        QCoreApplication.processEvents()

    def values(self) -> dict:
        layer = self.communes.currentLayer()
        return {
            "communes": layer,
            "population_field": self.population.currentField(),
            "id_field": self.id_field.currentField() or None,
            "n_territories": self.n_territories.value(),
            "sites": self.sites.currentLayer(),
            "threshold_min": self.threshold.value(),
            "out_dir": self.out_dir.filePath(),
        }

    def cancel(self):
        if self.feedback is not None:
            self.feedback.cancel()
            self.say(tr("Canceling…"))

    def run(self):
        """Runs the available steps in order; returns [(alg id, results)] (also for tests)."""
        v = self.values()
        if v["communes"] is None:
            self.say(tr("Choose a communes layer."))
            return []
        try:
            steps = build_pipeline_params(**v)
        except ValueError as e:
            self.say(str(e))
            return []
        os.makedirs(v["out_dir"], exist_ok=True)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        try:
            return self._run_steps(steps, v["out_dir"])
        finally:
            self.run_button.setEnabled(True)
            self.cancel_button.setEnabled(False)
            self.feedback = None

    def _run_steps(self, steps, out_dir):
        import processing
        from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsProject

        registry = QgsApplication.processingRegistry()
        done, layers = [], []
        n = len(steps)
        for i, (alg_id, params) in enumerate(steps):
            label = step_label(alg_id)
            alg = registry.algorithmById(alg_id)
            if alg is None:
                rest = ", ".join(step_label(a) for a, _ in steps[i:])
                self.say(tr("Step {}/{} '{}' is not available yet in this version of OPTIMA ({}): "
                            "stopped before {}.").format(i + 1, n, label, alg_id, rest))
                break
            params, notes, blocking = adapt_params(alg, params, out_dir)
            for note in notes:
                self.say(note)
            if blocking:
                self.say(tr("Step {}/{} '{}' needs parameters this dialog does not set ({}): run it from "
                            "the toolbox.").format(i + 1, n, label, ", ".join(blocking)))
                break
            self.say(tr("Step {}/{}: {}…").format(i + 1, n, label))
            fb = QgsProcessingFeedback()
            self.feedback = fb
            fb.progressChanged.connect(
                lambda p, i=i: (self.progress.setValue(int((i + p / 100.0) * 100 / n)),
                                QCoreApplication.processEvents()))
            ctx = QgsProcessingContext()
            ctx.setProject(QgsProject.instance())
            try:
                res = processing.run(alg_id, params, feedback=fb, context=ctx)
            except QgsProcessingException as e:
                self.say(tr("Step {}/{} '{}' failed: {}").format(i + 1, n, label, e))
                break
            if fb.isCanceled():
                self.say(tr("Canceled by the user."))
                break
            done.append((alg_id, res))
            layers += output_layers(alg, res)
        self.progress.setValue(int(100 * len(done) / n))
        self.add_layers(layers)
        if len(done) == n:
            self.say(tr("Done: {} layers added to the project, files in {}.").format(len(layers), out_dir))
        elif done:
            self.say(tr("{} of {} steps done; their layers were added to the project.").format(len(done), n))
        return done

    def add_layers(self, layers):
        """Loads [(name, path, key)] into a group at the top of the layer tree: points above lines above
        polygons; of the polygons only the last territory layer is left visible (the others stay
        in the group, unchecked)."""
        from qgis.core import QgsCoordinateTransform, QgsProject, QgsVectorLayer

        loaded = []
        for name, path, key in layers:
            lyr = QgsVectorLayer(path, name, "ogr")
            if lyr.isValid():
                loaded.append((lyr, key))
        if not loaded:
            return []
        project = QgsProject.instance()
        group = project.layerTreeRoot().insertGroup(0, tr("OPTIMA results"))
        poly = GeometryType.Polygon
        polys = [lyr for lyr, _ in loaded if lyr.geometryType() == poly]
        shown = ([lyr for lyr, key in loaded if lyr.geometryType() == poly and "TERRITOR" in key] or polys)[-1:]
        rank = {GeometryType.Point: 0, GeometryType.Line: 1, poly: 2}
        style = os.path.join(PLUGIN_DIR, "resources", "styles", "territories.qml")
        for lyr, _key in sorted(loaded, key=lambda t: rank.get(t[0].geometryType(), 3)):
            plain = lyr.renderer() is None or lyr.renderer().type() == "singleSymbol"
            if plain and lyr.fields().indexOf("color") >= 0 and os.path.exists(style):
                lyr.loadNamedStyle(style)  # only when the file carries no default style of its own
            project.addMapLayer(lyr, False)
            node = group.addLayer(lyr)
            node.setItemVisibilityChecked(lyr.geometryType() != poly or lyr in shown)
        if self.iface is not None and shown:
            canvas = self.iface.mapCanvas()
            ext = QgsCoordinateTransform(shown[0].crs(), canvas.mapSettings().destinationCrs(),
                                         project).transformBoundingBox(shown[0].extent())
            canvas.setExtent(ext)
            canvas.refresh()
        return [lyr for lyr, _ in loaded]

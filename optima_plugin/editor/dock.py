"""« Éditeur de territoires »: move communes between territories by hand, with live indicators.

Every change goes through the commune layer's edit buffer (one undo command per move), so
QGIS's undo / redo work and nothing is written until the layer is saved. The dock follows the
territory field through the layer's signals, so edits made with the attribute table, the field
calculator or undo update it the same way. Indicators come from
:class:`optima_plugin.core.editing.EditModel`, which recomputes only the territories a change
touches.
"""
from __future__ import annotations

import math
import os
import tempfile

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFieldProxyModel,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QTimer, Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, tr_error
from ..qgis_io import _py
from . import DOCK_NAME
from ..compat import FieldType

BAND_COLORS = {"within": QColor(198, 239, 206), "above": QColor(255, 199, 206), "below": QColor(255, 235, 156),
               "empty": QColor(220, 220, 220), "forced": QColor(214, 226, 240)}
LAMBERT93 = "EPSG:2154"


def fmt(v, d=0) -> str:
    """A number the French way (thin spaces for thousands, comma decimals); '—' when missing."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    s = f"{v:,.{d}f}"
    return s.replace(",", "\u202f").replace(".", ",")


def fmt_signed(v, d=1) -> str:
    return "—" if v is None or not math.isfinite(v) else ("+" if v > 0 else "") + fmt(v, d)


class EditorDock(QgsDockWidget):
    COLUMNS = ["lock", "territory", "pop", "dev", "n", "mean", "max", "contig", "pop_before", "dev_before",
               "mean_before"]

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName(DOCK_NAME)
        self.setWindowTitle(tr("Territory editor"))
        self.layer = None
        self.model = None
        self.fids = []
        self.pos_of = {}
        self.values = {}          # label text -> value as the field stores it
        self.geoms = None
        self.tree = None
        self.live_layer = None
        self.moved_layer = None
        self.proposal_layer = None
        self.proposal = None
        self.locked_communes = set()
        self._pending = {}
        self._flush_scheduled = False
        self._syncing = False
        self._row_of = {}
        self._live_fid = {}
        self._colors = {}
        self.tools = {}
        self.issues = []
        self._renderer0 = None
        self._build()
        self.setMinimumWidth(560)

    # ------------------------------------------------------------------ widgets
    def _build(self):
        body = QWidget()
        lay = QVBoxLayout(body)
        setup = self.setup_box = QgsCollapsibleGroupBox(tr("Communes layer"))
        form = QFormLayout(setup)
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.layer_combo.setObjectName("layer")
        self.territory_field = QgsFieldComboBox()
        self.territory_field.setObjectName("territory_field")
        self.population_field = QgsFieldComboBox()
        self.population_field.setFilters(QgsFieldProxyModel.Numeric)
        self.population_field.setObjectName("population_field")
        self.id_field = QgsFieldComboBox()
        self.id_field.setAllowEmptyFieldName(True)
        self.id_field.setObjectName("id_field")
        self.hub_field = QgsFieldComboBox()
        self.hub_field.setAllowEmptyFieldName(True)
        self.hub_field.setObjectName("hub_field")
        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setValue(10)
        self.tolerance.setSuffix(" %")
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(1, 600)
        self.threshold.setValue(20)
        self.threshold.setSuffix(" min")
        form.addRow(tr("Layer"), self.layer_combo)
        form.addRow(tr("Territory field"), self.territory_field)
        form.addRow(tr("Population field"), self.population_field)
        form.addRow(tr("Identifier field"), self.id_field)
        form.addRow(tr("Hub field (optional)"), self.hub_field)
        form.addRow(tr("Balance tolerance"), self.tolerance)
        form.addRow(tr("Time threshold"), self.threshold)
        row = QHBoxLayout()
        self.start_btn = QPushButton(tr("Start the session"))
        self.start_btn.setObjectName("start")
        self.start_btn.clicked.connect(lambda: self.start())
        self.stop_btn = QPushButton(tr("End the session"))
        self.stop_btn.clicked.connect(lambda: self.stop())
        row.addWidget(self.start_btn)
        row.addWidget(self.stop_btn)
        form.addRow(row)
        lay.addWidget(setup)

        self.session = QWidget()
        sl = QVBoxLayout(self.session)
        sl.setContentsMargins(0, 0, 0, 0)
        trow = QHBoxLayout()
        trow.addWidget(QLabel(tr("Target territory")))
        self.target = QComboBox()
        self.target.setObjectName("target")
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.NoInsert)
        self.target.completer().setFilterMode(Qt.MatchContains)
        self.target.completer().setCompletionMode(QCompleter.PopupCompletion)
        trow.addWidget(self.target, 1)
        self.pick_btn = self._tool_button(tr("Pick on map"), tr("Click a commune: its territory becomes the target"))
        self.pick_btn.clicked.connect(lambda: self.activate_tool("pick"))
        trow.addWidget(self.pick_btn)
        sl.addLayout(trow)
        arow = QHBoxLayout()
        self.click_btn = self._tool_button(tr("Click"), tr("Click communes to assign them to the target territory"))
        self.click_btn.clicked.connect(lambda: self.activate_tool("click"))
        self.rect_btn = self._tool_button(tr("Rectangle"), tr("Drag a rectangle: every commune it touches"))
        self.rect_btn.clicked.connect(lambda: self.activate_tool("rect"))
        self.sel_btn = QPushButton(tr("Assign the selection"))
        self.sel_btn.setToolTip(tr("Assign the layer's selected communes to the target territory"))
        self.sel_btn.clicked.connect(lambda: self.assign_selection())
        for w in (self.click_btn, self.rect_btn, self.sel_btn):
            arow.addWidget(w)
        sl.addLayout(arow)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color:#1a4f8b")
        sl.addWidget(self.preview)
        self.overall = QLabel()
        self.overall.setObjectName("overall")
        self.overall.setWordWrap(True)
        self.overall.setTextFormat(Qt.RichText)
        sl.addWidget(self.overall)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("territories")
        self.table.setHorizontalHeaderLabels([
            tr("Lock"), tr("Territory"), tr("Population"), tr("Deviation %"), tr("Communes"), tr("Mean time"),
            tr("Max time"), tr("Contiguous"), tr("Pop. before"), tr("Dev. before %"), tr("Mean before")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.itemDoubleClicked.connect(self._row_double_clicked)
        self.table.setMinimumHeight(220)
        sl.addWidget(self.table, 1)

        lrow = QHBoxLayout()
        self.lock_sel_btn = QPushButton(tr("Lock the selected communes"))
        self.lock_sel_btn.clicked.connect(lambda: self.lock_selected())
        self.unlock_btn = QPushButton(tr("Unlock all"))
        self.unlock_btn.clicked.connect(lambda: self.unlock_all())
        lrow.addWidget(self.lock_sel_btn)
        lrow.addWidget(self.unlock_btn)
        sl.addLayout(lrow)
        self.locks_label = QLabel()
        sl.addWidget(self.locks_label)
        rrow = QHBoxLayout()
        self.rebalance_btn = QPushButton(tr("Rebalance around my choices"))
        self.rebalance_btn.setObjectName("rebalance")
        self.rebalance_btn.setToolTip(tr("Runs optima:cluster_territories again with every locked commune fixed "
                                         "(LOCK_FIELD); the result is a proposal to accept or reject"))
        self.rebalance_btn.clicked.connect(lambda: self.rebalance())
        self.accept_btn = QPushButton(tr("Accept the proposal"))
        self.accept_btn.clicked.connect(lambda: self.accept_proposal())
        self.reject_btn = QPushButton(tr("Reject"))
        self.reject_btn.clicked.connect(lambda: self.reject_proposal())
        for w in (self.rebalance_btn, self.accept_btn, self.reject_btn):
            rrow.addWidget(w)
        sl.addLayout(rrow)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        sl.addWidget(self.proposal_label)

        vrow = QHBoxLayout()
        self.validate_btn = QPushButton(tr("Validate"))
        self.validate_btn.setObjectName("validate")
        self.validate_btn.clicked.connect(lambda: self.validate())
        self.report_btn = QPushButton(tr("Realignment report…"))
        self.report_btn.clicked.connect(lambda: self.export_report())
        vrow.addWidget(self.validate_btn)
        vrow.addWidget(self.report_btn)
        sl.addLayout(vrow)
        self.issue_tree = QTreeWidget()
        self.issue_tree.setObjectName("issues")
        self.issue_tree.setColumnCount(2)
        self.issue_tree.setHeaderLabels([tr("Finding"), ""])
        self.issue_tree.setRootIsDecorated(False)
        self.issue_tree.setWordWrap(True)
        self.issue_tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.issue_tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.issue_tree.header().setStretchLastSection(False)
        self.issue_tree.setMinimumHeight(120)
        sl.addWidget(self.issue_tree)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        sl.addWidget(self.status)
        lay.addWidget(self.session, 1)
        self._set_session_enabled(False)
        self.accept_btn.setEnabled(False)
        self.reject_btn.setEnabled(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def _tool_button(self, text, tip):
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(True)
        b.setToolButtonStyle(Qt.ToolButtonTextOnly)
        return b

    def _set_session_enabled(self, on):
        self.session.setEnabled(on)
        self.stop_btn.setEnabled(on)
        for w in (self.layer_combo, self.territory_field, self.population_field, self.id_field, self.hub_field,
                  self.tolerance, self.threshold, self.start_btn):
            w.setEnabled(not on)

    # ------------------------------------------------------------------ layer and fields
    def set_layer(self, layer):
        if self.model is not None:
            return
        if isinstance(layer, QgsVectorLayer) and layer.geometryType() == 2:
            self.layer_combo.setLayer(layer)
        self._layer_changed(self.layer_combo.currentLayer())

    def _layer_changed(self, layer):
        for combo in (self.territory_field, self.population_field, self.id_field, self.hub_field):
            combo.setLayer(layer)
        if layer is None:
            return
        names = [f.name() for f in layer.fields()]
        low = {n.lower(): n for n in names}

        def guess(cands, contains=None):
            for c in cands:
                if c in low:
                    return low[c]
            if contains:
                for n in names:
                    if contains in n.lower():
                        return n
            return ""
        self.territory_field.setField(guess(["territory", "territoire", "secteur"], "territ"))
        self.population_field.setField(guess(["population", "pop", "pmun"], "pop"))
        self.id_field.setField(guess(["insee", "code_insee", "insee_com", "code"]))
        self.hub_field.setField(guess(["hub"]) if self.id_field.currentField() else "")

    def say(self, text, level=0):
        self.status.setText(text)
        self.status.setStyleSheet("color:#b00020" if level >= 2 else ("color:#8a5a00" if level == 1 else ""))
        if level >= 2 and self.iface is not None:
            self.iface.messageBar().pushWarning(tr("Territory editor"), text)

    # ------------------------------------------------------------------ session
    def start(self, layer=None, territory_field=None, population_field=None, id_field=None, hub_field=None,
              tolerance_pct=None, threshold_min=None):
        """Reads the layer, computes the travel times once and shows the indicators. Returns True
        when the session started (else the reason is in the status line)."""
        import shapely

        from ..core import editing
        from ..core.errors import InputError

        if self.model is not None:
            self.stop()
        if layer is not None:
            self.layer_combo.setLayer(layer)
            self._layer_changed(layer)
        for combo, v in ((self.territory_field, territory_field), (self.population_field, population_field),
                         (self.id_field, id_field), (self.hub_field, hub_field)):
            if v is not None:
                combo.setField(v)
        if tolerance_pct is not None:
            self.tolerance.setValue(float(tolerance_pct))
        if threshold_min is not None:
            self.threshold.setValue(float(threshold_min))
        layer = self.layer_combo.currentLayer()
        tf, pf = self.territory_field.currentField(), self.population_field.currentField()
        idf, hf = self.id_field.currentField(), self.hub_field.currentField()
        if layer is None or not tf or not pf:
            self.say(tr("Choose a communes layer, its territory field and its population field."), 2)
            return False
        fields = layer.fields()
        ti, pi = fields.indexOf(tf), fields.indexOf(pf)
        ii = fields.indexOf(idf) if idf else -1
        hi = fields.indexOf(hf) if hf else -1
        ni = next((fields.indexOf(n) for n in ("nom", "name", "nom_commune", "libelle") if fields.indexOf(n) >= 0), -1)
        ki = fields.indexOf("time_to_hub_min")
        need_metric = layer.crs().isGeographic() or not layer.crs().isValid()
        xf = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(LAMBERT93), QgsProject.instance()) \
            if need_metric and layer.crs().isValid() else None
        fids, labels, pops, ids, names, hubs_raw, known, wkb, wkb_m = [], [], [], [], [], [], [], [], []
        for f in layer.getFeatures(QgsFeatureRequest()):
            fids.append(f.id())
            a = f.attributes()
            ident = a[ii] if ii >= 0 else f.id()
            ident = str(ident)
            labels.append(_py(a[ti]))
            p = _py(a[pi])
            if p is None:
                self.say(tr("Field {}: commune {} has no population.").format(pf, ident), 2)
                return False
            pops.append(float(p))
            ids.append(ident)
            names.append(str(_py(a[ni])) if ni >= 0 and _py(a[ni]) is not None else ident)
            hubs_raw.append(_py(a[hi]) if hi >= 0 else None)
            known.append(_py(a[ki]) if ki >= 0 else None)
            g = f.geometry()
            if g is None or g.isEmpty():
                self.say(tr("Commune {} has no geometry: repair the layer first.").format(ident), 2)
                return False
            wkb.append(bytes(g.asWkb()))
            if xf is not None:
                g2 = QgsGeometry(g)
                g2.transform(xf)
                wkb_m.append(bytes(g2.asWkb()))
        if not fids:
            self.say(tr("The layer has no commune."), 2)
            return False
        geoms = shapely.from_wkb(wkb)
        metric = shapely.from_wkb(wkb_m) if xf is not None else geoms
        bad = ~shapely.is_valid(metric)
        if bad.any():
            metric = metric.copy()
            metric[bad] = shapely.make_valid(metric[bad])
        self.say(tr("Computing travel times between the {} communes (once)…").format(len(fids)))
        try:
            times, adj = editing.proxy_times(metric)
            pos_of_id = {v: k for k, v in enumerate(ids)}
            hubs = {}
            if hi >= 0:
                for lab, h in zip(labels, hubs_raw):
                    t = editing.label_text(lab)
                    if t is not None and t not in hubs and h is not None and str(h) in pos_of_id:
                        hubs[t] = pos_of_id[str(h)]
            kn = None
            if hi >= 0 and ki >= 0:
                kn = [float(v) if v is not None else float("nan") for v in known]
            self.model = editing.EditModel(labels, pops, times, adj, hubs=hubs or None, known_time=kn,
                                           tolerance_pct=self.tolerance.value(),
                                           threshold_min=self.threshold.value(), ids=ids, names=names)
        except InputError as e:  # the core's English message, in the interface language
            self.say(tr_error(str(e)), 2)
            return False
        self.layer = layer
        self.fids = fids
        self.pos_of = {fid: k for k, fid in enumerate(fids)}
        self.tfield = tf
        self.tindex = ti
        self.numeric_field = fields.at(ti).isNumeric()
        self.values = {}
        for v in labels:
            t = editing.label_text(v)
            if t is not None:
                self.values.setdefault(t, v)
        self.geoms = geoms
        self.tree = shapely.STRtree(geoms)
        self.shapes = editing.TerritoryShapes(geoms)
        self.locked_communes = set()
        self._colors = editing.territory_colors(self.model)
        layer.attributeValueChanged.connect(self._attr_changed)
        layer.afterRollBack.connect(self._resync)
        layer.afterCommitChanges.connect(self._resync)
        layer.willBeDeleted.connect(self._layer_deleted)
        self._make_live_layers()
        self._fill_target()
        self._fill_table()
        self._show_overall()
        self._set_session_enabled(True)
        self.setup_box.setCollapsed(True)
        self.say(tr("Session started on {}: {} communes, {} territories. Changes stay in the layer's edit "
                    "buffer (undo with Ctrl+Z) until you save the layer.").format(layer.name(), len(fids),
                                                                                   self.model.k))
        return True

    def _layer_deleted(self):
        self.stop(layer_gone=True)

    def stop(self, layer_gone=False):
        """Ends the session: the layer's edits stay in its buffer, its own style comes back."""
        if self.layer is not None and (layer_gone or _deleted(self.layer)):
            self.layer, self._renderer0 = None, None
        if self.layer is not None:
            for sig, slot in (("attributeValueChanged", self._attr_changed), ("afterRollBack", self._resync),
                              ("afterCommitChanges", self._resync), ("willBeDeleted", self._layer_deleted)):
                try:
                    getattr(self.layer, sig).disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
        try:
            canvas = self.iface.mapCanvas() if self.iface is not None else None
            if canvas is not None and canvas.mapTool() in self.tools.values():
                canvas.unsetMapTool(canvas.mapTool())
        except RuntimeError:  # the canvas went first (QGIS closing)
            pass
        self.tools = {}
        for b in (self.click_btn, self.rect_btn, self.pick_btn):
            b.setChecked(False)
        if self.layer is not None and self._renderer0 is not None:
            try:
                self.layer.setRenderer(self._renderer0)
                self.layer.triggerRepaint()
            except RuntimeError:
                pass
        self._renderer0 = None
        self.model = None
        self.layer = None
        self._set_session_enabled(False)
        self.setup_box.setCollapsed(False)

    # ------------------------------------------------------------------ commune lookup
    def commune_at(self, x, y):
        import shapely
        if self.tree is None:
            return None
        hit = self.tree.query(shapely.Point(x, y), predicate="intersects")
        return int(min(hit)) if len(hit) else None

    def communes_in(self, xmin, ymin, xmax, ymax):
        import shapely
        if self.tree is None:
            return []
        return sorted(int(i) for i in self.tree.query(shapely.box(xmin, ymin, xmax, ymax), predicate="intersects"))

    # ------------------------------------------------------------------ target territory
    def _fill_target(self):
        cur = self.target.currentText()
        self.target.blockSignals(True)
        self.target.clear()
        from ..core.editing import natural_key
        for lab in sorted(self.model.labels, key=natural_key):
            self.target.addItem(lab)
        if cur:
            self.target.setCurrentText(cur)
        self.target.blockSignals(False)

    def target_label(self):
        t = self.target.currentText().strip()
        return t or None

    def set_target(self, label):
        self.target.setCurrentText(str(label))

    def pick_target_from(self, pos):
        lab = self.model.label_of(pos)
        if lab is not None:
            self.set_target(lab)
            self.say(tr("Target territory: {}").format(lab))
        self.activate_tool(getattr(self, "_tool_before_pick", None) or "click")

    # ------------------------------------------------------------------ map tools
    def activate_tool(self, name):
        from .maptools import AssignTool, PickTargetTool
        canvas = self.iface.mapCanvas()
        if name not in self.tools:
            self.tools[name] = {"click": lambda: AssignTool(canvas, self, rectangle=False),
                                "rect": lambda: AssignTool(canvas, self, rectangle=True),
                                "pick": lambda: PickTargetTool(canvas, self)}[name]()
        if name == "pick":
            cur = canvas.mapTool()
            self._tool_before_pick = next((k for k, t in self.tools.items() if t is cur and k != "pick"), None)
        canvas.setMapTool(self.tools[name])
        for key, b in (("click", self.click_btn), ("rect", self.rect_btn), ("pick", self.pick_btn)):
            b.setChecked(key == name)
        return self.tools[name]

    # ------------------------------------------------------------------ changes
    def _value_for(self, label):
        if label is None:
            return None
        if label in self.values:
            return self.values[label]
        if self.numeric_field:
            try:
                f = float(label)
                return int(f) if f.is_integer() else f
            except ValueError:
                return None
        return label

    def assign_positions(self, positions, label=None):
        """Assign communes (positions in the layer's feature order) to ``label`` (default: the
        target territory) through the edit buffer, as one undoable command."""
        if self.model is None:
            return 0
        label = self.target_label() if label is None else label
        if label is None:
            self.say(tr("Choose the target territory first."), 1)
            return 0
        from ..core.editing import label_text
        label = label_text(label)
        value = self._value_for(label)
        if value is None:
            self.say(tr("Territory {} cannot be written in the numeric field {}.").format(label, self.tfield), 2)
            return 0
        todo = [p for p in positions if self.model.label_of(p) != label]
        if not todo:
            return 0
        lay = self.layer
        if not lay.isEditable() and not lay.startEditing():
            self.say(tr("The layer {} cannot be edited.").format(lay.name()), 2)
            return 0
        self.values.setdefault(label, value)
        names = ", ".join(self.model.names[p] for p in todo[:3]) + ("…" if len(todo) > 3 else "")
        lay.beginEditCommand(tr("Territory editor: {} → territory {}").format(names, label))
        for p in todo:
            lay.changeAttributeValue(self.fids[p], self.tindex, value)
        lay.endEditCommand()
        self._flush()
        lay.triggerRepaint()
        return len(todo)

    def assign_fids(self, fids, label=None):
        return self.assign_positions([self.pos_of[f] for f in fids if f in self.pos_of], label)

    def assign_selection(self):
        if self.layer is None:
            return 0
        n = self.assign_fids(self.layer.selectedFeatureIds())
        if n == 0 and not self.layer.selectedFeatureCount():
            self.say(tr("Select communes in the layer first."), 1)
        return n

    def _attr_changed(self, fid, idx, value):
        if idx != self.tindex or fid not in self.pos_of:
            return
        self._pending[fid] = _py(value)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            QTimer.singleShot(0, self._flush)

    def _flush(self):
        self._flush_scheduled = False
        if not self._pending or self.model is None:
            self._pending = {}
            return
        pending, self._pending = self._pending, {}
        pos = [self.pos_of[f] for f in pending]
        new_labels = list(pending.values())
        k_before = self.model.k
        from ..core.editing import label_text
        for v in new_labels:
            t = label_text(v)
            if t is not None:
                self.values.setdefault(t, v)
        changed = self.model.set_labels(pos, new_labels)
        if self.model.k != k_before:
            from ..core import editing
            self._colors.update({lab: c for lab, c in editing.territory_colors(self.model).items()
                                 if lab not in self._colors})
            self._fill_target()
            self._fill_table()
            self._style_communes()
            changed = list(self.model.labels)
        elif changed:
            self._fill_table(changed)
        if changed:
            self._update_live(changed)
            self._show_overall()
            self.show_preview(None)

    def _resync(self):
        """After a rollback or a save: the territory values read again from the layer."""
        if self.model is None or self.layer is None:
            return
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([self.tindex])
        for f in self.layer.getFeatures(req):
            if f.id() in self.pos_of:
                self._pending[f.id()] = _py(f.attributes()[self.tindex])
        self._flush()

    # ------------------------------------------------------------------ indicators
    def _fill_table(self, labels=None):
        m = self.model
        rows = {r["label"]: r for r in m.territory_rows()}
        if labels is None or any(lab not in self._row_of for lab in labels):
            locked = self.locked_territories() if self.table.rowCount() else set()
            self.table.setRowCount(len(rows))
            self._row_of = {}
            for k, lab in enumerate(rows):
                self._row_of[lab] = k
                it = QTableWidgetItem()
                it.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
                it.setCheckState(Qt.CheckState.Checked if lab in locked else Qt.CheckState.Unchecked)
                self.table.setItem(k, 0, it)
            labels = list(rows)
        for lab in labels:
            r = rows[lab]
            k = self._row_of[lab]
            vals = [lab, fmt(r["pop"]), fmt_signed(r["dev_pct"]), fmt(r["n"]), fmt(r["time_mean"], 1),
                    fmt(r["time_max"], 1), tr("yes") if r["contiguous"] else (tr("no") if r["n"] else "—"),
                    fmt(r["pop_before"]), fmt_signed(r["dev_pct_before"]) if r["dev_pct_before"] is not None else "—",
                    fmt(r["time_mean_before"], 1)]
            for c, v in enumerate(vals, start=1):
                it = self.table.item(k, c)
                if it is None:
                    it = QTableWidgetItem()
                    self.table.setItem(k, c, it)
                it.setText(v)
                if c >= 2:
                    it.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if c == 1:
                    col = QColor(self._colors.get(lab, "#dddddd"))
                    col.setAlpha(150)
                    it.setBackground(QBrush(col))
                elif c == 3:
                    it.setBackground(QBrush(BAND_COLORS[r["band"]]))
                    it.setToolTip(tr("A lone commune heavier than the target: a territory of its own, left out of "
                                     "the target") if r["band"] == "forced" else "")
                elif c == 7:
                    it.setBackground(QBrush(QColor(255, 199, 206) if r["n"] and not r["contiguous"]
                                            else QColor(0, 0, 0, 0)))

    def _show_overall(self):
        o = self.model.overall()
        b = self.model.before.overall
        n_moved = int(self.model.moved().size)

        def line(name, now, before, d=1, pct=False):
            f = (lambda v: fmt(100 * v, 1) + " %") if pct else (lambda v: fmt(v, d))
            return f"<tr><td>{name}</td><td align='right'><b>{f(now)}</b></td><td align='right' " \
                   f"style='color:#666'>{f(before)}</td></tr>"
        html = ("<table cellspacing='0' cellpadding='2'><tr><td></td><td><b>{}</b></td><td style='color:#666'>{}"
                "</td></tr>").format(tr("now"), tr("before"))
        html += line(tr("Mean time to hub (min)"), o["mean_time"], b["mean_time"])
        html += line(tr("Population within {} min").format(fmt(self.model.threshold_min)), o["share_within"],
                     b["share_within"], pct=True)
        html += line(tr("Gini of the times"), o["gini"], b["gini"], d=3)
        html += line(tr("Largest deviation (%)"), o["max_dev_pct"], b["max_dev_pct"])
        html += "</table>"
        html += "<p>" + tr("Target {} inhabitants per territory (±{} %); {} commune(s) moved; {} territory(ies) "
                           "out of the band, {} not contiguous.").format(
            fmt(self.model.target), fmt(self.model.tolerance_pct, 0), n_moved, o["n_out_of_band"],
            o["n_not_contiguous"]) + "</p>"
        self.overall.setText(html)

    def show_preview(self, positions):
        """What assigning ``positions`` to the target territory would do (hover)."""
        if self.model is None or not positions:
            self.preview.setText("")
            return ""
        target = self.target_label()
        if target is None:
            return ""
        p = self.model.preview(positions, target)
        names = ", ".join(self.model.names[i] for i in positions[:3])
        if not p["communes"]:
            text = tr("{}: already in territory {}.").format(names, target)
        else:
            parts = []
            for lab, (a, b) in p["territories"].items():
                parts.append(tr("{}: {} → {} inh. ({} %), mean time {} → {} min").format(
                    lab, fmt(a.pop), fmt(b.pop), fmt_signed(b.dev_pct), fmt(a.time_mean, 1), fmt(b.time_mean, 1)))
            oa, ob = p["overall"]
            text = tr("Moving {} to {}:").format(names, target) + "\n" + "\n".join(parts) + "\n" + tr(
                "overall mean time {} → {} min").format(fmt(oa["mean_time"], 2), fmt(ob["mean_time"], 2))
        self.preview.setText(text)
        return text

    def _row_double_clicked(self, item):
        lab = self.table.item(item.row(), 1).text()
        self.set_target(lab)
        self.zoom_to(self.model.members(self.model.code_of(lab)).tolist())

    # ------------------------------------------------------------------ live layers
    def _make_live_layers(self):
        project = QgsProject.instance()
        crs = self.layer.crs().authid() or self.layer.crs().toWkt()
        root = project.layerTreeRoot()
        group = root.findGroup(tr("Territory editor")) or root.insertGroup(0, tr("Territory editor"))
        for lyr in (self.live_layer, self.moved_layer):
            if _alive(lyr) and project.mapLayer(lyr.id()) is not None:
                project.removeMapLayer(lyr.id())
        live = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Territories (live)"), "memory")
        pr = live.dataProvider()
        pr.addAttributes([QgsField("territory", FieldType.String), QgsField("pop", FieldType.Double),
                          QgsField("dev_pct", FieldType.Double), QgsField("band", FieldType.String),
                          QgsField("n", FieldType.Int), QgsField("time_mean", FieldType.Double),
                          QgsField("contig", FieldType.Int), QgsField("color", FieldType.String)])
        live.updateFields()
        feats = []
        for lab in self.model.labels:
            f = QgsFeature(live.fields())
            f.setAttributes([lab, None, None, None, None, None, None, self._colors.get(lab, "#dddddd")])
            feats.append(f)
        pr.addFeatures(feats)
        self._live_fid = {f["territory"]: f.id() for f in live.getFeatures()}
        sym = QgsFillSymbol.createSimple({"style": "no", "outline_color": "35,35,35,255", "outline_width": "0.8"})
        sym.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertyStrokeColor,
            QgsProperty.fromExpression("CASE WHEN \"contig\" = 0 THEN '#c00000' ELSE '#232323' END"))
        live.setRenderer(QgsSingleSymbolRenderer(sym))
        pal = QgsPalLayerSettings()
        pal.isExpression = True
        pal.fieldName = ("\"territory\" || '\\n' || format_number(\"pop\", 0) || ' (' || "
                         "CASE WHEN \"dev_pct\" > 0 THEN '+' ELSE '' END || format_number(\"dev_pct\", 1) || ' %)'")
        fmt_ = pal.format()
        fmt_.setSize(9)
        buf = fmt_.buffer()
        buf.setEnabled(True)
        buf.setSize(1.0)
        fmt_.setBuffer(buf)
        pal.setFormat(fmt_)
        live.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        live.setLabelsEnabled(True)
        moved = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Moved communes"), "memory")
        moved.dataProvider().addAttributes([QgsField("id", FieldType.String), QgsField("name", FieldType.String),
                                            QgsField("from", FieldType.String), QgsField("to", FieldType.String)])
        moved.updateFields()
        msym = QgsFillSymbol.createSimple({"color": "200,0,0,255", "style": "b_diagonal",
                                           "outline_color": "200,0,0,255", "outline_width": "0.5"})
        moved.setRenderer(QgsSingleSymbolRenderer(msym))
        project.addMapLayer(moved, False)
        project.addMapLayer(live, False)
        group.insertLayer(0, live)
        group.insertLayer(0, moved)
        self.live_layer, self.moved_layer = live, moved
        self._style_communes()
        self._update_live(list(self.model.labels))

    def _style_communes(self):
        """Communes coloured by territory: a categorized renderer on the territory field (it reads
        the edit buffer, so colours follow every change); the layer's own style comes back when
        the session ends."""
        from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

        from ..core.editing import natural_key
        if self._renderer0 is None and self.layer.renderer() is not None:
            self._renderer0 = self.layer.renderer().clone()
        cats = []
        for lab in sorted(self.model.labels, key=natural_key):
            sym = QgsFillSymbol.createSimple({"color": self._colors.get(lab, "#dddddd"),
                                              "outline_color": "255,255,255,255", "outline_width": "0.15"})
            cats.append(QgsRendererCategory(self._value_for(lab), sym, lab))
        none = QgsFillSymbol.createSimple({"color": "255,255,255,255", "outline_color": "120,120,120,255",
                                           "outline_width": "0.15", "style": "dense6"})
        cats.append(QgsRendererCategory(None, none, tr("no territory")))
        self.layer.setRenderer(QgsCategorizedSymbolRenderer(self.tfield, cats))
        self.layer.triggerRepaint()

    def _update_live(self, labels):
        if not _alive(self.live_layer) or not _alive(self.moved_layer):  # removed by the user
            return
        m = self.model
        pr = self.live_layer.dataProvider()
        fields = self.live_layer.fields()
        geo, attrs, new = {}, {}, []
        for lab in labels:
            s = m.stats[m.code_of(lab)]
            g = self.shapes.shape(lab, m.members(m.code_of(lab)))
            qg = QgsGeometry() if g is None or g.is_empty else _qgeom(g)
            if qg.isMultipart() is False and not qg.isEmpty():
                qg.convertToMultiType()
            vals = {fields.indexOf("pop"): s.pop, fields.indexOf("dev_pct"): round(s.dev_pct, 2),
                    fields.indexOf("band"): s.band, fields.indexOf("n"): s.n,
                    fields.indexOf("time_mean"): None if not math.isfinite(s.time_mean) else round(s.time_mean, 2),
                    fields.indexOf("contig"): int(bool(s.contiguous)) if s.n else None}
            fid = self._live_fid.get(lab)
            if fid is None:
                f = QgsFeature(fields)
                f.setAttribute("territory", lab)
                f.setAttribute("color", self._colors.get(lab, "#dddddd"))
                for k, v in vals.items():
                    f.setAttribute(k, v)
                f.setGeometry(qg)
                new.append(f)
                continue
            geo[fid] = qg
            attrs[fid] = vals
        if new:
            pr.addFeatures(new)
            self._live_fid = {f["territory"]: f.id() for f in self.live_layer.getFeatures()}
        if geo:
            pr.changeGeometryValues(geo)
            pr.changeAttributeValues(attrs)
        # moved communes: rebuilt (a few hundred at most in practice)
        mp = self.moved_layer.dataProvider()
        mp.truncate()
        feats = []
        for r in m.realignment():
            f = QgsFeature(self.moved_layer.fields())
            f.setAttributes([r["id"], r["name"], r["from"], r["to"]])
            qg = _qgeom(self.geoms[r["idx"]])
            qg.convertToMultiType()
            f.setGeometry(qg)
            feats.append(f)
        if feats:
            mp.addFeatures(feats)
        for lyr in (self.live_layer, self.moved_layer):
            lyr.updateExtents()
            lyr.triggerRepaint()

    # ------------------------------------------------------------------ zoom
    def zoom_to(self, positions):
        import shapely
        if not positions or self.layer is None:
            return False
        b = shapely.bounds(shapely.union_all(self.geoms[list(positions)]))
        from qgis.core import QgsRectangle
        r = QgsRectangle(*[float(x) for x in b])
        canvas = self.iface.mapCanvas()
        xf = QgsCoordinateTransform(self.layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        r = xf.transformBoundingBox(r)
        r.scale(1.4)
        canvas.setExtent(r)
        canvas.refresh()
        self.layer.selectByIds([self.fids[p] for p in positions])
        return True

    # ------------------------------------------------------------------ validation
    def issue_text(self, issue):
        m = self.model
        if issue.kind == "empty":
            return tr("Territory {} is empty.").format(issue.territory)
        if issue.kind == "non_contiguous":
            s = m.stats[m.code_of(issue.territory)]
            return tr("Territory {} is in {} pieces: {} commune(s) apart from the main piece ({}).").format(
                issue.territory, s.pieces, len(issue.communes), m._few(issue.communes))
        if issue.kind in ("above", "below"):
            s = m.stats[m.code_of(issue.territory)]
            msg = tr("Territory {}: {} inhabitants, {} % from the target (above the ±{} % tolerance).") \
                if issue.kind == "above" else \
                tr("Territory {}: {} inhabitants, {} % from the target (below the ±{} % tolerance).")
            return msg.format(issue.territory, fmt(s.pop), fmt_signed(s.dev_pct), fmt(m.tolerance_pct, 0))
        if issue.kind == "no_territory":
            return tr("{} commune(s) with no territory ({}).").format(len(issue.communes), m._few(issue.communes))
        return issue.message

    def validate(self):
        """Fills the findings list (each with a zoom button); returns the :class:`Issue` list."""
        if self.model is None:
            return []
        self.issues = self.model.validate()
        self.issue_tree.clear()
        if not self.issues:
            it = QTreeWidgetItem([tr("No problem found: every territory is contiguous and within the tolerance, "
                                     "every commune has a territory.")])
            self.issue_tree.addTopLevelItem(it)
        for k, iss in enumerate(self.issues):
            it = QTreeWidgetItem([self.issue_text(iss), ""])
            it.setToolTip(0, it.text(0))
            self.issue_tree.addTopLevelItem(it)
            b = QPushButton(tr("Zoom"))
            b.setObjectName(f"zoom_{k}")
            b.setEnabled(bool(iss.communes))
            b.clicked.connect(lambda _c=False, c=iss.communes: self.zoom_to(c))
            self.issue_tree.setItemWidget(it, 1, b)
        self.say(tr("{} finding(s).").format(len(self.issues)), 1 if self.issues else 0)
        return self.issues

    # ------------------------------------------------------------------ locks and rebalance
    def locked_territories(self):
        out = set()
        for k in range(self.table.rowCount()):
            it, name = self.table.item(k, 0), self.table.item(k, 1)
            if it is not None and name is not None and it.checkState() == Qt.CheckState.Checked:
                out.add(name.text())
        return out

    def lock_territory(self, label, on=True):
        k = self._row_of.get(str(label))
        if k is not None:
            self.table.item(k, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._show_locks()

    def lock_selected(self):
        if self.layer is None:
            return 0
        sel = [self.pos_of[f] for f in self.layer.selectedFeatureIds() if f in self.pos_of]
        self.locked_communes.update(sel)
        self._show_locks()
        return len(sel)

    def lock_positions(self, positions):
        self.locked_communes.update(int(p) for p in positions)
        self._show_locks()

    def unlock_all(self):
        self.locked_communes = set()
        for k in range(self.table.rowCount()):
            self.table.item(k, 0).setCheckState(Qt.CheckState.Unchecked)
        self._show_locks()

    def _show_locks(self):
        self.locks_label.setText(tr("Locked: {} territory(ies), {} commune(s).").format(
            len(self.locked_territories()), len(self.locked_communes)))

    def rebalance(self, seed=0):
        """Runs optima:cluster_territories with every locked commune fixed (LOCK_FIELD) and shows the
        result as a proposal layer. Returns the proposal layer, or None (reason in the status line)."""
        from qgis import processing
        from qgis.core import QgsApplication, QgsProcessingException

        from ..core import editing
        if self.model is None:
            return None
        if QgsApplication.processingRegistry().algorithmById("optima:cluster_territories") is None:
            self.say(tr("The algorithm optima:cluster_territories is not available."), 2)
            return None
        m = self.model
        labels = m.current_labels()
        locks = editing.lock_values(labels, self.locked_communes, self.locked_territories())
        k = sum(1 for s in m.stats if s.n > 0)
        crs = self.layer.crs().authid() or self.layer.crs().toWkt()
        tmp = QgsVectorLayer(f"MultiPolygon?crs={crs}", "optima_rebalance_input", "memory")
        tmp.dataProvider().addAttributes([QgsField("pos", FieldType.Int), QgsField("pop", FieldType.Double),
                                          QgsField("lock", FieldType.String)])
        tmp.updateFields()
        feats = []
        for p in range(m.n):
            f = QgsFeature(tmp.fields())
            f.setAttributes([p, float(m.pop[p]), locks[p]])
            qg = _qgeom(self.geoms[p])
            qg.convertToMultiType()
            f.setGeometry(qg)
            feats.append(f)
        tmp.dataProvider().addFeatures(feats)
        out_dir = tempfile.mkdtemp(prefix="optima_editor_")
        params = {"INPUT": tmp, "ID_FIELD": "pos", "POPULATION_FIELD": "pop", "N_TERRITORIES": k,
                  "BALANCE_TOLERANCE": float(m.tolerance_pct), "LOCK_FIELD": "lock", "SEED": int(seed),
                  "OUTPUT_COMMUNES": os.path.join(out_dir, "communes.gpkg"),
                  "OUTPUT_TERRITORIES": os.path.join(out_dir, "territoires.gpkg")}
        self.say(tr("Rebalancing around {} locked commune(s)…").format(sum(1 for v in locks if v is not None)))
        try:
            res = processing.run("optima:cluster_territories", params)
        except QgsProcessingException as e:
            self.say(tr("Rebalancing failed: {}").format(e), 2)
            return None
        out = QgsVectorLayer(res["OUTPUT_COMMUNES"], "out", "ogr")
        new = [None] * m.n
        for f in out.getFeatures():
            new[int(f["pos"])] = _py(f["territory"])
        proposal = editing.match_labels(labels, new, m.pop, locks=locks, known=m.labels)
        self.proposal = proposal
        pm = editing.EditModel(proposal, m.pop, m.times, m.A, tolerance_pct=m.tolerance_pct,
                               threshold_min=m.threshold_min, ids=m.ids, names=m.names)
        po = pm.overall()
        n_changed = sum(1 for a, b in zip(labels, proposal) if a != b)
        lost = [p for p, v in enumerate(locks) if v is not None and proposal[p] != v]
        self._show_proposal_layer(proposal)
        self.proposal_label.setText(tr(
            "Proposal: {} commune(s) change territory; largest deviation {} % (now {} %); mean time to hub {} min "
            "(now {}); {} territory(ies) not contiguous.{}").format(
            n_changed, fmt(po["max_dev_pct"], 1), fmt(m.overall()["max_dev_pct"], 1), fmt(po["mean_time"], 1),
            fmt(m.overall()["mean_time"], 1), po["n_not_contiguous"],
            "" if not lost else " " + tr("Warning: {} locked commune(s) not kept.").format(len(lost))))
        self.accept_btn.setEnabled(True)
        self.reject_btn.setEnabled(True)
        self.proposal_model = pm
        return self.proposal_layer

    def _show_proposal_layer(self, proposal):
        import shapely

        from ..core import editing
        project = QgsProject.instance()
        if _alive(self.proposal_layer) and project.mapLayer(self.proposal_layer.id()) is not None:
            project.removeMapLayer(self.proposal_layer.id())
        crs = self.layer.crs().authid() or self.layer.crs().toWkt()
        lyr = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Proposal (rebalanced)"), "memory")
        lyr.dataProvider().addAttributes([QgsField("territory", FieldType.String), QgsField("pop", FieldType.Double),
                                          QgsField("n", FieldType.Int), QgsField("color", FieldType.String)])
        lyr.updateFields()
        by = {}
        for p, lab in enumerate(proposal):
            if lab is not None:
                by.setdefault(lab, []).append(p)
        feats = []
        for lab in sorted(by, key=editing.natural_key):
            mem = by[lab]
            f = QgsFeature(lyr.fields())
            f.setAttributes([lab, float(self.model.pop[mem].sum()), len(mem), self._colors.get(lab, "#dddddd")])
            qg = _qgeom(shapely.union_all(self.geoms[mem]))
            qg.convertToMultiType()
            f.setGeometry(qg)
            feats.append(f)
        lyr.dataProvider().addFeatures(feats)
        sym = QgsFillSymbol.createSimple({"color": "200,200,200,255", "outline_color": "0,70,160,255",
                                          "outline_width": "0.9", "outline_style": "dash"})
        sym.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertyFillColor,
            QgsProperty.fromExpression("set_color_part(\"color\", 'alpha', 110)"))
        lyr.setRenderer(QgsSingleSymbolRenderer(sym))
        pal = QgsPalLayerSettings()
        pal.fieldName = "territory"
        lyr.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        lyr.setLabelsEnabled(True)
        project.addMapLayer(lyr, False)
        group = project.layerTreeRoot().findGroup(tr("Territory editor")) or project.layerTreeRoot()
        group.insertLayer(0, lyr)
        self.proposal_layer = lyr

    def accept_proposal(self):
        """Writes the proposal into the edit buffer (one undoable command)."""
        if self.proposal is None or self.model is None:
            return 0
        lay = self.layer
        if not lay.isEditable() and not lay.startEditing():
            self.say(tr("The layer {} cannot be edited.").format(lay.name()), 2)
            return 0
        n = 0
        lay.beginEditCommand(tr("Territory editor: rebalanced proposal accepted"))
        for p, lab in enumerate(self.proposal):
            if self.model.label_of(p) != lab:
                lay.changeAttributeValue(self.fids[p], self.tindex, self._value_for(lab))
                n += 1
        lay.endEditCommand()
        self._flush()
        self.reject_proposal(message=False)
        self.say(tr("Proposal accepted: {} commune(s) changed territory (undo with Ctrl+Z).").format(n))
        return n

    def reject_proposal(self, message=True):
        project = QgsProject.instance()
        if _alive(self.proposal_layer) and project.mapLayer(self.proposal_layer.id()) is not None:
            project.removeMapLayer(self.proposal_layer.id())
        self.proposal_layer = None
        self.proposal = None
        self.accept_btn.setEnabled(False)
        self.reject_btn.setEnabled(False)
        self.proposal_label.setText("")
        if message:
            self.say(tr("Proposal rejected."))

    # ------------------------------------------------------------------ realignment report
    def export_report(self, folder=None, add_layer=True):
        """Realignment report: a layer (added to the project), a CSV, an XLSX when openpyxl is
        installed and the HTML section of the report. Returns {kind: path or layer}."""

        from ..core import editing
        from ..i18n import locale_name
        if self.model is None:
            return {}
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, tr("Folder for the realignment report"))
            if not folder:
                return {}
        os.makedirs(folder, exist_ok=True)
        lang = "fr" if locale_name() == "fr" else "en"
        rows = self.model.realignment()
        out = {"csv": editing.write_realignment_csv(rows, os.path.join(folder, "reaffectations.csv"), lang)}
        x = editing.write_realignment_xlsx(rows, os.path.join(folder, "reaffectations.xlsx"), lang)
        if x:
            out["xlsx"] = x
        html = editing.realignment_html(rows, self.model.realignment_flows(), lang)
        with open(os.path.join(folder, "reaffectations.html"), "w", encoding="utf-8") as f:
            f.write(html)
        out["html"] = os.path.join(folder, "reaffectations.html")
        if add_layer:
            crs = self.layer.crs().authid() or self.layer.crs().toWkt()
            lyr = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Realignment"), "memory")
            lyr.dataProvider().addAttributes([
                QgsField("id", FieldType.String), QgsField("name", FieldType.String),
                QgsField("from", FieldType.String), QgsField("to", FieldType.String), QgsField("pop", FieldType.Double),
                QgsField("t_before", FieldType.Double), QgsField("t_after", FieldType.Double),
                QgsField("dt_min", FieldType.Double)])
            lyr.updateFields()
            feats = []
            for r in rows:
                f = QgsFeature(lyr.fields())
                f.setAttributes([r["id"], r["name"], r["from"], r["to"], r["pop"], _num(r["time_before"]),
                                 _num(r["time_after"]), _num(r["time_change"])])
                qg = _qgeom(self.geoms[r["idx"]])
                qg.convertToMultiType()
                f.setGeometry(qg)
                feats.append(f)
            lyr.dataProvider().addFeatures(feats)
            QgsProject.instance().addMapLayer(lyr)
            out["layer"] = lyr
        self.say(tr("Realignment report: {} commune(s) moved; files in {}.").format(len(rows), folder))
        return out


def _deleted(obj) -> bool:
    try:
        from qgis.PyQt import sip
    except ImportError:  # pragma: no cover
        import sip
    try:
        return sip.isdeleted(obj)
    except TypeError:
        return False


def _alive(lyr) -> bool:
    return lyr is not None and not _deleted(lyr)


def _qgeom(g):
    """A shapely geometry as a multi-part QgsGeometry."""
    import shapely
    q = QgsGeometry()
    q.fromWkb(shapely.to_wkb(g))
    q.convertToMultiType()
    return q


def _num(v):
    return round(float(v), 2) if v is not None and math.isfinite(v) else None

"""The territory editor's dock in a headless QGIS (pytest-qgis iface): menu wiring, a session on a
grid of communes, moves through the edit buffer, undo / redo, an edit from outside the dock,
rollback, lock + rebalance, validation and the realignment report. The real desktop session is
tests/desktop/test_editor_desktop.py."""
import csv

import pytest


def grid_layer(nx=6, ny=4, numeric=True):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsRectangle, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    lyr = QgsVectorLayer("Polygon?crs=EPSG:2154", "grille", "memory")
    lyr.dataProvider().addAttributes([
        QgsField("insee", QVariant.String), QgsField("nom", QVariant.String),
        QgsField("population", QVariant.Int),
        QgsField("territory", QVariant.Int if numeric else QVariant.String)])
    lyr.updateFields()
    feats = []
    for y in range(ny):
        for x in range(nx):
            f = QgsFeature(lyr.fields())
            k = y * nx + x
            lab = 1 + x // (nx // 2)          # two halves, west = 1, east = 2
            f.setAttributes([f"c{k:02d}", f"Commune {k}", 100 + 10 * k, lab if numeric else f"T{lab}"])
            f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x * 1000, y * 1000, (x + 1) * 1000, (y + 1) * 1000)))
            feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


@pytest.fixture
def dock(qgis_iface, optima):
    from qgis.core import QgsProject

    from optima.optima_plugin.editor import open_editor

    lyr = grid_layer()
    QgsProject.instance().addMapLayer(lyr)
    d = open_editor(qgis_iface, None, lyr)
    assert d.start(lyr, "territory", "population", "insee", "", 10, 20), d.status.text()
    yield d, lyr
    d.stop()
    if lyr.isEditable():
        lyr.rollBack()
    QgsProject.instance().removeAllMapLayers()


def test_menu_action_and_unload(qgis_iface):
    import optima as plugin_pkg
    from qgis.PyQt.QtWidgets import QAction

    from optima.optima_plugin.editor import ACTION_NAME, add_editor_action

    class Plugin:
        def __init__(self):
            self.unloaded = False

        def unload(self):
            self.unloaded = True

    p = Plugin()
    a = add_editor_action(qgis_iface, p)
    assert isinstance(a, QAction) and a.objectName() == ACTION_NAME
    a.trigger()
    assert p._editor_dock is not None and p._editor_dock.objectName() == "optimaTerritoryEditorDock"
    p.unload()                                  # the editor's dock closes with the plugin
    assert p.unloaded and p._editor_dock is None
    assert plugin_pkg is not None


def test_session_moves_undo_redo_rollback(dock):
    d, lyr = dock
    m = d.model
    assert m.n == 24 and m.labels == ["1", "2"] and d.table.rowCount() == 2
    before = m.snapshot().overall
    fid = d.fids[2]                              # c02, on the border of territory 1
    d.set_target("2")
    assert "c02" not in d.show_preview([2]) and "Commune 2" in d.show_preview([2])
    assert d.assign_positions([2]) == 1
    assert lyr.isEditable() and lyr.getFeature(fid)["territory"] == 2     # written as an integer
    assert m.label_of(2) == "2" and m.moved().tolist() == [2]
    assert d.moved_layer.featureCount() == 1
    pops = {s.label: s.pop for s in m.stats}
    assert pops["1"] + pops["2"] == m.pop.sum()
    lyr.undoStack().undo()
    d._flush()
    assert lyr.getFeature(fid)["territory"] == 1 and m.moved().size == 0 and m.overall() == before
    lyr.undoStack().redo()
    d._flush()
    assert m.label_of(2) == "2"
    # the attribute table / field calculator path, and a new territory typed by the user
    lyr.changeAttributeValue(d.fids[0], d.tindex, 3)
    d._flush()
    assert m.label_of(0) == "3" and m.k == 3 and d.table.rowCount() == 3 and d.target.count() == 3
    lyr.rollBack()
    d._flush()
    assert m.moved().size == 0 and m.overall()["mean_time"] == pytest.approx(before["mean_time"])


def test_validate_rebalance_report(dock, tmp_path):
    d, lyr = dock
    m = d.model
    d.assign_positions([0], "2")                 # c00, far west, into the east territory: two pieces
    issues = d.validate()
    kinds = {(i.kind, i.territory) for i in issues}
    assert ("non_contiguous", "2") in kinds
    assert d.issue_tree.topLevelItemCount() == len(issues)
    d.lock_territory("1")
    prop = d.rebalance(seed=0)
    assert prop is not None, d.status.text()
    assert prop.featureCount() == 2
    locked = [i for i in range(m.n) if m.label_of(i) == "1"]
    assert all(d.proposal[i] == "1" for i in locked)
    assert d.accept_proposal() >= 0
    assert [str(f["territory"]) for f in lyr.getFeatures()] == m.current_labels()
    out = d.export_report(str(tmp_path))
    with open(out["csv"], encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert len(rows) - 1 == m.moved().size == out["layer"].featureCount()

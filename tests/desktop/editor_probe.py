"""Runs inside the real QGIS desktop (``qgis --code editor_probe.py``): a scripted session of the
territory editor, as a planner would do it, recorded in a JSON report with screenshots.

Cuts the communes (OPTIMA_PROBE_COMMUNES) into territories with optima:cluster_territories, opens
the editor from the OPTIMA menu action, then: hover preview and click with the map tool, undo,
redo, an edit from outside the dock (as the attribute table / field calculator make it), lock
and rebalance (proposal accepted), validate and zoom, realignment report, rollback.
Environment: OPTIMA_PROBE_OUT (JSON), OPTIMA_PROBE_WORK (folder), OPTIMA_EDITOR_SHOT,
OPTIMA_EDITOR_DOCK_SHOT (PNG).
"""
import builtins
import json
import os
import time
import traceback


def _probe():
    from qgis import processing
    from qgis.core import QgsPointXY, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QAction, QPushButton
    from qgis.utils import iface

    env = os.environ
    rep = {"steps": []}
    win = iface.mainWindow()
    canvas = iface.mapCanvas()

    def pump(seconds=0.2):
        end = time.time() + seconds
        while time.time() < end:
            QCoreApplication.processEvents()
            time.sleep(0.02)

    def step(name, **kw):
        rep["steps"].append(name)
        rep[name] = kw

    win.resize(1600, 1000)
    win.move(0, 0)
    pump(0.5)
    work = env["OPTIMA_PROBE_WORK"]
    src = env["OPTIMA_PROBE_COMMUNES"]
    out = os.path.join(work, "communes_territoires.gpkg")
    processing.run("optima:cluster_territories", {
        "INPUT": src, "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 8,
        "BALANCE_TOLERANCE": 10, "SEED": 1, "OUTPUT_COMMUNES": out,
        "OUTPUT_TERRITORIES": os.path.join(work, "territoires.gpkg")})
    layer = QgsVectorLayer(out, "Communes avec leur territoire", "ogr")
    QgsProject.instance().addMapLayer(layer)
    iface.setActiveLayer(layer)
    canvas.setExtent(layer.extent())
    pump(0.5)

    # the menu entry and the toolbar button
    act = win.findChild(QAction, "optimaTerritoryEditor")
    rep["action"] = act is not None and act.text()
    rep["in_toolbar"] = any(act in tb.actions() for tb in win.findChildren(__import__(
        "qgis.PyQt.QtWidgets", fromlist=["QToolBar"]).QToolBar)) if act else False
    act.trigger()
    pump(0.5)
    from optima.optima_plugin.editor.dock import EditorDock
    dock = win.findChild(EditorDock)
    rep["dock_title"] = dock.windowTitle()
    rep["dock_visible"] = dock.isVisible()
    t0 = time.time()
    ok = dock.start(layer, "territory", "population", "insee", "hub", 10, 20)
    rep["start_seconds"] = round(time.time() - t0, 2)
    rep["started"] = ok
    rep["status_start"] = dock.status.text()
    m = dock.model
    before = m.snapshot()
    rep["n"] = m.n
    rep["k"] = m.k
    rep["hubs_fixed"] = len(m.fixed_hubs)
    rep["before_overall"] = before.overall
    rep["table_rows"] = dock.table.rowCount()
    rep["headers"] = [dock.table.horizontalHeaderItem(c).text() for c in range(dock.table.columnCount())]

    # a commune on a border: c in territory A, touching territory B
    A = m.A
    c = a_lab = b_lab = None
    for i in range(m.n):
        nb = A.indices[A.indptr[i]:A.indptr[i + 1]]
        others = [j for j in nb if m.code[j] != m.code[i]]
        if others and m.stats[m.code[i]].n > 3:
            c, a_lab, b_lab = i, m.label_of(i), m.label_of(others[0])
            break
    rep["moved_commune"] = [m.ids[c], m.names[c], a_lab, b_lab]
    pop_a0, pop_b0 = m.stats[m.code_of(a_lab)].pop, m.stats[m.code_of(b_lab)].pop

    # hover then click with the map tool (real mouse events on the canvas)
    dock.set_target(b_lab)
    dock.activate_tool("click")
    import shapely
    pt = shapely.point_on_surface(dock.geoms[c])
    px = canvas.getCoordinateTransform().transform(QgsPointXY(pt.x, pt.y))
    pos = QPoint(int(px.x()), int(px.y()))
    QTest.mouseMove(canvas.viewport(), pos)
    pump(0.3)
    rep["preview_text"] = dock.preview.text()
    t0 = time.time()
    QTest.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, pos)
    pump(0.3)
    fid = dock.fids[c]
    step("assign", seconds=round(time.time() - t0, 3),
         layer_value=str(layer.getFeature(fid)["territory"]), editable=layer.isEditable(),
         buffer_changes=len(layer.editBuffer().changedAttributeValues()) if layer.editBuffer() else 0,
         pop_a=m.stats[m.code_of(a_lab)].pop, pop_b=m.stats[m.code_of(b_lab)].pop,
         pop_a0=pop_a0, pop_b0=pop_b0, moved=[m.ids[i] for i in m.moved()],
         moved_layer=dock.moved_layer.featureCount(),
         live_b_contains=_live_contains(dock, b_lab, c), undo_count=layer.undoStack().count(),
         undo_text=layer.undoStack().text(layer.undoStack().count() - 1))
    shot = env.get("OPTIMA_EDITOR_SHOT")
    canvas.refresh()
    pump(1.5)

    # undo / redo through QGIS's own undo stack
    layer.undoStack().undo()
    pump(0.3)
    step("undo", layer_value=str(layer.getFeature(fid)["territory"]), moved=int(m.moved().size),
         same_as_before=m.overall() == before.overall,
         live_a_contains=_live_contains(dock, a_lab, c))
    layer.undoStack().redo()
    pump(0.3)
    step("redo", layer_value=str(layer.getFeature(fid)["territory"]), moved=int(m.moved().size),
         pop_b=m.stats[m.code_of(b_lab)].pop)

    # an edit from outside the dock (what the attribute table and the field calculator do)
    other = next(i for i in range(m.n) if m.label_of(i) == a_lab and i != c)
    layer.changeAttributeValue(dock.fids[other], dock.tindex, layer.getFeature(fid)["territory"])
    pump(0.3)
    step("outside_edit", commune=m.ids[other], label=m.label_of(other), moved=int(m.moved().size))

    # rectangle tool: drag over the first commune's surroundings
    dock.set_target(a_lab)
    dock.activate_tool("rect")
    QTest.mousePress(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, pos - QPoint(3, 3))
    QTest.mouseMove(canvas.viewport(), pos + QPoint(3, 3))
    QTest.mouseRelease(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, pos + QPoint(3, 3))
    pump(0.3)
    step("rectangle", label=m.label_of(c), moved=int(m.moved().size))

    # screenshot of an edit in progress
    dock.set_target(b_lab)
    dock.assign_positions([c])
    canvas.setExtent(layer.extent())
    canvas.refresh()
    pump(2.0)
    dock.activate_tool("click")
    # hover a neighbour of another territory: the dock says what moving it would do
    nb = [j for j in A.indices[A.indptr[c]:A.indptr[c + 1]] if m.label_of(j) not in (b_lab, None)]
    if nb:
        q = shapely.point_on_surface(dock.geoms[nb[0]])
        qx = canvas.getCoordinateTransform().transform(QgsPointXY(q.x, q.y))
        QTest.mouseMove(canvas.viewport(), QPoint(int(qx.x()) + 1, int(qx.y())))
        QTest.mouseMove(canvas.viewport(), QPoint(int(qx.x()), int(qx.y())))
    pump(0.5)
    rep["preview_text_2"] = dock.preview.text()
    if shot:
        rep["screenshot"] = bool(win.grab().save(shot))
    dshot = env.get("OPTIMA_EDITOR_DOCK_SHOT")
    if dshot:
        rep["dock_screenshot"] = bool(dock.grab().save(dshot))

    # the dock's own update after a change (edit buffer + indicators + live layers), timed
    ms = []
    for k in range(6):
        t0 = time.perf_counter()
        dock.assign_positions([c], a_lab if k % 2 == 0 else b_lab)
        ms.append(1000 * (time.perf_counter() - t0))
    rep["dock_update_ms"] = sorted(ms)[len(ms) // 2]
    rep["band_colors"] = {s.label: s.band for s in m.stats}

    # lock a territory and a commune, rebalance, accept
    dock.lock_territory(a_lab)
    layer.selectByIds([dock.fids[c]])
    dock.lock_selected()
    t0 = time.time()
    prop = dock.rebalance(seed=0)
    rep_prop = {"seconds": round(time.time() - t0, 1), "layer": prop is not None and prop.name(),
                "features": prop.featureCount() if prop else 0, "text": dock.proposal_label.text(),
                "status": dock.status.text()}
    if prop is not None:
        locked_a = [i for i in range(m.n) if m.label_of(i) == a_lab]
        rep_prop["locked_kept"] = all(dock.proposal[i] == a_lab for i in locked_a) and dock.proposal[c] == b_lab
        canvas.refresh()
        pump(1.0)
        pshot = env.get("OPTIMA_EDITOR_PROPOSAL_SHOT")
        if pshot:
            win.grab().save(pshot)
        proposal = list(dock.proposal)
        n_acc = dock.accept_proposal()
        rep_prop["after_labels_match"] = m.current_labels() == proposal
        pump(0.3)
        rep_prop["accepted"] = n_acc
        rep_prop["layer_matches_model"] = all(
            str(f["territory"]) == m.label_of(dock.pos_of[f.id()]) for f in layer.getFeatures())
        rep_prop["proposal_layer_removed"] = dock.proposal_layer is None
        rep_prop["overall_after"] = m.overall()
        locked_labels = {m.label_of(i) for i in locked_a} | {m.label_of(c)}
        rep_prop["free_contiguous"] = all(s.contiguous for s in m.stats if s.n and s.label not in locked_labels)
        rep_prop["pieces"] = {s.label: [s.n, s.pieces] for s in m.stats}
    step("rebalance", **rep_prop)

    # validate: break a territory's contiguity on purpose, then zoom to the finding
    far = max((i for i in range(m.n) if m.label_of(i) != b_lab),
              key=lambda i: _dist(dock.geoms[i], dock.geoms[c]))
    dock.assign_positions([far], b_lab)
    issues = dock.validate()
    ext0 = canvas.extent()
    k = next((j for j, s in enumerate(issues) if s.kind == "non_contiguous" and s.territory == b_lab), None)
    zoomed = False
    if k is not None:
        b = dock.issue_tree.findChild(QPushButton, f"zoom_{k}")
        b.click()
        pump(0.5)
        zoomed = canvas.extent() != ext0 and far in [dock.pos_of[f] for f in layer.selectedFeatureIds()]
    step("validate", kinds=[[s.kind, s.territory] for s in issues],
         texts=[dock.issue_text(s) for s in issues], zoomed=zoomed,
         rows=dock.issue_tree.topLevelItemCount())
    vshot = env.get("OPTIMA_EDITOR_VALIDATE_SHOT")
    if vshot:
        dock.grab().save(vshot)

    # realignment report
    rdir = os.path.join(work, "rapport")
    outp = dock.export_report(rdir)
    step("report", files={k: (v if isinstance(v, str) else v.name()) for k, v in outp.items()},
         layer_features=outp["layer"].featureCount() if "layer" in outp else None,
         n_moved=int(m.moved().size))

    # rollback: back to the layer as saved
    layer.rollBack()
    pump(0.5)
    step("rollback", moved=int(m.moved().size), same_as_before=m.overall() == before.overall,
         editable=layer.isEditable())
    return rep


def _dist(a, b):
    import shapely
    return float(shapely.distance(shapely.centroid(a), shapely.centroid(b)))


def _live_contains(dock, label, pos):
    import shapely
    fid = dock._live_fid[label]
    g = dock.live_layer.getFeature(fid).geometry()
    poly = shapely.from_wkb(bytes(g.asWkb()))
    return bool(poly.contains(shapely.point_on_surface(dock.geoms[pos])))


def _finish():
    from qgis.core import QgsProject
    from qgis.utils import iface

    out = os.environ["OPTIMA_PROBE_OUT"]
    try:
        rep = _probe()
    except Exception:
        rep = {"probe_error": traceback.format_exc()}
    recorded = getattr(builtins, "_optima_probe", {})
    rep["exceptions"] = recorded.get("exceptions", [])
    rep["log"] = [m for m in recorded.get("log", []) if m[0] == "OPTIMA"]
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(rep, f, ensure_ascii=False, indent=1, default=str)
    os.replace(out + ".tmp", out)
    for lyr in QgsProject.instance().mapLayers().values():
        if hasattr(lyr, "isEditable") and lyr.isEditable():
            lyr.rollBack()
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


from qgis.PyQt.QtCore import QTimer  # noqa: E402

QTimer.singleShot(1500, _finish)

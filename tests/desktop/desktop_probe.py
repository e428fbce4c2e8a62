"""Runs inside the real QGIS desktop (``qgis --code desktop_probe.py``) once its window is up.

Uses the plugin as an officer would (menu Plugins > Vector > OPTIMA), reads what the Processing
toolbox shows, takes screenshots, optionally runs the guided dialog, writes a JSON report and quits.
Configuration by environment: OPTIMA_PROBE_OUT (JSON), OPTIMA_PROBE_SHOT (toolbox PNG),
OPTIMA_PROBE_DIALOG_SHOT (dialog PNG), OPTIMA_PROBE_COMMUNES (optional communes GeoPackage),
OPTIMA_PROBE_WORK (folder for outputs), OPTIMA_PROBE_RUN=1 to click Run in the guided dialog.
"""
import builtins
import json
import os
import time
import traceback


def _probe():
    from qgis.core import QgsApplication, QgsProject, QgsSettings, QgsVectorLayer
    from qgis.PyQt.QtCore import QCoreApplication, QSettings, Qt
    from qgis.PyQt.QtWidgets import QAction, QDockWidget, QLineEdit, QTreeView
    from qgis.utils import active_plugins, iface

    rep = {"active_plugins": list(active_plugins), "steps": []}
    env = os.environ
    win = iface.mainWindow()

    def pump(seconds):
        end = time.time() + seconds
        while time.time() < end:
            QCoreApplication.processEvents()
            time.sleep(0.02)

    win.resize(1500, 950)
    win.move(0, 0)
    pump(0.5)
    s = QSettings()
    rep["settings"] = {"file": s.fileName(),
                       "overrideFlag": str(s.value("locale/overrideFlag")),
                       "userLocale": str(s.value("locale/userLocale")),
                       "qgs_userLocale": str(QgsSettings().value("locale/userLocale"))}
    rep["qgis_locale"] = QgsApplication.locale()
    try:
        import optima.optima_plugin.i18n as i18n
        rep["optima_locale"] = i18n.locale_name()
        rep["optima_translator"] = i18n._translator is not None
    except Exception as e:
        rep["optima_locale"] = f"error {e!r}"

    prov = QgsApplication.processingRegistry().providerById("optima")
    rep["provider"] = prov is not None
    if prov is not None:
        rep["provider_long_name"] = prov.longName()
        rep["algorithms"] = {a.id(): {"name": a.displayName(), "group": a.group()} for a in prov.algorithms()}

    # the menu, as the officer sees it
    menu_texts = {}
    for act in iface.vectorMenu().actions():
        m = act.menu()
        if m is not None and act.text().replace("&", "") == "OPTIMA":
            menu_texts = {a.objectName(): a.text() for a in m.actions()}
    rep["menu"] = menu_texts

    communes = env.get("OPTIMA_PROBE_COMMUNES")
    layer = None
    if communes and os.path.exists(communes):
        layer = QgsVectorLayer(communes, "Communes", "ogr")
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer)
            iface.mapCanvas().setExtent(layer.extent())
            iface.mapCanvas().refresh()
    rep["communes_loaded"] = bool(layer is not None and layer.isValid())

    act = win.findChild(QAction, "optimaOpenToolbox")
    rep["toolbox_action"] = act is not None
    if act is not None:
        act.trigger()
    pump(1.0)
    dock = win.findChild(QDockWidget, "ProcessingToolbox")
    rep["toolbox_visible"] = bool(dock is not None and dock.isVisible())
    shown = []
    if dock is not None:
        box = dock.findChild(QLineEdit, "searchBox")
        rep["toolbox_filter"] = box.text() if box is not None else None
        tree = dock.findChild(QTreeView, "algorithmTree")
        if tree is not None:
            tree.expandAll()
            model = tree.model()

            def walk(parent, depth):
                for r in range(model.rowCount(parent)):
                    idx = model.index(r, 0, parent)
                    shown.append([depth, str(model.data(idx, Qt.DisplayRole))])
                    walk(idx, depth + 1)
            walk(tree.rootIndex(), 0)
            dock.setMinimumWidth(430)
    rep["toolbox_rows"] = shown
    # the guided dialog, opened from the menu
    act = win.findChild(QAction, "optimaGuided")
    rep["guided_action"] = act is not None
    if act is not None:
        act.trigger()
        pump(0.8)
        from optima.optima_plugin.gui import GuidedDialog
        dlgs = [w for w in QCoreApplication.instance().topLevelWidgets()
                if isinstance(w, GuidedDialog) and w.isVisible()]
        rep["guided_dialog"] = bool(dlgs)
        if dlgs:
            dlg = dlgs[0]
            rep["dialog_title"] = dlg.windowTitle()
            work = env.get("OPTIMA_PROBE_WORK", "")
            dlg.out_dir.setFilePath(os.path.join(work, "sorties"))
            if layer is not None:
                dlg.communes.setLayer(layer)
            dlg.n_territories.setValue(4)
            pump(0.3)
            rep["dialog_values"] = {k: (v.name() if hasattr(v, "name") else v)
                                    for k, v in dlg.values().items()}
            if env.get("OPTIMA_PROBE_RUN") == "1" and layer is not None:
                t0 = time.time()
                done = dlg.run()
                rep["run_seconds"] = round(time.time() - t0, 1)
                rep["run_done"] = [a for a, _ in done]
                rep["run_outputs"] = [{k: v for k, v in r.items() if isinstance(v, (str, int, float))}
                                      for _, r in done]
                rep["project_layers"] = sorted(lyr.name() for lyr in QgsProject.instance().mapLayers().values())
                groups = QgsProject.instance().layerTreeRoot().findGroups()
                rep["layer_groups"] = {g.name(): [c.name() for c in g.children()] for g in groups}
            rep["dialog_log"] = dlg.log.toPlainText()
            pump(0.5)
            dshot = env.get("OPTIMA_PROBE_DIALOG_SHOT")
            if dshot:
                rep["dialog_screenshot"] = bool(dlg.grab().save(dshot))
            dlg.close()
    iface.mapCanvas().refresh()
    pump(2.0)
    shot = env.get("OPTIMA_PROBE_SHOT")
    if shot:
        rep["screenshot"] = bool(win.grab().save(shot))

    return rep


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
    rep["log"] = recorded.get("log", [])
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(rep, f, ensure_ascii=False, indent=1, default=str)
    os.replace(out + ".tmp", out)
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


from qgis.PyQt.QtCore import QTimer  # noqa: E402

QTimer.singleShot(1500, _finish)

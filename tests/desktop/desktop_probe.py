"""Runs inside the real QGIS desktop (``qgis --code desktop_probe.py``) once its window is up.

Uses the plugin as an officer would, in French, and writes a JSON report, screenshots, then quits.
Two sessions (OPTIMA_PROBE_MODE):

- ``main``: the Vector > OPTIMA menu and the OPTIMA toolbar button, the offline documentation,
  the Processing toolbox; the guided dialog filled and run (background tasks), its French
  summary, "Open the report"; a second run into the same folder (the group is replaced); a run
  canceled mid-way (only its own files removed); screenshots of the window and the dialog.
- ``dialogs``: every OPTIMA algorithm (and the model) opened in its QGIS Processing dialog with
  the default temporary outputs, filled, run with the dialog's own Run: whether it ends with
  QGIS's red "The following layers were not correctly generated" message; a screenshot.

Configuration by environment: OPTIMA_PROBE_OUT (JSON), OPTIMA_PROBE_SHOT (main window PNG),
OPTIMA_PROBE_DIALOG_SHOT (dialog PNG), OPTIMA_PROBE_ALG_SHOT (algorithm dialog PNG),
OPTIMA_PROBE_COMMUNES (communes GeoPackage), OPTIMA_PROBE_DATA (folder of the shared data),
OPTIMA_PROBE_WORK (folder for outputs), OPTIMA_PROBE_RUN=1 to run the guided dialog.
"""
import builtins
import json
import os
import time
import traceback

URLS = []  # every URL the plugin asked the desktop to open (file:// help, report)


def pump(seconds):
    from qgis.PyQt.QtCore import QCoreApplication
    end = time.time() + seconds
    while time.time() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def wait_for(pred, timeout):
    from qgis.PyQt.QtCore import QCoreApplication
    t0 = time.time()
    while time.time() - t0 < timeout:
        if pred():
            return True
        QCoreApplication.processEvents()
        time.sleep(0.02)
    return bool(pred())


def _catch_urls():
    """QDesktopServices.openUrl(file://...) goes to this handler instead of a browser."""
    from qgis.PyQt.QtCore import QObject, pyqtSlot
    from qgis.PyQt.QtGui import QDesktopServices

    class Catcher(QObject):
        @pyqtSlot("QUrl")
        def open(self, url):
            URLS.append(url.toString())

    c = Catcher()
    builtins._optima_url_catcher = c
    QDesktopServices.setUrlHandler("file", c, "open")


def _load(path, name):
    from qgis.core import QgsProject, QgsVectorLayer
    if not path or not os.path.exists(path):
        return None
    lyr = QgsVectorLayer(path, name, "ogr")
    if not lyr.isValid():
        return None
    QgsProject.instance().addMapLayer(lyr)
    return lyr


def _common(rep):
    from qgis.core import QgsApplication, QgsSettings
    from qgis.PyQt.QtCore import QSettings
    from qgis.utils import active_plugins, iface

    rep["active_plugins"] = list(active_plugins)
    win = iface.mainWindow()
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
    return win


# ------------------------------------------------------------------------------------------ main
def _group_report():
    from qgis.core import QgsProject
    groups = QgsProject.instance().layerTreeRoot().findGroups()
    out = {}
    for g in groups:
        rows = []
        for c in g.children():
            lyr = c.layer() if hasattr(c, "layer") else None
            info = {"name": c.name(), "checked": c.itemVisibilityChecked()}
            if lyr is not None:
                r = lyr.renderer()
                info["renderer"] = r.type() if r else None
                info["attr"] = r.classAttribute() if r is not None and hasattr(r, "classAttribute") else None
                info["legend"] = [cat.label() for cat in r.categories()] if r is not None and hasattr(r, "categories") else []
                info["labels"] = bool(lyr.labelsEnabled())
                info["label_expr"] = lyr.labeling().settings().fieldName if lyr.labelsEnabled() and lyr.labeling() else None
                info["aliases"] = {f.name(): f.alias() for f in lyr.fields() if f.alias()}
            rows.append(info)
        out[g.name()] = rows
    return out


def _probe_main(rep):
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication, Qt
    from qgis.PyQt.QtWidgets import QAction, QDockWidget, QLineEdit, QToolButton, QTreeView
    from qgis.utils import iface

    env = os.environ
    win = _common(rep)
    _catch_urls()

    menu_texts = {}
    for act in iface.vectorMenu().actions():
        m = act.menu()
        if m is not None and act.text().replace("&", "") == "OPTIMA":
            menu_texts = {a.objectName(): a.text() for a in m.actions()}
    rep["menu"] = menu_texts
    button = win.findChild(QToolButton, "optimaToolButton")
    rep["toolbar_button"] = bool(button is not None and button.isVisible())
    rep["toolbar_entries"] = [a.objectName() for a in button.menu().actions()] if button is not None else []
    rep["toolbar_default"] = button.defaultAction().objectName() if button is not None and button.defaultAction() else None

    act = win.findChild(QAction, "optimaDocumentation")
    if act is not None:
        act.trigger()
        pump(0.3)
    rep["documentation_urls"] = list(URLS)

    layer = _load(env.get("OPTIMA_PROBE_COMMUNES"), "Communes")
    if layer is not None:
        iface.mapCanvas().setExtent(layer.extent())
        iface.mapCanvas().refresh()
    rep["communes_loaded"] = layer is not None

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

    act = win.findChild(QAction, "optimaGuided")
    rep["guided_action"] = act is not None
    if act is None:
        return rep
    act.trigger()
    pump(0.8)
    from optima.optima_plugin.gui import GuidedDialog
    dlgs = [w for w in QCoreApplication.instance().topLevelWidgets()
            if isinstance(w, GuidedDialog) and w.isVisible()]
    rep["guided_dialog"] = bool(dlgs)
    if not dlgs:
        return rep
    dlg = dlgs[0]
    dlg.move(980, 120)
    rep["dialog_title"] = dlg.windowTitle()
    rep["dialog_buttons"] = [b.text() for b in dlg.buttons.buttons()]
    work = env.get("OPTIMA_PROBE_WORK", "")
    out = os.path.join(work, "sorties")
    dlg.out_dir.setFilePath(out)
    if layer is not None:
        dlg.communes.setLayer(layer)
    dlg.n_territories.setValue(4)
    pump(0.3)
    rep["dialog_values"] = {k: (v.name() if hasattr(v, "name") else v) for k, v in dlg.values().items()}
    if env.get("OPTIMA_PROBE_RUN") == "1" and layer is not None:
        # 1. a canceled run into a folder that already holds a file of the user
        canc = os.path.join(work, "annulee")
        os.makedirs(canc, exist_ok=True)
        with open(os.path.join(canc, "notes.txt"), "w") as f:
            f.write("kept")
        dlg.out_dir.setFilePath(canc)
        dlg.run()
        t0 = time.time()
        wait_for(lambda: dlg.finished or time.time() - t0 > 4, 30)  # the first step is done, the second runs
        rep["cancel_progress_seen"] = dlg.progress.value()
        rep["cancel_ui_alive"] = True
        dlg.close()  # closing while running = cancel, the window closes when the step stopped
        rep["cancel_visible_after_close_click"] = dlg.isVisible()
        wait_for(lambda: not dlg.is_running(), 60)
        pump(0.3)
        rep["cancel_closed_after_stop"] = not dlg.isVisible()
        rep["cancel_left_files"] = sorted(os.listdir(canc)) if os.path.isdir(canc) else None
        rep["cancel_log"] = dlg.log.toPlainText()
        rep["groups_after_cancel"] = list(_group_report())
        dlg.show()
        # 2. a complete run, then the same run again (the group is replaced, not doubled)
        dlg.out_dir.setFilePath(out)
        runs = []
        for _ in range(2):
            t0 = time.time()
            started = dlg.run()
            ok = dlg.wait(240)
            runs.append({"started": started, "ended": ok, "seconds": round(time.time() - t0, 1),
                         "done": [a for a, _ in dlg.finished]})
            pump(0.5)
        rep["runs"] = runs
        rep["run_done"] = runs[-1]["done"]
        rep["run_outputs"] = [{k: v for k, v in r.items() if isinstance(v, (str, int, float))}
                              for _, r in dlg.finished]
        rep["summary"] = dlg.summary
        rep["report_button_enabled"] = dlg.report_button.isEnabled()
        before = len(URLS)
        dlg.report_button.click()
        pump(0.3)
        rep["report_urls"] = URLS[before:]
        rep["project_layers"] = sorted(lyr.name() for lyr in QgsProject.instance().mapLayers().values())
        rep["layer_groups"] = _group_report()
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


# --------------------------------------------------------------------------------------- dialogs
def _probe_dialogs(rep):
    import processing
    import processing.gui.AlgorithmDialog as AD
    from processing.core.ProcessingConfig import ProcessingConfig
    from qgis.core import QgsProject
    from qgis.PyQt.QtWidgets import QTextEdit

    env = os.environ
    _common(rep)
    ProcessingConfig.setSettingValue(ProcessingConfig.KEEP_DIALOG_OPEN, True)
    data = env.get("OPTIMA_PROBE_DATA", "")
    communes = _load(env.get("OPTIMA_PROBE_COMMUNES"), "Communes")
    mairies = _load(os.path.join(data, "mairies_31.gpkg"), "Mairies")
    roads = _load(os.path.join(data, "osm_roads_helsinki.gpkg"), "Routes")
    plugin = os.environ.get("OPTIMA_PROBE_PLUGIN", "")
    catalogue = os.path.join(plugin, "resources", "sample", "catalogue_services_fr.csv")
    rep["inputs"] = {"communes": communes is not None, "mairies": mairies is not None, "roads": roads is not None}
    if communes is None:
        return rep

    handled, errors = {}, {}
    orig = AD.handleAlgorithmResults

    def record(alg, context, *args, **kwargs):
        # QGIS 3.22: (alg, context, feedback=None, showResults=True, parameters={}); QGIS 3.40 passes
        # more arguments: only the feedback (third, or by name) is needed here
        feedback = kwargs.get("feedback", args[0] if args else None)
        seen = errors.setdefault(alg.id(), [])
        if feedback is not None:
            plain = feedback.reportError

            def report(msg, fatalError=False):  # noqa: N803 - QGIS signature
                seen.append(msg)
                return plain(msg, fatalError)
            feedback.reportError = report
        ok = orig(alg, context, *args, **kwargs)
        handled[alg.id()] = ok
        return ok
    AD.handleAlgorithmResults = record

    def by_name(name):
        found = QgsProject.instance().mapLayersByName(name)
        return found[-1] if found else None

    plan = [
        ("optima:check_dependencies", lambda: {}),
        ("optima:load_french_communes", lambda: {"DEPARTEMENTS": "2A"}),
        ("optima:adjacency_network", lambda: {"INPUT": communes}),
        ("optima:build_road_graph", lambda: {"NETWORK": roads} if roads is not None else None),
        ("optima:travel_time_matrix", lambda: {"ORIGINS": communes, "DESTINATIONS": communes}),
        ("optima:cluster_territories", lambda: {"INPUT": communes, "ID_FIELD": "insee",
                                                "POPULATION_FIELD": "population", "N_TERRITORIES": 4}),
        ("optima:locate_service_sites", lambda: {"DEMAND": communes, "DEMAND_ID_FIELD": "insee",
                                                 "WEIGHT_FIELD": "population", "N_SITES": 3}),
        ("optima:territory_indicators", lambda: {"COMMUNES": communes, "TERRITORY_FIELD": "epci_siren",
                                                 "POPULATION_FIELD": "population", "SITES": mairies}
         if mairies is not None else None),
        ("optima:compare_scenarios", lambda: {"INPUT": communes, "ID_FIELD": "insee", "POPULATION_FIELD": "population",
                                              "N_TERRITORIES_LIST": "3,4"}),
        ("optima:territorialisation_report", lambda: {
            "COMMUNES": by_name("Communes avec leur territoire"), "TERRITORIES": by_name("Territoires")}
         if by_name("Territoires") is not None else None),
        ("optima:score_services", lambda: {"INPUT_FILE": catalogue} if os.path.exists(catalogue) else None),
        ("optima:territorialisation", lambda: {"COMMUNES": communes, "ID_FIELD": "insee",
                                               "POPULATION_FIELD": "population", "N_TERRITORIES": 3}),
    ]
    only = [a for a in env.get("OPTIMA_PROBE_ONLY", "").split(",") if a]  # to reproduce one dialog
    results = {}
    shot_done = False
    for alg_id, make in plan:
        if only and alg_id not in only:
            continue
        row = {"opened": False}
        results[alg_id] = row
        try:
            params = make()
            if params is None:
                row["skipped"] = "input missing"
                continue
            dlg = processing.createAlgorithmDialog(alg_id, params)
            if dlg is None:
                row["skipped"] = "no dialog"
                continue
            row["opened"] = True
            dlg.show()
            dlg.resize(1000, 760)
            pump(0.3)
            before = set(QgsProject.instance().mapLayers())
            t0 = time.time()
            dlg.runAlgorithm()
            row["ended"] = wait_for(lambda: alg_id in handled or not dlg.isVisible(), 300)
            pump(0.5)
            row["seconds"] = round(time.time() - t0, 1)
            row["outputs_handled_ok"] = handled.get(alg_id)
            box = dlg.findChild(QTextEdit, "txtLog")
            log = box.toPlainText() if box is not None else ""
            row["log_tail"] = log[-2500:]
            row["errors"] = errors.get(alg_id, [])
            row["red_not_generated"] = any("correct" in e for e in row["errors"]) or (
                "n'ont pas été générées correctement" in log or "not correctly generated" in log)
            row["new_layers"] = sorted(lyr.name() for k, lyr in QgsProject.instance().mapLayers().items()
                                       if k not in before)
            if alg_id == "optima:cluster_territories" and not shot_done and env.get("OPTIMA_PROBE_ALG_SHOT"):
                row["screenshot"] = bool(dlg.grab().save(env["OPTIMA_PROBE_ALG_SHOT"]))
                shot_done = True
            dlg.close()
            pump(0.2)
        except Exception:
            row["error"] = traceback.format_exc()[-2000:]
        rep["dialogs"] = results
        _partial(rep)  # a crash of QGIS in the next dialog leaves this behind
    AD.handleAlgorithmResults = orig
    rep["dialogs"] = results
    return rep


def _partial(rep):
    path = os.environ["OPTIMA_PROBE_OUT"] + ".partial"
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(rep, f, ensure_ascii=False, indent=1, default=str)
    os.replace(path + ".tmp", path)


def _finish():
    from qgis.core import QgsProject
    from qgis.utils import iface

    out = os.environ["OPTIMA_PROBE_OUT"]
    rep = {}
    try:
        if os.environ.get("OPTIMA_PROBE_MODE", "main") == "dialogs":
            _probe_dialogs(rep)
        else:
            _probe_main(rep)
    except Exception:
        rep["probe_error"] = traceback.format_exc()
    recorded = getattr(builtins, "_optima_probe", {})
    rep["exceptions"] = recorded.get("exceptions", [])
    rep["log"] = recorded.get("log", [])
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(rep, f, ensure_ascii=False, indent=1, default=str)
    os.replace(out + ".tmp", out)
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


from qgis.PyQt.QtCore import QTimer  # noqa: E402

# QGIS installs its own crash handler once started: take SIGSEGV back so that a crash leaves the
# Python stacks of every thread (the startup hook opened the file)
_faults = getattr(builtins, "_optima_probe", {}).get("_faults")
if _faults is not None:
    import faulthandler

    faulthandler.enable(file=_faults, all_threads=True)

QTimer.singleShot(1500, _finish)

"""The guided dialog's logic without a window: pipeline parameters, adaptation to the algorithms'
real parameters, and the French labels of every algorithm (in-process QGIS, no desktop needed)."""
import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, "/usr/share/qgis/python/plugins")  # QGIS's processing plugin


@pytest.fixture(scope="module")
def registry(qgis_app, qgis_processing):
    """The OPTIMA provider, registered for this module only (reused if another fixture has it)."""
    import optima as plugin_pkg
    from qgis.core import QgsApplication

    reg = QgsApplication.processingRegistry()
    plugin = None
    if reg.providerById("optima") is None:
        plugin = plugin_pkg.classFactory(None)
        plugin.initProcessing()
    yield reg
    if plugin is not None:
        plugin.unload()


@pytest.fixture(scope="module")
def gui():
    from optima.optima_plugin import gui as mod
    return mod


def test_build_pipeline_params_chains_the_files(gui, tmp_path):
    steps = gui.build_pipeline_params("communes.gpkg", "population", 6, str(tmp_path), id_field="insee",
                                      sites="mairies.gpkg", threshold_min=25, roads="routes.gpkg")
    assert [a for a, _ in steps] == ["optima:cluster_territories", "optima:locate_service_sites",
                                     "optima:territory_indicators", "optima:territorialisation_report"]
    terr, sites, ind, rep = (p for _, p in steps)
    # the report reads the indicators' layers; the roads feed the three computing steps
    assert (rep["COMMUNES"], rep["TERRITORIES"], rep["SITES"]) == (
        ind["OUTPUT_COMMUNES"], ind["OUTPUT_TERRITORIES"], ind["OUTPUT_SITES"])
    assert rep["OUTPUT_HTML"].endswith("rapport.html") and rep["THRESHOLD_MIN"] == 25.0
    assert terr["NETWORK"] == sites["NETWORK"] == ind["NETWORK"] == "routes.gpkg"
    assert terr["INPUT"] == "communes.gpkg" and terr["N_TERRITORIES"] == 6 and terr["ID_FIELD"] == "insee"
    # each step reads what the previous one wrote
    assert sites["DEMAND"] == terr["OUTPUT_COMMUNES"] == ind["COMMUNES"]
    assert ind["SITES"] == sites["OUTPUT_SITES"]
    assert sites["TERRITORY_FIELD"] == ind["TERRITORY_FIELD"] == "territory"
    assert sites["N_SITES"] == 1 and sites["PROBLEM"] == 0 and sites["CANDIDATES"] == "mairies.gpkg"
    assert sites["WEIGHT_FIELD"] == ind["POPULATION_FIELD"] == "population"
    assert ind["THRESHOLD_MIN"] == 25.0
    outputs = [v for _, p in steps for k, v in p.items() if k.startswith("OUTPUT")]
    assert len(set(outputs)) == len(outputs) and all(v.startswith(str(tmp_path)) for v in outputs)
    no_sites = gui.build_pipeline_params("c.gpkg", "pop", 2, str(tmp_path))
    assert "CANDIDATES" not in no_sites[1][1] and "ID_FIELD" not in no_sites[0][1]
    assert all("NETWORK" not in p for _, p in no_sites)


def test_cancel_removes_only_what_the_run_created(gui, tmp_path):
    steps = gui.build_pipeline_params("c.gpkg", "pop", 4, str(tmp_path / "out"))
    paths = gui.planned_outputs(steps)
    assert len(paths) == len(set(paths)) == 10  # 2 + 3 + 4 (JSON included) + 1
    out = tmp_path / "out"
    out.mkdir()
    before = paths[0]                 # a file of an earlier run: kept
    open(before, "w").write("old")
    (out / "notes.txt").write_text("the user's")
    existed = {p for p in paths if os.path.exists(p)}
    for p in paths[:5]:               # the run wrote five files (one over the old one) then was canceled
        open(p, "a").write("new")
    open(paths[1] + "-wal", "w").write("x")
    removed = gui.remove_created(paths, existed, str(out), dir_existed=True)
    assert sorted(removed) == sorted(paths[1:5] + [paths[1] + "-wal"])
    assert os.path.exists(before) and (out / "notes.txt").exists()
    # a folder the run created is removed when left empty
    new = tmp_path / "fresh"
    steps = gui.build_pipeline_params("c.gpkg", "pop", 4, str(new))
    paths = gui.planned_outputs(steps)
    new.mkdir()
    open(paths[0], "w").write("x")
    gui.remove_created(paths, set(), str(new), dir_existed=False)
    assert not new.exists()


@pytest.mark.parametrize("kwargs", [dict(population_field=""), dict(n_territories=1), dict(n_territories=51),
                                    dict(out_dir="")])
def test_build_pipeline_params_refuses_bad_input(gui, kwargs):
    args = dict(communes="c.gpkg", population_field="pop", n_territories=6, out_dir="/tmp/x")
    args.update(kwargs)
    with pytest.raises(ValueError):
        gui.build_pipeline_params(**args)


def test_pipeline_matches_the_registered_algorithms(gui, registry, tmp_path):
    """Every parameter the dialog sets exists in the algorithm it calls, nothing mandatory is missing."""
    missing = gui.missing_algorithms(registry=registry)
    steps = gui.build_pipeline_params("c.gpkg", "population", 4, str(tmp_path), id_field="insee")
    for alg_id, params in steps:
        if alg_id in missing:
            continue
        alg = registry.algorithmById(alg_id)
        adapted, notes, blocking = gui.adapt_params(alg, params, str(tmp_path))
        assert notes == [] and blocking == [], (alg_id, notes, blocking)
        assert adapted == {**params, **{k: v for k, v in adapted.items() if k not in params}}


def test_adapt_params_drops_unknown_and_reports_blocking(gui, registry, tmp_path):
    alg = registry.algorithmById("optima:load_french_communes")
    out, notes, blocking = gui.adapt_params(alg, {"DEPARTEMENTS": "31", "NOPE": 1}, str(tmp_path))
    assert "NOPE" not in out and len(notes) == 1 and "NOPE" in notes[0]
    assert out["OUTPUT"].endswith("load_french_communes_output.gpkg")  # unnamed outputs go to the folder
    assert blocking == []
    alg = registry.algorithmById("optima:cluster_territories")
    if alg is None:
        pytest.skip("cluster_territories not registered")
    _, _, blocking = gui.adapt_params(alg, {}, str(tmp_path))
    assert "INPUT" in blocking and "POPULATION_FIELD" in blocking


def test_missing_algorithms(gui, registry):
    assert gui.missing_algorithms(["optima:load_french_communes", "optima:does_not_exist"],
                                  registry=registry) == ["optima:does_not_exist"]


def test_every_algorithm_label_has_a_french_translation(registry):
    """What the toolbox and the algorithm dialogs show (names, groups, parameters, choices, outputs)
    is in optima_fr.ts, finished — including labels built at run time, which static extraction
    cannot see (tr(variable) must use QT_TRANSLATE_NOOP-marked literals)."""
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    ut = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = ut
    spec.loader.exec_module(ut)
    ts = ut.read_ts(ROOT / "resources" / "i18n" / "optima_fr.ts")
    finished = {s for s, m in ts.items() if not m.kind and m.translation}
    patterns = [re.compile("^" + re.sub(r"\\\{[^{}]*\\\}", ".*?", re.escape(s)) + "$", re.S)
                for s in finished if "{" in s]

    endonyms = {"Français", "English"}  # language choices are written in their own language

    def ok(text):
        return text in endonyms or text in finished or any(p.match(text) for p in patterns)

    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingParameterEnum

    prov = registry.providerById("optima")
    missing = []
    for alg in prov.algorithms():
        if isinstance(alg, QgsProcessingModelAlgorithm):  # .model3 files carry their own labels
            continue
        labels = [alg.displayName(), alg.group()]
        for d in alg.parameterDefinitions():
            labels.append(d.description())
            if isinstance(d, QgsProcessingParameterEnum):
                labels += d.options()
        labels += [o.description() for o in alg.outputDefinitions()]
        missing += [f"{alg.id()}: {t!r}" for t in labels if t and not ok(t)]
    assert not missing, "not translated:\n" + "\n".join(sorted(set(missing)))


def test_model_is_valid_in_the_modeller_and_french(registry):
    """No red box in the graphical modeller (every mandatory parameter of every child has a
    source), French title, boxes and inputs, the OPTIMA icon, the stable lower-case id."""
    m = registry.createAlgorithmById("optima:territorialisation")
    assert m is not None
    invalid = {c: m.validateChildAlgorithm(c)[1] for c in m.childAlgorithms() if not m.validateChildAlgorithm(c)[0]}
    assert invalid == {}
    assert m.displayName() == "Territorialisation" and m.id() == "optima:territorialisation"
    assert m.svgIconPath().endswith("optima.svg")
    boxes = sorted(c.description() for c in m.childAlgorithms().values())
    assert boxes == ["Charger les communes", "Implanter un site par territoire", "Indicateurs des territoires",
                     "Rapport de territorialisation", "Regrouper les communes en territoires"]
    labels = {p.name(): p.description() for p in m.parameterDefinitions()}
    assert labels["COMMUNES"].startswith("Couche des communes") and labels["N_TERRITORIES"] == "Nombre de territoires"
    assert m.parameterDefinition("COMMUNES").flags() & m.parameterDefinition("COMMUNES").FlagOptional
    outs = sorted(o.description() for c in m.childAlgorithms().values() for o in c.modelOutputs().values())
    assert outs == ["Communes (temps d'accès)", "Rapport (HTML)", "Sites de service", "Territoires"]
    # LOAD's output reaches CLUSTER through an expression: an explicit dependency keeps the order
    assert "LOAD" in m.dependsOnChildAlgorithms("CLUSTER")


def test_french_help_names_parameters_by_their_labels(registry):
    """The French help of every algorithm names its parameters as the dialog shows them («label»),
    never by their ids (BALANCE_TOLERANCE); no optional parameter says "(facultatif)" (QGIS adds
    "[optionnel]" itself)."""
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    ut = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = ut
    spec.loader.exec_module(ut)
    ts = ut.read_ts(ROOT / "resources" / "i18n" / "optima_fr.ts")
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingParameterDefinition

    bad = []
    for alg in registry.providerById("optima").algorithms():
        if isinstance(alg, QgsProcessingModelAlgorithm) or not hasattr(alg, "help"):
            continue
        text = alg.help()
        fr = ts.get(text) or next((m for src, m in ts.items() if "{" in src and len(src) > 200 and re.fullmatch(
            re.sub(r"\\\{[^{}]*\\\}", ".*?", re.escape(src)), text, re.S)), None)  # help().format(...)
        assert fr is not None and fr.translation, alg.id()
        for d in alg.parameterDefinitions():
            if d.name() != "EPCI" and re.search(r"(?<![A-Za-z0-9_:])" + d.name() + r"(?![A-Za-z0-9_])", fr.translation):
                bad.append(f"{alg.id()}: help names {d.name()}")
            label = ts.get(d.description())
            if d.flags() & QgsProcessingParameterDefinition.FlagOptional and label is not None \
                    and re.search(r"\((facultatif|optionnel)\b", label.translation):
                bad.append(f"{alg.id()}: {label.translation!r} doubles [optionnel]")
    assert not bad, "\n".join(bad)


def _optional_labels(registry):
    """{alg:param: label text} of every optional OPTIMA parameter, as QGIS's own widget wrapper
    writes it next to the widget (QGIS appends " [optional]" itself)."""
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingParameterDefinition
    from qgis.gui import QgsGui, QgsProcessingGui
    out = {}
    for alg in registry.providerById("optima").algorithms():
        if isinstance(alg, QgsProcessingModelAlgorithm):
            continue
        for d in alg.parameterDefinitions():
            if not d.flags() & QgsProcessingParameterDefinition.FlagOptional:
                continue
            w = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(d, QgsProcessingGui.Standard)
            label = w.createWrappedLabel() if w is not None else None
            out[f"{alg.id()}:{d.name()}"] = label.text() if label is not None else d.description() + " [optional]"
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_optional_parameters_say_it_once(registry, lang, tmp_path):
    """The bug: "Fixed hubs (optional) [optional]" in English, "(facultatif) [optionnel]" in French.
    Our labels never say it: QGIS adds "[optional]" (translated by QGIS) to every optional one."""
    import shutil
    import subprocess
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    translator = None
    if lang == "fr":
        exe = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
        if not os.path.exists(exe):
            pytest.skip("lrelease is not installed")
        qm = tmp_path / "fr.qm"
        subprocess.run([exe, "-silent", str(ROOT / "resources" / "i18n" / "optima_fr.ts"), "-qm", str(qm)], check=True)
        translator = QTranslator()
        assert translator.load(str(qm))
        QCoreApplication.installTranslator(translator)
        registry.providerById("optima").refreshAlgorithms()  # labels are translated when built
    try:
        labels = _optional_labels(registry)
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
            registry.providerById("optima").refreshAlgorithms()
    assert len(labels) > 50
    if lang == "fr":
        assert labels["optima:cluster_territories:HUBS"].startswith("Pôles imposés"), labels
    else:
        assert labels["optima:cluster_territories:HUBS"] == "Fixed hubs [optional]"
    doubled = {k: v for k, v in labels.items()
               if len(re.findall(r"optional|facultati|optionnel", v, re.I)) != 1}
    assert not doubled, doubled


COMMUNES = ROOT.parent / "shared" / "data" / "communes_toulouse_metropole.gpkg"


@pytest.fixture
def guided(gui, registry, tmp_path):
    if not COMMUNES.exists():
        pytest.skip("real data absent")
    from qgis.core import QgsProject, QgsVectorLayer
    lyr = QgsVectorLayer(str(COMMUNES), "Communes", "ogr")
    QgsProject.instance().addMapLayer(lyr)
    dlg = gui.GuidedDialog(None)
    dlg.communes.setLayer(lyr)
    dlg.n_territories.setValue(4)
    yield dlg, lyr
    dlg.cancel()
    dlg.wait(60)
    QgsProject.instance().removeAllMapLayers()
    for g in QgsProject.instance().layerTreeRoot().findGroups():
        QgsProject.instance().layerTreeRoot().removeChildNode(g)


def test_guided_run_in_the_background_twice_one_group(gui, guided, tmp_path):
    """Four steps as background tasks (the call returns at once), the report, a summary per
    territory with its warnings; a second run into the same folder replaces the group (and does
    not crash the solver in a new worker thread)."""
    from qgis.core import QgsProject
    dlg, _ = guided
    out = tmp_path / "sorties"
    dlg.out_dir.setFilePath(str(out))
    for _ in range(2):
        assert dlg.run() is True
        assert dlg.is_running()           # returned before the work is done: the UI stays responsive
        assert dlg.wait(240)
        assert [a for a, _ in dlg.finished] == list(gui.PIPELINE), dlg.log.toPlainText()
    groups = [g.name() for g in QgsProject.instance().layerTreeRoot().findGroups()]
    assert groups == [dlg.group_name(str(out))]
    group = QgsProject.instance().layerTreeRoot().findGroup(groups[0])
    layers = {n.name(): n.itemVisibilityChecked() for n in group.findLayers()}
    assert len(layers) == 5 and not layers["Allocation lines"] and layers["Territories"]
    assert (out / "rapport.html").exists() and dlg.report_button.isEnabled()
    assert dlg.spreadsheet_button.isEnabled()
    dlg.spreadsheet_button.click()
    assert (out / gui.OUT_SPREADSHEET).exists() or (out / "tableur_optima_territories.csv").exists()
    lines = dlg.summary.splitlines()
    assert lines[0] == "4 territories:"
    terr = [ln for ln in lines if ln.startswith("• ")]
    assert len(terr) == 4 and terr[0].startswith("• 1 · Toulouse: 514,819 inhabitants, deviation 144.7 %")
    # Toulouse alone is unavoidable; the three others are balanced against their own target
    assert [ln for ln in lines if ln.startswith("⚠")] == [
        "⚠ Territory 1 · Toulouse: balance not met (144.7 %), unavoidable: a commune heavier than the "
        "target forms it alone."]
    sites = [lyr for lyr in group.findLayers() if lyr.name() == "Service sites"][0].layer()
    assert sites.labelsEnabled() and sites.labeling().settings().fieldName == '"nom"'
    terr_layer = [lyr for lyr in group.findLayers() if lyr.name() == "Territories"][0].layer()
    # legend "N · name of the hub commune"
    cats = [c.label() for c in terr_layer.renderer().categories()]
    names = {f["nom"] for lyr in group.findLayers() if "nom" in lyr.layer().fields().names()
             for f in lyr.layer().getFeatures()}
    assert cats[0] == "1 · Toulouse" and len(cats) >= 4, cats
    assert [c.split(" · ", 1)[0] for c in cats[:4]] == ["1", "2", "3", "4"], cats
    assert {c.split(" · ", 1)[1] for c in cats[:4]} <= names, (cats, names)


def test_guided_cancel_removes_only_its_files(gui, guided, tmp_path):
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication
    dlg, _ = guided
    out = tmp_path / "annulee"
    out.mkdir()
    (out / "notes.txt").write_text("the user's")
    dlg.out_dir.setFilePath(str(out))
    assert dlg.run()
    import time
    t0 = time.time()
    while not dlg.finished and time.time() - t0 < 60:  # step 1 done, step 2 under way
        QCoreApplication.processEvents()
        time.sleep(0.02)
    assert dlg.finished
    dlg.show()
    dlg.close()                       # closing while running cancels; the window waits for the stop
    assert dlg.isVisible() and dlg.is_running()
    assert dlg.wait(120)
    assert not dlg.isVisible()
    assert sorted(os.listdir(out)) == ["notes.txt"]
    assert not QgsProject.instance().layerTreeRoot().findGroups()
    assert "removed" in dlg.log.toPlainText()


def test_solver_warmed_in_the_main_thread_only(registry):
    """highspy is touched once in the main thread (a first use in a QGIS task thread made the next
    solve in another task thread crash QGIS); from another thread the call does nothing."""
    import threading

    from optima.optima_plugin import threads
    seen = []
    t = threading.Thread(target=lambda: seen.append(threads.warm_solver()))
    t.start()
    t.join()
    assert seen == [False] or threads._warm
    assert threads.warm_solver() is True and threads.warm_solver() is True


def test_cluster_twice_in_qgis_task_threads(registry, tmp_path):
    """What the Processing dialog does: each run in a new QGIS task thread."""
    if not COMMUNES.exists():
        pytest.skip("real data absent")
    import time

    from qgis.core import (QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext,
                           QgsProcessingFeedback)
    from qgis.PyQt.QtCore import QCoreApplication
    from optima.optima_plugin.threads import warm_solver
    warm_solver()
    for k in range(2):
        ctx, fb, flag = QgsProcessingContext(), QgsProcessingFeedback(), []
        task = QgsProcessingAlgRunnerTask(registry.algorithmById("optima:cluster_territories"), {
            "INPUT": str(COMMUNES), "POPULATION_FIELD": "population", "N_TERRITORIES": 3,
            "OUTPUT_COMMUNES": str(tmp_path / f"c{k}.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / f"t{k}.gpkg")},
            ctx, fb)
        task.executed.connect(lambda ok, _res: flag.append(ok))
        QgsApplication.taskManager().addTask(task)
        t0 = time.time()
        while not flag and time.time() - t0 < 120:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        assert flag == [True]


def _write_gpkg(path, spec, rows):
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorFileWriter, QgsVectorLayer
    lyr = QgsVectorLayer(spec, "t", "memory")
    feats = []
    for k, attrs in enumerate(rows):
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 10, 0, k * 10 + 10, 10)))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(lyr, str(path), lyr.transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err


@pytest.fixture
def french_ui(registry, tmp_path):
    """The French translation installed (compiled from the .ts) as the plugin installs it."""
    import shutil
    import subprocess
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    from optima.optima_plugin import i18n
    exe = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    if not os.path.exists(exe):
        pytest.skip("lrelease is not installed")
    qm = tmp_path / "fr.qm"
    subprocess.run([exe, "-silent", str(ROOT / "resources" / "i18n" / "optima_fr.ts"), "-qm", str(qm)], check=True)
    t = QTranslator()
    assert t.load(str(qm))
    old = (i18n._translator, i18n._lang)
    QCoreApplication.installTranslator(t)
    i18n._translator, i18n._lang = t, "fr"
    yield i18n
    QCoreApplication.removeTranslator(t)
    i18n._translator, i18n._lang = old


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_guided_spreadsheet_button_writes_into_the_run_folder(gui, registry, tmp_path, lang, request):
    """After a run, "Export to a spreadsheet" ("Exporter en tableur") writes the run's tables
    (territories, communes, indicators) as one workbook and CSV files into the run's output folder
    and says where."""
    import json
    from optima.optima_plugin.core import spreadsheets as ss
    if lang == "fr":
        request.getfixturevalue("french_ui")
    out = tmp_path / "résultats run"
    out.mkdir()
    _write_gpkg(out / gui.OUT_IND_TERRITORIES, "Polygon?crs=EPSG:2154&field=territory:integer&field=name:string"
                "&field=population:double", [(1, "Quimper", 1200.0), (2, "Brest", 1500.0)])
    _write_gpkg(out / gui.OUT_COMMUNES, "Polygon?crs=EPSG:2154&field=insee:string&field=nom:string"
                "&field=territory:integer", [("29232", "Quimper", 1), ("29019", "Brest", 2), ("29103", "Ergué", 1)])
    (out / gui.OUT_IND_JSON).write_text(json.dumps({"overall": {"gini_time": 0.21},
                                                     "territories": [{"territory": 1}, {"territory": 2}]}))
    (out / "notes.txt").write_text("the user's")
    dlg = gui.GuidedDialog(None)
    assert dlg.spreadsheet_button.text() == ("Exporter en tableur" if lang == "fr" else "Export to a spreadsheet")
    assert not dlg.spreadsheet_button.isEnabled()  # nothing run yet
    dlg.out_folder = str(out)                      # what the end of a run sets
    dlg.spreadsheet_button.setEnabled(True)
    dlg.spreadsheet_button.click()
    log = dlg.log.toPlainText()
    csv = sorted(p.name for p in out.glob("*.csv"))
    assert len(csv) == 4 and all(c.startswith("tableur_optima_") for c in csv), (csv, log)
    assert str(out) in log and "CSV" in log, log
    assert (out / "notes.txt").read_text() == "the user's"
    if ss.has_xlsx():
        book = ss.read_xlsx(str(out / gui.OUT_SPREADSHEET))
        terr_name, comm_name = ("Territoires", "Communes avec leur territoire") if lang == "fr" else \
            ("Territories", "Communes with their territory")
        assert list(book)[:2] == [terr_name, comm_name], list(book)
        assert [r[1:3] for r in book[terr_name][1:]] == [[1, "Quimper"], [2, "Brest"]]
        assert len(book[comm_name]) == 4  # header + the three communes, none dropped
        written = "Tableur écrit : tableur_optima.xlsx" if lang == "fr" else "Spreadsheet written: tableur_optima.xlsx"
        assert written in log, log
    dlg.deleteLater()

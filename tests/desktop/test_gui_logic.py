"""The guided dialog's logic without a window: pipeline parameters, adaptation to the algorithms'
real parameters, and the French labels of every algorithm (in-process QGIS, no desktop needed)."""
import importlib.util
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
                                      sites="mairies.gpkg", threshold_min=25)
    assert [a for a, _ in steps] == ["optima:cluster_territories", "optima:locate_service_sites",
                                     "optima:territory_indicators"]
    terr, sites, ind = (p for _, p in steps)
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

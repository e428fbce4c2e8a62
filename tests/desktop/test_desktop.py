"""The plugin in the real QGIS desktop, in French, installed from the zip an officer downloads.

One QGIS session (conftest.desktop, ~25 s): fresh profile, plugin unzipped and enabled, UI language
forced to French through QGIS's own override (locale/overrideFlag + locale/userLocale), LANG=C.
Screenshots: tests/artifacts/desktop_fr.png and guided_dialog_fr.png (copied to docs/img/ when
missing there, or always with OPTIMA_UPDATE_SCREENSHOTS=1).
"""
import os
import shutil
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
DOC_IMG = ROOT / "docs" / "img"


def test_zip_holds_the_plugin_and_no_dev_files(desktop):
    names = zipfile.ZipFile(desktop["_zip"]).namelist()
    assert all(n.startswith("optima/") for n in names)
    for needed in ("optima/__init__.py", "optima/metadata.txt", "optima/optima_plugin/plugin.py",
                   "optima/optima_plugin/gui.py", "optima/processing_algorithms/base.py",
                   "optima/resources/i18n/optima_fr.qm", "optima/resources/icons/optima.svg"):
        assert needed in names, needed
    for banned in ("optima/tests/", "optima/benchmarks/", "optima/scripts/", "optima/.ci/", "optima/Makefile",
                   "optima/pyproject.toml", "optima/requirements-dev.txt", "optima/.gitignore",
                   "optima/.gitattributes", "optima/.qgis-settings/", "optima/build/", "optima/.venv/"):
        assert not any(n.startswith(banned) for n in names), banned
    assert not any(n.endswith((".pyc", ".ts")) for n in names)


def test_plugin_loads_without_error(desktop):
    assert "probe_error" not in desktop, desktop["probe_error"]
    assert "optima" in desktop["active_plugins"], desktop["_stdout"]
    assert desktop["exceptions"] == [], desktop["exceptions"]
    # an OPTIMA warning or error in the message log (e.g. an algorithm module that does not import)
    bad = [m for m in desktop["log"] if m[0] == "OPTIMA" and m[1] >= 1]
    assert not bad, bad
    assert desktop["provider"]


def test_french_interface(desktop):
    assert desktop["qgis_locale"] == "fr"
    assert desktop["optima_locale"] == "fr" and desktop["optima_translator"], desktop["settings"]
    algs = desktop["algorithms"]
    assert algs["optima:load_french_communes"] == {"name": "Charger les communes françaises",
                                                   "group": "1 - Données"}
    assert desktop["provider_long_name"] == "OPTIMA — territorialisation des services publics locaux"
    # what the toolbox really shows: the OPTIMA branch, filtered, every row in French
    assert desktop["toolbox_visible"] and desktop["toolbox_filter"] == "optima:"
    rows = [text for _depth, text in desktop["toolbox_rows"]]
    assert rows[0] == "OPTIMA"
    for a in algs.values():
        assert a["name"] in rows and a["group"] in rows, a
    # no row is an English text that has a French translation (e.g. a model's group left in English)
    import importlib.util
    spec = importlib.util.spec_from_file_location("ut", ROOT / "scripts" / "update_translations.py")
    ut = importlib.util.module_from_spec(spec)
    import sys
    sys.modules["ut"] = ut
    spec.loader.exec_module(ut)
    english = {s for s, m in ut.read_ts(ROOT / "resources" / "i18n" / "optima_fr.ts").items()
               if m.translation and m.translation != s}
    assert not english & set(rows), english & set(rows)
    menu = {k: v for k, v in desktop["menu"].items() if k != "optimaTerritoryEditor"}  # its own test
    assert menu == {"optimaOpenToolbox": "Ouvrir la boîte à outils OPTIMA",
                               "optimaGuided": "Territorialisation guidée…",
                               "optimaDocumentation": "Documentation"}


def test_guided_dialog(desktop):
    assert desktop["guided_dialog"], desktop.get("dialog_log")
    assert desktop["dialog_title"] == "OPTIMA — territorialisation guidée"
    if not desktop.get("communes_loaded"):
        pytest.skip("real data absent: the dialog was opened but not run")
    v = desktop["dialog_values"]
    assert v["communes"] == "Communes" and v["population_field"] == "population" and v["id_field"] == "insee"
    log = desktop["dialog_log"]
    assert "Étape 1/3" in log, log
    done = desktop["run_done"]
    assert done and done[0] == "optima:cluster_territories", log
    res = desktop["run_outputs"][0]
    assert res["N_TERRITORIES_OUT"] == 4
    # every step that ran put its layers, named in French, into the "OPTIMA results" group
    group = desktop["layer_groups"]["Résultats OPTIMA"]
    assert "Territoires" in group and "Communes avec leur territoire" in group
    for alg_id in ("optima:locate_service_sites", "optima:territory_indicators"):
        if alg_id in desktop["algorithms"]:
            assert alg_id in done, log
    if len(done) == 3:
        assert "Terminé" in log and "Sites retenus" in group, log
    assert desktop["_seconds"] < 60


def test_screenshots(desktop):
    assert desktop.get("screenshot") and desktop.get("dialog_screenshot")
    shots = [ARTIFACTS / "desktop_fr.png", ARTIFACTS / "guided_dialog_fr.png"]
    for shot in shots:
        assert shot.exists() and shot.stat().st_size > 20_000, shot
        target = DOC_IMG / shot.name
        if os.environ.get("OPTIMA_UPDATE_SCREENSHOTS") == "1" or not target.exists():
            DOC_IMG.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, target)

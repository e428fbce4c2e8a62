"""Cancel every long algorithm mid-run: it must stop within about a second, say "Canceled" clearly,
and leave no output file behind (a planner's batch must never find a half-written GeoPackage).

processing.run blocks the calling thread, so the cancel comes from a threading.Timer (or from the
feedback itself once progress passes a mark); the time from the cancel to the exception is measured.
"""
import time

import pytest
from qgis.core import QgsProcessingException
from reliability_helpers import cancel_feedback, grid_rows, point_layer, polygon_layer

# from the cancel to the exception; generous for a loaded 2-core CI machine
MAX_STOP_S = 1.0


@pytest.fixture(scope="module")
def grid40():
    return polygon_layer(grid_rows(40))


def _terr_grid(n):
    rows = [([code, nom, pop, f"T{(i % n) // 8}{(i // n) // 8}"], g) for i, ([code, nom, pop], g)
            in enumerate(grid_rows(n))]
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string")


def run_and_cancel(run_alg, alg, params, tmp_path, after_s=None, after_progress=None):
    """Runs ``alg`` with a cancelling feedback; returns (message, seconds from cancel to stop)."""
    before = set(tmp_path.iterdir())
    fb = cancel_feedback(after_progress=after_progress, after_s=after_s)
    t0 = time.perf_counter()
    try:
        with pytest.raises(QgsProcessingException) as e:
            run_alg(alg, params, feedback=fb)
    finally:
        if fb.timer is not None:
            fb.timer.cancel()
    t_end = time.perf_counter()
    assert fb.canceled_at is not None, f"the run ended after {t_end - t0:.2f} s, before the cancel: make it bigger"
    msg = str(e.value)
    assert "Cancel" in msg, msg
    assert "Traceback" not in msg and "Unexpected error" not in msg, msg
    # nothing left at the destinations: no new file at all in the folder
    left = sorted(p.name for p in set(tmp_path.iterdir()) - before)
    assert not left, f"files left after cancel: {left}"
    return msg, t_end - fb.canceled_at


def test_cancel_cluster_territories(run_alg, tmp_path, grid40):
    params = {"INPUT": grid40, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 20,
              "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:cluster_territories", params, tmp_path, after_s=1.0)
    assert stop < MAX_STOP_S, stop


def test_cancel_cluster_territories_once_progress_passes_20(run_alg, tmp_path, grid40):
    params = {"INPUT": grid40, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 20,
              "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:cluster_territories", params, tmp_path, after_progress=20)
    assert stop < MAX_STOP_S, stop


def test_cancel_cluster_territories_while_writing(run_alg, tmp_path, grid40):
    """Cancelled while the communes are being written: the half-written GeoPackage is removed."""
    params = {"INPUT": grid40, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 4,
              "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:cluster_territories", params, tmp_path, after_progress=86)
    assert stop < MAX_STOP_S, stop


def test_cancel_cluster_haute_garonne(run_alg, tmp_path, shared):
    path = shared("communes_31.gpkg")
    params = {"INPUT": str(path), "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 30,
              "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    # by progress, not by the clock: the whole run takes about 2 s here, a faster machine could
    # finish before a timed cancel
    msg, stop = run_and_cancel(run_alg, "optima:cluster_territories", params, tmp_path, after_progress=30)
    assert stop < MAX_STOP_S, stop


def test_cancel_locate_service_sites(run_alg, tmp_path, grid40):
    params = {"DEMAND": grid40, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 20, "METHOD": 2,
              "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg"),
              "OUTPUT_LINES": str(tmp_path / "l.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:locate_service_sites", params, tmp_path, after_s=0.6)
    assert stop < MAX_STOP_S, stop


def test_cancel_territory_indicators(run_alg, tmp_path):
    n = 40
    communes = _terr_grid(n)
    sites = point_layer([([f"S{k}", 1.0], (500.0 + 3000 * (k % 13), 500.0 + 3000 * (k // 13))) for k in range(169)],
                        fields="code:string&field=cap:double", name="sites")
    params = {"COMMUNES": communes, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": sites,
              "SITE_ID_FIELD": "code", "THRESHOLD_MIN": 5.0, "OUTPUT_COMMUNES": str(tmp_path / "ic.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / "it.gpkg"), "OUTPUT_SITES": str(tmp_path / "is.gpkg"),
              "OUTPUT_JSON": str(tmp_path / "i.json")}
    msg, stop = run_and_cancel(run_alg, "optima:territory_indicators", params, tmp_path, after_progress=10)
    assert stop < MAX_STOP_S, stop


def test_cancel_compare_scenarios(run_alg, tmp_path):
    lyr = polygon_layer(grid_rows(20))
    params = {"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES_LIST": "4,6,8,10",
              "OUTPUT": str(tmp_path / "table.gpkg"), "OUTPUT_CHART": str(tmp_path / "chart.png"),
              "OUTPUT_CHANGES": str(tmp_path / "changes.gpkg"), "OUTPUT_LAYERS_FOLDER": str(tmp_path / "layers")}
    msg, stop = run_and_cancel(run_alg, "optima:compare_scenarios", params, tmp_path, after_s=1.0)
    assert stop < MAX_STOP_S, stop


def test_cancel_travel_time_matrix(run_alg, tmp_path):
    lyr = polygon_layer(grid_rows(30))  # 810,000 pairs: seconds of writing
    params = {"ORIGINS": lyr, "DESTINATIONS": lyr, "OUTPUT": str(tmp_path / "m.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:travel_time_matrix", params, tmp_path, after_s=1.0)
    assert stop < MAX_STOP_S, stop


def test_cancel_travel_time_matrix_on_roads(run_alg, tmp_path):
    from reliability_helpers import line_layer
    n = 60  # a 60 x 60 street grid, 100 m blocks
    lines = []
    for k in range(n):
        for s in range(n - 1):
            lines.append((["h"], [(s * 100.0, k * 100.0), ((s + 1) * 100.0, k * 100.0)]))
            lines.append((["v"], [(k * 100.0, s * 100.0), (k * 100.0, (s + 1) * 100.0)]))
    roads = line_layer(lines)
    pts = point_layer([([f"P{i}", 1.0], (37.0 * i % 5900, 53.0 * i % 5900)) for i in range(900)])
    params = {"ORIGINS": pts, "DESTINATIONS": pts, "NETWORK": roads, "OUTPUT": str(tmp_path / "m.gpkg"),
              "OUTPUT_LINES": str(tmp_path / "l.gpkg")}
    msg, stop = run_and_cancel(run_alg, "optima:travel_time_matrix", params, tmp_path, after_s=1.0)
    assert stop < MAX_STOP_S, f"stopped {stop:.1f} s after the cancel"


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
    lyr = polygon_layer(grid_rows(20))
    fb = cancel_feedback(after_s=1.0)
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run_alg("optima:compare_scenarios", {
            "INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES_LIST": "4,6,8,10",
            "OUTPUT": str(tmp_path / "table.gpkg"), "OUTPUT_LAYERS_FOLDER": str(folder)}, feedback=fb)
    fb.timer.cancel()
    assert fb.canceled_at is not None
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert not (tmp_path / "table.gpkg").exists()

"""The on-disk graph cache: a graph read back behaves exactly like one built; an edited layer
misses; a corrupt file is rebuilt; the size cap removes only our own oldest files; two writers
at once leave a valid file."""
import os
import threading

import numpy as np
import pytest
import shapely

from optima.optima_plugin.core import graph_cache as gc
from optima.optima_plugin.core import network as nw

from .test_roads_scale import grid_roads

OPTS = nw.NetworkOptions(speed_field="speed", oneway_field="oneway", split_at_intersections=True)


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setattr(gc, "MIN_ROAD_SEGMENTS", 0)
    monkeypatch.setattr(gc, "MIN_REDUCED_NODES", 0)
    nw.clear_road_cache()
    gc.set_folder(str(tmp_path / "cache"))
    yield tmp_path / "cache"
    gc.set_folder(None)
    nw.clear_road_cache()


def ours(folder):
    return sorted(n for n in os.listdir(folder) if gc._NAME.match(n))


def matrix(lines, attrs, xy, log=None):
    log = nw.Monitor(log=log) if log else None
    places = shapely.points(xy[::97] + 25.0)
    g, nodes, rep = nw.terminal_graph(OPTS, lines, attrs, places, monitor=log)
    df, _ = nw.travel_time_matrix(g, nodes, nodes[::3], monitor=log)
    return df, rep


def csr_equal(a, b):
    for f in ("indptr", "indices", "data"):
        x, y = getattr(a, f), getattr(b, f)
        assert x.dtype == y.dtype
        np.testing.assert_array_equal(x, y)
    assert a.shape == b.shape


def test_round_trip_gives_the_same_graph_and_the_same_times(_cache):
    lines, attrs, xy = grid_roads(side=50, seed=3)
    logs = []
    df1, rep1 = matrix(lines, attrs, xy, log=logs.append)
    assert rep1["road_graph_cached"] is False
    names = ours(_cache)
    assert any("-road-" in n for n in names) and any("-reduced-" in n for n in names)
    built = nw._ROAD_CACHE[nw.road_layer_key(lines, attrs, OPTS)]
    nw.clear_road_cache()                                       # a new run: nothing in memory
    logs2 = []
    df2, rep2 = matrix(lines, attrs, xy, log=logs2.append)
    assert rep2["road_graph_cached"] is True
    assert any("Road graph read from the cache" in str(m) for m in logs2)
    assert any("Reduced routing graph read from the cache" in str(m) for m in logs2)
    assert df1.equals(df2)                                      # times and dist_km, bit for bit
    got = nw._ROAD_CACHE[nw.road_layer_key(lines, attrs, OPTS)]
    csr_equal(built.graph.time, got.graph.time)
    csr_equal(built.graph.length, got.graph.length)
    np.testing.assert_array_equal(built.graph.xy, got.graph.xy)
    np.testing.assert_array_equal(built.component, got.component)
    assert built.edges.equals(got.edges) and list(built.edges.dtypes) == list(got.edges.dtypes)
    assert built.report == got.report and got.graph.info["report"] == built.report
    assert shapely.equals_exact(built.edge_geometries(), got.edge_geometries(), 0).all()


def test_an_edited_layer_misses(_cache):
    lines, attrs, xy = grid_roads(side=20, seed=1)
    nw.road_graph_cached(lines, attrs, OPTS)
    n0 = len(ours(_cache))
    moved = lines.copy()
    moved[5] = shapely.affinity.translate(moved[5], 1.0, 0.0)         # one geometry moved 1 m
    nw.clear_road_cache()
    assert nw.road_graph_cached(moved, attrs, OPTS)[1] is False
    faster = attrs.copy()
    faster.loc[7, "speed"] = faster.loc[7, "speed"] + 10.0              # one speed changed
    nw.clear_road_cache()
    rg, hit = nw.road_graph_cached(lines, faster, OPTS)
    assert hit is False and rg.edges.speed_kmh.iloc[7] == faster.loc[7, "speed"]
    assert len(ours(_cache)) == n0 + 2
    nw.clear_road_cache()
    assert nw.road_graph_cached(lines, attrs, OPTS)[1] is True         # the original still hits


def test_a_corrupt_file_is_ignored_and_rebuilt(_cache):
    lines, attrs, xy = grid_roads(side=12)
    rg, _ = nw.road_graph_cached(lines, attrs, OPTS)
    key = nw.road_layer_key(lines, attrs, OPTS)
    path = _cache / gc.file_name("road", key)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])                        # truncated
    nw.clear_road_cache()
    rg2, hit = nw.road_graph_cached(lines, attrs, OPTS)
    assert hit is False and rg2.edges.equals(rg.edges)
    assert gc.load_road_graph(key) is not None                     # written again, readable
    path.write_bytes(b"not a zip at all")
    assert gc.load_road_graph(key) is None and not path.exists()   # ours: removed


def test_the_cap_removes_only_our_oldest_files(_cache):
    _cache.mkdir(parents=True, exist_ok=True)
    foreign = [_cache / "notes.txt", _cache / "optima-graph-mine.npz", _cache / "x.npz"]
    for k, f in enumerate(foreign):
        f.write_bytes(b"x" * 1000)
        os.utime(f, (1000 + k, 1000 + k))                          # older than everything
    keys = [f"{k:040x}" for k in range(6)]
    for k, key in enumerate(keys):
        gc.save("road", key, {"a": np.arange(1000)}, {})
        os.utime(_cache / gc.file_name("road", key), (2000 + k, 2000 + k))
    old = _cache / f"optima-graph-v{gc.FORMAT_VERSION + 1}-road-{'ab' * 20}.npz"
    old.write_bytes(b"y")                                             # another format version: ours
    gc.load("road", keys[0])                                          # used again: most recent
    removed = gc.prune(max_files=3)
    assert old.name in removed
    left = ours(_cache)
    assert sorted(left) == sorted(gc.file_name("road", k) for k in (keys[0], keys[5], keys[4]))
    assert all(f.exists() for f in foreign)
    gc.prune(max_files=10, max_mb=0)                                  # size cap: the newest one stays
    assert ours(_cache) == [gc.file_name("road", keys[0])]
    assert all(f.exists() for f in foreign)


def test_two_writers_at_once_leave_a_valid_file(_cache):
    lines, attrs, _ = grid_roads(side=15)
    rg, _ = nw.road_graph_cached(lines, attrs, OPTS)
    key = "f" * 40
    errors = []

    def write():
        try:
            for _ in range(5):
                gc.save_road_graph(key, rg)
        except Exception as e:          # pragma: no cover - reported below
            errors.append(e)

    th = [threading.Thread(target=write) for _ in range(2)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    assert not errors
    got = gc.load_road_graph(key)
    assert got is not None and got[0].edges.equals(rg.edges)
    assert not [n for n in os.listdir(_cache) if n.startswith(".optima-graph-tmp")]


def test_no_folder_no_files(tmp_path):
    gc.set_folder(None)
    lines, attrs, xy = grid_roads(side=12)
    nw.road_graph_cached(lines, attrs, OPTS)
    assert not (tmp_path / "cache").exists()

"""The on-disk graph cache through processing: a second travel_time_matrix run on the same
~25k-segment road layer (nothing left in memory, as in a new qgis_process) reads the road graph
from the cache and gives the same table; OPTIMA_GRAPH_CACHE=0 switches it off."""
import os

import numpy as np
import pytest

from .test_network_algorithms import X0, Y0, grid_layer, matrix, mem_points


@pytest.fixture
def run(run_alg):
    return run_alg


@pytest.fixture(autouse=True)
def _no_folder_left():
    yield
    from optima.optima_plugin.core import graph_cache
    graph_cache.set_folder(None)


@pytest.fixture(scope="module")
def roads():
    return grid_layer(side=113, step=100.0)            # 2 x 113 x 112 = 25,312 segments


def places():
    rng = np.random.default_rng(4)
    span = 112 * 100.0
    o = mem_points([(f"o{k}", (X0 + x, Y0 + y)) for k, (x, y) in enumerate(rng.uniform(0, span, (30, 2)))])
    d = mem_points([(f"d{k}", (X0 + x, Y0 + y)) for k, (x, y) in enumerate(rng.uniform(0, span, (20, 2)))])
    return o, d


def fresh_process():
    from optima.optima_plugin.core import network as nw
    nw.clear_road_cache()                               # what a new qgis_process starts with


def cache_files(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith("optima-graph-v")) if os.path.isdir(folder) else []


def test_second_run_reads_the_road_graph_from_the_cache(run, tmp_path, roads, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("OPTIMA_GRAPH_CACHE", str(folder))
    o, d = places()
    params = dict(NETWORK=roads, ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name", SPEED_FIELD="speed",
                  ONEWAY_FIELD="oneway")
    fresh_process()
    res1, t1 = matrix(run, tmp_path, o, d, name="c1", **params)
    assert "read from the cache" not in res1["_log"]
    files = cache_files(folder)
    assert any("-road-" in n for n in files)
    fresh_process()
    res2, t2 = matrix(run, tmp_path, o, d, name="c2", **params)
    assert "Road graph read from the cache (built on" in res2["_log"]
    assert res1["N_ROWS"] == res2["N_ROWS"] == 600
    assert t1.keys() == t2.keys()
    for k in t1:
        assert t1[k]["time_min"] == t2[k]["time_min"] and t1[k]["dist_km"] == t2[k]["dist_km"]


def test_switched_off(run, tmp_path, roads, monkeypatch):
    from optima.optima_plugin.core import graph_cache
    monkeypatch.setenv("OPTIMA_GRAPH_CACHE", "0")
    o, d = places()
    params = dict(NETWORK=roads, ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name", SPEED_FIELD="speed",
                  ONEWAY_FIELD="oneway")
    for name in ("x1", "x2"):
        fresh_process()
        res, _ = matrix(run, tmp_path, o, d, name=name, **params)
        assert "read from the cache" not in res["_log"]
    assert graph_cache.folder() is None


def test_default_folder_is_in_the_profile(monkeypatch):
    from qgis.core import QgsApplication

    from optima.processing_algorithms.network_params import graph_cache_folder
    monkeypatch.delenv("OPTIMA_GRAPH_CACHE", raising=False)
    assert graph_cache_folder() == os.path.join(QgsApplication.qgisSettingsDirPath(), "optima", "cache")
    monkeypatch.setenv("OPTIMA_GRAPH_CACHE", "/some/where")
    assert graph_cache_folder() == "/some/where"

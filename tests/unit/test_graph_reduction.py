"""Routing on the reduced road graph (dead ends and chains of two-neighbour nodes taken out) gives
the times of plain scipy Dijkstra on the full graph to 1e-6 min, and the lengths along the fastest
path, one-ways respected."""
import os

import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.sparse.csgraph import dijkstra

from optima.optima_plugin.core import network as nw
from optima.optima_plugin.core.graph import CostGraph, reduce_graph

DATA = os.environ.get("OPTIMA_SHARED_DATA", "/work/shared/data")


def chained_roads(side=10, seed=0, oneway_share=0.15, pieces=4, spurs=40):
    """A jittered grid of curved roads, each digitised as ``pieces`` features (a chain of
    two-neighbour nodes between junctions, as BD TOPO and OSM lines are cut), some one-way
    (forward and reverse), plus dead-end spurs made of two pieces each."""
    rng = np.random.default_rng(seed)
    g = np.arange(side) * 500.0
    gx, gy = np.meshgrid(g, g, indexing="xy")
    xy = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-80, 80, (side * side, 2)) + [570_000, 6_280_000]
    ids = np.arange(side * side).reshape(side, side)
    a = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    b = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    t = np.linspace(0, 1, 3 * pieces + 1)
    d = xy[b] - xy[a]
    bend = rng.normal(0, 0.12, a.size)[:, None, None] * np.column_stack([-d[:, 1], d[:, 0]])[:, None, :]
    pts = xy[a][:, None, :] + t[None, :, None] * d[:, None, :] + np.sin(np.pi * t)[None, :, None] * bend
    lines, speed, ow = [], [], []
    for k in range(a.size):
        s = rng.choice([30.0, 50.0, 70.0, 90.0])
        o = rng.choice(["yes", "-1", "no"], p=[oneway_share / 2, oneway_share / 2, 1 - oneway_share])
        for p in range(pieces):                       # each piece its own feature, the same road
            lines.append(shapely.LineString(pts[k, 3 * p:3 * p + 4]))
            speed.append(s if rng.random() > 0.2 else s - 10.0)
            ow.append(o)
    for k in rng.choice(side * side, spurs, replace=False):  # cul-de-sacs
        p0 = xy[k]
        p1 = p0 + rng.uniform(-150, 150, 2)
        p2 = p1 + rng.uniform(-150, 150, 2)
        lines += [shapely.LineString([p0, p1]), shapely.LineString([p1, p2])]
        speed += [30.0, 30.0]
        ow += ["no", "no"]
    return np.array(lines, dtype=object), pd.DataFrame({"speed": speed, "oneway": ow})


def _walk(graph, src, pred, targets):
    L = graph.length.tocsr()
    out = np.full((len(src), len(targets)), np.inf)
    for r, s in enumerate(src):
        for c, v in enumerate(targets):
            if v != s and pred[r, v] < 0:
                continue
            tot, x = 0.0, int(v)
            while x != s:
                p = int(pred[r, x])
                tot += L[p, x]
                x = p
            out[r, c] = tot
    return out


@pytest.fixture(autouse=True)
def _small_graphs_reduced(monkeypatch):
    monkeypatch.setattr(nw, "REDUCE_MIN_NODES", 0)
    nw.clear_road_cache()
    yield
    nw.clear_road_cache()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reduced_graph_times_equal_plain_dijkstra_on_the_full_graph(seed):
    lines, attrs = chained_roads(seed=seed)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rng = np.random.default_rng(seed)
    term = nw.connect_terminals(rg, rng.uniform(0, 4500, (30, 2)) + [570_000, 6_280_000])
    g, nodes = term.graph, term.nodes
    r, nid = reduce_graph(g, nodes)
    # several-fold smaller: the chains and the spurs are gone, the junctions and places stay
    assert r.n_nodes < g.n_nodes / 3 and (nid[nodes] >= 0).all()
    assert r.n_nodes <= 100 + 30 + 2 * 30                     # junctions, places, split segment ends
    ref, pred = dijkstra(g.time, directed=True, indices=nodes, return_predecessors=True)
    got = dijkstra(r.time, directed=True, indices=nid[nodes])
    np.testing.assert_array_equal(np.isfinite(got[:, nid[nodes]]), np.isfinite(ref[:, nodes]))
    fin = np.isfinite(ref[:, nodes])
    assert fin.mean() > 0.8
    sq = ref[:, nodes]
    assert np.abs(sq - sq.T)[fin & fin.T].max() > 1e-3           # one-ways: times differ by direction
    np.testing.assert_allclose(got[:, nid[nodes]][fin], ref[:, nodes][fin], atol=1e-6, rtol=0)
    # the matrix goes through the reduction and gives the same times and the lengths of the tree walk
    o, d = nodes[:17], nodes[17:]
    logs = []
    df, st, (T, D) = nw.travel_time_matrix(g, o, d, direction="forward", return_arrays=True,
                                           monitor=nw.as_monitor(None, None, logs.append))
    assert any("Routing graph" in m and "same times" in m for m in logs)
    np.testing.assert_allclose(T, ref[:17][:, d], atol=1e-6, rtol=0)
    np.testing.assert_allclose(D * 1000, _walk(g, o, pred[:17], d), atol=1e-6, rtol=0)
    for direction in ("reverse", "auto"):
        T2 = nw.travel_time_matrix(g, o, d, direction=direction, return_arrays=True)[2][0]
        np.testing.assert_allclose(T2, T, atol=1e-6, rtol=0)


def test_one_way_chain_stays_one_way_and_a_dead_entry_is_not_a_passage():
    # 0 -> 1 -> 2 one-way chain; 3 - 4 - 5 two-way chain; node 6 entered from 0 and from 2, left by none
    i = [0, 1, 2, 3, 4, 4, 5, 0, 2, 0, 3, 5, 2]
    j = [1, 2, 5, 4, 3, 5, 4, 6, 6, 3, 0, 2, 0]
    t = [1.0, 2.0, 1.0, 1.5, 1.5, 0.5, 0.5, 0.1, 0.1, 9.0, 9.0, 1.0, 20.0]
    g = CostGraph.from_edges(i, j, t, np.array(t) * 1000, n_nodes=7)
    r, nid = reduce_graph(g, [0, 2])
    assert r.n_nodes == 2 + 1 or r.n_nodes == 2                 # 5 is a junction of 2, 3-4 chain folded
    ref = dijkstra(g.time, directed=True, indices=[0, 2])[:, [0, 2]]
    got = dijkstra(r.time, directed=True, indices=nid[[0, 2]])[:, nid[[0, 2]]]
    np.testing.assert_allclose(got, ref, atol=1e-12)
    assert ref[0, 1] == 3.0 and ref[1, 0] == pytest.approx(1 + 0.5 + 1.5 + 9.0)
    assert nid[6] == -1 and nid[1] == -1


def test_parallel_chains_keep_the_fastest_with_its_length():
    # two routes 0 -> 3: via 1 (2 + 2 min, 4 km) and via 2 (1.5 + 1.5 min, 5 km)
    g = CostGraph.from_edges([0, 1, 0, 2], [1, 3, 2, 3], [2.0, 2.0, 1.5, 1.5], [2000, 2000, 2500, 2500],
                             n_nodes=4, symmetric=True)
    r, nid = reduce_graph(g, [0, 3])
    assert r.n_nodes == 2 and r.time.nnz == 2
    T, L = r.times(nid[[0]], nid[[3]], with_length=True)
    assert T[0, 0] == 3.0 and L[0, 0] == 5000.0


@pytest.mark.parametrize("in_parts", [False, True])
def test_real_osm_sample_reduced_exactly(monkeypatch, in_parts):
    from optima.optima_plugin.core import graph as gm

    monkeypatch.setattr(gm, "REDUCE_SPLIT_MIN_NODES", 0 if in_parts else 10**9)
    gpd = pytest.importorskip("geopandas")
    path = os.path.join(DATA, "osm_roads_helsinki.gpkg")
    if not os.path.exists(path):
        pytest.skip("real OSM sample not available")
    roads = gpd.read_file(path).to_crs(3067)
    rg = nw.build_road_graph(roads.geometry.values, roads.drop(columns="geometry"), split_at_intersections=True)
    b = roads.total_bounds
    pts = np.random.default_rng(0).uniform(b[:2], b[2:], (60, 2))
    term = nw.connect_terminals(rg, pts)
    g, nodes = term.graph, term.nodes
    r, nid = reduce_graph(g, nodes)
    assert r.n_nodes < 0.6 * g.n_nodes                         # real OSM: many dead ends and chains
    ref = dijkstra(g.time, directed=True, indices=nodes)[:, nodes]
    _, _, (T, D) = nw.travel_time_matrix(g, nodes, nodes, return_arrays=True)
    np.testing.assert_array_equal(np.isfinite(T), np.isfinite(ref))
    fin = np.isfinite(ref)
    np.testing.assert_allclose(T[fin], ref[fin], atol=1e-6, rtol=0)
    L_full = g.times(nodes, nodes, with_length=True)[1]
    np.testing.assert_allclose(D[fin] * 1000, L_full[fin], atol=1e-3)


def test_same_graph_same_reduction_and_cached():
    lines, attrs = chained_roads(side=6, seed=3, spurs=10)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    term = nw.connect_terminals(rg, rg.graph.xy[[0, 5, 9]] + 20.0)
    a = nw.reduced_graph(term.graph, term.nodes)
    b = nw.reduced_graph(term.graph, term.nodes[::-1])
    assert a[0] is b[0]
    c, nid = reduce_graph(term.graph, term.nodes)
    assert (c.time != a[0].time).nnz == 0 and np.array_equal(nid, a[1])


@pytest.mark.parametrize("in_parts", [False, True])
@pytest.mark.parametrize("lengths", ["none", "nan"])
def test_graph_without_lengths_or_with_unknown_lengths(monkeypatch, lengths, in_parts):
    from optima.optima_plugin.core import graph as gm

    monkeypatch.setattr(gm, "REDUCE_SPLIT_MIN_NODES", 0)
    reduce = gm.reduce_graph_in_parts if in_parts else reduce_graph
    # a road graph without lengths, joined to places: road arcs have no (NaN) length
    lines, attrs = chained_roads(side=6, seed=5, spurs=10)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    i, j, t, L = rg.graph.arcs()
    bare = CostGraph.from_edges(i, j, t, None if lengths == "none" else np.full(t.size, np.nan),
                                n_nodes=rg.graph.n_nodes, xy=rg.graph.xy)
    pts = np.random.default_rng(5).uniform(0, 2500, (12, 2)) + [570_000, 6_280_000]
    term = nw.connect_terminals(bare, pts)
    g, nodes = term.graph, term.nodes
    r, nid = reduce(g, nodes)
    assert r.n_nodes < g.n_nodes / 2
    assert (r.length is None) == (g.length is None)
    ref = dijkstra(g.time, directed=True, indices=nodes)[:, nodes]
    got = dijkstra(r.time, directed=True, indices=nid[nodes])[:, nid[nodes]]
    np.testing.assert_array_equal(np.isfinite(got), np.isfinite(ref))
    fin = np.isfinite(ref)
    np.testing.assert_allclose(got[fin], ref[fin], atol=1e-6, rtol=0)


def test_location_costs_on_the_reduced_graph_equal_plain_dijkstra():
    from optima.optima_plugin.core import pipeline

    lines, attrs = chained_roads(side=8, seed=7, spurs=20)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    pts = np.random.default_rng(7).uniform(0, 3500, (40, 2)) + [570_000, 6_280_000]
    term = nw.connect_terminals(rg, pts)
    g, nodes = term.graph, term.nodes
    dn, cn = nodes[:28], nodes[28:]
    ref = dijkstra(g.time, directed=True, indices=dn)[:, cn]               # demand -> candidate
    C = pipeline.cost_matrix(g, dn, cn)
    np.testing.assert_array_equal(np.isfinite(C), np.isfinite(ref))
    np.testing.assert_allclose(C[np.isfinite(ref)], ref[np.isfinite(ref)], atol=1e-6, rtol=0)
    S = pipeline.cost_matrix(g, dn, cn, cutoff_min=4.0, dense_max_cells=10).toarray()   # sparse path
    within = ref <= 4.0
    np.testing.assert_allclose(S[within], ref[within], atol=1e-6, rtol=0)
    assert (S[~within] == 0).all()


def test_junction_grid_pruned_by_witnesses_same_times_and_lengths():
    """A grid of four-way junctions (no chain, no dead end: the benchmark's structure): a new arc
    that two remaining arcs beat is not added, so the reduced graph is smaller (fewer nodes and
    arcs than without that check) and gives the same times, and the same lengths along the
    fastest paths, as plain Dijkstra on the full graph."""
    lines, attrs = chained_roads(side=24, seed=5, pieces=1, spurs=0)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rng = np.random.default_rng(5)
    term = nw.connect_terminals(rg, rng.uniform(0, 11500, (40, 2)) + [570_000, 6_280_000])
    g, nodes = term.graph, term.nodes
    plain, pid = reduce_graph(g, nodes, witness=False)
    pruned, nid = reduce_graph(g, nodes)
    assert pruned.time.nnz < 0.8 * plain.time.nnz and pruned.n_nodes < plain.n_nodes
    ref, pred = dijkstra(g.time, directed=True, indices=nodes, return_predecessors=True)
    got = dijkstra(pruned.time, directed=True, indices=nid[nodes])[:, nid[nodes]]
    fin = np.isfinite(ref[:, nodes])
    np.testing.assert_array_equal(np.isfinite(got), fin)
    np.testing.assert_allclose(got[fin], ref[:, nodes][fin], atol=1e-6, rtol=0)
    o, d = nodes[:20], nodes[20:]
    T, D = nw.travel_time_matrix(g, o, d, direction="forward", return_arrays=True)[2]
    np.testing.assert_allclose(T, ref[:20][:, d], atol=1e-6, rtol=0)
    np.testing.assert_allclose(D * 1000, _walk(g, o, pred[:20], d), atol=1e-6, rtol=0)


@pytest.mark.parametrize("parts", [2, 4])
def test_reduced_in_parts_same_times_and_lengths_whatever_the_processes(monkeypatch, parts):
    """A large graph is reduced one part of the territory at a time (the border nodes kept, then
    bypassed on the whole graph): the same times and lengths along the fastest paths as plain
    Dijkstra on the full graph, one-ways and cul-de-sacs included, about as small as the reduction
    in one piece, and the same graph bit for bit on one process or on two."""
    from optima.optima_plugin.core import graph as gm

    monkeypatch.setattr(gm, "REDUCE_SPLIT_MIN_NODES", 0)
    lines, attrs = chained_roads(side=20, seed=7, pieces=2, spurs=30)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rng = np.random.default_rng(7)
    term = nw.connect_terminals(rg, rng.uniform(0, 9500, (40, 2)) + [570_000, 6_280_000])
    g, nodes = term.graph, term.nodes
    whole, _ = reduce_graph(g, nodes)
    one, nid = gm.reduce_graph_in_parts(g, nodes, parts=parts, workers=1)
    two, nid2 = gm.reduce_graph_in_parts(g, nodes, parts=parts, workers=2)
    assert one.n_nodes < 0.5 * g.n_nodes and one.n_nodes < 1.2 * whole.n_nodes
    assert one.time.nnz < 1.2 * whole.time.nnz
    np.testing.assert_array_equal(nid, nid2)
    for a, b in ((one.time, two.time), (one.length, two.length)):
        np.testing.assert_array_equal(a.indptr, b.indptr)
        np.testing.assert_array_equal(a.indices, b.indices)
        np.testing.assert_array_equal(a.data, b.data)
    assert (nid[nodes] >= 0).all()
    ref, pred = dijkstra(g.time, directed=True, indices=nodes, return_predecessors=True)
    got, gpred = dijkstra(one.time, directed=True, indices=nid[nodes], return_predecessors=True)
    fin = np.isfinite(ref[:, nodes])
    np.testing.assert_array_equal(np.isfinite(got[:, nid[nodes]]), fin)
    np.testing.assert_allclose(got[:, nid[nodes]][fin], ref[:, nodes][fin], atol=1e-6, rtol=0)
    lengths = one.path_lengths(nid[nodes], gpred, nid[nodes])
    np.testing.assert_allclose(lengths[fin], _walk(g, nodes, pred, nodes)[fin], atol=1e-6, rtol=0)


def test_parts_cut_at_the_median():
    from optima.optima_plugin.core.graph import _split_parts

    xy = np.random.default_rng(0).uniform(0, [4000, 1000], (1001, 2))
    lab = _split_parts(xy, 4)
    assert sorted(np.bincount(lab).tolist()) == [250, 250, 250, 251]
    # the longer side (x) is cut first: parts 0-1 west of parts 2-3
    assert xy[lab <= 1, 0].max() <= xy[lab >= 2, 0].min()


def test_reduced_in_parts_without_any_length(monkeypatch):
    from optima.optima_plugin.core import graph as gm

    monkeypatch.setattr(gm, "REDUCE_SPLIT_MIN_NODES", 0)
    lines, attrs = chained_roads(side=12, seed=2, pieces=2, spurs=10)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    i, j, t, _ = rg.graph.arcs()
    g = CostGraph.from_edges(i, j, t, None, n_nodes=rg.graph.n_nodes, xy=rg.graph.xy)
    keep = np.random.default_rng(2).choice(g.n_nodes, 25, replace=False)
    r, nid = gm.reduce_graph_in_parts(g, keep, workers=1)
    assert r.length is None and r.n_nodes < g.n_nodes / 2
    ref = dijkstra(g.time, directed=True, indices=keep)[:, keep]
    got = dijkstra(r.time, directed=True, indices=nid[keep])[:, nid[keep]]
    np.testing.assert_array_equal(np.isfinite(got), np.isfinite(ref))
    np.testing.assert_allclose(got[np.isfinite(ref)], ref[np.isfinite(ref)], atol=1e-6, rtol=0)

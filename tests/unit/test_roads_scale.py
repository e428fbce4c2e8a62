"""Road graphs at département scale: lengths along the fastest path, the graph cache, the places'
closure graph, segment snapping, vectorised field parsing. Reference: scipy's Dijkstra and a plain
walk up the predecessor tree."""
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.sparse.csgraph import dijkstra

from optima.optima_plugin.core import network as nw
from optima.optima_plugin.core.graph import CostGraph


def grid_roads(side=12, seed=0, oneway_share=0.1):
    """side x side jittered grid, curved 4-vertex lines, speeds by class, some one-ways."""
    rng = np.random.default_rng(seed)
    g = np.arange(side) * 500.0
    gx, gy = np.meshgrid(g, g, indexing="xy")
    xy = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-80, 80, (side * side, 2)) + [570_000, 6_280_000]
    ids = np.arange(side * side).reshape(side, side)
    a = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    b = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    t = np.linspace(0, 1, 4)
    d = xy[b] - xy[a]
    bend = rng.normal(0, 0.1, a.size)[:, None, None] * np.column_stack([-d[:, 1], d[:, 0]])[:, None, :]
    pts = xy[a][:, None, :] + t[None, :, None] * d[:, None, :] + np.sin(np.pi * t)[None, :, None] * bend
    lines = shapely.linestrings(pts.reshape(-1, 2), indices=np.repeat(np.arange(a.size), t.size))
    speed = rng.choice([30.0, 50.0, 70.0, 90.0], a.size)
    ow = np.full(a.size, "no", dtype=object)
    r = rng.random(a.size)
    ow[r < oneway_share / 2] = "yes"
    ow[(r >= oneway_share / 2) & (r < oneway_share)] = "-1"
    return lines, pd.DataFrame({"speed": speed, "oneway": ow}), xy


def walk_lengths(graph, src, pred, targets):
    """Length along the predecessor tree, one arc at a time (the plain reference)."""
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
def _fresh_cache():
    nw.clear_road_cache()
    yield
    nw.clear_road_cache()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matrix_times_equal_scipy_dijkstra_and_lengths_equal_tree_walk(seed):
    lines, attrs, _ = grid_roads(side=10, seed=seed, oneway_share=0.2)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 4500, (30, 2)) + [570_000, 6_280_000]
    term = nw.connect_terminals(rg, pts)
    g, nodes = term.graph, term.nodes
    o, d = nodes[:17], nodes[17:]
    for direction in ("forward", "reverse", "auto"):
        df, st, (T, D) = nw.travel_time_matrix(g, o, d, direction=direction, return_arrays=True)
        ref, pred = dijkstra(g.time, directed=True, indices=o, return_predecessors=True)
        np.testing.assert_allclose(T, ref[:, d], atol=1e-6, rtol=0)
        assert np.isfinite(T).sum() > 0.8 * T.size               # one-ways: most pairs still reachable
        if direction == "forward":                                # same trees: the same lengths exactly
            np.testing.assert_allclose(D * 1000, walk_lengths(g, o, pred, d), atol=1e-6, rtol=0)
        else:                                                     # other trees: a fastest path, same time
            fin = np.isfinite(T)
            assert (D[fin] * 1000 >= np.hypot(*(g.xy[o][:, None, :] - g.xy[d][None, :, :]).transpose(2, 0, 1))[fin]
                    - 1e-6).all()


def test_arc_lengths_table_matches_sorted_lookup_with_busy_nodes():
    # node 0 receives arcs from 30 nodes (more than the padded table holds): looked up apart
    rng = np.random.default_rng(3)
    i = np.concatenate([np.arange(1, 31), rng.integers(0, 40, 200)])
    j = np.concatenate([np.zeros(30, int), rng.integers(0, 40, 200)])
    keep = i != j
    i, j = i[keep], j[keep]
    g = CostGraph.from_edges(i, j, rng.uniform(0.1, 2, i.size), rng.uniform(10, 900, i.size), n_nodes=40)
    gi, gj, _, gl = g.arcs()
    np.testing.assert_array_equal(g.arc_lengths(gi, gj), gl)
    np.testing.assert_array_equal(g._arc_lengths_sorted(gi, gj), gl)
    np.testing.assert_array_equal(g._hash_get(gi * g.n_nodes + gj), gl)
    assert np.isnan(g.arc_lengths(np.array([5]), np.array([5]))).all()          # no such arc


def test_road_graph_cache_keyed_by_content():
    lines, attrs, _ = grid_roads(side=6)
    opts = nw.NetworkOptions(speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rg1, hit1 = nw.road_graph_cached(lines, attrs, opts)
    rg2, hit2 = nw.road_graph_cached(lines.copy(), attrs.copy(), opts)          # same content, other objects
    assert (hit1, hit2) == (False, True) and rg2 is rg1
    # a column the graph does not read changes nothing
    rg3, hit3 = nw.road_graph_cached(lines, attrs.assign(name="x"), opts)
    assert hit3 and rg3 is rg1
    # an edited speed, an edited geometry, another setting: built again
    a2 = attrs.copy()
    a2.loc[0, "speed"] = 10.0
    rg4, hit4 = nw.road_graph_cached(lines, a2, opts)
    assert not hit4 and rg4.edges.speed_kmh.iloc[0] == 10.0
    l2 = lines.copy()
    l2[3] = shapely.affinity.translate(l2[3], 1.0, 0.0)
    assert not nw.road_graph_cached(l2, attrs, opts)[1]
    assert not nw.road_graph_cached(lines, attrs, nw.NetworkOptions(speed_field="speed"))[1]
    # at most ROAD_CACHE_SIZE graphs are kept: the first one is gone by now
    assert len(nw._ROAD_CACHE) == nw.ROAD_CACHE_SIZE
    assert not nw.road_graph_cached(lines, attrs, opts)[1]


def test_terminal_graph_reuses_the_road_graph():
    lines, attrs, xy = grid_roads(side=6)
    opts = nw.NetworkOptions(speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    places = shapely.points(xy[[0, 7, 20]] + 30.0)
    g1, n1, r1 = nw.terminal_graph(opts, lines, attrs, places)
    g2, n2, r2 = nw.terminal_graph(opts, lines, attrs, shapely.points(xy[[3, 9]] + 10.0))
    assert r1["road_graph_cached"] is False and r2["road_graph_cached"] is True
    assert g1.info["road_graph"] is g2.info["road_graph"]
    # the cached graph is not altered by joining places to it
    assert g1.info["road_graph"].graph.n_nodes == g1.n_nodes - 3


def test_terminal_closure_keeps_every_road_time():
    lines, attrs, _ = grid_roads(side=8, seed=4, oneway_share=0.3)
    opts = nw.NetworkOptions(speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    rng = np.random.default_rng(4)
    pts = shapely.points(rng.uniform(0, 3500, (25, 2)) + [570_000, 6_280_000])
    g, nodes, _ = nw.terminal_graph(opts, lines, attrs, pts)
    cg, cn = nw.terminal_closure(g, nodes, with_length=True)
    assert cg.n_nodes == 25 and np.array_equal(cn, np.arange(25))
    road = dijkstra(g.time, directed=True, indices=nodes)[:, nodes]
    clo = dijkstra(cg.time, directed=True, indices=cn)
    np.testing.assert_allclose(clo, road, atol=1e-9, rtol=0)
    np.testing.assert_allclose(cg.xy, g.xy[nodes])
    # lengths: those of the road matrix
    _, _, (T, D) = nw.travel_time_matrix(g, nodes, nodes, return_arrays=True)
    i, j, _, L = cg.arcs()
    np.testing.assert_allclose(L, D[i, j] * 1000, rtol=1e-12)


def test_closure_of_a_place_off_the_roads_has_no_arc():
    lines, attrs, xy = grid_roads(side=5)
    opts = nw.NetworkOptions(max_snap_m=200.0)
    pts = shapely.points(np.vstack([xy[[0, 6]] + 5.0, [[570_000 - 5_000, 6_280_000]]]))
    g, nodes, rep = nw.terminal_graph(opts, lines, attrs, pts)
    assert rep["too_far_index"] == [2]
    cg, _ = nw.terminal_closure(g, nodes)
    i, j, _, _ = cg.arcs()
    assert 2 not in set(i.tolist()) | set(j.tolist()) and cg.time.nnz == 2


def test_segment_snapping_splits_the_segment_and_logs_the_access_link():
    # one straight 2 km road at 60 km/h; a place 100 m beside its middle
    lines = [shapely.LineString([(0, 0), (2000, 0)]), shapely.LineString([(2000, 0), (4000, 0)])]
    rg = nw.build_road_graph(lines, pd.DataFrame({"v": [60.0, 60.0]}), speed_field="v")
    logs = []
    mon = nw.as_monitor(None, None, logs.append)
    term = nw.connect_terminals(rg, [[1000, 100], [4000, 0]], monitor=mon)
    t = nw.travel_time_matrix(term.graph, term.nodes[:1], term.nodes[1:], return_arrays=True)[2]
    # 100 m at 20 km/h (0.3 min) then 3 km at 60 km/h (3 min), not via the node 1 km away
    assert t[0][0, 0] == pytest.approx(0.3 + 3.0, abs=1e-9)
    assert t[1][0, 0] == pytest.approx(3.1, abs=1e-9)
    assert term.report["snap_dist_max_m"] == pytest.approx(100.0)
    assert any("nearest point of the nearest road segment" in m and "20 km/h" in m and "100 m longest" in m
               for m in logs)


def test_oneway_and_speed_fields_parsed_per_value():
    lines, _, _ = grid_roads(side=4)
    n = len(lines)
    ow = np.array(["yes", "-1", None, "bogus", "", "sens inverse", np.nan, 1, 0, -1.0] * 3, dtype=object)[:n]
    sp = np.array([50, None, "", " ", np.nan, 70.5, "80", 30, 40, 90] * 3, dtype=object)[:n]
    rg = nw.build_road_graph(lines, pd.DataFrame({"ow": ow, "sp": sp}), speed_field="sp", oneway_field="ow",
                             default_speed_kmh=45.0)
    per_feature = rg.edges.groupby("feature")[["oneway", "speed_kmh"]].first()
    want_ow = [nw.parse_oneway(v) or 0 for v in ow]
    assert per_feature.oneway.tolist() == [want_ow[f] for f in per_feature.index]
    null = [v is None or (isinstance(v, float) and np.isnan(v)) for v in ow]
    assert rg.report["n_oneway_unrecognised"] == sum(1 for v, z in zip(ow, null) if not z and
                                                     nw.parse_oneway(v) is None)      # "bogus" and ""
    assert rg.report["n_oneway_unrecognised"] == 5
    want_sp = [45.0 if (v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()))
               else float(v) for v in sp]
    assert per_feature.speed_kmh.tolist() == [want_sp[f] for f in per_feature.index]
    assert rg.report["n_speed_defaulted"] == sum(1 for v in want_sp if v == 45.0) == 11
    with pytest.raises(nw.InputError, match="non-numeric speed 'x'"):
        nw.build_road_graph(lines, pd.DataFrame({"sp": ["x"] + [50] * (n - 1)}), speed_field="sp")


def test_road_columns():
    o = nw.NetworkOptions(speed_field="VITESSE_MOYENNE_VL", oneway_field="SENS")
    assert nw.road_columns(o, ["VITESSE_MOYENNE_VL", "SENS", "NATURE", "highway"]) == \
        ["VITESSE_MOYENNE_VL", "SENS", "highway"]
    assert nw.road_columns(nw.NetworkOptions(use_osm_tags=False), ["highway"]) == []


def test_territories_cut_on_the_closure_equal_those_cut_on_the_roads():
    from optima.optima_plugin.core.territories import cluster

    lines, attrs, _ = grid_roads(side=14, seed=6, oneway_share=0.1)
    opts = nw.NetworkOptions(speed_field="speed", oneway_field="oneway", split_at_intersections=True)
    # 7 x 7 square communes over the grid, rook adjacency
    size = 13 * 500.0 / 7
    cells = [shapely.box(570_000 + c * size, 6_280_000 + r * size, 570_000 + (c + 1) * size,
                         6_280_000 + (r + 1) * size) for r in range(7) for c in range(7)]
    import scipy.sparse as sp
    i, j = zip(*[(a, b) for a in range(49) for b in range(49)
                 if abs(a // 7 - b // 7) + abs(a % 7 - b % 7) == 1])
    adj = sp.csr_matrix((np.ones(len(i)), (i, j)), shape=(49, 49))
    pop = np.random.default_rng(6).integers(100, 3000, 49).astype(float)
    g, nodes, _ = nw.terminal_graph(opts, lines, attrs, cells)
    cg, cn = nw.terminal_closure(g, nodes)
    a = cluster(g, nodes, adj, pop, 5, balance_tol=0.1, seed=1, compute_bound=False)
    b = cluster(cg, cn, adj, pop, 5, balance_tol=0.1, seed=1, compute_bound=False)
    assert np.array_equal(a.labels, b.labels) and np.array_equal(a.hubs, b.hubs)
    np.testing.assert_allclose(a.time_to_hub, b.time_to_hub, atol=1e-9)

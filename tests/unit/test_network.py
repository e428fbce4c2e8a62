"""Road graphs, terminals, proxy networks and travel-time matrices (core/network.py, core/graph.py)."""
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box

from optima.optima_plugin.core import network as nw
from optima.optima_plugin.core.errors import Canceled, InputError
from optima.optima_plugin.core.graph import CostGraph
from optima.optima_plugin.core.progress import Monitor

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared(name):
    p = SHARED / name
    if not p.exists():
        pytest.skip(f"real data not available: {p}")
    return p


# ----------------------------------------------------------------------------- helpers
def random_line_network(seed, n_pts=60, n_lines=200):
    """Random straight lines between random points; random speeds; ~30 % one-way."""
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 10_000, (n_pts, 2))
    a = rng.integers(0, n_pts, n_lines)
    b = rng.integers(0, n_pts, n_lines)
    geoms = [LineString([pts[i], pts[j]]) for i, j in zip(a, b)]
    speed = rng.uniform(10, 110, n_lines)
    oneway = rng.choice(["yes", "no", "-1", None], n_lines, p=[0.2, 0.6, 0.1, 0.1])
    return pts, a, b, geoms, pd.DataFrame({"v": speed, "sens": oneway})


def reference_nx(pts, a, b, geoms, attrs):
    G = nx.DiGraph()
    G.add_nodes_from(range(len(pts)))
    for k, (i, j) in enumerate(zip(a, b)):
        if i == j:
            continue
        t = geoms[k].length / 1000 / attrs["v"][k] * 60
        ow = attrs["sens"][k]
        arcs = [(i, j)] if ow == "yes" else [(j, i)] if ow == "-1" else [(i, j), (j, i)]
        for u, v in arcs:
            if not G.has_edge(u, v) or G[u][v]["w"] > t:
                G.add_edge(u, v, w=t, l=geoms[k].length)
    return G


# ---------------------------------------------------------------- exactness vs networkx
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_times_match_networkx_random_graphs_with_oneways(seed):
    pts, a, b, geoms, attrs = random_line_network(seed)
    rg = nw.build_road_graph(geoms, attrs, speed_field="v", oneway_field="sens", snap_tolerance_m=0.0)
    G = reference_nx(pts, a, b, geoms, attrs)
    # map our nodes to the random points by coordinates
    from scipy.spatial import cKDTree
    d, ours = cKDTree(rg.graph.xy).query(pts)
    used = d < 1e-6
    assert rg.report["n_oneway"] > 0
    src = np.flatnonzero(used)[:15]
    T = rg.graph.times(ours[src], ours[used])
    for r, s in enumerate(src):
        ref = nx.single_source_dijkstra_path_length(G, int(s), weight="w")
        for c, v in enumerate(np.flatnonzero(used)):
            if v in ref:
                assert T[r, c] == pytest.approx(ref[v], abs=1e-6)
            else:
                assert np.isinf(T[r, c])
    # asymmetry from one-ways shows up
    full = rg.graph.times(ours[used], ours[used])
    assert np.any(np.abs(np.where(np.isfinite(full), full, -1) - np.where(np.isfinite(full.T), full.T, -1)) > 1e-9)


@pytest.mark.parametrize("seed", [5, 6])
def test_path_lengths_and_matrix_match_networkx(seed):
    pts, a, b, geoms, attrs = random_line_network(seed, n_pts=80, n_lines=300)
    rg = nw.build_road_graph(geoms, attrs, speed_field="v", oneway_field="sens", snap_tolerance_m=0.0)
    G = reference_nx(pts, a, b, geoms, attrs)
    from scipy.spatial import cKDTree
    d, ours = cKDTree(rg.graph.xy).query(pts)
    nodes = np.flatnonzero(d < 1e-6)
    o, dd = nodes[:10], nodes[::3]
    df, st = nw.travel_time_matrix(rg.graph, ours[o], ours[dd])
    assert len(df) == o.size * dd.size and st["n_pairs"] == len(df)
    for (oi, di), row in df.set_index(["origin_idx", "dest_idx"]).iterrows():
        s, t = int(o[oi]), int(dd[di])
        try:
            dist, path = nx.single_source_dijkstra(G, s, t, weight="w")
        except nx.NetworkXNoPath:
            assert np.isnan(row.time_min) and np.isnan(row.dist_km)
            continue
        assert row.time_min == pytest.approx(dist, abs=1e-6)
        plen = sum(G[u][v]["l"] for u, v in zip(path[:-1], path[1:]))
        assert row.dist_km * 1000 == pytest.approx(plen, abs=1e-6)
    assert st["n_unreachable"] == int(df.time_min.isna().sum())
    # full-row lengths (tree dijkstra path) agree with the walk-up path
    T, L = rg.graph.times(ours[o], None, with_length=True)
    T2, L2 = rg.graph.times(ours[o], ours[dd], with_length=True)
    np.testing.assert_allclose(L[:, ours[dd]], L2, atol=1e-6)
    np.testing.assert_allclose(T[:, ours[dd]], T2)


def test_costgraph_keeps_fastest_parallel_and_zero_time_arcs():
    g = CostGraph.from_edges([0, 0, 1], [1, 1, 2], [5.0, 2.0, 0.0], [100, 300, 0], n_nodes=3)
    assert g.time[0, 1] == 2.0 and g.length[0, 1] == 300
    t, L = g.times([0], [2], with_length=True)
    assert t[0, 0] == 2.0 and L[0, 0] == 300
    t, L = g.times([2], [0], with_length=True)
    assert np.isinf(t[0, 0]) and np.isinf(L[0, 0])


# ------------------------------------------------------------------ hand-built network
def three_nodes():
    # A(0,0) -- B(1000,0) two-way 60 km/h (1 min);  B -> C(3000,0) one-way 60 km/h (2 min)
    geoms = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (3000, 0)])]
    attrs = pd.DataFrame({"kmh": [60.0, 60.0], "ow": ["no", "yes"]})
    return nw.build_road_graph(geoms, attrs, speed_field="kmh", oneway_field="ow")


def test_three_node_line_with_oneway():
    rg = three_nodes()
    xy = rg.graph.xy
    A, B, C = (int(np.argmin(np.hypot(*(xy - p).T))) for p in [(0, 0), (1000, 0), (3000, 0)])
    T = rg.graph.times([A, B, C], [A, B, C])
    np.testing.assert_allclose(T, [[0, 1, 3], [1, 0, 2], [np.inf, np.inf, 0]])
    assert rg.report["n_nodes"] == 3 and rg.report["n_edges"] == 2 and rg.report["n_oneway"] == 1
    assert rg.report["n_components"] == 1 and rg.report["n_strong_components"] == 2
    df, st = nw.travel_time_matrix(rg.graph, [A, C], [A, B, C])
    assert st["n_unreachable"] == 2 and st["n_beyond_cutoff"] == 0
    assert df.loc[(df.origin_idx == 0) & (df.dest_idx == 2), "dist_km"].item() == pytest.approx(3.0)
    assert nw.shortest_path_nodes(rg.graph, A, C) == [A, B, C]
    assert nw.shortest_path_nodes(rg.graph, C, A) == []
    assert nw.shortest_path_nodes(rg.graph, A, [B, C]) == [[A, B], [A, B, C]]
    # cutoff: A->C (3 min) is beyond 2.5 min, C->A unreachable
    df, st = nw.travel_time_matrix(rg.graph, [A, C], [A, B, C], cutoff_min=2.5)
    assert st["n_beyond_cutoff"] == 1 and st["n_unreachable"] == 2
    assert len(df) == 6 and df.time_min.isna().sum() == 3
    # nearest_k keeps the k fastest reachable
    df, st = nw.travel_time_matrix(rg.graph, [A], [C, B, A], nearest_k=2)
    assert df.dest_idx.tolist() == [2, 1] and df["rank"].tolist() == [1, 2]
    geoms = rg.edge_geometries()
    np.testing.assert_allclose(shapely.length(geoms), rg.edges.length_m)


def test_reverse_oneway_and_french_words():
    geoms = [LineString([(0, 0), (1000, 0)])]
    for word, fwd_ok, back_ok in [("Sens inverse", False, True), ("-1", False, True),
                                  ("Double sens", True, True), ("Sens direct", True, False)]:
        rg = nw.build_road_graph(geoms, pd.DataFrame({"s": [word]}), oneway_field="s")
        A = int(np.argmin(rg.graph.xy[:, 0]))
        t = rg.graph.times([A, 1 - A], [1 - A, A])
        assert np.isfinite(t[0, 0]) == fwd_ok and np.isfinite(t[1, 1]) == back_ok, word


# --------------------------------------------------------------------------- OSM tags
def test_hstore_maxspeed_oneway_parsing():
    tags = nw.parse_hstore('"lit"=>"yes","oneway"=>"-1","maxspeed"=>"50","name"=>"Rue \\"X\\"","n"=>NULL')
    assert tags == {"lit": "yes", "oneway": "-1", "maxspeed": "50", "name": 'Rue "X"', "n": None}
    assert nw.parse_hstore(None) == {} and nw.parse_hstore(float("nan")) == {}
    assert nw.parse_maxspeed("50") == 50 and nw.parse_maxspeed("30 mph") == pytest.approx(48.28, abs=0.01)
    assert nw.parse_maxspeed("FR:urban") == 50 and nw.parse_maxspeed("FR:rural") == 80
    assert nw.parse_maxspeed("FR:zone30") == 30 and nw.parse_maxspeed("30;50") == 30
    assert nw.parse_maxspeed("none") is None and nw.parse_maxspeed("signals") is None
    assert [nw.parse_oneway(v) for v in ["yes", "true", "1", "-1", "reverse", "no", None, "alternating"]] \
        == [1, 1, 1, -1, -1, 0, None, None]


def test_osm_tags_drive_speed_and_direction():
    geoms = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (2000, 0)]),
             LineString([(2000, 0), (3000, 0)]), LineString([(3000, 0), (4000, 0)])]
    attrs = pd.DataFrame({
        "highway": ["residential", "primary", "motorway", "weird"],
        "other_tags": ['"maxspeed"=>"20"', '"oneway"=>"yes"', None, '"oneway"=>"no"'],
    })
    rg = nw.build_road_graph(geoms, attrs, default_speed_kmh=40)
    e = rg.edges.sort_values("feature")
    assert e.speed_kmh.tolist() == [20.0, nw.OSM_DEFAULT_SPEEDS_KMH["primary"],
                                    nw.OSM_DEFAULT_SPEEDS_KMH["motorway"], 40.0]
    assert e.oneway.tolist() == [0, 1, 1, 0]          # motorway: implied one-way
    assert rg.report["use_osm_tags"] and rg.report["n_speed_osm_maxspeed"] == 1
    assert rg.report["n_speed_defaulted"] == 1


def test_osm_helsinki_real_sample():
    gpd = pytest.importorskip("geopandas")
    roads = gpd.read_file(shared("osm_roads_helsinki.gpkg")).to_crs(3067)
    attrs = roads.drop(columns="geometry")
    rg = nw.build_road_graph(roads.geometry.values, attrs, split_at_intersections=True)
    r = rg.report
    assert r["use_osm_tags"] and r["n_features"] == len(roads)
    assert r["n_speed_osm_maxspeed"] > 500 and r["n_speed_osm_highway"] > 500
    assert r["n_oneway"] > 100
    assert r["n_components"] >= 1 and sum(r["component_sizes"]) <= r["n_nodes"]
    assert 0.9 < r["largest_component_share"] <= 1.0       # OSM ways join at shared vertices
    # one-way asymmetry on real data
    big = np.flatnonzero(rg.component == 0)
    rng = np.random.default_rng(0)
    s = rng.choice(big, 40, replace=False)
    T = rg.graph.times(s, s)
    fin = np.isfinite(T) & np.isfinite(T.T)
    assert np.any(np.abs(T - T.T)[fin] > 1e-6)
    # only end points: many more fragments
    rg0 = nw.build_road_graph(roads.geometry.values, attrs, split_at_intersections=False)
    assert rg0.report["n_components"] > r["n_components"]


# ------------------------------------------------------------------- geometry handling
def test_snapping_splitting_multipart_zero_length_and_self_loops():
    geoms = [
        LineString([(0, 0), (100, 0)]),
        LineString([(100.5, 0), (200, 0)]),                    # 0.5 m gap: snapped at tol 1 m
        MultiLineString([[(200, 0), (300, 0)], [(300, 0), (300, 100)]]),
        LineString([(50, 50), (50, 50)]),                      # zero length
        LineString([(0, 0), (0, 10), (0.3, 0.2)]),             # self-loop once snapped
        None,
    ]
    rg = nw.build_road_graph(geoms, snap_tolerance_m=1.0)
    r = rg.report
    assert r["n_zero_length"] == 1 and r["n_self_loops"] == 1 and r["n_null_geometries"] == 1
    assert r["n_parts"] == 5 and r["n_edges"] == 4 and r["n_components"] == 1
    assert r["n_speed_defaulted"] == 5
    rg0 = nw.build_road_graph(geoms[:3], snap_tolerance_m=0.0)
    assert rg0.report["n_components"] == 2


def test_split_modes():
    cross = [LineString([(0, 0), (200, 0)]), LineString([(100, -100), (100, 100)])]
    assert nw.build_road_graph(cross).report["n_components"] == 2
    rg = nw.build_road_graph(cross, split_at_intersections="noding")
    assert rg.report["n_nodes"] == 5 and rg.report["n_edges"] == 4 and rg.report["n_components"] == 1
    # noding keeps the digitised direction for one-ways
    rg = nw.build_road_graph([LineString([(200, 0), (0, 0)]), cross[1]], pd.DataFrame({"o": ["yes", "no"]}),
                             oneway_field="o", split_at_intersections="noding")
    xy = rg.graph.xy
    w, e = int(np.argmin(xy[:, 0])), int(np.argmax(xy[:, 0]))
    assert np.isfinite(rg.graph.times([e], [w])[0, 0]) and np.isinf(rg.graph.times([w], [e])[0, 0])
    shared_vertex = [LineString([(0, 0), (100, 0), (200, 0)]), LineString([(100, -100), (100, 0), (100, 100)])]
    rg = nw.build_road_graph(shared_vertex, split_at_intersections=True)
    assert rg.report["n_nodes"] == 5 and rg.report["n_components"] == 1


# ----------------------------------------------------------------------------- errors
def test_bad_inputs():
    with pytest.raises(InputError, match="empty"):
        nw.build_road_graph([])
    with pytest.raises(InputError, match="feature 1 .*Point"):
        nw.build_road_graph([LineString([(0, 0), (1, 1)]), Point(0, 0)])
    with pytest.raises(InputError, match="Polygon"):
        nw.build_road_graph([box(0, 0, 1, 1)])
    line = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (2000, 0)])]
    with pytest.raises(InputError, match="feature 1.*-5"):
        nw.build_road_graph(line, pd.DataFrame({"v": [50, -5]}), speed_field="v")
    with pytest.raises(InputError, match="feature 0"):
        nw.build_road_graph(line, pd.DataFrame({"v": [0, 50]}), speed_field="v")
    with pytest.raises(InputError, match="non-numeric"):
        nw.build_road_graph(line, pd.DataFrame({"v": ["fast", 50]}), speed_field="v")
    with pytest.raises(InputError, match="not found"):
        nw.build_road_graph(line, pd.DataFrame({"v": [1, 2]}), speed_field="speed")
    with pytest.raises(InputError, match="rows"):
        nw.build_road_graph(line, pd.DataFrame({"v": [1]}), speed_field="v")
    # null speed: default speed, counted
    rg = nw.build_road_graph(line, pd.DataFrame({"v": [None, 30.0]}), speed_field="v", default_speed_kmh=60)
    assert rg.report["n_speed_defaulted"] == 1
    assert sorted(rg.edges.time_min.round(9)) == [1.0, 2.0]
    with pytest.raises(InputError):
        nw.build_road_graph([LineString([(0, 0), (0, 0)])])
    with pytest.raises(InputError, match="cutoff"):
        nw.travel_time_matrix(rg.graph, [0], [1], cutoff_min=-1)
    with pytest.raises(InputError, match="node index 9"):
        nw.travel_time_matrix(rg.graph, [9], [1])
    with pytest.raises(InputError, match="not a polygon"):
        nw.adjacency_pairs([box(0, 0, 1, 1), Point(0, 0)])
    with pytest.raises(InputError, match="empty"):
        nw.adjacency_network([])


def test_disconnected_network_gives_nan_counted():
    geoms = [LineString([(0, 0), (1000, 0)]), LineString([(5000, 0), (6000, 0)])]
    rg = nw.build_road_graph(geoms)
    assert rg.report["n_components"] == 2 and rg.report["largest_component_share"] == 0.5
    t = nw.connect_terminals(rg, [(0, 10), (6000, 10)])
    df, st = nw.travel_time_matrix(t.graph, t.nodes, t.nodes)
    assert st["n_unreachable"] == 2 and df.time_min.isna().sum() == 2
    assert np.isinf(t.graph.times([t.nodes[0]], [t.nodes[1]])[0, 0])
    # snapping only to the largest component (tie: component 0) joins both places to it
    t2 = nw.connect_terminals(rg, [(0, 10), (6000, 10)], snap_to_largest=True)
    assert np.isfinite(t2.graph.times([t2.nodes[0]], [t2.nodes[1]])[0, 0])


def test_cancel():
    pts, a, b, geoms, attrs = random_line_network(0)
    mon = Monitor(is_canceled=lambda: True)
    with pytest.raises(Canceled):
        nw.build_road_graph(geoms, attrs, speed_field="v", monitor=mon)
    seen = []
    rg = nw.build_road_graph(geoms, attrs, speed_field="v", monitor=Monitor(progress=lambda p, m="": seen.append(p)))
    assert seen and max(seen) == 100
    with pytest.raises(Canceled):
        nw.travel_time_matrix(rg.graph, [0], [1], monitor=mon)


# ---------------------------------------------------------------------------- terminals
def test_connect_terminals_access_and_max_snap():
    rg = three_nodes()
    pts = [(0, 100), (1000, -50), (3000, 5000)]
    t = nw.connect_terminals(rg, pts, access_speed_kmh=6.0, max_snap_m=1000)
    assert t.too_far.tolist() == [False, False, True] and t.report["n_too_far"] == 1
    np.testing.assert_allclose(t.snap_dist_m, [100, 50, 5000])
    assert t.road_node[2] == -1 and (t.nodes == rg.graph.n_nodes + np.arange(3)).all()
    T = t.graph.times(t.nodes, t.nodes)
    # 100 m + 50 m at 6 km/h = 1.5 min, plus 1 min of road
    assert T[0, 1] == pytest.approx(1.0 + 1.5) and T[1, 0] == pytest.approx(2.5)
    assert np.isinf(T[2, :2]).all() and np.isinf(T[:2, 2]).all()
    df, st = nw.travel_time_matrix(t.graph, t.nodes, t.nodes)
    assert st["n_unreachable"] == 4
    _, L = t.graph.times([t.nodes[0]], [t.nodes[1]], with_length=True)
    assert L[0, 0] == pytest.approx(1150.0)


def test_representative_points_inside():
    c = Polygon([(0, 0), (10, 0), (10, 1), (1, 1), (1, 9), (10, 9), (10, 10), (0, 10)])   # C shape
    xy = nw.representative_points([c, Point(3, 4)])
    assert c.contains(Point(xy[0])) and tuple(xy[1]) == (3, 4)
    with pytest.raises(InputError, match="feature 1"):
        nw.representative_points([c, None])


# --------------------------------------------------------------------- proxy networks
def grid_polygons(nx_=6, ny=5, size=1000.0):
    return [box(i * size, j * size, (i + 1) * size, (j + 1) * size) for j in range(ny) for i in range(nx_)]


def test_adjacency_pairs_edge_vs_point():
    polys = grid_polygons(3, 3)
    i, j, s = nw.adjacency_pairs(polys, mode="edge")
    assert len(i) == 12 and (i < j).all() and np.allclose(s, 1000)
    i, j, s = nw.adjacency_pairs(polys, mode="point")
    assert len(i) == 12 + 8 and (s == 0).sum() == 8
    i, j, s = nw.adjacency_pairs(polys, min_shared_m=1500)
    assert len(i) == 0


def test_islands_flagged_and_ferry_linked():
    polys = grid_polygons(3, 3) + [box(5000, 0, 6000, 1000), box(9000, 9000, 9500, 9500),
                                   box(9500, 9000, 10000, 9500)]
    pn = nw.adjacency_network(polys)
    assert pn.islands == [9] and pn.report["n_components"] == 3
    assert np.isinf(pn.graph.times([0], [9])[0, 0])
    pn = nw.adjacency_network(polys, link_islands=True, ferry_min=45)
    assert pn.report["n_components"] == 1 and pn.report["n_ferry"] == 2
    ferry = pn.edges[pn.edges.kind == "ferry"]
    assert (ferry.time_min == 45).all()
    assert {frozenset(p) for p in zip(ferry.i, ferry.j)} >= {frozenset((2, 9))}  # nearest commune of the island
    T = pn.graph.times([9], [2])
    assert T[0, 0] == pytest.approx(45)
    assert len(pn.lines) == len(pn.edges)


def test_proxy_times_and_roundtrip_through_road_builder():
    polys = grid_polygons(6, 5)
    pn = nw.adjacency_network(polys, detour_factor=1.3, speed_kmh=60)
    # neighbours 1 km apart: 1.3 km at 60 km/h = 1.3 min
    assert np.allclose(pn.edges.time_min, 1.3) and pn.report["n_edges"] == 5 * 5 + 6 * 4
    tab = pn.layer_table()
    rg = nw.build_road_graph(tab.geometry.values, tab.drop(columns="geometry"), speed_field="speed_kmh",
                             snap_tolerance_m=0.01)
    t = nw.connect_terminals(rg, pn.xy)
    assert np.allclose(t.snap_dist_m, 0)
    n = len(polys)
    np.testing.assert_allclose(t.graph.times(t.nodes, t.nodes), pn.graph.times(range(n), range(n)), atol=1e-9)


def test_communes_31_proxy_network_real():
    gpd = pytest.importorskip("geopandas")
    com = gpd.read_file(shared("communes_31.gpkg"))
    geoms = com.geometry.values
    i, j, s = nw.adjacency_pairs(geoms)
    assert len(i) == len(j) == len(s) > 586
    pn = nw.adjacency_network(geoms)
    assert pn.graph.n_nodes == 586 and pn.report["n_components"] == 1 and pn.islands == []
    e = pn.edges
    assert (e.kind == "adjacent").all() and (e.shared_m > 0).all()
    assert shapely.intersects(geoms[e.i.to_numpy()], geoms[e.j.to_numpy()]).all()
    # true neighbours: they share a border line (not just overlap or a corner)
    assert (shapely.length(shapely.intersection(shapely.boundary(geoms[e.i.to_numpy()]),
                                                shapely.boundary(geoms[e.j.to_numpy()]))) > 0).all()
    df, st = nw.travel_time_matrix(pn.graph, range(586), range(586))
    assert st["n_unreachable"] == 0 and df.time_min.max() < 300
    # round trip through a written line layer
    tab = pn.layer_table()
    rg = nw.build_road_graph(tab.geometry.values, tab.drop(columns="geometry"), speed_field="speed_kmh")
    t = nw.connect_terminals(rg, pn.xy)
    sel = np.arange(0, 586, 7)
    np.testing.assert_allclose(t.graph.times(t.nodes[sel], t.nodes[sel]), pn.graph.times(sel, sel), atol=1e-6)


# ------------------------------------------------------------- matrices and one entry
def test_straight_line_matrix():
    df, st = nw.straight_line_matrix([(0, 0)], [(3000, 4000), (0, 1000)], detour_factor=1.2, speed_kmh=60)
    assert df.dist_km.tolist() == pytest.approx([6.0, 1.2]) and df.time_min.tolist() == pytest.approx([6.0, 1.2])
    df, st = nw.straight_line_matrix([(0, 0)], [(3000, 4000), (0, 1000)], cutoff_min=5)
    assert st["n_beyond_cutoff"] == 1 and df.time_min.isna().sum() == 1
    df, st = nw.straight_line_matrix([(0, 0)], [(3000, 4000), (0, 1000)], nearest_k=1)
    assert df.dest_idx.tolist() == [1]


def test_terminal_graph_modes():
    polys = grid_polygons(4, 4)
    g, nodes, rep = nw.terminal_graph(nw.NetworkOptions(), terminal_geoms=polys)
    assert rep["mode"] == "proxy_adjacency" and (nodes == np.arange(16)).all() and g.n_nodes == 16
    pts = [Point(500, 500), Point(3500, 3950), Point(500, 3950)]
    g, nodes, rep = nw.terminal_graph(nw.NetworkOptions(detour_factor=1.0, proxy_speed_kmh=60), terminal_geoms=pts)
    assert rep["mode"] == "proxy_complete"
    assert g.times([nodes[0]], [nodes[1]])[0, 0] == pytest.approx(np.hypot(3000, 3450) / 1000)
    roads = [LineString([(0, 500), (4000, 500)]), LineString([(500, 0), (500, 4000)]),
             LineString([(3500, 0), (3500, 4000)])]
    opt = nw.NetworkOptions(default_speed_kmh=60, split_at_intersections="noding", max_snap_m=100)
    g, nodes, rep = nw.terminal_graph(opt, road_geoms=roads, terminal_geoms=pts)
    assert rep["mode"] == "road" and rep["too_far_index"] == []
    # (3500, 3950) lies on the road x = 3500: snapped onto that segment, 3 km + 3.45 km at 60 km/h
    assert g.times([nodes[0]], [nodes[1]])[0, 0] == pytest.approx(6.45)
    # snapped to the nearest node instead: 3 km + 3.5 km, plus 50 m of access at 20 km/h (0.15 min)
    rg = nw.build_road_graph(roads, default_speed_kmh=60, split_at_intersections="noding")
    t = nw.connect_terminals(rg, [(500, 500), (3500, 3950)], snap="node")
    assert t.graph.times([t.nodes[0]], [t.nodes[1]])[0, 0] == pytest.approx(6.5 + 0.15)
    many = [Point(x) for x in np.random.default_rng(0).uniform(0, 1e5, (400, 2))]
    g, nodes, rep = nw.terminal_graph(nw.NetworkOptions(), terminal_geoms=many)
    assert rep["mode"] == "proxy_delaunay" and np.isfinite(g.times([0], nodes)).all()


@pytest.mark.parametrize("cutoff", [None, 15.0])
def test_matrix_forward_and_reverse_directions_agree(cutoff):
    pts, a, b, geoms, attrs = random_line_network(7, n_pts=120, n_lines=400)
    rg = nw.build_road_graph(geoms, attrs, speed_field="v", oneway_field="sens", snap_tolerance_m=0.0)
    # zero-length access arcs (terminals on nodes) must survive the transpose
    t = nw.connect_terminals(rg, rg.graph.xy[:30])
    o, d = t.nodes, t.nodes[::4]
    f, sf = nw.travel_time_matrix(t.graph, o, d, cutoff_min=cutoff, direction="forward")
    r, sr = nw.travel_time_matrix(t.graph, o, d, cutoff_min=cutoff)
    assert sr["direction"] == "reverse" and sf["direction"] == "forward"
    np.testing.assert_allclose(f.time_min, r.time_min, atol=1e-9)
    np.testing.assert_allclose(f.dist_km, r.dist_km, atol=1e-9)
    assert (f.time_min.to_numpy()[f.origin_idx.to_numpy() == 4 * f.dest_idx.to_numpy()] == 0).all()
    assert sf["n_unreachable"] == sr["n_unreachable"] and sf["n_beyond_cutoff"] == sr["n_beyond_cutoff"]
    if cutoff is not None:
        assert sf["n_beyond_cutoff"] > 0
    assert np.isnan(f.time_min).sum() == sf["n_unreachable"] + sf["n_beyond_cutoff"]


def test_segment_snapping_mid_segment_and_one_way():
    """A place beside the middle of a long segment is joined to that point of the road, not to
    the far node; on a one-way segment it enters downstream and leaves upstream."""
    roads = [LineString([(0, 0), (10000, 0)]), LineString([(10000, 0), (10000, 10000)])]
    attrs = pd.DataFrame({"ow": [0, 0]})
    rg = nw.build_road_graph(roads, attrs, default_speed_kmh=60, oneway_field="ow")
    t = nw.connect_terminals(rg, [(4000, 100), (10000, 10000)], access_speed_kmh=6.0)
    np.testing.assert_allclose(t.snap_dist_m, [100, 0])
    # 100 m at 6 km/h (1 min) + 6 km + 10 km at 60 km/h
    T = t.graph.times(t.nodes, t.nodes)
    assert T[0, 1] == pytest.approx(1.0 + 16.0) and T[1, 0] == pytest.approx(17.0)
    # node snapping would walk 4 km to (0, 0): much longer
    tn = nw.connect_terminals(rg, [(4000, 100), (10000, 10000)], access_speed_kmh=6.0, snap="node")
    assert tn.graph.times(tn.nodes[:1], tn.nodes[1:])[0, 0] > 40
    # one-way eastwards on the first road: from the place, east only; into it, from the west end
    rg1 = nw.build_road_graph(roads, pd.DataFrame({"ow": [1, 0]}), default_speed_kmh=60, oneway_field="ow")
    t1 = nw.connect_terminals(rg1, [(4000, 100), (10000, 10000), (0, 0)], access_speed_kmh=6.0)
    T1 = t1.graph.times(t1.nodes, t1.nodes)
    assert T1[0, 1] == pytest.approx(17.0)            # leaves eastwards: allowed
    assert T1[0, 2] == np.inf                         # cannot drive back west to (0, 0)
    assert T1[2, 0] == pytest.approx(4.0 + 1.0)       # comes in from the west end
    assert T1[1, 0] == np.inf                         # cannot come back from the east
    with pytest.raises(nw.InputError):
        nw.connect_terminals(rg, [(0, 0)], snap="nearest")


def test_paths_are_drawn_along_the_road_shapes():
    """A path line follows each road's own vertices between junctions (both directions), the
    access legs are straight, and a proxy network (no road shapes) keeps straight lines."""
    roads = [LineString([(0, 0), (500, 500), (1000, 0)]), LineString([(1000, 0), (1500, -300), (2000, 0)])]
    pts = [Point(0, -10), Point(2010, 0)]          # both project onto a road end, 10 m away
    g, nodes, rep = nw.terminal_graph(nw.NetworkOptions(default_speed_kmh=60), road_geoms=roads, terminal_geoms=pts)
    fwd = nw.shortest_path_nodes(g, int(nodes[0]), int(nodes[1]))
    line = nw.path_line(g, fwd)
    xy = shapely.get_coordinates(line)
    assert {(500.0, 500.0), (1500.0, -300.0)} <= set(map(tuple, xy))
    assert tuple(xy[0]) == (0.0, -10.0) and tuple(xy[-1]) == (2010.0, 0.0)
    # length of the drawn line = access legs + the roads' true lengths
    road_len = sum(r.length for r in roads)
    assert line.length == pytest.approx(road_len + 20.0)
    back = nw.path_line(g, nw.shortest_path_nodes(g, int(nodes[1]), int(nodes[0])))
    np.testing.assert_allclose(shapely.get_coordinates(back), xy[::-1])
    # with start / end points joined straight
    withends = nw.path_line(g, fwd, start_xy=(0, -100), end_xy=(2010, -100))
    assert withends.length == pytest.approx(road_len + 20.0 + 190.0)
    # a place beside the middle of a road: the drawn line leaves the road where the place meets it
    g2, n2, _ = nw.terminal_graph(nw.NetworkOptions(default_speed_kmh=60), road_geoms=roads,
                                  terminal_geoms=[Point(250, 240), Point(2010, 0)])
    mid = nw.path_line(g2, nw.shortest_path_nodes(g2, int(n2[0]), int(n2[1])))
    c = shapely.get_coordinates(mid)
    assert tuple(c[0]) == (250.0, 240.0) and np.allclose(c[1], (245.0, 245.0))
    assert mid.length == pytest.approx(np.hypot(5, 5) + (road_len - np.hypot(245, 245)) + 10.0)
    assert nw.path_line(g, []) is None
    # proxy network: straight between nodes
    pg, pn, _ = nw.terminal_graph(nw.NetworkOptions(), terminal_geoms=grid_polygons(2, 2))
    p = nw.shortest_path_nodes(pg, int(pn[0]), int(pn[3]))
    assert len(shapely.get_coordinates(nw.path_line(pg, p))) == len(p)

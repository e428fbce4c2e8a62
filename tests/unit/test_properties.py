"""Properties of the core on random inputs (hypothesis, no QGIS).

- clustering + result tables: every commune exactly once, in input order, nothing lost, totals kept;
- same seed -> identical labels, hubs and tables (numpy arrays and DataFrames compared exactly);
- location core: same seed -> identical solution; every demand has an entry;
- indicators: compute_all keeps every commune, in order.

Inputs: random lattices (with random holes: several components) and Voronoi tessellations, random
populations (zeros included), random K, random seeds. The commune graph is the one the algorithms
use: core.network.terminal_graph on the polygons (proxy network) + pipeline.contiguity_adjacency.
"""
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optima.optima_plugin.core import indicators, pipeline, territories
from optima.optima_plugin.core import location as loc
from optima.optima_plugin.core.network import NetworkOptions, terminal_graph

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- random communes
def lattice(nr, nc, drop=(), size=1000.0):
    cells = [shapely.box(c * size, r * size, (c + 1) * size, (r + 1) * size)
             for r in range(nr) for c in range(nc)]
    return np.array([g for i, g in enumerate(cells) if i not in set(drop)], dtype=object)


def voronoi(npts, seed, extent=30_000.0):
    from shapely.ops import voronoi_diagram
    rng = np.random.default_rng(seed)
    pts = shapely.MultiPoint(rng.uniform(0, extent, (npts, 2)))
    box = shapely.box(0, 0, extent, extent)
    cells = [g.intersection(box) for g in voronoi_diagram(pts, envelope=box).geoms]
    return np.array([c for c in cells if not c.is_empty and c.area > 0], dtype=object)


@st.composite
def communes(draw):
    if draw(st.booleans()):
        nr, nc = draw(st.integers(2, 7)), draw(st.integers(2, 7))
        n = nr * nc
        drop = draw(st.sets(st.integers(0, n - 1), max_size=n // 4))
        geoms = lattice(nr, nc, drop if len(drop) < n - 1 else ())
    else:
        geoms = voronoi(draw(st.integers(6, 40)), draw(st.integers(0, 10_000)))
    n = len(geoms)
    pop = np.array(draw(st.lists(st.sampled_from([0, 1, 7, 50, 120, 800, 3000, 25_000]), min_size=n, max_size=n)),
                   dtype=float)
    k = draw(st.integers(1, min(n, 6)))
    seed = draw(st.integers(0, 2**16))
    return geoms, pop, k, seed


def _graph(geoms):
    graph, nodes, report = terminal_graph(NetworkOptions(), None, None, geoms)
    A = pipeline.contiguity_adjacency(geoms, "edge", network_report=report)
    return graph, np.asarray(nodes), A


def _run(geoms, pop, k, seed):
    graph, nodes, A = _graph(geoms)
    ids = [f"C{i:03d}" for i in range(len(geoms))]
    res = territories.cluster(graph, nodes, A, pop, k, balance_tol=0.2, seed=seed)
    communes_t, terr = pipeline.cluster_tables(geoms, ids, pop, res, A)
    return ids, res, communes_t, terr


# ----------------------------------------------------------------------------- clustering
@settings(max_examples=150, **SETTINGS)
@given(communes())
def test_cluster_tables_keep_every_commune_once_in_order(case):
    geoms, pop, k, seed = case
    n = len(geoms)
    ids, res, com, terr = _run(geoms, pop, k, seed)
    # one row per input commune, in the input order
    assert len(com) == n and len(res.labels) == n
    assert list(com.index) == list(range(n))
    lab = np.asarray(res.labels)
    assert ((lab >= 0) & (lab < res.k)).all()
    assert (com["territory"].to_numpy() == lab + 1).all()
    # row i is commune i: its hub is the hub of its own territory, and a hub is in its territory
    hubs = np.asarray(res.hubs)
    assert list(com["hub"]) == [ids[hubs[t]] for t in lab]
    assert (lab[hubs] == np.arange(res.k)).all()
    # the territory table partitions the communes: counts, population and area add up
    assert len(terr) == res.k == k
    assert sorted(terr["territory"]) == list(range(1, k + 1))
    assert terr["n_communes"].sum() == n
    assert (terr["n_communes"] >= 1).all()
    assert terr["pop"].sum() == pytest.approx(pop.sum())
    assert terr["area_km2"].sum() == pytest.approx(shapely.area(geoms).sum() / 1e6, rel=1e-6)
    for t in range(k):
        assert terr["pop"].iloc[t] == pytest.approx(pop[lab == t].sum())


@settings(max_examples=60, **SETTINGS)
@given(communes())
def test_cluster_same_seed_same_result_byte_for_byte(case):
    geoms, pop, k, seed = case
    _, r1, c1, t1 = _run(geoms, pop, k, seed)
    _, r2, c2, t2 = _run(geoms, pop, k, seed)
    assert np.array_equal(r1.labels, r2.labels)
    assert np.array_equal(r1.hubs, r2.hubs)
    assert np.array_equal(r1.time_to_hub, r2.time_to_hub, equal_nan=True)
    assert r1.objective == r2.objective
    assert c1.equals(c2)
    g1, g2 = t1.pop("geometry"), t2.pop("geometry")
    assert t1.equals(t2)
    assert [shapely.to_wkb(g) for g in g1] == [shapely.to_wkb(g) for g in g2]


# ----------------------------------------------------------------------------- location
@st.composite
def location_case(draw):
    n = draw(st.integers(3, 40))
    m = draw(st.integers(2, min(n, 15)))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    xy_d = rng.uniform(0, 50, (n, 2))
    xy_c = xy_d[rng.choice(n, m, replace=False)]
    costs = np.hypot(*(xy_d[:, None, :] - xy_c[None, :, :]).transpose(2, 0, 1))
    w = rng.integers(0, 1000, n).astype(float)
    p = draw(st.integers(1, m))
    problem = draw(st.sampled_from(["p_median", "p_center", "mclp"]))
    method = draw(st.sampled_from(["heuristic", "auto"]))
    return costs, w, p, problem, method, draw(st.integers(0, 2**16))


@settings(max_examples=150, **SETTINGS)
@given(location_case())
def test_location_same_seed_same_solution(case):
    costs, w, p, problem, method, seed = case
    kw = dict(problem=problem, p=p, method=method, seed=seed, time_limit_s=20,
              cutoff_min=20.0 if problem == "mclp" else None)
    a = loc.solve_location(costs, w, **kw)
    b = loc.solve_location(costs, w, **kw)
    assert np.array_equal(a.assignment, b.assignment)
    assert np.array_equal(np.sort(a.open_sites), np.sort(b.open_sites))
    assert np.array_equal(a.open_sites, b.open_sites)
    assert a.objective == b.objective
    assert np.array_equal(a.cost_to_site, b.cost_to_site, equal_nan=True)
    # every demand has an entry; served ones go to an open site, at its cost
    n = costs.shape[0]
    assert len(a.assignment) == n
    assert a.n_open == len(a.open_sites) <= p
    served = np.asarray(a.assignment) >= 0
    assert set(np.asarray(a.assignment)[served]) <= set(np.asarray(a.open_sites).tolist())
    rows = np.flatnonzero(served)
    assert np.allclose(np.asarray(a.cost_to_site)[rows], costs[rows, np.asarray(a.assignment)[rows]])
    if problem != "mclp":
        assert served[w > 0].all()


# ----------------------------------------------------------------------------- indicators
@settings(max_examples=80, **SETTINGS)
@given(communes(), st.data())
def test_compute_all_keeps_every_commune(case, data):
    geoms, pop, k, seed = case
    n = len(geoms)
    labels = data.draw(st.lists(st.sampled_from(["EPCI-A", "EPCI-B", "Bréhat", "3"]), min_size=n, max_size=n))
    times = np.array(data.draw(st.lists(st.one_of(st.floats(0, 120), st.just(np.inf)), min_size=n, max_size=n)))
    cdf, tdf, overall = indicators.compute_all(pd.Series(labels, dtype=object), pop, geoms, times, 20.0)
    assert len(cdf) == n and list(cdf.index) == list(range(n))
    assert int(cdf["unreachable"].sum()) == int(np.isinf(times).sum())
    assert sorted(tdf["territory"].astype(str)) == sorted(set(labels))
    assert tdf["n_communes"].sum() == n
    assert tdf["pop"].sum() == pytest.approx(pop.sum())

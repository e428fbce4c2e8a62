"""Tests of core.territories: contiguous, balanced territories around hubs."""
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scipy import sparse

from optima.optima_plugin.core import territories
from optima.optima_plugin.core.errors import InputError

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


# ----------------------------------------------------------------------------- helpers
def _proxy_instance(geoms, speed_kmh=60.0, detour=1.3):
    """(contiguity, CostGraph) of the proxy network the algorithm itself builds: neighbours share
    an edge; time = distance between points inside the communes x detour / speed."""
    from optima.optima_plugin.core import pipeline
    from optima.optima_plugin.core.network import NetworkOptions, terminal_graph
    geoms = np.asarray(geoms, dtype=object)
    opts = NetworkOptions(proxy_speed_kmh=speed_kmh, detour_factor=detour, link_islands=False)
    G, _, report = terminal_graph(opts, None, None, geoms)
    return pipeline.contiguity_adjacency(geoms, "edge", network_report=report), G


def lattice(nr, nc, size=1000.0):
    return np.array([shapely.box(c * size, r * size, (c + 1) * size, (r + 1) * size)
                     for r in range(nr) for c in range(nc)], dtype=object)


def voronoi(npts, seed, extent=50_000.0):
    from shapely.ops import voronoi_diagram
    rng = np.random.default_rng(seed)
    pts = shapely.MultiPoint(rng.uniform(0, extent, (npts, 2)))
    box = shapely.box(0, 0, extent, extent)
    return np.array([g.intersection(box) for g in voronoi_diagram(pts, envelope=box).geoms], dtype=object)


def instance(geoms):
    return _proxy_instance(geoms)


def check_partition(res, A, n, k):
    assert res.labels.shape == (n,)
    assert set(np.unique(res.labels)) == set(range(k))          # every territory non-empty
    assert res.hubs.shape == (k,)
    assert np.all(res.labels[res.hubs] == np.arange(k))          # hub inside its territory
    assert territories.territory_contiguity(res.labels, A, k).all()
    assert res.contiguous.all()
    assert np.isfinite(res.time_to_hub).all()
    assert np.all(res.time_to_hub[res.hubs] == 0)
    assert len(res.reason) == n and all(isinstance(r, str) and r for r in res.reason)


# ----------------------------------------------------------------------------- basic
def test_lattice_equal_pop_balanced():
    g = lattice(10, 10)
    A, G = instance(g)
    res = territories.cluster(G, np.arange(100), A, np.ones(100), 4, balance_tol=0.05)
    check_partition(res, A, 100, 4)
    assert res.feasible_balance and res.max_dev_pct <= 5.0 + 1e-9
    assert np.isclose(res.objective, np.dot(np.ones(100), res.time_to_hub))
    assert res.lower_bound is not None and res.objective >= res.lower_bound - 1e-6
    assert res.objective <= 1.06 * res.lower_bound            # near the LP bound (4 quadrants = bound)
    assert res.messages and "K = 4" in res.messages[0]


def test_same_seed_same_result():
    g = voronoi(150, 3)
    A, G = instance(g)
    pop = np.random.default_rng(1).integers(10, 2000, 150).astype(float)
    r1 = territories.cluster(G, np.arange(150), A, pop, 6, seed=7)
    r2 = territories.cluster(G, np.arange(150), A, pop, 6, seed=7)
    assert np.array_equal(r1.labels, r2.labels) and np.array_equal(r1.hubs, r2.hubs)
    assert r1.objective == r2.objective


def test_k1_and_k_equals_n_and_k_too_large():
    g = lattice(4, 5)
    A, G = instance(g)
    pop = np.arange(1, 21, dtype=float)
    r = territories.cluster(G, np.arange(20), A, pop, 1)
    check_partition(r, A, 20, 1)
    assert any("K = 1" in m for m in r.messages)
    r = territories.cluster(G, np.arange(20), A, pop, 20)
    check_partition(r, A, 20, 20)
    assert np.array_equal(np.sort(r.hubs), np.arange(20))
    assert r.objective == 0
    with pytest.raises(InputError):
        territories.cluster(G, np.arange(20), A, pop, 21)
    with pytest.raises(InputError):
        territories.cluster(G, np.arange(20), A, pop, 0)


def test_keep_whole_groups_never_split():
    g = lattice(8, 8)
    A, G = instance(g)
    rows = np.repeat(np.arange(8), 8)
    cols = np.tile(np.arange(8), 8)
    group = (rows // 2) * 4 + cols // 2            # 16 blocks of 2x2
    res = territories.cluster(G, np.arange(64), A, np.ones(64), 4, balance_tol=0.05, keep_whole=group)
    check_partition(res, A, 64, 4)
    for gid in np.unique(group):
        assert np.unique(res.labels[group == gid]).size == 1
    assert res.max_dev_pct <= 5.0 + 1e-9
    assert any("kept with its group" in r or "hub" in r for r in res.reason)
    with pytest.raises(InputError):               # 16 units only
        territories.cluster(G, np.arange(64), A, np.ones(64), 17, keep_whole=group)


def test_locks_and_fixed_hubs_respected():
    g = lattice(9, 9)
    A, G = instance(g)
    locks = np.full(81, -1)
    locks[0] = 2
    locks[80] = 0
    locks[8] = 1
    res = territories.cluster(G, np.arange(81), A, np.ones(81), 3, locks=locks, balance_tol=0.1)
    check_partition(res, A, 81, 3)
    assert res.labels[0] == 2 and res.labels[80] == 0 and res.labels[8] == 1
    assert res.why(0) == "locked"
    hubs = np.array([40, 4, 76])
    res = territories.cluster(G, np.arange(81), A, np.ones(81), 3, hubs=hubs, balance_tol=0.1)
    check_partition(res, A, 81, 3)
    assert np.array_equal(res.hubs, hubs)


def test_island_gets_its_own_territory_or_is_linked():
    g = list(lattice(5, 5))
    g.append(shapely.box(20_000, 20_000, 21_000, 21_000))     # an island, far away
    g = np.array(g, dtype=object)
    A, G = instance(g)
    pop = np.ones(26)
    pop[25] = 5
    res = territories.cluster(G, np.arange(26), A, pop, 3)
    check_partition(res, A, 26, 3)
    assert np.sum(res.labels == res.labels[25]) == 1         # alone
    assert any("island" in m for m in res.messages)
    # K = 1: the island cannot have its own territory: linked and said so
    res = territories.cluster(G, np.arange(26), A, pop, 1)
    assert (res.labels == 0).all()
    assert any("linked" in m for m in res.messages)
    assert res.contiguous.all()                              # contiguous through the declared link
    assert res.info["virtual_edges"]


def test_heavy_commune_alone_and_explained():
    g = lattice(6, 6)
    A, G = instance(g)
    pop = np.ones(36)
    pop[14] = 100.0                                           # far above total / k
    names = [f"c{i}" for i in range(36)]
    res = territories.cluster(G, np.arange(36), A, pop, 4, balance_tol=0.1, names=names)
    check_partition(res, A, 36, 4)
    t = res.labels[14]
    assert np.sum(res.labels == t) == 1 and res.forced[t]
    assert any("c14" in m and "alone" in m for m in res.messages)
    assert res.max_dev_pct_adjusted <= 10 + 1e-9
    assert not res.forced[np.arange(4) != t].any()


def test_stability_keeps_existing_territories():
    g = lattice(8, 8)
    A, G = instance(g)
    rows = np.repeat(np.arange(8), 8)
    existing = np.where(rows < 4, "north", "south")
    res = territories.cluster(G, np.arange(64), A, np.ones(64), 2, existing=existing, stability=1e6,
                              balance_tol=0.05)
    check_partition(res, A, 64, 2)
    assert res.changed is not None and res.changed.sum() == 0
    assert res.stability_penalty == 0


# ----------------------------------------------------------------------------- properties
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nr=st.integers(3, 9), nc=st.integers(3, 9), k=st.integers(1, 8), seed=st.integers(0, 10_000))
@example(nr=4, nc=3, k=7, seed=7062)    # forced groups once joined two diagonal cells (not contiguous)
def test_random_lattices(nr, nc, k, seed):
    n = nr * nc
    k = min(k, n)
    g = lattice(nr, nc)
    A, G = instance(g)
    pop = np.random.default_rng(seed).integers(0, 1000, n).astype(float)
    res = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=0.15, seed=seed % 7)
    check_partition(res, A, n, k)
    assert np.isclose(res.pop.sum(), pop.sum())
    assert np.allclose(res.pop, np.bincount(res.labels, weights=pop, minlength=k))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(npts=st.integers(20, 160), k=st.integers(2, 9), seed=st.integers(0, 10_000))
def test_random_voronoi(npts, k, seed):
    g = voronoi(npts, seed)
    n = g.size
    A, G = instance(g)
    pop = np.random.default_rng(seed).lognormal(6, 1, n)
    res = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=0.10, seed=1)
    check_partition(res, A, n, k)
    # balance is met whenever every commune is below the target (no forced territory)
    if not res.forced.any() and pop.max() < 0.3 * pop.sum() / k:
        assert res.max_dev_pct_adjusted <= 10.0 + 1e-6


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def haute_garonne():
    path = DATA / "communes_31.gpkg"
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    import geopandas as gpd
    g = gpd.read_file(path)
    A, G = _proxy_instance(g.geometry.values, speed_kmh=50.0)
    return g, A, G


@pytest.mark.slow
def test_haute_garonne_k8(haute_garonne):
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    res = territories.cluster(G, np.arange(n), A, pop, 8, balance_tol=0.05, names=g.nom.tolist())
    check_partition(res, A, n, 8)
    tls = int(np.flatnonzero(g.nom.to_numpy() == "Toulouse")[0])
    assert np.sum(res.labels == res.labels[tls]) == 1 and res.forced[res.labels[tls]]
    assert any("Toulouse" in m and "unavoidable" in m for m in res.messages)
    # the 7 other territories are balanced around the recomputed target
    assert res.max_dev_pct_adjusted <= 5.0 + 1e-6
    assert np.allclose(res.targets[~res.forced], (pop.sum() - pop[tls]) / 7)
    assert res.assignment_bound is not None and res.objective <= 1.03 * res.assignment_bound


@pytest.mark.slow
def test_haute_garonne_k18_balance_met_on_retry(haute_garonne):
    """K = 18 at +/-5 %, SEED 8: the six usual starts all miss the balance (a balance trap west of
    Toulouse that no boundary move, chain or neighbourhood MILP can leave without cutting a
    neighbour; not kept whole first, ``forced_first`` off, 6 starts as for few territories); the same
    starts with a tighter band find a balanced cut, and the log says so."""
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    res = territories.cluster(G, np.arange(n), A, pop, 18, balance_tol=0.05, names=g.nom.tolist(),
                              compute_bound=False, seed=8,
                              effort={"forced_first": False, "auto_starts_max": 6})
    check_partition(res, A, n, 18)
    assert res.feasible_balance and res.max_dev_pct_adjusted <= 5.0 + 1e-6
    assert any("not met by the first 6 starts" in m and "band" in m for m in res.messages)


@pytest.mark.slow
@pytest.mark.parametrize("k", [7, 8, 12])
def test_haute_garonne_epci_whole_many_territories(haute_garonne, k):
    """18 EPCI kept whole for up to 12 territories: two hubs are never seeded in one EPCI (that
    emptied a territory and crashed), every EPCI in one territory, all contiguous, and when the
    balance is out of reach the log says so."""
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    res = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=0.10, keep_whole=g.epci_siren.values,
                              names=g.nom.tolist(), compute_bound=False)
    check_partition(res, A, n, k)
    for e in g.epci_siren.unique():
        assert np.unique(res.labels[g.epci_siren.values == e]).size == 1
    if not res.feasible_balance:
        assert any("NOT met" in m for m in res.messages)


@pytest.mark.slow
def test_haute_garonne_keep_epci_whole(haute_garonne):
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    res = territories.cluster(G, np.arange(n), A, pop, 5, balance_tol=0.10, keep_whole=g.epci_siren.values,
                              names=g.nom.tolist())
    assert set(np.unique(res.labels)) == set(range(5))
    for e in g.epci_siren.unique():
        assert np.unique(res.labels[g.epci_siren.values == e]).size == 1
    # the 18 EPCI, and those every balanced cut holds together kept whole from the start
    assert "kept whole from the start" in res.messages[0] and "group 200034957 + group 200071314" in res.messages[0]
    assert any("586 communes merged into 14 units" in m for m in res.messages)
    # Toulouse Metropole (841,524) is far above 1,471,468 / 5: alone, explained
    assert any("alone" in m and "unavoidable" in m for m in res.messages)


# ----------------------------------------------------------------------------- ejection chains
def test_ejection_chain_passes_a_unit_along():
    """Over-weight and under-weight territories that do not touch: no single move helps (the
    middle one would go over), a chain of two moves (0 -> 1, 1 -> 2) balances all three."""
    from optima.optima_plugin.core.progress import as_monitor
    s = territories._Solver.__new__(territories._Solver)
    s.mon = as_monitor(None)
    n = 9                                     # path 0-1-...-8
    nb = [[j for j in (i - 1, i + 1) if 0 <= j < n] for i in range(n)]
    p = np.full(n, 10.0)
    lab = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    C = np.zeros((3, n))
    movable = np.ones(n, dtype=bool)
    movable[[0, 5, 8]] = False                # hubs stay
    lo, hi = 30 * 0.95, 30 * 1.05
    out = s._chains(lab, C, p, nb, lo, hi, movable)
    assert np.bincount(out, weights=p, minlength=3).tolist() == [30.0, 30.0, 30.0]
    assert territories.territory_contiguity(out, sparse.diags([1, 1], [-1, 1], shape=(n, n)), 3).all()
    assert (out[[0, 5, 8]] == [0, 1, 2]).all()
    # deterministic, and the input is not modified
    assert np.array_equal(out, s._chains(lab, C, p, nb, lo, hi, movable))
    assert lab.tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2]


def test_ejection_chain_keeps_territories_in_one_piece():
    """Territory 0 is a path whose middle unit is the only light one: removing it would cut
    the territory, so the chain must not use it even though it would fit the balance."""
    from optima.optima_plugin.core.progress import as_monitor
    s = territories._Solver.__new__(territories._Solver)
    s.mon = as_monitor(None)
    nb = [[1], [0, 2, 3], [1], [1]]           # 3 hangs on 1; 0-1-2 is territory 0
    p = np.array([10.0, 2.0, 10.0, 10.0])
    lab = np.array([0, 0, 0, 1])
    movable = np.array([False, True, True, False])
    out = s._chains(lab, np.zeros((2, 4)), p, nb, 10.5, 11.5, movable)
    assert out[1] == 0                        # articulation unit stays


# ----------------------------------------------------------------------------- exact repair
def _crossing():
    """Two territories, each a path hub - middle - end (0-1-2 and 3-4-5), with cross links
    0-4, 4-2, 3-1, 1-5 (1.5 min, path links 1 min). The middle units hold their territory
    together. Populations make the only balanced partition the swap of the two middle units
    (0-4-2 | 3-1-5, 65 / 65 for a target of 65 +/- 5 %): no single move keeps both territories
    in one piece, and the swap costs more travel time, so local moves cannot reach it."""
    edges = [(0, 1), (1, 2), (3, 4), (4, 5), (0, 4), (4, 2), (3, 1), (1, 5)]
    w = [1.0, 1.0, 1.0, 1.0, 1.5, 1.5, 1.5, 1.5]
    n = 6
    i, j = np.array(edges).T
    A = sparse.csr_matrix((np.ones(2 * len(edges)), (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    W = sparse.csr_matrix((np.r_[w, w], (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    from scipy.sparse.csgraph import dijkstra
    Tm = dijkstra(W, directed=False)
    nb = [list(A.indices[A.indptr[u]:A.indptr[u + 1]]) for u in range(n)]
    p = np.array([20.0, 30.0, 20.0, 5.0, 25.0, 30.0])
    hub_u = np.array([0, 3])
    C = p[None, :] * Tm[hub_u]
    return A, Tm, nb, p, hub_u, C


def test_exact_repair_swaps_units_that_hold_their_territory():
    from optima.optima_plugin.core.progress import as_monitor
    s = territories._Solver.__new__(territories._Solver)
    s.mon = as_monitor(None)
    A, Tm, nb, p, hub_u, C = _crossing()
    n = p.size
    lab = np.array([0, 0, 0, 1, 1, 1])            # 70 / 60
    lo, hi = 65 * 0.95, 65 * 1.05
    movable = np.ones(n, dtype=bool)
    movable[hub_u] = False
    fixed = np.full(n, -1)

    def excess(lab):
        P = np.bincount(lab, weights=p, minlength=2)
        return float(np.maximum(0, np.maximum(lo - P, P - hi)).sum())
    # boundary moves, swaps and ejection chains leave it out of balance
    assert excess(s._local_search(lab, C, p, nb, lo, hi, movable)) > 0
    assert excess(s._chains(lab, C, p, nb, lo, hi, movable)) > 0

    def dist(ts, U):
        return Tm[np.ix_(hub_u[ts], U)]
    for d in (dist, None):                        # travel-time potential, then hop potential
        out = s._exact_balance(lab, C, d, p, nb, lo, hi, hub_u, fixed)
        assert out.tolist() == [0, 1, 0, 1, 0, 1]
        assert excess(out) == 0
        assert territories.territory_contiguity(out, A, 2).all()
        assert (out[hub_u] == [0, 1]).all()
    assert lab.tolist() == [0, 0, 0, 1, 1, 1]     # input not modified
    # a locked middle unit makes it impossible: nothing changes
    locked = fixed.copy()
    locked[1] = 0
    assert s._exact_balance(lab, C, dist, p, nb, lo, hi, hub_u, locked).tolist() == lab.tolist()


def test_exact_repair_reaches_balance_end_to_end():
    """A small Voronoi map with a few heavy cells where boundary moves, swaps, ejection chains
    and perturbed LPs stop at 7 % off the target: the exact re-assignment reaches +/- 5 %."""
    rng = np.random.default_rng(370)
    n = int(rng.integers(20, 70))
    cells = voronoi(n, 370)
    A, _ = instance(cells)
    G = _surface_point_times(cells, A, speed_kmh=60.0)       # the instance as the case was found
    pop = np.round(rng.lognormal(6, 1.0, n))
    big = rng.choice(n, int(rng.integers(2, 7)), replace=False)
    pop[big] *= rng.uniform(5, 30, big.size)
    k = 6
    res = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=0.05, compute_bound=False,
                              effort={"forced_first": False})
    check_partition(res, A, n, k)
    assert res.feasible_balance and res.max_dev_pct_adjusted <= 5.0 + 1e-6
    assert any("exact re-assignment" in m for m in res.messages), res.messages

def _random_map(seed, n=60, drop=0.2):
    """Neighbour lists of a Delaunay triangulation with some edges removed (articulation units,
    separate pieces)."""
    from scipy.spatial import Delaunay
    rng = np.random.default_rng(seed)
    pts = rng.random((n, 2))
    nbs = [set() for _ in range(n)]
    for simp in Delaunay(pts).simplices:
        for i in simp:
            nbs[i].update(int(j) for j in simp if j != i)
    for u in range(n):
        for v in list(nbs[u]):
            if u < v and rng.random() < drop:
                nbs[u].discard(v)
                nbs[v].discard(u)
    return rng, pts, [sorted(x) for x in nbs]


@pytest.mark.parametrize("seed", range(5))
def test_connected_without_matches_connected_components(seed):
    """The local contiguity test (neighbours touching one another first, then a search) says
    the same as connected components of the territory without the unit."""
    from scipy.sparse.csgraph import connected_components
    rng, _, nb = _random_map(seed)
    n = len(nb)
    s = territories._Solver.__new__(territories._Solver)
    rows = [u for u in range(n) for _ in nb[u]]
    cols = [v for u in range(n) for v in nb[u]]
    A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    for _ in range(4):
        lab = rng.integers(0, 3, n).tolist()
        for u in range(n):
            a = lab[u]
            na = [v for v in nb[u] if lab[v] == a]
            keep = np.array([lab[v] == a and v != u for v in range(n)])
            idx = np.flatnonzero(keep)
            _, comp = connected_components(A[idx][:, idx], directed=False)
            where = {int(v): int(c) for v, c in zip(idx, comp)}
            expected = len({where[v] for v in na}) <= 1
            assert s._connected_without(u, a, lab, nb) == expected


@pytest.mark.parametrize("seed", range(4))
def test_ejection_chains_independent_of_cached_sets(seed):
    """The chains keep what depends on a territory's member set from one call to the next (and
    remember a state where no chain helps): a solver that has already searched gives the same
    result as a fresh one, and chains keep every territory that was in one piece in one piece."""
    from optima.optima_plugin.core.progress import as_monitor
    rng, pts, nb = _random_map(seed, n=80, drop=0.1)
    n, k = len(nb), 4
    p = np.round(rng.lognormal(5, 1.5, n))
    hubs = rng.choice(n, k, replace=False)
    D = np.sqrt(((pts[:, None, :] - pts[None, hubs, :]) ** 2).sum(-1)).T
    C = D * p[None, :]
    movable = np.ones(n, dtype=bool)
    movable[hubs] = False
    lo, hi = p.sum() / k * 0.998, p.sum() / k * 1.002     # tight: some searches fail

    def solver():
        s = territories._Solver.__new__(territories._Solver)
        s.mon = as_monitor(None)
        return s
    warm = solver()
    labs = []
    for _ in range(3):
        lab = np.argmin(D, axis=0)
        lab[hubs] = np.arange(k)
        flip = rng.random(n) < 0.3
        lab[flip] = rng.integers(0, k, int(flip.sum()))
        lab[hubs] = np.arange(k)
        lab = solver()._repair(lab, C, nb, hubs, ~movable)
        labs.append(lab)
    for lab in labs + labs:
        out = warm._chains(lab, C, p, nb, lo, hi, movable)
        assert np.array_equal(out, solver()._chains(lab, C, p, nb, lo, hi, movable))
        # from its own result (the remembered state when no chain helped): as a fresh search
        assert np.array_equal(warm._chains(out, C, p, nb, lo, hi, movable),
                              solver()._chains(out, C, p, nb, lo, hi, movable))
        rows = [u for u in range(n) for _ in nb[u]]
        cols = [v for u in range(n) for v in nb[u]]
        A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        before = territories.territory_contiguity(lab, A, k)
        after = territories.territory_contiguity(out, A, k)
        assert after[before].all()


# ----------------------------------------------------------------------------- balance out of reach
def _grid_nb(nr, nc, rng=None, keep=1.0):
    """Adjacency lists of an nr x nc grid; with ``rng``, each link kept with probability ``keep``."""
    n = nr * nc
    nb = [[] for _ in range(n)]
    for r in range(nr):
        for c in range(nc):
            i = r * nc + c
            for j, ok in ((i + 1, c + 1 < nc), (i + nc, r + 1 < nr)):
                if ok and (rng is None or rng.random() < keep):
                    nb[i].append(j)
                    nb[j].append(i)
    return nb


def _small_instance(seed, keep):
    """(p, nb, labels, T) of a 3 x 4 random grid: heavy-tailed populations, two labels on odd seeds."""
    rng = np.random.default_rng(seed)
    nb = _grid_nb(3, 4, rng, keep)
    n = len(nb)
    p = np.round(rng.lognormal(3.0, 1.0, n))
    labels = np.full(n, -1)
    labels[rng.choice(n, 2, replace=False)] = [0, 1] if seed % 2 else [-1, -1]
    return p, nb, labels, rng


def _all_connected_sets(p, nb, labels):
    """Every connected subset holding at most one label: (members, population), by brute force."""
    n = len(p)
    for mask in range(1, 1 << n):
        mem = [i for i in range(n) if mask >> i & 1]
        if len({int(labels[i]) for i in mem if labels[i] >= 0}) > 1:
            continue
        seen, todo = {mem[0]}, [mem[0]]
        while todo:
            x = todo.pop()
            for y in nb[x]:
                if mask >> y & 1 and y not in seen:
                    seen.add(y)
                    todo.append(y)
        if len(seen) == len(mem):
            yield mem, float(np.sum(p[mem]))


def _brute_floor(p, nb, T, lo, hi, labels):
    """Smallest |P/T - 1| over every connected set containing each unit (all subsets)."""
    n = len(p)
    best = np.full(n, np.inf)
    inband = np.zeros(n, dtype=bool)
    for mem, P in _all_connected_sets(p, nb, labels):
        d = abs(P / T - 1)
        for i in mem:
            best[i] = min(best[i], d)
            inband[i] |= lo <= P <= hi
    return best, inband


@pytest.mark.parametrize("seed", range(12))
def test_balance_floor_matches_brute_force(seed):
    """On small random lattices with heavy-tailed populations and a few labels, the floor
    proven (the largest smallest-deviation of a unit) is exactly the one found by enumerating
    every connected subset; every unit reported has no connected set in the band and its exact
    smallest deviation."""
    p, nb, labels, rng = _small_instance(seed, 0.85)
    T = float(p.sum()) / rng.integers(2, 5)
    lo, hi = 0.95 * T, 1.05 * T
    best, inband = _brute_floor(p, nb, T, lo, hi, labels)
    out = territories._balance_floor(p, nb, T, lo, hi, labels)
    assert all(pr for *_, pr in out)                      # tiny instances: every search completes
    assert bool(out) == bool((~inband).any())
    floor = max((d for _, d, _, _ in out), default=0.0)
    assert floor == pytest.approx(max(best[~inband], default=0.0))
    for u, d, st_, _ in out:
        assert not inband[u]
        assert d == pytest.approx(best[u])
        assert u in st_ and abs(float(p[st_].sum()) / T - 1) == pytest.approx(d)


def test_balance_out_of_reach_is_proved_and_met_exactly():
    """Two heavy neighbours at the end of a chain: no contiguous cut of K = 2 can be within
    +/-5 % (a territory holding the first one weighs 50 or 100+ against a target of 70); the
    log proves it, and the cut found reaches that smallest possible deviation (28.6 %)."""
    g = lattice(1, 6)
    A, G = instance(g)
    pop = np.array([50.0, 50, 10, 10, 10, 10])
    res = territories.cluster(G, np.arange(6), A, pop, 2, balance_tol=0.05)
    check_partition(res, A, 6, 2)
    assert res.info["balance_floor_pct"] == pytest.approx(100 * 20 / 70)
    assert res.max_dev_pct_adjusted == pytest.approx(100 * 20 / 70)
    assert any("out of reach" in m and "No cut can have a maximum deviation below 28.6%" in m
               for m in res.messages)
    assert any("no contiguous territory can do better" in m for m in res.messages)


@pytest.mark.slow
def test_haute_garonne_k24_balance_floor(haute_garonne):
    """K = 24 at +/-5 %: Tournefeuille (30,168) touches only Toulouse (alone), Colomiers,
    Plaisance-du-Touch and Cugnaux, all too heavy to join it within 39,514..43,673: no cut can do
    better than +22.2 % (Tournefeuille + Cugnaux), the log proves it and the cut reaches it."""
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    res = territories.cluster(G, np.arange(n), A, pop, 24, balance_tol=0.05, names=g.nom.tolist(),
                              compute_bound=False)
    check_partition(res, A, n, 24)
    assert res.info["balance_floor_pct"] == pytest.approx(22.2, abs=0.05)
    assert res.max_dev_pct_adjusted == pytest.approx(res.info["balance_floor_pct"], abs=1e-6)
    assert any("out of reach" in m and "Tournefeuille" in m for m in res.messages)


@pytest.mark.parametrize("seed", range(4))
def test_warm_transport_model_matches_cold_lp(seed):
    """The assignment LP kept in one HiGHS model (costs and bounds changed between solves,
    warm simplex) reaches the same optimum as a cold solve, solve after solve, while the hubs
    and the fixed units change."""
    rng = np.random.default_rng(seed)
    n, k = 120, 7
    p = np.round(rng.lognormal(6, 1, n))
    T = p.sum() / k
    model = territories._TransportModel(k, p, 0.95 * T, 1.05 * T)
    for it in range(6):
        C = rng.uniform(1, 100, (k, n)) * p[None, :]
        C[rng.integers(k), rng.integers(n)] = np.inf            # an unreachable pair
        fixed = np.full(n, -1)
        fixed[rng.choice(n, k, replace=False)] = np.arange(k)  # the hubs' units
        lab_w, v_w = model.solve(C, fixed)
        lab_c, v_c = territories._transport_lp(C, p, 0.95 * T, 1.05 * T, fixed, k)
        assert v_w == pytest.approx(v_c, rel=1e-7)
        assert np.all(lab_w[fixed >= 0] == fixed[fixed >= 0])
        assert set(lab_w.tolist()) <= set(range(k))


def test_balance_floor_fast_on_uniform_lattice():
    """3,600 equal communes and a target of 6.5 of them: no set is ever in the band, so every
    unit is out of reach; the search stops each unit at the floor already proven (7.7 %) instead
    of enumerating every set (a minute before), and reports one unit."""
    nb = _grid_nb(60, 60)
    out = territories._balance_floor(np.full(len(nb), 100.0), nb, 650.0, 617.5, 682.5)
    assert len(out) == 1 and out[0][3]
    assert out[0][1] == pytest.approx(0.5 / 6.5)


def _brute_forced(p, nb, lo, hi, labels):
    """Union over every unit of the part, connected to it, of the intersection of all its
    connected in-band sets."""
    n = len(p)
    sets = [[] for _ in range(n)]
    for mem, P in _all_connected_sets(p, nb, labels):
        if lo <= P <= hi:
            for i in mem:
                sets[i].append(set(mem))
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for u in range(n):
        if sets[u]:
            inter = set.intersection(*sets[u])
            for w in territories._flood(u, inter, nb):      # its part connected to u
                parent[find(w)] = find(u)
    groups = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


@pytest.mark.parametrize("seed", range(12))
def test_forced_groups_match_brute_force(seed):
    """Units that every connected set in the band containing a unit also contains are found
    exactly (all subsets of small random lattices enumerated, with labels)."""
    p, nb, labels, rng = _small_instance(100 + seed, 0.8)
    T = float(p.sum()) / rng.integers(2, 4)
    got = territories._forced_groups(p, nb, T, 0.9 * T, 1.1 * T, labels, min_frac=0.0)
    assert sorted(sorted(g) for g in got) == _brute_forced(p, nb, 0.9 * T, 1.1 * T, labels)
    for g in got:                                                # each group is connected
        assert territories._flood(g[0], set(g), nb) == set(g)


@pytest.mark.slow
def test_haute_garonne_k18_forced_group_strengthens_bound(haute_garonne):
    """K = 18 at +/-5 %: Tournefeuille's only neighbours light enough to join it lead through
    Plaisance-du-Touch and then Fontenilles, so every balanced cut holds the three together;
    merging them raises the lower bound (same subgradient steps) and it stays below the cut."""
    g, A, _ = haute_garonne
    G = _surface_point_times(g.geometry.values, A)
    n = len(g)
    pop = g.population.to_numpy(float)
    # the three are not kept whole before the search (forced_first off): the bound merges them
    kw = dict(balance_tol=0.05, names=g.nom.tolist(), compute_bound=True, bound_iterations=200,
              effort={"forced_first": False})
    res = territories.cluster(G, np.arange(n), A, pop, 18, **kw)
    assert any("force together" in m and "Tournefeuille" in m and "Plaisance-du-Touch" in m
               and "Fontenilles" in m for m in res.messages)
    old = territories.DEFAULT_EFFORT.bound_presolve
    territories.DEFAULT_EFFORT.bound_presolve = False
    try:
        plain = territories.cluster(G, np.arange(n), A, pop, 18, **kw)
    finally:
        territories.DEFAULT_EFFORT.bound_presolve = old
    assert np.array_equal(plain.labels, res.labels)
    assert plain.lower_bound < res.lower_bound <= res.objective


def _surface_point_times(geoms, A, speed_kmh=50.0, detour=1.3):
    """The proxy travel graph with each commune at shapely's ``point_on_surface`` (the place the
    proxy network used before the centroid): a fixed instance on which a trap of the search is known."""
    from optima.optima_plugin.core.graph import CostGraph
    xy = shapely.get_coordinates(shapely.point_on_surface(np.asarray(geoms, dtype=object)))
    coo = sparse.triu(A, k=1).tocoo()
    i, j = coo.row.astype(np.int64), coo.col.astype(np.int64)
    length = np.hypot(*(xy[i] - xy[j]).T) * detour
    return CostGraph.from_edges(i, j, length / 1000.0 / speed_kmh * 60.0, length, n_nodes=len(xy), xy=xy,
                                symmetric=True)


@pytest.mark.slow
def test_haute_garonne_k18_seed14_forced_group_retry(haute_garonne):
    """K = 18, SEED 14, the communes at their ``point_on_surface``: every start, the tighter bands
    and the extra starts end in the trap Tournefeuille + Plaisance-du-Touch + La Salvetat-Saint-Gilles
    (+6.2 %); balance itself forces Tournefeuille, Plaisance-du-Touch and Fontenilles together, so
    they are kept whole and the second search meets the balance; the log and the reasons say so."""
    g, A, _ = haute_garonne
    G = _surface_point_times(g.geometry.values, A)
    n = len(g)
    pop = g.population.to_numpy(float)
    nom = g.nom.to_numpy()
    trio = [int(np.flatnonzero(nom == c)[0]) for c in ("Tournefeuille", "Plaisance-du-Touch", "Fontenilles")]
    for first, said in ((False, "kept whole and the search runs again"), (True, "kept whole from the start")):
        # forced_first (default): the proof is made before any search, the trap never entered
        res = territories.cluster(G, np.arange(n), A, pop, 18, balance_tol=0.05, names=g.nom.tolist(),
                                  compute_bound=False, seed=14, effort={"forced_first": first})
        check_partition(res, A, n, 18)
        assert res.feasible_balance and res.max_dev_pct_adjusted <= 5.0 + 1e-6
        assert said in res.messages[0] and all(c in res.messages[0] for c in nom[trio])
        assert np.unique(res.labels[trio]).size == 1
        assert all("kept with its group" in res.why(i) or res.why(i) == "hub of its territory" for i in trio)


@pytest.mark.parametrize("seed", range(5))
def test_lock_never_broken_by_a_hub_drawn_among_other_locked_communes(seed):
    """3 x 3 lattice, communes #4 and #7 locked to territory 2 (#7 alone is above the band, so
    balance is out of reach): a random first hub of another territory was once drawn on #4,
    which then left territory 2 without a word."""
    g = lattice(3, 3)
    A, G = instance(g)
    pop = np.array([67, 261, 71, 22, 728, 221, 966, 1259, 348], dtype=float)
    locks = np.array([-1, -1, -1, -1, 2, -1, -1, 2, -1])
    res = territories.cluster(G, np.arange(9), A, pop, 4, balance_tol=0.10, locks=locks, seed=seed)
    check_partition(res, A, 9, 4)
    assert res.labels[4] == 2 and res.labels[7] == 2


def test_island_locked_with_the_mainland_gets_no_territory_of_its_own():
    """An island whose only commune is locked to the same territory as a mainland commune: the
    territory goes with the mainland commune (the island joins it, not contiguous: locks win) and
    no territory is left empty (the island's part used to take a label it could not use)."""
    g = np.concatenate([lattice(2, 3), [shapely.box(10_000, 10_000, 11_000, 11_000)]])
    A, G = instance(g)
    pop = np.array([100, 120, 90, 110, 100, 95, 30], dtype=float)
    locks = np.array([1, -1, -1, -1, -1, -1, 1])
    res = territories.cluster(G, np.arange(7), A, pop, 3, balance_tol=0.2, locks=locks)
    assert set(res.labels.tolist()) == {0, 1, 2}
    assert res.labels[0] == 1 and res.labels[6] == 1
    assert np.all(res.labels[res.hubs] == np.arange(3))
    assert any("territory 1" in m and "locks win" in m for m in res.messages)


# ----------------------------------------------------------------------------- several runs
def test_runs_keep_the_best_seed_and_say_so():
    """RUNS = 4 is the best of the four seeds run one by one (same labels, same hubs), whatever
    their order; the log lists them; the same call gives the same cut."""
    g = voronoi(140, 5)
    A, G = instance(g)
    pop = np.random.default_rng(3).lognormal(6.5, 1.1, 140).round()
    single = [territories.cluster(G, np.arange(140), A, pop, 7, balance_tol=0.05, seed=s, compute_bound=False)
              for s in range(10, 14)]
    assert len({round(r.objective, 3) for r in single}) > 1          # the seeds do differ here
    best = min(range(4), key=lambda i: (not single[i].contiguous.all(), not single[i].feasible_balance,
                                        single[i].objective, i))
    logs = []
    res = territories.cluster(G, np.arange(140), A, pop, 7, balance_tol=0.05, seed=10, runs=4,
                              compute_bound=False, monitor=territories.as_monitor(log=logs.append))
    check_partition(res, A, 140, 7)
    assert np.array_equal(res.labels, single[best].labels) and np.array_equal(res.hubs, single[best].hubs)
    assert res.objective == min(r.objective for r in single if r.feasible_balance and r.contiguous.all())
    assert res.info["seed_used"] == 10 + best and len(res.info["run_objectives"]) == 4
    assert any("4 independent runs" in m and f"kept seed {10 + best}" in m for m in res.messages)
    assert any("independent runs" in m for m in logs)                # said in the log too, once
    assert sum("K = 7" in m for m in logs) == 1                      # the other runs are silent
    again = territories.cluster(G, np.arange(140), A, pop, 7, balance_tol=0.05, seed=10, runs=4,
                                compute_bound=False)
    assert np.array_equal(again.labels, res.labels) and again.objective == res.objective


def test_runs_with_bound_and_bad_values():
    g = lattice(6, 6)
    A, G = instance(g)
    pop = np.random.default_rng(0).integers(50, 500, 36).astype(float)
    res = territories.cluster(G, np.arange(36), A, pop, 4, balance_tol=0.10, runs=3)
    one = territories.cluster(G, np.arange(36), A, pop, 4, balance_tol=0.10, seed=res.info["seed_used"])
    assert res.lower_bound is not None and res.lower_bound == one.lower_bound
    assert np.array_equal(res.labels, one.labels) and res.objective <= min(res.info["run_objectives"]) + 1e-9
    for bad in (0, -2, "many"):
        with pytest.raises(InputError, match="runs"):
            territories.cluster(G, np.arange(36), A, pop, 4, runs=bad)


@pytest.mark.slow
def test_haute_garonne_k18_four_runs_better(haute_garonne):
    """K = 18 with 6 starts a run (as for few territories): four runs keep the best seed's cut,
    at least 1 % below seed 0's; with the default starts (10 at K = 18) one run is already
    within 1 % of four."""
    g, A, G = haute_garonne
    n = len(g)
    pop = g.population.to_numpy(float)
    six = {"auto_starts_max": 6}
    one = territories.cluster(G, np.arange(n), A, pop, 18, balance_tol=0.05, compute_bound=False, effort=six)
    res = territories.cluster(G, np.arange(n), A, pop, 18, balance_tol=0.05, compute_bound=False, runs=4,
                              effort=six)
    check_partition(res, A, n, 18)
    assert res.feasible_balance
    assert res.objective <= 0.99 * one.objective
    assert res.objective == min(res.info["run_objectives"])
    default = territories.cluster(G, np.arange(n), A, pop, 18, balance_tol=0.05, compute_bound=False)
    assert default.feasible_balance and default.objective <= 0.99 * one.objective
    assert default.objective <= 1.01 * res.objective


def test_more_territories_than_locks_leave_room_for_is_refused_clearly():
    """12 communes, one pair kept whole and two communes locked to the same territory: at most
    10 non-empty territories (found by the random stress: K = 11 ended in a traceback)."""
    g = lattice(3, 4)
    A, G = instance(g)
    grp = np.array([None, None, None, "G0", "G0"] + [None] * 7, dtype=object)
    locks = np.full(12, -1)
    locks[[4, 8]] = 8
    with pytest.raises(InputError, match=r"at most 10 can be non-empty.*territory 8.*k must be <= 10"):
        territories.cluster(G, np.arange(12), A, np.full(12, 100.0), 11, keep_whole=grp, locks=locks)
    res = territories.cluster(G, np.arange(12), A, np.full(12, 100.0), 10, keep_whole=grp, locks=locks)
    assert set(res.labels.tolist()) == set(range(10)) and res.labels[4] == res.labels[8] == 8


def test_runs_progress_is_monotone_and_cancel_stops_between_runs():
    """RUNS = 3: progress climbs from 0 to 100 once (each run has its share), and a cancel asked
    during the second run stops the whole search."""
    from optima.optima_plugin.core.errors import Canceled
    g = voronoi(80, 2)
    A, G = instance(g)
    pop = np.random.default_rng(2).integers(50, 900, 80).astype(float)
    seen = []
    territories.cluster(G, np.arange(80), A, pop, 4, runs=3, compute_bound=False,
                        monitor=territories.as_monitor(lambda pct, msg="": seen.append(pct)))
    assert seen[-1] == pytest.approx(100.0)
    assert all(b >= a - 1e-9 for a, b in zip(seen, seen[1:]))
    assert any(33 < s < 67 for s in seen)                 # the second run reports in its share
    state = {"max": 0.0}

    def progress(pct, msg=""):
        state["max"] = max(state["max"], pct)

    with pytest.raises(Canceled):
        territories.cluster(G, np.arange(80), A, pop, 4, runs=3, compute_bound=False,
                            monitor=territories.as_monitor(progress, lambda: state["max"] > 40))
    assert state["max"] < 67


def test_lock_messages_name_the_users_values_and_communes():
    """With ``lock_names`` and ``ids`` (what cluster_territories passes), messages about locks name
    each territory by the user's lock value and each commune by its name and identifier, never by
    the internal codes 0..k-1."""
    g = lattice(3, 4)
    A, G = instance(g)
    names = [f"N{i:02d}" for i in range(12)]
    ids = [f"310{i:02d}" for i in range(12)]
    grp = np.array([None, None, None, "G0", "G0"] + [None] * 7, dtype=object)
    # a group kept whole with communes locked to two values
    locks = np.full(12, -1)
    locks[3], locks[4] = 0, 1
    with pytest.raises(InputError) as e:
        territories.cluster(G, np.arange(12), A, np.full(12, 100.0), 3, keep_whole=grp, locks=locks,
                            names=names, ids=ids, lock_names=["Nord", "Sud"])
    msg = str(e.value)
    assert "group G0" in msg and "N03 (31003) to territory 'Nord'" in msg and "N04 (31004) to territory 'Sud'" in msg
    assert "[0, 1]" not in msg
    # too many territories for the communes left free: the locked territory by its value
    locks = np.full(12, -1)
    locks[[4, 8]] = 0
    with pytest.raises(InputError) as e:
        territories.cluster(G, np.arange(12), A, np.full(12, 100.0), 11, keep_whole=grp, locks=locks,
                            names=names, ids=ids, lock_names=["Est"])
    msg = str(e.value)
    assert "territory 'Est' holds N08 (31008) + group G0" in msg and "territory 0" not in msg
    # a locked territory in two separate parts: said with its value
    g2 = np.concatenate([lattice(2, 3), [shapely.box(10_000, 10_000, 11_000, 11_000)]])
    A2, G2 = instance(g2)
    locks = np.array([1, -1, -1, -1, -1, -1, 1])
    res = territories.cluster(G2, np.arange(7), A2, np.array([100, 120, 90, 110, 100, 95, 30.0]), 3,
                              balance_tol=0.2, locks=locks, names=names[:7], ids=ids[:7], lock_names=["A", "B"])
    assert any("territory 'B'" in m and "locks win" in m for m in res.messages)
    assert any("territory 'B' is not contiguous" in m for m in res.messages)
    # without lock_names the core speaks of its labels, as before
    res = territories.cluster(G2, np.arange(7), A2, np.array([100, 120, 90, 110, 100, 95, 30.0]), 3,
                              balance_tol=0.2, locks=locks)
    assert any("territory 1" in m and "locks win" in m for m in res.messages)

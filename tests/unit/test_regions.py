"""K split among regions and territories cut region by region."""
import numpy as np
import pytest
from scipy import sparse

from optima.optima_plugin.core.errors import InputError
from optima.optima_plugin.core.graph import CostGraph
from optima.optima_plugin.core.territories import allocate_k, cluster_by_region


def test_allocate_k_largest_remainder():
    # 100/60/40 inhabitants, k=10 -> shares 5, 3, 2 exactly
    assert allocate_k([100, 60, 40], [50, 50, 50], 10).tolist() == [5, 3, 2]
    # one region too small to take its share: the surplus moves to the others
    kk = allocate_k([1000, 10, 10], [2, 50, 50], 6)
    assert kk.sum() == 6 and kk[0] == 2 and kk.min() >= 1
    with pytest.raises(InputError):
        allocate_k([1, 1, 1], [5, 5, 5], 2)  # fewer territories than regions
    with pytest.raises(InputError):
        allocate_k([1, 1], [1, 1], 3)  # more territories than communes


def _lattice(nr, nc):
    n = nr * nc
    i, j = [], []
    for r in range(nr):
        for c in range(nc):
            v = r * nc + c
            if c + 1 < nc:
                i.append(v), j.append(v + 1)
            if r + 1 < nr:
                i.append(v), j.append(v + nc)
    i, j = np.array(i), np.array(j)
    A = sparse.coo_matrix((np.ones(2 * i.size), (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()
    g = CostGraph.from_edges(i, j, np.full(i.size, 2.0), n_nodes=n, symmetric=True)
    return g, A


def test_cluster_by_region_never_crosses_regions_and_is_deterministic():
    g, A = _lattice(6, 8)
    n = 48
    pop = np.full(n, 100.0)
    regions = np.array(["W" if (v % 8) < 4 else "E" for v in range(n)])
    r1 = cluster_by_region(g, np.arange(n), A, pop, 6, regions, balance_tol=0.05, seed=3)
    r2 = cluster_by_region(g, np.arange(n), A, pop, 6, regions, balance_tol=0.05, seed=3)
    assert np.array_equal(r1.labels, r2.labels) and np.array_equal(r1.hubs, r2.hubs)
    assert sorted(set(r1.labels.tolist())) == list(range(6))
    for t in range(6):
        assert len(set(regions[r1.labels == t])) == 1  # a territory stays in its region
        assert r1.labels[r1.hubs[t]] == t
    assert r1.contiguous.all()
    assert np.allclose(r1.pop.sum(), pop.sum())
    assert r1.max_dev_pct_adjusted <= 5.0 + 1e-9  # 24 equal communes per region, 3 territories each


def test_group_across_regions_is_said_and_kept_whole_inside_each():
    """A group kept whole (an EPCI over two départements) spans both regions: each region cuts
    on its own, so the group is kept whole within each region only, and the log says so."""
    g, A = _lattice(4, 8)
    n = 32
    pop = np.full(n, 100.0)
    regions = np.array(["W" if (v % 8) < 4 else "E" for v in range(n)])
    kw = np.full(n, None, dtype=object)
    kw[[2, 3, 4, 5]] = "EPCI-X"                      # row 0, columns 2-5: across the border
    res = cluster_by_region(g, np.arange(n), A, pop, 4, regions, balance_tol=0.10, keep_whole=kw)
    assert any("span several regions" in m and "EPCI-X (E, W)" in m for m in res.messages)
    assert res.labels[2] == res.labels[3] and res.labels[4] == res.labels[5]
    assert len(set(regions[res.labels == res.labels[2]])) == 1


def test_lagrangian_bound_is_valid_and_reaches_the_lp():
    """On a lattice small enough for the LP, the Lagrangian bound is below it and close to it."""
    from optima.optima_plugin.core.territories import cluster
    g, A = _lattice(8, 10)
    rng = np.random.default_rng(2)
    pop = rng.integers(50, 500, size=80).astype(float)
    lp = cluster(g, np.arange(80), A, pop, 4, balance_tol=0.05, seed=1)
    lag = cluster(g, np.arange(80), A, pop, 4, balance_tol=0.05, seed=1, bound_max_pairs=0, bound_iterations=1000)
    assert lp.lower_bound is not None and lag.lower_bound is not None
    assert lag.lower_bound <= lp.lower_bound * (1 + 1e-6)
    assert lag.lower_bound >= 0.99 * lp.lower_bound
    # the interior-point LP (certified by the Lagrangian value at its duals) equals the LP
    ipm = cluster(g, np.arange(80), A, pop, 4, balance_tol=0.05, seed=1, bound_method="ipm")
    assert ipm.lower_bound == pytest.approx(lp.lower_bound, rel=1e-6)
    assert lp.lower_bound <= lp.objective + 1e-6
    # no bound asked beyond the LP size: None, not a fake number
    assert cluster(g, np.arange(80), A, pop, 4, balance_tol=0.05, seed=1, bound_max_pairs=0).lower_bound is None


def test_region_effort_is_per_run_not_global():
    """cluster_by_region lowers the effort of its own runs only (runs may be concurrent in
    QGIS): the solver's defaults are untouched, and an unknown setting is refused by name."""
    from optima.optima_plugin.core.errors import InputError
    from optima.optima_plugin.core.territories import DEFAULT_EFFORT, cluster, cluster_by_region
    g, A = _lattice(8, 10)
    pop = np.random.default_rng(3).integers(50, 500, size=80).astype(float)
    before = repr(DEFAULT_EFFORT)
    regions = np.repeat([0, 1], 40)
    res = cluster_by_region(g, np.arange(80), A, pop, 4, regions, balance_tol=0.10)
    assert repr(DEFAULT_EFFORT) == before
    assert res.contiguous.all()
    with pytest.raises(InputError, match="bogus"):
        cluster(g, np.arange(80), A, pop, 4, effort={"bogus": 1})


def test_runs_apply_in_each_region():
    """RUNS in each region: never worse than one run, region by region, and deterministic."""
    g, A = _lattice(6, 8)
    n = 48
    pop = np.random.default_rng(4).integers(20, 400, n).astype(float)
    regions = np.array(["W" if (v % 8) < 4 else "E" for v in range(n)])
    one = cluster_by_region(g, np.arange(n), A, pop, 6, regions, balance_tol=0.10, seed=1)
    r3 = cluster_by_region(g, np.arange(n), A, pop, 6, regions, balance_tol=0.10, seed=1, runs=3)
    again = cluster_by_region(g, np.arange(n), A, pop, 6, regions, balance_tol=0.10, seed=1, runs=3)
    assert np.array_equal(r3.labels, again.labels)
    assert r3.contiguous.all()
    for reg in ("W", "E"):
        m = regions == reg
        cost = lambda r: float(np.sum(pop[m] * r.time_to_hub[m]))   # noqa: E731
        assert cost(r3) <= cost(one) + 1e-6 or (not one.feasible_balance and r3.feasible_balance)


def test_cluster_by_region_progress_and_cancel_inside_a_region():
    """Each region's cut reports progress within the region's share of the bar and checks
    cancellation while it searches (not only between regions)."""
    from optima.optima_plugin.core.errors import Canceled
    from optima.optima_plugin.core.progress import Monitor
    g, A = _lattice(8, 10)
    pop = np.random.default_rng(5).integers(50, 500, size=80).astype(float)
    regions = np.repeat([0, 1], 40)
    seen = []
    res = cluster_by_region(g, np.arange(80), A, pop, 6, regions, monitor=Monitor(lambda p, m="": seen.append(p)))
    assert res.contiguous.all()
    assert any(0 < p < 50 for p in seen)                 # inside the first region's half
    assert seen == sorted(seen) and seen[-1] == 100
    seen.clear()
    mon = Monitor(lambda p, m="": seen.append(p), lambda: bool(seen))     # stop once it has begun
    with pytest.raises(Canceled):
        cluster_by_region(g, np.arange(80), A, pop, 6, regions, monitor=mon)
    assert max(seen) < 50                               # stopped inside the first region


def test_region_with_an_island_keeps_its_link_its_messages_and_land_contiguity():
    """Region E holds an island (commune 48, no neighbour) and gets one territory: the search links
    the island to its nearest commune of E. The whole map's result keeps that link (indices of the
    whole map), counts it for ``contiguous`` but not for ``land_contiguous``, and keeps E's
    messages about it, prefixed by the region; region W is contiguous by land."""
    g6, A6 = _lattice(6, 8)
    n = 49
    i, j, t, _ = g6.arcs()
    # the island: joined to commune 47 (east edge of E) by a 10-minute ferry in the travel graph only
    g = CostGraph.from_edges(np.r_[i, 47, 48], np.r_[j, 48, 47], np.r_[t, 10.0, 10.0], n_nodes=n)
    A = sparse.csr_matrix((A6.data, A6.indices, A6.indptr), shape=(48, 48))
    A = sparse.bmat([[A, None], [None, sparse.csr_matrix((1, 1))]]).tocsr()
    pop = np.full(n, 100.0)
    pop[:24] = 100.0
    regions = np.array(["W" if (v % 8) < 4 else "E" for v in range(48)] + ["E"])
    names = [f"C{v:02d}" for v in range(n)]
    logs = []
    from optima.optima_plugin.core.progress import as_monitor
    res = cluster_by_region(g, np.arange(n), A, pop, 2, regions, balance_tol=0.5, names=names,
                            monitor=as_monitor(log=logs.append))
    te = int(res.labels[48])
    assert res.labels[47] == te and set(regions[res.labels == te]) == {"E"}
    assert res.links.tolist() == [[48, 47]] and res.info["virtual_edges"] == [(48, 47)]
    assert res.contiguous.all()
    assert not res.land_contiguous[te] and res.land_contiguous[1 - te]
    said = [m for m in res.messages if m.startswith("region E: ")]
    assert any("C48 (an island" in m and "is linked to C47" in m for m in said), res.messages
    assert any(m.startswith("region E: ") and "C48" in m for m in logs)   # and in the log
    assert np.isfinite(res.time_to_hub).all()


def test_region_messages_name_communes_of_the_whole_map_without_names():
    """Without names, a region's messages name its communes by their index in the whole map."""
    g6, A6 = _lattice(6, 8)
    i, j, t, _ = g6.arcs()
    g = CostGraph.from_edges(np.r_[i, 47, 48], np.r_[j, 48, 47], np.r_[t, 10.0, 10.0], n_nodes=49)
    A = sparse.bmat([[A6, None], [None, sparse.csr_matrix((1, 1))]]).tocsr()
    regions = np.array(["W" if (v % 8) < 4 else "E" for v in range(48)] + ["E"])
    res = cluster_by_region(g, np.arange(49), A, np.full(49, 100.0), 2, regions, balance_tol=0.5)
    assert any("commune #48 (an island" in m and "commune #47" in m for m in res.messages)

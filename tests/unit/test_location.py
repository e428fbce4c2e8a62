"""Facility location core: exact == brute force, heuristic quality, validation, OR-Library."""
import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from optima.optima_plugin.core import location as L
from optima.optima_plugin.core.errors import Canceled, InfeasibleError, InputError
from optima.optima_plugin.core.orlib import read_orlib_pmed, write_orlib_pmed

N_INSTANCES = 30


# --------------------------------------------------------------------------- instances
def make(seed, n=None, m=None, holes=True, zeros=True):
    """Small random instance: Euclidean times, some unreachable pairs, some zero weights."""
    rng = np.random.default_rng(seed)
    n = n or int(rng.integers(5, 10))
    m = m or int(rng.integers(4, 8))
    d = rng.random((n, 2)) * 60
    c = rng.random((m, 2)) * 60
    D = np.round(np.sqrt(((d[:, None] - c[None]) ** 2).sum(-1)), 3)
    if holes:
        mask = rng.random((n, m)) < 0.15
        D[mask] = np.inf
        for i in range(n):  # keep every demand reachable from its nearest site
            if not np.isfinite(D[i]).any():
                D[i, rng.integers(0, m)] = 10.0 + i
    w = rng.integers(1, 20, n).astype(float)
    if zeros and n > 5:
        w[rng.integers(0, n)] = 0.0
    p = int(rng.integers(1, min(4, m) + 1))
    req = np.zeros(m, dtype=bool)
    if rng.random() < 0.4:
        req[rng.choice(m, size=int(rng.integers(1, p + 1)), replace=False)] = True
    return D, w, p, req


def subsets(m, p, req):
    others = [j for j in range(m) if not req[j]]
    base = list(np.flatnonzero(req))
    k = p - len(base)
    for extra in itertools.combinations(others, k):
        yield base + list(extra)


def bf_pmedian(D, w, p, req):
    pos = w > 0
    best = np.inf
    for S in subsets(D.shape[1], p, req):
        c = D[:, S].min(1)[pos]
        if np.isfinite(c).all():
            best = min(best, float(w[pos] @ c))
    return best


def bf_pcenter(D, w, p, req):
    pos = w > 0
    return min(float(D[:, S].min(1)[pos].max()) for S in subsets(D.shape[1], p, req))


def bf_mclp(D, w, p, req, r):
    return max(float(w @ (D[:, S].min(1) <= r)) for S in subsets(D.shape[1], p, req))


def bf_lscp(D, w, req, r):
    pos = w > 0
    m = D.shape[1]
    for k in range(int(req.sum()), m + 1):
        if k == 0:
            continue
        for S in subsets(m, k, req):
            if (D[:, S].min(1)[pos] <= r).all():
                return k
    return np.inf


def bf_cpmedian(D, w, p, req, cap):
    pos = np.flatnonzero(w > 0)
    best = np.inf
    for S in subsets(D.shape[1], p, req):
        for a in itertools.product(S, repeat=pos.size):
            a = np.asarray(a)
            c = D[pos, a]
            if not np.isfinite(c).all():
                continue
            load = np.bincount(a, weights=w[pos], minlength=D.shape[1])
            if (load <= cap + 1e-9).all():
                best = min(best, float(w[pos] @ c))
    return best


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def check_common(res, D, w, req, p=None):
    assert np.all(req <= np.isin(np.arange(D.shape[1]), res.open_sites))
    if p is not None:
        assert res.n_open == p
    ok = res.assignment >= 0
    assert np.all(np.isin(res.assignment[ok], res.open_sites))
    assert np.allclose(res.cost_to_site[ok], D[np.flatnonzero(ok), res.assignment[ok]])
    assert np.isclose(res.served_weight.sum(), w[ok].sum())


def rcut(D, w, seed):
    """A cutoff for which every positive demand is coverable (lscp feasible)."""
    pos = w > 0
    return float(D.min(1)[pos].max()) + np.random.default_rng(seed).random() * 15


# --------------------------------------------------------------------------- exact = brute force
@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_pmedian_exact_equals_brute_force(seed):
    D, w, p, req = make(seed)
    best = bf_pmedian(D, w, p, req)
    if not np.isfinite(best):
        with pytest.raises(InfeasibleError):
            L.solve_location(D, w, "p_median", p=p, required=req, method="exact")
        return
    res = L.solve_location(D, w, "p_median", p=p, required=req, method="exact")
    assert res.status == "optimal" and res.method_used == "exact"
    assert close(res.objective, best), (res.objective, best)
    assert res.gap <= 1e-6 and res.bound <= res.objective + 1e-6
    check_common(res, D, w, req, p)
    h = L.solve_location(D, w, "p_median", p=p, required=req, method="heuristic")
    assert h.objective >= best - 1e-6 or h.n_unassigned > 0
    check_common(h, D, w, req, p)


@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_pcenter_exact_equals_brute_force(seed):
    D, w, p, req = make(100 + seed)
    best = bf_pcenter(D, w, p, req)
    if not np.isfinite(best):
        for method in ("exact", "heuristic"):
            with pytest.raises(InfeasibleError, match="reach(ing)? every demand"):
                L.solve_location(D, w, "p_center", p=p, required=req, method=method)
        return
    res = L.solve_location(D, w, "p_center", p=p, required=req, method="exact")
    assert res.status == "optimal"
    assert close(res.objective, best), (res.objective, best)
    check_common(res, D, w, req, p)
    h = L.solve_location(D, w, "p_center", p=p, required=req, method="heuristic")
    assert h.objective >= best - 1e-9
    check_common(h, D, w, req, p)


@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_mclp_exact_equals_brute_force(seed):
    D, w, p, req = make(200 + seed)
    r = float(np.random.default_rng(seed).uniform(5, 30))
    best = bf_mclp(D, w, p, req, r)
    res = L.solve_location(D, w, "mclp", p=p, cutoff_min=r, required=req, method="exact")
    assert res.status == "optimal"
    assert close(res.objective, best), (res.objective, best)
    assert np.isclose(res.coverage_pct, 100 * best / w.sum())
    check_common(res, D, w, req, p)
    h = L.solve_location(D, w, "mclp", p=p, cutoff_min=r, required=req, method="heuristic")
    assert h.objective <= best + 1e-9
    check_common(h, D, w, req, p)


@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_lscp_exact_equals_brute_force(seed):
    D, w, p, req = make(300 + seed)
    r = rcut(D, w, seed)
    best = bf_lscp(D, w, req, r)
    res = L.solve_location(D, w, "lscp", cutoff_min=r, required=req, method="exact")
    assert res.status == "optimal"
    assert res.objective == best
    assert res.covered[w > 0].all() and res.coverage_pct == pytest.approx(100.0)
    check_common(res, D, w, req)
    h = L.solve_location(D, w, "lscp", cutoff_min=r, required=req, method="heuristic")
    assert h.objective >= best and h.covered[w > 0].all()
    check_common(h, D, w, req)


@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_cpmedian_exact_equals_brute_force(seed):
    rng = np.random.default_rng(400 + seed)
    D, w, p, req = make(400 + seed, n=int(rng.integers(4, 7)), m=int(rng.integers(3, 6)))
    p = max(p, 2, int(req.sum()))
    p = min(p, D.shape[1])
    cap = np.round(rng.uniform(0.4, 1.0, D.shape[1]) * w.sum(), 1)
    cap = np.maximum(cap, w.max())
    best = bf_cpmedian(D, w, p, req, cap)
    if not np.isfinite(best):
        with pytest.raises(InfeasibleError):
            L.solve_location(D, w, "cpmedian", p=p, capacities=cap, required=req, method="exact")
        return
    res = L.solve_location(D, w, "cpmedian", p=p, capacities=cap, required=req, method="exact")
    assert res.status == "optimal"
    assert close(res.objective, best), (res.objective, best)
    assert np.all(res.served_weight <= cap + 1e-9)
    check_common(res, D, w, req, p)
    try:
        h = L.solve_location(D, w, "cpmedian", p=p, capacities=cap, required=req,
                             method="heuristic")
    except InfeasibleError as exc:  # allowed: clear message, never a capacity violation
        assert "capacit" in str(exc)
        return
    assert h.objective >= best - 1e-6
    assert np.all(h.served_weight <= cap + 1e-9)
    check_common(h, D, w, req, p)


# --------------------------------------------------------------------------- heuristic quality
def euclid(n, m, seed):
    rng = np.random.default_rng(seed)
    d, c = rng.random((n, 2)) * 100, rng.random((m, 2)) * 100
    return np.sqrt(((d[:, None] - c[None]) ** 2).sum(-1)), rng.integers(1, 50, n).astype(float)


def test_heuristic_close_to_exact_pmedian():
    devs = []
    for seed in range(6):
        D, w = euclid(60, 40, seed)
        e = L.solve_location(D, w, "p_median", p=5, method="exact")
        h = L.solve_location(D, w, "p_median", p=5, method="heuristic")
        assert e.status == "optimal"
        assert h.objective >= e.objective - 1e-6
        devs.append(h.objective / e.objective - 1)
    assert max(devs) < 0.02 and np.mean(devs) < 0.005, devs


def test_heuristic_close_to_exact_other_problems():
    for seed in range(4):
        D, w = euclid(60, 40, 50 + seed)
        e = L.solve_location(D, w, "mclp", p=4, cutoff_min=20, method="exact")
        h = L.solve_location(D, w, "mclp", p=4, cutoff_min=20, method="heuristic")
        assert e.objective * 0.97 <= h.objective <= e.objective + 1e-9
        e = L.solve_location(D, w, "p_center", p=4, method="exact")
        h = L.solve_location(D, w, "p_center", p=4, method="heuristic")
        assert e.objective - 1e-9 <= h.objective <= e.objective * 1.15
        r = float(D.min(1).max()) + 5
        e = L.solve_location(D, w, "lscp", cutoff_min=r, method="exact")
        h = L.solve_location(D, w, "lscp", cutoff_min=r, method="heuristic")
        assert e.objective <= h.objective <= e.objective + 1
        cap = np.full(40, w.sum() / 4 * 1.2)
        e = L.solve_location(D, w, "cpmedian", p=5, capacities=cap, method="exact")
        h = L.solve_location(D, w, "cpmedian", p=5, capacities=cap, method="heuristic")
        assert e.objective - 1e-6 <= h.objective <= e.objective * 1.05
        assert np.all(h.served_weight <= cap + 1e-9)


def test_determinism_same_seed():
    D, w = euclid(300, 120, 7)
    a = L.solve_location(D, w, "p_median", p=12, method="heuristic", seed=3)
    b = L.solve_location(D, w, "p_median", p=12, method="heuristic", seed=3)
    assert np.array_equal(a.open_sites, b.open_sites) and a.objective == b.objective
    assert np.array_equal(a.assignment, b.assignment)


def test_required_sites_stay_open_even_if_bad():
    D, w = euclid(80, 30, 9)
    far = int(np.argmax(D.mean(0)))
    req = np.zeros(30, dtype=bool)
    req[far] = True
    for prob, kw in [("p_median", {"p": 4}), ("p_center", {"p": 4}),
                     ("mclp", {"p": 4, "cutoff_min": 20}), ("lscp", {"cutoff_min": 30}),
                     ("cpmedian", {"p": 4, "capacities": np.full(30, w.sum() / 3)})]:
        for method in ("heuristic", "exact"):
            res = L.solve_location(D, w, prob, required=req, method=method, **kw)
            assert far in res.open_sites, (prob, method)
    # index list form too
    res = L.solve_location(D, w, "p_median", p=4, required=[far], method="heuristic")
    assert far in res.open_sites


# --------------------------------------------------------------------------- input forms
def test_sparse_and_long_forms_match_dense():
    D, w = euclid(50, 30, 11)
    D[D > 40] = np.inf
    i, j = np.nonzero(np.isfinite(D))
    dense = L.solve_location(D, w, "p_median", p=4, method="exact")
    S = sp.coo_matrix((D[i, j], (i, j)), shape=D.shape)
    sparse = L.solve_location(S, w, "p_median", p=4, method="exact")
    long_ = L.solve_location((i, j, D[i, j], D.shape), w, "p_median", p=4, method="exact")
    assert dense.objective == pytest.approx(sparse.objective) == pytest.approx(long_.objective)
    assert np.array_equal(dense.open_sites, long_.open_sites)


def test_result_fields_and_cutoff_reporting():
    D, w = euclid(40, 20, 12)
    res = L.solve_location(D, w, "p_median", p=3, cutoff_min=25.0, method="exact")
    ok = res.cost_to_site <= 25.0
    assert np.array_equal(res.covered, ok)
    assert res.coverage_pct == pytest.approx(100 * w[ok].sum() / w.sum())
    assert res.mean_time == pytest.approx(w @ res.cost_to_site / w.sum())
    assert res.max_time == pytest.approx(res.cost_to_site.max())
    assert res.served_weight.shape == (20,) and res.seconds >= 0
    assert res.objective == pytest.approx(w @ res.cost_to_site)


def test_auto_picks_exact_for_small_and_heuristic_for_large(monkeypatch):
    D, w = euclid(30, 20, 13)
    assert L.solve_location(D, w, "p_median", p=3).method_used == "exact"
    monkeypatch.setitem(L.AUTO_EXACT_MAX_PAIRS, "p_median", 10)
    assert L.solve_location(D, w, "p_median", p=3).method_used == "heuristic"


# --------------------------------------------------------------------------- validation
@pytest.fixture
def no_solving(monkeypatch):
    """Any solver call fails the test: validation must come first."""
    def boom(*a, **k):
        raise AssertionError("a solver ran before validation")
    monkeypatch.setattr(L, "_run_milp", boom)
    monkeypatch.setattr(L, "_local_search_median", boom)
    monkeypatch.setattr(L, "_greedy_cover", boom)
    return None


def test_validation_messages(no_solving):
    D, w = euclid(10, 5, 1)
    with pytest.raises(InputError, match="exceeds the number of candidate"):
        L.LocationModel(D, w, "p_median", p=6)
    with pytest.raises(InputError, match="smaller than the number of required"):
        L.LocationModel(D, w, "p_median", p=1, required=[0, 1])
    with pytest.raises(InputError, match="negative"):
        L.LocationModel(D, -w, "p_median", p=2)
    Dn = D.copy()
    Dn[3, 2] = np.nan
    with pytest.raises(InputError, match="NaN.*demand 3.*candidate 2"):
        L.LocationModel(Dn, w, "p_median", p=2)
    with pytest.raises(InputError, match="unknown problem"):
        L.LocationModel(D, w, "p_mean", p=2)
    with pytest.raises(InputError, match="needs cutoff_min"):
        L.LocationModel(D, w, "lscp")
    with pytest.raises(InputError, match="p .* is required"):
        L.LocationModel(D, w, "mclp", cutoff_min=10)


def test_validation_infeasible(no_solving):
    D, w = euclid(10, 5, 2)
    nearest = D.min(1)
    r = float(np.sort(nearest)[-3]) - 1e-6  # the two farthest demands are out of reach
    bad = np.flatnonzero(nearest > r)
    with pytest.raises(InfeasibleError, match=rf"{bad.size} demand\(s\).*e.g. demand\(s\) {bad[0]}"):
        L.solve_location(D, w, "lscp", cutoff_min=r)
    # mclp with the same cutoff is fine (just not everybody covered) -> reaches solving
    with pytest.raises(AssertionError, match="solver ran"):
        L.solve_location(D, w, "mclp", p=2, cutoff_min=r)
    with pytest.raises(InfeasibleError, match="total capacity"):
        L.solve_location(D, w, "cpmedian", p=2, capacities=np.full(5, w.sum() / 6))
    with pytest.raises(InfeasibleError, match="largest capacities"):
        L.solve_location(D, w, "cpmedian", p=2, capacities=np.full(5, w.sum() / 3))
    w2 = w.copy()
    w2[7] = 1000
    with pytest.raises(InfeasibleError, match="demand\\(s\\) 7 weigh more"):
        L.solve_location(D, w2, "cpmedian", p=5, capacities=np.full(5, 900.0))
    Dinf = D.copy()
    Dinf[4] = np.inf
    with pytest.raises(InfeasibleError, match="cannot reach any candidate.*4"):
        L.solve_location(Dinf, w, "p_median", p=2)


def test_solver_detected_infeasibility():
    # two isolated clusters with one site reachable each; p = 1 cannot serve both
    D = np.array([[1.0, np.inf], [np.inf, 1.0]])
    with pytest.raises(InfeasibleError, match="no choice of 1 sites"):
        L.solve_location(D, [1, 1], "p_median", p=1, method="exact")
    h = L.solve_location(D, [1, 1], "p_median", p=1, method="heuristic")
    assert h.n_unassigned == 1 and h.messages
    # the heuristic's cut leaves the unreached demand out of the objective (finite), and says so
    assert h.objective == pytest.approx(1.0) and "left out of the objective" in h.messages[-1]


def test_time_limit_is_reported_honestly():
    D, w = euclid(400, 400, 21)
    res = L.solve_location(D, w, "p_median", p=15, method="exact", time_limit_s=0.3)
    assert res.status == "time_limit"
    assert res.status != "optimal" and res.open_sites.size == 15
    assert not (res.gap == 0)  # nan (no bound yet) or positive


# --------------------------------------------------------------------------- groups
def test_solve_by_group_matches_separate_solves():
    D, w = euclid(40, 12, 31)
    dg = np.repeat(["A", "B"], 20)
    cg = np.repeat(["A", "B"], 6)
    res = L.solve_by_group(D, w, demand_groups=dg, candidate_groups=cg, p={"A": 1, "B": 2},
                           method="exact")
    a = L.solve_location(D[:20, :6], w[:20], "p_median", p=1, method="exact")
    b = L.solve_location(D[20:, 6:], w[20:], "p_median", p=2, method="exact")
    assert res.objective == pytest.approx(a.objective + b.objective)
    assert list(res.open_sites) == list(a.open_sites) + list(6 + b.open_sites)
    assert np.all(cg[res.assignment] == dg)
    assert res.status == "optimal" and set(res.groups) == {"A", "B"}


# --------------------------------------------------------------------------- OR-Library
def test_orlib_reader_last_duplicate_counts(tmp_path):
    f = tmp_path / "tiny.txt"
    f.write_text("4 5 2\n1 2 10\n2 3 10\n3 4 10\n1 2 3\n2 1 4\n")
    D, p = read_orlib_pmed(f)
    assert p == 2 and D.shape == (4, 4)
    assert D[0, 1] == 4 and D[1, 0] == 4  # last occurrence (2 1 4) wins over 10 and 3
    assert D[0, 3] == 24 and np.allclose(D, D.T) and np.all(np.diag(D) == 0)


def test_orlib_generated_instance_exact_reaches_optimum(tmp_path):
    f = write_orlib_pmed(tmp_path / "pmed_gen.txt", n=25, p=3, seed=5)
    D, p = read_orlib_pmed(f)
    assert p == 3 and np.isfinite(D).all()
    w = np.ones(25)
    best = bf_pmedian(D, w, p, np.zeros(25, dtype=bool))
    res = L.solve_location(D, w, "p_median", p=p, method="exact")
    assert res.status == "optimal" and res.objective == pytest.approx(best)
    # also checked against the full (classical) MILP through spopt when available
    spopt = pytest.importorskip("spopt.locate")
    pulp = pytest.importorskip("pulp")
    mod = spopt.PMedian.from_cost_matrix(D, w, p_facilities=p).solve(pulp.HiGHS(msg=False))
    assert pulp.value(mod.problem.objective) == pytest.approx(best)


def test_cancel_and_progress():
    D, w = euclid(100, 50, 41)
    with pytest.raises(Canceled):
        L.solve_location(D, w, "p_median", p=5, method="heuristic", is_canceled=lambda: True)
    seen = []
    L.solve_location(D, w, "p_median", p=5, method="exact", progress=lambda pct, msg="": seen.append(pct))
    assert seen and seen[-1] == 100 and all(0 <= x <= 100 for x in seen)


def test_solve_by_group_skips_empty_territory_and_clips_p():
    D, w = euclid(30, 9, 32)
    dg = np.repeat([0, 1, 2], 10)
    cg = np.repeat([0, 1, 2], 3)
    w[10:20] = 0.0
    res = L.solve_by_group(D, w, demand_groups=dg, candidate_groups=cg, p=4, method="exact")
    assert set(res.groups) == {0, 2} and res.n_open == 6
    assert np.all(res.assignment[10:20] == -1)
    assert any("lowered" in m for m in res.messages) and any("no demand" in m for m in res.messages)


def test_one_site_is_exact_enumeration_for_every_method():
    rng = np.random.default_rng(5)
    D = rng.uniform(1, 50, size=(30, 12))
    D[rng.random(D.shape) < 0.1] = np.inf
    D[:, 4] = rng.uniform(1, 50, size=30)  # candidate 4 reaches everybody
    w = rng.integers(1, 20, size=30).astype(float)
    fin = np.isfinite(D).all(axis=0)
    expect = min(float(w @ D[:, j]) for j in range(12) if fin[j])
    for method in ("exact", "heuristic", "auto"):
        r = L.solve_location(D, w, "p_median", p=1, method=method)
        assert r.objective == pytest.approx(expect) and r.status == "optimal"


def test_messages_name_demands_when_names_are_given():
    """Infeasibility messages name the demands (not only their row index), also by territory."""
    D = np.array([[1.0, 50.0], [2.0, 60.0], [90.0, 95.0]])
    names = ["Muret", "Seysses", "Aspet"]
    with pytest.raises(InfeasibleError) as e:
        L.solve_location(D, problem="lscp", cutoff_min=10, demand_names=names)
    assert "Aspet (#2)" in str(e.value) and "Muret" not in str(e.value)
    with pytest.raises(InfeasibleError) as e:
        L.solve_by_group(D, problem="lscp", cutoff_min=10, demand_groups=["a", "a", "b"],
                         candidate_groups=["a", "b"], demand_names=names)
    assert "Aspet (#0)" in str(e.value) and "'b'" in str(e.value)


@pytest.mark.parametrize("seed", [100360, 100597, 100628, 100689])
def test_cpmedian_heuristic_tight_capacities_finds_a_feasible_cut(seed):
    """Tight capacities where the regret assignment to the p-median sites fails: the exact
    single-source assignment to the same sites (a small MILP) fits, so the heuristic returns a
    cut (it used to say it found none although one exists)."""
    D, w, p, req = make(seed)
    cap = np.full(D.shape[1], w.sum() / max(p, 1) * np.random.default_rng(seed).uniform(1.0, 1.6))
    best = bf_cpmedian(D, w, p, req, cap)
    assert np.isfinite(best)
    res = L.solve_location(D, w, "cpmedian", p=p, required=req, capacities=cap, method="heuristic", seed=seed)
    check_common(res, D, w, req, p)
    ok = res.assignment >= 0
    load = np.bincount(res.assignment[ok], weights=w[ok], minlength=D.shape[1])
    assert np.all(load <= cap + 1e-6)
    assert res.objective >= best - 1e-6

"""How far is the territories heuristic from what exact methods reach on the same instance?

Run:  QT_QPA_PLATFORM=offscreen PROJ_DATA=/usr/share/proj .venv/bin/python benchmarks/bench_territories_milp.py \
          [--k 18] [--tol 0.05] [--cands 150] [--time-limit 400] [--seed 0]

On real Haute-Garonne (../shared/data), the sub-problem our run solves (the communes outside the
territories forced alone, e.g. Toulouse) is given to HiGHS as mixed-integer programs with the same
travel times, populations and band:

1. the exact **assignment with our hubs fixed**, contiguity by shortest-path trees (SPC: a commune
   joins hub h only through a neighbour closer to h), balance within the band;
2. the same with the **hubs free** among the ``--cands`` most populous communes plus ours
   (a location-allocation MILP; the time limit applies, the best solution found is reported);
3. the **balanced p-median without contiguity**, integer (same candidates): a lower bound of
   what balance alone costs when the hubs are among those candidates;
4. the **assignment with plain contiguity** (shared edges, any path) to the hubs of 2, by lazy
   separator cuts (a commune of a piece S cut off from its hub needs one of S's neighbours in
   the same territory; added for every hub outside S and its neighbours, then solved again):
   HiGHS's dual bound of the last relaxation is a lower bound of every balanced contiguous cut
   around those hubs, SPC or not.

Prints each value, HiGHS's dual bound, seconds, and the ratios to our cut and to our valid lower
bound (LP relaxation with the groups balance forces together, Lagrangian, 1,000 steps). SPC
allows fewer cuts than plain contiguity and the candidates are restricted, so 1 and 2 are
feasible cuts (upper bounds of the optimum), not bounds. Minutes; not part of the test suite.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))
sys.path.insert(0, str(ROOT / "benchmarks"))
warnings.filterwarnings("ignore")

from bench_territories import proxy_instance  # noqa: E402
from optima.optima_plugin.core import territories  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def build_milp(C, Tm, p, nb, cands, k, lo, hi, spc=True, fixed=False):
    """HiGHS model: x[c, u] (candidate hub c serves unit u), y[c]; all integer. ``C``/``Tm``:
    (hub, unit) population-weighted and plain times over all units; ``cands``: unit indices."""
    nC, nS = len(cands), len(p)
    nx = nC * nS
    rows, cols, vals, rlo, rhi = [], [], [], [], []
    r = 0

    def add(cs, vs, lo_, hi_):
        nonlocal r
        rows.extend([r] * len(cs))
        cols.extend(cs)
        vals.extend(vs)
        rlo.append(lo_)
        rhi.append(hi_)
        r += 1

    for u in range(nS):                                            # each unit served once
        add([a * nS + u for a in range(nC)], [1.0] * nC, 1.0, 1.0)
    for a in range(nC):                                            # band, when open
        add([a * nS + u for u in range(nS)] + [nx + a], list(p) + [-lo], 0.0, np.inf)
        add([a * nS + u for u in range(nS)] + [nx + a], list(p) + [-hi], -np.inf, 0.0)
    add([nx + a for a in range(nC)], [1.0] * nC, k, k)             # k hubs
    col_lo = np.zeros(nx + nC)
    col_hi = np.ones(nx + nC)
    for a, c in enumerate(cands):
        add([a * nS + c, nx + a], [1.0, -1.0], 0.0, 0.0)           # a hub is in its territory
        for u in range(nS):
            if u == c:
                continue
            add([a * nS + u, nx + a], [1.0, -1.0], -np.inf, 0.0)      # served only by an open hub
            if spc:
                closer = [v for v in nb[u] if Tm[c, v] < Tm[c, u] - 1e-12]
                if not closer:
                    col_hi[a * nS + u] = 0.0
                    continue
                add([a * nS + u] + [a * nS + v for v in closer], [1.0] + [-1.0] * len(closer), -np.inf, 0.0)
    if fixed:
        col_lo[nx:] = 1.0
    A = sparse.csc_matrix((vals, (rows, cols)), shape=(r, nx + nC))
    A.sort_indices()
    cost = np.r_[C[cands].ravel(), np.zeros(nC)]
    return cost, A, np.array(rlo), np.array(rhi), col_lo, col_hi


def solve(model, time_limit, start=None):
    """(value, dual bound, seconds, solution) of the MILP; ``start``: a feasible solution."""
    cost, A, rlo, rhi, clo, chi = model
    h, hp = territories._highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-4)
    scale = float(cost.max())
    lp = hp.HighsLp()
    lp.num_col_, lp.num_row_ = A.shape[1], A.shape[0]
    lp.col_cost_ = cost / scale
    lp.col_lower_, lp.col_upper_ = clo, chi
    lp.row_lower_, lp.row_upper_ = rlo, rhi
    lp.a_matrix_.format_ = hp.MatrixFormat.kColwise
    lp.a_matrix_.start_ = A.indptr.astype(np.int32)
    lp.a_matrix_.index_ = A.indices.astype(np.int32)
    lp.a_matrix_.value_ = A.data.astype(np.double)
    lp.integrality_ = [hp.HighsVarType.kInteger] * A.shape[1]
    t0 = time.perf_counter()
    h.passModel(lp)
    if start is not None:
        sol = hp.HighsSolution()
        sol.col_value = list(map(float, start))
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    info = h.getInfo()
    sec = time.perf_counter() - t0
    x = np.asarray(h.getSolution().col_value)
    if x.size != A.shape[1] or info.primal_solution_status == 0:
        return None, info.mip_dual_bound * scale, sec, None
    return info.objective_function_value * scale, info.mip_dual_bound * scale, sec, x


def plain_contiguity(C, p, nb, hubs, lo, hi, time_limit, round_limit=60.0):
    """Exact balanced assignment of every unit to the fixed ``hubs`` with plain contiguity, by
    lazy separator cuts. -> (contiguous value or None, best dual bound, rounds, cuts, seconds,
    hub of each unit in the last relaxation). Each round's dual bound is a valid lower bound of
    the contiguous problem (the cuts only remove non-contiguous cuts)."""
    from scipy.sparse import csgraph
    h, hp = territories._highs()
    h.setOptionValue("mip_rel_gap", 1e-5)
    k, nS = len(hubs), len(p)
    Ch = C[hubs]
    scale = float(Ch.max())
    nv = k * nS
    idx_all = np.arange(nv, dtype=np.int32)
    col_lo = np.zeros(nv)
    col_lo[np.arange(k) * nS + np.asarray(hubs)] = 1.0
    h.addVars(nv, col_lo, np.ones(nv))
    h.changeColsCost(nv, idx_all, Ch.ravel() / scale)
    h.changeColsIntegrality(nv, idx_all, np.full(nv, hp.HighsVarType.kInteger))
    for u in range(nS):
        h.addRow(1.0, 1.0, k, (np.arange(k) * nS + u).astype(np.int32), np.ones(k))
    for t in range(k):
        h.addRow(lo, hi, nS, (t * nS + np.arange(nS)).astype(np.int32), p.astype(float))
    adj = sparse.csr_matrix((np.ones(sum(len(x) for x in nb)),
                             ([u for u in range(nS) for _ in nb[u]], [v for u in range(nS) for v in nb[u]])),
                            shape=(nS, nS))
    t0 = time.perf_counter()
    best_dual, ncuts, rnd, lab = -np.inf, 0, 0, None
    while time.perf_counter() - t0 < time_limit:
        rnd += 1
        h.setOptionValue("time_limit", float(min(round_limit, max(1.0, time_limit - (time.perf_counter() - t0)))))
        h.run()
        info = h.getInfo()
        best_dual = max(best_dual, info.mip_dual_bound * scale)
        x = np.asarray(h.getSolution().col_value)
        if x.size != nv or info.primal_solution_status == 0:
            break
        lab = x.reshape(k, nS).argmax(axis=0)
        pieces = []
        for t in range(k):
            mem = np.flatnonzero(lab == t)
            nc, cl = csgraph.connected_components(adj[mem][:, mem], directed=False)
            hc = cl[np.flatnonzero(mem == hubs[t])[0]]
            pieces += [set(mem[cl == c].tolist()) for c in range(nc) if c != hc]
        if not pieces:
            return float(Ch[lab, np.arange(nS)].sum()), best_dual, rnd, ncuts, time.perf_counter() - t0, lab
        for S in pieces:
            N = sorted({v for u in S for v in nb[u]} - S)
            for t in range(k):
                if hubs[t] in S or hubs[t] in N:
                    continue
                for u in S:
                    cols = np.array([t * nS + u] + [t * nS + v for v in N], dtype=np.int32)
                    h.addRow(-np.inf, 0.0, cols.size, cols, np.r_[1.0, -np.ones(len(N))])
                    ncuts += 1
    return None, best_dual, rnd, ncuts, time.perf_counter() - t0, lab


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=18)
    ap.add_argument("--tol", type=float, default=0.05)
    ap.add_argument("--cands", type=int, default=150)
    ap.add_argument("--time-limit", type=float, default=400.0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    path = DATA / "communes_31.gpkg"
    if not path.exists():
        print(f"real data not available: {path}")
        return
    import geopandas as gpd
    g = gpd.read_file(path)
    n = len(g)
    A, G = proxy_instance(g.geometry.values)
    pop = g.population.to_numpy(float)
    t0 = time.perf_counter()
    res = territories.cluster(G, np.arange(n), A, pop, a.k, balance_tol=a.tol, names=g.nom.tolist(),
                              seed=a.seed, compute_bound=False)
    sec_ours = time.perf_counter() - t0
    bnd = territories.cluster(G, np.arange(n), A, pop, a.k, balance_tol=a.tol, names=g.nom.tolist(),
                              seed=a.seed, compute_bound=True, bound_iterations=1000).lower_bound
    sub = np.flatnonzero(~res.forced[res.labels])
    k = int((~res.forced).sum())
    p = pop[sub]
    T = p.sum() / k
    lo, hi = T * (1 - a.tol), T * (1 + a.tol)
    tt = np.asarray(G.times(sub, sub), dtype=float)                 # commune -> hub
    Tm = tt.T                                                       # Tm[hub, unit]
    C = Tm * p[None, :]
    Asub = sparse.csr_matrix(A)[sub][:, sub]
    Asub = ((Asub + Asub.T) > 0).tocsr()
    nb = [list(Asub.indices[Asub.indptr[u]:Asub.indptr[u + 1]]) for u in range(sub.size)]
    pos = {int(c): i for i, c in enumerate(sub)}
    ours_hubs = np.array([pos[int(h)] for h in res.hubs[~res.forced]])
    ours_sub = float(np.sum(pop[sub] * res.time_to_hub[sub]))
    print(f"Haute-Garonne K = {a.k} +/-{a.tol:.0%}: sub-problem {sub.size} communes, {k} territories, "
          f"band {lo:,.0f}-{hi:,.0f}")
    print(f"ours (seed {a.seed}): {res.objective:,.0f} inh-min in {sec_ours:.2f} s "
          f"(sub-problem {ours_sub:,.0f}); valid lower bound {bnd:,.0f} (ours {res.objective / bnd:.3f} x)")
    t0 = time.perf_counter()
    res4 = territories.cluster(G, np.arange(n), A, pop, a.k, balance_tol=a.tol, names=g.nom.tolist(),
                               seed=a.seed, compute_bound=False, runs=4)
    print(f"ours with RUNS = 4 (seeds {a.seed}..{a.seed + 3}, best kept): {res4.objective:,.0f} in "
          f"{time.perf_counter() - t0:.2f} s ({res4.objective / bnd:.3f} x our bound)")
    out_of_sub = res.objective - ours_sub                          # the forced territories' part
    top = [int(i) for i in np.argsort(-p)[:a.cands]]
    cands = list(dict.fromkeys(ours_hubs.tolist() + top))
    runs = [("1 SPC assignment, our hubs fixed", ours_hubs.tolist(), True, True, min(a.time_limit, 120)),
            (f"2 SPC location-allocation, {len(cands)} candidates", cands, True, False, a.time_limit),
            (f"3 balanced p-median, no contiguity, {len(cands)} candidates", cands, False, False, a.time_limit)]
    print(f"{'MILP':58s} {'value':>12s} {'dual bound':>12s} {'sec':>6s} {'ours/val':>8s} {'val/bound':>9s}")
    best_lab = None                      # the best cut so far: the next MILP starts from it
    best_hubs = ours_hubs
    for name, cs, spc, fixed, tl in runs:
        model = build_milp(C, Tm, p, nb, cs, len(cs) if fixed else k, lo, hi, spc=spc, fixed=fixed)
        start = None
        if best_lab is not None:
            where = {c: i for i, c in enumerate(cs)}
            start = np.zeros(model[1].shape[1])
            start[[where[int(h)] * p.size + u for u, h in enumerate(best_lab)]] = 1.0
            start[len(cs) * p.size + np.array([where[int(h)] for h in set(best_lab.tolist())])] = 1.0
        v, d, sec, x = solve(model, tl, start)
        if x is not None and spc:
            X = x[:len(cs) * p.size].reshape(len(cs), p.size)
            best_lab = np.asarray(cs)[X.argmax(axis=0)]
        if v is None:
            print(f"{name:58s} {'none':>12s} {d + out_of_sub:12,.0f} {sec:6.0f}")
            continue
        v, d = v + out_of_sub, d + out_of_sub
        print(f"{name:58s} {v:12,.0f} {d:12,.0f} {sec:6.0f} {res.objective / v:8.3f} {v / bnd:9.3f}")
        if x is not None and not fixed:
            got = set(np.asarray(cs)[x[len(cs) * p.size:] > 0.5].tolist())
            if spc:
                best_hubs = np.array(sorted(got))
            mine = set(ours_hubs.tolist())
            print(f"    hubs: ours only {sorted(g.nom[sub[h]] for h in mine - got)}; "
                  f"this MILP only {sorted(g.nom[sub[h]] for h in got - mine)}")
    v, d, rnd, ncuts, sec, _ = plain_contiguity(C, p, nb, best_hubs, lo, hi, a.time_limit)
    name = "4 plain contiguity, hubs of 2 fixed (lazy cuts)"
    d += out_of_sub
    shown = "none" if v is None else f"{v + out_of_sub:12,.0f}"
    print(f"{name:58s} {shown:>12s} {d:12,.0f} {sec:6.0f} {'':8s} {'':9s}  ({rnd} rounds, {ncuts} cuts; "
          f"dual bound / our bound {d / bnd:.3f})")


if __name__ == "__main__":
    main()

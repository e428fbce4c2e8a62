"""Benchmark of optima's location core against spopt.locate (PuLP + HiGHS).

Run from the repository root:

    .venv/bin/python benchmarks/bench_location.py            # full (~10 min on 2 cores)
    .venv/bin/python benchmarks/bench_location.py --quick    # 200 x 200 + a smaller sparse case

Instances: random points in a 100 x 100 square (seeded), Euclidean costs ("minutes"),
integer weights 1..100. spopt is given the same dense matrix and solved with
``pulp.HiGHS(msg=False, timeLimit=...)``; its model-building time is included (that is
what a user waits for).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "build", "qgis-plugins"))
warnings.filterwarnings("ignore")

from optima.optima_plugin.core import location as L  # noqa: E402


def instance(n, m, seed):
    rng = np.random.default_rng(seed)
    d = rng.random((n, 2)) * 100
    c = rng.random((m, 2)) * 100
    D = np.sqrt(((d[:, None, :] - c[None, :, :]) ** 2).sum(-1))
    w = rng.integers(1, 101, n).astype(float)
    return D, w


def spopt_solve(kind, D, w, p=None, r=None, time_limit=None):
    import pulp
    from spopt.locate import LSCP, MCLP, PCenter, PMedian
    kw = {} if time_limit is None else {"timeLimit": time_limit}
    solver = pulp.HiGHS(msg=False, **kw)
    t = time.perf_counter()
    if kind == "p_median":
        mod = PMedian.from_cost_matrix(D, w, p_facilities=p)
    elif kind == "p_center":
        mod = PCenter.from_cost_matrix(D, p_facilities=p)
    elif kind == "mclp":
        mod = MCLP.from_cost_matrix(D, w, service_radius=r, p_facilities=p)
    else:
        mod = LSCP.from_cost_matrix(D, service_radius=r)
    mod = mod.solve(solver, results=False)
    sec = time.perf_counter() - t
    status = pulp.LpStatus[mod.problem.status]
    # PuLP says "Optimal" even when HiGHS stopped on its time limit with a feasible point;
    # its solution status tells the truth.
    if getattr(mod.problem, "sol_status", None) == pulp.LpSolutionIntegerFeasible:
        status = "Feasible(limit)"
    open_ = np.array([j for j, v in enumerate(mod.fac_vars) if v.value() and v.value() > 0.5])
    # evaluate spopt's sites with our own objective (same definition for both)
    if kind == "p_median":
        obj = float(w @ D[:, open_].min(1))
    elif kind == "p_center":
        obj = float(D[:, open_].min(1).max())
    elif kind == "mclp":
        obj = float(w @ (D[:, open_].min(1) <= r))
    else:
        obj = float(open_.size)
    return obj, sec, status


def ours(kind, D, w, method, p=None, r=None, time_limit=300):
    res = L.solve_location(D, w, kind, p=p, cutoff_min=r, method=method, time_limit_s=time_limit)
    return res


def line(label, obj, sec, status, ref_obj=None, ref_sec=None, maximise=False):
    s = f"  {label:<28s} objective {obj:>14.4f}  {sec:>8.2f} s  {status:<12s}"
    if ref_obj is not None and ref_obj != 0:
        ratio = obj / ref_obj
        dev = (ref_obj - obj) / ref_obj if maximise else (obj - ref_obj) / ref_obj
        s += f"  obj/spopt {ratio:.6f} ({100 * dev:+.3f} % worse)" if dev > 0 else \
             f"  obj/spopt {ratio:.6f}"
    if ref_sec is not None and sec > 0:
        s += f"  speed-up x{ref_sec / sec:.1f}"
    print(s, flush=True)


def bench_pmedian(n, m, p, seed, spopt_limit, exact_limit):
    D, w = instance(n, m, seed)
    print(f"\np-median {n} x {m}, p = {p} (seed {seed})", flush=True)
    so, ss, st = (None, None, "skipped")
    if spopt_limit:
        so, ss, st = spopt_solve("p_median", D, w, p=p, time_limit=spopt_limit)
        line(f"spopt PMedian (limit {spopt_limit}s)", so, ss, st)
    else:
        print(f"  spopt PMedian skipped: {n * m:,} assignment variables through PuLP would need "
              f"far more than this benchmark's time budget", flush=True)
    rh = ours("p_median", D, w, "heuristic", p=p)
    line("optima heuristic", rh.objective, rh.seconds, rh.status, so, ss)
    if exact_limit:
        re_ = ours("p_median", D, w, "exact", p=p, time_limit=exact_limit)
        line("optima exact", re_.objective, re_.seconds, re_.status, so, ss)
        print(f"    exact: bound {re_.bound:.4f} gap {re_.gap:.2e}; heuristic vs exact "
              f"{100 * (rh.objective - re_.objective) / re_.objective:+.4f} %", flush=True)


def bench_other(kind, n, m, p, r, seed):
    D, w = instance(n, m, seed)
    print(f"\n{kind} {n} x {m}, p = {p}, cutoff = {r} (seed {seed})", flush=True)
    mx = kind == "mclp"
    if kind in ("p_center", "lscp"):
        w = np.ones(n)  # spopt's p-center and LSCP ignore weights
    so, ss, st = spopt_solve(kind, D, w, p=p, r=r, time_limit=200)
    line("spopt", so, ss, st)
    for method in ("heuristic", "exact"):
        res = ours(kind, D, w, method, p=p, r=r)
        line(f"optima {method}", res.objective, res.seconds, res.status, so, ss, maximise=mx)


def bench_large(n, m, p, per_demand, seed, heur_limit):
    from scipy.spatial import cKDTree
    rng = np.random.default_rng(seed)
    d = rng.random((n, 2)) * 100
    c = rng.random((m, 2)) * 100
    w = rng.integers(1, 101, n).astype(float)
    r = float(np.sqrt(per_demand / (np.pi * m)) * 100)
    t = time.perf_counter()
    S = cKDTree(d).sparse_distance_matrix(cKDTree(c), r, output_type="coo_matrix")
    tb = time.perf_counter() - t
    print(f"\np-median {n} x {m} with cutoff {r:.2f}: {S.nnz} pairs ({S.nnz / n:.0f} per demand, "
          f"built in {tb:.1f} s), p = {p}", flush=True)
    res = L.solve_location((S.row, S.col, S.data, (n, m)), w, "p_median", p=p, cutoff_min=r,
                           method="heuristic", time_limit_s=heur_limit)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  optima heuristic: objective {res.objective:.1f}  {res.seconds:.1f} s  "
          f"status {res.status}  unassigned {res.n_unassigned}  coverage {res.coverage_pct:.2f} %  "
          f"mean {res.mean_time:.2f}  max {res.max_time:.2f}  peak RSS {peak:.0f} MiB", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="200 x 200 only + a 10,000 x 2,000 sparse case")
    ap.add_argument("--large-only", action="store_true", help="only the 35,000 x 5,000 sparse case")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.large_only:
        bench_large(35_000, 5_000, 200, 100, 8, 60)
        return
    bench_pmedian(200, 200, 10, 1, spopt_limit=300, exact_limit=300)
    bench_other("p_center", 200, 200, 10, None, 2)
    bench_other("mclp", 200, 200, 10, 15.0, 3)
    bench_other("lscp", 200, 200, None, 15.0, 4)
    if a.quick:
        bench_large(10_000, 2_000, 100, 100, 5, 60)
    else:
        bench_pmedian(1000, 1000, 20, 6, spopt_limit=180, exact_limit=150)
        bench_pmedian(5000, 1000, 20, 7, spopt_limit=None, exact_limit=120)
        # own process, so that the peak memory is that of this case alone
        import subprocess
        subprocess.run([sys.executable, os.path.abspath(__file__), "--large-only"], check=True)
    print(f"\ntotal {time.perf_counter() - t0:.0f} s; peak RSS of the main process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()

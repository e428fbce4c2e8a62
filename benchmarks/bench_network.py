"""Benchmark: travel-time matrix on a synthetic road network, OPTIMA vs QGIS native vs networkx.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_network.py [--side 320]
      [--origins 600] [--dests 50] [--nx-origins 20] [--qgis-origins 100]

Network: a side x side grid (100 m spacing, vertices jittered by +-20 m), one straight
2-point line per street segment (2*side*(side-1) lines: 204,160 for side=320), random speeds
20-90 km/h, 10 % one-way (half of them digitised against the traffic, '-1').

Compared, in the same process, on the same origin/destination nodes (times in minutes):
- OPTIMA: build_road_graph (timed apart) + travel_time_matrix (scipy dijkstra, batched;
  direction="auto" runs 50 dijkstras from the destinations on the transposed graph; the
  forced "forward" run does one per origin, like the others).
- QGIS native: QgsVectorLayerDirector + QgsNetworkSpeedStrategy + QgsGraphBuilder on a memory
  layer (timed apart), then QgsGraphAnalyzer.dijkstra once per origin.
- networkx: DiGraph, single_source_dijkstra_path_length once per origin (on --nx-origins
  origins, per-origin time extrapolated to all origins to keep the run short).
QGIS's dijkstra takes ~0.7 s per origin on this graph, so it runs on --qgis-origins origins
and is extrapolated likewise (pass --qgis-origins 600 for the full run, ~7 more minutes).
The ratios compare the matrix computation only (graph building reported separately).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))

from optima.optima_plugin.core import network as nw  # noqa: E402


def synthetic_grid(side: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    gx, gy = np.meshgrid(np.arange(side) * 100.0, np.arange(side) * 100.0, indexing="xy")
    xy = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-20, 20, (side * side, 2))
    xy += np.array([500_000.0, 6_200_000.0])
    ids = np.arange(side * side).reshape(side, side)
    a = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    b = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    speed = rng.uniform(20, 90, a.size).round(1)
    ow = np.full(a.size, "no", dtype=object)
    r = rng.random(a.size)
    ow[r < 0.05] = "yes"
    ow[(r >= 0.05) & (r < 0.10)] = "-1"
    return xy, a, b, speed, ow


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--side", type=int, default=320)
    ap.add_argument("--origins", type=int, default=600)
    ap.add_argument("--dests", type=int, default=50)
    ap.add_argument("--nx-origins", type=int, default=20)
    ap.add_argument("--qgis-origins", type=int, default=100)
    args = ap.parse_args()

    import pandas as pd
    import shapely

    xy, a, b, speed, ow = synthetic_grid(args.side)
    lines = shapely.linestrings(np.stack([xy[a], xy[b]], axis=1))
    attrs = pd.DataFrame({"speed": speed, "dir": ow})
    print(f"Synthetic grid: {len(xy):,} nodes, {len(lines):,} lines ({(ow != 'no').sum():,} one-way)")

    rng = np.random.default_rng(1)
    o_pts = rng.choice(len(xy), args.origins, replace=False)
    d_pts = rng.choice(len(xy), args.dests, replace=False)

    # ------------------------------------------------------------------ OPTIMA
    t0 = time.perf_counter()
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="dir", snap_tolerance_m=0.0)
    t_build = time.perf_counter() - t0
    from scipy.spatial import cKDTree
    _, node_of = cKDTree(rg.graph.xy).query(xy)
    O, D = node_of[o_pts], node_of[d_pts]
    t0 = time.perf_counter()
    df, st = nw.travel_time_matrix(rg.graph, O, D, with_distance=False)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    df_l, st_l = nw.travel_time_matrix(rg.graph, O, D, with_distance=True)
    t_ours_len = time.perf_counter() - t0
    t0 = time.perf_counter()
    df_f, st_f = nw.travel_time_matrix(rg.graph, O, D, with_distance=False, direction="forward")
    t_fwd = time.perf_counter() - t0
    ours = df.time_min.to_numpy().reshape(args.origins, args.dests)
    fwd = df_f.time_min.to_numpy().reshape(args.origins, args.dests)
    assert np.allclose(np.nan_to_num(fwd, nan=-1), np.nan_to_num(ours, nan=-1), atol=1e-9)
    print(f"OPTIMA   build_road_graph        {t_build:8.2f} s  ({rg.report['n_nodes']:,} nodes, "
          f"{rg.report['n_arcs']:,} arcs, {rg.report['n_components']} component(s))")
    print(f"OPTIMA   matrix {args.origins}x{args.dests} time only {t_ours:8.2f} s  "
          f"(direction={st['direction']}: {min(args.origins, args.dests)} dijkstras)")
    print(f"OPTIMA   matrix {args.origins}x{args.dests} +dist_km  {t_ours_len:8.2f} s  (direction={st_l['direction']})")
    print(f"OPTIMA   matrix forced forward   {t_fwd:8.2f} s  ({args.origins} dijkstras, like QGIS/networkx)")

    # ------------------------------------------------------------------ QGIS native
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.analysis import (QgsGraphAnalyzer, QgsGraphBuilder, QgsNetworkSpeedStrategy,
                               QgsVectorLayerDirector)
    from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry,
                           QgsPointXY, QgsVectorLayer)
    sys.path.insert(0, str(ROOT / "scripts"))
    import qgis_standalone  # the QgsApplication outlives main() (a clean exit on QGIS 3.40+)
    qgis_standalone.start(processing=False, optima=False)
    t0 = time.perf_counter()
    layer = QgsVectorLayer("LineString?crs=EPSG:2154&field=speed:double&field=dir:string(5)", "roads", "memory")
    prov = layer.dataProvider()
    feats = []
    for k in range(len(lines)):
        f = QgsFeature()
        p, q = xy[a[k]], xy[b[k]]
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(p[0], p[1]), QgsPointXY(q[0], q[1])]))
        f.setAttributes([float(speed[k]), str(ow[k])])
        feats.append(f)
    prov.addFeatures(feats)
    t_layer = time.perf_counter() - t0
    t0 = time.perf_counter()
    director = QgsVectorLayerDirector(layer, layer.fields().indexOf("dir"), "yes", "-1", "no",
                                      QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkSpeedStrategy(layer.fields().indexOf("speed"), 50.0, 1000.0 / 60.0))
    builder = QgsGraphBuilder(QgsCoordinateReferenceSystem("EPSG:2154"), False, 0.0, "NONE")
    director.makeGraph(builder, [])
    graph = builder.graph()
    t_qbuild = time.perf_counter() - t0
    qv = np.array([graph.findVertex(QgsPointXY(*xy[k])) for k in range(len(xy))])
    assert (qv >= 0).all()
    nq = min(args.qgis_origins, args.origins)
    qres = np.full((nq, args.dests), np.inf)
    t0 = time.perf_counter()
    for r in range(nq):
        tree, cost = QgsGraphAnalyzer.dijkstra(graph, int(qv[o_pts[r]]), 0)
        for c in range(args.dests):
            v = int(qv[d_pts[c]])
            if tree[v] != -1 or v == qv[o_pts[r]]:
                qres[r, c] = cost[v]
    t_qgis = (time.perf_counter() - t0) * args.origins / nq
    print(f"QGIS     memory layer            {t_layer:8.2f} s")
    print(f"QGIS     makeGraph               {t_qbuild:8.2f} s  ({graph.vertexCount():,} vertices, "
          f"{graph.edgeCount():,} edges)")
    print(f"QGIS     dijkstra x {nq} origins  {t_qgis:8.2f} s" + ("" if nq == args.origins else " (extrapolated)"))

    # ------------------------------------------------------------------ networkx
    import networkx as nx
    t0 = time.perf_counter()
    G = nx.DiGraph()
    i, j, t, _ = rg.graph.arcs()
    G.add_weighted_edges_from(zip(i.tolist(), j.tolist(), t.tolist()))
    t_nxbuild = time.perf_counter() - t0
    nn = min(args.nx_origins, args.origins)
    nres = np.full((nn, args.dests), np.inf)
    t0 = time.perf_counter()
    for r in range(nn):
        dist = nx.single_source_dijkstra_path_length(G, int(O[r]), weight="weight")
        nres[r] = [dist.get(int(v), np.inf) for v in D]
    t_nx = (time.perf_counter() - t0) * args.origins / nn
    print(f"networkx DiGraph build           {t_nxbuild:8.2f} s")
    print(f"networkx dijkstra x {nn} origins  {t_nx:8.2f} s" + ("" if nn == args.origins else
                                                              f" (extrapolated to {args.origins})"))

    # ------------------------------------------------------------------ checks
    oursi = np.where(np.isnan(ours), np.inf, ours)

    def maxdiff(x, y):
        fin = np.isfinite(x) & np.isfinite(y)
        assert (np.isfinite(x) == np.isfinite(y)).all(), "reachability differs"
        return float(np.abs(x[fin] - y[fin]).max())

    print(f"max |OPTIMA - QGIS|     = {maxdiff(oursi[:nq], qres):.2e} min  "
          f"(unreachable pairs: {st['n_unreachable']})")
    print(f"max |OPTIMA - networkx| = {maxdiff(oursi[:nn], nres):.2e} min")
    print(f"speed-up vs QGIS native (matrix, time only): {t_qgis / t_ours:6.1f}x   (goal >= 5x); "
          f"with dist_km: {t_qgis / t_ours_len:6.1f}x; forced forward (same {args.origins} dijkstras): "
          f"{t_qgis / t_fwd:6.1f}x")
    print(f"speed-up vs networkx    (matrix, time only): {t_nx / t_ours:6.1f}x   (goal >= 20x); "
          f"with dist_km: {t_nx / t_ours_len:6.1f}x; forced forward: {t_nx / t_fwd:6.1f}x")
    print(f"build: OPTIMA {t_build:.2f} s vs QGIS layer+makeGraph {t_layer + t_qbuild:.2f} s "
          f"(makeGraph alone {t_qbuild:.2f} s)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    import qgis_standalone
    qgis_standalone.run(main)

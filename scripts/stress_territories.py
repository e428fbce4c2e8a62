"""Random stress of the territories core: lattices and Voronoi tessellations with kept-whole groups,
locks, fixed hubs, today's territories + stability, regions, and RUNS > 1. Each case is solved twice and
checked: every territory non-empty, hubs inside, same seed -> same result, the contiguity flag
(links count: a bridged island is "contiguous only through this link"), locks kept, groups whole
within a region, no WARNING in the log. Prints each problem and a summary.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/stress_territories.py [SEED] [SECONDS]
"""
import sys
import time
import traceback
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import connected_components

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
sys.path.insert(0, str(ROOT / "build" / "qgis-plugins"))

from test_territories import instance, lattice, territories, voronoi  # noqa: E402

from optima.optima_plugin.core.errors import InputError  # noqa: E402


def random_case(seed):
    rng = np.random.default_rng(seed)
    if rng.random() < 0.6:
        nr, nc = rng.integers(3, 10, 2)
        g = lattice(nr, nc)
    else:
        g = voronoi(int(rng.integers(15, 120)), seed)
    n = g.size
    A, G = instance(g)
    pop = np.round(rng.lognormal(5, 1.2, n)) * (rng.random(n) > 0.05)
    k = int(rng.integers(1, max(2, min(n, 12))))
    tol = float(rng.choice([0.03, 0.05, 0.1, 0.2]))
    kw = {}
    if rng.random() < 0.4:                       # kept-whole groups grown from a commune
        grp = np.full(n, None, dtype=object)
        A2 = A.tocsr()
        for gi in range(int(rng.integers(1, 4))):
            mem = {int(rng.integers(n))}
            for _ in range(int(rng.integers(1, 4))):
                nbrs = [int(v) for u in mem for v in A2.indices[A2.indptr[u]:A2.indptr[u + 1]]]
                if nbrs:
                    mem.add(int(rng.choice(nbrs)))
            for u in mem:
                if grp[u] is None:
                    grp[u] = f"G{gi}"
        kw["keep_whole"] = grp
    if rng.random() < 0.3 and k >= 2:
        locks = np.full(n, -1)
        idx = rng.choice(n, min(n, 2), replace=False)
        locks[idx] = rng.integers(0, k, idx.size)
        kw["locks"] = locks
    if rng.random() < 0.2:
        kw["hubs"] = rng.choice(n, k, replace=False)
    fn = territories.cluster
    mode = rng.random()
    if mode < 0.25 and "hubs" not in kw:
        kw["existing"] = (np.arange(n) * k // n).astype(object)
        kw["stability"] = float(rng.choice([0.0, 10.0, 1e6]))
    elif mode < 0.45 and "hubs" not in kw and "locks" not in kw and k >= 2:
        xs = np.array([c.centroid.x for c in g])
        kw["regions"] = np.where(xs < np.median(xs), "W", "E").astype(object)
        fn = territories.cluster_by_region
    if rng.random() < 0.25:                      # several independent runs, the best kept
        kw["runs"] = int(rng.integers(2, 4))
    return fn, (G, np.arange(n), A, pop, k), dict(balance_tol=tol, seed=seed % 5, **kw), A, n, k


def problems(res, res2, A, n, k, kw):
    out = []
    if set(np.unique(res.labels)) != set(range(k)):
        out.append("empty territory")
    if not np.all(res.labels[res.hubs] == np.arange(k)):
        out.append("hub outside its territory")
    if not np.array_equal(res.labels, res2.labels):
        out.append("not deterministic")
    contig = territories.territory_contiguity(res.labels, A, k)
    plain = not (set(kw) - {"existing", "stability", "balance_tol", "seed", "runs"})
    if plain and not contig.all() and connected_components(A, directed=False)[0] <= k:
        out.append("not contiguous without any constraint")
    if "locks" in kw:
        lk = kw["locks"]
        if not np.all(res.labels[lk >= 0] == lk[lk >= 0]):
            out.append("lock broken")
    if "keep_whole" in kw:
        for name in {x for x in kw["keep_whole"] if x is not None}:
            m = np.flatnonzero(kw["keep_whole"] == name)
            one_region = "regions" not in kw or np.unique(kw["regions"][m].astype(str)).size == 1
            if np.unique(res.labels[m]).size > 1 and one_region:
                out.append("group split")
    if len(res.reason) != n:
        out.append("reasons")
    if any("WARNING" in m for m in res.messages):
        out.append("warning in the log")
    return out


def main():
    rng0 = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    t_end = time.time() + float(sys.argv[2] if len(sys.argv) > 2 else 60)
    cnt = bad = 0
    while time.time() < t_end:
        seed = int(rng0.integers(1 << 30))
        fn, args, kw, A, n, k = random_case(seed)
        try:
            res = fn(*args, **kw)
            res2 = fn(*args, **kw)
        except InputError:
            cnt += 1
            continue
        except Exception:
            bad += 1
            print("EXCEPTION", seed, n, k, list(kw))
            traceback.print_exc()
            continue
        cnt += 1
        probs = problems(res, res2, A, n, k, kw)
        if probs:
            bad += 1
            print("PROBLEM", probs, "seed", seed, "n", n, "k", k, sorted(kw), flush=True)
    print("done", cnt, "cases,", bad, "bad")


if __name__ == "__main__":
    main()

"""Shortest-path trees on worker processes (core.parallel): the same numbers as one process,
bit for bit, errors and cancels carried back, and the rule that decides the number of workers."""
import os
import sys

import numpy as np
import pytest

from optima.optima_plugin.core import indicators as ind
from optima.optima_plugin.core import network as nw
from optima.optima_plugin.core import parallel
from optima.optima_plugin.core import pipeline as pl
from optima.optima_plugin.core.errors import Canceled, InputError

from .test_roads_scale import grid_roads

linux = pytest.mark.skipif(not parallel.can_fork(), reason="worker processes are forked on Linux only")


@pytest.fixture(scope="module")
def roads():
    nw.clear_road_cache()
    lines, attrs, xy = grid_roads(side=40, seed=3, oneway_share=0.2)
    rg = nw.build_road_graph(lines, attrs, speed_field="speed", oneway_field="oneway")
    rng = np.random.default_rng(5)
    pts = xy[rng.choice(len(xy), 90, replace=False)] + rng.uniform(-120, 120, (90, 2))
    term = nw.connect_terminals(rg, pts)
    yield term.graph, np.asarray(term.nodes)
    nw.clear_road_cache()


def _both(monkeypatch, fn):
    """fn() on one process, then on three (small batches on the full graph)."""
    calls = []
    real = parallel.run_batches
    monkeypatch.setattr(parallel, "run_batches", lambda *a: calls.append(real(*a)) or calls[-1])
    monkeypatch.setenv("OPTIMA_WORKERS", "1")
    one = fn()
    monkeypatch.setenv("OPTIMA_WORKERS", "3")
    monkeypatch.setattr(nw, "REDUCE_MIN_NODES", 10**9)
    monkeypatch.setattr(nw, "MATRIX_BATCH", 4)
    monkeypatch.setattr(pl, "COST_BATCH_CELLS", 8_000)
    many = fn()
    monkeypatch.setattr(parallel, "run_batches", real)
    assert calls == [1, 3]
    return one, many


@linux
def test_matrix_same_on_three_processes(roads, monkeypatch):
    g, nodes = roads
    o, d = nodes[:60], nodes[60:]
    one, many = _both(monkeypatch, lambda: nw.travel_time_matrix(g, o, d)[0])
    assert np.isfinite(one.time_min).all() and (one.dist_km > 0).all()
    pd_one = one.sort_values(["origin_idx", "dest_idx"]).reset_index(drop=True)
    pd_many = many.sort_values(["origin_idx", "dest_idx"]).reset_index(drop=True)
    assert np.array_equal(pd_one.origin_idx, pd_many.origin_idx)
    assert np.abs(pd_one.time_min - pd_many.time_min).max() < 1e-9
    assert np.abs(pd_one.dist_km - pd_many.dist_km).max() < 1e-9


@linux
def test_cost_matrix_and_site_times_same_on_three_processes(roads, monkeypatch):
    g, nodes = roads
    dn, cn = nodes[:70], nodes[70:]
    a, b = _both(monkeypatch, lambda: pl.cost_matrix(g, dn, cn))
    assert np.array_equal(a, b) and np.isfinite(a).all()
    sp1, sp2 = _both(monkeypatch, lambda: pl.cost_matrix(g, dn, cn, cutoff_min=4.0, dense_max_cells=0).toarray())
    assert np.array_equal(sp1, sp2) and (sp1 > 0).any()
    (t1, l1), (t2, l2) = _both(monkeypatch, lambda: ind.commune_site_times(g, dn, cn, batch=4))
    assert np.array_equal(t1, t2) and np.array_equal(l1, l2)
    assert np.allclose(t1, a, atol=1e-9)


@linux
def test_error_in_a_worker_reaches_the_caller():
    def fn(k):
        if k == 2:
            raise InputError("batch 2: the commune « 31555 » has no road")
        return k * 10

    got = []
    with pytest.raises(InputError, match="31555"):
        parallel.run_batches(fn, range(4), 2, lambda a, r: got.append((a, r)))
    assert got == [(0, 0), (1, 10)]


@linux
def test_cancel_between_batches_stops_the_run(roads, monkeypatch):
    g, nodes = roads
    monkeypatch.setenv("OPTIMA_WORKERS", "2")
    monkeypatch.setattr(nw, "REDUCE_MIN_NODES", 10**9)
    monkeypatch.setattr(nw, "MATRIX_BATCH", 4)
    seen = []

    def progress(p, *a):
        seen.append(p)

    with pytest.raises(Canceled):
        nw.travel_time_matrix(g, nodes[:60], nodes[60:], monitor=nw.as_monitor(
            progress, is_canceled=lambda: any(p > 0 for p in seen)))
    assert max(seen) < 100


def test_worker_count_rule(monkeypatch):
    monkeypatch.delenv("OPTIMA_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "_cores", lambda: 8)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert parallel.worker_count(1, 1e12) == 1                  # one batch: nothing to share
    assert parallel.worker_count(10, parallel.MIN_WORK - 1) == 1  # small job: this process
    assert parallel.worker_count(10, 1e9) == parallel.MAX_WORKERS
    assert parallel.worker_count(3, 1e9) == 3
    monkeypatch.setenv("OPTIMA_WORKERS", "1")
    assert parallel.worker_count(10, 1e12) == 1
    monkeypatch.setenv("OPTIMA_WORKERS", "6")
    assert parallel.worker_count(10, 10) == 6                   # forced, whatever the size
    monkeypatch.setenv("OPTIMA_WORKERS", "beaucoup")              # unreadable: the default rule
    assert parallel.worker_count(10, 1e9) == parallel.MAX_WORKERS
    monkeypatch.setattr(parallel, "can_fork", lambda: False)      # Windows, macOS
    monkeypatch.setenv("OPTIMA_WORKERS", "4")
    assert parallel.worker_count(10, 1e12) == 1


def test_one_process_runs_in_order_and_can_fork_only_on_linux(monkeypatch):
    got = []
    assert parallel.run_batches(lambda k: -k, [3, 1, 2], 1, lambda a, r: got.append((a, r))) == 1
    assert got == [(3, -3), (1, -1), (2, -2)]
    monkeypatch.setattr(sys, "platform", "win32")
    assert not parallel.can_fork()


@linux
def test_two_runs_started_at_once_keep_their_own_function():
    """Two runs from two threads (two QGIS tasks) at the same moment: each run's workers run that
    run's function, never the other's, and none hangs (a fork-context ProcessPoolExecutor hung
    here on Python 3.14: a worker forked while another thread held a lock of concurrent.futures
    waited for it at its exit)."""
    import threading
    import time

    def make(k):
        def fn(a):
            time.sleep(0.01)
            return (k, a * a)
        return fn

    out = {}

    def run(k):
        got = []
        for _ in range(3):
            parallel.run_batches(make(k), range(6), 2, lambda a, r: got.append(r))
        out[k] = got

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        assert out[k] == [(k, a * a) for a in range(6)] * 3


def _children():
    """Pids of the live child processes of this process (Linux)."""
    import glob
    me = str(os.getpid())
    out = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                parts = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if parts[1] == me and parts[0] != "Z":
            out.append(stat)
    return out


@linux
def test_large_results_a_killed_worker_and_a_cancel_leave_no_process_behind():
    import signal

    before = len(_children())
    # results far larger than a pipe's buffer come back whole and in order
    got = []
    parallel.run_batches(lambda k: np.full(400_000, float(k)), range(5), 2, lambda a, r: got.append((a, r)))
    assert [a for a, _ in got] == list(range(5)) and all((r == a).all() and r.size == 400_000 for a, r in got)

    # a worker killed by the system (out of memory): an error, not a hang, not a wrong result
    def fn(k):
        if k == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return k
    with pytest.raises(RuntimeError, match="signal 9"):
        parallel.run_batches(fn, range(4), 2, lambda a, r: None)

    # a cancel from the caller: the workers are stopped
    def slow(k):
        import time
        time.sleep(0.2 if k else 0)
        return k

    def cancel(a, r):
        raise Canceled("Canceled by the user")
    with pytest.raises(Canceled):
        parallel.run_batches(slow, range(8), 2, cancel)
    assert len(_children()) == before

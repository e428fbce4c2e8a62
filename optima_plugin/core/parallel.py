"""Batches of shortest-path trees on several cores, where that pays.

scipy's compiled dijkstra holds the GIL from start to end in every release so far (1.11 to
1.17), so threads run the trees one after the other. Worker *processes* do run them at the same
time. On Linux they are forked from the running process (QGIS, qgis_process or Python): each
worker inherits the graph already in memory, nothing but the batch numbers goes in and only
the batch results (a few rows per place) come back. Each batch gives the same numbers as on one
core, bit for bit, and the results are put back in batch order.

Elsewhere (Windows, macOS: no safe ``fork`` in a desktop application) the batches run one after
the other in the calling process, as they do on Linux for small jobs (below
:data:`MIN_WORK` sources x nodes, starting the workers would cost more than it saves).

``OPTIMA_WORKERS`` overrides the rule: ``1`` never uses worker processes, ``N`` (2 or more)
uses ``N`` whatever the size of the job (on Linux).
"""
from __future__ import annotations

import os
import sys
import threading
import warnings
from typing import Callable, Iterable, Optional

#: at most this many worker processes by default (and never more than the machine's cores)
MAX_WORKERS = 4
#: below this many (trees x graph nodes) the batches run in the calling process
MIN_WORK = 4_000_000

_TASK: Optional[Callable] = None        # the batch function, inherited by the forked workers
# two runs started at once (two QGIS tasks) must not fork with each other's function: _TASK is
# set, the workers forked and _TASK cleared under this lock (a fork-context pool forks all its
# workers at its first task, so nothing forks later)
_FORK_LOCK = threading.Lock()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):       # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Worker processes are forked only on Linux."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _forced() -> Optional[int]:
    env = os.environ.get("OPTIMA_WORKERS", "").strip()
    if env.isdigit():
        return max(1, int(env))
    return None


def worker_count(n_batches: int, work: float) -> int:
    """How many worker processes run ``n_batches`` batches of ``work`` (trees x nodes) in all:
    1 (no worker: the calling process) unless on Linux with at least two batches, then
    ``OPTIMA_WORKERS`` when set, else min(cores, MAX_WORKERS) for work of at least MIN_WORK."""
    if n_batches < 2 or not can_fork():
        return 1
    forced = _forced()
    if forced is not None:
        return min(forced, n_batches)
    if work < MIN_WORK:
        return 1
    return max(1, min(_cores(), MAX_WORKERS, n_batches))


def _call(arg):
    return _TASK(arg)


def run_batches(fn: Callable, args: Iterable, workers: int, on_result: Callable) -> int:
    """``on_result(arg, fn(arg))`` for every ``arg`` in order, ``fn`` run by ``workers`` forked
    processes (in this process when ``workers`` is 1 or the workers cannot start). ``on_result``
    runs in this process and may raise (a cancel): the batches not started are dropped, the
    running ones end, and the error goes on. An error in ``fn`` is raised here. Returns the
    number of processes that ran the batches."""
    args = list(args)
    if workers > 1:
        ex = _executor(fn, workers)
        if ex is not None:
            try:
                futures = [ex.submit(_call, a) for a in args]
                for a, f in zip(args, futures):
                    on_result(a, f.result())
            except BaseException:
                ex.shutdown(wait=True, cancel_futures=True)
                raise
            ex.shutdown(wait=True)
            return workers
    for a in args:
        on_result(a, fn(a))
    return 1


def _executor(fn, workers):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASK
    with _FORK_LOCK:
        _TASK = fn
        try:
            with warnings.catch_warnings():
                # Python >= 3.12 warns that forking a process that has threads (QGIS has) may
                # deadlock the child if a thread held a lock; the workers only run numpy and scipy
                warnings.simplefilter("ignore", DeprecationWarning)
                ex = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
                ex.submit(int, 0).result()          # every worker is forked now, with _TASK set
            return ex
        except (OSError, ValueError, RuntimeError):
            return None
        finally:
            _TASK = None                            # the workers keep their own copy

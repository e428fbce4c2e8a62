"""Batches of shortest-path trees (and the parts of a reduction) on several cores, where that pays.

scipy's compiled dijkstra holds the GIL from start to end in every release so far (1.11 to
1.17), so threads run the trees one after the other. Worker *processes* do run them at the same
time. On Linux they are forked from the running process (QGIS, qgis_process or Python): each
worker inherits the graph already in memory and is given its share of the batches (every
``workers``-th one) when it is forked; only the batch results (a few rows per place) come back,
pickled through a pipe, and are put back in batch order. Each batch gives the same numbers as on
one core, bit for bit.

A worker runs nothing but the batch function: it writes its results and leaves with
``os._exit`` -- no interpreter shutdown, no atexit handler, no lock of another thread (a
fork-context ``ProcessPoolExecutor`` was used before: its workers run Python's shutdown, and
one forked while another thread of QGIS held a lock of ``concurrent.futures`` hung at its exit
on Python 3.14). Several runs may fork at once from several threads (two QGIS tasks).

Elsewhere (Windows, macOS: no safe ``fork`` in a desktop application) the batches run one after
the other in the calling process, as they do on Linux for small jobs (below
:data:`MIN_WORK` sources x nodes, starting the workers would cost more than it saves).

``OPTIMA_WORKERS`` overrides the rule: ``1`` never uses worker processes, ``N`` (2 or more)
uses ``N`` whatever the size of the job (on Linux).
"""
from __future__ import annotations

import os
import pickle
import re
import select
import signal
import struct
import sys
import warnings
from typing import Callable, Iterable, Optional

#: at most this many worker processes by default (and never more than the machine's cores)
MAX_WORKERS = 4
#: below this many (trees x graph nodes) the batches run in the calling process
MIN_WORK = 4_000_000

_FRAME = struct.Struct("<Q")            # length of each pickled result in a worker's pipe
# Python >= 3.12 warns that forking a process that has threads (QGIS has) may deadlock the child:
# the worker only runs the batch function (see above). The filter is set once, for the forks of
# this module only: no warnings.catch_warnings() (and its lock) around each fork
warnings.filterwarnings("ignore", message=r"This process .* is multi-threaded, use of fork\(\) may lead to deadlocks",
                        category=DeprecationWarning, module=re.escape(__name__) + "$")


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


def run_batches(fn: Callable, args: Iterable, workers: int, on_result: Callable) -> int:
    """``on_result(arg, fn(arg))`` for every ``arg`` in order, ``fn`` run by ``workers`` forked
    processes (in this process when ``workers`` is 1 or the workers cannot start). ``on_result``
    runs in this process and may raise (a cancel): the workers are stopped and the error goes
    on. An error in ``fn`` is raised here. Returns the number of processes that ran the batches."""
    args = list(args)
    workers = min(int(workers), len(args))
    if workers > 1 and can_fork() and _forked(fn, args, workers, on_result):
        return workers
    for a in args:
        on_result(a, fn(a))
    return 1


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _worker(fn, args, mine, fd) -> None:
    """In the forked process: the batches ``mine``, each result pickled into ``fd``; then leave at
    once (``os._exit``: nothing of the interpreter's shutdown runs here)."""
    code = 0
    try:
        for k in mine:
            try:
                item = (k, True, fn(args[k]))
            except BaseException as e:          # carried back and raised in the caller
                item = (k, False, e)
            try:
                data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as e:              # an error that cannot be pickled: its text
                err = item[2] if not item[1] else e
                data = pickle.dumps((k, False, RuntimeError(f"{type(err).__name__}: {err}")))
            _write_all(fd, _FRAME.pack(len(data)) + data)
            if not item[1]:
                break
    except BaseException:
        code = 1
    finally:
        os._exit(code)


class _Worker:
    """A forked worker seen from the caller: its pid, the read end of its pipe, the batches it
    owes and has sent, its exit status once reaped."""

    def __init__(self, pid: int, fd: int, expected: int):
        self.pid, self.fd, self.expected, self.got = pid, fd, expected, 0
        self.buf = bytearray()
        self.reaped, self.status = False, None

    def poll(self) -> bool:
        """Whether it has ended (reaped now if so), without waiting."""
        if not self.reaped:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = self.pid, None
            if pid == 0:
                return False
            self.reaped, self.status = True, status
        return True

    def reap(self) -> None:
        if not self.reaped:
            try:
                self.status = os.waitpid(self.pid, 0)[1]
            except ChildProcessError:
                pass
            self.reaped = True

    def stop(self) -> None:
        if not self.reaped:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            self.reap()

    def ended_early(self) -> RuntimeError:
        st = self.status
        how = ("signal {}".format(os.WTERMSIG(st)) if st is not None and os.WIFSIGNALED(st) else
               "exit code {}".format(os.WEXITSTATUS(st)) if st is not None and os.WIFEXITED(st) else "ended")
        return RuntimeError(f"a worker process ended before its results ({how})")


def _forked(fn, args, workers, on_result) -> bool:
    """The batches on ``workers`` forked processes (worker w: batches w, w + workers, ...);
    False when no process could be forked (nothing was run)."""
    n = len(args)
    procs = []
    try:
        for w in range(workers):
            r, wfd = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(r)
                os.close(wfd)
                raise
            if pid == 0:                          # the worker
                os.close(r)
                _worker(fn, args, range(w, n, workers), wfd)
            os.close(wfd)
            procs.append(_Worker(pid, r, len(range(w, n, workers))))
    except OSError:
        if not procs:
            return False                          # no worker: the caller runs the batches itself
        for p in procs:
            p.stop()
            os.close(p.fd)
        raise
    results, nxt = {}, 0
    by_fd = {p.fd: p for p in procs}
    try:
        while nxt < n:
            waiting = [p.fd for p in procs if p.got < p.expected]
            ready = select.select(waiting, [], [], 0.5)[0] if waiting else []
            for r in ready:
                p = by_fd[r]
                chunk = os.read(r, 1 << 20)
                if not chunk:                     # the worker is gone without all its results
                    p.reap()
                    raise p.ended_early()
                p.buf += chunk
                while len(p.buf) >= _FRAME.size:
                    size = _FRAME.unpack_from(p.buf)[0]
                    if len(p.buf) < _FRAME.size + size:
                        break
                    k, ok, value = pickle.loads(bytes(p.buf[_FRAME.size:_FRAME.size + size]))
                    del p.buf[:_FRAME.size + size]
                    results[k] = (ok, value)
                    p.got += 1
                    if not ok:
                        p.expected = p.got        # the worker stopped at its error
            if not ready:
                for p in procs:                   # a worker killed (out of memory, a signal)
                    if p.got < p.expected and p.poll() and not select.select([p.fd], [], [], 0)[0]:
                        raise p.ended_early()
            while nxt in results:
                ok, value = results.pop(nxt)
                if not ok:
                    raise value                   # in batch order, as on one process
                on_result(args[nxt], value)
                nxt += 1
    except BaseException:
        for p in procs:
            p.stop()
        raise
    finally:
        for p in procs:
            os.close(p.fd)
    for p in procs:
        p.reap()
    return True

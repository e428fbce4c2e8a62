"""The entry point :func:`cluster`: one run, several runs (``runs``) and the forced-group retry."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from ..errors import InputError
from ..progress import as_monitor
from .common import _fmt
from .result import ClusterResult
from .settings import EFFORT
from .solver import _Solver


def cluster(graph, nodes: Sequence[int], adjacency, population, k: int, balance_tol: float = 0.10,
            hubs=None, keep_whole=None, locks=None, existing=None, stability: float = 0.0,
            seed: int = 0, monitor=None, names=None, n_starts: Optional[int] = None,
            max_iter: Optional[int] = None, compute_bound: bool = True,
            bound_max_pairs: int = 60_000, bound_iterations: int = 0,
            bound_method: str = "auto", effort: Optional[dict] = None, runs: int = 1,
            lock_names: Optional[Sequence] = None, ids: Optional[Sequence] = None) -> ClusterResult:
    """Cut communes into ``k`` contiguous, population-balanced territories around hubs.

    Parameters
    ----------
    graph : CostGraph (travel times in minutes); ``nodes[i]`` is commune ``i``'s node.
    adjacency : (n, n) sparse contiguity between communes (symmetrised here).
    population : (n,) inhabitants.
    k : number of territories (1 <= k <= n; InputError otherwise).
    balance_tol : allowed |pop_t - target| / target, with target = total / k.
    hubs : optional (k,) commune indices, the fixed hub of territory t.
    keep_whole : optional (n,) group label (e.g. EPCI code; None/NaN/-1 = no group):
        a group is never split.
    locks : optional (n,) territory label 0..k-1 (or -1/None): pre-assigned communes.
    lock_names : optional, the user's value of each lock label (``lock_names[c]`` for label c,
        e.g. the labels of ``pipeline.label_codes``): messages about locks and hubs then name
        territory c by that value (``territory 'Nord'``) and the other territories by their
        number 1..k (c + 1), as the outputs do; without it, by their labels 0..k-1.
    ids : optional (n,) the user's commune identifiers: lock messages name each commune by
        its name and identifier (``Muret (31395)``).
    existing : optional (n,) today's territory code per commune; ``stability`` is the
        penalty in inhabitant-minutes per commune that changes territory.
    seed : random seed (the result is deterministic for a given seed).
    monitor : Monitor or progress callable; cancellation raises Canceled.
    names : optional (n,) commune names used in messages.
    n_starts, max_iter : search effort (None: automatic by size).
    compute_bound : compute the LP lower bound when the sub-problem has at most
        ``bound_max_pairs`` (candidate hub, unit) pairs.
    bound_iterations : beyond that size, a Lagrangian lower bound with this many subgradient
        iterations (0 = none; 1,000 come within 0.2 % of the LP value on Haute-Garonne,
        about 20 s for 600 communes).
    effort : optional overrides of the search effort for this run (keys in ``settings.EFFORT``:
        restarts, balance retries, repair budgets), as :func:`cluster_by_region` uses.
    bound_method : "auto" (above) or "ipm": the exact LP relaxation whatever its size, by
        HiGHS's interior point method (about 5 minutes for 600 communes; benchmarks).
    runs : independent searches with the seeds ``seed``, ``seed + 1``, ... ``seed + runs - 1``;
        the best cut is kept (contiguous first, then within the balance band or the smallest
        deviation, then the lowest objective with the stability penalty). The result is the
        one ``cluster(..., seed=best seed)`` gives; the time grows with ``runs``.
    """
    mon = as_monitor(monitor)
    try:
        runs = int(runs)
    except (TypeError, ValueError):
        raise InputError(f"runs must be a whole number (got {runs!r})") from None
    if runs < 1:
        raise InputError(f"runs must be at least 1 (got {runs})")

    def again(**changed) -> ClusterResult:
        """This call once more (one run), with some arguments changed."""
        args = dict(balance_tol=balance_tol, hubs=hubs, keep_whole=keep_whole, locks=locks, existing=existing,
                    stability=stability, seed=seed, monitor=monitor, names=names, n_starts=n_starts,
                    max_iter=max_iter, compute_bound=compute_bound, bound_max_pairs=bound_max_pairs,
                    bound_iterations=bound_iterations, bound_method=bound_method, effort=effort,
                    lock_names=lock_names, ids=ids)
        args.update(changed)
        return cluster(graph, nodes, adjacency, population, k, **args)

    if runs > 1:
        return _best_of_runs(again, mon, seed, runs, compute_bound)
    def solver(monitor_):
        s = _Solver(graph, nodes, adjacency, population, k, balance_tol, hubs, keep_whole, locks, existing,
                    stability, seed, monitor_, names, n_starts, max_iter, bound_max_pairs, compute_bound,
                    lock_names=lock_names, ids=ids)
        s.effort.lagrange_iterations = int(bound_iterations)
        if bound_method not in ("auto", "ipm"):
            raise InputError(f"bound_method must be 'auto' or 'ipm' (got {bound_method!r})")
        s.effort.bound_method = bound_method
        for key, value in (effort or {}).items():
            if key not in EFFORT:
                raise InputError(f"effort: unknown setting {key!r} (known: {', '.join(EFFORT)})")
            setattr(s.effort, key, value)   # on this run's copy only (runs may be concurrent)
        return s

    s = solver(mon)
    if s.effort.forced_retry and s.effort.forced_first:
        # units every balanced contiguous territory holds together: kept whole from the start
        probe = solver(mon.sub(0, 0, silent=True))
        forced = probe.forced_first()
        if forced:
            names_g = "; ".join(" + ".join(probe.unit_name(x) for x in g) for g in forced)
            s.log(f"balance: every balanced contiguous territory holds {names_g} together (a proof from "
                  "the populations and the contiguity), so they are kept whole from the start")
            note = s.msgs[-1]
            kw2 = np.full(s.n, None, dtype=object) if keep_whole is None else np.asarray(keep_whole, dtype=object).copy()
            for g in forced:
                kw2[np.concatenate([probe.members[u] for u in g])] = " + ".join(probe.unit_name(x) for x in g)
            res = again(keep_whole=kw2, effort=dict(effort or {}, forced_first=False))
            res.messages.insert(0, note)
            return res
    s.forced_units = []
    res = s.solve()
    if not res.feasible_balance and s.effort.forced_retry and s.forced_units:
        # the search fell into a trap that balance itself rules out: keep together what every
        # balanced territory holds together, and search again (once)
        groups = [np.concatenate([s.members[u] for u in g]) for g in s.forced_units]
        names_g = "; ".join(" + ".join(s.unit_name(u) for u in g) for g in s.forced_units)
        note = (f"balance: missed by every start ({res.max_dev_pct_adjusted:.1f}%); every balanced territory "
                f"holds {names_g} together, so they are kept whole and the search runs again")
        mon.log(note)
        kw2 = np.full(s.n, None, dtype=object) if keep_whole is None else np.asarray(keep_whole, dtype=object).copy()
        for g, u in zip(groups, s.forced_units):
            kw2[g] = " + ".join(s.unit_name(x) for x in u)
        res2 = again(keep_whole=kw2, effort=dict(effort or {}, forced_retry=False))
        if _run_rank(res2) < _run_rank(res):
            res2.messages.insert(0, note)
            res = res2
        else:
            mon.log("balance: the second search did not do better; the first cut is kept")
    mon.progress(100, "territories: done")
    return res


def _run_rank(r: ClusterResult):
    """Order of two cuts of the same problem (several runs, or the forced-group retry): contiguous
    first, then within the balance band (else the smaller deviation), then the lower objective
    with the stability penalty."""
    dev = 0.0 if r.feasible_balance else round(float(r.max_dev_pct_adjusted), 6)
    return (not bool(np.all(r.contiguous)), dev, float(r.objective) + float(r.stability_penalty))


def _best_of_runs(again, mon, seed, runs, compute_bound) -> ClusterResult:
    """``again(seed=..., monitor=..., compute_bound=...)`` (one :func:`cluster` run) ``runs`` times
    with consecutive seeds, silently and without the bound; the best seed's cut is returned with
    its messages, and its bound when asked (the best seed is then run once more: same cut)."""
    share = 90.0 if compute_bound else 100.0
    results = []
    for i in range(runs):
        mon.check()
        results.append(again(seed=seed + i, monitor=mon.sub(share * i / runs, share * (i + 1) / runs, silent=True),
                             compute_bound=False))
    order = sorted(range(runs), key=lambda i: (_run_rank(results[i]), i))
    best = order[0]
    objs = ", ".join(f"{seed + i}: {_fmt(results[i].objective)}" + (
        "" if results[i].feasible_balance else f" ({results[i].max_dev_pct_adjusted:.1f}% off)")
        + ("" if np.all(results[i].contiguous) else " (not contiguous)") for i in order[:12])
    if runs > 12:
        objs += f"; {runs - 12} worse runs not listed"
    note = (f"search: {runs} independent runs, seeds {seed}..{seed + runs - 1}; kept seed {seed + best}, "
            f"the best (seed: objective in inhabitant-minutes, best first: {objs})")
    if compute_bound:
        mon.log(note)
        res = again(seed=seed + best, monitor=mon.sub(90, 100), compute_bound=True)
    else:
        res = results[best]
        for m in res.messages:
            mon.log(m)
        mon.log(note)
    res.messages.append(note)
    res.info["runs"] = runs
    res.info["seed_used"] = seed + best
    res.info["run_objectives"] = [float(r.objective) for r in results]
    mon.progress(100, "territories: done")
    return res

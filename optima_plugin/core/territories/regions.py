"""Territories cut independently inside each region (e.g. each département)."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import InputError
from ..progress import as_monitor
from .common import _no_value
from .result import ClusterResult
from .driver import cluster


def allocate_k(pop_by_region, n_by_region, k: int) -> np.ndarray:
    """Split ``k`` territories among regions in proportion to population (largest remainder),
    at least one per region and never more than the region's communes."""
    pop = np.asarray(pop_by_region, dtype=float)
    cap = np.asarray(n_by_region, dtype=np.int64)
    r = pop.size
    if k < r:
        raise InputError(f"N_TERRITORIES = {k} is smaller than the number of regions ({r}): each region "
                         f"needs at least one territory.")
    if k > cap.sum():
        raise InputError(f"N_TERRITORIES = {k} is larger than the number of communes ({int(cap.sum())}).")
    total = pop.sum()
    share = pop / total * k if total > 0 else np.full(r, k / r)
    kk = np.clip(np.floor(share).astype(np.int64), 1, cap)
    while kk.sum() < k:
        room = kk < cap
        gain = np.where(room, share - kk, -np.inf)
        kk[int(np.argmax(gain))] += 1
    while kk.sum() > k:
        room = kk > 1
        loss = np.where(room, kk - share, -np.inf)
        kk[int(np.argmax(loss))] -= 1
    return kk


def cluster_by_region(graph, nodes: Sequence[int], adjacency, population, k: int, regions,
                      balance_tol: float = 0.10, seed: int = 0, monitor=None, names=None,
                      keep_whole=None, rebalance_budget: int = 30, extra_starts: int = 0,
                      starts: int = 2, tight_scales=(0.8,), **kw) -> ClusterResult:
    """Territories cut independently inside each region (e.g. each département for all of
    France), ``k`` split among regions in proportion to population (:func:`allocate_k`).

    Every region is solved by :func:`cluster` on its own sub-network (the proxy network's
    links between two regions are not used), so a territory never crosses a region border.
    A region in separate parts (an island, with K too small to give it a territory) gets the
    links of :func:`cluster`: they are kept in ``links`` (commune indices of the whole map),
    ``contiguous`` counts them and ``land_contiguous`` does not, and each region's messages about
    its islands, parts and links are kept (``"region R: ..."``).
    Balance is judged against each region's own target (total of the region / its K); the
    deviation against the national mean (total / k) is reported as ``max_dev_pct``.
    ``starts``, ``tight_scales``, ``rebalance_budget`` and ``extra_starts`` set the automatic
    effort in each region (restarts; tighter bands, perturbed LPs and added starts when the
    balance is missed): lower than for one piece, so that all of France stays around ten
    seconds and the regions where balance is out of reach do not cost much time.
    """
    from scipy import sparse as _sp

    from ..graph import CostGraph

    mon = as_monitor(monitor)
    pop = np.asarray(population, dtype=float)
    n = pop.size
    nodes = np.asarray(nodes, dtype=np.int64)
    reg = np.asarray(regions, dtype=object)
    labels_r, reg_code = np.unique(reg.astype(str), return_inverse=True)
    R = labels_r.size
    members = [np.flatnonzero(reg_code == r) for r in range(R)]
    kk = allocate_k(np.bincount(reg_code, weights=pop, minlength=R), [m.size for m in members], k)
    A = _sp.csr_matrix(adjacency)
    same_nodes = graph.n_nodes == n and np.array_equal(nodes, np.arange(n))
    lab = np.full(n, -1, dtype=np.int64)
    hubs = np.zeros(k, dtype=np.int64)
    t_hub = np.full(n, np.inf)
    reason = np.empty(n, dtype=object)
    contiguous = np.zeros(k, dtype=bool)
    land = np.zeros(k, dtype=bool)
    links = []
    link_messages = []
    forced = np.zeros(k, dtype=bool)
    targets = np.zeros(k)
    feasible = True
    floors = []
    messages = [f"{n} communes in {R} regions; K = {k} split by population "
                f"(min {int(kk.min())}, max {int(kk.max())} per region); each region is cut on its own."]
    if keep_whole is not None:
        # a group kept whole that spans several regions can only be kept whole inside each
        kw_s = np.asarray(keep_whole, dtype=object)
        valid = ~np.array([_no_value(v, minus_one=True) for v in kw_s])
        spans = {}
        for i in np.flatnonzero(valid):
            spans.setdefault(str(kw_s[i]), set()).add(str(labels_r[reg_code[i]]))
        across = sorted((g, sorted(rs)) for g, rs in spans.items() if len(rs) > 1)
        if across:
            messages.append(f"{len(across)} groups kept whole span several regions and are kept whole within "
                            "each region only: " + "; ".join(f"{g} ({', '.join(rs)})" for g, rs in across[:10])
                            + (" ..." if len(across) > 10 else ""))
    for m in messages:      # said first: the regions' links are said as they come
        mon.log(m)
    n_said = len(messages)
    off = 0
    effort = dict(rebalance_budget=int(rebalance_budget), unbalanced_extra_starts=int(extra_starts),
                  auto_starts=int(starts), auto_starts_max=int(starts), tight_scales=tuple(tight_scales), forced_retry=False)
    for r in range(R):
        mon.check()
        idx = members[r]
        sub_adj = A[idx][:, idx]
        if same_nodes:
            sub_graph = CostGraph(graph.time[idx][:, idx].tocsr())
            sub_nodes = np.arange(idx.size)
        else:
            sub_graph, sub_nodes = graph, nodes[idx]
        res = cluster(sub_graph, sub_nodes, sub_adj, pop[idx], int(kk[r]), balance_tol=balance_tol,
                      seed=seed, names=[f"commune #{i}" for i in idx] if names is None else [names[i] for i in idx],
                      keep_whole=None if keep_whole is None else np.asarray(keep_whole)[idx],
                      compute_bound=False, effort=effort,
                      # the region's share of the progress bar, and cancellation inside it; its
                      # messages are summed up below (one line per region missing the balance)
                      monitor=mon.sub(100.0 * r / R, 100.0 * (r + 1) / R, silent=True), **kw)
        kr = int(kk[r])
        lab[idx] = res.labels + off
        hubs[off:off + kr] = idx[res.hubs]
        t_hub[idx] = res.time_to_hub
        reason[idx] = res.reason
        contiguous[off:off + kr] = res.contiguous
        land[off:off + kr] = res.contiguous if res.land_contiguous is None else res.land_contiguous
        # the region's islands, separate parts and links (K too small for them), said here
        links.extend((int(idx[a]), int(idx[b])) for a, b in res.links)
        for m in res.info.get("link_messages", []):
            mon.log(f"region {labels_r[r]}: {m}")
            link_messages.append(f"region {labels_r[r]}: {m}")
        forced[off:off + kr] = res.forced
        targets[off:off + kr] = res.targets
        feasible = feasible and bool(res.feasible_balance)
        floors.append(float(res.info.get("balance_floor_pct", 0.0)))
        if not res.feasible_balance:
            proof = (f"; out of reach there: no contiguous cut can do better than {floors[-1]:.1f}%"
                     if floors[-1] > 0 else "")
            messages.append(f"region {labels_r[r]}: balance not met (max deviation "
                            f"{res.max_dev_pct_adjusted:.1f}% of its target{proof})")
        off += kr
        mon.progress(100.0 * (r + 1) / R, f"territories: region {labels_r[r]}")
    P = np.bincount(lab, weights=pop, minlength=k)
    target = pop.sum() / k
    dev = 100.0 * (P - target) / target if target > 0 else np.zeros_like(P)
    dev_adj = 100.0 * np.abs(P - targets) / np.where(targets > 0, targets, 1)
    fin = np.isfinite(t_hub)
    obj = float((pop[fin] * t_hub[fin]).sum())
    mean_time = obj / pop[fin].sum() if pop[fin].sum() > 0 else float("nan")
    others = ~forced
    res = ClusterResult(
        labels=lab, hubs=hubs, time_to_hub=t_hub, objective=obj, pop=P, target=target, targets=targets,
        dev_pct=dev, max_dev_pct=float(np.abs(dev).max()), max_dev_pct_adjusted=float(dev_adj.max()),
        max_dev_pct_others=float(np.abs(dev[others]).max()) if others.any() else 0.0,
        feasible_balance=feasible, balance_tol=balance_tol, contiguous=contiguous, forced=forced,
        lower_bound=None, assignment_bound=None, messages=messages, reason=reason, mean_time=mean_time,
        info={"regions": list(labels_r), "k_by_region": kk.tolist(), "balance_floor_pct_by_region": floors,
              "balance_floor_pct": max(floors, default=0.0), "virtual_edges": list(links),
              "link_messages": link_messages},
        links=np.array(links, dtype=np.int64).reshape(-1, 2), land_contiguous=land)
    messages.append(f"result: {int(contiguous.sum())}/{k} territories contiguous; max deviation "
                    f"{res.max_dev_pct_adjusted:.1f}% of the regional targets; mean time to hub {mean_time:.1f} min")
    for m in messages[n_said:]:
        mon.log(m)
    res.messages = messages[:n_said] + link_messages + messages[n_said:]
    return res

"""Balance repair, and the proofs about balance: whether a band is out of reach for a unit
(:func:`_balance_floor`), the units every balanced territory holds together
(:func:`_forced_groups`), tighter-band retries, the balance polish (ejection chains,
perturbed LPs, exact re-assignments)."""
from __future__ import annotations

from dataclasses import replace
from heapq import heappop, heappush

import numpy as np

from .common import _clash, _flood, _fmt
from .transport import _transport_lp


def _greedy_band(start, p, nb, lo, hi, lab):
    """A connected set containing the units ``start``, grown from the smallest neighbours
    while below ``lo`` and never above ``hi`` (at most one label of ``lab``): it lands in the
    band whenever the steps are smaller than the band. -> the set (list) or None."""
    mem, P, lb = [], 0.0, -1
    for m in start:
        if _clash(lab, m, lb):
            return None
        mem.append(int(m))
        P += float(p[m])
        lb = lb if lab[m] < 0 else int(lab[m])
    if P > hi:
        return None
    seen = set(mem)
    heap = []

    def push(x):
        for w in nb[x]:
            if w not in seen:
                seen.add(w)
                heappush(heap, (float(p[w]), w))
    for m in mem:
        push(m)
    while P < lo and heap:
        pv, v = heappop(heap)
        if P + pv > hi or _clash(lab, v, lb):
            continue
        mem.append(v)
        P += pv
        lb = lb if lab[v] < 0 else int(lab[v])
        push(v)
    return mem if lo <= P <= hi else None


def _connected_sets(u, p, nb, lab, cap, visit, max_nodes, max_size=None):
    """Every connected set containing unit ``u`` (each once; at most one label of ``lab``),
    grown one unit at a time: a set is skipped with all its supersets once its population
    exceeds ``cap()`` (populations are >= 0, so supersets only weigh more). ``visit(set,
    population)`` is called on each set but ``{u}``; True stops the search. Returns whether the
    search was complete (not cut by ``max_nodes`` sets or ``max_size`` units)."""
    st = dict(nodes=0, stop=False, complete=True)

    def rec(mem, P, lb, ext, banned):
        for i, v in enumerate(ext):
            if st["stop"]:
                return
            if st["nodes"] >= max_nodes or (max_size is not None and len(mem) >= max_size):
                st["complete"], st["stop"] = False, True
                return
            Pv = P + p[v]
            if Pv > cap() or _clash(lab, v, lb):
                continue
            st["nodes"] += 1
            m2 = mem + [v]
            if visit(m2, Pv):
                st["stop"] = True
                return
            ban = banned | set(ext[:i + 1])
            inm = set(m2)
            ext2 = ext[i + 1:] + [w for w in nb[v] if w not in inm and w not in ban and w not in ext]
            rec(m2, Pv, lb if lab[v] < 0 else int(lab[v]), ext2, ban)

    rec([u], float(p[u]), int(lab[u]), list(nb[u]), {u})
    return st["complete"], st["nodes"]


def _balance_floor(p, nb, T, lo, hi, labels=None, max_nodes=20000, max_size=300, max_total=200000):
    """Units that cannot belong to any contiguous territory whose population lies in
    ``[lo, hi]``: a necessary condition of balance, so a proof that it is out of reach.

    A territory is a connected set of units (adjacency lists ``nb``) holding at most one of
    the labels ``labels`` (locks and fixed hubs; -1 = free). For each unit, a set in the band
    is first sought greedily (:func:`_greedy_band`); every member of a set found is settled
    with it. The units left (the heaviest first) are searched exhaustively
    (:func:`_connected_sets`, pruned by the best deviation so far), up to ``max_nodes`` sets
    of at most ``max_size`` units each and ``max_total`` sets in all; a unit's search also
    stops at a set no farther from the target than the largest deviation already proven (it
    cannot raise the floor). Returns ``[(unit, best_dev, best_set, proven)]`` for the units
    that raised the floor or whose search was cut short: ``best_dev`` = the smallest
    |population / T - 1| of a set containing the unit, exact when ``proven`` (the search was
    complete): no cut can then have a maximum deviation below it."""
    n = len(p)
    lab = np.full(n, -1, dtype=np.int64) if labels is None else np.asarray(labels, dtype=np.int64)
    p = np.asarray(p, dtype=float)
    T = max(float(T), 1e-12)
    ok = np.zeros(n, dtype=bool)
    for u in np.argsort(-p, kind="stable").tolist():
        if not ok[u]:
            got = _greedy_band([u], p, nb, lo, hi, lab)
            if got is not None:
                ok[got] = True
    out = []
    floor, total = 0.0, 0
    left = np.flatnonzero(~ok)
    for u in left[np.argsort(-p[left], kind="stable")].tolist():
        if ok[u]:
            continue
        dev = abs(p[u] / T - 1.0)
        if total >= max_total:
            out.append((u, dev, [u], False))
            continue
        if dev <= floor:
            continue
        st = dict(dev=dev, set=[u], found=False, dominated=False)

        def visit(m2, Pv):
            d = abs(Pv / T - 1.0)
            if d < st["dev"]:
                st["dev"], st["set"] = d, m2
            if lo <= Pv <= hi:
                st["found"], st["set"] = True, m2
                return True
            st["dominated"] = d <= floor
            return st["dominated"]

        complete, nodes = _connected_sets(u, p, nb, lab, lambda: T * (1.0 + st["dev"]), visit,
                                          max_nodes, max_size)
        total += nodes
        if st["found"]:
            ok[st["set"]] = True
            continue
        if st["dominated"]:
            continue
        out.append((u, float(st["dev"]), st["set"], bool(complete)))
        if complete:
            floor = max(floor, float(st["dev"]))
    return out


def _forced_groups(p, nb, T, lo, hi, labels=None, min_frac=0.25, max_nodes=20000):
    """Units that every balanced contiguous territory puts together: for each unit of at least
    ``min_frac`` x ``T`` inhabitants, the intersection of all the connected sets (adjacency
    lists ``nb``, at most one of the ``labels``, -1 = free) that contain it with a population in
    ``[lo, hi]``. Any cut within the band has that unit's territory among these sets, so the
    intersection always shares it. Cheap first: greedy sets started through each neighbour
    (most units are left alone as soon as two of them share only the unit); then every set
    (:func:`_connected_sets`), up to ``max_nodes``; a unit whose search is cut short tells
    nothing. Only the part of the intersection connected to the unit is kept (so each group is
    connected). Returns the groups of two units or more (lists, overlapping groups joined)."""
    n = len(p)
    lab = np.full(n, -1, dtype=np.int64) if labels is None else np.asarray(labels, dtype=np.int64)
    p = np.asarray(p, dtype=float)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u in np.flatnonzero(p >= min_frac * T).tolist():
        if lo <= p[u] <= hi:
            continue                        # alone in the band: nothing forced
        inter = None
        for v in nb[u]:
            s = _greedy_band([u, v], p, nb, lo, hi, lab)
            if s is not None:
                inter = set(s) if inter is None else inter & set(s)
                if inter == {u}:
                    break
        if inter == {u}:
            continue
        st = dict(inter=None)

        def visit(m2, Pv):
            if Pv >= lo:
                st["inter"] = set(m2) if st["inter"] is None else st["inter"] & set(m2)
                return st["inter"] == {u}
            return False

        complete, _ = _connected_sets(u, p, nb, lab, lambda: hi, visit, max_nodes)
        if complete and st["inter"] is not None and len(st["inter"]) > 1:
            # the intersection of connected sets need not be connected (two sets may reach the
            # same unit by different paths): its part around u is what is kept together
            for w in _flood(u, st["inter"], nb):
                parent[find(w)] = find(u)
    groups = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for g in groups.values() if len(g) > 1]


class _BalanceMixin:
    """Balance proofs and repair of :class:`_Solver` (the floor, tighter bands, the polish)."""

    def _floor(self, S, p, nb, T, lo, hi, set_lab):
        """Is the balance band out of reach for some unit of this sub-problem whatever the
        cut? Logs the proof and returns the smallest maximum deviation any contiguous cut can
        have (a fraction of the target; 0 when no such proof was found)."""
        if T <= 0 or len(S) < 2:
            return 0.0
        out = _balance_floor(p, nb, T, lo, hi, set_lab, max_nodes=self.effort.floor_max_nodes)
        proven = sorted((o for o in out if o[3]), key=lambda o: -o[1])
        if not proven:
            return 0.0
        what = "the groups kept whole, " if any(self.members[S[o[0]]].size > 1 for o in proven) else ""
        parts = []
        for u, d, st, _ in proven[:3]:
            P = float(p[st].sum())
            parts.append(f"every contiguous territory containing {self.unit_name(int(S[u]))} has a population "
                         f"outside {_fmt(lo)}..{_fmt(hi)} (the closest: "
                         f"{' + '.join(self.unit_name(int(S[m])) for m in st)} = {_fmt(P)}, "
                         f"{100 * (P / T - 1):+.1f}%)")
        more = f" ({len(proven) - 3} more such units)" if len(proven) > 3 else ""
        self.log(f"balance at +/-{self.tol:.0%} is out of reach with this contiguity, "
                 f"{what}locks and hubs: " + "; ".join(parts) + more +
                 f". No cut can have a maximum deviation below {100 * proven[0][1]:.1f}% of the target "
                 f"{_fmt(T)}; the search keeps every other territory within the band where it can")
        return float(proven[0][1])


    def _tight_retry(self, S, labels, T, kind, p, nb, lo, hi, movable, n_starts):
        """A third of the usual starts (at least two) again with a band of ``tight_scales`` x
        the tolerance; the first result that meets the real band is kept, after a local search
        within the real band.
        -> best entry (key, sol) or None."""
        for f in self.effort.tight_scales:
            ns0 = self.n_starts
            self.n_starts = max(2, n_starts // 3)
            try:
                sol = self._core(S, labels, T, kind, tol_scale=f)
            finally:
                self.n_starts = ns0
            lab = sol.lab
            k_r = len(labels)
            P = np.bincount(lab, weights=p, minlength=k_r)
            if float(np.maximum(0, np.maximum(lo - P, P - hi)).sum()) > 0:
                continue
            g2l = {int(u): i for i, u in enumerate(S)}
            mv = movable.copy()
            mv[[g2l[int(self.unit_of[h])] for h in sol.hubs]] = False
            lab = self._local_search(lab, sol.C, p, nb, lo, hi, mv)
            obj = float(sol.C[lab, np.arange(lab.size)].sum())
            self.log(f"balance: not met by the first {n_starts} starts; met by {max(2, n_starts // 3)} new starts with a band "
                     f"of +/-{100 * self.tol * f:.1f}% (then relaxed to +/-{100 * self.tol:.0f}%)")
            return (0, obj), replace(sol, lab=lab, lo=lo, hi=hi)
        return None


    def _polish_balance(self, sol, p, nb, movable, groups_of, fixed_mask, g2l):
        """Balance still off after the restarts: ejection chains, perturbed LPs, exact
        neighbourhood re-assignments (all bounded by counts), then hubs and local search. Kept
        when the balance is better, or as good at a lower cost."""
        lab, hubs, C, lo, hi = sol.lab.copy(), sol.hubs, sol.C, sol.lo, sol.hi
        k_r = len(hubs)
        S, cS, seg = sol.S, sol.cS, sol.seg
        rng = np.random.default_rng([self.seed, 99])
        hub_u = np.array([g2l[int(self.unit_of[h])] for h in hubs])
        mv = movable.copy()
        mv[hub_u] = False
        fixed = sol.fixed
        lab = self._chains(lab, C, p, nb, lo, hi, mv)
        lab = self._rebalance(lab, C, p, nb, lo, hi, hub_u, fixed, mv, rng, tries=40,
                              budget=self.effort.rebalance_budget)
        if self.effort.exact_max_pairs > 0:
            rep = np.array([m[np.argmax(self.pop[m])] for m in (self.members[u] for u in S)])

            def dist(ts, U):
                """(len(ts), len(U)) minutes from each unit (its most populated commune) to the hubs"""
                return self._rows(hubs[ts], rep[U], sol.limit)
            before = np.bincount(lab, weights=p, minlength=k_r)
            lab = self._exact_balance(lab, C, dist, p, nb, lo, hi, hub_u, fixed)
            after = np.bincount(lab, weights=p, minlength=k_r)
            e_b, e_a = (float(np.maximum(0, np.maximum(lo - P, P - hi)).sum()) for P in (before, after))
            if e_a < e_b - 1e-9 * hi:
                self.log(f"balance: boundary moves and ejection chains left {_fmt(e_b)} inhabitants outside "
                         f"{_fmt(lo)}..{_fmt(hi)}; an exact re-assignment of neighbouring territories (MILP) "
                         f"brought this to {_fmt(e_a)}")
        new_hubs, _ = self._medians(groups_of(lab), hubs, fixed_mask, sol.limit)
        Ct = self._unit_costs(new_hubs, S, cS, seg, sol.limit)
        self._fix_unreachable(Ct, new_hubs, S, cS, seg)
        Cs = Ct + self._stab_costs(sol.home if sol.home is not None else [-1] * k_r, S)
        hub_u = np.array([g2l[int(self.unit_of[h])] for h in new_hubs])
        mv = movable.copy()
        mv[hub_u] = False
        lab2 = self._local_search(lab, Cs, p, nb, lo, hi, mv)

        def exc(l):
            P = np.bincount(l, weights=p, minlength=k_r)
            return float(np.maximum(0, np.maximum(lo - P, P - hi)).sum())
        e0, e2 = exc(sol.lab), exc(lab2)
        o0 = float(sol.C[sol.lab, np.arange(lab2.size)].sum())
        o2 = float(Cs[lab2, np.arange(lab2.size)].sum())
        if e2 < e0 - 1e-9 * hi or (e2 <= e0 + 1e-9 * hi and o2 < o0 - 1e-9 * abs(o0)):
            sol = replace(sol, lab=lab2, hubs=new_hubs, C=Cs, Ct=Ct)
        return sol


    def _exact_balance(self, lab, C, dist, p, nb, lo, hi, hub_u, fixed):
        """Balance still off after the chains and the perturbed LPs: exact re-assignment of an
        out-of-balance territory and its neighbouring territories (``_exact_repair``), one ring
        of neighbours first, then two; the worst territories first. A result is kept when it
        lowers the total excess, or keeps it and lowers the cost. -> labels."""
        k = C.shape[0]
        n = len(lab)
        lab = np.asarray(lab, dtype=np.int64).copy()

        def score(l):
            P = np.bincount(l, weights=p, minlength=k)
            return (float(np.maximum(0, np.maximum(lo - P, P - hi)).sum()),
                    float(C[l, np.arange(n)].sum()))
        cur = score(lab)
        tol_e = 1e-9 * max(hi, 1.0)
        solves = 0
        done = set()
        while cur[0] > tol_e and solves < self.effort.exact_max_solves:
            P = np.bincount(lab, weights=p, minlength=k)
            ex = np.maximum(0, np.maximum(lo - P, P - hi))
            cand = [int(t) for t in np.argsort(-ex, kind="stable") if ex[t] > tol_e]
            todo = [(a, r) for a in cand for r in range(1, self.effort.exact_rings + 1) if (a, r) not in done]
            if not todo:
                break
            a, rings = todo[0]
            done.add((a, rings))
            self.mon.check()
            solves += 1
            new = None
            for hops in range(self.effort.exact_hops, 0, -1):
                new = self._exact_repair(lab, C, dist, p, nb, lo, hi, hub_u, fixed, a, rings, hops)
                if new is not False:
                    break
            if new is None or new is False:
                continue
            sc = score(new)
            if sc[0] < cur[0] - tol_e or (sc[0] <= cur[0] + tol_e and sc[1] < cur[1] - 1e-9 * abs(cur[1])):
                if sc[0] < cur[0] - tol_e:
                    done = set()
                lab, cur = new, sc
        return lab


    def _rebalance(self, lab, C, p, nb, lo, hi, hub_u, fixed, mv, rng, tries=25, budget=None):
        """Large-neighbourhood repair of balance: re-assign an out-of-balance territory and its
        neighbours with randomly perturbed transportation LPs, then repair + local search."""
        k = C.shape[0]

        def score(l):
            P = np.bincount(l, weights=p, minlength=k)
            return float(np.maximum(0, np.maximum(lo - P, P - hi)).sum()), float(C[l, np.arange(l.size)].sum())
        cur = score(lab)
        tried = set()
        used = 0
        for _ in range(3 * k):
            if cur[0] <= 1e-9 * hi:
                break
            self.mon.check()
            P = np.bincount(lab, weights=p, minlength=k)
            ex = np.maximum(0, np.maximum(lo - P, P - hi))
            cand = [t for t in np.argsort(-ex) if ex[t] > 0 and t not in tried]
            if not cand:
                break
            a = int(cand[0])
            tried.add(a)
            ua = np.flatnonzero(lab == a)
            ts = {a} | {int(lab[v]) for u in ua for v in nb[u]}
            if len(tried) % 2 == 0:     # every other round: two rings of neighbours
                ts |= {int(lab[v]) for u in np.flatnonzero(np.isin(lab, list(ts))) for v in nb[u]}
            ts = sorted(ts)
            if len(ts) < 2:
                continue
            U = np.flatnonzero(np.isin(lab, ts))
            tmap = np.array(ts)
            Csub = C[np.ix_(tmap, U)]
            fx = np.full(U.size, -1, dtype=np.int64)
            g2 = {int(t): i for i, t in enumerate(ts)}
            for i, u in enumerate(U):
                if fixed[u] >= 0:
                    fx[i] = g2.get(int(fixed[u]), -1)
            for t in ts:
                fx[np.flatnonzero(U == hub_u[t])] = g2[t]
            mvU = np.zeros(lab.size, dtype=bool)
            mvU[U] = mv[U]
            for _try in range(tries):
                if budget is not None and used >= budget:
                    return lab
                used += 1
                noise = 1.0 + 0.5 * rng.random(Csub.shape)
                sl, _ = _transport_lp(Csub * noise, p[U], lo, hi, fx, len(ts))
                new = lab.copy()
                new[U] = tmap[sl]
                new = self._repair(new, C, nb, hub_u, fixed >= 0)
                new = self._local_search(new, C, p, nb, lo, hi, mvU, max_rounds=5)
                sc = score(new)
                if sc[0] < cur[0] - 1e-9 * hi or (sc[0] <= cur[0] + 1e-9 * hi and sc[1] < cur[1] - 1e-9):
                    if sc[0] < cur[0] - 1e-9 * hi:
                        tried.clear()
                    lab, cur = new, sc
                    if cur[0] <= 1e-9 * hi:
                        break
        return lab

"""The result of a run: times to the hubs, bounds, deviations, messages and the reason of
each commune's assignment."""
from __future__ import annotations


import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from .common import _fmt
from ..contiguity import territory_contiguity
from .result import ClusterResult
from .transport import _transport_lp


class _ReportMixin:
    """The :class:`ClusterResult` of a run, and the reason of each assignment."""

    def _result(self, labels, hubs, targets, forced, sols):
        k, n = self.k, self.n
        pop_t = np.bincount(labels, weights=self.pop, minlength=k)
        # time to own hub
        tth = np.full(n, np.inf)
        lim = np.inf
        if self.big:
            lim = max((s.limit for s in sols), default=np.inf) * 4
        step = max(1, int(1.5e7 // max(self.times.N, 1)))
        order = np.argsort(labels, kind="stable")
        st = np.searchsorted(labels[order], np.arange(k + 1))
        for s in range(0, k, step):
            d = dijkstra(self.times.rev, directed=True, indices=self.nodes[hubs[s:s + step]], limit=lim)
            d = np.atleast_2d(d)
            for r in range(d.shape[0]):
                t = s + r
                mem = order[st[t]:st[t + 1]]
                tth[mem] = d[r, self.nodes[mem]]
        miss = np.flatnonzero(~np.isfinite(tth))
        if miss.size and np.isfinite(lim):
            d = self.times.from_sources(self.nodes[miss], self.nodes[hubs])
            tth[miss] = d[np.arange(miss.size), labels[miss]]
        fin = np.isfinite(tth)
        objective = float(np.dot(self.pop[fin], tth[fin]))
        if (~fin).any():
            self.log(f"{int((~fin).sum())} communes cannot reach their hub on the travel graph "
                     "(time inf, left out of the objective)")
        mean_time = objective / max(float(self.pop[fin].sum()), 1e-12)
        # nobody lives there (all populations 0): every territory is "balanced"
        dev = 100 * (pop_t - self.target) / self.target if self.target > 0 else np.zeros_like(pop_t)
        dev_adj = 100 * (pop_t - targets) / np.where(targets > 0, targets, 1)
        max_dev = float(np.abs(dev).max())
        max_dev_adj = float(np.abs(dev_adj).max())
        others = ~forced
        max_dev_oth = float(np.abs(dev[others]).max()) if others.any() else 0.0
        feasible = bool(max_dev_adj <= 100 * self.tol + 1e-6)
        # contiguity at commune level: by land (the adjacency given), and with the links the
        # search added (a territory held together by one is "contiguous with sea links")
        A = self.A
        land = territory_contiguity(labels, A, k)
        # links that ended up between two territories (superseded by a later one) are dropped
        self.virtual_edges = [(a, b) for a, b in self.virtual_edges if labels[a] == labels[b]]
        if self.virtual_edges:
            a, b = np.array(self.virtual_edges).T
            V = sparse.csr_matrix((np.ones(2 * a.size), (np.r_[a, b], np.r_[b, a])), shape=(n, n))
            A = (A + V).tocsr()
            contiguous = territory_contiguity(labels, A, k)
        else:
            contiguous = land
        # lower bound
        lb = None
        if self.compute_bound:
            lbs = []
            for sol in sols:
                if sol.kind in ("heavy", "one", "each"):
                    idx = np.concatenate([np.flatnonzero(labels == l) for l in sol.labels])
                    lbs.append(float(np.dot(self.pop[idx], np.where(np.isfinite(tth[idx]), tth[idx], 0))))
                    continue
                try:
                    b = self._ipm_bound(sol) if self.effort.bound_method == "ipm" else self._bound(sol)
                    if b is None and self.effort.lagrange_iterations > 0:
                        b = self._lagrangian_bound(sol)
                except Exception as exc:  # pragma: no cover - solver failure is reported, not fatal
                    self.log(f"lower bound not computed: {exc}")
                    b = None
                if b is None:
                    lbs = None
                    break
                lbs.append(b)
            if lbs is not None:
                lb = float(sum(lbs))
        # assignment bound with final hubs (transportation LP, no contiguity)
        ab = 0.0
        for sol in sols:
            if sol.kind == "core":
                Ct = sol.travel
                fx = np.full(sol.S.size, -1, dtype=np.int64)
                fx[sol.fixed >= 0] = sol.fixed[sol.fixed >= 0]
                _, v = _transport_lp(Ct, self.upop[sol.S], sol.lo, sol.hi, fx,
                                     len(sol.labels) if len(sol.labels) <= 40 else 12)
                ab = None if (v is None or ab is None) else ab + v
            else:
                idx = np.concatenate([np.flatnonzero(labels == l) for l in sol.labels])
                ab = None if ab is None else ab + float(np.dot(self.pop[idx], np.where(
                    np.isfinite(tth[idx]), tth[idx], 0)))
        # stability
        changed = None
        match = None
        stab_pen = 0.0
        if self.existing is not None:
            from scipy.optimize import linear_sum_assignment
            W = np.zeros((k, len(self.codes)))
            ok = self.existing >= 0
            np.add.at(W, (labels[ok], self.existing[ok]), self.pop[ok] + 1e-3)
            r, c = linear_sum_assignment(-W)
            match_i = np.full(k, -1, dtype=np.int64)
            match_i[r] = c
            match = np.array([self.codes[c] if c >= 0 else None for c in match_i], dtype=object)
            changed = match_i[labels] != self.existing
            stab_pen = self.stability * float(changed.sum())
            self.log(f"stability: {int(changed.sum())} communes change territory compared with today "
                     f"(penalty {self.stability:g} inhabitant-minutes each = {_fmt(stab_pen)})")
        # messages on balance / contiguity
        floor = max((s.dev_floor for s in sols), default=0.0)
        for t in range(k):
            if forced[t]:
                continue
            if abs(dev_adj[t]) > 100 * self.tol + 1e-6:
                at_floor = abs(dev_adj[t]) <= 100 * floor + 1e-6
                self.log(f"territory {t} (hub {self.nm(int(hubs[t]))}) is at {dev_adj[t]:+.1f}% of its target "
                         f"{_fmt(targets[t])}: " + (
                             "no contiguous territory can do better (see the proof above)" if at_floor else
                             "no boundary move or swap fixes it without breaking contiguity, "
                             "a kept-whole group or a lock"))
        if others.any() and forced.any():
            self.log(f"balance over the {int(others.sum())} territories not forced alone: max deviation "
                     f"{max_dev_oth:.1f}% of total/K, {float(np.abs(dev_adj[others]).max()):.1f}% of their "
                     f"recomputed target")
        if self.locks is not None:
            # a safety net: the search keeps locks; should one ever be lost, it is said
            lost = np.flatnonzero((self.locks >= 0) & (labels != self.locks))
            if lost.size:
                self.log(f"WARNING: {lost.size} locked communes are not in their territory ("
                         + ", ".join(f"{self.nm_id(int(i))} locked to {self.tname(self.locks[i])}, in "
                                     f"{self.tname(labels[i])}"
                                     for i in lost[:5]) + ("..." if lost.size > 5 else "") + ")")
        for t in np.flatnonzero(~contiguous):
            mem = np.flatnonzero(labels == t)
            cause = []
            if any(self.unit_of[i] in self.noncontig_units for i in mem):
                cause.append("a kept-whole group in several pieces")
            if self.locks is not None and (self.lock_u[self.unit_of[mem]] == t).any():
                cause.append("locked communes")
            self.log(f"territory {self.tname(t)} is not contiguous ({' and '.join(cause) or 'see above'})")
        reason = self._reasons(labels, hubs, forced, sols, tth)
        nb_bal = sum(1 for r in reason if r.startswith("balance"))
        nb_con = sum(1 for r in reason if r.startswith("contiguity"))
        self.log(f"result: max deviation {max_dev:.1f}% of total/K ({max_dev_adj:.1f}% of the recomputed "
                 f"targets), balance {'met' if feasible else 'NOT met'} at +/-{self.tol:.0%}; "
                 f"{int(contiguous.sum())}/{k} territories contiguous; mean time to hub {mean_time:.1f} min; "
                 f"{nb_bal} communes are away from their nearest hub because of balance, {nb_con} because of "
                 "contiguity")
        if lb is not None and lb > 0:
            kind = "LP relaxation" if self.effort.lagrange_iterations <= 0 else "LP or Lagrangian relaxation"
            self.log(f"lower bound ({kind}, no contiguity): {_fmt(lb)}; objective {_fmt(objective)} "
                     f"is {100 * (objective - lb) / lb:.1f}% above it")
        return ClusterResult(
            labels=labels, hubs=hubs, time_to_hub=tth, objective=objective, pop=pop_t,
            target=self.target, targets=targets, dev_pct=dev, max_dev_pct=max_dev,
            max_dev_pct_adjusted=max_dev_adj, max_dev_pct_others=max_dev_oth, feasible_balance=feasible,
            balance_tol=self.tol, contiguous=contiguous, forced=forced, lower_bound=lb,
            assignment_bound=ab, messages=list(self.msgs), reason=reason, mean_time=mean_time,
            stability_penalty=stab_pen, changed=changed, existing_match=match,
            info=dict(n_units=self.nu, virtual_edges=list(self.virtual_edges), balance_floor_pct=100 * floor,
                      subproblems=[(s.kind, len(s.labels), int(s.S.size)) for s in sols],
                      link_messages=list(self.link_msgs)),
            links=np.array(self.virtual_edges, dtype=np.int64).reshape(-1, 2), land_contiguous=land)

    def _reasons(self, labels, hubs, forced, sols, tth):
        n = self.n
        reason = np.empty(n, dtype=object)
        hubset = set(int(h) for h in hubs)
        for sol in sols:
            S, labs, nb = sol.S, sol.labels, sol.nb
            k_r = len(labs)
            Ct = sol.travel
            lab = np.array([labs.index(labels[self.members[u][0]]) if labels[self.members[u][0]] in labs
                            else 0 for u in S])
            p = self.upop[S]
            P = np.bincount(lab, weights=p, minlength=k_r)
            for i, u in enumerate(S):
                a = lab[i]
                if sol.kind == "heavy":
                    r = "alone: heavier than the target x (1 + tol)"
                elif sol.kind == "one":
                    r = "single territory for its part of the map"
                elif sol.kind == "each":
                    r = "each unit is its own territory (K = number of units)"
                elif sol.fixed[i] >= 0:
                    r = "locked"
                else:
                    col = Ct[:, i]
                    b = int(np.argmin(np.where(np.isfinite(col), col, np.inf)))
                    if b == a or col[b] >= col[a] - 1e-9 * (abs(col[a]) + 1):
                        r = "nearest hub"
                        if sol.C is not Ct and sol.home is not None:
                            pass
                    else:
                        touches = any(lab[v] == b for v in nb[i])
                        if not touches:
                            r = (f"contiguity: the territory of its nearest hub ({labs[b]}, "
                                 f"{self.nm(int(sol.hubs[b]))}) does not touch it")
                        elif (P[b] + p[i] > sol.hi + 1e-9) or (P[a] - p[i] < sol.lo - 1e-9):
                            r = (f"balance: nearest hub is territory {labs[b]}'s "
                                 f"({self.nm(int(sol.hubs[b]))}), moving would break the balance")
                        elif not self._connected_without(i, a, lab.tolist(), nb):
                            r = "contiguity: leaving would cut its territory in two"
                        elif self.stability > 0 and sol.C[b, i] >= sol.C[a, i]:
                            r = "stability: stays in its current territory"
                        else:
                            r = "local optimum: a single move does not pay off"
                for c in self.members[u]:
                    rc = r
                    if int(c) in hubset and labels[c] == labs[a] and hubs[labels[c]] == c:
                        rc = "hub of its territory"
                    elif self.members[u].size > 1:
                        rc = f"kept with its group ({self.unit_name(u)}); " + r
                    reason[c] = rc
        for i in range(n):
            if reason[i] is None:
                reason[i] = "locked to a territory planned elsewhere"
        return reason


# --------------------------------------------------------------------------- public API

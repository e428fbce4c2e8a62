"""Exact neighbourhood re-assignment: a small MILP with contiguity written as shortest-path
constraints around the hubs."""
from __future__ import annotations

from collections import deque

import numpy as np
from scipy import sparse

from .. import highs


class _ExactMixin:
    """Exact neighbourhood re-assignment (a MILP) of :class:`_Solver`."""

    def _exact_repair(self, lab, C, dist, p, nb, lo, hi, hub_u, fixed, a, rings, hops):
        """Re-assign at once every unit of territory ``a`` and of the territories up to
        ``rings`` rings of adjacency around it: a MILP (HiGHS, one thread, at most
        ``exact_max_nodes`` nodes) that minimises first the population out of
        ``[lo, hi]`` of these territories, then their cost ``C``. Hubs stay in place.

        Contiguity is exact, written with a potential per territory (a "shortest-path"
        formulation): a unit may belong to the territory only if one of its neighbours with a
        lower potential belongs to it too, so that every territory of a solution is connected to
        its hub (the lowest potential). The potential is the travel time to the hub, else the
        number of hops from the hub, else (always possible) the depth from the hub inside the
        territory, units outside coming after: the first one under which today's territory is
        a solution, so that today's assignment is always one. Units may join a territory from
        at most ``hops`` hops away.

        Returns the new labels, None (nothing to solve or no better solution read), or False
        when the MILP would exceed ``exact_max_pairs`` variables (the caller retries with
        fewer hops)."""
        ts = {int(a)}
        for _ in range(rings):
            ts |= {int(lab[v]) for u in np.flatnonzero(np.isin(lab, sorted(ts))) for v in nb[u]}
        ts = sorted(ts)
        R = len(ts)
        U = np.flatnonzero(np.isin(lab, ts))
        nU = U.size
        if R < 2 or nU > self.effort.exact_max_pairs:
            return None
        pos = np.full(len(lab), -1, dtype=np.int64)
        pos[U] = np.arange(nU)
        tpos = {t: r for r, t in enumerate(ts)}
        cur = np.array([tpos[int(lab[u])] for u in U])
        nbU = [[int(pos[v]) for v in nb[u] if pos[v] >= 0] for u in U]
        roots = np.array([int(pos[hub_u[t]]) for t in ts])
        Dts = None if dist is None else np.asarray(dist(np.asarray(ts), U), dtype=float)
        phi = np.full((R, nU), np.inf)
        for r in range(R):
            mem = np.flatnonzero(cur == r)
            near = np.full(nU, -1)          # hops from the territory (0: in it)
            near[mem] = 0
            front = mem.tolist()
            for h in range(1, hops + 1):
                nxt = []
                for x in front:
                    for y in nbU[x]:
                        if near[y] < 0:
                            near[y] = h
                            nxt.append(y)
                front = nxt
            reach = near >= 0
            # potentials tried in turn: travel time to the hub, hops from the hub (over the units
            # that may join), depth from the hub inside the territory; the first one under which
            # today's territory is a solution (each of its units has a neighbour in it with a
            # lower potential) is kept
            tries = []
            if Dts is not None:
                tries.append(np.where(reach, Dts[r], np.inf))
            hop = np.full(nU, np.inf)
            hop[roots[r]] = 0.0
            dq = deque([int(roots[r])])
            while dq:
                x = dq.popleft()
                for y in nbU[x]:
                    if reach[y] and hop[y] == np.inf:
                        hop[y] = hop[x] + 1
                        dq.append(y)
            tries.append(hop)
            for f in tries:
                f = f.copy()
                f[roots[r]] = -1.0
                if np.isfinite(f[mem]).all() and all(
                        i == roots[r] or any(cur[j] == r and f[j] < f[i] for j in nbU[i]) for i in mem):
                    phi[r] = f
                    break
            else:
                depth = np.full(nU, np.inf)
                depth[roots[r]] = 0.0
                dq = deque([int(roots[r])])
                while dq:
                    x = dq.popleft()
                    for y in nbU[x]:
                        if cur[y] == r and depth[y] == np.inf:
                            depth[y] = depth[x] + 1
                            dq.append(y)
                if np.isinf(depth[mem]).any():
                    return None             # not in one piece today (locks, split groups): left alone
                out = near > 0
                depth[out] = nU + 1.0 + near[out]
                phi[r] = depth
        Cs = C[np.ix_(ts, U)]
        allow = np.isfinite(phi) & np.isfinite(Cs)
        for i in np.flatnonzero(fixed[U] >= 0):     # locked units stay where they are
            allow[:, i] = False
            allow[cur[i], i] = True
        for r in range(R):
            allow[:, roots[r]] = False
            allow[r, roots[r]] = True
        # a pair needs a neighbour with a lower potential that may belong to the territory
        pred = {}
        changed = True
        while changed:
            changed = False
            for r, i in zip(*np.nonzero(allow)):
                if i == roots[r]:
                    continue
                pr = [j for j in nbU[i] if allow[r, j] and phi[r, j] < phi[r, i]]
                if not pr:
                    allow[r, i] = False
                    changed = True
                else:
                    pred[(r, i)] = pr
        xr, xi = np.nonzero(allow)
        nx = xr.size
        if nx > self.effort.exact_max_pairs:
            return False
        if nx == nU:
            return None                     # nothing may move
        xid = np.full((R, nU), -1, dtype=np.int64)
        xid[xr, xi] = np.arange(nx)
        if (xid[cur, np.arange(nU)] < 0).any():
            return None                     # today's assignment is not representable (no time)
        scale = max(float(np.abs(Cs[xr, xi]).max()), 1e-12)
        pu = p[U]
        pmin = float(pu[pu > 0].min()) if (pu > 0).any() else 1.0
        w_exc = (nU + 1.0) / min(pmin, 1.0)     # one inhabitant out of balance outweighs any cost
        ncol = nx + 2 * R
        cost = np.concatenate([Cs[xr, xi] / scale, np.full(2 * R, w_exc)])
        rows = [xi, nU + xr, nU + np.arange(R), nU + np.arange(R)]
        cols = [np.arange(nx), np.arange(nx), nx + np.arange(R), nx + R + np.arange(R)]
        vals = [np.ones(nx), pu[xi], -np.ones(R), np.ones(R)]
        nrow = nU + R
        rr, cc, vv = [], [], []
        for q in range(nx):
            r, i = int(xr[q]), int(xi[q])
            if i == roots[r]:
                continue
            pr = pred[(r, i)]
            rr.extend([nrow] * (1 + len(pr)))
            cc.append(q)
            cc.extend(int(xid[r, j]) for j in pr)
            vv.append(1.0)
            vv.extend([-1.0] * len(pr))
            nrow += 1
        rows.append(np.array(rr, dtype=np.int64))
        cols.append(np.array(cc, dtype=np.int64))
        vals.append(np.array(vv, dtype=float))
        A = sparse.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(nrow, ncol))
        A.sort_indices()
        n_sp = nrow - nU - R
        # one thread and a node limit: the same seed gives the same result on any machine; the
        # gap is judged on the cost part (the excess part dominates the objective)
        h, hp = highs.new(threads=1, mip_max_nodes=int(self.effort.exact_max_nodes), mip_rel_gap=0.0,
                          mip_abs_gap=1e-5 * max(float(cost[xid[cur, np.arange(nU)]].sum()), 1e-6), random_seed=0)
        highs.pass_model(h, hp, cost, np.zeros(ncol), np.concatenate([np.ones(nx), np.full(2 * R, np.inf)]),
                         np.concatenate([np.ones(nU), np.full(R, lo), np.full(n_sp, -np.inf)]),
                         np.concatenate([np.ones(nU), np.full(R, hi), np.zeros(n_sp)]),
                         A.indptr, A.indices, A.data, integer=np.arange(ncol) < nx)
        # today's assignment as a starting solution (always feasible)
        x0 = np.zeros(ncol)
        x0[xid[cur, np.arange(nU)]] = 1.0
        P0 = np.bincount(cur, weights=pu, minlength=R)
        x0[nx:nx + R] = np.maximum(P0 - hi, 0)
        x0[nx + R:] = np.maximum(lo - P0, 0)
        highs.set_start(h, x0)
        sol = highs.solve(h)
        if sol.x is None:
            return None
        x = sol.x[:nx]
        if np.any(np.abs(x - np.round(x)) > 1e-6):
            return None
        new = np.asarray(lab, dtype=np.int64).copy()
        on = x > 0.5
        if np.bincount(xi[on], minlength=nU).min() != 1:
            return None
        new[U[xi[on]]] = np.asarray(ts)[xr[on]]
        return new

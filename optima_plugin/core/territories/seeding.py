"""Travel costs between units and hubs, hub re-optimisation (1-medians) and hub seeding."""
from __future__ import annotations


import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra


class _Times:
    """Times *to* root nodes (Dijkstra on the reversed graph), chunked, optional limit."""

    def __init__(self, graph, max_cells: float = 1.5e7):
        t = sparse.csr_matrix(graph.time)
        self.fwd = t
        self.rev = t.T.tocsr()
        self.N = t.shape[0]
        self.max_cells = max_cells

    def _batched(self, matrix, starts, targets, limit):
        starts = np.asarray(starts, dtype=np.int64)
        targets = np.asarray(targets, dtype=np.int64)
        out = np.empty((starts.size, targets.size))
        step = max(1, int(self.max_cells // max(self.N, 1)))
        for s in range(0, starts.size, step):
            d = dijkstra(matrix, directed=True, indices=starts[s:s + step], limit=limit)
            out[s:s + step] = np.atleast_2d(d)[:, targets]
        return out

    def to_roots(self, roots, targets, limit=np.inf):
        """(len(roots), len(targets)): time from each target TO each root."""
        return self._batched(self.rev, roots, targets, limit)

    def from_sources(self, sources, targets, limit=np.inf):
        """(len(sources), len(targets)): time from each source to each target."""
        return self._batched(self.fwd, sources, targets, limit)


class _SeedingMixin:
    """Travel costs, 1-medians and hub seeding of :class:`_Solver`."""

    # ------------------------------------------------------------------ geometry of times
    def _limit(self, n_units, k_r):
        if not self.big:
            return np.inf
        d = self.graph.time.data
        e = float(np.median(d[d > 0])) if (d > 0).any() else 1.0
        ncom = self.n * n_units / max(self.nu, 1)
        return e * (4.0 * np.sqrt(max(ncom / max(k_r, 1), 1.0)) + 3.0)

    def _unit_costs(self, hub_communes, S, cS, seg, limit):
        """C (k, |S|): sum over communes of the unit of pop * time(commune -> hub)."""
        k = len(hub_communes)
        got = getattr(self, "_uc_mats", None)
        if got is not None and got[0] is cS and got[1] is seg and got[2] is S:
            Ms, Mb = got[3], got[4]
        else:       # the same matrices for every call of a sub-problem: built once
            Ms = sparse.csr_matrix((self.pop[cS], (np.arange(cS.size), seg)), shape=(cS.size, len(S)))
            Mb = sparse.csr_matrix((np.ones(cS.size), (np.arange(cS.size), seg)), shape=(cS.size, len(S)))
            self._uc_mats = (cS, seg, S, Ms, Mb)
        C = np.empty((k, len(S)))
        step = max(1, int(2e7 // max(cS.size, 1)))
        for s in range(0, k, step):
            D = self._rows(hub_communes[s:s + step], cS, limit)
            fin = np.isfinite(D)
            C[s:s + step] = np.asarray((Ms.T @ np.where(fin, D, 0.0).T).T)
            bad = np.asarray((Mb.T @ (~fin).astype(float).T).T) > 0
            C[s:s + step][bad] = np.inf
        return C


    def _set_dense(self, cS):
        """Cache all times between the communes of a small sub-problem (one Dijkstra call)."""
        self._Tm = None
        if self.big or cS.size > 4000:
            return
        self._pos = np.full(self.n, -1, dtype=np.int64)
        self._pos[cS] = np.arange(cS.size)
        self._Tm = self.times.to_roots(self.nodes[cS], self.nodes[cS])

    def _rows(self, roots, targets, limit):
        """times (len(roots), len(targets)) from each target commune to each root commune."""
        roots = np.asarray(roots, dtype=np.int64)
        targets = np.asarray(targets, dtype=np.int64)
        if self._Tm is not None:
            pr, pt = self._pos[roots], self._pos[targets]
            if (pr >= 0).all() and (pt >= 0).all():
                return self._Tm[np.ix_(pr, pt)]
        return self.times.to_roots(self.nodes[roots], self.nodes[targets], limit)

    def _stab_costs(self, home, S):
        """(k, |S|) stability penalty: stability * communes of the unit not in the home code."""
        k = len(home)
        out = np.zeros((k, len(S)))
        if self.existing is None or self.stability <= 0:
            return out
        size = np.array([self.members[u].size for u in S], dtype=float)
        for t in range(k):
            if home[t] < 0:
                out[t] = size
            else:
                same = np.array([(self.existing[self.members[u]] == home[t]).sum() for u in S], dtype=float)
                out[t] = size - same
        return out * self.stability

    def _medians(self, groups, current, fixed, limit, cand_max=150):
        """1-median of each commune group (list of arrays). -> (hubs, costs)."""
        k = len(groups)
        hubs = np.array(current, dtype=np.int64)
        costs = np.zeros(k)
        rows_c, rows_t = [], []
        for t, g in enumerate(groups):
            if fixed[t] or g.size <= 1:
                if g.size == 0:         # defensive: an emptied territory keeps its hub
                    g = np.array([hubs[t]])
                    groups = list(groups)
                    groups[t] = g
                rows_c.append(np.array([hubs[t]]) if fixed[t] else g)
                rows_t.append(np.full(1, t))
                continue
            cand = g
            if g.size > cand_max:
                d = self._rows([hubs[t]], g, limit)[0]
                cand = g[np.argsort(d, kind="stable")[:cand_max]]
            rows_c.append(cand)
            rows_t.append(np.full(cand.size, t))
        rc = np.concatenate(rows_c)
        rt = np.concatenate(rows_t)
        best = np.full(k, np.inf)
        if self._Tm is not None and (self._pos[rc] >= 0).all():
            for t in range(k):
                cand = rc[rt == t]
                g = groups[t]
                d = self._Tm[np.ix_(self._pos[cand], self._pos[g])]
                val = np.where(np.isfinite(d), d, 1e12) @ self.pop[g]
                j = int(np.argmin(val))
                if cand.size > 1 and current[t] in set(cand.tolist()):
                    jc = int(np.flatnonzero(cand == current[t])[0])
                    if val[jc] <= val[j] + 1e-9:
                        j = jc
                best[t] = val[j]
                hubs[t] = cand[j]
            return hubs, best
        lim = np.inf if not self.big else 3.0 * limit
        step = max(1, int(1.5e7 // max(self.times.N, 1)))
        for s in range(0, rc.size, step):
            d = dijkstra(self.times.rev, directed=True, indices=self.nodes[rc[s:s + step]], limit=lim)
            d = np.atleast_2d(d)
            for r in range(d.shape[0]):
                t = rt[s + r]
                g = groups[t]
                val = float(np.dot(self.pop[g], np.where(np.isfinite(d[r, self.nodes[g]]),
                                                         d[r, self.nodes[g]], 1e12)))
                c = rc[s + r]
                if val < best[t] - 1e-9 or (abs(val - best[t]) <= 1e-9 and c == current[t]):
                    best[t] = val
                    hubs[t] = c
        costs[:] = best
        return hubs, costs


    # ------------------------------------------------------------------ core search
    def _seed(self, cS, fixed_hubs, k_r, limit, rng, preset_extra, bound=None):
        """Initial hubs (k-means++-like, weighted by population). ``bound``: optional (|cS|,)
        territory each commune is bound to (locks, fixed hubs; -1 free): a hub is never drawn
        among the communes bound to another territory (the lock would then be broken)."""
        hubs = [None] * k_r
        for t, h in fixed_hubs.items():
            hubs[t] = int(h)
        for t, h in preset_extra.items():
            if hubs[t] is None:
                hubs[t] = int(h)
        w = self.pop[cS]
        D = np.full(cS.size, np.inf)
        ucS = self.unit_of[cS]
        chosen = [h for h in hubs if h is not None]
        if chosen:
            D = self._rows(chosen, cS, limit).min(axis=0)
        for t in range(k_r):
            if hubs[t] is not None:
                continue
            # a unit (e.g. a group kept whole) holds at most one hub: skip every commune of a
            # unit that already has one
            used = np.isin(ucS, [self.unit_of[int(h)] for h in hubs if h is not None])
            if not np.isfinite(D).any():
                prob = w + 1e-6 * (w.mean() + 1)
            else:
                fin = np.isfinite(D)
                cap = (2.0 * D[fin].max()) if np.isfinite(limit) is False else limit
                cap = max(cap, 1e-9)
                Dc = np.where(fin, np.minimum(D, cap), cap)
                prob = (w + 1e-6 * (w.mean() + 1)) * Dc ** 2
            banned = used if bound is None else used | ((bound >= 0) & (bound != t))
            prob = np.where(banned, 0.0, prob)
            if prob.sum() <= 0:
                prob = (~banned).astype(float)
            if prob.sum() <= 0:
                prob = (~used).astype(float)
            prob = prob / prob.sum()
            i = int(rng.choice(cS.size, p=prob))
            hubs[t] = int(cS[i])
            d = self._rows([cS[i]], cS, limit)[0]
            D = np.minimum(D, d)
        return np.array(hubs, dtype=np.int64)


    def _presets(self, S, cS, fixed, fixed_hubs, set_lab, g2l, k_r, limit):
        """Hubs given to the first start of a sub-problem besides the fixed ones: a territory with
        locked units and no fixed hub starts at its most populated locked commune; with today's
        territories, the free territories start at their 1-medians (largest first), unless that
        commune is bound to another territory. -> {local territory: hub commune}."""
        # extra presets: locked labels without fixed hub -> most populated locked commune
        preset = {}
        for t in range(k_r):
            if t in fixed_hubs:
                continue
            lk = np.flatnonzero(fixed == t)
            if lk.size:
                cm = np.concatenate([self.members[S[i]] for i in lk])
                preset[t] = int(cm[np.argmax(self.pop[cm])])
        # existing territories: seed free labels at their 1-medians (largest first)
        if self.existing is not None:
            ex = self.existing[cS]
            codes, cnt = np.unique(ex[ex >= 0], return_counts=True)
            popc = np.array([self.pop[cS[ex == c]].sum() for c in codes])
            order = codes[np.argsort(-popc, kind="stable")]
            free_t = [t for t in range(k_r) if t not in fixed_hubs and t not in preset]
            grp = [cS[ex == c] for c in order[:len(free_t)]]
            if grp:
                init = np.array([g[np.argmax(self.pop[g])] for g in grp])
                mh, _ = self._medians(grp, init, np.zeros(len(grp), dtype=bool), limit)
                for t, h in zip(free_t, mh):
                    if set_lab[g2l[int(self.unit_of[int(h)])]] in (-1, t):   # not bound elsewhere
                        preset[t] = int(h)
        return preset

    def _fix_unreachable(self, C, hubs, S, cS, seg):
        """Units with no finite cost (beyond the Dijkstra limit): exact times from the unit."""
        bad = np.flatnonzero(~np.isfinite(C).any(axis=0))
        for i in bad:
            mem = self.members[S[i]]
            d = self.times.from_sources(self.nodes[mem], self.nodes[hubs])
            C[:, i] = np.where(np.isfinite(d), d, 1e9).T @ self.pop[mem] if mem.size else 0.0

    def _match_home(self, lab0, S, k_r):
        from scipy.optimize import linear_sum_assignment
        nc = len(self.codes)
        W = np.zeros((k_r, nc))
        for i, u in enumerate(S):
            for c in self.members[u]:
                e = self.existing[c]
                if e >= 0:
                    W[lab0[i], e] += self.pop[c] + 1e-3
        r, c = linear_sum_assignment(-W)
        home = np.full(k_r, -1, dtype=np.int64)
        home[r] = c
        return home

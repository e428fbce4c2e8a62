"""Units (communes kept whole together), locks and fixed hubs, and the plan: connected parts
and heavy units split the problem into sub-problems."""
from __future__ import annotations


import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..errors import InputError
from .common import _fmt, _no_value


class _UnitsMixin:
    """Units, locks and hubs (set-up) and the plan into sub-problems of :class:`_Solver`."""

    # ------------------------------------------------------------------ setup
    def _init_existing(self, existing):
        self.existing = None
        self.codes = None
        if existing is None:
            if self.stability > 0:
                raise InputError("stability > 0 needs `existing` (today's territory per commune)")
            return
        ex = np.asarray(existing, dtype=object).ravel()
        if ex.size != self.n:
            raise InputError(f"existing has {ex.size} values for {self.n} communes")
        missing = np.array([_no_value(v) for v in ex])
        keys = [str(v) for v in ex[~missing]]
        codes, inv = np.unique(np.array(keys, dtype=object).astype(str), return_inverse=True)
        e = np.full(self.n, -1, dtype=np.int64)
        e[~missing] = inv
        self.existing = e
        self.codes = codes

    def _init_units(self, keep_whole):
        n = self.n
        self.group_names = None
        if keep_whole is None:
            unit_of = np.arange(n)
        else:
            g = np.asarray(keep_whole, dtype=object).ravel()
            if g.size != n:
                raise InputError(f"keep_whole has {g.size} values for {n} communes")
            missing = np.array([_no_value(v, minus_one=True) for v in g])
            lab = np.array([f"g:{v}" if not m else f"c:{i}" for i, (v, m) in enumerate(zip(g, missing))],
                           dtype=object)
            uniq, unit_of = np.unique(lab.astype(str), return_inverse=True)
            self.group_names = [s[2:] if s.startswith("g:") else None for s in uniq]
        self.unit_of = unit_of.astype(np.int64)
        nu = self.nu = int(unit_of.max()) + 1
        order = np.argsort(unit_of, kind="stable")
        starts = np.searchsorted(unit_of[order], np.arange(nu + 1))
        self.members = [order[starts[u]:starts[u + 1]] for u in range(nu)]
        self.upop = np.bincount(unit_of, weights=self.pop, minlength=nu)
        M = sparse.csr_matrix((np.ones(n), (np.arange(n), unit_of)), shape=(n, nu))
        self.M = M
        Au = (M.T @ self.A @ M).tocoo()
        off = (Au.row != Au.col) & (Au.data != 0)
        self.Au = sparse.csr_matrix((np.ones(int(off.sum()), dtype=np.int8), (Au.row[off], Au.col[off])),
                                    shape=(nu, nu))
        self.nbr = [list(self.Au.indices[self.Au.indptr[u]:self.Au.indptr[u + 1]]) for u in range(nu)]
        self.virtual_edges = []
        if keep_whole is not None:
            self.log(f"keep_whole: {n} communes merged into {nu} units (groups are never split)")
            bad = []
            for u in range(nu):
                mem = self.members[u]
                if mem.size > 1:
                    nc, _ = connected_components(self.A[mem][:, mem], directed=False)
                    if nc > 1:
                        bad.append((u, nc))
            for u, nc in bad[:10]:
                self.log(f"{self.unit_name(u)} is made of {nc} separate pieces: kept whole anyway, "
                         "so its territory cannot be contiguous at commune level")
            if len(bad) > 10:
                self.log(f"... and {len(bad) - 10} more non-contiguous groups")
            self.noncontig_units = {u for u, _ in bad}
        else:
            self.noncontig_units = set()
        if self.k > nu:
            raise InputError(f"k = {self.k} territories but keeping groups whole leaves only {nu} units: "
                             f"k must be <= {nu} (or do not keep groups whole)")

    def _init_locks_hubs(self, locks, hubs):
        k, n = self.k, self.n
        self.lock_u = np.full(self.nu, -1, dtype=np.int64)
        self.locks = None
        if locks is not None:
            lk = np.array([-1 if _no_value(v) else int(v)
                           for v in np.asarray(locks, dtype=object).ravel()], dtype=np.int64)
            if lk.size != n:
                raise InputError(f"locks has {lk.size} values for {n} communes")
            if ((lk < -1) | (lk >= k)).any():
                if self.lock_names is not None:
                    raise InputError(f"locks: {len(set(lk[lk >= 0].tolist()))} different values for k = {k} "
                                     "territories: lock to at most k values")
                raise InputError(f"locks: territory labels must be in 0..{k - 1} (or -1 / None)")
            self.locks = lk
            for u in range(self.nu):
                s = set(lk[self.members[u]].tolist()) - {-1}
                if len(s) > 1:
                    mem = self.members[u]
                    which = "; ".join(
                        f"{', '.join(self.nm_id(int(i)) for i in mem[lk[mem] == t][:4])} to territory "
                        f"{self.tname(t)}" for t in sorted(s))
                    raise InputError(f"{self.unit_name(u)} has communes locked to different territories "
                                     f"({which}): a group cannot be split")
                if s:
                    self.lock_u[u] = s.pop()
        self.fixed_hub = {}
        if hubs is not None:
            hb = np.asarray(hubs, dtype=np.int64).ravel()
            if hb.size != k:
                raise InputError(f"hubs: {hb.size} hubs given for k = {k}")
            if hb.min() < 0 or hb.max() >= n:
                raise InputError("hubs: commune index out of range")
            if np.unique(hb).size != k:
                raise InputError("hubs: the same commune is given twice")
            for t, h in enumerate(hb):
                u = self.unit_of[h]
                if self.lock_u[u] >= 0 and self.lock_u[u] != t:
                    raise InputError(f"hub {self.nm_id(int(h))} of territory {self.tname(t)} (hub number {t + 1}) "
                                     f"is locked to territory {self.tname(self.lock_u[u])}")
                if self.unit_of[hb].tolist().count(u) > 1:
                    raise InputError(f"two hubs are in {self.unit_name(u)}, which is kept whole")
                self.lock_u[u] = t
                self.fixed_hub[t] = int(h)
        # each territory needs a unit of its own: units locked to the same territory count once
        bound_labels = set(self.lock_u[self.lock_u >= 0].tolist())
        free = int((self.lock_u < 0).sum())
        most = free + len(bound_labels)
        if k > most:
            shared = [t for t in sorted(bound_labels) if int((self.lock_u == t).sum()) > 1]
            raise InputError(
                f"k = {k} territories but at most {most} can be non-empty: "
                + ", ".join(f"territory {self.tname(t)} holds {' + '.join(self.unit_id_name(int(u)) for u in np.flatnonzero(self.lock_u == t)[:4])}"
                            for t in shared[:3])
                + f" (locked together), leaving {free} free "
                  f"{'units' if self.group_names is not None else 'communes'} for the other territories: "
                  f"k must be <= {most}, or lock fewer communes to the same territory")


    # ------------------------------------------------------------------ planning
    def _components(self, S):
        S = np.asarray(S)
        sub = self.Au[S][:, S]
        nc, lab = connected_components(sub, directed=False)
        return [S[lab == c] for c in range(nc)]

    def _bridge(self, comp, others):
        """Add a virtual edge between part `comp` and the nearest unit of `others`."""
        cc = np.concatenate([self.members[u] for u in comp])
        oc = np.concatenate([self.members[u] for u in others])
        d = self.times.from_sources(self.nodes[cc], self.nodes[oc])
        how = "travel time"
        if not np.isfinite(d).any():
            xy = self.graph.xy
            if xy is not None:
                a = np.asarray(xy)[self.nodes[cc]]
                b = np.asarray(xy)[self.nodes[oc]]
                d = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)) if a.shape[0] * b.shape[0] < 2e7 \
                    else np.zeros((a.shape[0], b.shape[0]))
                how = "straight-line distance"
            else:
                d = np.zeros((cc.size, oc.size))
                how = "no distance known"
        i, j = np.unravel_index(np.argmin(np.where(np.isfinite(d), d, np.inf)), d.shape)
        a, b = int(cc[i]), int(oc[j])
        ua, ub = int(self.unit_of[a]), int(self.unit_of[b])
        self.nbr[ua].append(ub)
        self.nbr[ub].append(ua)
        self.Au = self.Au.tolil()
        self.Au[ua, ub] = 1
        self.Au[ub, ua] = 1
        self.Au = self.Au.tocsr()
        again = any(int(self.unit_of[x]) in set(comp.tolist()) for e in self.virtual_edges for x in e)
        self.virtual_edges.append((a, b))
        what = "an island" if comp.size == 1 and self.Au[ua].nnz == 1 else (
            f"a separate part of {cc.size} communes" if cc.size > 1 else "a separate part")
        if again:
            # its previous link led to a unit that has since become a territory of its own
            self.log(f"{self.nm(a)} is linked to {self.nm(b)} instead (nearest left by {how}; its previous "
                     "link led to a commune that now forms a territory of its own)")
        else:
            self.log(f"{self.nm(a)} ({what}, pop {_fmt(self.upop[comp].sum())}) is linked to {self.nm(b)} "
                     f"(nearest by {how}) because K is too small to give it a territory of its own: "
                     "that territory is contiguous only through this link")
        self.link_msgs.append(self.msgs[-1])

    def _plan(self, S, labels, out):
        """Split (S, labels) into connected sub-problems; append (S, labels, target, kind) to out."""
        S = np.asarray(S)
        labels = list(labels)
        # units locked to a label not available here are set aside
        foreign = [u for u in S if self.lock_u[u] >= 0 and self.lock_u[u] not in labels]
        if foreign:
            for u in foreign:
                out.append((np.array([u]), [int(self.lock_u[u])], None, "foreign"))
            S = np.array([u for u in S if u not in set(foreign)])
            if S.size == 0:
                return
        comps = self._components(S)
        if len(comps) > 1:
            while True:
                anchored = {}
                for ci, c in enumerate(comps):
                    for u in c:
                        if self.lock_u[u] >= 0:
                            anchored.setdefault(int(self.lock_u[u]), set()).add(ci)
                n_anch = [sum(1 for l, cs in anchored.items() if ci in cs) for ci in range(len(comps))]
                free = [l for l in labels if l not in anchored]
                need = sum(1 for ci in range(len(comps)) if n_anch[ci] == 0)
                if need <= len(free):
                    break
                # bridge the lightest part without a label to its nearest other part
                cand = [ci for ci in range(len(comps)) if n_anch[ci] == 0]
                ci = min(cand, key=lambda c: self.upop[comps[c]].sum())
                others = np.concatenate([comps[c] for c in range(len(comps)) if c != ci])
                self._bridge(comps[ci], others)
                comps = self._components(S)
                if len(comps) == 1:
                    break
            if len(comps) > 1:
                for l, cs in anchored.items():
                    if len(cs) > 1:
                        self.log(f"territory {self.tname(l)}: its locked communes / hub lie in {len(cs)} separate parts "
                                 "of the adjacency graph: it cannot be contiguous (locks win)")
                # allocation: anchored labels to their (first) part, free labels by largest quotient
                alloc = [[] for _ in comps]
                for l, cs in sorted(anchored.items()):
                    ci = max(cs, key=lambda c: self.upop[comps[c]].sum())
                    alloc[ci].append(l)
                    # locked units of l in other parts: set aside as foreign
                free = [l for l in labels if l not in anchored]
                # a part whose communes are all locked to territories placed in other parts needs
                # no territory of its own (its communes join their locked territory)
                has_free = [any(self.lock_u[u] < 0 for u in c) for c in comps]
                for ci in range(len(comps)):
                    if not alloc[ci] and has_free[ci]:
                        alloc[ci].append(free.pop(0))
                while free:
                    q = [self.upop[comps[ci]].sum() / max(len(alloc[ci]), 1)
                         if has_free[ci] and len(alloc[ci]) < comps[ci].size else -1
                         for ci in range(len(comps))]
                    ci = int(np.argmax(q))
                    alloc[ci].append(free.pop(0))
                ncom = [sum(self.members[u].size for u in c) for c in comps]
                desc = ", ".join(f"{ncom[ci]} communes / pop {_fmt(self.upop[comps[ci]].sum())} -> "
                                 f"{len(alloc[ci])}" for ci in np.argsort([-x for x in ncom])[:8])
                self.log(f"the adjacency graph has {len(comps)} separate parts (islands, enclaves or gaps); "
                         f"each gets its own territories: {desc}{' ...' if len(comps) > 8 else ''}")
                self.link_msgs.append(self.msgs[-1])
                for ci, c in enumerate(comps):
                    if len(c) == 1 and sum(self.members[u].size for u in c) == 1:
                        self.log(f"{self.unit_name(int(c[0]))} has no neighbour (island): it is a territory "
                                 f"on its own (pop {_fmt(self.upop[c].sum())})")
                        self.link_msgs.append(self.msgs[-1])
                    self._plan(c, alloc[ci], out)
                return
        # connected
        k_r = len(labels)
        P = float(self.upop[S].sum())
        if k_r == 1 or k_r >= S.size:
            out.append((S, labels, P / k_r, "one" if k_r == 1 else "each"))
            return
        T = P / k_r
        heavy = S[self.upop[S] > T * (1 + self.tol)]
        if heavy.size:
            h = int(heavy[np.argmax(self.upop[heavy])])
            hl = int(self.lock_u[h])
            anchored_here = {int(self.lock_u[u]) for u in S if self.lock_u[u] >= 0}
            free = [l for l in labels if l not in anchored_here]
            rest = S[S != h]
            ok = hl >= 0 or free
            if ok and hl >= 0:
                # another unit locked to the same label would be cut off
                ok = not any(self.lock_u[u] == hl for u in rest)
            if ok:
                ncomp_rest = len(self._components(rest))
                if ncomp_rest > k_r - 1:
                    ok = False
                    self.log(f"{self.unit_name(h)} (pop {_fmt(self.upop[h])}) exceeds the target but cannot be "
                             f"alone: the rest would fall into {ncomp_rest} separate parts for {k_r - 1} territories")
            if ok:
                lab_h = hl if hl >= 0 else free[0]
                rest_labels = [l for l in labels if l != lab_h]
                T2 = (P - self.upop[h]) / (k_r - 1)
                dev = 100 * (self.upop[h] - self.target) / self.target
                self.log(f"{self.unit_name(h)} (pop {_fmt(self.upop[h])}) exceeds the target "
                         f"{_fmt(T)} x (1+{self.tol:.0%}) = {_fmt(T * (1 + self.tol))}: its territory is "
                         f"{self.unit_name(h)} alone and its deviation ({dev:+.0f}% of total/K = "
                         f"{_fmt(self.target)}) is unavoidable; the target of the other {k_r - 1} "
                         f"territories becomes {_fmt(T2)}")
                out.append((np.array([h]), [lab_h], float(self.upop[h]), "heavy"))
                self._plan(rest, rest_labels, out)
                return
        out.append((S, labels, T, "core"))

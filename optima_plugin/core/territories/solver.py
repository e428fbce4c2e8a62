"""The solver of one run: its state, the search of a connected sub-problem (:meth:`_Solver._core`) and
the driver over the plan (:meth:`_Solver.solve`)."""
from __future__ import annotations

from dataclasses import replace
from typing import List

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..errors import InputError
from .common import _fmt, _out_of_band
from .cut import Cut
from .result import ClusterResult
from .transport import _TransportModel, _transport_lp
from .balance import _BalanceMixin, _forced_groups
from .seeding import _SeedingMixin, _Times
from .units import _UnitsMixin
from .moves import _MovesMixin
from .chains import _ChainsMixin
from .exact import _ExactMixin
from .bound import _BoundMixin
from .report import _ReportMixin
from .settings import DEFAULT_EFFORT, EFFORT


class _Solver(_UnitsMixin, _SeedingMixin, _MovesMixin, _ChainsMixin, _BalanceMixin, _ExactMixin,
              _BoundMixin, _ReportMixin):
    #: search-effort settings (defaults: ``settings.DEFAULT_EFFORT``; each run has its own copy)
    effort = DEFAULT_EFFORT
    EFFORT = EFFORT
    _warm_hubs = None
    _Tm = None
    _pos = None


    def __init__(self, graph, nodes, adjacency, population, k, balance_tol, hubs, keep_whole,
                 locks, existing, stability, seed, monitor, names, n_starts, max_iter,
                 bound_max_pairs, compute_bound, lock_names=None, ids=None):
        self.mon = monitor
        self.msgs: List[str] = []
        self.link_msgs: List[str] = []      # islands, separate parts and the links the search adds
        self.effort = replace(DEFAULT_EFFORT)      # this run's own copy of the settings
        self.graph = graph
        self.nodes = np.asarray(nodes, dtype=np.int64)
        n = self.n = self.nodes.size
        if n == 0:
            raise InputError("no commune given")
        if self.nodes.min() < 0 or self.nodes.max() >= graph.n_nodes:
            raise InputError("nodes: a commune index is outside the travel-cost graph")
        pop = np.asarray(population, dtype=float).ravel()
        if pop.size != n:
            raise InputError(f"population has {pop.size} values for {n} communes")
        if not np.all(np.isfinite(pop)) or (pop < 0).any():
            raise InputError("population: negative or missing values")
        self.pop = pop
        k = int(k)
        if k < 1:
            raise InputError("k must be at least 1")
        if k > n:
            raise InputError(f"k = {k} territories asked for only {n} communes: k must be <= {n}")
        self.k = k
        self.tol = float(balance_tol)
        if not (0 <= self.tol < 1):
            raise InputError("balance_tol must be in [0, 1)")
        self.names = None if names is None else [str(s) for s in names]
        self.lock_names = None if lock_names is None else [str(s) for s in lock_names]
        self.ids = None if ids is None else [str(s) for s in ids]
        if self.ids is not None and len(self.ids) != n:
            raise InputError(f"ids has {len(self.ids)} values for {n} communes")
        self.seed = int(seed)
        self.n_starts = n_starts
        self.max_iter = max_iter
        self.bound_max_pairs = bound_max_pairs
        self.compute_bound = compute_bound
        self.times = _Times(graph)
        A = sparse.csr_matrix(adjacency, dtype=float)
        if A.shape != (n, n):
            raise InputError(f"adjacency must be {n} x {n}, got {A.shape}")
        A = ((A + A.T) != 0).astype(np.int8).tocoo()
        off = A.row != A.col
        A = sparse.csr_matrix((A.data[off], (A.row[off], A.col[off])), shape=(n, n))
        self.A = A
        self.total = float(pop.sum())
        self.target = self.total / k
        # stability
        self.stability = float(stability or 0.0)
        self._init_existing(existing)
        self._init_units(keep_whole)
        self._init_locks_hubs(locks, hubs)
        # big graphs: Dijkstra with a limit
        self.big = graph.n_nodes > 5000

    # ------------------------------------------------------------------ naming
    def nm(self, i: int) -> str:
        if self.names is not None:
            return self.names[i]
        return f"commune #{i}"

    def nm_id(self, i: int) -> str:
        """Commune ``i`` by its name and the user's identifier (lock messages)."""
        name = self.nm(i)
        if self.ids is None or self.ids[i] == name:
            return name
        return f"{name} ({self.ids[i]})" if self.names is not None else self.ids[i]

    def tname(self, t: int) -> str:
        """Territory ``t`` as the user knows it: the value of its lock (``'Nord'``) or its number
        1..k in the outputs, when ``lock_names`` is given; else its label ``t``."""
        t = int(t)
        if self.lock_names is None:
            return str(t)
        if 0 <= t < len(self.lock_names):
            return f"'{self.lock_names[t]}'"
        return str(t + 1)

    def unit_id_name(self, u: int) -> str:
        """:meth:`unit_name`, a commune by its name and identifier (lock messages)."""
        mem = self.members[u]
        return self.nm_id(int(mem[0])) if mem.size == 1 else self.unit_name(u)

    def unit_name(self, u: int) -> str:
        mem = self.members[u]
        if mem.size == 1:
            return self.nm(int(mem[0]))
        if self.group_names is not None:
            return f"group {self.group_names[u]}"
        return f"group of {mem.size} communes led by {self.nm(int(mem[np.argmax(self.pop[mem])]))}"

    def log(self, s: str):
        self.msgs.append(s)
        self.mon.log(s)


    def _core(self, S, labels, T, kind, tol_scale=1.0):
        """Solve a connected sub-problem. -> :class:`Cut`.

        ``tol_scale`` < 1: the search works with a tighter band (balance retry, see below)."""
        S = np.asarray(S)
        k_r = len(labels)
        nS = S.size
        g2l = {int(u): i for i, u in enumerate(S)}
        nb = [[g2l[v] for v in self.nbr[u] if v in g2l] for u in S]
        p = self.upop[S]
        cS = np.concatenate([self.members[u] for u in S])
        seg = np.concatenate([np.full(self.members[u].size, i) for i, u in enumerate(S)])
        lab_index = {l: t for t, l in enumerate(labels)}
        fixed = np.full(nS, -1, dtype=np.int64)
        for i, u in enumerate(S):
            if self.lock_u[u] >= 0:
                fixed[i] = lab_index[int(self.lock_u[u])]
        fixed_hubs = {lab_index[l]: h for l, h in self.fixed_hub.items() if l in lab_index}
        # territory each unit is bound to (locks, fixed hubs; -1 free): a territory holds one
        set_lab = fixed.copy()
        for t, h in fixed_hubs.items():
            set_lab[g2l[int(self.unit_of[h])]] = t
        limit = self._limit(nS, k_r)
        lo, hi = T * (1 - self.tol * tol_scale), T * (1 + self.tol * tol_scale)
        self._set_dense(cS)

        def groups_of(lab):
            order = np.argsort(lab[seg], kind="stable")
            ls = lab[seg][order]
            st = np.searchsorted(ls, np.arange(k_r + 1))
            return [cS[order[st[t]:st[t + 1]]] for t in range(k_r)]

        fixed_mask = np.array([t in fixed_hubs for t in range(k_r)])

        if k_r == 1 or k_r >= nS:
            if k_r == 1:
                lab = np.zeros(nS, dtype=np.int64)
            else:
                lab = np.full(nS, -1, dtype=np.int64)
                lab[fixed >= 0] = fixed[fixed >= 0]
                free_l = [t for t in range(k_r) if t not in set(fixed[fixed >= 0].tolist())]
                lab[lab < 0] = free_l[: int((lab < 0).sum())]
            init = np.array([fixed_hubs.get(t, -1) for t in range(k_r)])
            grp = groups_of(lab)
            for t in range(k_r):
                if init[t] < 0:
                    init[t] = grp[t][np.argmax(self.pop[grp[t]])]
            hubs, _ = self._medians(grp, init, fixed_mask, limit)
            C = self._unit_costs(hubs, S, cS, seg, limit)
            return Cut(lab=lab, hubs=hubs, C=C, S=S, labels=labels, T=T, kind=kind, nb=nb,
                       home=None, cS=cS, seg=seg, fixed=fixed, lo=lo, hi=hi, limit=limit)

        preset = self._presets(S, cS, fixed, fixed_hubs, set_lab, g2l, k_r, limit)

        if tol_scale < 1.0 and self._warm_hubs is not None:
            # balance retry: its first start begins from the hubs of the best usual start
            preset = {t: int(h) for t, h in enumerate(self._warm_hubs) if t not in fixed_hubs}
        many = max(self.effort.auto_starts, min(self.effort.auto_starts_max, -(-k_r // 2) + 1))
        n_starts = self.n_starts if self.n_starts is not None else (
            many if nS <= 800 else (min(3, self.effort.auto_starts) if nS <= 3000 else 1))
        if self.existing is not None:
            n_starts = 1 if self.n_starts is None else n_starts
        max_iter = self.max_iter if self.max_iter is not None else (10 if nS <= 5000 else 4)
        use_lp_each = nS <= 5000
        m = k_r if k_r <= 40 else 12
        movable = np.ones(nS, dtype=bool)
        movable[fixed >= 0] = False
        best = None
        home = None
        # balance still off after the usual starts: more starts (a count), until one is
        # balanced and then a few more to pick the cheapest balanced one
        retry = self.n_starts is None and self.existing is None and nS <= 800 and k_r < nS and tol_scale == 1.0
        floor = self._floor(S, p, nb, T, lo, hi, set_lab) if tol_scale == 1.0 else 0.0
        if floor > 0:
            retry = False               # proven out of reach: no retry with a tighter band
        extra = self.effort.unbalanced_extra_starts if retry else 0
        first_balanced = None
        warm = use_lp_each and k_r <= m and not self.effort.use_milp
        start = -1
        while True:
            start += 1
            if start == n_starts and retry and best[0][0] > 0:
                # first the same starts with a tighter band (the assignment then leaves slack
                # where rounding and contiguity pushed a territory over), then more starts
                self._warm_hubs = best[1].hubs
                try:
                    got = self._tight_retry(S, labels, T, kind, p, nb, lo, hi, movable, n_starts)
                finally:
                    self._warm_hubs = None
                if got is not None:
                    best = got
                    break
            if start >= n_starts:
                balanced = best is not None and best[0][0] == 0
                if start >= n_starts + extra or (balanced and (
                        first_balanced is None or start >= first_balanced + self.effort.starts_after_balanced)):
                    break
            self.mon.check()
            rng = np.random.default_rng([self.seed, start])
            hubs = self._seed(cS, fixed_hubs, k_r, limit, rng, preset if start == 0 else
                              {t: h for t, h in preset.items() if fixed[fixed == t].size}, set_lab[seg])
            seen_hubs = set()
            lab = None
            # one assignment LP for the iterations of this start (warm simplex restarts)
            warm_lp = _TransportModel(k_r, p, lo, hi) if warm else None
            for it in range(max_iter):
                self.mon.check()
                Ct = self._unit_costs(hubs, S, cS, seg, limit)
                self._fix_unreachable(Ct, hubs, S, cS, seg)
                if self.existing is not None and home is None:
                    lab0 = np.argmin(Ct, axis=0)
                    home = self._match_home(lab0, S, k_r)
                Cs = Ct + self._stab_costs(home if home is not None else [-1] * k_r, S)
                hub_u = np.array([g2l[int(self.unit_of[h])] for h in hubs])
                fx = fixed.copy()
                fx[hub_u] = np.arange(k_r)
                mv = movable.copy()
                mv[hub_u] = False
                if warm_lp is not None:
                    lab, _ = warm_lp.solve(Cs, fx)
                elif lab is None or use_lp_each:
                    lab, _ = _transport_lp(Cs, p, lo, hi, fx, m, integer=self.effort.use_milp and nS * k_r <= 20000,
                                           time_limit=self.effort.milp_time if self.effort.use_milp else None)
                else:
                    lab[hub_u] = np.arange(k_r)
                lab = self._repair(lab, Cs, nb, hub_u, fixed >= 0)
                lab = self._local_search(lab, Cs, p, nb, lo, hi, mv)
                if self.effort.chain_rounds > 0:
                    lab = self._chains(lab, Cs, p, nb, lo, hi, mv)
                grp = groups_of(lab)
                new_hubs, _ = self._medians(grp, hubs, fixed_mask, limit)
                key_h = tuple(new_hubs.tolist())
                if key_h == tuple(hubs.tolist()) or key_h in seen_hubs:
                    hubs = new_hubs
                    break
                seen_hubs.add(tuple(hubs.tolist()))
                hubs = new_hubs
            Ct = self._unit_costs(hubs, S, cS, seg, limit)
            self._fix_unreachable(Ct, hubs, S, cS, seg)
            Cs = Ct + self._stab_costs(home if home is not None else [-1] * k_r, S)
            if self.effort.chain_rounds > 0:
                lab, hubs, Ct, Cs = self._chain_polish(lab, hubs, Ct, Cs, S, cS, seg, p, nb, lo, hi, movable,
                                                       fixed_mask, g2l, groups_of, limit, home)
            P = np.bincount(lab, weights=p, minlength=k_r)
            excess = float(np.sum(np.maximum(0, np.maximum(lo - P, P - hi))))
            obj = float(Cs[lab, np.arange(nS)].sum())
            key = (round(excess / max(T, 1) * 1e6), obj)
            if start >= n_starts and key[0] == 0 and first_balanced is None:
                first_balanced = start
                self.log(f"balance: not met by the first {n_starts} starts; start {start + 1} meets it")
            if best is None or key < best[0]:
                best = (key, Cut(lab=lab.copy(), hubs=hubs.copy(), C=Cs, S=S, labels=labels, T=T,
                                 kind=kind, nb=nb, home=home, cS=cS, seg=seg, fixed=fixed,
                                 lo=lo, hi=hi, limit=limit, Ct=Ct))
        sol = replace(best[1], dev_floor=floor, set_labels=set_lab)
        if best[0][0] > 0 and self.effort.rebalance_budget > 0 and tol_scale == 1.0:
            sol = self._polish_balance(sol, p, nb, movable, groups_of, fixed_mask, g2l)
        if best[0][0] > 0 and retry and self.effort.forced_retry:
            if _out_of_band(np.bincount(sol.lab, weights=p, minlength=k_r), lo, hi):
                for grp in _forced_groups(p, nb, T, lo, hi, set_lab):
                    self.forced_units.append([int(S[i]) for i in grp])
        return sol


    # ------------------------------------------------------------------ driver
    def forced_first(self):
        """Groups of units (lists of unit indices, two or more) that every balanced contiguous
        cut puts in one territory, found on the plan's sub-problems before any search
        (:func:`.balance._forced_groups`). Plans (and may link islands): call it on a solver
        made for this question only."""
        plan = []
        self._plan(np.arange(self.nu), list(range(self.k)), plan)
        out = []
        for S, labels, T, kind in plan:
            if kind != "core" or T is None or T <= 0 or len(labels) < 2:
                continue
            S = np.asarray(S)
            g2l = {int(u): i for i, u in enumerate(S)}
            nb = [[g2l[v] for v in self.nbr[u] if v in g2l] for u in S]
            lab_index = {l: t for t, l in enumerate(labels)}
            set_lab = np.array([lab_index.get(int(self.lock_u[u]), -1) for u in S], dtype=np.int64)
            for t, h in self.fixed_hub.items():
                if t in lab_index and int(self.unit_of[h]) in g2l:
                    set_lab[g2l[int(self.unit_of[h])]] = lab_index[t]
            lo, hi = T * (1 - self.tol), T * (1 + self.tol)
            for grp in _forced_groups(self.upop[S], nb, T, lo, hi, set_lab):
                out.append([int(S[i]) for i in grp])
        return out

    def solve(self) -> ClusterResult:
        mon = self.mon
        k, n = self.k, self.n
        mon.progress(0, "territories: planning")
        self.log(f"{n} communes, {self.nu} units, K = {k}, total pop {_fmt(self.total)}, "
                 f"target total/K = {_fmt(self.target)} +/- {self.tol:.0%}")
        if k == 1:
            self.log("K = 1: a single territory with every commune; its hub is the 1-median")
        if k == self.nu:
            self.log(f"K = {k} equals the number of units: each unit is a territory of its own "
                     "(balance then only depends on the units' populations)")
        elif k > 0.5 * self.nu:
            self.log(f"K = {k} is close to the number of units ({self.nu}, about "
                     f"{self.nu / k:.1f} per territory): balance is limited by the size of the units")
        self._check_lock_conflicts()
        # components overall: K smaller than parts -> bridging happens inside _plan
        plan = []
        self._plan(np.arange(self.nu), list(range(k)), plan)
        labels_u = np.full(self.nu, -1, dtype=np.int64)
        hubs = np.full(k, -1, dtype=np.int64)
        targets = np.full(k, self.target)
        forced = np.zeros(k, dtype=bool)
        sols = []
        n_units_core = max(1, sum(s[0].size for s in plan))
        done = 0
        for S, labels, T, kind in plan:
            sub = mon.sub(5 + 85 * done / n_units_core, 5 + 85 * (done + S.size) / n_units_core)
            self.mon, old = sub, self.mon
            try:
                if kind == "foreign":
                    labels_u[S] = labels[0]
                    continue
                sol = self._core(S, labels, T if T is not None else float(self.upop[S].sum()), kind)
            finally:
                self.mon = old
            done += S.size
            sols.append(sol)
            for i, u in enumerate(S):
                labels_u[u] = labels[sol.lab[i]]
            for t, l in enumerate(labels):
                hubs[l] = sol.hubs[t]
                targets[l] = sol.T
                forced[l] = kind == "heavy"
        mon.progress(90, "territories: bound and report")
        labels_c = labels_u[self.unit_of]
        # territories with no hub (all its units foreign elsewhere): pick most populated commune
        for t in range(k):
            if hubs[t] < 0:
                mem = np.flatnonzero(labels_c == t)
                hubs[t] = mem[np.argmax(self.pop[mem])] if mem.size else 0
        return self._result(labels_c, hubs, targets, forced, sols)

    def _check_lock_conflicts(self):
        if self.locks is None and not self.fixed_hub:
            return
        for t in sorted(set(self.lock_u[self.lock_u >= 0].tolist())):
            allowed = np.flatnonzero((self.lock_u < 0) | (self.lock_u == t))
            mine = np.flatnonzero(self.lock_u == t)
            sub = self.Au[allowed][:, allowed]
            nc, cl = connected_components(sub, directed=False)
            pos = np.searchsorted(allowed, mine)
            if np.unique(cl[pos]).size > 1:
                self.log(f"territory {self.tname(t)}: its locked communes cannot be joined without crossing communes "
                         "locked to other territories (or a gap): locks are kept, so it will not be contiguous")

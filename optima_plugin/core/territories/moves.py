"""Moves that keep territories contiguous: contiguity repair, boundary moves and swaps
(local search)."""
from __future__ import annotations

from collections import deque

import numpy as np

from .common import _flood


class _MovesMixin:
    """Contiguity repair (:meth:`_repair`), boundary moves (:meth:`_local_search`) and swaps."""

    @staticmethod
    def _exc(x, lo, hi):
        return lo - x if x < lo else (x - hi if x > hi else 0.0)

    def _connected_without(self, u, a, lab, nb):
        """Does territory a stay in one piece (locally) when unit u leaves it?"""
        na = [v for v in nb[u] if lab[v] == a]
        if len(na) <= 1:
            return True
        # usual case first: u's neighbours in a touch one another (around u on the map)
        sna = set(na)
        got = _flood(na[0], sna, nb)
        if len(got) == len(sna):
            return True
        targets = sna - got
        seen = {u} | got
        dq = deque(got)
        while dq:
            x = dq.popleft()
            for y in nb[x]:
                if y not in seen and lab[y] == a:
                    if y in targets:
                        targets.discard(y)
                        if not targets:
                            return True
                    seen.add(y)
                    dq.append(y)
        return not targets

    @staticmethod
    def _ncomp(members, lab, a, nb):
        seen = set()
        nc = 0
        for s in members:
            if s in seen:
                continue
            nc += 1
            seen.add(s)
            dq = deque([s])
            while dq:
                x = dq.popleft()
                for y in nb[x]:
                    if y not in seen and lab[y] == a:
                        seen.add(y)
                        dq.append(y)
        return nc

    def _rows_list(self, C):
        """``C.tolist()``, kept while C is the same array: the cost matrices handed to the local
        search and the ejection chains are never modified once built."""
        got = getattr(self, "_rows_list_cache", None)
        if got is not None and got[0] is C:
            return got[1]
        Cl = C.tolist()
        self._rows_list_cache = (C, Cl)
        return Cl

    def _edges(self, nb):
        """(eu, ev) int arrays of the directed edges u -> v of the neighbour lists ``nb``
        (in list order), kept while ``nb`` is the same object."""
        got = getattr(self, "_edges_cache", None)
        if got is not None and got[0] is nb:
            return got[1], got[2]
        deg = np.fromiter((len(x) for x in nb), dtype=np.int64, count=len(nb))
        eu = np.repeat(np.arange(len(nb), dtype=np.int64), deg)
        ev = np.fromiter((v for x in nb for v in x), dtype=np.int64, count=int(deg.sum()))
        self._edges_cache = (nb, eu, ev)
        return eu, ev

    def _repair(self, lab, C, nb, hub_u, locked):
        """Contiguity repair: the piece of each territory holding its hub keeps it; every other
        piece moves to the adjacent territory that costs least (``lab`` is updated in place
        and returned)."""
        k = C.shape[0]
        n = len(lab)
        L = [int(x) for x in lab]
        lk = [bool(x) for x in locked]
        hubs = [int(h) for h in hub_u]
        changed = False
        for _ in range(4 * n + 10):
            main = [False] * n
            for t in range(k):
                s = hubs[t]
                main[s] = True
                stack = [s]
                while stack:
                    x = stack.pop()
                    for y in nb[x]:
                        if not main[y] and L[y] == t:
                            main[y] = True
                            stack.append(y)
            orph = [i for i in range(n) if not main[i]]
            if not orph:
                break
            seen = [False] * n
            moved = False
            for s in orph:
                if seen[s]:
                    continue
                t = L[s]
                piece = [s]
                seen[s] = True
                dq = deque([s])
                while dq:
                    x = dq.popleft()
                    for y in nb[x]:
                        if not seen[y] and not main[y] and L[y] == t:
                            seen[y] = True
                            piece.append(y)
                            dq.append(y)
                if any(lk[x] for x in piece):
                    continue
                cand = {L[y] for x in piece for y in nb[x] if main[y] and L[y] != t}
                if not cand:
                    continue
                b = min(sorted(cand), key=lambda b: float(np.sum(C[b, piece])))
                for x in piece:
                    L[x] = b
                    main[x] = True
                moved = True
                changed = True
            if not moved:
                break
        if changed:
            lab[:] = L
        return lab

    def _local_search(self, lab, C, p, nb, lo, hi, movable, max_rounds=30):
        k = C.shape[0]
        n = len(lab)
        P = np.bincount(lab, weights=p, minlength=k).tolist()
        lab = [int(x) for x in lab]
        Cl = self._rows_list(C)
        pl = np.asarray(p, dtype=float).tolist()
        mvl = np.asarray(movable, dtype=bool).tolist()
        eu, ev = self._edges(nb)
        emv = np.asarray(movable, dtype=bool)[eu]
        inf = np.inf

        def exc(x):
            return lo - x if x < lo else (x - hi if x > hi else 0.0)
        tolp = 1e-9 * max(hi, 1.0)
        size = np.bincount(lab, minlength=k).tolist()
        connected_without = self._connected_without
        ver = [0] * k
        refused = set()
        for _round in range(max_rounds):
            improved = False
            # movable units with a neighbour in another territory, in index order
            la = np.array(lab, dtype=np.int64)
            bnd = np.unique(eu[emv & (la[eu] != la[ev])]).tolist()
            dq = deque(bnd)
            inq = [False] * n
            for u in bnd:
                inq[u] = True
            while dq:
                u = dq.popleft()
                inq[u] = False
                a = lab[u]
                if size[a] <= 1:
                    continue
                pu = pl[u]
                best = None
                Pa = P[a]
                ea = exc(Pa)
                ea2 = exc(Pa - pu)
                cau = Cl[a][u]
                for b in {lab[v] for v in nb[u]}:
                    if b == a:
                        continue
                    cb = Cl[b][u]
                    if cb == inf:
                        continue
                    Pb = P[b]
                    q = Pb + pu         # exc written out: the same arithmetic, without the calls
                    de = (ea2 + (lo - q if q < lo else (q - hi if q > hi else 0.0)) - ea
                          - (lo - Pb if Pb < lo else (Pb - hi if Pb > hi else 0.0)))
                    dc = cb - cau
                    if de < -tolp or (de <= tolp and dc < -1e-9 * (abs(cau) + 1)):
                        key = (round(de / max(tolp, 1e-12)) if de < -tolp else 0, dc)
                        if best is None or key < best[0]:
                            best = (key, b)
                if best is None:
                    continue
                b = best[1]
                ck = (u, a, ver[a])
                if ck in refused or not connected_without(u, a, lab, nb):
                    refused.add(ck)
                    continue
                lab[u] = b
                P[a] -= pu
                P[b] += pu
                size[a] -= 1
                size[b] += 1
                ver[a] += 1
                ver[b] += 1
                improved = True
                for v in nb[u]:
                    if mvl[v] and not inq[v]:
                        inq[v] = True
                        dq.append(v)
                if mvl[u] and not inq[u]:
                    inq[u] = True
                    dq.append(u)
            # swaps between adjacent territories
            swapped = self._swaps(lab, Cl, pl, nb, P, size, lo, hi, mvl, eu, ev, emv, ver, refused)
            if not improved and not swapped:
                break
        return np.array(lab, dtype=np.int64)

    def _swaps(self, lab, Cl, p, nb, P, size, lo, hi, movable, eu, ev, emv, ver, refused, max_pairs=40):
        """Best-gain swaps of two units between adjacent territories (balance not worsened,
        both territories kept in one piece). ``eu, ev``: the edges of ``nb`` (``_edges``),
        ``emv``: ``movable[eu]``; ``ver[t]`` counts the changes of territory t's members (kept
        up to date here and by the caller), ``refused`` holds the swaps (u, v, a, b, ver[a], ver[b])
        already found to break contiguity."""
        k = len(P)

        def exc(x):
            return lo - x if x < lo else (x - hi if x > hi else 0.0)
        tolp = 1e-9 * max(hi, 1.0)
        inf = np.inf
        # border[(a, b)]: movable units of a with a neighbour in b (sets filled in unit order)
        la = np.array(lab, dtype=np.int64)
        a_e, b_e = la[eu], la[ev]
        sel = emv & (a_e != b_e)
        key = a_e[sel] * k + b_e[sel]
        us = eu[sel]
        order = np.lexsort((us, key))
        key, us = key[order], us[order]
        cuts = np.flatnonzero(np.diff(key)) + 1
        starts = np.r_[0, cuts].tolist()
        ends = np.r_[cuts, key.size].tolist()
        keys = key[starts].tolist() if key.size else []
        ul = us.tolist()
        border = {}
        for kk, s, e in zip(keys, starts, ends):
            border[divmod(kk, k)] = set(ul[s:e])
        done = False
        connected_without = self._connected_without
        for (a, b), us in sorted(border.items()):
            if a > b:
                continue
            vs = border.get((b, a))
            if not vs:
                continue
            Ca, Cb = Cl[a], Cl[b]
            ga = sorted(((Ca[u] - Cb[u], u) for u in us), reverse=True)[:max_pairs]
            gb = sorted(((Cb[v] - Ca[v], v) for v in vs), reverse=True)[:max_pairs]
            # gains in decreasing order: once the best pair left cannot gain, nothing further
            # can (unless a gain is NaN, when the order means nothing)
            g0 = gb[0][0]
            ordered = not any(g != g for g, _ in ga) and not any(g != g for g, _ in gb)
            for gu, u in ga:
                if ordered and gu + g0 <= 0.0:
                    break
                if lab[u] != a:
                    continue
                for gv, v in gb:
                    if gu + gv <= 1e-9 * (abs(Ca[u]) + abs(Cb[v]) + 1):
                        break
                    if lab[v] != b or lab[u] != a:
                        continue
                    if Cb[u] == inf or Ca[v] == inf:
                        continue
                    d = p[u] - p[v]
                    de = exc(P[a] - d) + exc(P[b] + d) - exc(P[a]) - exc(P[b])
                    if de > tolp:
                        continue
                    # contiguity after the swap depends on u, v and the members of a and b only:
                    # a refusal is remembered until a or b changes (``ver``)
                    mk = (u, v, a, b, ver[a], ver[b])
                    if mk in refused:
                        continue
                    lab[u], lab[v] = b, a
                    if not (any(lab[w] == a for w in nb[v]) and any(lab[w] == b for w in nb[u])
                            and connected_without(u, a, lab, nb)
                            and connected_without(v, b, lab, nb)):
                        lab[u], lab[v] = a, b
                        refused.add(mk)
                        continue
                    P[a] -= d
                    P[b] += d
                    ver[a] += 1
                    ver[b] += 1
                    done = True
                    break
        return done

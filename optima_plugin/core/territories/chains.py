"""Balance repair by ejection chains (beam search over sequences of boundary moves)."""
from __future__ import annotations

from array import array
from heapq import heapify, heappop

import numpy as np

from .common import _flood


class _MemberSets:
    """What depends on a territory's member set only, computed once per set (bit mask) and kept:
    its units, its outside neighbours, its boundary units with their outside neighbours, its
    articulation units. ``cache`` maps a mask to its entry (no approximation: keyed by the exact
    set); ``nb[u]`` are the neighbours of unit u."""

    def __init__(self, nb, cache):
        self.nb = nb
        self.cache = cache

    def entry(self, mask, Lx, x, hint=None):
        """[members, outside neighbours, {boundary member: its outside neighbours},
        articulation units as a bit mask or None (computed on demand)] of the member set
        ``mask`` of territory x in a state with labels Lx. Tuples of ints and int masks:
        the garbage collector leaves them alone, however many sets are kept. ``hint``
        (a, mask of a before, b, mask of b before, u): the last move of the state (u from
        a to b), from which the sets of a and b are updated when their entries are known."""
        nb = self.nb
        cache = self.cache
        e = cache.get(mask)
        if e is not None:
            return e
        if hint is not None and (x == hint[0] or x == hint[2]):
            u = hint[4]
            pe = cache.get(hint[1] if x == hint[0] else hint[3])
            if pe is not None:
                nbu = nb[u]
                bnd = dict(pe[2])
                outs = set(pe[1])
                if x == hint[0]:        # u left x
                    mem = tuple([w for w in pe[0] if w != u])
                    bnd.pop(u, None)
                    adj = False
                    for w in nbu:
                        if Lx[w] == x:
                            adj = True
                            bnd[w] = bnd.get(w, ()) + (u,)
                        elif w in outs:
                            for z in nb[w]:
                                if Lx[z] == x:
                                    break
                            else:
                                outs.discard(w)
                    if adj:
                        outs.add(u)
                else:                   # u joined x
                    mem = pe[0] + (u,)
                    vu = []
                    for w in nbu:
                        if Lx[w] == x:
                            vs = bnd.get(w)
                            if vs is not None:
                                vs = tuple([v for v in vs if v != u])
                                if vs:
                                    bnd[w] = vs
                                else:
                                    del bnd[w]
                        else:
                            vu.append(w)
                    outs.discard(u)
                    if vu:
                        bnd[u] = tuple(vu)
                        outs.update(vu)
                # removal from a territory in one piece whose articulation units are known:
                # kept for the cheap answers of ``is_cut``
                e = [mem, tuple(outs), bnd, None, 0,
                     (pe[3], u) if x == hint[0] and pe[3] is not None and pe[4] == 1 else None]
                if x == hint[2] and pe[3] is not None and pe[4] == 1:
                    # a unit joining a territory in one piece: it stays in one piece; if u
                    # touches one unit w of it, w becomes an articulation unit (when not alone)
                    # and nothing else changes; if u touches several and there was no
                    # articulation unit, there is still none
                    adj = [w for w in nbu if Lx[w] == x]
                    if len(adj) == 1:
                        e[3] = pe[3] | (1 << adj[0]) if len(pe[0]) >= 2 else pe[3]
                        e[4] = 1
                    elif pe[3] == 0:
                        e[3] = 0
                        e[4] = 1
                cache[mask] = e
                return e
        mem = []
        m = mask
        while m:
            low = m & -m
            mem.append(low.bit_length() - 1)
            m ^= low
        outs = set()
        bnd = {}
        for w in mem:
            vs = tuple([v for v in nb[w] if Lx[v] != x])
            if vs:
                bnd[w] = vs
                outs.update(vs)
        e = [tuple(mem), tuple(outs), bnd, None, 0, None]
        cache[mask] = e
        return e

    def is_cut(self, e, w, Lx, x):
        """Is unit w an articulation unit of the member set of ``e``? When the set is a
        territory in one piece that lost a non-articulation unit u (so it is still in one
        piece) and the articulation units before are known: w stays one unless u hung on w
        alone; otherwise it is one exactly when its neighbours in the set fall apart without
        it, seen at once when they touch one another. Tarjan otherwise."""
        nb = self.nb
        c = e[3]
        if c is not None:
            return c >> w & 1
        src = e[5]
        if src is not None:
            pc, u = src
            if pc >> w & 1:
                for z in nb[u]:
                    if z != w and Lx[z] == x:
                        return 1
            else:
                na = [z for z in nb[w] if Lx[z] == x]
                if len(na) <= 1:
                    return 0
                sna = set(na)
                if len(_flood(na[0], sna, nb)) == len(sna):
                    return 0
        return self.cut_of(e, Lx, x) >> w & 1

    def cut_of(self, e, Lx, x):
        """Articulation units (bit mask) of the member set of ``e`` (iterative Tarjan on
        its induced subgraph; ``Lx[w] == x`` tells membership)."""
        nb = self.nb
        if e[3] is not None:
            return e[3]
        disc, low = {}, {}
        cut = 0
        cnt = 0
        pieces = 0
        for root in e[0]:
            if root in disc:
                continue
            pieces += 1
            disc[root] = low[root] = cnt
            cnt += 1
            nchild = 0
            stack = [(root, -1, iter(nb[root]))]
            while stack:
                v, par, it = stack[-1]
                for w in it:
                    if Lx[w] != x or w == par:
                        continue
                    if w not in disc:
                        disc[w] = low[w] = cnt
                        cnt += 1
                        stack.append((w, v, iter(nb[w])))
                        break
                    if disc[w] < low[v]:
                        low[v] = disc[w]
                else:
                    stack.pop()
                    if stack:
                        pv = stack[-1][0]
                        if low[v] < low[pv]:
                            low[pv] = low[v]
                        if pv == root:
                            nchild += 1
                        elif low[v] >= disc[pv]:
                            cut |= 1 << pv
            if nchild > 1:
                cut |= 1 << root
        e[3] = cut
        e[4] = pieces
        return cut


class _ChainsMixin:
    """Ejection chains of :class:`_Solver`."""

    def _chain_polish(self, lab, hubs, Ct, Cs, S, cS, seg, p, nb, lo, hi, movable, fixed_mask, g2l,
                      groups_of, limit, home):
        """Balance still off at the end of a start: ejection chains, first with the hubs kept in
        place, then letting hub units move too (the hubs are then re-optimised). The costs are
        recomputed for the new hubs and a local search (which never worsens the balance)
        recovers travel time. Returns (lab, hubs, Ct, Cs)."""
        k_r = len(hubs)

        def excess(l):
            P = np.bincount(l, weights=p, minlength=k_r)
            return float(np.maximum(0, np.maximum(lo - P, P - hi)).sum())
        e0 = excess(lab)
        if e0 <= 1e-9 * hi:
            return lab, hubs, Ct, Cs
        hub_u = np.array([g2l[int(self.unit_of[h])] for h in hubs])
        mv = movable.copy()
        mv[hub_u] = False
        lab2 = self._chains(lab, Cs, p, nb, lo, hi, mv)
        if excess(lab2) > 1e-9 * hi:
            lab2 = self._chains(lab2, Cs, p, nb, lo, hi, movable)
        if excess(lab2) >= e0 - 1e-9 * hi:
            return lab, hubs, Ct, Cs
        new_hubs, _ = self._medians(groups_of(lab2), hubs, fixed_mask, limit)
        Ct2 = self._unit_costs(new_hubs, S, cS, seg, limit)
        self._fix_unreachable(Ct2, new_hubs, S, cS, seg)
        Cs2 = Ct2 + self._stab_costs(home if home is not None else [-1] * k_r, S)
        hub_u = np.array([g2l[int(self.unit_of[h])] for h in new_hubs])
        mv = movable.copy()
        mv[hub_u] = False
        lab2 = self._local_search(lab2, Cs2, p, nb, lo, hi, mv)
        return lab2, new_hubs, Ct2, Cs2

    def _chains(self, lab, C, p, nb, lo, hi, movable):
        """Balance repair by ejection chains (beam search), contiguity kept.

        A chain starts at an out-of-balance territory: if it is under-weight it pulls a
        boundary unit from a neighbouring territory, if over-weight it pushes one of its
        boundary units to a neighbour; the chain then goes on from the most out-of-balance
        territory it has touched, and so on (at most ``chain_depth`` moves, the best
        ``chain_beam`` partial chains kept at each step). A unit is never moved twice in a
        chain (two moves between the same pair of territories make a swap) and a donor
        territory never loses one of its articulation units (it stays in one piece). The
        first chain length that lowers the total excess ``sum max(0, lo - P_t, P_t - hi)``
        gives the applied chain (lowest excess, then lowest added cost); repeated until no
        chain improves. Deterministic: ties are broken by unit and territory indices.

        Each state of the beam carries the member set of every territory as a bit mask (a
        Python int); what depends on a member set only (its units, its outside neighbours,
        its articulation units) is computed once per set, mostly updated from the set before
        the last move, and kept for the sub-problem (``_chain_cache``, keyed by the exact
        mask: no approximation). A call that starts from the very state where an earlier call
        found no improving chain (same labels, costs, populations, movable units and
        parameters) returns at once: the search would fail again the same way.
        """
        k = C.shape[0]
        tolp = 1e-9 * max(hi, 1.0)
        lab = np.asarray(lab, dtype=np.int64)
        P = np.bincount(lab, weights=p, minlength=k).tolist()

        def exc(x):
            return lo - x if x < lo else (x - hi if x > hi else 0.0)
        if self.effort.chain_rounds <= 0 or sum(exc(x) for x in P) <= tolp:
            return lab.copy()
        # the same state as at the end of an earlier call that found no improving chain
        # (e.g. the hubs did not change since): the search would fail again the same way
        params = (lo, hi, self.effort.chain_beam, self.effort.chain_depth, self.effort.chain_rounds, self.effort.chain_starts,
                  self.effort.chain_first)
        fp = getattr(self, "_chain_fixed", None)
        if (fp is not None and fp[0] is nb and fp[1] == params and fp[2] == P
                and np.array_equal(fp[3], lab) and np.array_equal(fp[4], movable)
                and np.array_equal(fp[5], p) and np.array_equal(fp[6], C)):
            return lab.copy()
        Cl = self._rows_list(C)
        mvl = [bool(x) for x in movable]
        pl = [float(x) for x in p]
        size = np.bincount(lab, minlength=k).tolist()
        L = array("q", lab.tolist())
        M = [int.from_bytes(np.packbits(lab == t, bitorder="little").tobytes(), "little") for t in range(k)]
        cc = getattr(self, "_chain_cache", None)
        if cc is None or cc[0] is not nb or len(cc[1]) > 20_000:
            cc = (nb, {})
            self._chain_cache = cc
        cache = cc[1]

        sets = _MemberSets(nb, cache)
        entry, is_cut = sets.entry, sets.is_cut

        for _round in range(self.effort.chain_rounds):
            E0 = sum(exc(x) for x in P)
            if E0 <= tolp:
                break
            self.mon.check()
            bad = sorted((t for t in range(k) if exc(P[t]) > tolp), key=lambda t: (-exc(P[t]), t))
            best = None
            for z in bad[:self.effort.chain_starts]:
                # state: (E, dcost, labels, P, size, masks, moved units, open end, touched, move
                # keys, last move (a, mask of a before, b, mask of b before, unit))
                states = [(E0, 0.0, L, P, size, M, frozenset(), z, frozenset([z]), frozenset(), None)]
                seen = set()
                for _d in range(self.effort.chain_depth):
                    cands = _chain_candidates(states, lo, hi, Cl, mvl, pl, entry)
                    states, best = _chain_expand(cands, states, seen, self.effort.chain_beam, E0, tolp, best,
                                                 pl, entry, is_cut, exc)
                    if (best is not None and self.effort.chain_first) or not states:
                        break
                if best is not None:
                    break
            if best is None:
                self._chain_fixed = (nb, params, list(P), np.frombuffer(L, dtype=np.int64).copy(),
                                     np.array(movable, dtype=bool), np.array(p, dtype=float), np.array(C))
                break
            _, _, L, P, size, M = best
        return np.frombuffer(L, dtype=np.int64).copy()


def _chain_candidates(states, lo, hi, Cl, mvl, pl, entry):
    """Every move that extends a chain of the beam by one unit: (E, dcost, unit, to, state, from),
    E the total excess after the move, dcost the added cost. An under-weight open end pulls a
    neighbouring unit (whose territory keeps at least one unit), an over-weight one pushes one of
    its boundary units to a neighbouring territory; a unit moves at most once per chain."""
    inf = np.inf
    # candidate: (E, dcost, unit, to, state, from); sorting the whole tuple is
    # the order (E, dcost, unit, to) with ties in state order
    cands = []
    for si, (E, dc, Ls, Pv, sz, Ms, moved, x, _t, _k, hint) in enumerate(states):
        Px = Pv[x]
        Ex = E - (lo - Px if Px < lo else (Px - hi if Px > hi else 0.0))
        e = entry(Ms[x], Ls, x, hint)
        Cx = Cl[x]
        # (exc written out: the same arithmetic, without the calls)
        if Px < lo:             # pull a neighbouring unit into x
            for u in e[1]:
                y = Ls[u]
                if not mvl[u] or u in moved or sz[y] <= 1:
                    continue
                cxu = Cx[u]
                if cxu == inf:
                    continue
                pu = pl[u]
                Py = Pv[y]
                q = Px + pu
                r = Py - pu
                cands.append((Ex - (lo - Py if Py < lo else (Py - hi if Py > hi else 0.0))
                              + (lo - q if q < lo else (q - hi if q > hi else 0.0))
                              + (lo - r if r < lo else (r - hi if r > hi else 0.0)),
                              dc + cxu - Cl[y][u], u, x, si, y))
        elif sz[x] > 1:         # push one of x's boundary units out
            for u, vs in e[2].items():
                if not mvl[u] or u in moved:
                    continue
                pu = pl[u]
                q = Px - pu
                ex_o = lo - q if q < lo else (q - hi if q > hi else 0.0)
                cxu = Cx[u]
                for y in ({Ls[v] for v in vs} if len(vs) > 1 else (Ls[vs[0]],)):
                    cyu = Cl[y][u]
                    if cyu == inf:
                        continue
                    Py = Pv[y]
                    r = Py + pu
                    cands.append((Ex - (lo - Py if Py < lo else (Py - hi if Py > hi else 0.0))
                                  + ex_o + (lo - r if r < lo else (r - hi if r > hi else 0.0)),
                                  dc + cyu - cxu, u, y, si, x))
    return cands


def _chain_expand(cands, states, seen, beam, E0, tolp, best, pl, entry, is_cut, exc):
    """The next beam: the candidates taken in increasing order (a heap: most are never taken)
    until ``beam`` states are kept, skipping a set of moves already seen and a move that would cut
    its donor territory in two. ``best``: the lowest (excess, cost) state below ``E0`` found so far.
    Returns (states, best)."""
    # taken in increasing order until the beam is full (a heap: most are never taken)
    heapify(cands)
    new_states = []
    while cands and len(new_states) < beam:
        E2, dc2, u, b, si, a = heappop(cands)     # u moves from a to b
        E, dc, Ls, Pv, sz, Ms, moved, x, touched, keys, hint = states[si]
        key = keys | {(u, b)}
        if key in seen:
            continue
        if is_cut(entry(Ms[a], Ls, a, hint), u, Ls, a):
            continue
        seen.add(key)
        L2 = Ls[:]
        L2[u] = b
        P2 = list(Pv)
        P2[a] -= pl[u]
        P2[b] += pl[u]
        s2 = list(sz)
        s2[a] -= 1
        s2[b] += 1
        bit = 1 << u
        M2 = list(Ms)
        M2[a] ^= bit
        M2[b] |= bit
        if E2 < E0 - tolp and (best is None or (E2, dc2) < best[:2]):
            best = (E2, dc2, L2, P2, s2, M2)
        tch = touched | {a, b}
        # open end: the most out-of-balance territory the chain has touched
        eo, nxt = max([(exc(P2[t]), -t) for t in tch])
        if eo <= tolp:
            continue            # chain closed
        new_states.append((E2, dc2, L2, P2, s2, M2, moved | {u}, -nxt, tch, key,
                           (a, Ms[a], b, Ms[b], u)))
    return new_states, best

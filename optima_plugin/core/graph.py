"""The one travel-cost graph every module consumes.

A :class:`CostGraph` is a directed graph with travel times in minutes (and, in
parallel, lengths in metres) as a scipy CSR matrix. Places that matter to the
caller (communes, candidate sites) are *terminal nodes*: indices into the graph.

- With the proxy (adjacency) network, the graph nodes are the communes themselves.
- With a road network, the graph is the road graph plus one extra node per
  terminal, linked to its snapped road node by an access edge.

Bulk shortest paths use :func:`scipy.sparse.csgraph.dijkstra` (compiled), never a
Python loop over networkx.

Conventions
-----------
- ``time[i, j]`` is the time of the arc i -> j. Stored zeros ARE arcs (scipy's
  csgraph treats explicit zeros of a sparse matrix as zero-cost edges); build the
  matrices with :meth:`CostGraph.from_edges`, which keeps one arc per (i, j) -- the
  fastest -- instead of summing duplicates as ``csr_matrix((data, (i, j)))`` would.
- Unreachable (or beyond ``limit``) is ``np.inf`` for times and lengths alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np


def _dedupe_fastest(i, j, t, L=None):
    """Keep, for every (i, j), the arc of least time (then least length)."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    t = np.asarray(t, dtype=float)
    L2 = np.zeros_like(t) if L is None else np.asarray(L, dtype=float)
    if i.size == 0:
        return i, j, t, (None if L is None else L2)
    n = int(max(i.max(), j.max(), 0)) + 1
    k = i * n + j
    # one sort of the (i, j) keys (runs already in order cost next to nothing); the times and
    # lengths enter the sort only when two arcs share their ends
    order = np.argsort(k, kind="stable")
    ks = k[order]
    if (ks[1:] == ks[:-1]).any():
        order = np.lexsort((L2, t, k))
        ks = k[order]
        first = np.ones(ks.size, dtype=bool)
        first[1:] = ks[1:] != ks[:-1]
        order = order[first]
    return i[order], j[order], t[order], (None if L is None else L2[order])


@dataclass
class CostGraph:
    time: "object"                      # scipy.sparse.csr_matrix, minutes, directed (i -> j)
    length: Optional["object"] = None   # scipy.sparse.csr_matrix, metres, same sparsity as time
    xy: Optional[np.ndarray] = None     # (N, 2) node coordinates in a metric CRS
    info: dict = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        return self.time.shape[0]

    # ------------------------------------------------------------------ build
    @classmethod
    def from_edges(cls, i, j, time_min, length_m=None, n_nodes: Optional[int] = None,
                   xy: Optional[np.ndarray] = None, symmetric: bool = False,
                   info: Optional[dict] = None) -> "CostGraph":
        """Build from arc lists. Parallel arcs: the fastest is kept (never summed).

        ``symmetric=True`` adds the reverse of every arc. Zero times are kept as arcs.
        """
        import scipy.sparse as sp

        i = np.asarray(i, dtype=np.int64).ravel()
        j = np.asarray(j, dtype=np.int64).ravel()
        t = np.asarray(time_min, dtype=float).ravel()
        L = None if length_m is None else np.asarray(length_m, dtype=float).ravel()
        if symmetric:
            i, j = np.concatenate([i, j]), np.concatenate([j, i])
            t = np.concatenate([t, t])
            L = None if L is None else np.concatenate([L, L])
        if n_nodes is None:
            n_nodes = int(max(i.max(initial=-1), j.max(initial=-1)) + 1)
            if xy is not None:
                n_nodes = max(n_nodes, len(xy))
        i, j, t, L = _dedupe_fastest(i, j, t, L)
        # rows sorted by (i, j) already: build CSR directly so explicit zeros survive
        indptr = np.zeros(n_nodes + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.bincount(i, minlength=n_nodes)[:n_nodes])
        idx_dtype = np.int32 if max(n_nodes, i.size) < 2**31 - 1 else np.int64
        T = sp.csr_matrix((t, j.astype(idx_dtype), indptr.astype(idx_dtype)), shape=(n_nodes, n_nodes))
        Lm = None
        if L is not None:
            Lm = sp.csr_matrix((L, j.astype(idx_dtype), indptr.astype(idx_dtype)), shape=(n_nodes, n_nodes))
        return cls(time=T, length=Lm,
                   xy=None if xy is None else np.asarray(xy, dtype=float),
                   info=dict(info or {}))

    def arcs(self):
        """(i, j, time_min, length_m or None) arrays of every stored arc."""
        T = self.time.tocsr()
        i = np.repeat(np.arange(T.shape[0]), np.diff(T.indptr))
        L = None if self.length is None else np.asarray(self.length.tocsr().data, dtype=float)
        return i, np.asarray(T.indices, dtype=np.int64), np.asarray(T.data, dtype=float), L

    # ----------------------------------------------------------------- query
    def times(self, sources: Sequence[int], targets: Optional[Sequence[int]] = None,
              limit: float = np.inf, with_length: bool = False):
        """Shortest travel times (minutes) from each source to each target.

        Returns an array of shape (len(sources), len(targets)) (all nodes if targets is
        None), ``np.inf`` where unreachable or beyond ``limit``. With ``with_length``,
        also returns the length (metres) along the fastest path (``inf`` where the time
        is ``inf``; ``nan`` everywhere if the graph has no lengths).
        """
        from scipy.sparse.csgraph import dijkstra

        sources = np.asarray(sources, dtype=np.int64).ravel()
        tgt = None if targets is None else np.asarray(targets, dtype=np.int64).ravel()
        if sources.size == 0:
            n_t = self.n_nodes if tgt is None else tgt.size
            empty = np.full((0, n_t), np.inf)
            return (empty, empty.copy()) if with_length else empty
        uniq, inv = np.unique(sources, return_inverse=True)
        if with_length:
            d, pred = dijkstra(self.time, directed=True, indices=uniq, limit=limit,
                               return_predecessors=True)
            d, pred = np.atleast_2d(d), np.atleast_2d(pred)
        else:
            d = np.atleast_2d(dijkstra(self.time, directed=True, indices=uniq, limit=limit))
        out = d[inv] if tgt is None else d[inv][:, tgt]
        if not with_length:
            return out
        lengths = self.path_lengths(uniq, pred, tgt)
        return out, lengths[inv]

    # ---------------------------------------------------------------- lengths
    def _length_lookup(self):
        """Sorted arc keys (i * N + j) and lengths, for vectorised (i, j) -> length."""
        cache = self.__dict__.get("_len_cache")
        if cache is not None and cache[0] is self.length:
            return cache[1], cache[2]
        Lm = self.length.tocsr().copy()
        Lm.sum_duplicates()            # no-op for graphs built by from_edges
        Lm.sort_indices()
        n = Lm.shape[0]
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(Lm.indptr))
        keys = rows * n + Lm.indices.astype(np.int64)   # row-major order: already sorted
        vals = np.asarray(Lm.data, dtype=float)
        self.__dict__["_len_cache"] = (self.length, keys, vals)
        return keys, vals

    def prepare_length_lookup(self) -> None:
        """Build the arc-length look-up of :meth:`path_lengths` now (worker processes forked
        afterwards inherit it instead of each building its own). No-op without lengths."""
        if self.length is not None:
            self._arc_hash()

    _HASH_MUL = np.uint64(0x9E3779B97F4A7C15)       # Fibonacci hashing

    def _arc_hash(self):
        """Open-addressing hash table (i * N + j) -> length of every arc, a quarter full.

        The length of arc p -> c is then a multiply, a shift and two gathers (a second probe
        for the few keys that collide), instead of a binary search over all the arcs."""
        cache = self.__dict__.get("_hash_cache")
        if cache is not None and cache[0] is self.length:
            return cache[1]
        keys, vals = self._length_lookup()
        bits = int(max(4, np.ceil(np.log2(max(4 * keys.size, 16)))))
        size = 1 << bits
        tk = np.full(size, -1, dtype=np.int64)
        tv = np.full(size, np.nan)
        shift = np.uint64(64 - bits)
        pos = ((keys.astype(np.uint64) * self._HASH_MUL) >> shift).astype(np.int64)
        pending = np.arange(keys.size)
        while pending.size:
            slot = pos[pending]
            free = tk[slot] == -1
            cand, cs = pending[free], slot[free]
            us, first = np.unique(cs, return_index=True)          # one key per free slot per round
            win = cand[first]
            tk[us] = keys[win]
            tv[us] = vals[win]
            placed = np.zeros(keys.size, dtype=bool)
            placed[win] = True
            pending = pending[~placed[pending]]
            pos[pending] = (pos[pending] + 1) & (size - 1)
        table = (tk, tv, shift, size - 1)
        self.__dict__["_hash_cache"] = (self.length, table)
        return table

    def _hash_get(self, k):
        """Lengths of the arcs of keys ``k`` (i * N + j); nan where there is no such arc."""
        tk, tv, shift, mask = self._arc_hash()
        h = ((k.astype(np.uint64) * self._HASH_MUL) >> shift).astype(np.int64)
        got = tk[h]
        out = tv[h]
        miss = np.flatnonzero(got != k)
        while miss.size:
            out[miss] = np.nan
            h[miss] = (h[miss] + 1) & mask
            got_m = tk[h[miss]]
            hit = got_m == k[miss]
            out[miss[hit]] = tv[h[miss[hit]]]
            miss = miss[~hit & (got_m != -1)]                      # an empty slot ends the probe
        return out

    def arc_lengths(self, i, j) -> np.ndarray:
        """Length of arcs i -> j (vectorised); nan where the arc does not exist."""
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        if i.size == 0:
            return np.zeros(i.shape)
        return self._hash_get(i * self.n_nodes + j)

    def _arc_lengths_sorted(self, i, j) -> np.ndarray:
        keys, vals = self._length_lookup()
        k = np.asarray(i, dtype=np.int64) * self.n_nodes + np.asarray(j, dtype=np.int64)
        pos = np.searchsorted(keys, k)
        pos = np.minimum(pos, max(keys.size - 1, 0))
        ok = keys.size > 0
        out = np.full(k.shape, np.nan)
        if ok:
            hit = keys[pos] == k
            out[hit] = vals[pos[hit]]
        return out

    def path_lengths(self, sources, pred, targets=None) -> np.ndarray:
        """Length (m) along the shortest-path trees given by ``pred`` (dijkstra output).

        ``pred[r]`` is the predecessor row of ``sources[r]``. Returns (R, len(targets))
        (or (R, N) when targets is None), ``inf`` where the node is not in the tree.
        Vectorised: with few targets, every (source, target) pair walks up its tree in
        lock-step (one numpy step per hop); for all nodes, one multi-source dijkstra
        over the disjoint union of the trees weighted by length (``min_only``).
        """
        sources = np.asarray(sources, dtype=np.int64).ravel()
        pred = np.atleast_2d(pred)
        R, n = pred.shape
        n_t = n if targets is None else len(targets)
        if self.length is None:
            return np.full((R, n_t), np.nan)
        if targets is not None and len(targets) * 8 <= n:
            return self._walk_up(sources, pred, np.asarray(targets, dtype=np.int64))
        L = self._tree_dijkstra(sources, pred)
        return L if targets is None else L[:, np.asarray(targets, dtype=np.int64)]

    def _walk_up(self, sources, pred, targets):
        """Lengths from each tree's root to ``targets``: all walkers step up their tree together,
        one gather of the predecessor and one hash look-up of the arc per step; a walker at its
        root stays there (its arcs cost 0) until the finished walkers are dropped, every 8 steps."""
        R, n = pred.shape
        flat = pred.ravel()
        base = np.repeat(np.arange(R, dtype=np.int64) * n, targets.size)   # row offset of each walker
        root = np.repeat(np.asarray(sources, dtype=np.int64), targets.size)
        cur = np.tile(targets, R)
        L = np.zeros(cur.size)
        in_tree = (flat[base + cur] >= 0) | (cur == root)
        L[~in_tree] = np.inf
        act = np.flatnonzero(in_tree & (cur != root))
        c, b, r = cur[act], base[act], root[act]
        acc = np.zeros(act.size)
        step = 0
        while act.size:
            p = flat[b + c].astype(np.int64)
            p = np.where(c == r, c, p)                 # at the root: stay
            w = self.arc_lengths(p, c)
            acc += np.where(p == c, 0.0, w)
            c = p
            step += 1
            if step % 8 == 0:
                done = c == r
                if done.any():
                    L[act[done]] += acc[done]
                    keep = ~done
                    act, c, b, r, acc = act[keep], c[keep], b[keep], r[keep], acc[keep]
        return L.reshape(R, targets.size)

    def _tree_dijkstra(self, sources, pred):
        import scipy.sparse as sp
        from scipy.sparse.csgraph import dijkstra

        R, n = pred.shape
        out = np.full((R, n), np.inf)
        # chunks keep the union graph below ~4M nodes
        step = max(1, 4_000_000 // max(n, 1))
        for a in range(0, R, step):
            P = pred[a:a + step]
            r, v = np.nonzero(P >= 0)
            p = P[r, v].astype(np.int64)
            w = self.arc_lengths(p, v)
            m = P.shape[0] * n
            T = sp.csr_matrix((w, (r * n + p, r * n + v)), shape=(m, m))
            roots = np.arange(P.shape[0], dtype=np.int64) * n + sources[a:a + step]
            d = dijkstra(T, directed=True, indices=roots, min_only=True)
            out[a:a + step] = d.reshape(P.shape[0], n)
        return out


# ============================================================================== reduction
# any change of these constants or of reduce_graph must bump graph_cache.FORMAT_VERSION
REDUCE_MAX_DEGREE = 16         # nodes with up to this many neighbours are bypassed
REDUCE_MAX_ARC_GROWTH = 1.5    # ... while the graph keeps at most this many times its arcs
REDUCE_MAX_ROUNDS = 64
REDUCE_NEXT_DEGREE_SHARE = 0.01   # a round bypassing fewer nodes than this share: next degree allowed


def _arc_index(i, j, n):
    """Hash index of the arcs ``(i, j)`` (no parallel arcs): ``.get_indexer(u * n + w)`` gives
    the position of the arc ``u -> w`` or -1 (pandas' hash table: several times faster than a
    binary search over hundreds of thousands of arcs)."""
    import pandas as pd
    return pd.Index(i.astype(np.int64) * n + j)


def _witnessed(i, j, t, sel, index, nu, nw, nt):
    """Mask of the new arcs ``nu -> nw`` (time ``nt``) that a path of two remaining arcs
    ``nu -> x -> nw`` (``x`` not bypassed now) beats strictly: such an arc is never needed by a
    fastest path (the two-arc path, or what later bypasses make of it, is faster), so it is not
    added. A new arc already beaten by a remaining direct arc is also in the mask (the merge of
    parallel arcs would drop it). ``i, j, t``: all the arcs, sorted by ``(i, j)``; ``index``:
    their :func:`_arc_index`."""
    n = sel.size
    if nu.size == 0 or i.size == 0:
        return np.zeros(nu.size, dtype=bool)
    # a remaining direct arc nu -> nw that is strictly faster: the merge would drop the new arc
    # anyway, so it needs no two-arc search (a third of the new arcs on road graphs)
    pos = index.get_indexer(nu.astype(np.int64) * n + nw)
    p = np.maximum(pos, 0)
    beaten = (pos >= 0) & (t[p] < nt) & ~sel[i[p]] & ~sel[j[p]]
    if beaten.any():
        rest = np.flatnonzero(~beaten)
        beaten[rest] = _two_arc_witnessed(i, j, t, sel, index, nu[rest], nw[rest], nt[rest])
        return beaten
    return _two_arc_witnessed(i, j, t, sel, index, nu, nw, nt)


def _two_arc_witnessed(i, j, t, sel, index, nu, nw, nt):
    """The two-arc part of :func:`_witnessed`."""
    n = sel.size
    if nu.size == 0:
        return np.zeros(nu.size, dtype=bool)
    cnt = np.bincount(i, minlength=n)
    first = np.concatenate([[0], np.cumsum(cnt)[:-1]])
    rep = cnt[nu]                                      # arcs out of each new arc's tail
    tot = int(rep.sum())
    seg = np.cumsum(rep) - rep
    e1 = np.repeat(first[nu], rep) + (np.arange(tot) - np.repeat(seg, rep))
    k = np.repeat(np.arange(nu.size), rep)
    x = j[e1]
    # x -> nw is an arc that stays when x stays (nw stays: it is next to a bypassed node); only
    # a first arc faster than the new one can start a faster path
    ask = ~sel[x] & (t[e1] < nt[k])
    e1, k, x = e1[ask], k[ask], x[ask]
    e2 = index.get_indexer(x.astype(np.int64) * n + nw[k])
    hit = e2 >= 0
    faster = np.zeros(nu.size, dtype=bool)
    faster[k[hit][t[e1[hit]] + t[e2[hit]] < nt[k[hit]]]] = True
    return faster


def _bypass(i, j, t, L, sel, index=None):
    """Take the ``sel`` nodes (no two of them joined by an arc) out of the arc lists: every
    pair of arcs ``u -> v -> w`` through one of them (``u != w``) becomes ``u -> w`` with the
    summed time and length, unless two remaining arcs ``u -> x -> w`` are strictly faster
    (checked when ``index``, the :func:`_arc_index` of the arcs, is given); parallel arcs keep
    the fastest (then shortest)."""
    out = sel[i]
    inn = sel[j]
    oi = np.flatnonzero(out)                           # arcs are sorted by (i, j): grouped by v already
    cout = np.bincount(i[oi], minlength=sel.size)
    start = np.concatenate([[0], np.cumsum(cout)[:-1]])
    ii = np.flatnonzero(inn)
    v = j[ii]
    rep = cout[v]
    a = np.repeat(ii, rep)                             # arc into v, once per arc out of v
    off = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
    b = oi[np.repeat(start[v], rep) + off]             # arc out of v
    ok = i[a] != j[b]                                  # a U-turn is never part of a shortest path
    a, b = a[ok], b[ok]
    rest = ~(out | inn)
    if index is not None:
        need = ~_witnessed(i, j, t, sel, index, i[a], j[b], t[a] + t[b])
        a, b = a[need], b[need]
    return _merge_fastest(sel.size, i[rest], j[rest], t[rest], L[rest], i[a], j[b], t[a] + t[b], L[a] + L[b])


def _merge_fastest(n, i, j, t, L, ni, nj, nt, nL):
    """Arcs ``(i, j, t, L)`` (sorted by ``(i, j)``, no parallel arcs) and new arcs merged into one
    such list, the fastest (then shortest) of parallel arcs kept. The sort merges two sorted runs."""
    nk = ni * n + nj
    o = np.argsort(nk, kind="stable")
    K = np.concatenate([i * n + j, nk[o]])
    T = np.concatenate([t, nt[o]])
    Ln = np.concatenate([L, nL[o]])
    order = np.argsort(K, kind="stable")
    K, T, Ln = K[order], T[order], Ln[order]
    first = np.ones(K.size, dtype=bool)
    first[1:] = K[1:] != K[:-1]
    if not first.all():
        starts = np.flatnonzero(first)
        run = np.cumsum(first) - 1
        best = T == np.minimum.reduceat(T, starts)[run]
        Lk = np.where(np.isnan(Ln), np.inf, Ln)          # an unknown length never loses the arc
        Lb = np.where(best, Lk, np.inf)
        best &= Lk == np.minimum.reduceat(Lb, starts)[run]
        c = np.cumsum(best)
        before = np.concatenate([[0], c[:-1]])[starts][run]
        first = best & (c - before == 1)
        K, T, Ln = K[first], T[first], Ln[first]
    return K // n, K % n, T, Ln


def reduce_graph(graph: CostGraph, keep, max_degree: int = None, witness: bool = True,
                 candidates=None, start_degree: int = 2, max_arcs: float = None) -> "tuple[CostGraph, np.ndarray]":
    """The graph with the nodes that routing between ``keep`` nodes can do without bypassed:
    ``(reduced graph, new id of every old node or -1)``. Exact: every time (and the length
    along the fastest path) between two kept nodes is that of ``graph``.

    A node ``v`` (not kept) is bypassed by joining each arc into it to each arc out of it:
    ``u -> v -> w`` becomes the arc ``u -> w`` (time and length summed; the fastest kept
    among parallel arcs), the U-turns ``u -> v -> u`` are dropped. Every path through ``v`` is
    still there with the same time, so no time between other nodes changes.

    - Dead ends (one neighbour) have only U-turns: they go with their arcs; repeated, whole
      dangling trees (cul-de-sacs, stray tracks) go.
    - Chains (two neighbours ``a`` and ``b``): ``a -> b`` and ``b -> a`` where the one-ways
      allow; a curved road digitised as many segments becomes one arc.
    - Then junctions with up to ``max_degree`` (``REDUCE_MAX_DEGREE``) neighbours, fewest
      first, while the graph holds at most ``REDUCE_MAX_ARC_GROWTH`` times its arcs: a
      Dijkstra then settles far fewer nodes for a few more arcs.
    - ``witness``: a new arc ``u -> w`` is not added when two arcs that stay, ``u -> x -> w``,
      are strictly faster (as contraction hierarchies prune their shortcuts): on the 320k
      benchmark grid with up to 12 neighbours 160,803 nodes become 38,157 with 594,461 arcs instead
      of 68,382 with 972,150, and the searches take about 40 % less time (:func:`reduce_graph_in_parts`,
      which the routing uses for graphs of 20,000 nodes or more); with up to 16 neighbours
      (``REDUCE_MAX_DEGREE``), 29,719 nodes and 596,027 arcs (in parts: 30,033 and 604,309).

    Each round bypasses a set of candidates no two of which are neighbours (random
    priorities, fixed seed: the same graph gives the same reduction).

    ``candidates``: mask of the only nodes that may be bypassed (the others are kept);
    ``start_degree``: the first degree allowed; ``max_arcs``: the arc limit instead of
    ``REDUCE_MAX_ARC_GROWTH`` times the arcs given (see :func:`reduce_graph_in_parts`)."""
    n = graph.n_nodes
    max_degree = REDUCE_MAX_DEGREE if max_degree is None else int(max_degree)
    keep_mask = np.zeros(n, dtype=bool)
    keep_mask[np.asarray(keep, dtype=np.int64).ravel()] = True
    alive_n = n
    fixed = keep_mask
    if candidates is not None:
        fixed = keep_mask | ~np.asarray(candidates, dtype=bool)
        alive_n = int(n - fixed.sum())
    i, j, t, L = graph.arcs()
    has_len = L is not None
    L = np.zeros_like(t) if L is None else L
    loop = i == j
    i, j, t, L = _dedupe_fastest(i[~loop], j[~loop], t[~loop], L[~loop])
    arc_cap = REDUCE_MAX_ARC_GROWTH * max(i.size, 1) if max_arcs is None else float(max_arcs)
    prio = np.random.default_rng(0).permutation(n)
    bound = max(2, min(int(start_degree), max_degree))
    for _ in range(REDUCE_MAX_ROUNDS):
        if i.size == 0 or (bound > 2 and i.size > arc_cap):
            break
        # neighbours of a node: arcs out + arcs in - the two-way ones (arcs sorted by key)
        index = _arc_index(i, j, n)
        two_way = index.get_indexer(j.astype(np.int64) * n + i) >= 0
        deg = (np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
               - np.bincount(i[two_way], minlength=n))
        cand = ~fixed & (deg >= 1) & (deg <= bound)
        both = cand[i] & cand[j]
        loser = np.where(prio[i[both]] > prio[j[both]], i[both], j[both])
        sel = cand.copy()
        sel[loser] = False
        n_sel = int(sel.sum())
        if n_sel < REDUCE_NEXT_DEGREE_SHARE * alive_n:     # this degree is done: allow the next
            if bound >= max_degree:
                break
            bound += 1
        if n_sel == 0:
            continue
        i, j, t, L = _bypass(i, j, t, L, sel, index if witness else None)
        alive_n -= n_sel
    return _assembled(graph, keep_mask, i, j, t, L if has_len else None)


def _assembled(graph, keep_mask, i, j, t, L):
    """The reduced graph of the arcs left (``new id`` of every node of ``graph``, -1 when gone):
    the kept nodes and the ends of the arcs, numbered along a Morton curve."""
    n = graph.n_nodes
    alive = keep_mask.copy()
    alive[i] = True
    alive[j] = True
    order = np.flatnonzero(alive)
    if graph.xy is not None and order.size:
        order = order[_morton_order(graph.xy[order])]       # neighbours close in memory: faster searches
    new_id = np.full(n, -1, dtype=np.int64)
    new_id[order] = np.arange(order.size)
    g = CostGraph.from_edges(new_id[i], new_id[j], t, L, n_nodes=int(order.size),
                             xy=None if graph.xy is None else graph.xy[order],
                             info={"kind": "reduced", "reduced_from": int(n)})
    return g, new_id


#: graphs of at least this many nodes (with coordinates) are reduced in parts
REDUCE_SPLIT_MIN_NODES = 20_000   # (faster in parts from about 20,000 nodes, even on one core)
REDUCE_PARTS = 4               # parts (a power of 2), whatever the number of cores: same graph everywhere


def _split_parts(xy, parts: int) -> np.ndarray:
    """Part (0 .. parts-1) of every node: halves at the median of the longer side, again and again."""
    lab = np.zeros(xy.shape[0], dtype=np.int64)
    n_p = 1
    while n_p < parts:
        new = lab * 2
        for p in range(n_p):
            m = np.flatnonzero(lab == p)
            if m.size == 0:
                continue
            ext = np.ptp(xy[m], axis=0)
            ax = int(ext[1] > ext[0])
            c = xy[m, ax]
            order = np.argsort(c, kind="stable")
            new[m[order[m.size // 2:]]] += 1
        lab, n_p = new, n_p * 2
    return lab


def reduce_graph_in_parts(graph: CostGraph, keep, parts: int = None, workers: int = None):
    """:func:`reduce_graph` of a large graph, one part of the territory at a time (on several
    processes where :mod:`.parallel` allows), then the borders: the nodes are cut into ``parts``
    parts of equal size (halves at the median coordinate); each part is reduced alone, the nodes
    with an arc across a border kept with the places; then those border nodes are bypassed on
    the whole graph. Exact as :func:`reduce_graph` (each part keeps the time of every path
    between its kept nodes), and the same graph on any machine (the cut does not depend on the
    number of cores). Small graphs, or graphs without coordinates: :func:`reduce_graph`."""
    from . import parallel

    n = graph.n_nodes
    parts = REDUCE_PARTS if parts is None else int(parts)
    if parts < 2 or n < REDUCE_SPLIT_MIN_NODES or graph.xy is None:
        return reduce_graph(graph, keep)
    keep = np.unique(np.asarray(keep, dtype=np.int64).ravel())
    i, j, t, L = graph.arcs()
    has_len = L is not None
    L = np.full_like(t, np.nan) if L is None else L
    lab = _split_parts(np.nan_to_num(np.asarray(graph.xy, dtype=float)[:, :2]), parts)
    cross = lab[i] != lab[j]
    border = np.zeros(n, dtype=bool)
    border[i[cross]] = True
    border[j[cross]] = True
    keep_mask0 = np.zeros(n, dtype=bool)
    keep_mask0[keep] = True
    keep_mask = keep_mask0 | border

    def one(p):
        ids = np.flatnonzero(lab == p)
        loc = np.full(n, -1, dtype=np.int64)
        loc[ids] = np.arange(ids.size)
        m = (lab[i] == p) & (lab[j] == p)
        sub = CostGraph.from_edges(loc[i[m]], loc[j[m]], t[m], L[m] if has_len else None, n_nodes=int(ids.size),
                                   xy=graph.xy[ids])
        r, rid = reduce_graph(sub, loc[np.flatnonzero(keep_mask & (lab == p))])
        ri, rj, rt, rL = r.arcs()
        back = np.empty(r.n_nodes, dtype=np.int64)
        back[rid[rid >= 0]] = ids[rid >= 0]
        return back[ri], back[rj], rt, (rL if rL is not None else np.full_like(rt, np.nan))

    got = {}
    if workers is None:
        workers = parallel.worker_count(parts, 200.0 * n)      # forked from 20,000 nodes
    parallel.run_batches(one, range(parts), workers, lambda p, res: got.__setitem__(p, res))
    pieces = [got[p] for p in range(parts)] + [(i[cross], j[cross], t[cross], L[cross])]
    mi, mj, mt, mL = (np.concatenate([pc[k] for pc in pieces]) for k in range(4))
    # then the border nodes, any degree up to REDUCE_MAX_DEGREE at once (a few rounds), on the
    # arcs that touch them or their neighbours only: a bypass joins two neighbours of the node,
    # the witness of a new arc u -> w starts with an arc out of u and ends with an arc into w
    cand = border & ~keep_mask0
    zone = cand.copy()
    zone[mj[cand[mi]]] = True
    zone[mi[cand[mj]]] = True
    near = zone[mi] | zone[mj]
    zi, zj = mi[near], mj[near]
    ids = np.unique(np.concatenate([zi, zj]))
    loc = np.full(n, -1, dtype=np.int64)
    loc[ids] = np.arange(ids.size)
    sub = CostGraph.from_edges(loc[zi], loc[zj], mt[near], mL[near] if has_len else None, n_nodes=int(ids.size),
                               xy=graph.xy[ids])
    r, rid = reduce_graph(sub, np.flatnonzero(~cand[ids]), candidates=cand[ids], start_degree=REDUCE_MAX_DEGREE,
                          max_arcs=REDUCE_MAX_ARC_GROWTH * mi.size - (mi.size - zi.size))
    ri, rj, rt, rL = r.arcs()
    back = np.empty(r.n_nodes, dtype=np.int64)
    back[rid[rid >= 0]] = ids[rid >= 0]
    far = ~near
    fi, fj, ft, fL = (np.concatenate([a[far], b]) for a, b in ((mi, back[ri]), (mj, back[rj]), (mt, rt),
                                                               (mL, rL if rL is not None else np.full_like(rt, np.nan))))
    return _assembled(graph, keep_mask0, fi, fj, ft, fL if has_len else None)


def _morton_order(xy) -> np.ndarray:
    """Order of points along a Z (Morton) curve: points close in space come close in the order."""
    xy = np.nan_to_num(np.asarray(xy, dtype=float)[:, :2])
    lo, span = xy.min(axis=0), np.ptp(xy, axis=0)
    q = ((xy - lo) / np.where(span > 0, span, 1.0) * 65535).astype(np.uint64)

    def spread(v):
        v = (v | (v << np.uint64(16))) & np.uint64(0x0000FFFF0000FFFF)
        v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF00FF00FF)
        v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
        v = (v | (v << np.uint64(2))) & np.uint64(0x3333333333333333)
        return (v | (v << np.uint64(1))) & np.uint64(0x5555555555555555)
    return np.argsort(spread(q[:, 0]) | (spread(q[:, 1]) << np.uint64(1)), kind="stable")

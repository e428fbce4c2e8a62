"""Map colouring of territories: neighbours never share a colour.

Palette
-------
:data:`PALETTE` is Paul Tol's *light* qualitative scheme (Tol, "Colour schemes",
SRON/EPS/TN/09-002, 2021), designed precisely for filling labelled map cells: the
nine colours stay distinct for the common forms of colour blindness and black labels
remain readable on all of them.

Colouring
---------
:func:`color_territories` colours the *territory adjacency graph* (an edge joins
two territories that share a boundary of positive length) with the DSATUR heuristic
(Brélaz, 1979): repeatedly colour the uncoloured vertex with the largest number of
distinct colours among its neighbours (its *saturation*), ties broken by larger
degree, then by smaller index; it receives the smallest colour index unused by its
neighbours. The result is deterministic and always *proper* (no two neighbours share
an index). Planar maps need at most 4 colours in theory; DSATUR uses 4 or 5 in
practice, well within the 9 of the palette. A graph needing more colours than the
palette (never a real map) gets indices >= ``len(PALETTE)``; :func:`color_hex` then
wraps around and the guarantee is lost — :func:`color_territories` says so through
``max(result) >= len(PALETTE)``.
"""
from __future__ import annotations

import heapq
from typing import Iterable, List, Sequence

import numpy as np

from .errors import InputError

#: Paul Tol's "light" qualitative palette (9 colours), in his recommended order.
PALETTE: List[str] = [
    "#77AADD",  # light blue
    "#EE8866",  # orange
    "#EEDD88",  # light yellow
    "#FFAABB",  # pink
    "#99DDFF",  # light cyan
    "#44BB99",  # mint
    "#BBCC33",  # pear
    "#AAAA00",  # olive
    "#DDDDDD",  # pale grey
]

#: Sequential colour-blind-safe ramp for travel times (ColorBrewer YlOrRd, 5 classes).
TIME_CLASSES = [(0, 10), (10, 20), (20, 30), (30, 45), (45, None)]
TIME_RAMP: List[str] = ["#FFFFB2", "#FECC5C", "#FD8D3C", "#F03B20", "#BD0026"]


def color_hex(index: int) -> str:
    """Hex colour of a colour index (wraps around beyond the palette)."""
    return PALETTE[int(index) % len(PALETTE)]


def _edges(pairs, n: int):
    """Normalise ``pairs`` to two int arrays (i, j), without self-loops."""
    if isinstance(pairs, tuple) and len(pairs) in (2, 3) and all(np.ndim(p) == 1 for p in pairs[:2]):
        i = np.asarray(pairs[0], dtype=np.int64)
        j = np.asarray(pairs[1], dtype=np.int64)
    elif hasattr(pairs, "tocoo"):
        coo = pairs.tocoo()
        i, j = coo.row.astype(np.int64), coo.col.astype(np.int64)
    else:
        arr = np.asarray(list(pairs) if not isinstance(pairs, np.ndarray) else pairs)
        if arr.size == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        if arr.ndim != 2 or arr.shape[1] < 2:
            raise InputError("Adjacency must be (i, j) pairs: an array of shape (k, 2)")
        i, j = arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64)
    if i.size and (min(i.min(), j.min()) < 0 or max(i.max(), j.max()) >= n):
        raise InputError(f"Adjacency refers to an index outside 0..{n - 1}")
    keep = i != j
    return i[keep], j[keep]


def color_territories(adjacency_pairs: Iterable[Sequence[int]], n_territories: int) -> np.ndarray:
    """Colour index per territory (0-based) so that neighbours never share a colour.

    ``adjacency_pairs``: pairs (a, b) of territory indices in ``0..n_territories-1``
    (an array of shape (k, 2), a list of pairs, a tuple of two index arrays, or a
    scipy sparse matrix). Direction and duplicates do not matter. DSATUR, deterministic.
    """
    n = int(n_territories)
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    i, j = _edges(adjacency_pairs, n)
    nbrs = [set() for _ in range(n)]
    for a, b in zip(i.tolist(), j.tolist()):
        nbrs[a].add(b)
        nbrs[b].add(a)
    degree = [len(s) for s in nbrs]
    color = [-1] * n
    seen = [set() for _ in range(n)]  # colours present among each vertex's neighbours
    # max-heap on (saturation, degree, -index) with lazy deletion
    heap = [(0, -degree[v], v) for v in range(n)]
    heapq.heapify(heap)
    while heap:
        neg_sat, neg_deg, v = heapq.heappop(heap)
        if color[v] >= 0 or -neg_sat != len(seen[v]):
            continue  # stale entry
        c = 0
        while c in seen[v]:
            c += 1
        color[v] = c
        for u in nbrs[v]:
            if color[u] < 0 and c not in seen[u]:
                seen[u].add(c)
                heapq.heappush(heap, (-len(seen[u]), -degree[u], u))
    return np.asarray(color, dtype=np.int64)


def is_proper_coloring(adjacency_pairs, colors: Sequence[int]) -> bool:
    """True when no pair of neighbours shares a colour."""
    colors = np.asarray(colors)
    i, j = _edges(adjacency_pairs, len(colors))
    return bool(np.all(colors[i] != colors[j]))

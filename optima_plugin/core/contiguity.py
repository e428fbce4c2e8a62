"""Contiguity of territories: one checker for the whole core.

A territory is contiguous when its communes form one connected piece of the adjacency graph
restricted to them. :func:`pieces_per_territory` counts the pieces of every territory with a
single connected-components pass over the edges that stay inside a territory;
:func:`territory_contiguity` and :func:`is_contiguous` are its two usual questions.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

__all__ = ["edges_of", "pieces_per_territory", "territory_contiguity", "is_contiguous"]


def edges_of(adjacency):
    """(i, j) int arrays of the edges of ``adjacency``: a scipy sparse matrix (its stored
    entries, as scipy's graph routines read it), a pair of index arrays, or an array of (i, j) rows."""
    if hasattr(adjacency, "tocoo"):
        coo = adjacency.tocoo()
        return coo.row.astype(np.int64), coo.col.astype(np.int64)
    if isinstance(adjacency, tuple) and len(adjacency) == 2:
        return np.asarray(adjacency[0], dtype=np.int64).ravel(), np.asarray(adjacency[1], dtype=np.int64).ravel()
    a = np.asarray(adjacency, dtype=np.int64)
    if a.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return a[:, 0], a[:, 1]


def pieces_per_territory(labels, adjacency, k: Optional[int] = None) -> np.ndarray:
    """(k,) number of connected pieces of each territory 0..k-1 (0: empty territory).
    ``labels``: (n,) territory per commune (a label outside 0..k-1 belongs to none);
    ``adjacency``: anything :func:`edges_of` reads."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    code = np.asarray(labels, dtype=np.int64).ravel()
    n = code.size
    k = (int(code.max()) + 1 if n else 0) if k is None else int(k)
    i, j = edges_of(adjacency)
    inside = (i < n) & (j < n)
    i, j = i[inside], j[inside]
    ok = (code >= 0) & (code < k)
    keep = ok[i] & ok[j] & (code[i] == code[j])
    g = coo_matrix((np.ones(int(keep.sum())), (i[keep], j[keep])), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    if not ok.any():
        return np.zeros(k, dtype=np.int64)
    pairs = np.unique(np.stack([code[ok], comp[ok]], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=k)[:k]


def territory_contiguity(labels, adjacency, k: Optional[int] = None) -> np.ndarray:
    """(k,) bool: is each territory one connected piece of ``adjacency``? (an empty one: False)"""
    return pieces_per_territory(labels, adjacency, k) == 1


def is_contiguous(members, n: int, adjacency) -> bool:
    """Do the communes ``members`` (indices among ``n``) form one connected piece? One commune:
    True; none: False."""
    lab = np.full(int(n), -1, dtype=np.int64)
    m = np.asarray(members, dtype=np.int64)
    if m.size == 0:
        return False
    lab[m] = 0
    return bool(pieces_per_territory(lab, adjacency, 1)[0] == 1)

"""OR-Library p-median instances (Beasley's ``pmed1`` ... ``pmed40`` format).

File format: first line ``n edges p``; then one ``i j cost`` line per edge (vertices
1-based, undirected). When an edge appears more than once, the LAST cost counts (as in
Beasley's description). The cost matrix is the all-pairs shortest-path matrix of that
graph; every vertex is both a demand (weight 1) and a candidate site.
"""
from __future__ import annotations

from pathlib import Path
from typing import Tuple

import numpy as np

from .errors import InputError


def read_orlib_pmed(path) -> Tuple[np.ndarray, int]:
    """Read an OR-Library p-median file; return (n x n shortest-path cost matrix, p)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import shortest_path

    text = Path(path).read_text().split()
    if len(text) < 3:
        raise InputError(f"{path}: not an OR-Library p-median file (no 'n edges p' header)")
    try:
        n, n_edges, p = int(text[0]), int(text[1]), int(text[2])
        body = np.asarray(text[3:3 + 3 * n_edges], dtype=float)
    except ValueError as exc:
        raise InputError(f"{path}: unreadable number ({exc})") from exc
    if body.size != 3 * n_edges:
        raise InputError(f"{path}: header announces {n_edges} edges, file has {body.size // 3}")
    e = body.reshape(-1, 3)
    i = e[:, 0].astype(np.int64) - 1
    j = e[:, 1].astype(np.int64) - 1
    c = e[:, 2]
    if i.size and (min(i.min(), j.min()) < 0 or max(i.max(), j.max()) >= n):
        raise InputError(f"{path}: vertex number outside 1..{n}")
    a, b = np.minimum(i, j), np.maximum(i, j)
    key = a * n + b
    # last occurrence of each undirected edge wins
    _, last_rev = np.unique(key[::-1], return_index=True)
    keep = key.size - 1 - last_rev
    a, b, c = a[keep], b[keep], c[keep]
    G = coo_matrix((c, (a, b)), shape=(n, n)).tocsr()
    D = shortest_path(G, method="D", directed=False)
    return D, p


def write_orlib_pmed(path, n: int, p: int, extra_edges: int = None, seed: int = 0,
                     max_cost: int = 100, duplicates: int = 2) -> Path:
    """Write a random connected instance in OR-Library format (for tests / benchmarks).

    A random spanning tree plus ``extra_edges`` random edges, integer costs 1..max_cost;
    ``duplicates`` edges are written a second time with a different cost (the last one
    must count when reading).
    """
    rng = np.random.default_rng(seed)
    edges = []
    perm = rng.permutation(n)
    for k in range(1, n):
        edges.append((perm[k], perm[rng.integers(0, k)]))
    if extra_edges is None:
        extra_edges = 2 * n
    for _ in range(extra_edges):
        u, v = rng.integers(0, n, 2)
        if u != v:
            edges.append((u, v))
    lines = [(u + 1, v + 1, int(rng.integers(1, max_cost + 1))) for u, v in edges]
    for k in rng.choice(len(lines), size=min(duplicates, len(lines)), replace=False):
        u, v, c = lines[k]
        lines.append((v, u, c % max_cost + 1))  # same edge, reversed, new cost (last counts)
    path = Path(path)
    with path.open("w") as f:
        f.write(f"{n} {len(lines)} {p}\n")
        for u, v, c in lines:
            f.write(f"{u} {v} {c}\n")
    return path

"""The one travel-cost graph every module consumes.

A :class:`CostGraph` is a directed graph with travel times in minutes (and, in
parallel, lengths in metres) as a scipy CSR matrix. Places that matter to the
caller (communes, candidate sites) are *terminal nodes*: indices into the graph.

- With the proxy (adjacency) network, the graph nodes are the communes themselves.
- With a road network, the graph is the road graph plus one extra node per
  terminal, linked to its snapped road node by an access edge.

Bulk shortest paths use :func:`scipy.sparse.csgraph.dijkstra` (compiled), never a
Python loop over networkx.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np


@dataclass
class CostGraph:
    time: "object"                      # scipy.sparse.csr_matrix, minutes, directed (i -> j)
    length: Optional["object"] = None   # scipy.sparse.csr_matrix, metres, same sparsity as time
    xy: Optional[np.ndarray] = None     # (N, 2) node coordinates in a metric CRS
    info: dict = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        return self.time.shape[0]

    def times(self, sources: Sequence[int], targets: Optional[Sequence[int]] = None,
              limit: float = np.inf, with_length: bool = False):
        """Shortest travel times (minutes) from each source to each target.

        Returns an array of shape (len(sources), len(targets)) (all nodes if targets is
        None), ``np.inf`` where unreachable or beyond ``limit``. With ``with_length``,
        also returns the length (metres) along the fastest path.
        """
        from scipy.sparse.csgraph import dijkstra

        sources = np.asarray(sources, dtype=np.int64)
        if sources.size == 0:
            n_t = self.n_nodes if targets is None else len(targets)
            empty = np.full((0, n_t), np.inf)
            return (empty, empty.copy()) if with_length else empty
        uniq, inv = np.unique(sources, return_inverse=True)
        if with_length:
            d, pred = dijkstra(self.time, directed=True, indices=uniq, limit=limit,
                               return_predecessors=True)
        else:
            d = dijkstra(self.time, directed=True, indices=uniq, limit=limit)
        d = np.atleast_2d(d)
        out = d[inv] if targets is None else d[inv][:, np.asarray(targets, dtype=np.int64)]
        if not with_length:
            return out
        lengths = self._path_lengths(uniq, np.atleast_2d(pred), d)
        L = lengths[inv] if targets is None else lengths[inv][:, np.asarray(targets, dtype=np.int64)]
        return out, L

    def _path_lengths(self, sources, pred, d):
        """Length (m) along the predecessor tree of each source, computed in tree order."""
        n = self.n_nodes
        if self.length is None:
            return np.full_like(d, np.nan)
        L = np.full(d.shape, np.inf)
        lengths = self.length.tocsr()
        for r, s in enumerate(sources):
            L[r, s] = 0.0
            reach = np.flatnonzero(np.isfinite(d[r]))
            order = reach[np.argsort(d[r, reach], kind="stable")]
            p = pred[r, order]
            ok = p >= 0
            # edge lengths p -> node (minimum length among parallel edges of minimal time
            # is not tracked; CSR keeps one entry per (i, j) after summing duplicates is avoided)
            el = np.zeros(order.size)
            if ok.any():
                el[ok] = np.asarray(lengths[p[ok], order[ok]]).ravel()
            for k in range(order.size):  # tree order: parent before child
                if ok[k]:
                    L[r, order[k]] = L[r, p[k]] + el[k]
        del n
        return L

"""Contiguity on real maps: sea links for islands and detached parts, border diagnosis.

Pure Python (numpy, scipy, shapely 2); never imports qgis.

An island commune (Ouessant, Sein, Batz ...) shares no border with anything: on the bare
adjacency graph it is a part of the map of its own, and a cut into K territories must then
give it a territory of its own. :func:`link_parts` adds, before the clustering, one *sea link*
per detached part: from the part to the nearest commune of the mainland (the largest part),

- by the travel network when it joins them (a road layer with its ferry lines: the commune
  reached first from the island, i.e. its ferry port); a part that a road network does not
  reach at all is not linked (its communes could not reach a mainland hub): it is listed in
  ``unreached`` and keeps territories of its own;
- without a road network, by the distance between the polygons (the nearest coast; the proxy
  travel network joins islands by its ferry links).

With ``groups`` (REGION_FIELD), parts are taken inside each group and linked to the largest
part of the same group, so a region in two blocks (an exclave) is cut as one region.
Territories that hold a sea link are "contiguous with sea links": :func:`territory_links`
lists them for the log and the outputs.

Contiguity of territories, one checker for the whole core:

A territory is contiguous when its communes form one connected piece of the adjacency graph
restricted to them. :func:`pieces_per_territory` counts the pieces of every territory with a
single connected-components pass over the edges that stay inside a territory;
:func:`territory_contiguity` and :func:`is_contiguous` are its two usual questions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np


@dataclass
class SeaLinks:
    """Links added to the contiguity graph: one row per link, ``a`` in the detached part,
    ``b`` on the mainland of its group.

    ``dist_m``: distance between the two polygons (m); ``time_min``: travel time from ``a`` to
    ``b`` when the travel network joins them (else NaN); ``how``: "network" (the port reached
    by the travel network) or "distance" (the nearest commune); ``part_size``: communes in the
    detached part; ``group``: the group (region) label or None.
    """
    a: np.ndarray
    b: np.ndarray
    dist_m: np.ndarray
    time_min: np.ndarray
    how: List[str]
    part_size: np.ndarray
    group: list = field(default_factory=list)
    unreached: list = field(default_factory=list)   # parts the travel network does not reach: not linked

    def __len__(self):
        return int(self.a.size)

    def add_to(self, adjacency):
        """The (n, n) CSR adjacency with the links added (symmetric)."""
        from scipy import sparse
        A = sparse.csr_matrix(adjacency)
        if not len(self):
            return A
        n = A.shape[0]
        L = sparse.csr_matrix((np.ones(2 * self.a.size), (np.r_[self.a, self.b], np.r_[self.b, self.a])),
                              shape=(n, n))
        return ((A + L) > 0).tocsr()


def _empty_links() -> SeaLinks:
    z = np.zeros(0, dtype=np.int64)
    return SeaLinks(z, z.copy(), np.zeros(0), np.zeros(0), [], z.copy(), [])


def _parts(adjacency, members: np.ndarray):
    from scipy.sparse.csgraph import connected_components
    sub = adjacency[members][:, members]
    nc, lab = connected_components(sub, directed=False)
    return nc, lab


def link_parts(geoms, adjacency, graph=None, nodes=None, groups: Optional[Sequence] = None,
               use_network: bool = False, monitor=None) -> SeaLinks:
    """Sea links joining every detached part of the contiguity graph to its mainland.

    Parameters
    ----------
    geoms : (n,) shapely polygons in a metric CRS (the communes).
    adjacency : (n, n) sparse contiguity (symmetric).
    graph, nodes : the travel CostGraph and the node of each commune; used when
        ``use_network`` (a road layer): the port is the mainland commune reached first from
        the part. Parts the network does not join fall back to the polygon distance.
    groups : optional (n,) labels (REGION_FIELD): parts are found and linked inside each group.

    The mainland of a group is its part with the most communes (ties: the most populous is
    not known here, so the part holding the lowest index). Deterministic: parts are handled
    in the order of their lowest commune index.
    """
    import shapely
    from scipy import sparse

    arr = np.asarray(geoms, dtype=object)
    n = arr.size
    if n <= 1:
        return _empty_links()
    A = sparse.csr_matrix(adjacency)
    A = ((A + A.T) > 0).tocsr()
    if groups is None:
        glabels = np.zeros(n, dtype=np.int64)
        gnames = [None]
    else:
        txt = ["" if g is None else str(g) for g in groups]
        gnames = sorted(set(txt))
        pos = {g: k for k, g in enumerate(gnames)}
        glabels = np.array([pos[g] for g in txt], dtype=np.int64)
    rows = []
    unreached = []
    T = None
    for gi, gname in enumerate(gnames):
        if monitor is not None:
            monitor.check()
        members = np.flatnonzero(glabels == gi)
        if members.size <= 1:
            continue
        nc, lab = _parts(A, members)
        if nc <= 1:
            continue
        sizes = np.bincount(lab, minlength=nc)
        main = int(np.argmax(sizes))     # first of the largest: the part holding the lowest index
        mainland = members[lab == main]
        tree = shapely.STRtree(arr[mainland])
        for c in sorted(set(range(nc)) - {main}, key=lambda c: int(members[lab == c].min())):
            part = members[lab == c]
            u = v = -1
            t_min = np.nan
            how = "distance"
            if use_network and graph is not None and nodes is not None:
                from scipy.sparse.csgraph import dijkstra
                if T is None:
                    T = graph.time.tocsr()
                nd = np.asarray(nodes, dtype=np.int64)
                d, _, src = dijkstra(T, directed=True, indices=nd[part], min_only=True,
                                     return_predecessors=True)
                dm = d[nd[mainland]]
                if np.isfinite(dm).any():
                    k = int(np.argmin(dm))
                    v = int(mainland[k])
                    s_node = int(src[nd[v]])
                    cand = part[nd[part] == s_node]
                    u = int(cand[0]) if cand.size else int(part[0])
                    t_min = float(dm[k])
                    how = "network"
                else:
                    unreached.append((int(part.min()), int(part.size), gname))
                    continue
            if u < 0:
                qi, qj = tree.query_nearest(arr[part], all_matches=False)
                dd = shapely.distance(arr[part][qi], arr[mainland][qj])
                best = int(np.argmin(dd))
                u, v = int(part[qi[best]]), int(mainland[qj[best]])
            rows.append((u, v, float(shapely.distance(arr[u], arr[v])), t_min, how, int(part.size), gname))
    if not rows:
        out = _empty_links()
        out.unreached = unreached
        return out
    a, b, dist, tm, how, size, grp = zip(*rows)
    return SeaLinks(np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), np.array(dist, dtype=float),
                    np.array(tm, dtype=float), list(how), np.array(size, dtype=np.int64), list(grp), unreached)


def describe_links(links: SeaLinks, names: Sequence[str], population=None) -> List[str]:
    """One log line per sea link."""
    out = []
    pop = None if population is None else np.asarray(population, dtype=float)
    for r in range(len(links)):
        a, b = int(links.a[r]), int(links.b[r])
        what = "island" if links.part_size[r] == 1 else f"detached part of {int(links.part_size[r])} communes"
        p = "" if pop is None else f", pop {pop[a]:,.0f}"
        via = (f"its port by the travel network, {links.time_min[r]:.0f} min" if links.how[r] == "network"
               else "touching it at a corner only" if links.dist_m[r] <= 0
               else f"nearest commune, {links.dist_m[r] / 1000:.1f} km away")
        if links.dist_m[r] <= 0 and links.part_size[r] == 1:
            what = "no neighbour along a border"
        grp = "" if links.group[r] is None else f" (region {links.group[r]})"
        out.append(f"{names[a]} ({what}{p}){grp} is linked for contiguity to {names[b]} ({via})")
    for first, size, group in links.unreached:
        what = "island" if size == 1 else f"detached part of {size} communes"
        grp = "" if group is None else f" (region {group})"
        out.append(f"{names[first]} ({what}){grp} is not linked: the road network does not join it to the "
                   "mainland (add its ferry lines to the network); it keeps territories of its own")
    return out


def territory_links(links: SeaLinks, labels) -> dict:
    """{territory index: [link rows]} for the links whose two ends ended in the same territory:
    those territories are contiguous with sea links."""
    lab = np.asarray(labels)
    out = {}
    for r in range(len(links)):
        a, b = int(links.a[r]), int(links.b[r])
        if lab[a] == lab[b]:
            out.setdefault(int(lab[a]), []).append(r)
    return out


def add_link_times(graph, nodes, links: SeaLinks):
    """The travel graph with one arc each way per link, timed by the shortest path between its
    two communes on the whole graph (the way round through another region, the ferry).

    For cuts made region by region on each region's own sub-network (REGION_FIELD): a region in
    two blocks is joined by a link in the contiguity graph, and its detached block must reach a
    hub of its region on the region's sub-network too -- at the true travel time. Links whose
    ends the graph does not join are left out. Returns ``graph`` itself when nothing is added.
    """
    from .graph import CostGraph

    if graph is None or not len(links):
        return graph
    nd = np.asarray(nodes, dtype=np.int64)
    src, dst = nd[links.a], nd[links.b]
    d = graph.times(src, dst)
    t = d[np.arange(src.size), np.arange(src.size)]
    ok = np.isfinite(t)
    if not ok.any():
        return graph
    i, j, tt, L = graph.arcs()
    length = None
    if L is not None:
        dl = np.hypot(*(np.asarray(graph.xy)[src[ok]] - np.asarray(graph.xy)[dst[ok]]).T) \
            if graph.xy is not None else np.zeros(int(ok.sum()))
        length = np.r_[L, dl, dl]
    g = CostGraph.from_edges(np.r_[i, src[ok], dst[ok]], np.r_[j, dst[ok], src[ok]], np.r_[tt, t[ok], t[ok]],
                             length, n_nodes=graph.n_nodes, xy=graph.xy, info=dict(graph.info))
    return g


# -- contiguity of territories: one checker for the whole core ------------------------------------

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

"""Glue shared by the algorithms and the scenario runner: input checks, contiguity,
result tables. Pure Python (no QGIS): every function takes arrays / DataFrames.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .errors import InputError
from .progress import _t

CONTIGUITY_MODES = ("edge", "point", "road")


def _few(labels, k=10):
    labels = [str(x) for x in labels]
    return ", ".join(labels[:k]) + (f" … (+{len(labels) - k})" if len(labels) > k else "")


def numeric_field(values, field: str, ids: Sequence, allow_null: bool = False,
                  allow_negative: bool = False, what: str = "value", log=None) -> np.ndarray:
    """Field values as floats; text that is a number is accepted ("1 234,5", "2,279" read by its
    column: see :mod:`.values`), and ``log`` receives how text values were read.

    Raises InputError naming the field and the features for text that is not a number or is
    ambiguous, nulls (unless ``allow_null``: they become NaN) and negative values.
    """
    from .values import read_numbers

    ids = list(ids)
    num, null = read_numbers(values, field, ids, what=what, log=log)
    if null.any() and not allow_null:
        raise InputError(f"Field '{field}': {int(null.sum())} feature(s) have no {what} (NULL): "
                         f"{_few([ids[i] for i in np.flatnonzero(null)])}. Fill them in (0 is allowed).")
    arr = np.asarray(num, dtype=float)
    if not allow_negative:
        neg = np.flatnonzero(arr < 0)
        if neg.size:
            raise InputError(f"Field '{field}': negative {what} for feature {_few([ids[i] for i in neg])}.")
    if not np.isfinite(arr[~np.isnan(arr)]).all():
        raise InputError(f"Field '{field}': infinite {what}.")
    return arr


def unique_ids(values, field: str, fids: Optional[Sequence] = None) -> list:
    """IDs as strings (31.0 -> "31", "05023" kept); raises InputError on duplicates, NULLs or
    blanks, naming them (blank ones by feature id when ``fids`` is given)."""
    import pandas as pd

    from .values import label_key
    vals = list(values)
    keys = [label_key(v) for v in vals]
    blank = [i for i, k in enumerate(keys) if k is None]
    if blank:
        where = _few([fids[i] for i in blank]) if fids is not None else _few([i + 1 for i in blank])
        raise InputError(f"Field '{field}': {len(blank)} feature(s) have no identifier (NULL or blank): "
                         f"{'feature id' if fids is not None else 'row'} {where}. Give each one its own identifier.")
    txt = pd.Series(keys, dtype=object)
    dup = txt[txt.duplicated(keep=False)]
    if len(dup):
        raise InputError(f"Field '{field}': duplicate identifier(s) {_few(sorted(set(dup)))}. Each commune needs "
                         f"its own identifier.")
    return keys


def check_polygons(geoms, ids, what="INPUT"):
    """Repairs invalid polygons (make_valid, polygon parts kept) and refuses empty ones."""
    import shapely
    g = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(g) | shapely.is_empty(g)
    if missing.any():
        raise InputError(f"{what}: feature {_few([ids[i] for i in np.flatnonzero(missing)])} has an empty geometry.")
    invalid = ~shapely.is_valid(g)
    repaired = 0
    if invalid.any():
        fixed = shapely.make_valid(g[invalid])
        # keep only the areal part of a GeometryCollection
        out = []
        for f in fixed:
            if shapely.get_type_id(f) == 7:
                parts = [p for p in shapely.get_parts(f) if shapely.get_type_id(p) in (3, 6)]
                f = shapely.union_all(parts) if parts else f
            out.append(f)
        g = g.copy()
        g[invalid] = out
        repaired = int(invalid.sum())
    area0 = shapely.area(g) <= 0
    if area0.any():
        raise InputError(f"{what}: feature {_few([ids[i] for i in np.flatnonzero(area0)])} has no area "
                         f"(not a polygon?).")
    return g, repaired


def contiguity_adjacency(geoms, mode: str = "edge", road_geoms=None, min_shared_m: float = 0.0,
                         network_report=None, tolerance_m: Optional[float] = None, report: Optional[dict] = None):
    """Symmetric sparse (n, n) contiguity between communes.

    ``edge``: a shared border; ``point``: any touching, corners included; ``road``: touching
    AND a road crosses the shared border (needs ``road_geoms``). When ``network_report`` is the
    report of a proxy network built with the same mode and tolerance, its neighbour pairs are
    reused instead of being computed again. ``tolerance_m``: snapping tolerance for borders
    that are not topologically clean (None = the default of
    :func:`~.network.adjacency_pairs`); ``report`` (a dict) receives its border diagnosis.
    """
    from scipy import sparse

    from .network import DEFAULT_ADJ_TOLERANCE_M, adjacency_pairs, road_connected_pairs

    if mode not in CONTIGUITY_MODES:
        raise InputError(f"CONTIGUITY: unknown mode '{mode}' (edge, point or road).")
    tol = DEFAULT_ADJ_TOLERANCE_M if tolerance_m is None else float(tolerance_m)
    n = len(geoms)
    rep = {}
    if mode == "road":
        if road_geoms is None:
            raise InputError("CONTIGUITY 'connected by the road network' needs a NETWORK layer.")
        i, j, _ = adjacency_pairs(geoms, mode="point", tolerance_m=tol, report=rep)
        keep = road_connected_pairs(geoms, i, j, road_geoms, tolerance_m=tol)
        i, j = i[keep], j[keep]
    elif (network_report is not None and network_report.get("adjacent_pairs") is not None
          and network_report.get("adjacency_mode") == mode and network_report.get("min_shared_m") == min_shared_m
          and network_report.get("adjacency_tolerance_m", DEFAULT_ADJ_TOLERANCE_M) == tol):
        i, j = network_report["adjacent_pairs"]
        rep = dict((network_report.get("proxy") or {}).get("borders") or {})
    else:
        i, j, _ = adjacency_pairs(geoms, mode=mode, min_shared_m=min_shared_m, tolerance_m=tol, report=rep)
    if report is not None:
        report.update(rep)
    data = np.ones(2 * len(i), dtype=bool)
    A = sparse.coo_matrix((data, (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()
    return A


def label_text(v) -> str:
    """A label as text: 31.0 and 31 and "31" are the same label (see :func:`.values.label_key`)."""
    from .values import label_key
    k = label_key(v)
    return "" if k is None else k


def label_codes(values, k: Optional[int] = None, field: str = "field"):
    """Map arbitrary labels to 0..m-1 (None/NaN/'' -> -1). Returns (codes, labels)."""
    import pandas as pd
    s = pd.Series(list(values), dtype=object)
    empty = s.isna() | s.map(lambda v: isinstance(v, str) and not v.strip())
    txt = s.map(label_text)
    labels = sorted(set(txt[~empty]))
    if k is not None and len(labels) > k:
        raise InputError(f"Field '{field}': {len(labels)} different values but only {k} territories.")
    code = {lab: c for c, lab in enumerate(labels)}
    out = np.array([-1 if e else code[t] for e, t in zip(empty, txt)], dtype=np.int64)
    return out, labels


def cluster_tables(geoms, ids, population, res, adjacency):
    """Commune and territory tables of a :class:`ClusterResult`.

    Commune table: ``territory`` (1..k), ``hub`` (id of the hub commune), ``time_to_hub_min``,
    ``reason``. Territory table: ``territory``, ``hub``, ``pop``, ``n_communes``, ``area_km2``, ``pop_dev_pct``, ``time_mean``, ``time_max``, ``contiguous``,
    ``forced_alone``, ``color_idx``, ``color``, ``geometry`` (dissolved).
    """
    import pandas as pd
    import shapely

    from .colors import color_hex, color_territories
    from .indicators import territory_adjacency

    lab = np.asarray(res.labels)
    k = len(res.hubs)
    ids = list(ids)
    pop = np.asarray(population, dtype=float)
    t = np.asarray(res.time_to_hub, dtype=float)
    hub_id = [ids[h] for h in res.hubs]
    communes = pd.DataFrame({
        "territory": lab + 1,
        "hub": [hub_id[x] for x in lab],
        "time_to_hub_min": np.where(np.isfinite(t), np.round(t, 3), np.nan),
        "reason": [_t(str(r)) for r in res.reason],  # in the interface language (QGIS installs it)
    })
    rows = []
    geoms = np.asarray(geoms, dtype=object)
    # populations and deviations as the solver measured them (one source of the figures)
    pop_t = np.asarray(res.pop, dtype=float)
    dev_t = np.asarray(res.dev_pct, dtype=float)
    for c in range(k):
        m = lab == c
        tm = t[m]
        pm = pop[m]
        fin = np.isfinite(tm)
        w = pm[fin].sum()
        g = shapely.union_all(geoms[m])
        rows.append({
            "territory": c + 1, "hub": hub_id[c], "pop": float(pop_t[c]), "n_communes": int(m.sum()),
            "area_km2": float(shapely.area(g)) / 1e6,
            "pop_dev_pct": float(dev_t[c]),
            "time_mean": float((tm[fin] * pm[fin]).sum() / w) if w > 0 else (float(tm[fin].mean()) if fin.any() else np.nan),
            "time_max": float(tm[fin].max()) if fin.any() else np.nan,
            "contiguous": int(bool(res.contiguous[c])),
            "forced_alone": int(bool(res.forced[c])),
            "geometry": g,
        })
    terr = pd.DataFrame(rows)
    _, pairs = territory_adjacency(adjacency, lab)
    colors = color_territories(pairs, k)
    terr["color_idx"] = colors
    terr["color"] = [color_hex(x) for x in colors]
    return communes, terr


def _is_polygonal(geoms) -> bool:
    import shapely
    tid = shapely.get_type_id(np.asarray(geoms, dtype=object))
    return bool(len(tid)) and bool(np.isin(tid, (3, 6)).all())


def two_set_graph(options, road_geoms, road_attrs, demand_geoms, cand_geoms, monitor=None):
    """One travel graph holding demand places and candidate sites.

    Returns ``(graph, demand_nodes, cand_nodes, report)``. With a road layer both sets are
    connected to the road graph. Without one and with polygon demand (communes), the proxy
    adjacency network over the communes is used and each candidate sits at the node of the
    commune containing it (``report["cand_outside"]``: candidates outside every commune,
    placed in the nearest one). Without one and with point demand, straight lines between
    all places.
    """
    from .network import locate_points_in_polygons, terminal_graph

    d = np.asarray(demand_geoms, dtype=object)
    c = np.asarray(cand_geoms, dtype=object)
    nd = d.size
    if road_geoms is None and _is_polygonal(d):
        graph, nodes, report = terminal_graph(options, None, None, d, monitor=monitor)
        idx, dist = locate_points_in_polygons(c, d)
        outside = dist > 0
        report = dict(report)
        report["cand_outside"] = np.flatnonzero(outside)
        report["cand_commune"] = idx
        return graph, np.asarray(nodes), np.asarray(nodes)[idx], report
    allg = np.concatenate([d, c])
    graph, nodes, report = terminal_graph(options, road_geoms, road_attrs, allg, monitor=monitor)
    nodes = np.asarray(nodes)
    report = dict(report)
    report["cand_outside"] = np.zeros(0, dtype=np.int64)
    return graph, nodes[:nd], nodes[nd:], report


COST_BATCH_CELLS = 5_000_000      # cost_matrix: trees x nodes held at once (per process)


def cost_matrix(graph, demand_nodes, cand_nodes, cutoff_min: Optional[float] = None,
                dense_max_cells: int = 40_000_000, monitor=None):
    """Travel times demand x candidates: a dense array (inf = unreachable) when small, else a
    scipy CSR matrix of the pairs within ``cutoff_min`` (the location core accepts both)."""
    from scipy import sparse
    from scipy.sparse.csgraph import dijkstra

    from . import parallel
    from .network import reduced_graph

    dn = np.asarray(demand_nodes, dtype=np.int64)
    cn = np.asarray(cand_nodes, dtype=np.int64)
    graph, nid = reduced_graph(graph, np.union1d(dn, cn))      # the same times on a smaller graph
    dn, cn = nid[dn], nid[cn]
    limit = np.inf if cutoff_min is None else float(cutoff_min)
    # searches run from the candidates on the reversed graph: times demand -> candidate
    rev = graph.time.T.tocsr()
    uc, inv = np.unique(cn, return_inverse=True)
    dense = dn.size * cn.size <= dense_max_cells
    # in batches: the searches' full rows (batch x nodes) never all at once; on several cores
    # when the job is large (core.parallel)
    step = max(1, int(COST_BATCH_CELLS // max(graph.n_nodes, 1)))
    starts = range(0, uc.size, step)
    workers = parallel.worker_count(len(starts), float(uc.size) * graph.n_nodes)

    def trees(s):
        return np.atleast_2d(dijkstra(rev, directed=True, indices=uc[s:s + step], limit=limit))[:, dn]

    d = np.empty((uc.size, dn.size)) if dense else None
    rows, cols, vals = [], [], []

    def put(s, ds):
        if monitor is not None:
            monitor.check()
            monitor.progress(100.0 * min(uc.size, s + step) / uc.size, "travel times")
        if dense:
            d[s:s + step] = ds
            return
        r, k = np.nonzero(np.isfinite(ds))
        rows.append(k)
        cols.append(r + s)
        vals.append(ds[r, k])

    if monitor is not None:
        monitor.check()
    parallel.run_batches(trees, starts, workers, put)
    if dense:
        return d[inv].T.copy()
    rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    cols_u = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    vals = np.concatenate(vals) if vals else np.zeros(0)
    # columns are unique candidate nodes: expand to the candidates (duplicates share a node)
    M = sparse.csr_matrix((vals, (rows, cols_u)), shape=(dn.size, uc.size))
    return M[:, inv].tocsr()


def grouped_costs(graph, demand_nodes, cand_nodes, demand_groups, cand_groups, monitor=None,
                  start_limit: float = 60.0):
    """Travel times demand -> candidate for the pairs of the same group only (e.g. one office
    per territory), in long form ``(i, j, t, (n_demand, n_cand))`` for the location core.

    When the graph's nodes are the communes themselves (proxy network), each group is solved on
    the sub-network of its own communes: times along links inside the territory (exact for the
    contiguous territories the clustering returns, and what keeps all of France to seconds).
    A group where some demand cannot reach any candidate that way, and every group on a road
    graph, is searched on the whole graph from its candidates with a limit doubled from
    ``start_limit`` minutes until every demand of the group is reached (or nothing more is).
    """
    from scipy.sparse.csgraph import dijkstra

    from .network import reduced_graph

    dn = np.asarray(demand_nodes, dtype=np.int64)
    cn = np.asarray(cand_nodes, dtype=np.int64)
    graph, nid = reduced_graph(graph, np.union1d(dn, cn))      # the same times on a smaller graph
    dn, cn = nid[dn], nid[cn]
    dg = np.asarray(demand_groups)
    cg = np.asarray(cand_groups)
    N = graph.n_nodes
    proxy = dn.size == N and np.array_equal(np.sort(dn), np.arange(N))
    pos_of_node = np.full(N, -1, dtype=np.int64)
    if proxy:
        pos_of_node[dn] = np.arange(dn.size)
    T = graph.time.tocsr()
    rev = None
    I, J, V = [], [], []
    groups = np.unique(np.concatenate([dg[dg >= 0] if dg.dtype.kind in "iu" else dg, cg]))
    for gi, g in enumerate(groups):
        if monitor is not None and gi % 50 == 0:
            monitor.check()
            monitor.progress(100.0 * gi / max(len(groups), 1), "travel times within territories")
        di = np.flatnonzero(dg == g)
        cj = np.flatnonzero(cg == g)
        if di.size == 0 or cj.size == 0:
            continue
        d = None
        if proxy:
            sub_nodes = dn[di]
            local = {int(v): k for k, v in enumerate(sub_nodes)}
            src = [local.get(int(v), -1) for v in cn[cj]]
            if min(src) >= 0:
                sub = T[sub_nodes][:, sub_nodes]
                d = np.atleast_2d(dijkstra(sub.T.tocsr(), directed=True, indices=src))  # cand x demand
                if not np.isfinite(d).any(axis=0).all():
                    d = None
        if d is None:
            if rev is None:
                rev = T.T.tocsr()
            limit = start_limit
            prev_reached = -1
            while True:
                full = np.atleast_2d(dijkstra(rev, directed=True, indices=cn[cj], limit=limit))
                d = full[:, dn[di]]
                reached = int(np.isfinite(d).any(axis=0).sum())
                if reached == di.size or reached == prev_reached or not np.isfinite(limit):
                    break
                prev_reached = reached
                limit = limit * 2 if limit < 1e4 else np.inf
        r, c = np.nonzero(np.isfinite(d))
        I.append(di[c])
        J.append(cj[r])
        V.append(d[r, c])
    if not I:
        return (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), (dn.size, cn.size))
    return (np.concatenate(I), np.concatenate(J), np.concatenate(V), (dn.size, cn.size))

"""Indicators of a territorial partition: access times, equity, balance, shape.

Everything here is a pure function of arrays aligned *by position* on the communes
(pandas Series are read with ``to_numpy()``, their index is ignored). Times are in
minutes; geometries are shapely objects in a metric CRS (metres).

Conventions shared by all functions
-----------------------------------
* A commune's *time* is the travel time to the site that serves it. ``inf`` means
  *unreachable* (known to be beyond any site), ``NaN`` means *unknown*. Both are
  kept in every table and flagged (``unreachable = 1``); they are left out of the
  time statistics (mean, quantiles, Gini, Theil) and counted in ``n_unreachable``.
  For coverage, an unreachable commune counts as *not within* the threshold, an
  unknown one as *not within* too (its ``within_threshold`` is NULL) — coverage is
  always a share of the *whole* population.
* Weights are populations (>= 0). Weighted statistics are population-weighted:
  "the average inhabitant", not "the average commune".

Formulas (``w`` weights, ``W = sum w``, ``mu = sum w x / W``)
--------------------------------------------------------------
* Gini: ``G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu)``; 0 when all equal, no
  small-sample correction (with unit weights, ``[1,2,3,4] -> 0.25``).
* Theil T: ``T = sum_i (w_i/W) (x_i/mu) ln(x_i/mu)``. Zeros are allowed and use the
  limit ``0 ln 0 = 0`` (no shift, no epsilon): a commune that hosts its site (time 0)
  contributes 0 to the sum but still pulls the mean down. T lies in
  ``[0, ln(W / w_min)]``.
* Theil decomposition over groups g (``W_g``, ``mu_g``, ``T_g`` within g):
  ``between = sum_g (W_g/W)(mu_g/mu) ln(mu_g/mu)``,
  ``within = sum_g (W_g/W)(mu_g/mu) T_g``, ``total = between + within``
  (identical to :func:`theil` up to rounding, ~1e-15).
* Coefficient of variation: ``cv = sigma / mu`` with the population standard
  deviation (``ddof = 0``), weighted if weights are given.
* Weighted quantile: the *inverted CDF* definition — the smallest value ``x`` such
  that the population living at ``<= x`` is at least ``q W``. "p90 = 25 min" thus
  reads "90 % of the inhabitants live within 25 min". With unit weights it equals
  ``numpy.quantile(..., method="inverted_cdf")``.
* Polsby-Popper compactness: ``PP = 4 pi A / P^2`` (1 for a disc, pi/4 for a square;
  for a multipolygon, total area and total perimeter, holes included).
* Two-step floating catchment area (Luo & Wang, 2003), catchment ``d0``:
  ``R_j = S_j / sum_{k: t_kj <= d0} P_k f(t_kj)``,
  ``A_i = sum_{j: t_ij <= d0} R_j f(t_ij)``, ``f = 1`` (classic) or a decay.
"""
from __future__ import annotations

import math
from typing import Callable, Dict, Optional, Tuple

import numpy as np

from . import contiguity, parallel
from .colors import PALETTE, _edges, color_hex, color_territories, is_proper_coloring  # noqa: F401
from .errors import InputError
from .progress import as_monitor

__all__ = [
    "gini", "theil", "theil_decomposition", "cv", "weighted_quantile", "polsby_popper",
    "two_step_fca", "is_contiguous", "commune_indicators", "territory_indicators",
    "overall_indicators", "compute_all", "territory_adjacency", "color_territories",
    "PALETTE", "color_hex", "is_proper_coloring", "to_json_safe", "label_key", "commune_site_times",
    "serve_communes",
]

COMMUNE_COLUMNS = ["territory", "population", "time_min", "within_threshold", "access_2sfca",
                   "rank_in_territory", "unreachable"]
TERRITORY_COLUMNS = ["territory", "pop", "area_km2", "n_communes", "pop_dev_pct", "time_mean",
                     "time_p90", "time_max", "n_unreachable", "pct_pop_within", "polsby_popper",
                     "contiguous", "capacity_per_1000", "geometry"]
OVERALL_KEYS = ["gini_time", "theil_time", "theil_between", "theil_within", "cv_pop",
                "cv_time_mean", "coverage_pct", "mean_time", "p90_time", "max_time",
                "n_unreachable"]


# --------------------------------------------------------------------------- helpers
def _arr(x, name: str) -> np.ndarray:
    if hasattr(x, "to_numpy"):
        x = x.to_numpy()
    a = np.asarray(x, dtype=float)
    if a.ndim != 1:
        raise InputError(f"'{name}' must be one-dimensional")
    return a


def _values_weights(values, weights, allow_negative: bool = False):
    x = _arr(values, "values")
    if not np.all(np.isfinite(x)):
        raise InputError("values must be finite (leave unreachable or unknown places out)")
    if not allow_negative and np.any(x < 0):
        raise InputError("values must be >= 0")
    if weights is None:
        w = np.ones_like(x)
    else:
        w = _arr(weights, "weights")
        if w.shape != x.shape:
            raise InputError(f"weights ({w.size}) and values ({x.size}) differ in length")
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise InputError("weights must be finite and >= 0")
    return x, w


def _xlogx_ratio(x: np.ndarray, mu: float) -> np.ndarray:
    """(x/mu) ln(x/mu) with the limit 0 ln 0 = 0."""
    r = x / mu
    out = np.zeros_like(r)
    pos = r > 0
    out[pos] = r[pos] * np.log(r[pos])
    return out


# --------------------------------------------------------------------------- inequality
def gini(values, weights=None) -> float:
    """Population-weighted Gini coefficient of ``values`` (>= 0).

    ``G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu)``, computed in O(n log n) from
    the sorted values: ``G = sum_i w_i x_i (2 C_i - w_i - W) / (W sum_i w_i x_i)``
    with ``C_i`` the cumulative weight up to and including i. Returns 0 when all
    values are equal or all are 0; NaN when there is no positive weight.
    """
    x, w = _values_weights(values, weights)
    W = w.sum()
    if x.size == 0 or W <= 0:
        return float("nan")
    sx = (w * x).sum()
    if sx <= 0:
        return 0.0
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    C = np.cumsum(w)
    g = float((w * x * (2.0 * C - w - W)).sum() / (W * sx))
    return max(0.0, g)


def theil(values, weights=None) -> float:
    """Theil T index, population-weighted: ``T = sum_i (w_i/W)(x_i/mu) ln(x_i/mu)``.

    Values must be >= 0; zeros use ``0 ln 0 = 0`` (no shift). Returns 0 when all
    values are equal or all zero, NaN when there is no positive weight.
    """
    x, w = _values_weights(values, weights)
    x, w = x[w > 0], w[w > 0]
    W = w.sum()
    if x.size == 0 or W <= 0:
        return float("nan")
    mu = (w * x).sum() / W
    if mu <= 0:
        return 0.0
    return float(max(0.0, (w * _xlogx_ratio(x, mu)).sum() / W))


def theil_decomposition(values, weights, groups) -> Tuple[float, float, float]:
    """Theil T split into between-group and within-group parts.

    Returns ``(total, between, within)`` with ``total = between + within`` exactly:
    ``between = sum_g s_g ln(mu_g/mu)``, ``within = sum_g s_g T_g`` where
    ``s_g = W_g mu_g / (W mu)`` is the group's share of the total of x. A group whose
    mean is 0 has ``s_g = 0`` and contributes nothing. ``weights=None``: unit weights.
    """
    x, w = _values_weights(values, weights)
    g = np.asarray(groups.to_numpy() if hasattr(groups, "to_numpy") else groups, dtype=object)
    if g.shape != x.shape:
        raise InputError("groups and values differ in length")
    x, w, g = x[w > 0], w[w > 0], g[w > 0]  # zero weights change nothing
    W = w.sum()
    if x.size == 0 or W <= 0:
        nan = float("nan")
        return nan, nan, nan
    mu = (w * x).sum() / W
    if mu <= 0:
        return 0.0, 0.0, 0.0
    import pandas as pd
    code, _ = pd.factorize(g)
    if np.any(code < 0):
        raise InputError("groups must not contain missing labels")
    Wg = np.bincount(code, weights=w)                    # > 0: zero weights were dropped
    mug = np.bincount(code, weights=w * x) / Wg
    ratio = mug / mu
    pos = ratio > 0                                      # s_g = 0 otherwise (0 ln 0 = 0)
    sg = np.where(pos, Wg * ratio / W, 0.0)
    r = np.zeros_like(x)
    ok = pos[code]
    r[ok] = x[ok] / mug[code[ok]]
    terms = np.zeros_like(x)
    rp = r > 0
    terms[rp] = w[rp] * r[rp] * np.log(r[rp])
    Tg = np.bincount(code, weights=terms, minlength=Wg.size) / Wg
    between = float((sg[pos] * np.log(ratio[pos])).sum())
    within = float((sg * Tg).sum())
    return between + within, between, within


def cv(values, weights=None) -> float:
    """Coefficient of variation ``sigma / mu`` (population std, ddof = 0), optionally
    weighted. NaN when empty or when the mean is 0."""
    x, w = _values_weights(values, weights, allow_negative=True)
    W = w.sum()
    if x.size == 0 or W <= 0:
        return float("nan")
    mu = (w * x).sum() / W
    if mu == 0:
        return float("nan")
    var = (w * (x - mu) ** 2).sum() / W
    return float(math.sqrt(max(var, 0.0)) / abs(mu))


def weighted_quantile(values, weights, q):
    """Weighted quantile, inverted-CDF definition (see the module docstring).

    ``q`` in [0, 1], scalar or array. Entries of weight 0 never define a quantile.
    Returns NaN when there is no positive weight.
    """
    x, w = _values_weights(values, weights, allow_negative=True)
    qa = np.atleast_1d(np.asarray(q, dtype=float))
    if np.any((qa < 0) | (qa > 1)) or not np.all(np.isfinite(qa)):
        raise InputError("quantile q must lie in [0, 1]")
    keep = w > 0
    x, w = x[keep], w[keep]
    if x.size == 0:
        out = np.full(qa.shape, np.nan)
    else:
        order = np.argsort(x, kind="stable")
        x, w = x[order], w[order]
        C = np.cumsum(w)
        W = C[-1]
        # tolerance so that e.g. cumulative 9/10 meets q = 0.9 despite rounding
        idx = np.searchsorted(C, qa * W * (1 - 1e-12), side="left")
        out = x[np.minimum(idx, x.size - 1)]
    return float(out[0]) if np.ndim(q) == 0 else out


# --------------------------------------------------------------------------- shape
def polsby_popper(geom) -> float:
    """Polsby-Popper compactness ``4 pi A / P^2`` of a (multi)polygon; NaN if empty."""
    if geom is None or geom.is_empty:
        return float("nan")
    P = geom.length
    if P <= 0:
        return float("nan")
    return float(4.0 * math.pi * geom.area / (P * P))


# --------------------------------------------------------------------------- access
def two_step_fca(times, population, capacity, threshold_min: float,
                 decay: Optional[Callable[[np.ndarray], np.ndarray]] = None,
                 return_ratios: bool = False):
    """Two-step floating catchment area accessibility (Luo & Wang, 2003).

    ``times``: (n_communes, n_sites) minutes, ``inf``/NaN = unreachable.
    Step 1, supply-to-demand ratio of each site j:
    ``R_j = S_j / sum_{k: t_kj <= d0} P_k f(t_kj)``;
    step 2, accessibility of each commune i: ``A_i = sum_{j: t_ij <= d0} R_j f(t_ij)``.
    ``decay=None`` is the classic binary catchment (``f = 1``); otherwise ``decay``
    maps an array of times (<= d0) to weights in [0, 1] (enhanced 2SFCA).
    Unit: capacity units per inhabitant (multiply by 1000 for "per 1000").
    A site with nobody in its catchment gets ``R_j = 0`` (no demand: it adds nothing).
    With ``f = 1``, ``sum_i P_i A_i`` equals the total capacity of the sites that
    reach somebody (no supply is created or lost).
    Returns ``A`` (n_communes,), and ``R`` (n_sites,) too when ``return_ratios``.
    """
    t = np.asarray(times, dtype=float)
    if t.ndim != 2:
        raise InputError("times must be a matrix (communes x sites)")
    P = _arr(population, "population")
    S = _arr(capacity, "capacity")
    if P.size != t.shape[0] or S.size != t.shape[1]:
        raise InputError(f"times is {t.shape[0]} x {t.shape[1]} but there are {P.size} communes "
                         f"and {S.size} site capacities")
    if np.any(~np.isfinite(P)) or np.any(P < 0) or np.any(~np.isfinite(S)) or np.any(S < 0):
        raise InputError("population and capacity must be finite and >= 0")
    d0 = float(threshold_min)
    inside = np.isfinite(t) & (t <= d0)
    f = np.zeros_like(t)
    if decay is None:
        f[inside] = 1.0
    else:
        f[inside] = np.clip(np.asarray(decay(t[inside]), dtype=float), 0.0, 1.0)
    demand = P @ f                     # sum_k P_k f(t_kj), per site
    R = np.zeros(S.size)
    ok = demand > 0
    R[ok] = S[ok] / demand[ok]
    A = f @ R
    return (A, R) if return_ratios else A


# --------------------------------------------------------------------------- contiguity
def _commune_edges(adjacency, n: int):
    """(i, j) commune index arrays from pairs, a tuple (i, j[, shared]), a sparse matrix,
    a CostGraph (``.time``) or an object with ``.graph`` (adjacency network)."""
    if adjacency is None:
        return None
    if hasattr(adjacency, "graph") and hasattr(adjacency.graph, "time"):
        adjacency = adjacency.graph.time
    elif hasattr(adjacency, "time") and hasattr(adjacency.time, "tocoo"):
        adjacency = adjacency.time
    return _edges(adjacency, n)


def is_contiguous(members, adjacency, n: Optional[int] = None) -> bool:
    """True when the communes ``members`` (indices) form one connected piece of the
    adjacency graph restricted to them. One commune: True; none: False.

    ``adjacency``: (i, j) pairs over all communes (array (k, 2), tuple of index arrays
    such as ``network.adjacency_pairs`` returns, scipy sparse matrix, CostGraph).
    """
    m = np.unique(np.asarray(members, dtype=np.int64))
    if m.size == 0:
        return False
    if m.size == 1:
        return True
    if n is None:
        n = int(m.max()) + 1
        if hasattr(adjacency, "shape"):
            n = max(n, int(adjacency.shape[0]))
        elif isinstance(adjacency, tuple) and len(adjacency[0]):
            n = max(n, int(np.max(adjacency[0])) + 1, int(np.max(adjacency[1])) + 1)
        elif not isinstance(adjacency, tuple) and len(adjacency):
            n = max(n, int(np.asarray(adjacency)[:, :2].max()) + 1)
    return contiguity.is_contiguous(m, n, _commune_edges(adjacency, n))


def _pieces_per_territory(code: np.ndarray, n_terr: int, edges) -> np.ndarray:
    """Number of connected pieces of each territory (edges kept inside territories)."""
    return contiguity.pieces_per_territory(code, edges, n_terr)


# --------------------------------------------------------------------------- tables
def _labels(territory, n: Optional[int] = None) -> np.ndarray:
    import pandas as pd
    lab = territory.to_numpy() if hasattr(territory, "to_numpy") else np.asarray(territory, dtype=object)
    lab = np.asarray(lab, dtype=object)
    if lab.ndim != 1 or (n is not None and lab.size != n):
        raise InputError("territory labels must be one per commune")
    bad = np.flatnonzero(pd.isna(lab))
    if bad.size:
        raise InputError(f"{bad.size} commune(s) have no territory (e.g. row {int(bad[0])}); "
                         "assign every commune to a territory")
    return lab


def _territory_order(lab: np.ndarray):
    """Sorted unique labels (first-appearance order if labels cannot be sorted) and codes."""
    import pandas as pd
    uniq = list(pd.unique(lab))
    try:
        uniq = sorted(uniq)
    except TypeError:
        pass
    pos = {u: k for k, u in enumerate(uniq)}
    code = np.fromiter((pos[v] for v in lab), dtype=np.int64, count=lab.size)
    return uniq, code


def _population(population, n: int) -> np.ndarray:
    P = _arr(population, "population")
    if P.size != n:
        raise InputError(f"population has {P.size} values for {n} communes")
    if np.any(~np.isfinite(P)) or np.any(P < 0):
        raise InputError("population must be known and >= 0 for every commune")
    return P


def _times(time_min, n: int) -> np.ndarray:
    t = _arr(time_min, "time_min")
    if t.size != n:
        raise InputError(f"time_min has {t.size} values for {n} communes")
    if np.any(t < 0):
        raise InputError("travel times must be >= 0")
    return t


def commune_indicators(territory, population, time_min, threshold_min: float,
                       access_score=None):
    """One row per commune, in input order (every commune, none dropped).

    Columns:
    ``territory``, ``population``;
    ``time_min`` — time to the serving site (NaN/NULL when unreachable or unknown);
    ``within_threshold`` — 1 if ``time <= threshold_min``, 0 if beyond or unreachable
    (``inf``), NULL when unknown (NaN) — pandas nullable ``Int8``;
    ``access_2sfca`` — ``access_score`` (e.g. :func:`two_step_fca`) or NaN;
    ``rank_in_territory`` — 1 = shortest time within its territory; ties share the
    lowest rank ("1, 2, 2, 4", ``method='min'``); NULL when the time is not finite;
    ``unreachable`` — 1 when the time is not finite (``inf`` or NaN), else 0.
    """
    import pandas as pd
    lab = _labels(territory)
    n = lab.size
    P = _population(population, n)
    t = _times(time_min, n)
    finite = np.isfinite(t)
    within = pd.array(np.where(t <= float(threshold_min), 1, 0), dtype="Int8")
    within[np.isnan(t)] = pd.NA
    if access_score is None:
        acc = np.full(n, np.nan)
    else:
        acc = _arr(access_score, "access_score")
        if acc.size != n:
            raise InputError("access_score must have one value per commune")
    tt = np.where(finite, t, np.nan)
    df = pd.DataFrame({"territory": lab, "population": P, "time_min": tt,
                       "within_threshold": within, "access_2sfca": acc})
    rank = df.groupby("territory", sort=False)["time_min"].rank(method="min", na_option="keep")
    df["rank_in_territory"] = rank.astype("Int64")
    df["unreachable"] = (~finite).astype(np.int8)
    return df[COMMUNE_COLUMNS]


def territory_adjacency(commune_adjacency, territory) -> Tuple[list, np.ndarray]:
    """Territory-level adjacency from commune-level adjacency.

    Returns ``(labels, pairs)`` with ``labels`` the territories in table order and
    ``pairs`` an (k, 2) array of territory indices (a < b, unique) that share at
    least one commune-to-commune adjacency.
    """
    lab = _labels(territory)
    uniq, code = _territory_order(lab)
    i, j = _commune_edges(commune_adjacency, lab.size)
    a, b = code[i], code[j]
    m = a != b
    p = np.stack([np.minimum(a[m], b[m]), np.maximum(a[m], b[m])], axis=1)
    p = np.unique(p, axis=0) if p.size else np.zeros((0, 2), dtype=np.int64)
    return uniq, p


def territory_indicators(territory, population, time_min, geoms, adjacency,
                         threshold_min: float, site_capacity_by_territory: Optional[Dict] = None):
    """One row per territory (sorted labels), with its dissolved geometry.

    Columns: ``territory``; ``pop`` (sum of populations); ``area_km2`` (of the
    dissolved polygon); ``n_communes``; ``pop_dev_pct = 100 (pop - mean) / mean``
    against the mean territory population; ``time_mean``, ``time_p90`` (both
    population-weighted, p90 by the inverted CDF), ``time_max`` — over the communes
    with a finite time; ``n_unreachable`` (communes with no finite time);
    ``pct_pop_within`` — share of the territory's *whole* population at
    ``<= threshold_min``; ``polsby_popper`` of the dissolved polygon
    (``shapely.union_all``); ``contiguous`` (1/0, from ``adjacency``; when
    ``adjacency`` is None, 1 iff the dissolved geometry is a single Polygon);
    ``capacity_per_1000 = 1000 capacity / pop`` (NaN without
    ``site_capacity_by_territory``, a territory missing from that dict has capacity 0);
    ``geometry`` (shapely).
    """
    import pandas as pd
    import shapely

    lab = _labels(territory)
    n = lab.size
    P = _population(population, n)
    t = _times(time_min, n)
    geoms = list(geoms.to_numpy() if hasattr(geoms, "to_numpy") else geoms)
    if len(geoms) != n:
        raise InputError(f"{len(geoms)} geometries for {n} communes")
    uniq, code = _territory_order(lab)
    n_pieces = _pieces_per_territory(code, len(uniq), _commune_edges(adjacency, n)) \
        if adjacency is not None else None
    finite = np.isfinite(t)
    within = finite & (t <= float(threshold_min))
    rows = []
    for k, name in enumerate(uniq):
        m = np.flatnonzero(code == k)
        pop = float(P[m].sum())
        g = [geoms[i] for i in m if geoms[i] is not None and not geoms[i].is_empty]
        dis = shapely.union_all(g) if g else None
        fm = m[finite[m]]
        if fm.size and P[fm].sum() > 0:
            tmean = float((P[fm] * t[fm]).sum() / P[fm].sum())
            tp90 = weighted_quantile(t[fm], P[fm], 0.9)
        else:
            tmean = tp90 = float("nan")
        if n_pieces is not None:
            contiguous = int(n_pieces[k] == 1)
        else:
            contiguous = int(dis is not None and dis.geom_type == "Polygon")
        if site_capacity_by_territory is None:
            cap = float("nan")
        else:
            c = float(site_capacity_by_territory.get(name, 0.0) or 0.0)
            cap = 1000.0 * c / pop if pop > 0 else float("nan")
        rows.append({
            "territory": name, "pop": pop,
            "area_km2": float(dis.area / 1e6) if dis is not None else float("nan"),
            "n_communes": int(m.size),
            "time_mean": tmean, "time_p90": tp90,
            "time_max": float(t[fm].max()) if fm.size else float("nan"),
            "n_unreachable": int(m.size - fm.size),
            "pct_pop_within": 100.0 * float(P[m][within[m]].sum()) / pop if pop > 0 else float("nan"),
            "polsby_popper": polsby_popper(dis) if dis is not None else float("nan"),
            "contiguous": contiguous, "capacity_per_1000": cap, "geometry": dis,
        })
    df = pd.DataFrame(rows, columns=[c for c in TERRITORY_COLUMNS if c != "pop_dev_pct"])
    mean_pop = df["pop"].mean() if len(df) else float("nan")
    df["pop_dev_pct"] = 100.0 * (df["pop"] - mean_pop) / mean_pop if mean_pop > 0 else np.nan
    return df[TERRITORY_COLUMNS]


def to_json_safe(obj):
    """Recursively turn numpy scalars into Python ones and NaN/inf into None."""
    if isinstance(obj, dict):
        return {str(k): to_json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json_safe(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [to_json_safe(v) for v in obj.tolist()]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        return f if math.isfinite(f) else None
    try:
        import pandas as pd
        if obj is pd.NA:
            return None
    except ImportError:  # pragma: no cover
        pass
    return obj


def overall_indicators(territory, population, time_min, threshold_min: float,
                       territory_table=None) -> dict:
    """Partition-wide figures, JSON-serialisable (Python numbers, NaN -> None).

    Keys: ``gini_time``, ``theil_time`` (= ``theil_between + theil_within``, groups =
    territories), ``theil_between``, ``theil_within`` — population-weighted, over the
    communes with a finite time; ``cv_pop`` — CV of territory populations;
    ``cv_time_mean`` — CV (unweighted, one value per territory) of the territories'
    population-weighted mean times; ``coverage_pct`` — % of the *whole* population
    at ``<= threshold_min``; ``mean_time``, ``p90_time`` (population-weighted),
    ``max_time`` over finite times; ``n_unreachable`` (communes with no finite time);
    plus ``n_communes``, ``n_territories``, ``population``, ``threshold_min``.
    ``territory_table``: the result of :func:`territory_indicators` if at hand
    (else the needed per-territory figures are recomputed, without geometry).
    """
    lab = _labels(territory)
    n = lab.size
    P = _population(population, n)
    t = _times(time_min, n)
    f = np.isfinite(t)
    uniq, code = _territory_order(lab)
    if territory_table is not None:
        pops = np.asarray(territory_table["pop"], dtype=float)
        tmeans = np.asarray(territory_table["time_mean"], dtype=float)
    else:
        pops = np.bincount(code, weights=P, minlength=len(uniq))
        wt = np.bincount(code[f], weights=P[f], minlength=len(uniq))
        st = np.bincount(code[f], weights=P[f] * t[f], minlength=len(uniq))
        with np.errstate(invalid="ignore", divide="ignore"):
            tmeans = np.where(wt > 0, st / wt, np.nan)
    tf, Pf = t[f], P[f]
    has = tf.size > 0 and Pf.sum() > 0
    total, between, within = theil_decomposition(tf, Pf, code[f]) if has else (np.nan,) * 3
    tm = tmeans[np.isfinite(tmeans)]
    Ptot = P.sum()
    out = {
        "gini_time": gini(tf, Pf) if has else np.nan,
        "theil_time": total,
        "theil_between": between,
        "theil_within": within,
        "cv_pop": cv(pops) if len(pops) else np.nan,
        "cv_time_mean": cv(tm) if tm.size else np.nan,
        "coverage_pct": 100.0 * P[f & (t <= float(threshold_min))].sum() / Ptot if Ptot > 0 else np.nan,
        "mean_time": (Pf * tf).sum() / Pf.sum() if has else np.nan,
        "p90_time": weighted_quantile(tf, Pf, 0.9) if has else np.nan,
        "max_time": tf.max() if tf.size else np.nan,
        "n_unreachable": int((~f).sum()),
        "n_communes": n,
        "n_territories": len(uniq),
        "population": Ptot,
        "threshold_min": float(threshold_min),
    }
    return to_json_safe(out)


# --------------------------------------------------------------------------- orchestration
def _adjacency_from_network(geoms):
    try:
        from .network import adjacency_pairs
    except ImportError as e:  # pragma: no cover - depends on the sibling module
        raise InputError("No adjacency given and core.network is unavailable to build it") from e
    res = adjacency_pairs(geoms, mode="edge", min_shared_m=0.0)  # rook: shared border > 0
    return (np.asarray(res[0], dtype=np.int64), np.asarray(res[1], dtype=np.int64))


def compute_all(territory, population, geoms, time_min, threshold_min: float,
                adjacency=None, site_capacity=None, site_territory=None, site_times=None,
                decay=None, progress=None, is_canceled=None, log=None):
    """Every indicator of a partition, as used by the *territory indicators* algorithm.

    Inputs (aligned by position on the communes): ``territory`` labels,
    ``population``, ``geoms`` (shapely, metric CRS), ``time_min`` — the time from
    each commune to the site serving it, computed by the caller (nearest site of its
    own territory, or the site named in a field); ``inf`` = unreachable, NaN = unknown.
    ``adjacency``: commune (i, j) pairs (or anything :func:`is_contiguous` accepts);
    when None, built with ``core.network.adjacency_pairs(geoms, mode="edge")`` (rook:
    a shared border of positive length; corners do not count). Passing a proxy
    network (``.graph``) makes its ferry links count as contiguity too.
    Optional sites: ``site_capacity`` (one per site); with ``site_territory`` (label
    of each site's territory) it gives ``capacity_per_1000``; with ``site_times``
    (communes x sites, minutes) it gives ``access_2sfca`` (:func:`two_step_fca`,
    catchment ``threshold_min``, optional ``decay``).

    Returns ``(communes_df, territories_df, overall)``: the tables of
    :func:`commune_indicators` and :func:`territory_indicators` (the latter with
    ``color_idx`` and ``color`` columns added: a proper map colouring from
    :func:`color_territories`, :data:`PALETTE` hex) and the dict of
    :func:`overall_indicators` (plus ``n_colors``).
    """
    mon = as_monitor(progress, is_canceled, log)
    lab = _labels(territory)
    n = lab.size
    geoms = list(geoms.to_numpy() if hasattr(geoms, "to_numpy") else geoms)
    if adjacency is None:
        mon.progress(0, "Commune adjacency")
        adjacency = _adjacency_from_network(geoms)
    edges = _commune_edges(adjacency, n)
    mon.check()

    access = None
    if site_capacity is not None and site_times is not None:
        mon.progress(10, "2SFCA accessibility")
        access = two_step_fca(site_times, population, site_capacity, threshold_min, decay=decay)
    cap_by_t = None
    if site_capacity is not None and site_territory is not None:
        sc = _arr(site_capacity, "site_capacity")
        st = np.asarray(site_territory.to_numpy() if hasattr(site_territory, "to_numpy")
                        else site_territory, dtype=object)
        if st.size != sc.size:
            raise InputError("site_territory and site_capacity differ in length")
        cap_by_t = {}
        for lbl, c in zip(st.tolist(), sc.tolist()):
            if lbl is None or (isinstance(lbl, float) and math.isnan(lbl)):
                continue
            cap_by_t[lbl] = cap_by_t.get(lbl, 0.0) + c
    mon.check()

    mon.progress(20, "Commune indicators")
    cdf = commune_indicators(lab, population, time_min, threshold_min, access_score=access)
    mon.check()
    mon.progress(40, "Territory indicators")
    tdf = territory_indicators(lab, population, time_min, geoms, edges, threshold_min,
                               site_capacity_by_territory=cap_by_t)
    mon.check()
    mon.progress(85, "Colouring")
    _, tpairs = territory_adjacency(edges, lab)
    colors = color_territories(tpairs, len(tdf))
    tdf["color_idx"] = colors
    tdf["color"] = [color_hex(c) for c in colors]
    overall = overall_indicators(lab, population, time_min, threshold_min, territory_table=tdf)
    overall["n_colors"] = int(colors.max() + 1) if colors.size else 0
    if overall["n_colors"] > len(PALETTE):
        mon.log(f"Map colouring needed {overall['n_colors']} colours, more than the "
                f"{len(PALETTE)} of the palette: some neighbours may look alike")
    mon.progress(100, "Done")
    return cdf, tdf, overall


# --------------------------------------------------------------------------- serving sites
def label_key(v):
    """A comparable key for a label read from any field type (one rule for the whole plugin:
    :func:`.values.label_key`): ``None`` for NULL/NaN/blank, ``31.0`` -> ``"31"``."""
    from .values import label_key as _label_key
    return _label_key(v)


def commune_site_times(graph, commune_nodes, site_nodes, batch: int = 64, progress=None,
                       is_canceled=None, log=None):
    """Travel times (min) and path lengths (m) from each commune to each site.

    Returns ``(T, L)`` of shape (n_communes, n_sites), ``inf`` where unreachable.
    Direction commune -> site (one-ways respected). Dijkstra runs from the smaller side:
    from the sites on the transposed graph when there are fewer sites than communes,
    in batches of ``batch`` sources so memory stays at ``batch x n_nodes``.
    """
    from scipy.sparse.csgraph import dijkstra

    mon = as_monitor(progress, is_canceled, log)
    c = np.asarray(commune_nodes, dtype=np.int64).ravel()
    s = np.asarray(site_nodes, dtype=np.int64).ravel()
    N = graph.n_nodes
    for what, a in (("commune", c), ("site", s)):
        if a.size and (a.min() < 0 or a.max() >= N):
            raise InputError(f"a {what} node is outside the graph (0..{N - 1})")
    T = np.full((c.size, s.size), np.inf)
    L = np.full((c.size, s.size), np.inf)
    if c.size == 0 or s.size == 0:
        return T, L
    from .network import reduced_graph          # the same times on a smaller graph (road networks)
    graph, nid = reduced_graph(graph, np.union1d(c, s), monitor=mon)
    c, s = nid[c], nid[s]
    reverse = s.size < c.size
    if reverse:
        cg = type(graph)(time=graph.time.T.tocsr(),
                         length=None if graph.length is None else graph.length.T.tocsr(),
                         xy=graph.xy)
        src_all, tgt = s, c
    else:
        cg = graph
        src_all, tgt = c, s
    csr = cg.time.tocsr()
    uniq, inv = np.unique(src_all, return_inverse=True)
    Tu = np.empty((uniq.size, tgt.size))
    Lu = np.empty((uniq.size, tgt.size))
    starts = range(0, uniq.size, batch)
    workers = parallel.worker_count(len(starts), float(uniq.size) * cg.n_nodes)
    cg.prepare_length_lookup()          # once, before the workers start (they inherit it)

    def trees(k):
        src = uniq[k:k + batch]
        d, pred = dijkstra(csr, directed=True, indices=src, return_predecessors=True)
        d, pred = np.atleast_2d(d), np.atleast_2d(pred)
        return d[:, tgt], cg.path_lengths(src, pred, tgt)

    def put(k, res):
        Tu[k:k + batch], Lu[k:k + batch] = res
        mon.progress(100.0 * min(uniq.size, k + batch) / uniq.size, "Travel times to the sites")
        mon.check()

    mon.check()
    parallel.run_batches(trees, starts, workers, put)
    Tm, Lm = Tu[inv], Lu[inv]
    if reverse:
        Tm, Lm = Tm.T, Lm.T
    Lm = np.where(np.isfinite(Tm), Lm, np.inf)
    return np.ascontiguousarray(Tm), np.ascontiguousarray(Lm)


def serve_communes(times, commune_territory, site_territory, chosen_site=None):
    """The site serving each commune, and its time.

    Rule: a commune with a chosen site (``chosen_site[i] >= 0``, e.g. read from a
    commune-level field) is served by it; otherwise by the fastest site *of its own
    territory*; when its territory has no site at all, by the fastest site overall,
    flagged ``site_outside = 1`` (also set when a chosen site lies in another
    territory). Territory labels are compared through :func:`label_key`.

    ``times``: (n_communes, n_sites) minutes, ``inf`` = unreachable. Returns a dict:
    ``site`` (int, -1 when no site is reachable), ``time`` (float, ``inf`` when
    unreachable), ``site_outside`` (0/1), ``territories_without_site`` (labels, sorted
    as text).
    """
    T = np.asarray(times, dtype=float)
    if T.ndim != 2:
        raise InputError("times must be a matrix (communes x sites)")
    n, m = T.shape
    ct = [label_key(v) for v in (commune_territory.to_numpy() if hasattr(commune_territory, "to_numpy")
                                 else commune_territory)]
    st = [label_key(v) for v in (site_territory.to_numpy() if hasattr(site_territory, "to_numpy")
                                 else site_territory)]
    if len(ct) != n or len(st) != m:
        raise InputError(f"times is {n} x {m} but there are {len(ct)} communes and {len(st)} sites")
    if m == 0:
        raise InputError("There is no site: give at least one site")
    chosen = np.full(n, -1, dtype=np.int64) if chosen_site is None else \
        np.asarray(chosen_site, dtype=np.int64).ravel()
    if chosen.size != n or np.any(chosen >= m):
        raise InputError("chosen_site must hold one site index (or -1) per commune")
    Tm = np.where(np.isnan(T), np.inf, T)
    site = np.full(n, -1, dtype=np.int64)
    time = np.full(n, np.inf)
    outside = np.zeros(n, dtype=np.int8)
    sites_of = {}
    for j, lbl in enumerate(st):
        sites_of.setdefault(lbl, []).append(j)
    groups = {}
    for i, lbl in enumerate(ct):
        groups.setdefault(lbl, []).append(i)
    missing = []
    all_sites = np.arange(m)
    for lbl, rows in groups.items():
        rows = np.asarray(rows, dtype=np.int64)
        rows = rows[chosen[rows] < 0]
        cand = np.asarray(sites_of.get(lbl, []) if lbl is not None else [], dtype=np.int64)
        if cand.size == 0:
            missing.append(lbl)
            cand = all_sites
            outside[rows] = 1
        if rows.size == 0:
            continue
        sub = Tm[np.ix_(rows, cand)]
        best = np.argmin(sub, axis=1)
        bt = sub[np.arange(rows.size), best]
        ok = np.isfinite(bt)
        site[rows[ok]] = cand[best[ok]]
        time[rows] = bt
    ch = np.flatnonzero(chosen >= 0)
    if ch.size:
        site[ch] = chosen[ch]
        time[ch] = Tm[ch, chosen[ch]]
        outside[ch] = np.asarray([int(st[chosen[i]] != ct[i]) for i in ch], dtype=np.int8)
    missing = sorted({str(x) for x in missing})
    return {"site": site, "time": time, "site_outside": outside, "territories_without_site": missing}

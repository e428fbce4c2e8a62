"""Communes, their territories and their service sites: the science of *territory indicators*.

Which territory each site belongs to (:func:`site_territories`), which site a commune names
(:func:`named_sites`), and, from the commune x site travel times, the tables the algorithm writes
(:func:`access_tables`): communes with their serving site and access, territories with their
indicators, name and number of sites, sites with their load. No QGIS here: the algorithm reads the
layers, builds the travel times, calls these functions and writes their tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from . import indicators as ind
from .values import label_key


def duplicated_keys(keys: Sequence[Optional[str]]) -> List[str]:
    """The keys written more than once (sorted; None is not a key)."""
    seen, dup = set(), set()
    for k in keys:
        if k is None:
            continue
        if k in seen:
            dup.add(k)
        seen.add(k)
    return sorted(dup)


@dataclass
class SiteTerritories:
    territory: list          # per site: the territory label (as written in the layer it comes from)
    n_fallback: int          # sites with no value in the given field: territory of their commune
    stray: List[str]         # given labels matching no commune territory (text, sorted)


def site_territories(commune_territory: Sequence, site_commune: Sequence[int],
                     given: Optional[Sequence] = None) -> SiteTerritories:
    """The territory of each site: the territory of the commune containing it (``site_commune``:
    its commune's row), or its own value in ``given`` when there is one. Labels are compared
    through :func:`label_key` (31, 31.0 and "31" are one territory)."""
    terr = [commune_territory[int(c)] for c in site_commune]
    n_fallback, stray = 0, []
    if given is not None:
        for k, v in enumerate(given):
            if label_key(v) is None:
                n_fallback += 1
            else:
                terr[k] = v
        known = {label_key(v) for v in commune_territory}
        stray = sorted({str(v) for v in terr if label_key(v) not in known})
    return SiteTerritories(terr, n_fallback, stray)


def named_sites(commune_values: Sequence, site_keys: Sequence[Optional[str]]) -> Tuple[np.ndarray, list]:
    """The site each commune names in its own field: (site index per commune, -1 where the commune
    names none; [(row, value)] of the communes naming a site that does not exist). A duplicated
    site identifier names its first site."""
    first = {}
    for j, k in enumerate(site_keys):
        first.setdefault(k, j)
    chosen = np.full(len(commune_values), -1, dtype=np.int64)
    unknown = []
    for r, v in enumerate(commune_values):
        k = label_key(v)
        if k is None:
            continue
        if k not in first:
            unknown.append((r, v))
        else:
            chosen[r] = first[k]
    return chosen, unknown


def drop_far_places(times: np.ndarray, too_far: Sequence[int], n_communes: int) -> np.ndarray:
    """Times (communes x sites) with the places too far from the roads unreachable (``inf``):
    ``too_far`` indexes the communes then the sites (site j is ``n_communes + j``)."""
    T = np.array(times, dtype=float)
    tf = np.asarray(list(too_far), dtype=np.int64)
    if tf.size:
        T[tf[tf < n_communes]] = np.inf
        T[:, tf[tf >= n_communes] - n_communes] = np.inf
    return T


@dataclass
class AccessTables:
    communes: "object"       # DataFrame: territory, site_id, time_min, dist_km, within_threshold, ...
    territories: "object"    # DataFrame: the columns of indicators.compute_all + name, n_sites
    sites: "object"          # DataFrame: site_id, territory, capacity, n_communes, pop_served, ...
    overall: dict            # overall figures (indicators.overall_indicators + n_colors)
    served: dict             # indicators.serve_communes: site, time, site_outside, territories_without_site

    @property
    def n_unreachable(self) -> int:
        return int(self.communes["unreachable"].sum())


def access_tables(territory: Sequence, population, geoms, times, lengths_m, site_ids: Sequence,
                  site_territory: Sequence, capacity, threshold_min: float, chosen=None,
                  territory_names: Optional[Sequence] = None, site_outside_m=None, served=None,
                  progress=None, is_canceled=None, log=None) -> AccessTables:
    """Every table of *territory indicators*.

    Inputs aligned on the communes: ``territory`` labels, ``population`` (>= 0), ``geoms``
    (shapely, metric CRS), ``territory_names`` (optional: a name per commune, the first non-empty
    one of a territory names it). Aligned on the sites: ``site_ids``, ``site_territory``,
    ``capacity``, ``site_outside_m`` (distance to the nearest commune of a site outside every
    commune, 0 inside). ``times`` / ``lengths_m``: commune x site minutes (``inf`` unreachable) and
    metres. ``chosen``: the site named by each commune (-1: the rule of
    :func:`indicators.serve_communes`). ``served``: that rule's result when already computed.

    Communes get ``site_id``, ``dist_km`` (km to their site), ``site_outside`` (1 when served
    outside their territory) and ``access_2sfca`` per 1000 inhabitants; territories their name
    and number of sites; sites their capacity, communes served, population served, the
    population-weighted mean time of the communes they serve and their 2SFCA supply per 1000
    inhabitants of their catchment (``ratio_per_1000``). Populations stay integers when they are.
    """
    import pandas as pd

    pop = np.asarray(population, dtype=float)
    cap = np.asarray(capacity, dtype=float)
    T = np.asarray(times, dtype=float)
    L = np.asarray(lengths_m, dtype=float)
    n, m = T.shape
    if served is None:
        served = ind.serve_communes(T, list(territory), list(site_territory), chosen)
    site_of, time = served["site"], served["time"]
    ok = site_of >= 0
    dist = np.full(n, np.nan)
    dist[ok] = L[np.flatnonzero(ok), site_of[ok]] / 1000.0

    cdf, tdf, overall = ind.compute_all(
        pd.Series(list(territory), dtype=object), pop, geoms, time, threshold_min,
        site_capacity=cap, site_territory=pd.Series(list(site_territory), dtype=object), site_times=T,
        progress=progress, is_canceled=is_canceled, log=log)
    cdf["access_2sfca"] = cdf["access_2sfca"] * 1000.0
    cdf["site_id"] = pd.Series([site_ids[j] if j >= 0 else None for j in site_of], dtype=object)
    cdf["dist_km"] = dist
    cdf["site_outside"] = served["site_outside"].astype(np.int64)
    cdf["territory"] = pd.Series(list(territory), dtype=object)

    # per territory: name, number of sites; pop as integers when they are
    integer_pop = bool(np.all(np.mod(pop, 1) == 0))
    tkeys = [label_key(v) for v in tdf["territory"]]
    if territory_names is not None:
        names = {}
        for v, nm in zip(territory, territory_names):
            if nm is not None and str(nm) != "":
                names.setdefault(label_key(v), nm)
        tdf["name"] = [names.get(k) for k in tkeys]
    else:
        tdf["name"] = [None] * len(tdf)
    skeys = [label_key(v) for v in site_territory]
    tdf["n_sites"] = [skeys.count(k) for k in tkeys]
    if integer_pop:
        tdf["pop"] = tdf["pop"].round().astype(np.int64)

    sdf = site_load(T, pop, cap, threshold_min, site_of, time, site_ids, site_territory, site_outside_m)
    return AccessTables(cdf, tdf, sdf, overall, served)


def site_load(times, population, capacity, threshold_min: float, site_of, time, site_ids: Sequence,
              site_territory: Sequence, site_outside_m=None):
    """One row per site: site_id, territory, capacity, n_communes and pop_served (the communes it
    serves: ``site_of`` per commune, -1 none), ratio_per_1000 (2SFCA supply per 1000 inhabitants
    of its catchment), outside_communes_m (NaN inside a commune), time_mean (population-weighted
    mean ``time`` of the communes it serves, NaN when it serves nobody reachable)."""
    import pandas as pd

    T = np.asarray(times, dtype=float)
    pop = np.asarray(population, dtype=float)
    cap = np.asarray(capacity, dtype=float)
    site_of = np.asarray(site_of, dtype=np.int64)
    time = np.asarray(time, dtype=float)
    m = T.shape[1]
    ok = site_of >= 0
    out_m = np.zeros(m) if site_outside_m is None else np.asarray(site_outside_m, dtype=float)
    _, R = ind.two_step_fca(T, pop, cap, threshold_min, return_ratios=True)
    sdf = pd.DataFrame({
        "site_id": pd.Series(list(site_ids), dtype=object),
        "territory": pd.Series(list(site_territory), dtype=object),
        "capacity": cap,
        "n_communes": np.bincount(site_of[ok], minlength=m).astype(np.int64),
        "pop_served": np.bincount(site_of[ok], weights=pop[ok], minlength=m),
        "ratio_per_1000": R * 1000.0,
        "outside_communes_m": np.where(out_m > 0, out_m, np.nan),
    })
    fin = ok & np.isfinite(time)
    wt = np.bincount(site_of[fin], weights=pop[fin], minlength=m)
    st = np.bincount(site_of[fin], weights=pop[fin] * time[fin], minlength=m)
    with np.errstate(invalid="ignore", divide="ignore"):
        sdf["time_mean"] = np.where(wt > 0, st / np.where(wt > 0, wt, 1), np.nan)
    if np.all(np.mod(pop, 1) == 0):
        sdf["pop_served"] = sdf["pop_served"].round().astype(np.int64)
    return sdf

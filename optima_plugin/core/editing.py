"""Editing a cut by hand: incremental territory indicators, validation, realignment report.

An :class:`EditModel` holds one commune layer's territory assignment and keeps, per territory,
population, deviation from the target (band ``within`` / ``above`` / ``below`` the tolerance),
number of communes, mean (population-weighted) and maximum travel time to the territory's hub,
and contiguity on the commune adjacency graph; overall: the population-weighted mean time to
hub, the share of the population within a time threshold and the Gini of the times.

A change of territory (:meth:`EditModel.assign`, :meth:`EditModel.set_labels`) recomputes only
the territories it touches; the overall figures are vector operations over the communes. The
state is a function of the labels alone (hubs are fixed, or the population-weighted medoid of
each territory with ties to the lowest index), so undoing a change returns exactly to the
figures before it. :meth:`EditModel.preview` tells what a move would do without keeping it.

Travel times come from a :class:`MatrixTimes` (a dense commune x commune matrix, computed once:
cheap up to a few thousand communes) or a :class:`GraphTimes` (Dijkstra on demand from each hub,
cached: any size, e.g. the 35,000 communes of France; the hub is then chosen on paths inside the
territory). :func:`proxy_times` builds either from
the commune polygons (the proxy network of :func:`network.adjacency_network`).

No QGIS here: the desktop editor (``optima_plugin/editor``) is a thin layer over this module.
"""
from __future__ import annotations

import csv
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from .errors import InputError, plain

WITHIN, ABOVE, BELOW, EMPTY, FORCED = "within", "above", "below", "empty", "forced"
MATRIX_MAX_COMMUNES = 4000  # dense float32 matrix up to here (64 MB); Dijkstra on demand beyond


def label_text(v) -> Optional[str]:
    """A territory value as text (31.0, 31 and "31" are one label); None / NaN / blank -> None."""
    if v is None:
        return None
    if isinstance(v, float):
        if v != v:
            return None
        if v.is_integer():
            return str(int(v))
    s = str(v).strip()
    if not s or s.upper() == "NULL":
        return None
    return s


def natural_key(s):
    """Sort key putting "2" before "10" and numbers before words."""
    try:
        return (0, float(s), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(s))


# ============================================================================ travel times
class MatrixTimes:
    """Times from a dense (n, n) matrix, ``T[i, j]`` = minutes from commune i to commune j."""

    def __init__(self, matrix):
        self.T = np.asarray(matrix, dtype=np.float32)
        if self.T.ndim != 2 or self.T.shape[0] != self.T.shape[1]:
            raise InputError(f"the time matrix must be square (got shape {self.T.shape})")
        self.n = self.T.shape[0]

    def to_hub(self, hub: int, need=None) -> np.ndarray:
        """(n,) minutes from every commune to ``hub``."""
        return self.T[:, int(hub)]

    def block(self, members) -> np.ndarray:
        """(m, m) minutes between ``members`` (row = from, column = to)."""
        m = np.asarray(members, dtype=np.int64)
        return self.T[np.ix_(m, m)]


class GraphTimes:
    """Times by Dijkstra on a :class:`graph.CostGraph` whose node k is commune k, on demand.

    The times to a hub are computed once and kept (up to ``cache`` hubs, least recently used
    dropped), as float32 (n,) vectors.
    """

    def __init__(self, graph, cache: int = 2048, limit_min: float = 120.0):
        from scipy import sparse
        t = sparse.csr_matrix(graph.time)
        self.fwd = t
        self.rev = t.T.tocsr()
        self.n = t.shape[0]
        self.cache = int(cache)
        self.limit_min = float(limit_min)
        self._hub = OrderedDict()   # hub -> (times, limit used)

    def to_hub(self, hub: int, need=None) -> np.ndarray:
        """(n,) minutes to ``hub``. The search stops at ``limit_min`` (inf beyond) unless a
        commune of ``need`` lies beyond it: then it runs again without a limit."""
        from scipy.sparse.csgraph import dijkstra
        hub = int(hub)
        got = self._hub.get(hub)
        if got is not None:
            v, lim = got
            if np.isfinite(lim) and need is not None and not np.isfinite(v[np.asarray(need, dtype=np.int64)]).all():
                got = None
            else:
                self._hub.move_to_end(hub)
                return v
        lim = self.limit_min if got is None and need is not None else np.inf
        v = np.asarray(dijkstra(self.rev, directed=True, indices=hub, limit=lim), dtype=np.float32)
        if np.isfinite(lim) and not np.isfinite(v[np.asarray(need, dtype=np.int64)]).all():
            lim = np.inf
            v = np.asarray(dijkstra(self.rev, directed=True, indices=hub), dtype=np.float32)
        self._hub[hub] = (v, lim)
        if len(self._hub) > self.cache:
            self._hub.popitem(last=False)
        return v

    def block(self, members) -> np.ndarray:
        """(m, m) minutes between ``members`` along paths that stay among them (Dijkstra on the
        induced subgraph: a territory's own roads; ``inf`` between separate pieces). Used to
        choose a hub, it costs m x m instead of m x n."""
        from scipy.sparse.csgraph import dijkstra
        m = np.asarray(members, dtype=np.int64)
        if m.size == 0:
            return np.zeros((0, 0), dtype=np.float32)
        sub = self.fwd[m][:, m]
        return np.asarray(np.atleast_2d(dijkstra(sub, directed=True)), dtype=np.float32)


def adjacency_matrix(i, j, n: int):
    """Symmetric boolean CSR (n, n) from neighbour pairs."""
    from scipy import sparse
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    data = np.ones(2 * i.size, dtype=bool)
    return sparse.coo_matrix((data, (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()


def proxy_times(geoms, matrix_max: int = MATRIX_MAX_COMMUNES, monitor=None):
    """Travel times and contiguity from commune polygons (metric CRS), computed once.

    Returns ``(times, adjacency)``: the proxy network of :func:`network.adjacency_network`
    (neighbours linked, straight distance x 1.3 at 60 km/h; islands linked by a ferry edge so
    every commune has a time), as a :class:`MatrixTimes` up to ``matrix_max`` communes, else a
    :class:`GraphTimes`; ``adjacency``: the shared-border contiguity (ferries excluded).
    """
    from .network import adjacency_network
    net = adjacency_network(geoms, link_islands=True, monitor=monitor)
    g = net.graph
    n = g.n_nodes
    ai, aj = g.info["adjacent_pairs"]
    adj = adjacency_matrix(ai, aj, n)
    if n <= matrix_max:
        from scipy.sparse.csgraph import dijkstra
        T = np.asarray(dijkstra(g.time, directed=True), dtype=np.float32)
        return MatrixTimes(T), adj
    return GraphTimes(g), adj


# ============================================================================ the model
@dataclass
class TerritoryStats:
    label: str
    pop: float
    n: int
    dev_pct: float
    band: str
    time_mean: float
    time_max: float
    contiguous: bool
    hub: int            # commune index of the hub, -1 when empty
    pieces: int = 1     # connected pieces on the adjacency graph (0 when empty)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Issue:
    """One finding of :meth:`EditModel.validate`: ``communes`` are indices to zoom to."""
    kind: str           # "empty", "non_contiguous", "above", "below", "no_territory"
    territory: Optional[str]
    communes: List[int]
    message: str


@dataclass
class Snapshot:
    territories: Dict[str, TerritoryStats]
    overall: dict
    labels: List[Optional[str]] = field(default_factory=list)


class EditModel:
    """Territory assignment of ``n`` communes with live indicators.

    - ``labels``: territory value of each commune (any type; None / "" = no territory).
    - ``population``: (n,) >= 0.
    - ``times``: :class:`MatrixTimes` or :class:`GraphTimes` over the same communes.
    - ``adjacency``: (n, n) sparse contiguity.
    - ``hubs``: optional {territory label: commune index}: fixed hubs. Territories without one
      get the population-weighted medoid of their communes (recomputed after each change).
    - ``known_time``: optional (n,) minutes to the hub already known (e.g. the
      ``time_to_hub_min`` of optima:cluster_territories on the road network); used for a
      commune while it stays in its first territory with a fixed hub, the proxy time otherwise.
    - ``tolerance_pct``: allowed deviation from the target population; ``target``: population
      each territory should have (default: total population / number of territories).
    - ``threshold_min``: for the share of the population within the threshold.
    - ``ids`` / ``names``: commune identifiers and names for messages and reports.
    """

    def __init__(self, labels: Sequence, population, times, adjacency, hubs: Optional[dict] = None,
                 known_time=None, tolerance_pct: float = 10.0, threshold_min: float = 20.0,
                 target: Optional[float] = None, ids: Optional[Sequence] = None,
                 names: Optional[Sequence] = None):
        from scipy import sparse
        n = len(labels)
        pop = np.asarray(population, dtype=float).ravel()
        if pop.size != n:
            raise InputError(f"population has {pop.size} values for {n} communes")
        bad = np.flatnonzero(~np.isfinite(pop) | (pop < 0))
        self.ids = [str(x) for x in (ids if ids is not None else range(n))]
        if bad.size:
            raise InputError(f"population of commune {self.ids[int(bad[0])]} is {plain(pop[bad[0]])!r}: "
                             "give a number >= 0")
        if times.n != n:
            raise InputError(f"the travel times cover {times.n} communes, the layer has {n}")
        self.n = n
        self.pop = pop
        self.names = [str(x) for x in names] if names is not None else list(self.ids)
        self.times = times
        self.A = sparse.csr_matrix(adjacency, dtype=bool)
        if self.A.shape != (n, n):
            raise InputError(f"the adjacency is {self.A.shape}, expected ({n}, {n})")
        self.tolerance_pct = float(tolerance_pct)
        self.threshold_min = float(threshold_min)
        txt = [label_text(v) for v in labels]
        self.labels: List[str] = sorted({t for t in txt if t is not None}, key=natural_key)
        self._code_of = {t: c for c, t in enumerate(self.labels)}
        self.code = np.array([-1 if t is None else self._code_of[t] for t in txt], dtype=np.int64)
        self._target_fixed = None if target is None else float(target)
        self.fixed_hubs: Dict[int, int] = {}
        for lab, h in (hubs or {}).items():
            t = label_text(lab)
            if t is None or t not in self._code_of or h is None or int(h) < 0:
                continue
            if not 0 <= int(h) < n:
                raise InputError(f"hub of territory {t}: commune index {h} is not in 0..{n - 1}")
            self.fixed_hubs[self._code_of[t]] = int(h)
        self.known_time = None if known_time is None else np.asarray(known_time, dtype=float).ravel()
        self.code0 = self.code.copy()
        self.hub0_fixed = dict(self.fixed_hubs)
        self._find_forced()
        k = len(self.labels)
        self.t = np.full(n, np.nan)               # minutes to the hub of the commune's territory
        self.hub = np.full(k, -1, dtype=np.int64)
        self.stats: List[Optional[TerritoryStats]] = [None] * k
        for c in range(k):
            self._update_territory(c)
        self.time0 = self.t.copy()
        self.before = self.snapshot()

    # ------------------------------------------------------------------ labels and codes
    @property
    def k(self) -> int:
        return len(self.labels)

    @property
    def target(self) -> float:
        """Population each territory should have: the fixed ``target``, else the population of
        the territories that are not a lone heavy commune divided by their number (a commune
        heavier than the target, e.g. Toulouse, is a territory of its own, as
        optima:cluster_territories makes it: its deviation is unavoidable and left out)."""
        if self._target_fixed is not None:
            return self._target_fixed
        k = self.k - len(self.forced)
        return float((self.pop.sum() - self._forced_pop) / k) if k > 0 else 0.0

    def _find_forced(self) -> None:
        """Lone communes heavier than the mean of the others, found once on the first cut."""
        self.forced: Dict[int, int] = {}          # territory code -> its single commune
        self._forced_pop = 0.0
        if self._target_fixed is not None or self.k == 0:
            return
        counts = np.bincount(self.code[self.code >= 0], minlength=self.k)
        single = {int(self.code[i]): int(i) for i in np.flatnonzero(self.code >= 0) if counts[self.code[i]] == 1}
        while True:
            t = self.target
            add = {c: i for c, i in single.items() if c not in self.forced and self.pop[i] > t * (1 + self.tolerance_pct / 100)}
            if not add or len(self.forced) + len(add) >= self.k:
                break
            self.forced.update(add)
            self._forced_pop = float(sum(self.pop[i] for i in self.forced.values()))

    def is_forced(self, c: int) -> bool:
        """Territory ``c`` is still its lone heavy commune (its deviation is not a fault)."""
        i = self.forced.get(c)
        return i is not None and self.stats[c] is not None and self.stats[c].n == 1 and self.code[i] == c

    def code_of(self, label, create: bool = True) -> int:
        t = label_text(label)
        if t is None:
            return -1
        c = self._code_of.get(t)
        if c is None:
            if not create:
                raise InputError(f"unknown territory {plain(t)!r}")
            c = len(self.labels)
            self.labels.append(t)
            self._code_of[t] = c
            self.hub = np.r_[self.hub, -1]
            self.stats.append(None)
            # every territory's deviation depends on the target: refresh the bands
            for other in range(c):
                self._restat(other)
        return c

    def label_of(self, i: int) -> Optional[str]:
        c = int(self.code[int(i)])
        return None if c < 0 else self.labels[c]

    def current_labels(self) -> List[Optional[str]]:
        return [None if c < 0 else self.labels[c] for c in self.code.tolist()]

    def members(self, c: int) -> np.ndarray:
        return np.flatnonzero(self.code == c)

    # ------------------------------------------------------------------ changes
    def assign(self, communes, label) -> List[str]:
        """Move ``communes`` (indices) to territory ``label`` (None: no territory).

        Returns the labels of the territories that changed.
        """
        idx = np.unique(np.asarray(communes, dtype=np.int64).ravel())
        return self._set_codes(idx, np.full(idx.size, self.code_of(label), dtype=np.int64))

    def set_labels(self, communes, labels) -> List[str]:
        """Set each commune's territory (``labels`` parallel to ``communes``): how edits made
        elsewhere (attribute table, field calculator, undo) are followed."""
        idx = np.asarray(communes, dtype=np.int64).ravel()
        labels = list(labels)
        if len(labels) != idx.size:
            raise InputError(f"{idx.size} communes but {len(labels)} labels")
        codes = np.array([self.code_of(v) for v in labels], dtype=np.int64)
        return self._set_codes(idx, codes)

    def _set_codes(self, idx, codes) -> List[str]:
        if idx.size and (idx.min() < 0 or idx.max() >= self.n):
            raise InputError(f"commune index out of 0..{self.n - 1}")
        changed = idx[self.code[idx] != codes]
        if changed.size == 0:
            return []
        touched = set(self.code[idx].tolist()) | set(codes.tolist())
        self.code[idx] = codes
        touched.discard(-1)
        for c in sorted(touched):
            self._update_territory(c)
        noterr = self.code[idx] < 0
        self.t[idx[noterr]] = np.nan
        return [self.labels[c] for c in sorted(touched)]

    def preview(self, communes, label) -> dict:
        """What moving ``communes`` to ``label`` would do, without keeping it.

        ``{"territories": {label: (before TerritoryStats, after TerritoryStats)}, "overall":
        (before dict, after dict), "communes": [indices that would change]}``.
        """
        idx = np.unique(np.asarray(communes, dtype=np.int64).ravel())
        t = label_text(label)
        if t is not None and t not in self._code_of:
            return {"territories": {}, "overall": (self.overall(), self.overall()), "communes": []}
        new = -1 if t is None else self._code_of[t]
        moving = idx[self.code[idx] != new]
        if moving.size == 0:
            return {"territories": {}, "overall": (self.overall(), self.overall()), "communes": []}
        old_codes = self.code[moving].copy()
        touched = sorted((set(old_codes.tolist()) | {new}) - {-1})
        before = {self.labels[c]: self.stats[c] for c in touched}
        o_before = self.overall()
        self._set_codes(moving, np.full(moving.size, new, dtype=np.int64))
        after = {self.labels[c]: self.stats[c] for c in touched}
        o_after = self.overall()
        self._set_codes(moving, old_codes)
        return {"territories": {lab: (before[lab], after[lab]) for lab in before}, "overall": (o_before, o_after),
                "communes": moving.tolist()}

    # ------------------------------------------------------------------ per territory
    def _medoid(self, m: np.ndarray) -> int:
        if m.size == 1:
            return int(m[0])
        B = np.asarray(self.times.block(m), dtype=float)       # B[i, j]: from i to j
        w = self.pop[m]
        if w.sum() <= 0:
            w = np.ones(m.size)
        B = np.where(np.isfinite(B), B, 1e9)
        cost = w @ B                                            # cost[j] = sum_i w_i time(i -> j)
        return int(m[int(np.argmin(cost))])

    def _update_territory(self, c: int) -> None:
        m = self.members(c)
        if m.size == 0:
            self.hub[c] = -1
        else:
            h = self.fixed_hubs.get(c)
            self.hub[c] = h if h is not None else self._medoid(m)
            tt = np.asarray(self.times.to_hub(int(self.hub[c]), m), dtype=float)[m]
            if self.known_time is not None and c in self.hub0_fixed and self.fixed_hubs.get(c) == self.hub0_fixed[c]:
                same = (self.code0[m] == c) & np.isfinite(self.known_time[m])
                tt = np.where(same, self.known_time[m], tt)
            self.t[m] = tt
        self._restat(c, m)

    def _restat(self, c: int, m: Optional[np.ndarray] = None) -> None:
        from scipy.sparse.csgraph import connected_components
        if m is None:
            m = self.members(c)
        target = self.target
        if m.size == 0:
            self.stats[c] = TerritoryStats(self.labels[c], 0.0, 0, -100.0 if target > 0 else 0.0, EMPTY,
                                           float("nan"), float("nan"), False, -1, 0)
            return
        p = self.pop[m]
        tt = self.t[m]
        fin = np.isfinite(tt)
        w = p[fin].sum()
        if fin.any():
            mean = float((tt[fin] * p[fin]).sum() / w) if w > 0 else float(tt[fin].mean())
            tmax = float(tt[fin].max())
        else:
            mean = tmax = float("nan")
        if not fin.all():
            tmax = float("inf")
        pieces = 1 if m.size == 1 else int(connected_components(self.A[m][:, m], directed=False)[0])
        total = float(p.sum())
        dev = 100.0 * (total - target) / target if target > 0 else 0.0
        band = WITHIN if abs(dev) <= self.tolerance_pct + 1e-9 else (ABOVE if dev > 0 else BELOW)
        if m.size == 1 and self.forced.get(c) == int(m[0]):
            band = FORCED
        self.stats[c] = TerritoryStats(self.labels[c], total, int(m.size), dev, band, mean, tmax,
                                       pieces == 1, int(self.hub[c]), pieces)

    # ------------------------------------------------------------------ overall
    def overall(self) -> dict:
        """Population-weighted mean time to hub, share within the threshold, Gini of the times,
        largest absolute deviation (lone heavy communes left out), number of territories out of the
        band / not contiguous."""
        from .indicators import gini
        has = (self.code >= 0) & np.isfinite(self.t)
        p, t = self.pop[has], self.t[has]
        W = p.sum()
        mean = float((p * t).sum() / W) if W > 0 else float("nan")
        within = float(p[t <= self.threshold_min + 1e-9].sum() / W) if W > 0 else float("nan")
        g = gini(t, p) if W > 0 else float("nan")
        st = [s for s in self.stats if s is not None]
        devs = [abs(s.dev_pct) for s in st if s.n > 0 and s.band != FORCED]
        return {"mean_time": mean, "share_within": within, "gini": float(g),
                "threshold_min": self.threshold_min,
                "max_dev_pct": max(devs) if devs else 0.0,
                "n_out_of_band": sum(1 for s in st if s.band in (ABOVE, BELOW)),
                "n_not_contiguous": sum(1 for s in st if s.n > 0 and not s.contiguous),
                "n_empty": sum(1 for s in st if s.n == 0),
                "n_forced": sum(1 for s in st if s.band == FORCED),
                "n_unassigned": int((self.code < 0).sum()),
                "pop_total": float(self.pop.sum()),
                "pop_assigned": float(self.pop[self.code >= 0].sum())}

    def snapshot(self) -> Snapshot:
        return Snapshot({s.label: s for s in self.stats if s is not None}, self.overall(), self.current_labels())

    def territory_rows(self) -> List[dict]:
        """One dict per territory (natural order of labels) with the figures now and before
        the session (``*_before``)."""
        rows = []
        for lab in sorted(self.labels, key=natural_key):
            s = self.stats[self._code_of[lab]]
            b = self.before.territories.get(lab)
            r = s.as_dict()
            r["hub_id"] = self.ids[s.hub] if s.hub >= 0 else None
            for key in ("pop", "n", "dev_pct", "band", "time_mean", "time_max", "contiguous"):
                r[key + "_before"] = getattr(b, key) if b is not None else None
            rows.append(r)
        return rows

    # ------------------------------------------------------------------ validation
    def validate(self) -> List[Issue]:
        """Empty and non-contiguous territories, deviations outside the tolerance, communes
        with no territory (each with the communes to zoom to)."""
        from scipy.sparse.csgraph import connected_components
        out: List[Issue] = []
        for lab in sorted(self.labels, key=natural_key):
            c = self._code_of[lab]
            s = self.stats[c]
            m = self.members(c)
            if s.n == 0:
                out.append(Issue("empty", lab, [], f"Territory {lab} is empty."))
                continue
            if not s.contiguous:
                _, comp = connected_components(self.A[m][:, m], directed=False)
                sizes = np.bincount(comp, weights=self.pop[m] + 1e-9)
                main = int(np.argmax(sizes))
                cut = m[comp != main]
                out.append(Issue("non_contiguous", lab, cut.tolist(),
                                 f"Territory {lab} is in {s.pieces} pieces: {cut.size} commune(s) apart from "
                                 f"the main piece ({self._few(cut)})."))
            if s.band in (ABOVE, BELOW):
                word = "above" if s.band == ABOVE else "below"
                out.append(Issue(s.band, lab, m.tolist(),
                                 f"Territory {lab}: population {s.pop:,.0f}, {s.dev_pct:+.1f} % from the target "
                                 f"{self.target:,.0f} ({word} the ±{self.tolerance_pct:g} % tolerance)."))
        none = np.flatnonzero(self.code < 0)
        if none.size:
            out.append(Issue("no_territory", None, none.tolist(),
                             f"{none.size} commune(s) with no territory ({self._few(none)})."))
        return out

    def _few(self, idx, k: int = 5) -> str:
        names = [f"{self.names[i]} ({self.ids[i]})" if self.names[i] != self.ids[i] else self.ids[i]
                 for i in list(idx)[:k]]
        return ", ".join(names) + (", ..." if len(idx) > k else "")

    # ------------------------------------------------------------------ realignment
    def moved(self) -> np.ndarray:
        """Indices of the communes whose territory differs from the start of the session."""
        return np.flatnonzero(self.code != self.code0)

    def realignment(self) -> List[dict]:
        """One row per commune that changed territory: id, name, from, to, pop, time before,
        time after, change in time to hub (minutes)."""
        rows = []
        for i in self.moved().tolist():
            a, b = int(self.code0[i]), int(self.code[i])
            t0, t1 = float(self.time0[i]), float(self.t[i])
            rows.append({"idx": i, "id": self.ids[i], "name": self.names[i],
                         "from": None if a < 0 else self.labels[a], "to": None if b < 0 else self.labels[b],
                         "pop": float(self.pop[i]), "time_before": t0, "time_after": t1,
                         "time_change": t1 - t0 if np.isfinite(t0) and np.isfinite(t1) else float("nan")})
        rows.sort(key=lambda r: (natural_key(r["from"] or ""), natural_key(r["to"] or ""), r["id"]))
        return rows

    def realignment_flows(self) -> List[dict]:
        """Rows ``from, to, n_communes, pop`` (one per pair of territories)."""
        agg: Dict[tuple, list] = {}
        for r in self.realignment():
            a = agg.setdefault((r["from"], r["to"]), [0, 0.0])
            a[0] += 1
            a[1] += r["pop"]
        return [{"from": f, "to": t, "n_communes": v[0], "pop": v[1]} for (f, t), v in agg.items()]


# ============================================================================ locks and proposals
def lock_values(labels: Sequence, locked_communes=(), locked_territories=()) -> List[Optional[str]]:
    """LOCK_FIELD values for optima:cluster_territories: a commune keeps its territory label when
    it is locked or its territory is; None (free) otherwise."""
    lt = {label_text(x) for x in locked_territories}
    lc = {int(i) for i in locked_communes}
    out = []
    for i, v in enumerate(labels):
        t = label_text(v)
        out.append(t if t is not None and (i in lc or t in lt) else None)
    return out


def match_labels(old_labels: Sequence, new_codes: Sequence, population, locks: Optional[Sequence] = None,
                 known: Optional[Sequence] = None) -> List[Optional[str]]:
    """Name the territories of a new cut (``new_codes``, any hashable, None = none) with the
    labels of the old one: a territory holding locked communes takes their label; the others
    are matched greedily by the population they share with an old territory (largest first);
    territories left over take the labels still unused (of ``old_labels`` and ``known``, e.g.
    an emptied territory), in natural order, and only then new labels ``"N"`` (numbers after
    the largest numeric label)."""
    old = [label_text(v) for v in old_labels]
    new = [None if (v is None or (isinstance(v, float) and v != v)) else v for v in new_codes]
    pop = np.asarray(population, dtype=float)
    name: Dict[object, str] = {}
    used = set()
    if locks is not None:
        for v, lk in zip(new, locks):
            lk = label_text(lk)
            if v is not None and lk is not None and v not in name and lk not in used:
                name[v] = lk
                used.add(lk)
    overlap: Dict[tuple, float] = {}
    for v, o, p in zip(new, old, pop):
        if v is not None and o is not None:
            overlap[(v, o)] = overlap.get((v, o), 0.0) + float(p) + 1e-9
    for (v, o), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], natural_key(kv[0][1]), str(kv[0][0]))):
        if v not in name and o not in used:
            name[v] = o
            used.add(o)
    every = {o for o in old if o is not None} | {label_text(x) for x in (known or ()) if label_text(x) is not None}
    free = sorted(every - used, key=natural_key)
    nums = [int(float(x)) for x in used | every if natural_key(x)[0] == 0 and float(x).is_integer()]
    nxt = max(nums, default=0) + 1
    for v in sorted({v for v in new if v is not None} - set(name), key=lambda x: natural_key(str(x))):
        if free:
            name[v] = free.pop(0)
            used.add(name[v])
            continue
        while str(nxt) in used:
            nxt += 1
        name[v] = str(nxt)
        used.add(str(nxt))
    return [None if v is None else name[v] for v in new]


# ============================================================================ report
REALIGNMENT_COLUMNS = ["id", "name", "from", "to", "pop", "time_before", "time_after", "time_change"]
HEADERS_FR = {"id": "Commune", "name": "Nom", "from": "De", "to": "Vers", "pop": "Population",
              "time_before": "Temps avant (min)", "time_after": "Temps après (min)",
              "time_change": "Écart (min)", "n_communes": "Communes"}
HEADERS_EN = {"id": "Commune", "name": "Name", "from": "From", "to": "To", "pop": "Population",
              "time_before": "Time before (min)", "time_after": "Time after (min)",
              "time_change": "Change (min)", "n_communes": "Communes"}


def _round(v, d=2):
    return round(float(v), d) if isinstance(v, (float, np.floating)) and np.isfinite(v) else (
        None if isinstance(v, (float, np.floating)) else v)


def write_realignment_csv(rows: Sequence[dict], path: str, lang: str = "fr") -> str:
    """The realignment table as CSV (UTF-8 with BOM, ';' separated for French spreadsheets)."""
    heads = HEADERS_FR if lang == "fr" else HEADERS_EN
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";" if lang == "fr" else ",")
        w.writerow([heads[c] for c in REALIGNMENT_COLUMNS])
        for r in rows:
            vals = [_round(r.get(c)) for c in REALIGNMENT_COLUMNS]
            if lang == "fr":
                vals = [str(v).replace(".", ",") if isinstance(v, float) else ("" if v is None else v) for v in vals]
            w.writerow(vals)
    return path


def write_realignment_xlsx(rows: Sequence[dict], path: str, lang: str = "fr") -> Optional[str]:
    """The realignment table as XLSX when openpyxl is installed (else None, nothing written)."""
    try:
        import openpyxl
    except ImportError:
        return None
    heads = HEADERS_FR if lang == "fr" else HEADERS_EN
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Réaffectations" if lang == "fr" else "Realignment"
    ws.append([heads[c] for c in REALIGNMENT_COLUMNS])
    for r in rows:
        ws.append([_round(r.get(c)) for c in REALIGNMENT_COLUMNS])
    wb.save(path)
    return path


def realignment_html(rows: Sequence[dict], flows: Optional[Sequence[dict]] = None, lang: str = "fr") -> str:
    """HTML fragment (a ``<section>``) of the realignment for the territorialisation report:
    the flows between territories, then one row per commune that changed territory."""
    from .report_html import esc, fmt_number, html_table
    heads = HEADERS_FR if lang == "fr" else HEADERS_EN
    fr = lang == "fr"
    title = "Réaffectations manuelles" if fr else "Manual realignment"
    if not rows:
        body = "<p>" + ("Aucune commune n'a changé de territoire." if fr else "No commune changed territory.") + "</p>"
        return f'<section id="realignment"><h2>{esc(title)}</h2>{body}</section>'
    pop = sum(r["pop"] for r in rows)
    intro = (f"{len(rows)} commune(s) ont changé de territoire ({fmt_number(pop, lang, 0)} habitants)."
             if fr else f"{len(rows)} commune(s) changed territory ({fmt_number(pop, lang, 0)} inhabitants).")
    parts = [f'<section id="realignment"><h2>{esc(title)}</h2><p>{esc(intro)}</p>']
    if flows:
        parts.append(html_table([{k: f[k] for k in ("from", "to", "n_communes", "pop")} for f in flows],
                                lang=lang, headers=heads))
    parts.append(html_table([{c: _round(r.get(c)) for c in REALIGNMENT_COLUMNS} for r in rows],
                            lang=lang, headers=heads))
    parts.append("</section>")
    return "".join(parts)


def territory_colors(model: EditModel) -> Dict[str, str]:
    """A colour per territory label: one each up to the palette's size, else neighbouring
    territories differ (graph colouring of the current cut)."""
    from scipy import sparse

    from .colors import color_hex, color_territories
    A = sparse.triu(model.A, k=1).tocoo()
    a, b = model.code[A.row], model.code[A.col]
    keep = (a != b) & (a >= 0) & (b >= 0)
    pairs = np.unique(np.stack([np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])], axis=1), axis=0) \
        if keep.any() else np.zeros((0, 2), dtype=np.int64)
    from .colors import PALETTE
    if model.k <= len(PALETTE):      # few territories: one colour each, easier to tell apart in the table
        return {lab: PALETTE[c] for c, lab in enumerate(sorted(model.labels, key=natural_key))}
    cols = color_territories([tuple(p) for p in pairs.tolist()], model.k)
    return {lab: color_hex(int(c)) for lab, c in zip(model.labels, cols)}


class TerritoryShapes:
    """Dissolved territory polygons kept up to date as communes move.

    :meth:`shape` returns the union of a territory's communes; when only a few communes entered
    or left it since the last call (``max_delta``), the previous polygon is patched (minus the
    communes gone, plus the ones come) instead of dissolving every commune again: about ten
    times faster for a territory of a hundred communes.
    """

    def __init__(self, geoms, max_delta: int = 8):
        self.geoms = np.asarray(geoms, dtype=object)
        self.max_delta = int(max_delta)
        self._shape: Dict[str, object] = {}
        self._members: Dict[str, np.ndarray] = {}

    def shape(self, label: str, members):
        import shapely
        mem = np.unique(np.asarray(members, dtype=np.int64))
        old = self._members.get(label)
        g = None
        if old is not None and self._shape.get(label) is not None:
            gone = np.setdiff1d(old, mem, assume_unique=True)
            came = np.setdiff1d(mem, old, assume_unique=True)
            if gone.size + came.size == 0:
                return self._shape[label]
            if 0 < mem.size and gone.size + came.size <= self.max_delta:
                g = self._shape[label]
                if gone.size:
                    g = shapely.difference(g, shapely.union_all(self.geoms[gone]))
                if came.size:
                    g = shapely.union(g, shapely.union_all(self.geoms[came]))
        if g is None:
            g = shapely.union_all(self.geoms[mem]) if mem.size else None
        self._members[label] = mem
        self._shape[label] = g
        return g

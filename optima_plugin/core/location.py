"""Facility location: choose sites among candidates to serve a weighted demand.

In the spirit of :mod:`spopt.locate` (a model is built from data, ``.solve()`` fills
the results) but with a fast vectorised heuristic, a direct HiGHS model, and an honest
status. Pure Python / numpy / scipy / highspy: no QGIS here.

Notation: demands ``i`` (weight ``w_i >= 0``), candidate sites ``j``, travel time
``d_ij`` in minutes (``inf`` = unreachable), ``y_j = 1`` when site ``j`` is open,
``x_ij = 1`` when demand ``i`` is served by ``j``, ``R`` the cutoff (minutes),
``N_i = {j : d_ij <= R}`` the sites covering ``i``, ``Req`` the required (existing) sites.

Problems (``problem=``):

``"p_median"``
    minimise  sum_i sum_j w_i d_ij x_ij
    s.t. sum_j x_ij = 1 (each demand),  x_ij <= y_j,  sum_j y_j = p,  y_j = 1 (j in Req).
``"p_center"``
    minimise  W  s.t. W >= sum_j d_ij x_ij for every demand with w_i > 0, same constraints.
    Solved exactly by a binary search on the sorted distinct travel times ``r``, each
    step being a set-cover feasibility MILP  "exists y: sum_{j: d_ij <= r} y_j >= 1,
    sum y_j <= p, y_Req = 1".
``"mclp"`` (maximal covering)
    maximise  sum_i w_i z_i  s.t.  z_i <= sum_{j in N_i} y_j,  0 <= z_i <= 1,
    sum_j y_j = p,  y_Req = 1.
``"lscp"`` (location set covering)
    minimise  sum_j y_j  s.t.  sum_{j in N_i} y_j >= 1 for every demand with w_i > 0,
    y_Req = 1.  (``p`` is ignored.)
``"cpmedian"`` (capacitated p-median, single source)
    p-median with binary x_ij and  sum_i w_i x_ij <= cap_j y_j  for every site.

Demands with zero weight never constrain a solution; they are still reported
(assigned to their nearest open site when reachable).

Costs may be given as a dense ``(n_demand, n_cand)`` array (``inf`` = unreachable), a
scipy sparse matrix (stored entries are the reachable pairs, missing entries are
unreachable, stored zeros are 0 minutes) or a long form ``(i, j, t)`` or
``(i, j, t, (n_demand, n_cand))``. Internally everything becomes a list of reachable
pairs sorted by demand then time, so 35,000 x 5,000 with a cutoff stays small.

Methods: ``"heuristic"`` -- greedy add then vertex substitution (Teitz-Bart with the
fast-interchange evaluation of Whitaker / Resende-Werneck: nearest and second-nearest
open site per demand, all swaps (in, out) priced at once with numpy), for MCLP the
same engine on 0/1 costs, greedy set cover + redundancy removal for LSCP, binary
search + greedy cover for the p-center, regret assignment + shift/swap + site swaps
for the cpmedian. ``"exact"`` -- HiGHS MILP (whole model passed at once, warm-started
from the heuristic). ``"auto"`` -- exact when the model is below
:data:`AUTO_EXACT_MAX_PAIRS` (number of demand-site pairs in the model), else heuristic.

For the p-median, the exact method uses the radius idea of Garcia, Labbe & Marin
(2011): each demand only gets assignment variables towards its K_i nearest sites plus
an "elsewhere" variable priced at its (K_i+1)-th nearest time, a *relaxation* of the
problem; when the relaxation's sites cost the same in truth, they are optimal,
otherwise K_i is enlarged where needed and the model re-solved.

Status: ``"optimal"`` (proven, within ``mip_gap``, default 1e-6 relative),
``"time_limit"`` (an incumbent with its ``bound`` and ``gap``), ``"heuristic"``
(no proof). A proven infeasibility raises :class:`InfeasibleError`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .errors import InfeasibleError, InputError, plain
from .progress import as_monitor

PROBLEMS = ("p_median", "p_center", "mclp", "lscp", "cpmedian")
METHODS = ("auto", "exact", "heuristic")

#: ``method="auto"`` uses the exact MILP when the number of demand-site pairs entering
#: the model (positive-weight demands only; within the cutoff for mclp/lscp/p_center)
#: is at most this; above, the heuristic. p-median 200 000 is e.g. 450 x 450 dense
#: (a few seconds to a minute with HiGHS); the cpmedian MILP (binary assignments) is
#: much harder, hence its small threshold.
AUTO_EXACT_MAX_PAIRS = {
    "p_median": 200_000,
    "p_center": 200_000,
    "mclp": 1_000_000,
    "lscp": 1_000_000,
    "cpmedian": 10_000,
}

_TOL = 1e-9


# ----------------------------------------------------------------------------- results
@dataclass
class LocationResult:
    """Solution of a location problem (indices refer to the rows / columns of ``costs``).

    ``objective``: p_median / cpmedian: sum of w_i x time (weight-minutes);
    p_center: max time over positive-weight demands; mclp: covered weight;
    lscp: number of open sites.
    """
    problem: str
    open_sites: np.ndarray            # candidate indices, sorted
    assignment: np.ndarray            # per demand: candidate index or -1
    cost_to_site: np.ndarray          # minutes to the assigned site (inf if unassigned)
    objective: float
    status: str                       # "optimal" | "time_limit" | "heuristic"
    gap: float = float("nan")         # relative gap (objective vs bound), nan when unknown
    bound: float = float("nan")       # proven bound on the optimum (nan when unknown)
    seconds: float = 0.0
    method_used: str = "heuristic"
    covered: Optional[np.ndarray] = None   # bool per demand: time <= cutoff (if a cutoff)
    coverage_pct: Optional[float] = None   # covered weight / total weight * 100
    served_weight: Optional[np.ndarray] = None  # per candidate: weight assigned to it
    mean_time: float = float("nan")   # weighted mean time over assigned demands
    max_time: float = float("nan")    # max time over assigned positive-weight demands
    n_unassigned: int = 0
    messages: List[str] = field(default_factory=list)
    groups: Optional[Dict] = None     # solve_by_group: per-group results

    @property
    def n_open(self) -> int:
        return int(self.open_sites.size)


# ----------------------------------------------------------------------------- pairs
class _Pairs:
    """Reachable (demand, site, time) pairs, sorted by demand then time (then site)."""

    def __init__(self, n, m, row, col, val, presorted=False):
        self.n, self.m = int(n), int(m)
        row = np.asarray(row, dtype=np.int64)
        col = np.asarray(col, dtype=np.int64)
        val = np.asarray(val, dtype=np.float64)
        if not presorted and row.size:
            order = np.lexsort((col, val, row))
            row, col, val = row[order], col[order], val[order]
        self.row = row.astype(np.int32)
        self.col = col.astype(np.int32)
        self.val = val
        self.indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=self.n), out=self.indptr[1:])
        self._csc = None

    @property
    def nnz(self) -> int:
        return int(self.val.size)

    def subset(self, mask) -> "_Pairs":
        return _Pairs(self.n, self.m, self.row[mask], self.col[mask], self.val[mask], presorted=True)

    def rank(self):
        return np.arange(self.nnz, dtype=np.int64) - self.indptr[self.row]

    def csc(self):
        """(colptr, entry indices sorted by site)."""
        if self._csc is None:
            order = np.argsort(self.col, kind="stable")
            ptr = np.zeros(self.m + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.col, minlength=self.m), out=ptr[1:])
            self._csc = (ptr, order)
        return self._csc

    def column(self, j):
        ptr, order = self.csc()
        return order[ptr[j]:ptr[j + 1]]

    def row_entries(self, rows):
        """Entry indices of all pairs of the given demand rows (concatenated)."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        return _ranges(starts, ends)

    def dense(self, fill=np.inf):
        D = np.full((self.n, self.m), fill)
        D[self.row, self.col] = self.val
        return D


def _ranges(starts, ends):
    lens = ends - starts
    tot = int(lens.sum())
    if tot == 0:
        return np.zeros(0, dtype=np.int64)
    offs = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return np.arange(tot, dtype=np.int64) + offs


def _to_pairs(costs, n_hint=None, m_hint=None) -> _Pairs:
    """Validate the costs (no NaN, no negative) and turn them into sorted pairs."""
    try:
        import scipy.sparse as sp
        is_sparse = sp.issparse(costs)
    except ImportError:  # pragma: no cover
        is_sparse = False
    if isinstance(costs, _Pairs):
        return costs
    if is_sparse:
        coo = costs.tocoo()
        n, m = coo.shape
        i, j, t = coo.row, coo.col, np.asarray(coo.data, dtype=float)
    elif isinstance(costs, (tuple, list)) and len(costs) in (3, 4) and np.ndim(costs[0]) == 1:
        i = np.asarray(costs[0], dtype=np.int64)
        j = np.asarray(costs[1], dtype=np.int64)
        t = np.asarray(costs[2], dtype=float)
        if not (i.size == j.size == t.size):
            raise InputError("long-form costs: i, j and t must have the same length")
        if len(costs) == 4:
            n, m = map(int, costs[3])
        else:
            n = n_hint if n_hint is not None else (int(i.max()) + 1 if i.size else 0)
            m = m_hint if m_hint is not None else (int(j.max()) + 1 if j.size else 0)
        if i.size and (i.min() < 0 or i.max() >= n or j.min() < 0 or j.max() >= m):
            raise InputError(f"long-form costs: indices outside the {n} x {m} matrix")
    else:
        D = np.asarray(costs, dtype=float)
        if D.ndim != 2:
            raise InputError("costs must be a 2-D matrix (demand x candidate)")
        if np.isnan(D).any():
            bad = np.argwhere(np.isnan(D))
            raise InputError(f"costs contain {len(bad)} NaN value(s), e.g. demand {bad[0][0]}, "
                             f"candidate {bad[0][1]}; use inf for unreachable pairs")
        if (D < 0).any():
            bad = np.argwhere(D < 0)[0]
            raise InputError(f"costs contain negative times, e.g. demand {bad[0]}, candidate {bad[1]}")
        n, m = D.shape
        i, j = np.nonzero(np.isfinite(D))
        return _Pairs(n, m, i, j, D[i, j])
    if np.isnan(t).any():
        k = int(np.flatnonzero(np.isnan(t))[0])
        raise InputError(f"costs contain NaN value(s), e.g. demand {i[k]}, candidate {j[k]}")
    if (t < 0).any():
        k = int(np.flatnonzero(t < 0)[0])
        raise InputError(f"costs contain negative times, e.g. demand {i[k]}, candidate {j[k]}")
    keep = np.isfinite(t)
    i, j, t = i[keep], j[keep], t[keep]
    P = _Pairs(n, m, i, j, t)
    # duplicated pairs: keep the smallest time (first after sorting by demand, time)
    if P.nnz > 1:
        key = P.row.astype(np.int64) * max(m, 1) + P.col
        _, first = np.unique(key, return_index=True)
        if first.size < P.nnz:
            mask = np.zeros(P.nnz, dtype=bool)
            mask[first] = True
            P = P.subset(mask)
    return P


# ----------------------------------------------------------------------------- engine
def _top2(P: _Pairs, open_mask, pen):
    """Nearest and second-nearest open site per demand (cost ``pen`` / site -1 if none).

    Returns c1, f1, c2, f2, e1 (entry index of the nearest, -1 if none).
    """
    n = P.n
    idx = np.flatnonzero(open_mask[P.col])
    L = idx.size
    c1 = np.full(n, pen, dtype=float)
    c2 = np.full(n, pen, dtype=float)
    f1 = np.full(n, -1, dtype=np.int64)
    f2 = np.full(n, -1, dtype=np.int64)
    e1 = np.full(n, -1, dtype=np.int64)
    if L == 0:
        return c1, f1, c2, f2, e1
    first = np.searchsorted(idx, P.indptr[:-1])
    ends = P.indptr[1:]
    fc = np.minimum(first, L - 1)
    has1 = (first < L) & (idx[fc] < ends)
    sc = np.minimum(first + 1, L - 1)
    has2 = has1 & (first + 1 < L) & (idx[sc] < ends)
    a = idx[fc[has1]]
    c1[has1] = P.val[a]
    f1[has1] = P.col[a]
    e1[has1] = a
    b = idx[sc[has2]]
    c2[has2] = P.val[b]
    f2[has2] = P.col[b]
    return c1, f1, c2, f2, e1


def _greedy_add(P: _Pairs, w, p, open_mask, pen, mon=None):
    """Greedy add (incremental gains) until ``p`` sites are open."""
    open_mask = open_mask.copy()
    m = P.m
    c1 = _top2(P, open_mask, pen)[0]
    contrib = w[P.row] * np.maximum(c1[P.row] - P.val, 0.0)
    gain = np.bincount(P.col, weights=contrib, minlength=m)
    k_add = p - int(open_mask.sum())
    for k in range(k_add):
        if mon is not None and k % 16 == 0:
            mon.check()
        g = np.where(open_mask, -np.inf, gain)
        j = int(np.argmax(g))
        open_mask[j] = True
        ent = P.column(j)
        rr = P.row[ent].astype(np.int64)
        dd = P.val[ent]
        imp = dd < c1[rr]
        rr, dd = rr[imp], dd[imp]
        if rr.size:
            idx = P.row_entries(rr)
            re = P.row[idx]
            v = P.val[idx]
            old = np.maximum(c1[re] - v, 0.0)
            c1[rr] = dd
            new = np.maximum(c1[re] - v, 0.0)
            gain += np.bincount(P.col[idx], weights=w[re] * (new - old), minlength=m)
    return open_mask


def _best_swap(P: _Pairs, w, c1, f1, c2, open_mask, removable):
    """Best (insert, remove, profit) over all swaps (fast interchange evaluation)."""
    m = P.m
    rem_idx = np.flatnonzero(removable)
    q = rem_idx.size
    closed = ~open_mask
    if q == 0 or not closed.any():
        return -1, -1, 0.0
    sel = np.flatnonzero(P.val < c2[P.row])
    rs = P.row[sel]
    js = P.col[sel]
    ds = P.val[sel]
    ws = w[rs]
    c1s = c1[rs]
    gain = np.bincount(js, weights=ws * np.maximum(c1s - ds, 0.0), minlength=m)
    has = f1 >= 0
    loss = np.bincount(f1[has], weights=(w * (c2 - c1))[has], minlength=m)
    slot = np.full(m, -1, dtype=np.int64)
    slot[rem_idx] = np.arange(q)
    f1s = f1[rs]
    sl = np.where(f1s >= 0, slot[np.maximum(f1s, 0)], -1)
    keep = (sl >= 0) & closed[js]
    gj = np.where(closed, gain, -np.inf)
    lr = loss[rem_idx]
    jb = int(np.argmax(gj))
    rb = int(np.argmin(lr))
    best = (jb, int(rem_idx[rb]), float(gj[jb] - lr[rb]))
    if keep.any():
        k_rs = rs[keep]
        e = ws[keep] * (c2[k_rs] - np.maximum(ds[keep], c1s[keep]))
        key = js[keep].astype(np.int64) * q + sl[keep]
        if m * q <= 4 * key.size + 1_000_000:
            ex = np.bincount(key, weights=e, minlength=m * q)
            uk = np.flatnonzero(ex > 0)
            ex = ex[uk]
        else:
            uk, inv = np.unique(key, return_inverse=True)
            ex = np.bincount(inv, weights=e)
        if uk.size:
            kj, ks = uk // q, uk % q
            prof = gain[kj] - lr[ks] + ex
            k = int(np.argmax(prof))
            if prof[k] > best[2]:
                best = (int(kj[k]), int(rem_idx[ks[k]]), float(prof[k]))
    return best


def _interchange(P, w, open_mask, required, pen, deadline, mon=None, max_iter=100000):
    """Vertex substitution until no improving swap (or the deadline)."""
    open_mask = open_mask.copy()
    c1, f1, c2, _, _ = _top2(P, open_mask, pen)
    cur = float(w @ c1)
    timed_out = False
    for it in range(max_iter):
        if time.perf_counter() > deadline:
            timed_out = True
            break
        if mon is not None:
            mon.check()
        fi, fr, prof = _best_swap(P, w, c1, f1, c2, open_mask, open_mask & ~required)
        if fi < 0 or prof <= 1e-10 * max(1.0, abs(cur)):
            break
        open_mask[fi] = True
        open_mask[fr] = False
        n1, nf1, n2, _, _ = _top2(P, open_mask, pen)
        new = float(w @ n1)
        if new >= cur - 1e-12 * max(1.0, abs(cur)):  # numerical safety: undo and stop
            open_mask[fi] = False
            open_mask[fr] = True
            break
        cur, c1, f1, c2 = new, n1, nf1, n2
    return open_mask, cur, timed_out


def _local_search_median(P, w, p, required, pen, deadline, seed, mon=None, restarts=None):
    """Greedy + interchange, then seeded perturbation restarts (iterated local search)."""
    o = _greedy_add(P, w, p, required, pen, mon)
    best, best_val, timed_out = _interchange(P, w, o, required, pen, deadline, mon)
    q = int((best & ~required).sum())
    n_closed = P.m - int(best.sum())
    if restarts is None:
        restarts = 50 if P.nnz <= 300_000 else (20 if P.nnz <= 2_000_000 else 0)
    if q == 0 or n_closed == 0 or restarts <= 0:
        return best, best_val, timed_out
    rng = np.random.default_rng(seed)
    for r in range(restarts):
        if time.perf_counter() > deadline:
            timed_out = True
            break
        k = int(rng.integers(1, max(1, min(q, n_closed, q // 3)) + 1))
        o = best.copy()
        out = rng.choice(np.flatnonzero(o & ~required), size=k, replace=False)
        inn = rng.choice(np.flatnonzero(~o), size=k, replace=False)
        o[out] = False
        o[inn] = True
        o, val, to = _interchange(P, w, o, required, pen, deadline, mon)
        if val < best_val - 1e-10 * max(1.0, abs(best_val)):
            best, best_val = o, val
        timed_out |= to
    return best, best_val, timed_out


def _greedy_cover(P: _Pairs, need, required, mon=None, limit=None):
    """Greedy set cover of the demands ``need`` by the pairs of P (all are 'covering').

    Returns the open mask, or None when it would exceed ``limit`` sites or some demand
    cannot be covered.
    """
    m = P.m
    open_mask = required.copy()
    covered = ~need.copy()
    if open_mask.any():
        covered[P.row[open_mask[P.col]]] = True
    unc = ~covered[P.row]
    cnt = np.bincount(P.col[unc], minlength=m).astype(np.int64)
    n_left = int((~covered).sum())
    n_open = int(open_mask.sum())
    while n_left > 0:
        if limit is not None and n_open >= limit:
            return None
        c = np.where(open_mask, -1, cnt)
        j = int(np.argmax(c))
        if c[j] <= 0:
            return None
        open_mask[j] = True
        n_open += 1
        rows = P.row[P.column(j)]
        rows = rows[~covered[rows]]
        covered[rows] = True
        n_left -= rows.size
        ent = P.row_entries(rows)
        cnt -= np.bincount(P.col[ent], minlength=m)
        if mon is not None and n_open % 32 == 0:
            mon.check()
    return open_mask


def _cover_by_swaps(Pr: _Pairs, need, required, k, deadline, seed, restarts=2):
    """Try to cover every ``need`` demand with k sites: maximal-coverage local search on
    0/1 costs (greedy + interchange + restarts). Returns the open mask or None."""
    if k < int(required.sum()) or k < 1 or k > Pr.m:
        return None
    Z = _Pairs(Pr.n, Pr.m, Pr.row, Pr.col, np.zeros(Pr.nnz), presorted=True)
    o, val, _ = _local_search_median(Z, need.astype(float), k, required, 1.0, deadline, seed,
                                     None, restarts)
    return o if val <= 0.5 else None


def _remove_redundant(P: _Pairs, need, open_mask, required):
    """Close open sites whose demands are all covered twice (least useful first)."""
    open_mask = open_mask.copy()
    cnt = np.bincount(P.row[open_mask[P.col]], minlength=P.n)
    sites = np.flatnonzero(open_mask & ~required)
    size = np.array([int(need[P.row[P.column(j)]].sum()) for j in sites], dtype=np.int64)
    for j in sites[np.argsort(size, kind="stable")]:
        rows = P.row[P.column(j)]
        rows = rows[need[rows]]
        if np.all(cnt[rows] >= 2):
            open_mask[j] = False
            cnt[rows] -= 1
    return open_mask


# ----------------------------------------------------------------------------- MILP
def _run_milp(cost, lb, ub, integer, A, rlo, rhi, time_limit, mip_gap, start=None, mon=None):
    """Solve  min cost.x  s.t. rlo <= A x <= rhi, lb <= x <= ub (``integer`` mask).

    Returns dict(status, x, obj, bound, gap).
    """
    import scipy.sparse as sp

    from . import highs

    A = sp.csc_matrix(A)
    A.sort_indices()
    h, hp = highs.new(time_limit=float(max(time_limit, 0.01)), mip_rel_gap=float(mip_gap), random_seed=0)
    highs.pass_model(h, hp, cost, lb, ub, rlo, rhi, A.indptr, A.indices, A.data, np.asarray(integer, dtype=bool))
    if start is not None:
        highs.set_start(h, start)
    if mon is not None:
        mon.check()
    sol = highs.solve(h)
    status = {"optimal": "optimal", "infeasible": "infeasible", "time_limit": "time_limit",
              "interrupted": "time_limit"}.get(sol.status, "unknown:" + sol.status)
    obj = sol.obj if sol.x is not None else float("nan")
    return dict(status=status, x=sol.x, obj=obj, bound=sol.mip_bound, gap=sol.mip_gap)


def _coo(rows, cols, vals, shape):
    import scipy.sparse as sp
    return sp.csc_matrix((np.asarray(vals, dtype=float), (np.asarray(rows), np.asarray(cols))),
                         shape=shape)


# ----------------------------------------------------------------------------- model
class LocationModel:
    """A location problem built from data; :meth:`solve` returns (and stores) the result.

    Parameters: see :func:`solve_location`.
    """

    def __init__(self, costs, weights=None, problem="p_median", p=None, cutoff_min=None,
                 capacities=None, required=None, method="auto", time_limit_s=120.0,
                 seed=0, monitor=None, mip_gap=1e-6, progress=None, is_canceled=None,
                 log=None, restarts=None, demand_names=None):
        self.t0 = time.perf_counter()
        #: optional names of the demands (e.g. commune names), used in messages instead of row indices
        self.demand_names = None if demand_names is None else [str(x) for x in demand_names]
        if problem not in PROBLEMS:
            raise InputError(f"unknown problem {plain(problem)!r}; choose one of {', '.join(PROBLEMS)}")
        if method not in METHODS:
            raise InputError(f"unknown method {plain(method)!r}; choose one of {', '.join(METHODS)}")
        self.problem, self.method = problem, method
        self.mon = monitor if monitor is not None else as_monitor(progress, is_canceled, log)
        n_hint = None if weights is None else len(weights)
        m_hint = None
        if capacities is not None:
            m_hint = len(capacities)
        elif required is not None and np.asarray(required).dtype == bool:
            m_hint = len(required)
        self.P = _to_pairs(costs, n_hint, m_hint)
        n, m = self.P.n, self.P.m
        self.n, self.m = n, m
        self.time_limit = float(time_limit_s) if time_limit_s is not None else float("inf")
        self.seed = int(seed)
        self.mip_gap = float(mip_gap)
        self.restarts = restarts
        self.result: Optional[LocationResult] = None
        self.messages: List[str] = []
        self._validate(weights, p, cutoff_min, capacities, required)

    def _few(self, idx, k=10):
        """Up to k demands, by name when names were given (row index otherwise)."""
        if self.demand_names is None or len(self.demand_names) != self.n:
            return _few(idx, k)
        idx = list(map(int, idx[:k]))
        return ", ".join(f"{self.demand_names[i]} (#{i})" for i in idx) + (" ..." if len(idx) == k else "")

    # .................................................................. validation
    def _validate(self, weights, p, cutoff_min, capacities, required):
        n, m, P, prob = self.n, self.m, self.P, self.problem
        if m == 0:
            raise InputError("no candidate site")
        if n == 0:
            raise InputError("no demand")
        w = np.ones(n) if weights is None else np.asarray(weights, dtype=float).ravel()
        if w.size != n:
            raise InputError(f"weights has {w.size} values but costs has {n} demand rows")
        if np.isnan(w).any():
            raise InputError(f"weights contain NaN, e.g. demand {self._few(np.flatnonzero(np.isnan(w))[:1])}")
        if (w < 0).any():
            bad = np.flatnonzero(w < 0)
            raise InputError(f"weights must be >= 0: {bad.size} negative, e.g. demand(s) "
                             f"{self._few(bad)}")
        self.w = w
        self.pos = w > 0
        if not self.pos.any():
            raise InputError("every demand weight is 0: nothing to serve")
        if required is None:
            req = np.zeros(m, dtype=bool)
        else:
            r = np.asarray(required)
            if r.dtype == bool:
                if r.size != m:
                    raise InputError(f"required has {r.size} values but there are {m} candidates")
                req = r.copy()
            else:
                req = np.zeros(m, dtype=bool)
                r = r.astype(np.int64).ravel()
                if r.size and (r.min() < 0 or r.max() >= m):
                    raise InputError("required: candidate index out of range")
                req[r] = True
        self.required = req
        n_req = int(req.sum())
        # p
        if prob != "lscp":
            if p is None:
                raise InputError(f"{prob}: p (number of sites to open) is required")
            if int(p) != p or p < 1:
                raise InputError(f"p must be a positive integer (got {p})")
            p = int(p)
            if p > m:
                raise InputError(f"p = {p} exceeds the number of candidate sites ({m})")
            if p < n_req:
                raise InputError(f"p = {p} is smaller than the number of required (existing) "
                                 f"sites ({n_req})")
        self.p = p
        # cutoff
        if cutoff_min is not None:
            cutoff_min = float(cutoff_min)
            if not np.isfinite(cutoff_min) or cutoff_min < 0:
                raise InputError(f"cutoff_min must be a finite time >= 0 (got {cutoff_min})")
        if prob in ("mclp", "lscp") and cutoff_min is None:
            raise InputError(f"{prob} needs cutoff_min (the coverage time in minutes)")
        self.cutoff = cutoff_min
        # reachability
        reach_any = np.zeros(n, dtype=bool)
        reach_any[P.row] = True
        if prob in ("mclp", "lscp"):
            self.Pcov = P.subset(P.val <= cutoff_min)
            cov_any = np.zeros(n, dtype=bool)
            cov_any[self.Pcov.row] = True
            bad = np.flatnonzero(self.pos & ~cov_any)
            if prob == "lscp" and bad.size:
                raise InfeasibleError(
                    f"cutoff {cutoff_min:g} min is too small: {bad.size} demand(s) have no "
                    f"candidate site within reach, e.g. demand(s) {self._few(bad)}")
            if prob == "mclp" and bad.size:
                self._note(f"{bad.size} demand(s) cannot be covered within {cutoff_min:g} min by "
                           f"any candidate, e.g. {self._few(bad)}")
        else:
            bad = np.flatnonzero(self.pos & ~reach_any)
            if bad.size:
                raise InfeasibleError(
                    f"{bad.size} demand(s) with a positive weight cannot reach any candidate "
                    f"site, e.g. demand(s) {self._few(bad)}")
        # capacities
        self.cap = None
        if prob == "cpmedian":
            if capacities is None:
                raise InputError("cpmedian needs capacities (one per candidate)")
            cap = np.asarray(capacities, dtype=float).ravel()
            if cap.size != m:
                raise InputError(f"capacities has {cap.size} values but there are {m} candidates")
            if np.isnan(cap).any() or (cap < 0).any():
                raise InputError("capacities must be numbers >= 0")
            total = float(w.sum())
            if cap.sum() < total - 1e-9:
                raise InfeasibleError(f"total capacity {cap.sum():g} is less than the total "
                                      f"demand {total:g}")
            # best p capacities (required ones forced)
            rest = np.sort(cap[~req])[::-1][:p - n_req]
            best_p = cap[req].sum() + rest.sum()
            if best_p < total - 1e-9:
                raise InfeasibleError(f"the {p} sites with the largest capacities (required "
                                      f"sites included) hold at most {best_p:g}, less than the "
                                      f"total demand {total:g}")
            heavy = np.flatnonzero(w > cap.max())
            if heavy.size:
                raise InfeasibleError(f"demand(s) {self._few(heavy)} weigh more than every site's "
                                      f"capacity (largest {cap.max():g}), e.g. demand "
                                      f"{self._few(heavy[:1])} weighs {w[heavy[0]]:g}")
            # heavier than every reachable site's capacity
            fits = np.zeros(n, dtype=bool)
            ok = w[P.row] <= cap[P.col]
            fits[P.row[ok]] = True
            heavy = np.flatnonzero(self.pos & ~fits)
            if heavy.size:
                raise InfeasibleError(f"demand(s) {self._few(heavy)} weigh more than the capacity of "
                                      f"every site they can reach")
            self.cap = cap

    def _note(self, msg):
        self.messages.append(msg)
        self.mon.log(msg)

    # .................................................................. driver
    def model_pairs(self) -> int:
        """Number of demand-site pairs the MILP would have (used by ``method='auto'``)."""
        if self.problem in ("mclp", "lscp"):
            return int(self.pos[self.Pcov.row].sum())
        return int(self.pos[self.P.row].sum())

    def solve(self) -> LocationResult:
        method = self.method
        if method == "auto":
            method = "exact" if self.model_pairs() <= AUTO_EXACT_MAX_PAIRS[self.problem] else "heuristic"
            self._note(f"auto: {self.model_pairs()} pairs -> {method}")
        self.deadline = self.t0 + self.time_limit
        fn = getattr(self, f"_solve_{self.problem}")
        self.mon.progress(0, f"{self.problem}: {method}")
        out = fn(method)
        res = self._finish(*out, method_used=method)
        self.mon.progress(100, f"{self.problem}: {res.status}")
        self.result = res
        return res

    def _remaining(self):
        return self.deadline - time.perf_counter()

    # .................................................................. p-median
    def _pen(self):
        vmax = float(self.P.val.max()) if self.P.nnz else 1.0
        return 1000.0 * (vmax + 1.0)

    def _solve_p_median(self, method):
        P, w, req = self.P, self.w, self.required
        if self.p == 1:
            found = self._one_median()
            if found is not None:
                return found
            if method == "exact":
                raise InfeasibleError("no choice of 1 sites can serve every demand with the given "
                                      "reachable pairs")
        heur_mon = self.mon.sub(0, 30 if method == "exact" else 100)
        o, val, to = _local_search_median(P, w, self.p, req, self._pen(),
                                          self.deadline, self.seed, heur_mon, self.restarts)
        if method == "heuristic":
            return o, None, ("time_limit" if to else "heuristic"), float("nan")
        return self._pmedian_exact(o)

    def _one_median(self):
        """p = 1 (one office per territory): exact by enumeration, sum_i w_i d_ij for every
        candidate j that reaches every positive-weight demand; no MILP needed. None when no
        single candidate reaches them all (the caller decides: infeasible, or the heuristic)."""
        P, w, pos, m = self.P, self.w, self.pos, self.m
        keep = pos[P.row]
        total = np.bincount(P.col[keep], weights=w[P.row[keep]] * P.val[keep], minlength=m)
        reach = np.bincount(P.col[keep], minlength=m)
        ok = reach == int(pos.sum())
        if self.required.any():
            ok &= self.required
        if not ok.any():
            return None
        total = np.where(ok, total, np.inf)
        j = int(np.argmin(total))  # lowest index among ties: deterministic
        o = np.zeros(m, dtype=bool)
        o[j] = True
        self._note("p = 1: exact by enumeration of the candidates")
        return o, None, "optimal", float(total[j])

    def _pmedian_exact(self, inc_open):
        P, w, req, m = self.P, self.w, self.required, self.m
        pos = self.pos
        rank = P.rank()
        rowlen = np.diff(P.indptr)

        def true_cost(o):
            c1 = _top2(P, o, np.inf)[0]
            return float(w[pos] @ c1[pos]) if np.all(np.isfinite(c1[pos])) else np.inf

        best_open, best_val = inc_open.copy(), true_cost(inc_open)
        e1 = _top2(P, inc_open, np.inf)[4]
        rk = np.where(e1 >= 0, e1 - P.indptr[:-1], rowlen)
        K = _initial_radius(P, rank, rowlen, rk, _top2(P, inc_open, np.inf)[0], pos)
        lb = -np.inf
        dmap = np.full(self.n, -1, dtype=np.int64)
        dmap[pos] = np.arange(int(pos.sum()))
        npos = int(pos.sum())
        it = 0
        while True:
            it += 1
            self.mon.sub(30, 100).progress(min(90, 10 * it), f"MILP round {it}")
            ent = np.flatnonzero(pos[P.row] & (rank < K[P.row]))
            trows = np.flatnonzero(pos & (K < rowlen))
            nx, nu = ent.size, trows.size
            ucost = P.val[P.indptr[trows] + K[trows]]
            ncol = m + nx + nu
            cost = np.concatenate([np.zeros(m), w[P.row[ent]] * P.val[ent], w[trows] * ucost])
            lbv = np.concatenate([req.astype(float), np.zeros(nx + nu)])
            ubv = np.ones(ncol)
            integ = np.concatenate([np.ones(m, np.int32), np.zeros(nx + nu, np.int32)])
            xr = np.arange(nx)
            r_assign = np.concatenate([dmap[P.row[ent]], dmap[trows]])
            c_assign = np.concatenate([m + xr, m + nx + np.arange(nu)])
            rows = np.concatenate([r_assign, npos + xr, npos + xr, np.full(m, npos + nx)])
            cols = np.concatenate([c_assign, m + xr, P.col[ent].astype(np.int64), np.arange(m)])
            vals = np.concatenate([np.ones(nx + nu), np.ones(nx), -np.ones(nx), np.ones(m)])
            nrow = npos + nx + 1
            A = _coo(rows, cols, vals, (nrow, ncol))
            rlo = np.concatenate([np.ones(npos), np.full(nx, -np.inf), [self.p]])
            rhi = np.concatenate([np.ones(npos), np.zeros(nx), [self.p]])
            # warm start from the incumbent
            st = np.zeros(ncol)
            st[:m] = best_open
            e1 = _top2(P, best_open, np.inf)[4]
            xcol = np.full(P.nnz, -1, dtype=np.int64)
            xcol[ent] = m + xr
            ok = pos & (e1 >= 0)
            inside = np.zeros(self.n, dtype=bool)
            inside[ok] = xcol[e1[ok]] >= 0
            st[xcol[e1[inside]]] = 1.0
            ucol = np.full(self.n, -1, dtype=np.int64)
            ucol[trows] = m + nx + np.arange(nu)
            outside = pos & ~inside & (ucol >= 0)
            st[ucol[outside]] = 1.0
            r = _run_milp(cost, lbv, ubv, integ, A, rlo, rhi, self._remaining(), self.mip_gap,
                          start=st, mon=self.mon)
            self._note(f"p-median MILP round {it}: {nx} assignment vars, {nu} 'elsewhere' vars, "
                       f"status {r['status']}, relaxation {r['obj']:.6g}, bound {r['bound']:.6g}")
            if r["status"] == "infeasible":
                raise InfeasibleError(f"no choice of {self.p} sites can serve every demand with "
                                      f"the given reachable pairs")
            if r["x"] is None:
                break
            lb = max(lb, r["bound"])
            y = r["x"][:m] > 0.5
            tc = true_cost(y)
            if tc < best_val:
                best_open, best_val = y, tc
            if r["status"] != "optimal":
                break
            if np.isfinite(best_val) and \
                    best_val <= max(lb, r["obj"]) + self.mip_gap * abs(best_val) + 1e-9:
                lb = max(lb, min(r["obj"], best_val))
                break
            # enlarge the neighbourhoods where y is served beyond K
            e1 = _top2(P, y, np.inf)[4]
            rk = np.where(e1 >= 0, e1 - P.indptr[:-1], rowlen)
            grow = pos & (rk >= K) & (K < rowlen)
            if not grow.any():  # pragma: no cover - cannot happen (the relaxation is exact)
                break
            K[grow] = np.minimum(rowlen[grow], np.maximum(2 * K[grow], rk[grow] + 1))
            if self._remaining() <= 0:
                break
        gap = _gap(best_val, lb)
        status = "optimal" if gap <= self.mip_gap + 1e-9 else "time_limit"
        if status == "optimal":
            lb = min(lb, best_val)
        return best_open, None, status, lb

    # .................................................................. MCLP
    def _solve_mclp(self, method):
        Pc, w, req = self.Pcov, self.w, self.required
        Z = _Pairs(Pc.n, Pc.m, Pc.row, Pc.col, np.zeros(Pc.nnz), presorted=True)
        o, val, to = _local_search_median(Z, w, self.p, req, 1.0, self.deadline, self.seed,
                                          self.mon.sub(0, 30), self.restarts)
        if method == "heuristic":
            return o, None, ("time_limit" if to else "heuristic"), float("nan")
        # exact: min -sum w z  s.t. z_i - sum_{j in N_i} y_j <= 0, sum y = p
        m, pos = self.m, self.pos
        cov_any = np.zeros(self.n, dtype=bool)
        cov_any[Pc.row] = True
        dem = np.flatnonzero(pos & cov_any)
        dmap = np.full(self.n, -1, dtype=np.int64)
        dmap[dem] = np.arange(dem.size)
        e = np.flatnonzero(dmap[Pc.row] >= 0)
        nd = dem.size
        ncol = m + nd
        cost = np.concatenate([np.zeros(m), -w[dem]])
        rows = np.concatenate([np.arange(nd), dmap[Pc.row[e]], np.full(m, nd)])
        cols = np.concatenate([m + np.arange(nd), Pc.col[e].astype(np.int64), np.arange(m)])
        vals = np.concatenate([np.ones(nd), -np.ones(e.size), np.ones(m)])
        A = _coo(rows, cols, vals, (nd + 1, ncol))
        rlo = np.concatenate([np.full(nd, -np.inf), [self.p]])
        rhi = np.concatenate([np.zeros(nd), [self.p]])
        st = np.concatenate([o.astype(float), np.zeros(nd)])
        cnt = np.bincount(Pc.row[o[Pc.col]], minlength=self.n)
        st[m:] = (cnt[dem] > 0).astype(float)
        r = _run_milp(cost, np.concatenate([self.required.astype(float), np.zeros(nd)]),
                      np.ones(ncol), np.concatenate([np.ones(m, np.int32), np.zeros(nd, np.int32)]),
                      A, rlo, rhi, self._remaining(), self.mip_gap, start=st, mon=self.mon)
        if r["x"] is None:
            return o, None, "time_limit", float("nan")
        y = r["x"][:m] > 0.5
        cov_val = float(w[dem] @ (np.bincount(Pc.row[y[Pc.col]], minlength=self.n)[dem] > 0))
        heur_val = float(w[dem] @ st[m:])
        if heur_val > cov_val:
            y = o
        status = "optimal" if r["status"] == "optimal" else "time_limit"
        return y, None, status, -r["bound"]

    # .................................................................. LSCP
    def _solve_lscp(self, method):
        Pc, req, pos = self.Pcov, self.required, self.pos
        o = _greedy_cover(Pc, pos, req, self.mon)
        if o is None:  # pragma: no cover - validated before
            raise InfeasibleError("some demand cannot be covered")
        o = _remove_redundant(Pc, pos, o, req)
        # try fewer sites with the maximal-coverage local search
        while Pc.nnz <= 5_000_000 and time.perf_counter() < self.deadline:
            o2 = _cover_by_swaps(Pc, pos, req, int(o.sum()) - 1, self.deadline, self.seed)
            if o2 is None:
                break
            o = o2
        if method == "heuristic":
            return o, None, "heuristic", float("nan")
        m = self.m
        dem = np.flatnonzero(pos)
        dmap = np.full(self.n, -1, dtype=np.int64)
        dmap[dem] = np.arange(dem.size)
        e = np.flatnonzero(dmap[Pc.row] >= 0)
        A = _coo(dmap[Pc.row[e]], Pc.col[e], np.ones(e.size), (dem.size, m))
        r = _run_milp(np.ones(m), req.astype(float), np.ones(m), np.ones(m, np.int32), A,
                      np.ones(dem.size), np.full(dem.size, np.inf), self._remaining(),
                      self.mip_gap, start=o.astype(float), mon=self.mon)
        if r["x"] is None:
            return o, None, "time_limit", float("nan")
        y = r["x"] > 0.5
        if y.sum() > o.sum():
            y = o
        status = "optimal" if r["status"] == "optimal" else "time_limit"
        return y, None, status, float(np.ceil(r["bound"] - 1e-6))

    # .................................................................. p-center
    def _solve_p_center(self, method):
        P, pos, req, p = self.P, self.pos, self.required, self.p
        Pp = P.subset(pos[P.row])
        # lower bound: every demand needs its nearest candidate; required sites serve some
        first = Pp.val[Pp.indptr[:-1][pos]]
        vals = np.unique(Pp.val)
        vals = vals[vals >= first.max()]

        def greedy_ok(r):
            Pr = Pp.subset(Pp.val <= r)
            o = _greedy_cover(Pr, pos, req, limit=2 * p)
            if o is not None and o.sum() > p:
                o = _remove_redundant(Pr, pos, o, req)
            if o is not None and o.sum() <= p:
                return o
            if Pr.nnz <= 5_000_000:
                return _cover_by_swaps(Pr, pos, req, p, self.deadline, self.seed, restarts=1)
            return None

        # heuristic: binary search with greedy cover (smallest r where greedy succeeds)
        lo, hi = 0, vals.size - 1
        best = greedy_ok(vals[hi])
        if best is None and method == "exact":
            best, st = self._cover_feasible(Pp, p)
            if st == "infeasible":
                raise InfeasibleError(f"no choice of {p} sites can reach every demand with the "
                                      f"given reachable pairs")
            if best is None:
                raise InfeasibleError("p-center: time limit reached before finding p sites that "
                                      "reach every demand")
        if best is None:
            raise InfeasibleError(f"the p-center heuristic found no {p} sites reaching every "
                                  f"demand (the reachable pairs may not allow it); try "
                                  f"method='exact' for a proof")
        while lo < hi:
            mid = (lo + hi) // 2
            o = greedy_ok(vals[mid])
            if o is not None:
                hi, best = mid, o
            else:
                lo = mid + 1
            self.mon.check()
        h_idx = hi
        bound = float("nan")
        status = "heuristic"
        if method == "exact":
            lo, hi = 0, h_idx
            status = "optimal"
            while lo < hi:
                mid = (lo + hi) // 2
                Pr = Pp.subset(Pp.val <= vals[mid])
                o = greedy_ok(vals[mid])
                if o is None:
                    o, st = self._cover_feasible(Pr, p)
                    if st == "time_limit":
                        status = "time_limit"
                        break
                if o is not None:
                    hi, best = mid, o
                else:
                    lo = mid + 1
                self.mon.progress(100.0 * (1 - (hi - lo) / max(1, h_idx)), "p-center search")
            bound = float(vals[lo])
        o = self._fill(best, p)
        return o, None, status, bound

    def _cover_feasible(self, Pr, p):
        """Exact check: can at most p sites (required included) cover every demand of Pr?"""
        m, pos, req = self.m, self.pos, self.required
        dem = np.flatnonzero(pos)
        cov = np.zeros(self.n, dtype=bool)
        cov[Pr.row] = True
        if not cov[dem].all():
            return None, "infeasible"
        dmap = np.full(self.n, -1, dtype=np.int64)
        dmap[dem] = np.arange(dem.size)
        e = np.flatnonzero(dmap[Pr.row] >= 0)
        rows = np.concatenate([dmap[Pr.row[e]], np.full(m, dem.size)])
        cols = np.concatenate([Pr.col[e].astype(np.int64), np.arange(m)])
        A = _coo(rows, cols, np.ones(rows.size), (dem.size + 1, m))
        r = _run_milp(np.ones(m), req.astype(float), np.ones(m), np.ones(m, np.int32), A,
                      np.concatenate([np.ones(dem.size), [-np.inf]]),
                      np.concatenate([np.full(dem.size, np.inf), [p]]),
                      self._remaining(), 1.0, mon=self.mon)  # any feasible point will do
        if r["status"] == "infeasible":
            return None, "infeasible"
        if r["x"] is not None and r["x"].round().sum() <= p:
            return r["x"] > 0.5, "ok"
        if r["status"] == "optimal":  # pragma: no cover
            return None, "infeasible"
        return None, "time_limit"

    def _fill(self, o, p):
        """Complete an open set to exactly p sites by greedy p-median gains."""
        o = o.copy()
        if o.sum() < p:
            o = _greedy_add(self.P, self.w, p, o, self._pen())
        return o

    # .................................................................. cpmedian
    def _solve_cpmedian(self, method):
        P, w, req, cap, p = self.P, self.w, self.required, self.cap, self.p
        heur = _CapHeuristic(P, w, cap, p, req, self.deadline, self.seed, self.mon.sub(0, 40),
                             self._pen())
        o, asg = heur.run()
        if method == "heuristic":
            if o is None:
                raise InfeasibleError("the cpmedian heuristic found no assignment respecting the "
                                      "capacities; try method='exact'")
            return o, asg, ("time_limit" if heur.timed_out else "heuristic"), float("nan")
        m, pos = self.m, self.pos
        ent = np.flatnonzero(pos[P.row] & (w[P.row] <= cap[P.col]))
        dem = np.flatnonzero(pos)
        dmap = np.full(self.n, -1, dtype=np.int64)
        dmap[dem] = np.arange(dem.size)
        nx, nd = ent.size, dem.size
        ncol = m + nx
        xr = np.arange(nx)
        xc = m + xr
        pj = P.col[ent].astype(np.int64)
        pi = P.row[ent].astype(np.int64)
        cost = np.concatenate([np.zeros(m), w[pi] * P.val[ent]])
        # rows: assign (nd) | capacity (m) | linking (nx) | cardinality (1)
        rows = np.concatenate([dmap[pi], nd + pj, nd + np.arange(m), nd + m + xr, nd + m + xr,
                               np.full(m, nd + m + nx)])
        cols = np.concatenate([xc, xc, np.arange(m), xc, pj, np.arange(m)])
        vals = np.concatenate([np.ones(nx), w[pi], -cap, np.ones(nx), -np.ones(nx), np.ones(m)])
        nrow = nd + m + nx + 1
        A = _coo(rows, cols, vals, (nrow, ncol))
        rlo = np.concatenate([np.ones(nd), np.full(m + nx, -np.inf), [p]])
        rhi = np.concatenate([np.ones(nd), np.zeros(m + nx), [p]])
        st = None
        if o is not None:
            st = np.zeros(ncol)
            st[:m] = o
            key = pi * m + pj
            order = np.argsort(key)
            want = dem.astype(np.int64) * m + asg[dem]
            k = np.searchsorted(key[order], want)
            st[m + order[k]] = 1.0
        r = _run_milp(cost, np.concatenate([req.astype(float), np.zeros(nx)]), np.ones(ncol),
                      np.ones(ncol, np.int32), A, rlo, rhi, self._remaining(), self.mip_gap,
                      start=st, mon=self.mon)
        if r["status"] == "infeasible":
            raise InfeasibleError(f"no choice of {p} sites can hold every demand within the "
                                  f"capacities (single-source assignment)")
        if r["x"] is None:
            if o is None:
                raise InfeasibleError("time limit reached before any capacity-feasible solution "
                                      "was found")
            return o, asg, "time_limit", r["bound"]
        x = r["x"]
        y = x[:m] > 0.5
        a = np.full(self.n, -1, dtype=np.int64)
        chosen = x[m:] > 0.5
        a[pi[chosen]] = pj[chosen]
        zero = ~pos
        if zero.any():
            c1, f1 = _top2(P, y, np.inf)[:2]
            a[zero] = f1[zero]
        if o is not None:
            hv = float(w[pos] @ _pair_cost(P, np.flatnonzero(pos), asg[pos]))
            if hv < r["obj"] - 1e-9:
                y, a = o, asg
        status = "optimal" if r["status"] == "optimal" else "time_limit"
        return y, a, status, r["bound"]

    # .................................................................. result
    def _finish(self, open_mask, assignment, status, bound, method_used):
        P, w, pos = self.P, self.w, self.pos
        open_mask = np.asarray(open_mask, dtype=bool)
        if assignment is None:
            c1, f1 = _top2(P, open_mask, np.inf)[:2]
            assignment = f1
            cost = c1
        else:
            assignment = np.asarray(assignment, dtype=np.int64)
            cost = np.full(self.n, np.inf)
            ok = assignment >= 0
            cost[ok] = _pair_cost(P, np.flatnonzero(ok), assignment[ok])
        assigned = assignment >= 0
        served = np.bincount(assignment[assigned], weights=w[assigned], minlength=self.m)
        wa = pos & assigned
        mean_t = float(w[wa] @ cost[wa] / w[wa].sum()) if wa.any() else float("nan")
        max_t = float(cost[wa].max()) if wa.any() else float("nan")
        covered = cov_pct = None
        if self.cutoff is not None:
            covered = assigned & (cost <= self.cutoff)
            cov_pct = float(100.0 * w[covered].sum() / w.sum())
        prob = self.problem
        # a demand no open site reaches (only the heuristic returns such a cut: the exact methods
        # prove infeasibility) is left out of the objective, and said
        if prob in ("p_median", "cpmedian"):
            obj = float(w[wa] @ cost[wa])
        elif prob == "p_center":
            obj = float(cost[wa].max()) if wa.any() else float("nan")
        elif prob == "mclp":
            obj = float(w[covered].sum())
        else:
            obj = float(open_mask.sum())
        n_un = int((pos & ~assigned).sum())
        if n_un:
            self._note(f"{n_un} demand(s) with a positive weight have no reachable open site"
                       + (" (left out of the objective)" if prob in ("p_median", "cpmedian", "p_center") else ""))
        gap = _gap(obj, bound) if prob != "mclp" else _gap(bound, obj)
        if status == "optimal":
            gap = max(0.0, gap) if np.isfinite(gap) else 0.0
        return LocationResult(
            problem=prob, open_sites=np.flatnonzero(open_mask), assignment=assignment,
            cost_to_site=cost, objective=obj, status=status, gap=gap, bound=float(bound),
            seconds=time.perf_counter() - self.t0, method_used=method_used, covered=covered,
            coverage_pct=cov_pct, served_weight=served, mean_time=mean_t, max_time=max_t,
            n_unassigned=n_un, messages=list(self.messages))


RADIUS_ALPHA = 1.5
RADIUS_BETA = 1.0


def _initial_radius(P, rank, rowlen, rk, c1, pos):
    """Initial neighbourhood size K_i of the p-median radius relaxation: every site within
    ALPHA x (heuristic time of i) + BETA x (mean heuristic time), at least 2 beyond the
    heuristic's site."""
    ok = pos & np.isfinite(c1)
    mean = float(np.mean(c1[ok])) if ok.any() else 0.0
    rad = RADIUS_ALPHA * np.where(np.isfinite(c1), c1, 0.0) + RADIUS_BETA * mean
    within = np.bincount(P.row[P.val <= rad[P.row]], minlength=P.n)
    return np.minimum(rowlen, np.maximum(within, rk + 3))


def _gap(ub, lb):
    if not (np.isfinite(ub) and np.isfinite(lb)):
        return float("nan")
    return float(max(0.0, ub - lb) / max(abs(ub), 1e-12))


def _few(idx, k=10):
    idx = list(map(int, idx[:k]))
    return ", ".join(map(str, idx)) + (" ..." if len(idx) == k else "")


def _pair_cost(P: _Pairs, rows, cols):
    """Time of given (demand, site) pairs (inf if not a pair)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    key = P.row.astype(np.int64) * P.m + P.col
    order = np.argsort(key, kind="stable")
    ks = key[order]
    want = rows * P.m + cols
    k = np.searchsorted(ks, want)
    k = np.minimum(k, max(ks.size - 1, 0))
    out = np.full(rows.size, np.inf)
    if ks.size:
        hit = ks[k] == want
        out[hit] = P.val[order[k[hit]]]
    return out


# ----------------------------------------------------------------------------- cpmedian heuristic
class _CapHeuristic:
    """Capacitated p-median heuristic: p-median sites, regret assignment, shift/swap,
    then site swaps evaluated by re-assignment (first improvement, time-bounded)."""

    def __init__(self, P, w, cap, p, req, deadline, seed, mon, pen):
        self.P, self.w, self.cap, self.p, self.req = P, w, cap, p, req
        self.deadline, self.seed, self.mon, self.pen = deadline, seed, mon, pen
        self.timed_out = False
        self.pos = np.flatnonzero(w > 0)

    def _matrix(self, sites):
        """Dense (positive demands x sites) times, inf where unreachable or too heavy."""
        P = self.P
        slot = np.full(P.m, -1, dtype=np.int64)
        slot[sites] = np.arange(sites.size)
        dmap = np.full(P.n, -1, dtype=np.int64)
        dmap[self.pos] = np.arange(self.pos.size)
        e = np.flatnonzero((slot[P.col] >= 0) & (dmap[P.row] >= 0))
        D = np.full((self.pos.size, sites.size), np.inf)
        D[dmap[P.row[e]], slot[P.col[e]]] = P.val[e]
        D[self.w[self.pos][:, None] > self.cap[sites][None, :]] = np.inf
        return D

    def assign(self, sites, improve=True):
        """Regret-greedy single-source assignment to ``sites``; (cost, slots) or (inf, None)."""
        D = self._matrix(sites)
        wp = self.w[self.pos]
        rem = self.cap[sites].astype(float).copy()
        nd, q = D.shape
        a = np.full(nd, -1, dtype=np.int64)
        left = np.ones(nd, dtype=bool)
        for _ in range(nd):
            idx = np.flatnonzero(left)
            if idx.size == 0:
                break
            Dl = np.where(wp[idx, None] <= rem[None, :] + 1e-9, D[idx], np.inf)
            if q >= 2:
                part = np.partition(Dl, 1, axis=1)
                b1, b2 = part[:, 0], part[:, 1]
            else:
                b1, b2 = Dl[:, 0], np.full(idx.size, np.inf)
            if not np.isfinite(b1).all():
                return np.inf, None
            reg = np.where(np.isfinite(b2), b2 - b1, np.inf)
            # largest regret first, then heaviest
            k = np.lexsort((-wp[idx], -reg))[0]
            i = idx[k]
            s = int(np.argmin(Dl[k]))
            a[i] = s
            rem[s] -= wp[i]
            left[i] = False
        if improve:
            a, rem = self._improve(D, wp, a, rem)
        return float(wp @ D[np.arange(nd), a]), a

    #: largest (demand x open site) pairs given to the exact assignment fallback
    exact_assign_max_pairs = 1_000_000

    def assign_exact(self, sites, time_limit=5.0):
        """Single-source assignment to ``sites`` within the capacities by HiGHS (a MILP), for when
        the regret assignment finds none: (cost, slots) or (inf, None) when there is none or none
        was found in ``time_limit`` seconds."""
        D = self._matrix(sites)
        nd, q = D.shape
        if nd * q > self.exact_assign_max_pairs:
            return np.inf, None
        wp = self.w[self.pos]
        ii, ss = np.nonzero(np.isfinite(D))
        nx = ii.size
        if nx == 0 or np.unique(ii).size < nd:
            return np.inf, None
        rows = np.concatenate([ii, nd + ss])
        cols = np.concatenate([np.arange(nx), np.arange(nx)])
        vals = np.concatenate([np.ones(nx), wp[ii]])
        A = _coo(rows, cols, vals, (nd + q, nx))
        budget = min(float(time_limit), max(0.05, self.deadline - time.perf_counter()))
        r = _run_milp(D[ii, ss] * wp[ii], np.zeros(nx), np.ones(nx), np.ones(nx, np.int32), A,
                      np.concatenate([np.ones(nd), np.full(q, -np.inf)]),
                      np.concatenate([np.ones(nd), self.cap[sites].astype(float)]),
                      budget, 1e-4, mon=self.mon)
        if r["x"] is None:
            return np.inf, None
        a = np.full(nd, -1, dtype=np.int64)
        chosen = r["x"] > 0.5
        a[ii[chosen]] = ss[chosen]
        if (a < 0).any():
            return np.inf, None
        return float(wp @ D[np.arange(nd), a]), a

    def _improve(self, D, wp, a, rem, passes=20):
        nd = D.shape[0]
        ar = np.arange(nd)
        for _ in range(passes):
            moved = False
            # shifts
            for i in np.argsort(-wp, kind="stable"):
                cur = D[i, a[i]]
                cand = np.where(wp[i] <= rem + 1e-9, D[i], np.inf)
                s = int(np.argmin(cand))
                if cand[s] < cur - 1e-12:
                    rem[a[i]] += wp[i]
                    rem[s] -= wp[i]
                    a[i] = s
                    moved = True
            # swaps between two demands of different sites
            if nd <= 3000:
                cur = D[ar, a]
                for i in range(nd):
                    si = a[i]
                    # i -> a[k], k -> si
                    dk = D[i, a] + D[ar, si] - cur[i] - cur
                    feas = ((wp - wp[i] <= rem[si] + 1e-9) & (wp[i] - wp <= rem[a] + 1e-9)
                            & (a != si))
                    dk = np.where(feas, dk, np.inf)
                    k = int(np.argmin(dk))
                    if dk[k] < -1e-9:
                        sk = a[k]
                        rem[si] += wp[i] - wp[k]
                        rem[sk] += wp[k] - wp[i]
                        a[i], a[k] = sk, si
                        cur[i], cur[k] = D[i, sk], D[k, si]
                        moved = True
            if not moved or time.perf_counter() > self.deadline:
                break
        return a, rem

    def run(self):
        P, w, cap, p, req = self.P, self.w, self.cap, self.p, self.req
        o, _, _ = _local_search_median(P, w, p, req, self.pen, self.deadline, self.seed,
                                       self.mon, restarts=0)
        sites = np.flatnonzero(o)
        first = sites
        val, a = self.assign(sites)
        # capacity repair: swap the smallest removable site for the largest closed one
        tries = 0
        while a is None and tries < 2 * p:
            tries += 1
            rem_sites = sites[~req[sites]]
            closed = np.setdiff1d(np.arange(P.m), sites)
            if rem_sites.size == 0 or closed.size == 0:
                break
            r = rem_sites[np.argmin(cap[rem_sites])]
            c = closed[np.argmax(cap[closed])]
            if cap[c] <= cap[r]:
                break
            sites = np.sort(np.concatenate([sites[sites != r], [c]]))
            val, a = self.assign(sites)
        if a is None:
            # the regret assignment is greedy: an exact single-source assignment to the same
            # sites may still fit (tight capacities)
            for cand in [first] if np.array_equal(first, sites) else [first, sites]:
                val, a = self.assign_exact(cand)
                if a is not None:
                    sites = cand
                    break
        if a is None:
            return None, None
        best_sites, best_val, best_a = sites, val, a
        # site swaps: remove r, add one of the best alternatives for r's demands
        improved = True
        while improved and time.perf_counter() < self.deadline:
            improved = False
            for r in best_sites[~req[best_sites]]:
                if time.perf_counter() > self.deadline:
                    self.timed_out = True
                    break
                self.mon.check()
                mine = self.pos[best_sites[best_a] == r]
                ent = P.row_entries(mine)
                score = np.bincount(P.col[ent], weights=w[P.row[ent]] * P.val[ent], minlength=P.m)
                reach = np.bincount(P.col[ent], weights=w[P.row[ent]], minlength=P.m)
                score = np.where(reach > 0, score / np.maximum(reach, 1e-12) - reach * 1e-9, np.inf)
                score[best_sites] = np.inf
                cands = np.argsort(score, kind="stable")[:8]
                cands = cands[np.isfinite(score[cands])]
                big = np.setdiff1d(np.argsort(-cap, kind="stable")[:3], best_sites)
                for c in np.unique(np.concatenate([cands, big])):
                    s2 = np.sort(np.concatenate([best_sites[best_sites != r], [c]]))
                    v2, a2 = self.assign(s2, improve=False)
                    if a2 is None or v2 >= best_val * 1.05:
                        continue
                    v2, a2 = self.assign(s2, improve=True)
                    if v2 < best_val - 1e-9 * max(1.0, best_val):
                        best_sites, best_val, best_a = s2, v2, a2
                        improved = True
                        break
                if improved:
                    break
        open_mask = np.zeros(P.m, dtype=bool)
        open_mask[best_sites] = True
        asg = np.full(P.n, -1, dtype=np.int64)
        asg[self.pos] = best_sites[best_a]
        zero = np.flatnonzero(w <= 0)
        if zero.size:
            f1 = _top2(P, open_mask, np.inf)[1]
            asg[zero] = f1[zero]
        return open_mask, asg


# ----------------------------------------------------------------------------- public API
def solve_location(costs, weights=None, problem="p_median", p=None, cutoff_min=None,
                   capacities=None, required=None, method="auto", time_limit_s=120.0, seed=0,
                   monitor=None, mip_gap=1e-6, **kw) -> LocationResult:
    """Build a :class:`LocationModel` and solve it.

    costs: dense (n_demand, n_cand) minutes (inf = unreachable), scipy sparse, or long form
        (i, j, t[, (n_demand, n_cand)]).
    weights: demand weights >= 0 (default 1).
    problem: "p_median", "p_center", "mclp", "lscp" or "cpmedian".
    p: number of sites to open (required sites included); ignored by "lscp".
    cutoff_min: coverage time (mclp, lscp); for the other problems only reported.
    capacities: per candidate (cpmedian).
    required: boolean mask (or index list) of candidates that must stay open.
    method: "auto" | "exact" | "heuristic" (see :data:`AUTO_EXACT_MAX_PAIRS`).
    time_limit_s: wall-clock budget of the whole solve (None = no limit).
    seed: seeds the restarts of the heuristic (same seed, same result).
    monitor: a :class:`~.progress.Monitor` (or pass progress=, is_canceled=, log=).
    mip_gap: relative MIP gap under which HiGHS declares optimality.
    demand_names (keyword): optional name per demand row, used in messages ("Muret (#12)").
    """
    return LocationModel(costs, weights, problem, p, cutoff_min, capacities, required, method,
                         time_limit_s, seed, monitor, mip_gap, **kw).solve()


def solve_by_group(costs, weights=None, *, demand_groups, candidate_groups, p=1,
                   problem="p_median", capacities=None, required=None, monitor=None,
                   progress=None, is_canceled=None, log=None, **kw) -> LocationResult:
    """Solve independently inside each territory and merge the results.

    demand_groups / candidate_groups: a label per demand / candidate (e.g. an EPCI code);
    only pairs with the same label are used. ``p`` is an int (same in every group) or a
    mapping label -> p. Objectives add up (max for p_center); the status is "optimal"
    only if every group is; ``bound`` adds up (max for p_center) when all are known.
    Per-group results are in ``result.groups``.
    """
    t0 = time.perf_counter()
    mon = monitor if monitor is not None else as_monitor(progress, is_canceled, log)
    dg = np.asarray(demand_groups)
    cg = np.asarray(candidate_groups)
    n_hint = len(dg)
    P = _to_pairs(costs, n_hint, len(cg))
    n, m = P.n, P.m
    if dg.size != n or cg.size != m:
        raise InputError(f"demand_groups needs {n} labels and candidate_groups {m} labels")
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    req = np.zeros(m, dtype=bool)
    if required is not None:
        r = np.asarray(required)
        if r.dtype == bool:
            req = r.copy()
        else:
            req[r.astype(np.int64)] = True
    cap = None if capacities is None else np.asarray(capacities, dtype=float)
    labels = [g for g in dict.fromkeys(dg.tolist())]
    missing = [g for g in labels if not np.any(cg == g)]
    if missing:
        raise InfeasibleError(f"territory(ies) {missing[:10]} have demand but no candidate site")
    same = dg[P.row] == cg[P.col]
    assignment = np.full(n, -1, dtype=np.int64)
    cost = np.full(n, np.inf)
    open_mask = np.zeros(m, dtype=bool)
    results = {}
    notes: List[str] = []
    for k, g in enumerate(labels):
        mon.check()
        di = np.flatnonzero(dg == g)
        ci = np.flatnonzero(cg == g)
        dmap = np.full(n, -1, dtype=np.int64)
        dmap[di] = np.arange(di.size)
        cmap = np.full(m, -1, dtype=np.int64)
        cmap[ci] = np.arange(ci.size)
        e = np.flatnonzero(same & (dg[P.row] == g))
        sub = (dmap[P.row[e]], cmap[P.col[e]], P.val[e], (di.size, ci.size))
        pg = p.get(g) if isinstance(p, dict) else p
        if problem != "lscp" and pg is None:
            raise InputError(f"no p given for territory {plain(g)!r}")
        if problem != "lscp" and int(pg) > ci.size:
            notes.append(f"{g}: p = {pg} lowered to its {ci.size} candidate site(s)")
            pg = ci.size
        if not (w[di] > 0).any():  # nothing to serve here: keep only its required sites
            notes.append(f"{g}: no demand with a positive weight, only required sites kept")
            open_mask[ci[req[ci]]] = True
            continue
        kw_g = dict(kw)
        if kw.get("demand_names") is not None:
            kw_g["demand_names"] = [kw["demand_names"][i] for i in di]
        try:
            res = solve_location(sub, w[di], problem=problem, p=pg,
                                 capacities=None if cap is None else cap[ci],
                                 required=req[ci], monitor=mon.sub(100 * k / len(labels),
                                                                   100 * (k + 1) / len(labels)),
                                 **kw_g)
        except (InputError, InfeasibleError) as exc:
            raise type(exc)(f"territory {plain(g)!r}: {exc}") from exc
        results[g] = res
        open_mask[ci[res.open_sites]] = True
        ok = res.assignment >= 0
        assignment[di[ok]] = ci[res.assignment[ok]]
        cost[di] = res.cost_to_site
    rs = list(results.values())
    if not rs:
        raise InputError("every demand weight is 0: nothing to serve")
    if problem == "p_center":
        obj = max(r.objective for r in rs)
        bound = max(r.bound for r in rs)
    else:
        obj = float(sum(r.objective for r in rs))
        bound = float(sum(r.bound for r in rs))
    order = {"optimal": 0, "heuristic": 1, "time_limit": 2}
    status = max((r.status for r in rs), key=lambda s: order.get(s, 3))
    pos = w > 0
    assigned = assignment >= 0
    served = np.bincount(assignment[assigned], weights=w[assigned], minlength=m)
    wa = pos & assigned
    cutoff = kw.get("cutoff_min")
    covered = cov_pct = None
    if cutoff is not None:
        covered = assigned & (cost <= cutoff)
        cov_pct = float(100.0 * w[covered].sum() / w.sum())
    gap = _gap(bound, obj) if problem == "mclp" else _gap(obj, bound)
    return LocationResult(
        problem=problem, open_sites=np.flatnonzero(open_mask), assignment=assignment,
        cost_to_site=cost, objective=obj, status=status, gap=gap, bound=bound,
        seconds=time.perf_counter() - t0,
        method_used="+".join(sorted({r.method_used for r in rs})), covered=covered,
        coverage_pct=cov_pct, served_weight=served,
        mean_time=float(w[wa] @ cost[wa] / w[wa].sum()) if wa.any() else float("nan"),
        max_time=float(cost[wa].max()) if wa.any() else float("nan"),
        n_unassigned=int((pos & ~assigned).sum()),
        messages=notes + [f"{g}: {msg}" for g, r in results.items() for msg in r.messages],
        groups=results)


def unreachable_demand(costs, weights, limit: float = np.inf, demand_groups=None,
                       candidate_groups=None) -> np.ndarray:
    """Rows of the demand with a positive weight and no candidate within ``limit`` minutes
    (``inf``: any reachable candidate), in their own group when ``demand_groups`` /
    ``candidate_groups`` are given. ``costs`` in any form :func:`solve_location` takes (dense,
    sparse, long form (i, j, t[, shape]))."""
    w = np.asarray(weights, dtype=float)
    P = _to_pairs(costs, n_hint=w.size)
    keep = P.val <= limit + 1e-9
    if demand_groups is not None:
        keep &= np.asarray(demand_groups)[P.row] == np.asarray(candidate_groups)[P.col]
    reach = np.zeros(w.size, dtype=bool)
    reach[P.row[keep]] = True
    return np.flatnonzero(~reach & (w > 0))

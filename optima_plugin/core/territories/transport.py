"""The capacitated assignment of units to hubs: the transportation LP (HiGHS)."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from .. import highs


# --------------------------------------------------------------------------- LP helpers
def _highs():
    """A HiGHS instance, output off (:func:`..highs.new`). -> (h, highspy)."""
    return highs.new()


def _run_lp(cost, A_csc, row_lo, row_hi, col_lo, col_hi, integer=None, time_limit=None):
    """Solve min cost.x st row_lo <= A x <= row_hi, col_lo <= x <= col_hi. -> (x, obj, h).

    ``integer``: optional boolean mask of integer columns (MILP); ``time_limit`` in seconds
    (the best solution found so far is returned). ``x`` and ``obj`` are None when the solver
    has no usable solution (an LP not solved to optimality, a MILP without a feasible point).
    """
    A_csc = sparse.csc_matrix(A_csc)
    A_csc.sort_indices()
    return _run_lp_cols(cost, A_csc.shape[0], A_csc.indptr, A_csc.indices, A_csc.data, row_lo, row_hi,
                        col_lo, col_hi, integer, time_limit)


def _run_lp_cols(cost, n_row, start, index, value, row_lo, row_hi, col_lo, col_hi, integer=None,
                 time_limit=None):
    """``_run_lp`` with the constraint matrix given column-wise (CSC arrays, row indices sorted
    in each column)."""
    h, hp = highs.new(time_limit=None if time_limit is None else float(time_limit),
                      mip_rel_gap=None if integer is None else 1e-4)
    highs.pass_model(h, hp, cost, col_lo, col_hi, row_lo, row_hi, start, index, value, integer)
    sol = highs.solve(h)
    if sol.optimal or (integer is not None and sol.x is not None):
        return sol.x, sol.obj, h
    return None, None, h


def _transport_pairs(Cf, m, fixed):
    """(unit, hub) pairs of the assignment LP: all of them when k <= m, else each unit's m
    cheapest hubs; a unit fixed to a hub keeps only that pair."""
    k, n = Cf.shape
    if k <= m:
        uu = np.repeat(np.arange(n), k)
        tt = np.tile(np.arange(k), n)
    else:
        part = np.argpartition(Cf, m - 1, axis=0)[:m].T          # (n, m)
        uu = np.repeat(np.arange(n), m)
        tt = part.ravel()
    fu = np.flatnonzero(fixed >= 0)
    if fu.size:
        keep = (fixed[uu] < 0) | (fixed[uu] == tt)
        uu, tt = uu[keep], tt[keep]
        have = np.zeros(n, dtype=bool)
        have[uu] = True
        miss = fu[~have[fu]]
        uu = np.concatenate([uu, miss])
        tt = np.concatenate([tt, fixed[miss]])
    return uu, tt


def _normalised(C):
    """(C / max finite cost with the infinite costs made 10 x dearer than any, that max)."""
    fin = np.isfinite(C)
    cmax = float(C[fin].max()) if fin.any() else 1.0
    cmax = max(cmax, 1e-12)
    return np.where(fin, C, 10.0 * cmax + 1.0) / cmax, cmax


def _transport_matrix(uu, tt, p, n, k):
    """Column-wise arrays (start, index, value) and the slack penalty of the assignment LP:
    columns = pairs (rows: assignment of its unit, capacity of its hub), then s_plus (k),
    s_minus (k) on the capacity rows."""
    npair = uu.size
    pos = np.maximum(p, 0.0)
    pmin = float(pos[pos > 0].min()) if (pos > 0).any() else 1.0
    pen = 10.0 / max(pmin, 1e-9)
    start = np.concatenate([np.arange(0, 2 * npair + 1, 2), 2 * npair + 1 + np.arange(2 * k)])
    index = np.empty(2 * npair + 2 * k, dtype=np.int64)
    index[0:2 * npair:2] = uu
    index[1:2 * npair:2] = n + tt
    index[2 * npair:2 * npair + k] = n + np.arange(k)
    index[2 * npair + k:] = n + np.arange(k)
    value = np.empty(2 * npair + 2 * k)
    value[0:2 * npair:2] = 1.0
    value[1:2 * npair:2] = pos[uu]
    value[2 * npair:2 * npair + k] = -1.0
    value[2 * npair + k:] = 1.0
    return start, index, value, pen


def _largest_fraction(xv, uu, tt, n):
    """Each unit to its largest fraction (ties: the later pair); the positive fractions decide
    whenever every unit has one."""
    lab = np.full(n, -1, dtype=np.int64)
    sel = np.flatnonzero(xv > 0)
    if np.unique(uu[sel]).size == n:
        order = sel[np.argsort(xv[sel], kind="stable")]
    else:
        order = np.argsort(xv, kind="stable")
    lab[uu[order]] = tt[order]
    return lab


def _transport_lp(C, p, lo, hi, fixed, m, integer=False, time_limit=None):
    """Capacitated assignment of units to k hubs (fractional), slack-penalised capacities.

    C (k, n) cost (inf allowed), p (n,) unit population, fixed (n,) territory or -1.
    Returns (labels (n,), lp objective of the assignment part or None).
    """
    k, n = C.shape
    Cf, cmax = _normalised(C)
    fixed = np.asarray(fixed)
    uu, tt = _transport_pairs(Cf, m, fixed)
    npair = uu.size
    start, index, value, pen = _transport_matrix(uu, tt, p, n, k)
    cpair = Cf[tt, uu]
    cost = np.concatenate([cpair, np.full(2 * k, pen)])
    row_lo = np.concatenate([np.ones(n), np.full(k, lo)])
    row_hi = np.concatenate([np.ones(n), np.full(k, hi)])
    integ = None
    if integer:
        integ = np.r_[np.ones(npair, dtype=bool), np.zeros(2 * k, dtype=bool)]
    x, obj, _ = _run_lp_cols(cost, n + k, start, index, value, row_lo, row_hi, np.zeros(npair + 2 * k),
                             np.full(npair + 2 * k, np.inf), integ, time_limit)
    if x is None:
        lab = np.argmin(Cf, axis=0)
        fu = np.flatnonzero(fixed >= 0)
        lab[fu] = fixed[fu]
        return lab, None
    xv = x[:npair]
    return _largest_fraction(xv, uu, tt, n), float((cpair * xv).sum() * cmax)


class _TransportModel:
    """The assignment LP of :func:`_transport_lp` with every (unit, hub) pair, kept in one
    HiGHS instance across the iterations of a search: each solve only changes the costs and
    the bounds of the pairs a fixed unit may not take, and the simplex restarts from the
    previous basis (several times faster than a cold solve when the hubs move a little)."""

    def __init__(self, k, p, lo, hi):
        n = p.size
        self.k, self.n = k, n
        self.uu = np.repeat(np.arange(n), k)
        self.tt = np.tile(np.arange(k), n)
        start, index, value, pen = _transport_matrix(self.uu, self.tt, p, n, k)
        self.npair = npair = self.uu.size
        self.pen = pen
        h, hp = highs.new()
        ncol = npair + 2 * k
        highs.pass_model(h, hp, np.concatenate([np.zeros(npair), np.full(2 * k, pen)]), np.zeros(ncol),
                         np.full(ncol, np.inf), np.concatenate([np.ones(n), np.full(k, float(lo))]),
                         np.concatenate([np.ones(n), np.full(k, float(hi))]), start, index, value)
        self.h, self.hp = h, hp
        self.p, self.lo, self.hi = p, lo, hi
        self.idx = np.arange(npair, dtype=np.int32)
        self.upper = np.full(npair, np.inf)

    def solve(self, C, fixed):
        """-> (labels (n,), lp objective of the assignment part or None), as :func:`_transport_lp`."""
        k, n, uu, tt = self.k, self.n, self.uu, self.tt
        Cf, cmax = _normalised(C)
        fixed = np.asarray(fixed)
        cpair = Cf[tt, uu]
        h = self.h
        h.changeColsCost(self.npair, self.idx, np.ascontiguousarray(cpair, dtype=np.float64))
        upper = np.where((fixed[uu] < 0) | (fixed[uu] == tt), np.inf, 0.0)
        ch = np.flatnonzero(upper != self.upper)
        if ch.size:
            h.changeColsBounds(ch.size, ch.astype(np.int32), np.zeros(ch.size), upper[ch])
            self.upper = upper
        sol = highs.solve(h)
        if not sol.optimal:
            return _transport_lp(C, self.p, self.lo, self.hi, fixed, k)
        xv = sol.x[:self.npair]
        return _largest_fraction(xv, uu, tt, n), float((cpair * xv).sum() * cmax)

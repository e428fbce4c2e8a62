"""One door to the HiGHS solver (``highspy``): model set-up, options, and one status check.

Every LP and MILP of the core goes through here:

- :func:`new` makes a solver with the output off and the options given (threads, time limit,
  gaps, node limit, seed, ...);
- :func:`pass_model` hands it a model written column-wise (the same call for an LP and a
  MILP), and raises :class:`SolverError` when HiGHS rejects the model;
- :func:`solve` runs it and returns a :class:`Solution` whose ``x`` is ``None`` whenever HiGHS
  has no usable solution (``status`` then says why); :meth:`Solution.require` turns that into
  a :class:`SolverError` naming the problem, for the callers that cannot go on without one.

Works with highspy 1.11 (the pinned version) and the later ones (1.12 .. 1.16): the solution
is judged by HiGHS's own ``primal_solution_status`` and a starting solution is handed over
by column values, the two places where the versions differ.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

__all__ = ["SolverError", "Solution", "new", "pass_model", "set_start", "solve"]

#: HiGHS's ``primal_solution_status`` of a feasible point (kSolutionStatusFeasible)
_FEASIBLE = 2


class SolverError(RuntimeError):
    """HiGHS rejected a model or returned no usable solution where one is needed."""


@dataclass
class Solution:
    status: str                     # "optimal", "infeasible", "unbounded", "time_limit", "node_limit", ...
    x: Optional[np.ndarray]         # column values, None when HiGHS has no usable solution
    obj: Optional[float]            # objective value of ``x`` (None without ``x``)
    optimal: bool                   # solved to optimality (within the gaps asked for)
    mip_bound: float = float("nan")  # dual bound of a MILP (nan for an LP)
    mip_gap: float = float("nan")

    def require(self, what: str) -> "Solution":
        """``self`` when it holds a solution; else a :class:`SolverError` naming ``what``."""
        if self.x is None:
            raise SolverError(f"{what}: the solver returned no usable solution (status: {self.status})")
        return self


def new(**options):
    """A HiGHS instance with the output off and ``options`` set (``threads``, ``time_limit``,
    ``mip_rel_gap``, ``mip_max_nodes``, ``random_seed``, ``solver``, ...; None = HiGHS's default).
    Returns ``(h, highspy)``."""
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key, value in options.items():
        if value is not None:
            h.setOptionValue(key, value)
    return h, highspy


def pass_model(h, hp, cost, col_lo, col_hi, row_lo, row_hi, start, index, value, integer=None):
    """Minimise ``cost . x`` st ``row_lo <= A x <= row_hi``, ``col_lo <= x <= col_hi``, with A
    column-wise: ``start`` (n_col + 1 pointers, or n_col), ``index`` (row indices), ``value``;
    ``integer``: optional boolean mask of the integer columns. The arrays go to HiGHS without
    a copy into a ``HighsLp``."""
    f64 = np.float64
    cost = np.ascontiguousarray(cost, dtype=f64)
    n_col = cost.size
    start = np.asarray(start)
    integrality = (np.zeros(n_col, dtype=np.int32) if integer is None
                   else np.ascontiguousarray(np.asarray(integer, dtype=bool), dtype=np.int32))
    st = h.passModel(int(n_col), int(len(row_lo)), int(len(index)), int(hp.MatrixFormat.kColwise),
                     int(hp.ObjSense.kMinimize), 0.0, cost, np.ascontiguousarray(col_lo, dtype=f64),
                     np.ascontiguousarray(col_hi, dtype=f64), np.ascontiguousarray(row_lo, dtype=f64),
                     np.ascontiguousarray(row_hi, dtype=f64), np.ascontiguousarray(start[:n_col], dtype=np.int32),
                     np.ascontiguousarray(index, dtype=np.int32), np.ascontiguousarray(value, dtype=f64),
                     integrality)
    if st == hp.HighsStatus.kError:
        raise SolverError(f"the solver rejected a model of {n_col} columns and {len(row_lo)} rows")


def set_start(h, x0) -> bool:
    """Hand HiGHS a starting solution (column values). -> whether it was accepted."""
    x0 = np.ascontiguousarray(x0, dtype=np.float64)
    try:
        h.setSolution(int(x0.size), np.arange(x0.size, dtype=np.int32), x0)
        return True
    except (TypeError, AttributeError):     # a highspy without the sparse form
        pass
    import highspy
    start = highspy.HighsSolution()
    start.col_value = x0.tolist()
    start.value_valid = True
    h.setSolution(start)
    return True


_STATUS = {
    "kOptimal": "optimal", "kInfeasible": "infeasible", "kUnbounded": "unbounded",
    "kUnboundedOrInfeasible": "infeasible or unbounded", "kTimeLimit": "time_limit",
    "kIterationLimit": "iteration_limit", "kSolutionLimit": "solution_limit", "kInterrupt": "interrupted",
    "kObjectiveBound": "objective_bound", "kObjectiveTarget": "objective_target",
}


def _status_name(hp, ms) -> str:
    for key, name in _STATUS.items():
        if ms == getattr(hp.HighsModelStatus, key, None):
            return name
    text = str(ms).split(".")[-1]
    return "node_limit" if "Node" in text or "node" in text else text


def _option(h, name):
    """An option's value (highspy returns it bare, some versions as (status, value))."""
    got = h.getOptionValue(name)
    return got[-1] if isinstance(got, tuple) else got


def solve(h, run: bool = True) -> Solution:
    """Run HiGHS (unless ``run`` is False: the model was run already) and read the outcome. An
    optimal status gives the solution; any other gives the best feasible point HiGHS holds (a
    MILP stopped by a limit), else ``x = None``."""
    import highspy as hp
    if run:
        st = h.run()
        if st == hp.HighsStatus.kError and h.getModelStatus() == hp.HighsModelStatus.kNotset \
                and _option(h, "threads") not in (0, None):
            # highspy >= 1.12 refuses to run with a thread count other than the one HiGHS's
            # global scheduler was first started with (1.11 ran on that scheduler): run the
            # same way 1.11 did, on the scheduler already there
            h.setOptionValue("threads", 0)
            h.run()
    ms = h.getModelStatus()
    info = h.getInfo()
    optimal = ms == hp.HighsModelStatus.kOptimal
    usable = optimal or int(info.primal_solution_status) == _FEASIBLE
    x = np.asarray(h.getSolution().col_value) if usable else None
    if x is not None and x.size == 0 and h.getNumCol() > 0:
        x = None
    obj = float(info.objective_function_value) if x is not None else None
    mip_bound = float(getattr(info, "mip_dual_bound", float("nan")))
    mip_gap = float(getattr(info, "mip_gap", float("nan")))
    return Solution(status=_status_name(hp, ms), x=x, obj=obj, optimal=bool(optimal),
                    mip_bound=mip_bound, mip_gap=mip_gap)

"""Tests of core.highs: the one door to HiGHS (model set-up, options, status check)."""
import numpy as np
import pytest

from optima.optima_plugin.core import highs


def _knapsack(h, hp, integer=True):
    """min -x0 - 2 x1 - 3 x2  st  x0 + x1 + x2 <= 2, 0 <= x <= 1 (integer: optimum -5 at 0,1,1)."""
    highs.pass_model(h, hp, [-1.0, -2.0, -3.0], np.zeros(3), np.ones(3), [-np.inf], [2.0],
                     [0, 1, 2, 3], [0, 0, 0], [1.0, 1.0, 1.0], np.ones(3, dtype=bool) if integer else None)


def test_lp_and_milp_solved():
    h, hp = highs.new()
    _knapsack(h, hp, integer=False)
    sol = highs.solve(h)
    assert sol.optimal and sol.status == "optimal"
    assert np.allclose(sol.x, [0, 1, 1]) and sol.obj == pytest.approx(-5.0)
    h, hp = highs.new(mip_rel_gap=0.0, random_seed=0)
    _knapsack(h, hp)
    sol = highs.solve(h)
    assert sol.optimal and np.allclose(sol.x, [0, 1, 1]) and sol.mip_bound == pytest.approx(-5.0)


def test_no_solution_is_flagged_and_required_raises():
    h, hp = highs.new()
    # x0 >= 3 with x0 <= 1: infeasible
    highs.pass_model(h, hp, [1.0], [0.0], [1.0], [3.0], [np.inf], [0, 1], [0], [1.0])
    sol = highs.solve(h)
    assert sol.x is None and sol.obj is None and not sol.optimal
    assert sol.status == "infeasible"
    with pytest.raises(highs.SolverError, match="site choice.*no usable solution.*infeasible"):
        sol.require("site choice")


def test_rejected_model_raises():
    h, hp = highs.new()
    with pytest.raises(highs.SolverError, match="rejected"):
        # a row index beyond the one row
        highs.pass_model(h, hp, [1.0], [0.0], [1.0], [0.0], [1.0], [0, 1], [5], [1.0])


def test_one_thread_after_the_scheduler_started():
    """highspy >= 1.12 refuses a run with ``threads`` other than the count HiGHS's global
    scheduler started with (a silent 'no solution' before the adapter ran it as 1.11 did)."""
    h, hp = highs.new()
    _knapsack(h, hp)
    assert highs.solve(h).optimal                  # the scheduler starts with the default count
    h, hp = highs.new(threads=1, mip_max_nodes=100, random_seed=0)
    _knapsack(h, hp)
    assert highs.set_start(h, [1.0, 1.0, 0.0])     # a feasible start
    sol = highs.solve(h)
    assert sol.x is not None and np.allclose(sol.x, [0, 1, 1])


def test_time_limited_milp_keeps_its_best_point():
    """A MILP stopped before optimality returns the feasible point it holds (flagged not optimal)
    or none; never a point that breaks the rows."""
    rng = np.random.default_rng(0)
    n = 60
    w = rng.integers(10, 100, n).astype(float)
    v = w + rng.integers(0, 10, n)
    h, hp = highs.new(time_limit=0.001, random_seed=0)
    highs.pass_model(h, hp, -v, np.zeros(n), np.ones(n), [-np.inf], [w.sum() / 2], [0] + list(range(1, n + 1)),
                     np.zeros(n, dtype=int), w, np.ones(n, dtype=bool))
    highs.set_start(h, np.zeros(n))
    sol = highs.solve(h)
    if sol.x is not None:
        assert float(w @ sol.x) <= w.sum() / 2 + 1e-6
    if not sol.optimal:
        assert sol.status != "optimal"

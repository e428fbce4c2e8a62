"""core.scenarios: cost model, Pareto marking, scenario table, territory matching, chart."""
import math

import numpy as np
import pytest

from optima.optima_plugin.core import scenarios as sc
from optima.optima_plugin.core.errors import InputError


# ------------------------------------------------------------------ cost model
def test_default_cost_per_minute_arithmetic():
    # 0.5 trip / inhabitant / year x 2 (round trip) x 12 EUR/h / 60
    assert sc.cost_per_minute_inhabitant() == pytest.approx(0.2)
    assert sc.DEFAULT_COST_PER_MINUTE_INHABITANT == pytest.approx(0.5 * 2 * 12 / 60)
    assert sc.cost_per_minute_inhabitant(1.0, 15.0, round_trip=False) == pytest.approx(0.25)
    assert sc.DEFAULT_FIXED_COST_PER_OFFICE == 150_000


def test_cost_model_hand_case():
    m = sc.CostModel(fixed_cost_per_office=100_000, cost_per_minute_inhabitant=0.5)
    # 3 offices; communes 1000 inh at 10 min + 500 inh at 4 min + 200 unreachable
    im, n_unr = sc.inhabitant_minutes([1000, 500, 200], [10, 4, np.nan])
    assert im == 12_000 and n_unr == 1
    c = m.costs(3, im)
    assert c == {"cost_fixed": 300_000.0, "cost_travel": 6_000.0, "cost_total": 306_000.0}


def test_cost_model_refuses_negative():
    with pytest.raises(InputError):
        sc.CostModel(fixed_cost_per_office=-1)
    with pytest.raises(InputError):
        sc.CostModel(cost_per_minute_inhabitant=float("nan"))


# ------------------------------------------------------------------ Pareto
def test_pareto_hand_case():
    # (cost, time): A(1,10) B(2,5) C(3,5) D(2,8) E(4,1)
    X = [[1, 10], [2, 5], [3, 5], [2, 8], [4, 1]]
    assert sc.pareto_mask(X, ["min", "min"]).tolist() == [True, True, False, False, True]


def test_pareto_ties_and_nan():
    # two identical scenarios both stay; a NaN row is off the front and dominates nobody
    X = [[1, 5], [1, 5], [0.5, np.nan], [1, 6]]
    assert sc.pareto_mask(X, ["min", "min"]).tolist() == [True, True, False, False]
    # equal cost, better time dominates (at least as good on both, strictly on one)
    assert sc.pareto_mask([[1, 5], [1, 4]], ["min", "min"]).tolist() == [False, True]


def test_pareto_max_sense():
    # (cost, pct within): higher pct is better
    X = [[1, 60], [2, 80], [3, 70], [2, 80]]
    assert sc.pareto_mask(X, ["min", "max"]).tolist() == [True, True, False, True]


def test_pareto_bad_sense():
    with pytest.raises(InputError):
        sc.pareto_mask([[1, 2]], ["min", "low"])


# ------------------------------------------------------------------ lists, grid, table
def test_parse_number_list():
    assert sc.parse_number_list("4, 6;8 10", "N", integer=True, minimum=1) == [4, 6, 8, 10]
    assert sc.parse_number_list("4-10:2,4", "N", integer=True) == [4, 6, 8, 10]
    assert sc.parse_number_list("10%,5.5", "tol") == [10.0, 5.5]
    for bad in ("", "4,x", "4.5"):
        with pytest.raises(InputError):
            sc.parse_number_list(bad, "N", integer=True)
    with pytest.raises(InputError):
        sc.parse_number_list("0,3", "N", integer=True, minimum=1)


def test_grid_is_the_cartesian_product():
    g = sc.scenario_grid([4, 6], [5, 10], [True, False], ["p_median"])
    assert len(g) == 8
    assert len({r["scenario"] for r in g}) == 8
    assert g[0]["scenario"] == "N4-tol5-whole-pmedian"
    assert [r["n_territories"] for r in g[:2]] == [4, 6]


def test_scenario_table_costs_and_pareto():
    m = sc.CostModel(100.0, 1.0)
    rows = [
        {"scenario": "a", "n_territories": 2, "n_offices": 2, "inhab_min": 1000.0, "time_mean": 10.0},
        {"scenario": "b", "n_territories": 4, "n_offices": 4, "inhab_min": 500.0, "time_mean": 5.0},
        {"scenario": "c", "n_territories": 6, "n_offices": 6, "inhab_min": 600.0, "time_mean": 6.0},
        {"scenario": "d", "n_territories": 8, "status": "failed: no"},
    ]
    t = sc.scenario_table(rows, m)
    assert list(t.columns) == sc.TABLE_COLUMNS
    assert t["cost_total"].tolist()[:3] == [1200.0, 900.0, 1200.0]
    assert math.isnan(t["cost_total"].iloc[3])
    # b dominates a (cheaper, faster) and c; d failed
    assert t["pareto"].tolist() == [0, 1, 0, 0]
    assert t["status"].tolist()[:3] == ["ok"] * 3
    assert sc.find_scenario(t, "B") == 1 and sc.find_scenario(t, "3") == 2
    with pytest.raises(InputError):
        sc.find_scenario(t, "zz")


# ------------------------------------------------------------------ changes
def test_renumbered_territories_do_not_change():
    ref = ["1", "1", "2", "2", "3"]
    new = [7, 7, 5, 5, 9]
    ch, pairs = sc.changed_communes(ref, new)
    assert ch.tolist() == [0, 0, 0, 0, 0]
    assert pairs == {"1": "7", "2": "5", "3": "9"}


def test_one_commune_moves():
    ref = ["A", "A", "A", "B", "B", "B"]
    new = [2, 2, 1, 1, 1, 1]  # commune 3 moved from A to B's successor
    ch, pairs = sc.changed_communes(ref, new)
    assert pairs == {"A": "2", "B": "1"}
    assert ch.tolist() == [0, 0, 1, 0, 0, 0]
    assert sc.change_summary(ref, new, population=[1, 2, 30, 4, 5, 6]) == (1, 30.0)


def test_one_to_one_vs_majority_on_a_merge():
    # 3 reference territories merged into 2: one-to-one leaves one reference unmatched
    ref = ["a", "a", "b", "b", "c", "c", "c"]
    new = [1, 1, 1, 1, 2, 2, 2]
    ch1, p1 = sc.changed_communes(ref, new, mode="one_to_one")
    assert p1["c"] == "2" and len(p1) == 2
    assert int(ch1.sum()) == 2  # a or b (2 communes each) is unmatched
    chm, pm = sc.changed_communes(ref, new, mode="majority")
    assert pm == {"a": "1", "b": "1", "c": "2"}
    assert chm.tolist() == [0] * 7  # a pure merge changes nobody


def test_one_to_one_is_optimal_not_greedy():
    # greedy on the largest cell (a-1: 3) would force b-2 (1) = 4 in total; optimum a-2 + b-1 = 2 + 3 = 5
    ref = ["a"] * 5 + ["b"] * 3
    new = [1, 1, 1, 2, 2] + [1, 1, 1]
    M, ra, na = sc.overlap_matrix(ref, new)
    assert M.tolist() == [[3, 2], [3, 0]]
    pairs = sc.match_territories(ref, new)
    assert pairs == {"a": "2", "b": "1"}
    ch, _ = sc.changed_communes(ref, new)
    assert int(ch.sum()) == 3


def test_missing_labels_not_comparable():
    ch, _ = sc.changed_communes(["a", None, "b", "a"], [1, 1, 2, float("nan")])
    assert ch.tolist() == [0, -1, 0, -1]
    with pytest.raises(InputError):
        sc.changed_communes(["a"], [1, 2])
    with pytest.raises(InputError):
        sc.match_territories(["a"], [1], mode="hungarian")


def test_integer_like_floats_match_text():
    ch, pairs = sc.changed_communes([1.0, 2.0], ["1", "2"])
    assert pairs == {"1": "1", "2": "2"} and ch.tolist() == [0, 0]


# ------------------------------------------------------------------ chart
def test_chart_png(tmp_path):
    t = sc.scenario_table([
        {"scenario": "N2", "n_territories": 2, "balance_tol": 10, "keep_whole": 0, "problem": "p_median",
         "n_offices": 2, "inhab_min": 1000.0, "time_mean": 10.0},
        {"scenario": "N3", "n_territories": 3, "balance_tol": 10, "keep_whole": 0, "problem": "p_median",
         "n_offices": 3, "inhab_min": 400.0, "time_mean": 4.0},
    ], sc.CostModel(100.0, 1.0))
    assert sc.short_labels(t) == ["N=2", "N=3"]
    p = sc.tradeoff_chart(t, str(tmp_path / "c.png"), title="t")
    data = open(p, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    t2 = t.copy()
    t2["cost_total"] = np.nan
    assert sc.tradeoff_chart(t2, str(tmp_path / "d.png")) is None

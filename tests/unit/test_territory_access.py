"""The science of territory_indicators outside QGIS: sites to territories, the site a commune
names, places off the roads, the commune / territory / site tables; and the unreachable demand
of locate_service_sites. Every figure is computed by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from shapely.geometry import box

from optima.optima_plugin.core import territory_access as ta
from optima.optima_plugin.core.location import unreachable_demand

INF = np.inf
# four 1 km squares in a row: territories A A B B; site 0 in commune 0, site 1 in commune 3
GEOMS = [box(1000 * i, 0, 1000 * (i + 1), 1000) for i in range(4)]
TERR = ["A", "A", "B", "B"]
POP = [100.0, 300.0, 200.0, 400.0]
T = np.array([[0.0, 30.0], [10.0, 20.0], [25.0, 5.0], [30.0, 0.0]])


def test_duplicated_keys():
    assert ta.duplicated_keys(["s1", "s2", None, "s1", None, "s3", "s2"]) == ["s1", "s2"]
    assert ta.duplicated_keys(["a", "b"]) == []


def test_site_territories_from_communes_and_given_field():
    st = ta.site_territories(TERR, [0, 3])
    assert st.territory == ["A", "B"] and st.n_fallback == 0 and st.stray == []
    st = ta.site_territories(TERR, [0, 3], given=[None, "C"])
    assert st.territory == ["A", "C"]
    assert st.n_fallback == 1 and st.stray == ["C"]
    # 31.0 in the site layer is territory 31 of the communes: no stray
    st = ta.site_territories([31, 31, 32], [2], given=[31.0])
    assert st.territory == [31.0] and st.stray == []


def test_named_sites():
    chosen, unknown = ta.named_sites(["s1", None, "zz", "s0", " "], ["s0", "s1", "s0"])
    assert chosen.tolist() == [1, -1, -1, 0, -1]
    assert unknown == [(2, "zz")]


def test_drop_far_places():
    out = ta.drop_far_places(np.array([[1.0, 2.0], [3.0, 4.0]]), [1, 2], 2)  # commune 1, site 0
    assert out.tolist() == [[INF, 2.0], [INF, INF]]
    same = ta.drop_far_places(np.array([[1.0, 2.0]]), [], 1)
    assert same.tolist() == [[1.0, 2.0]]


def test_access_tables_by_hand():
    tables = ta.access_tables(TERR, POP, GEOMS, T, T * 1000.0, ["s0", "s1"], ["A", "B"], [2.0, 3.0], 15.0,
                              territory_names=["", "Alpha", None, "Beta"], site_outside_m=[0.0, 250.0])
    c, t, s = tables.communes, tables.territories, tables.sites
    # each commune is served by the fastest site of its territory
    assert c["site_id"].tolist() == ["s0", "s0", "s1", "s1"]
    assert c["time_min"].tolist() == [0.0, 10.0, 5.0, 0.0]
    assert c["dist_km"].tolist() == [0.0, 10.0, 5.0, 0.0]
    assert c["site_outside"].tolist() == [0, 0, 0, 0]
    assert c["territory"].tolist() == TERR
    # 2SFCA: each site has 400 / 600 inhabitants within 15 min: 2/400 = 3/600 = 5 per 1000
    assert c["access_2sfca"].tolist() == pytest.approx([5.0, 5.0, 5.0, 5.0])
    assert tables.n_unreachable == 0
    # territories: first non-empty name, one site each, integer populations
    assert t["territory"].tolist() == ["A", "B"]
    assert t["name"].tolist() == ["Alpha", "Beta"]
    assert t["n_sites"].tolist() == [1, 1]
    assert t["pop"].tolist() == [400, 600] and t["pop"].dtype == np.int64
    # sites: load and population-weighted mean time of the communes served
    assert s["n_communes"].tolist() == [2, 2]
    assert s["pop_served"].tolist() == [400, 600] and s["pop_served"].dtype == np.int64
    assert s["time_mean"].tolist() == pytest.approx([(300 * 10) / 400, (200 * 5) / 600])
    assert s["ratio_per_1000"].tolist() == pytest.approx([5.0, 5.0])
    assert math.isnan(s["outside_communes_m"][0]) and s["outside_communes_m"][1] == 250.0
    assert tables.overall["mean_time"] == pytest.approx((300 * 10 + 200 * 5) / 1000)


def test_access_tables_named_site_and_unreachable():
    times = T.copy()
    times[3, :] = INF  # commune 3 off the roads
    chosen = np.array([-1, 1, -1, -1])  # commune 1 names site s1, in territory B
    tables = ta.access_tables(TERR, [100.0, 300.5, 200.0, 400.0], GEOMS, times, times * 1000.0, ["s0", "s1"],
                              ["A", "B"], [1.0, 1.0], 15.0, chosen=chosen)
    c, s = tables.communes, tables.sites
    assert c["site_id"].tolist() == ["s0", "s1", "s1", None]
    assert c["time_min"].tolist()[:3] == [0.0, 20.0, 5.0]
    assert c["site_outside"].tolist() == [0, 1, 0, 0]
    assert c["unreachable"].tolist() == [0, 0, 0, 1] and tables.n_unreachable == 1
    assert math.isnan(c["dist_km"][3])
    # populations not all integers: kept as floats
    assert s["pop_served"].tolist() == [100.0, 500.5]
    assert s["time_mean"].tolist() == pytest.approx([0.0, (300.5 * 20 + 200 * 5) / 500.5])
    assert tables.territories["name"].tolist() == [None, None]


def test_site_load_serving_nobody():
    s = ta.site_load(np.array([[5.0, 50.0]]), [10.0], [1.0, 4.0], 15.0, [0], [5.0], ["a", "b"], ["X", "X"])
    assert s["n_communes"].tolist() == [1, 0]
    assert s["pop_served"].tolist() == [10, 0]
    assert s["time_mean"][0] == 5.0 and math.isnan(s["time_mean"][1])
    assert s["ratio_per_1000"].tolist() == pytest.approx([100.0, 0.0])


@pytest.mark.parametrize("form", ["dense", "sparse", "long"])
def test_unreachable_demand_every_cost_form(form):
    D = np.array([[1.0, INF], [INF, INF], [20.0, 3.0]])
    if form == "dense":
        costs = D
    elif form == "sparse":
        costs = sp.csr_matrix(np.where(np.isfinite(D), D, 0.0))
        costs.eliminate_zeros()
    else:
        i, j = np.nonzero(np.isfinite(D))
        costs = (i, j, D[i, j], D.shape)
    w = [1.0, 1.0, 0.0]
    assert unreachable_demand(costs, w).tolist() == [1]
    assert unreachable_demand(costs, [1.0, 1.0, 1.0]).tolist() == [1]
    assert unreachable_demand(costs, w, limit=0.5).tolist() == [0, 1]
    assert unreachable_demand(costs, [1.0, 1.0, 1.0], limit=2.0).tolist() == [1, 2]
    assert unreachable_demand(costs, [1.0, 1.0, 1.0], limit=3.0).tolist() == [1]
    # groups: demand 0 may only use candidate 1 (its group), which it cannot reach
    assert unreachable_demand(costs, [1.0, 1.0, 1.0], demand_groups=[0, 0, 1],
                              candidate_groups=[1, 0]).tolist() == [0, 1]

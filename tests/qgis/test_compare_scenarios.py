"""optima:compare_scenarios through processing.run."""
import itertools

import pytest
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsProcessingException, QgsRectangle, QgsVectorLayer

ALG = "optima:compare_scenarios"


def _grid_layer(n=6):
    """n x n grid of 1 km squares; uneven populations; 'today' = the left / right halves."""
    lyr = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string&field=population:double&field=grp:string"
                         "&field=today:string", "grid", "memory")
    feats = []
    for r in range(n):
        for c in range(n):
            i = r * n + c
            f = QgsFeature(lyr.fields())
            f.setAttributes([f"C{i:03d}", float(100 + (i * 37) % 400), f"G{(r // 2) * 10 + c // 2}",
                             "W" if c < n // 2 else "E"])
            f.setGeometry(QgsGeometry.fromRect(QgsRectangle(c * 1000, r * 1000, (c + 1) * 1000, (r + 1) * 1000)))
            feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def _rows(path):
    lyr = QgsVectorLayer(str(path), "t", "ogr")
    assert lyr.isValid(), path
    return [{k: f[k] for k in lyr.fields().names()} for f in lyr.getFeatures()]


def test_grid_table_matches_one_by_one(run_alg, tmp_path):
    lyr = _grid_layer()
    res = run_alg(ALG, {
        "INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2,3,4",
        "BALANCE_TOLERANCES": "15", "EXISTING_FIELD": "today", "SEED": 3, "THRESHOLD_MIN": 2,
        "FIXED_COST_PER_OFFICE": 1000, "COST_PER_MINUTE_INHABITANT": 0.5,
        "OUTPUT": str(tmp_path / "table.gpkg"), "OUTPUT_CHART": str(tmp_path / "chart.png"),
        "OUTPUT_CHANGES": str(tmp_path / "changes.gpkg"), "OUTPUT_LAYERS_FOLDER": str(tmp_path / "layers")})
    rows = _rows(tmp_path / "table.gpkg")
    assert res["N_SCENARIOS"] == 3 and len(rows) == 3
    assert [r["n_territories"] for r in rows] == [2, 3, 4]
    assert all(r["status"] == "ok" and r["n_offices"] == r["n_territories"] for r in rows)
    for r in rows:  # cost model arithmetic on the row
        assert r["cost_fixed"] == pytest.approx(1000 * r["n_offices"])
        assert r["cost_travel"] == pytest.approx(0.5 * r["inhab_min"])
        assert r["cost_total"] == pytest.approx(r["cost_fixed"] + r["cost_travel"])
        assert r["inhab_min"] == pytest.approx(r["time_mean"] * sum(100 + (i * 37) % 400 for i in range(36)))
        assert r["time_mean"] <= r["time_p90"] + 1e-9 <= r["time_max"] + 2e-9
    # more offices, shorter trips
    assert rows[0]["time_mean"] > rows[2]["time_mean"]
    # Pareto: no marked row is dominated by another row, and every unmarked one is
    def dom(a, b):
        return (a["cost_total"] <= b["cost_total"] and a["time_mean"] <= b["time_mean"]
                and (a["cost_total"] < b["cost_total"] or a["time_mean"] < b["time_mean"]))
    for r in rows:
        assert r["pareto"] == int(not any(dom(o, r) for o in rows if o is not r))
    assert res["LOWEST_COST_SCENARIO"] == min(rows, key=lambda r: r["cost_total"])["scenario"]

    # the N=3 row is exactly what the three algorithms give one by one with the same seed
    c = run_alg("optima:cluster_territories", {
        "INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "population", "N_TERRITORIES": 3,
        "BALANCE_TOLERANCE": 15, "SEED": 3, "OUTPUT_COMMUNES": str(tmp_path / "c3.gpkg"),
        "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})
    s = run_alg("optima:locate_service_sites", {
        "DEMAND": str(tmp_path / "c3.gpkg"), "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "population",
        "TERRITORY_FIELD": "territory", "N_SITES": 1, "PROBLEM": 0, "METHOD": 2, "SEED": 3,
        "OUTPUT_SITES": str(tmp_path / "s3.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a3.gpkg"),
        "OUTPUT_LINES": "TEMPORARY_OUTPUT"})
    i = run_alg("optima:territory_indicators", {
        "COMMUNES": str(tmp_path / "a3.gpkg"), "TERRITORY_FIELD": "territory", "POPULATION_FIELD": "population",
        "SITES": str(tmp_path / "s3.gpkg"), "SITE_ID_FIELD": "site_id", "THRESHOLD_MIN": 2,
        "OUTPUT_COMMUNES": str(tmp_path / "i3.gpkg"), "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})
    r3 = rows[1]
    assert r3["objective"] == pytest.approx(s["OBJECTIVE"], rel=1e-9)
    assert r3["time_mean"] == pytest.approx(i["MEAN_TIME"], rel=1e-9)
    assert r3["time_max"] == pytest.approx(i["MAX_TIME"], rel=1e-9)
    assert r3["pct_pop_within"] == pytest.approx(i["COVERAGE_PCT"], rel=1e-9)
    assert r3["gini_time"] == pytest.approx(i["GINI_TIME"], rel=1e-6)
    assert r3["max_dev_pct"] == pytest.approx(c["MAX_DEVIATION_PCT"], rel=1e-9)
    assert s["N_OPEN"] == 3
    # the per-scenario GeoPackage holds the same communes, territories and sites
    gpkg = tmp_path / "layers" / f"{r3['scenario']}.gpkg"
    one = {f["code"]: f["territory"] for f in QgsVectorLayer(str(tmp_path / "i3.gpkg")).getFeatures()}
    scen = {f["code"]: f["territory"] for f in QgsVectorLayer(f"{gpkg}|layername=communes").getFeatures()}
    assert scen == one and len(scen) == 36
    assert QgsVectorLayer(f"{gpkg}|layername=territories").featureCount() == 3
    assert QgsVectorLayer(f"{gpkg}|layername=sites").featureCount() == 3

    # change map: first scenario (N=2) against today's W/E halves, counted as in the table
    ch = _rows(tmp_path / "changes.gpkg")
    assert len(ch) == 36 and {"code", "population", "today"} <= set(ch[0])
    assert all(f["territory_b"] == f["today"] for f in ch)
    assert sum(f["changed"] for f in ch) == rows[0]["n_changed"]
    assert sum(f["population"] for f in ch if f["changed"]) == pytest.approx(rows[0]["pop_changed"])
    # brute force: the one-to-one matching of today's W/E with the 2 new territories of largest overlap
    overlap = {}
    for f in ch:
        overlap[(f["today"], f["territory_a"])] = overlap.get((f["today"], f["territory_a"]), 0) + 1
    new_labels = sorted({f["territory_a"] for f in ch})
    best = max(itertools.permutations(new_labels, 2),
               key=lambda p: overlap.get(("W", p[0]), 0) + overlap.get(("E", p[1]), 0))
    assert rows[0]["n_changed"] == 36 - overlap.get(("W", best[0]), 0) - overlap.get(("E", best[1]), 0)
    assert all(f["changed"] == int((f["today"], f["territory_a"]) not in {("W", best[0]), ("E", best[1])})
               for f in ch)
    png = open(tmp_path / "chart.png", "rb").read()
    assert png[:4] == b"\x89PNG" and len(png) > 5000


def test_variants_keep_whole_and_problems(run_alg, tmp_path):
    lyr = _grid_layer()
    run_alg(ALG, {
        "INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "3",
        "KEEP_WHOLE_FIELD": "grp", "PROBLEMS": "0,1", "PARETO_AXES": 1,
        "CHANGE_A": "N3-tol10-whole-pcenter", "CHANGE_B": "N3-tol10-whole-pmedian",
        "OUTPUT": str(tmp_path / "t.gpkg"), "OUTPUT_CHART": str(tmp_path / "c.png"),
        "OUTPUT_CHANGES": str(tmp_path / "ch.gpkg")})
    rows = _rows(tmp_path / "t.gpkg")
    # automatic keep-whole options: both whole and free, for both problems
    assert sorted((r["keep_whole"], r["problem"]) for r in rows) == [
        (0, "p_center"), (0, "p_median"), (1, "p_center"), (1, "p_median")]
    by = {(r["keep_whole"], r["problem"]): r for r in rows}
    for kw in (0, 1):  # same territories: p-center never has a worse worst trip, p-median a worse mean
        assert by[(kw, "p_center")]["time_max"] <= by[(kw, "p_median")]["time_max"] + 1e-9
        assert by[(kw, "p_median")]["time_mean"] <= by[(kw, "p_center")]["time_mean"] + 1e-9
    # same clustering for both problems of a family: the change map between them changes nobody
    assert sum(f["changed"] for f in _rows(tmp_path / "ch.gpkg")) == 0
    assert all(r["n_changed"] == NULL for r in rows)  # no EXISTING_FIELD


def test_bad_lists_are_clear(run_alg):
    lyr = _grid_layer(3)
    with pytest.raises(QgsProcessingException) as e:
        run_alg(ALG, {"INPUT": lyr, "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2,x",
                      "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "N_TERRITORIES_LIST" in str(e.value)
    with pytest.raises(QgsProcessingException) as e:
        run_alg(ALG, {"INPUT": lyr, "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2,12",
                      "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "12" in str(e.value)
    with pytest.raises(QgsProcessingException) as e:
        run_alg(ALG, {"INPUT": lyr, "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2",
                      "KEEP_WHOLE_OPTIONS": [1], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "KEEP_WHOLE_FIELD" in str(e.value)


def test_cancel_between_scenarios(run_alg):
    from qgis.core import QgsProcessingFeedback

    class CancelAtSecond(QgsProcessingFeedback):
        log = []

        def pushInfo(self, info):  # noqa: N802
            if "Scenario 2/" in info:
                self.cancel()
            super().pushInfo(info)

    with pytest.raises(QgsProcessingException) as e:
        run_alg(ALG, {"INPUT": _grid_layer(4), "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2,3,4",
                      "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=CancelAtSecond())
    assert "Cancel" in str(e.value)


def test_haute_garonne_4_8(run_alg, tmp_path, communes_31_path):
    # (how long it takes depends on the machine and its load: never asserted here)
    res = run_alg(ALG, {
        "INPUT": str(communes_31_path), "ID_FIELD": "insee", "POPULATION_FIELD": "population",
        "N_TERRITORIES_LIST": "4,8", "EXISTING_FIELD": "epci_siren", "OUTPUT": str(tmp_path / "t.gpkg"),
        "OUTPUT_CHART": str(tmp_path / "c.png"), "OUTPUT_CHANGES": str(tmp_path / "ch.gpkg")})
    rows = _rows(tmp_path / "t.gpkg")
    assert [r["n_territories"] for r in rows] == [4, 8]
    assert all(r["status"] == "ok" and r["n_offices"] == r["n_territories"] for r in rows)
    assert all(r["n_unreachable"] == 0 for r in rows)
    total_pop = 1471468
    for r in rows:
        assert r["inhab_min"] == pytest.approx(r["time_mean"] * total_pop, rel=1e-6)
        assert 0 < r["n_changed"] < 586
    assert rows[1]["time_mean"] < rows[0]["time_mean"]
    assert rows[1]["pct_pop_within"] > rows[0]["pct_pop_within"]
    assert len(_rows(tmp_path / "ch.gpkg")) == 586
    assert res["LOWEST_COST_SCENARIO"] in {r["scenario"] for r in rows}


def test_failed_scenario_is_a_row_not_a_crash(run_alg, tmp_path):
    # 9 groups of 4 communes kept whole: 12 territories cannot be made, 3 can
    res = run_alg(ALG, {"INPUT": _grid_layer(), "ID_FIELD": "code", "POPULATION_FIELD": "population",
                        "N_TERRITORIES_LIST": "3,12", "KEEP_WHOLE_FIELD": "grp", "KEEP_WHOLE_OPTIONS": [1],
                        "OUTPUT": str(tmp_path / "t.gpkg"), "OUTPUT_CHART": str(tmp_path / "c.png"),
                        "OUTPUT_CHANGES": "TEMPORARY_OUTPUT"})
    rows = _rows(tmp_path / "t.gpkg")
    assert [r["status"] == "ok" for r in rows] == [True, False]
    assert rows[1]["status"].startswith("failed") and rows[1]["cost_total"] == NULL and rows[1]["pareto"] == 0
    assert rows[0]["pareto"] == 1
    assert "OUTPUT_CHANGES" not in res  # one scenario left, no existing organisation to compare with
    assert res["LOWEST_COST_SCENARIO"] == rows[0]["scenario"]

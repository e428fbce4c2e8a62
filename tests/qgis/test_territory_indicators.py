"""optima:territory_indicators through processing.run: a hand-built case with times known by hand,
the real EPCI partition of Haute-Garonne with the real France services sites, bad input, styles."""
import gc
import json
import math

import pytest

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_file(name):
    p = SHARED / name
    if not p.exists():
        pytest.skip(f"real data not available: {p}")
    return p


class Feedback:
    """A feedback keeping info AND warnings (the conftest one keeps info and errors)."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _F(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.log = []

            def pushInfo(self, info):  # noqa: N802
                self.log.append(info)

            def pushWarning(self, warning):  # noqa: N802
                self.log.append(warning)

            def reportError(self, error, fatalError=False):  # noqa: N802,N803
                self.log.append(error)
        return _F()


def layer(path):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(str(path), "l", "ogr")
    assert lyr.isValid(), path
    return lyr

ALG = "optima:territory_indicators"
# proxy network: neighbouring square centres 2000 m apart, x 1.3 detour, at 60 km/h -> 2.6 min
HOP = 2000 * 1.3 / 1000 / 60 * 60


def _memory_layers(squares, sites, commune_fields="nom:string&field=terr:string&field=pop:integer"
                   "&field=choice:string", site_fields="code:string&field=cap:double&field=sterr:string"):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer
    c = QgsVectorLayer(f"Polygon?crs=EPSG:2154&field={commune_fields}", "communes", "memory")
    feats = []
    for k, attrs in enumerate(squares):
        f = QgsFeature(c.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 2000, 0, (k + 1) * 2000, 2000)))
        feats.append(f)
    assert c.dataProvider().addFeatures(feats)[0]
    s = QgsVectorLayer(f"Point?crs=EPSG:2154&field={site_fields}", "sites", "memory")
    feats = []
    for x, attrs in sites:
        f = QgsFeature(s.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, 1000)))
        feats.append(f)
    assert s.dataProvider().addFeatures(feats)[0]
    return c, s


# five 2 km squares in a row: A B | C D | E ; S1 in A (capacity 2), S2 in D (capacity 1); E's territory has no site
SQUARES = [("A", "T1", 100, None), ("B", "T1", 300, None), ("C", "T2", 200, None), ("D", "T2", 400, None),
           ("E", "T3", 500, None)]
SITES = [(1000, ("S1", 2.0, None)), (7000, ("S2", 1.0, None))]


def _rows(path_or_layer, key):
    lyr = path_or_layer if hasattr(path_or_layer, "getFeatures") else layer(path_or_layer)
    return {f[key]: {n: f[n] for n in lyr.fields().names()} for f in lyr.getFeatures()}


def _run_small(run_alg, tmp_path, squares=SQUARES, sites=SITES, **extra):
    c, s = _memory_layers(squares, sites)
    params = {"COMMUNES": c, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": s,
              "SITE_ID_FIELD": "code", "CAPACITY_FIELD": "cap", "THRESHOLD_MIN": 2.0,
              "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg"),
              "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_JSON": str(tmp_path / "i.json")}
    params.update(extra)
    return run_alg(ALG, params, feedback=Feedback())


def test_hand_built_case_commune_values(run_alg, tmp_path):
    res = _run_small(run_alg, tmp_path)
    com = _rows(res["OUTPUT_COMMUNES"], "nom")
    assert set(com) == {"A", "B", "C", "D", "E"}
    expect = {  # site, time, within 2 min, rank in territory, served outside its territory
        "A": ("S1", 0.0, 1, 1, 0), "B": ("S1", HOP, 0, 2, 0),
        "C": ("S2", HOP, 0, 2, 0), "D": ("S2", 0.0, 1, 1, 0),
        "E": ("S2", HOP, 0, 1, 1),
    }
    for k, (site, t, within, rank, outside) in expect.items():
        r = com[k]
        assert r["site_id"] == site, k
        assert r["time_min"] == pytest.approx(t, abs=1e-9), k
        assert r["dist_km"] == pytest.approx(t / 60 * 60, abs=1e-9), k   # 60 km/h: km == min
        assert (r["within_threshold"], r["rank_in_territory"], r["site_outside"], r["unreachable"]) == \
            (within, rank, outside, 0), k
        assert r["territory"] == r["terr"]
    # 2SFCA, catchment 2 min: S1 reaches A only (R = 2/100), S2 reaches D only (R = 1/400); per 1000 inhabitants
    assert com["A"]["access_2sfca"] == pytest.approx(20.0)
    assert com["D"]["access_2sfca"] == pytest.approx(2.5)
    assert com["B"]["access_2sfca"] == com["C"]["access_2sfca"] == com["E"]["access_2sfca"] == 0
    assert "T3" in res["_log"] and "no site" in res["_log"]
    assert res["N_SITE_OUTSIDE"] == 1


def test_hand_built_case_territory_and_overall_values(run_alg, tmp_path):
    from optima.optima_plugin.core import indicators as ind
    res = _run_small(run_alg, tmp_path)
    ter = _rows(res["OUTPUT_TERRITORIES"], "territory")
    assert set(ter) == {"T1", "T2", "T3"}
    t1, t2, t3 = ter["T1"], ter["T2"], ter["T3"]
    assert (t1["pop"], t2["pop"], t3["pop"]) == (400, 600, 500)
    assert (t1["n_communes"], t2["n_communes"], t3["n_communes"]) == (2, 2, 1)
    assert (t1["n_sites"], t2["n_sites"], t3["n_sites"]) == (1, 1, 0)
    assert t1["pop_dev_pct"] == pytest.approx(-20) and t2["pop_dev_pct"] == pytest.approx(20)
    assert t3["pop_dev_pct"] == pytest.approx(0)
    assert t1["time_mean"] == pytest.approx(300 * HOP / 400)
    assert t2["time_mean"] == pytest.approx(200 * HOP / 600)
    assert t3["time_mean"] == pytest.approx(HOP)
    assert t1["time_p90"] == pytest.approx(HOP) and t1["time_max"] == pytest.approx(HOP)
    assert t1["pct_pop_within"] == pytest.approx(25.0) and t2["pct_pop_within"] == pytest.approx(400 / 6)
    assert t3["pct_pop_within"] == 0
    assert t1["area_km2"] == pytest.approx(8.0) and t3["area_km2"] == pytest.approx(4.0)
    assert t1["polsby_popper"] == pytest.approx(4 * math.pi * 8e6 / 12000 ** 2)   # 4 x 2 km rectangle
    assert t3["polsby_popper"] == pytest.approx(math.pi / 4)
    assert t1["contiguous"] == t2["contiguous"] == t3["contiguous"] == 1
    assert t1["capacity_per_1000"] == pytest.approx(2 * 1000 / 400)
    assert t2["capacity_per_1000"] == pytest.approx(1000 / 600)
    assert t3["capacity_per_1000"] == 0
    # neighbours never share a colour, colours from the palette
    assert t1["color"] != t2["color"] and t2["color"] != t3["color"]
    assert {t["color"] for t in ter.values()} <= set(ind.PALETTE)
    # overall figures against the core formulas on the hand-known times
    times, pops = [0, HOP, HOP, 0, HOP], [100, 300, 200, 400, 500]
    assert res["COVERAGE_PCT"] == pytest.approx(100 * 500 / 1500)
    assert res["MEAN_TIME"] == pytest.approx(1000 * HOP / 1500)
    assert res["MAX_TIME"] == pytest.approx(HOP)
    assert res["GINI_TIME"] == pytest.approx(ind.gini(times, pops))
    total, between, within = ind.theil_decomposition(times, pops, ["T1", "T1", "T2", "T2", "T3"])
    assert (res["THEIL_TIME"], res["THEIL_BETWEEN"], res["THEIL_WITHIN"]) == pytest.approx((total, between, within))
    assert res["THEIL_TIME"] == pytest.approx(res["THEIL_BETWEEN"] + res["THEIL_WITHIN"])
    assert res["CV_POP"] == pytest.approx(ind.cv([400, 600, 500]))
    # JSON: the same figures
    doc = json.loads((tmp_path / "i.json").read_text(encoding="utf-8"))
    assert doc["overall"]["coverage_pct"] == pytest.approx(res["COVERAGE_PCT"])
    assert {r["territory"]: r["pop"] for r in doc["territories"]} == {"T1": 400, "T2": 600, "T3": 500}
    # sites: load and catchment ratio
    sit = _rows(res["OUTPUT_SITES"], "site_id")
    assert (sit["S1"]["n_communes"], sit["S1"]["pop_served"]) == (2, 400)
    assert (sit["S2"]["n_communes"], sit["S2"]["pop_served"]) == (3, 1100)
    assert sit["S1"]["ratio_per_1000"] == pytest.approx(20.0) and sit["S2"]["ratio_per_1000"] == pytest.approx(2.5)


def test_site_named_by_commune_and_site_territory_field(run_alg, tmp_path):
    squares = [list(r) for r in SQUARES]
    squares[2][3] = "S1"   # C is served by S1 (two hops away, in another territory)
    sites = [(1000, ("S1", 2.0, None)), (7000, ("S2", 1.0, "T3"))]   # S2 counted in T3, though in D
    res = _run_small(run_alg, tmp_path, squares=squares, sites=sites, SITE_FIELD="choice",
                     SITE_TERRITORY_FIELD="sterr")
    com = _rows(res["OUTPUT_COMMUNES"], "nom")
    assert com["C"]["site_id"] == "S1" and com["C"]["time_min"] == pytest.approx(2 * HOP)
    assert com["C"]["site_outside"] == 1
    # T2 has no site any more: D is served by the nearest site overall (S2, its own commune)
    assert com["D"]["site_id"] == "S2" and com["D"]["site_outside"] == 1 and com["D"]["time_min"] == 0
    assert com["E"]["site_id"] == "S2" and com["E"]["site_outside"] == 0
    ter = _rows(res["OUTPUT_TERRITORIES"], "territory")
    assert (ter["T2"]["n_sites"], ter["T3"]["n_sites"]) == (0, 1)
    assert ter["T3"]["capacity_per_1000"] == pytest.approx(1000 / 500)


def test_unknown_site_named_by_commune(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    squares = [list(r) for r in SQUARES]
    squares[1][3] = "S9"
    with pytest.raises(QgsProcessingException, match="S9"):
        _run_small(run_alg, tmp_path, squares=squares, SITE_FIELD="choice")


@pytest.mark.parametrize("case", ["text_population", "null_territory"])
def test_bad_input_names_field_and_feature(run_alg, tmp_path, case):
    from qgis.core import QgsProcessingException
    fields = "nom:string&field=terr:string&field=pop:string&field=choice:string"
    squares = [("A", "T1", "100", None), ("B", "T1", "12", None), ("C", "T2", "200", None)]
    if case == "text_population":
        squares[1] = ("B", "T1", "douze", None)
        pattern = r"Population field 'pop'.*'douze'.*feature id 2 \(B\)"
    else:
        squares[2] = ("C", None, "200", None)
        pattern = r"Territory field 'terr'.*feature id 3 \(C\)"
    c, s = _memory_layers(squares, SITES[:1], commune_fields=fields)
    with pytest.raises(QgsProcessingException, match=pattern):
        run_alg(ALG, {"COMMUNES": c, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": s,
                      "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT", "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})


def test_numeric_text_population_is_accepted(run_alg, tmp_path):
    c, s = _memory_layers([("A", "T1", "100", None), ("B", "T1", "1 200", None)], SITES[:1],
                          commune_fields="nom:string&field=terr:string&field=pop:string&field=choice:string")
    res = run_alg(ALG, {"COMMUNES": c, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": s,
                        "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT", "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})
    ter = _rows(res["OUTPUT_TERRITORIES"], "territory")
    assert ter["T1"]["pop"] == 1300


def test_haute_garonne_epci_with_france_services(run_alg, tmp_path, communes_31_path):
    import numpy as np
    from optima.optima_plugin.core import indicators as ind
    from optima.optima_plugin.core.network import adjacency_pairs
    sites = shared_file("france_services_31.gpkg")
    res = run_alg(ALG, {"COMMUNES": str(communes_31_path), "TERRITORY_FIELD": "epci_siren",
                        "POPULATION_FIELD": "population", "TERRITORY_NAME_FIELD": "epci_nom",
                        "SITES": str(sites), "SITE_ID_FIELD": "id_fs", "THRESHOLD_MIN": 20,
                        "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg"),
                        "OUTPUT_SITES": str(tmp_path / "s.gpkg")}, feedback=Feedback())
    com = layer(res["OUTPUT_COMMUNES"])
    ter = layer(res["OUTPUT_TERRITORIES"])
    assert com.featureCount() == 586
    assert ter.featureCount() == 18
    rows = list(ter.getFeatures())
    assert sum(f["pop"] for f in rows) == 1471468
    assert sum(f["n_communes"] for f in rows) == 586
    assert all(f["contiguous"] == 1 for f in rows)
    assert sum(f["n_sites"] for f in rows) == 27
    # every commune kept with its attributes; nobody unreachable on the proxy network
    cf = list(com.getFeatures())
    assert {f["insee"] for f in cf} == {f["insee"] for f in layer(communes_31_path).getFeatures()}
    assert all(f["unreachable"] == 0 and f["time_min"] >= 0 for f in cf)
    assert all(f["territory"] == f["epci_siren"] for f in cf)
    # three EPCI have no France services: their communes are flagged, the rest served at home
    no_site = {f["territory"] for f in rows if f["n_sites"] == 0}
    assert len(no_site) == 3
    assert {f["epci_siren"] for f in cf if f["site_outside"] == 1} == no_site
    for t in no_site:
        assert t in res["_log"]
    # neighbouring EPCI never share a colour (rook adjacency between communes)
    import shapely
    geoms = [shapely.from_wkb(bytes(f.geometry().asWkb())) for f in cf]
    i, j, _ = adjacency_pairs(geoms)
    colour = {f["territory"]: f["color"] for f in rows}
    ct = np.array([colour[f["territory"]] for f in cf], dtype=object)
    terr = np.array([f["territory"] for f in cf], dtype=object)
    cross = terr[i] != terr[j]
    assert cross.any() and np.all(ct[i][cross] != ct[j][cross])
    # figures agree with the core on the written times
    times = [f["time_min"] for f in cf]
    pops = [f["population"] for f in cf]
    assert res["GINI_TIME"] == pytest.approx(ind.gini(times, pops))
    assert res["COVERAGE_PCT"] == pytest.approx(
        100 * sum(p for p, t in zip(pops, times) if t <= 20) / 1471468)
    assert res["THEIL_TIME"] == pytest.approx(res["THEIL_BETWEEN"] + res["THEIL_WITHIN"])
    assert 0 < res["GINI_TIME"] < 1 and 50 < res["COVERAGE_PCT"] <= 100
    # a commune hosting a France services site is served in 0 min
    host = {f["insee_com"] for f in layer(sites).getFeatures()}
    assert all(f["time_min"] == 0 for f in cf if f["insee"] in host and f["site_outside"] == 0)


def test_gui_styles_through_post_processors(optima, communes_31_path, monkeypatch):
    """runAndLoadResults goes through the same layer post-processors as the QGIS dialog."""
    import processing
    import processing.gui.Postprocessing as post
    from qgis.core import QgsProject
    # no QGIS window here: pytest-qgis's iface is a mock, which QGIS 3.44's C++ layer-tree helper
    # (QgsProcessingGuiUtils.addResultLayers) refuses; Postprocessing handles iface None itself
    monkeypatch.setattr(post, "iface", None, raising=False)
    before = set(QgsProject.instance().mapLayers())
    res = processing.runAndLoadResults(ALG, {
        "COMMUNES": str(communes_31_path), "TERRITORY_FIELD": "epci_siren", "POPULATION_FIELD": "population",
        "SITES": str(shared_file("france_services_31.gpkg")), "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT",
        "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT", "OUTPUT_SITES": "TEMPORARY_OUTPUT"})
    gc.collect()
    new = [lyr for k, lyr in QgsProject.instance().mapLayers().items() if k not in before]
    try:
        kinds = {lyr.id(): lyr.renderer().type() for lyr in new}
        assert kinds[res["OUTPUT_TERRITORIES"]] == "categorizedSymbol"
        assert kinds[res["OUTPUT_COMMUNES"]] == "graduatedSymbol"
        t = QgsProject.instance().mapLayer(res["OUTPUT_TERRITORIES"])
        assert t.renderer().classAttribute() == "territory" and t.labelsEnabled()
        s = QgsProject.instance().mapLayer(res["OUTPUT_SITES"])
        assert s.renderer().symbol().symbolLayer(0).shape() is not None and s.labelsEnabled()
    finally:
        QgsProject.instance().removeMapLayers([lyr.id() for lyr in new])


def test_style_output_keeps_post_processor_alive(optima):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer
    from optima.optima_plugin import styling
    lyr = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:string&field=color:string&field=time_min:double",
                         "t", "memory")
    ctx = QgsProcessingContext()
    ctx.temporaryLayerStore().addMapLayer(lyr)
    ctx.addLayerToLoadOnCompletion(lyr.id(), QgsProcessingContext.LayerDetails("t", QgsProject.instance(), "OUT"))
    out = styling.style_output(ctx, lyr.id(), "time")
    assert out == {"post_processor": True, "gpkg_default": False}
    gc.collect()
    pp = ctx.layerToLoadOnCompletionDetails(lyr.id()).postProcessor()
    pp.postProcessLayer(lyr, ctx, QgsProcessingFeedback())
    assert lyr.renderer().type() == "graduatedSymbol" and lyr.renderer().classAttribute() == "time_min"
    with pytest.raises(ValueError):
        styling.style_output(ctx, lyr.id(), "nonsense")


def test_site_outside_every_commune_is_placed_at_the_nearest(run_alg, tmp_path):
    # S3 lies 500 m east of E, outside every commune: it belongs to E's territory (T3) and sits at E's node
    sites = SITES + [(10500, ("S3", 1.0, None))]
    res = _run_small(run_alg, tmp_path, sites=sites)
    com = _rows(res["OUTPUT_COMMUNES"], "nom")
    assert com["E"]["site_id"] == "S3" and com["E"]["time_min"] == 0 and com["E"]["site_outside"] == 0
    sit = _rows(res["OUTPUT_SITES"], "site_id")
    assert sit["S3"]["territory"] == "T3"
    assert sit["S3"]["outside_communes_m"] == pytest.approx(500.0)
    assert sit["S1"]["outside_communes_m"] is None or str(sit["S1"]["outside_communes_m"]) == "NULL"
    assert "S3 (500 m)" in res["_log"]
    assert res["N_SITE_OUTSIDE"] == 0

"""optima:score_services, optima:territory_expectations, optima:premises_requirements through
processing.run. Expected numbers are worked out by hand in the comments."""
import math
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QVariant
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "resources" / "sample" / "catalogue_services_fr.csv"
SURVEY = ROOT / "resources" / "sample" / "enquete_attentes_exemple.csv"
CRITERIA = ["frequence_contact", "presence_terrain", "connaissance_locale", "implication_elus",
            "economies_echelle", "expertise_rare", "egalite_traitement", "cout_equipement"]


def memory(uri, rows, geoms=None):
    lyr = QgsVectorLayer(uri, "m", "memory")
    assert lyr.isValid(), uri
    feats = []
    for i, r in enumerate(rows):
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(r))
        if geoms is not None:
            f.setGeometry(geoms[i])
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    lyr.updateExtents()
    return lyr


def rows_of(path, key):
    lyr = QgsVectorLayer(str(path), "o", "ogr")
    assert lyr.isValid(), path
    return {f[key]: f for f in lyr.getFeatures()}, lyr


# ---------------------------------------------------------------------------------------
# score_services
# ---------------------------------------------------------------------------------------

def test_template_from_file_gives_core_counts(run_alg, tmp_path):
    from optima.optima_plugin.core import catalogue
    core = catalogue.score_services(catalogue.read_table(TEMPLATE))
    expected = core["recommendation"].value_counts().to_dict()
    assert expected == {"territorialise": 9, "mixed": 8, "centralise": 8}  # the shipped template today
    out, chart = tmp_path / "scores.gpkg", tmp_path / "scores.png"
    res = run_alg("optima:score_services", {"INPUT_FILE": str(TEMPLATE), "OUTPUT": str(out),
                                            "OUTPUT_CHART": str(chart)})
    assert (res["N_TERRITORIALISE"], res["N_MIXED"], res["N_CENTRALISE"]) == (9, 8, 8)
    rows, lyr = rows_of(out, "service")
    assert len(rows) == 25 and lyr.wkbType() == QgsWkbTypes.NoGeometry
    for c in ["politique_publique", "effectif_pour_1000_hab", "part_terrain", "commentaire"] + CRITERIA + \
            ["mean_for", "mean_against", "score", "recommendation", "deciding"]:
        assert c in lyr.fields().names()
    for _, r in core.iterrows():
        f = rows[r["service"]]
        assert f["score"] == pytest.approx(r["score"], abs=1e-5)
        assert f["recommendation"] == r["recommendation"] and f["deciding"] == r["deciding"]
    assert rows["Voirie et propreté urbaine"]["part_terrain"] == pytest.approx(0.85)  # decimal comma read
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # equal treatment weighing double: ADS permit instruction moves from mixed to centralise
    res = run_alg("optima:score_services", {"INPUT_FILE": str(TEMPLATE), "W_EGALITE_TRAITEMENT": 2,
                                            "OUTPUT": str(tmp_path / "w.gpkg")})
    assert (res["N_TERRITORIALISE"], res["N_MIXED"], res["N_CENTRALISE"]) == (9, 7, 9)
    rows, _ = rows_of(tmp_path / "w.gpkg", "service")
    assert rows["Urbanisme – instruction ADS"]["recommendation"] == "centralise"


def catalogue_layer(rows):
    uri = "None?field=service:string&field=commentaire:string" + "".join(f"&field={c}:double" for c in CRITERIA)
    return memory(uri, rows)


def test_weighting_flips_recommendation_through_parameters(run_alg, tmp_path):
    lyr = catalogue_layer([("Urbanisme", "pré-instruction", 4, 1, 3, 4, 2, 4, 2, 1)])
    # defaults: for = (4 + 1.5*1 + 3 + 0.75*4)/4.25 = 46/17; against = (2 + 1.5*4 + 2 + 1)/4.5 = 22/9
    # score = 20 x (46/17 - 22/9) = 800/153 = 5.2 -> mixed
    res = run_alg("optima:score_services", {"INPUT": lyr, "OUTPUT": str(tmp_path / "a.gpkg")})
    assert (res["N_TERRITORIALISE"], res["N_MIXED"], res["N_CENTRALISE"]) == (0, 1, 0)
    f = next(QgsVectorLayer(res["OUTPUT"], "a", "ogr").getFeatures())
    assert f["score"] == pytest.approx(800 / 153, abs=1e-6) and f["commentaire"] == "pré-instruction"
    # contact and elected officials weigh 3, field presence 0.5:
    # for = (3*4 + 0.5*1 + 3 + 3*4)/7.5 = 11/3; score = 20 x (11/3 - 22/9) = 220/9 = 24.4 -> territorialise
    res = run_alg("optima:score_services", {"INPUT": lyr, "W_FREQUENCE_CONTACT": 3, "W_IMPLICATION_ELUS": 3,
                                            "W_PRESENCE_TERRAIN": "0.5",  # as qgis_process passes it
                                            "OUTPUT": str(tmp_path / "b.gpkg")})
    assert (res["N_TERRITORIALISE"], res["N_MIXED"], res["N_CENTRALISE"]) == (1, 0, 0)
    f = next(QgsVectorLayer(res["OUTPUT"], "b", "ogr").getFeatures())
    assert f["score"] == pytest.approx(220 / 9, abs=1e-6)
    assert f["deciding"] == "frequence_contact (+), implication_elus (+)"
    # same weights but a stricter threshold: back to mixed
    res = run_alg("optima:score_services", {"INPUT": lyr, "W_FREQUENCE_CONTACT": 3, "W_IMPLICATION_ELUS": 3,
                                            "W_PRESENCE_TERRAIN": 0.5, "THRESHOLD_HIGH": 30,
                                            "OUTPUT": str(tmp_path / "c.gpkg")})
    assert res["N_MIXED"] == 1


def test_score_services_bad_inputs_name_row_and_column(run_alg, tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8-sig").splitlines()
    # line 4 of the file is the 3rd service (Urbanisme): put a word in presence_terrain
    cells = text[3].split(";")
    cells[3] = "élevé"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(text[:3] + [";".join(cells)] + text[4:]), encoding="utf-8")
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:score_services", {"INPUT_FILE": str(bad), "OUTPUT": "memory:"})
    assert "line 4 (service 'Urbanisme – instruction ADS'), column 'presence_terrain': 'élevé' is not a number" \
        in str(e.value)
    # a missing column is named
    header = text[0].replace(";expertise_rare", "")
    body = [";".join(c for k, c in enumerate(t.split(";")) if k != 7) for t in text[1:3]]
    miss = tmp_path / "miss.csv"
    miss.write_text("\n".join([header] + body), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="lacks the column.*'expertise_rare'"):
        run_alg("optima:score_services", {"INPUT_FILE": str(miss), "OUTPUT": "memory:"})
    # a score outside the scale, from a layer: the row is named by feature id
    lyr = catalogue_layer([("A", "", 1, 1, 1, 1, 1, 1, 1, 1), ("B", "", 1, 1, 1, 1, 7, 1, 1, 1)])
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:score_services", {"INPUT": lyr, "OUTPUT": "memory:"})
    assert "feature 2 (service 'B'), column 'economies_echelle': 7 is outside [0, 5]" in str(e.value)
    # both or none of INPUT / INPUT_FILE
    with pytest.raises(QgsProcessingException, match="not both"):
        run_alg("optima:score_services", {"INPUT": lyr, "INPUT_FILE": str(TEMPLATE), "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="INPUT_FILE"):
        run_alg("optima:score_services", {"OUTPUT": "memory:"})


# ---------------------------------------------------------------------------------------
# territory_expectations
# ---------------------------------------------------------------------------------------

X0, Y0 = 500000.0, 6250000.0


def square(k):
    return QgsGeometry.fromRect(QgsRectangle(X0 + 1000 * k, Y0, X0 + 1000 * (k + 1), Y0 + 1000))


def communes():
    """Three 1 km squares in Lambert-93: 31001 and 31002 in 'Nord' (1,500 + 500 inh.), 31003 in 'Sud' (1,000)."""
    return memory("Polygon?crs=EPSG:2154&field=insee:string&field=territory:string&field=population:integer",
                  [("31001", "Nord", 1500), ("31002", "Nord", 500), ("31003", "Sud", 1000)],
                  [square(0), square(1), square(2)])


def responses(extra=()):
    rows = [("31001", 4, "Voirie"), ("31002", 5, "Voirie"), ("31001", 3, "Propreté"), ("31002", 4, None),
            ("31003", 2, "Sécurité"), ("31003", 3, "Accueil en mairie")] + list(extra)
    return memory("None?field=insee:string&field=satisfaction:double&field=priorite:string", rows)


def test_expectations_known_mean_and_interval(run_alg, tmp_path):
    out = tmp_path / "exp.gpkg"
    res = run_alg("optima:territory_expectations", {"RESPONSES": responses(), "TERRITORIES": communes(),
                                                    "MIN_RESPONSES": 3, "OUTPUT": str(out)})
    assert res["N_TERRITORIES"] == 2 and res["N_RESPONSES"] == 6 and res["N_SKIPPED"] == 0
    assert res["OVERALL_MEAN"] == pytest.approx(21 / 6)  # (4+5+3+4+2+3)/6 = 3.5
    rows, lyr = rows_of(out, "territory")
    nord, sud = rows["Nord"], rows["Sud"]
    # Nord: 4, 5, 3, 4 -> mean 4, s = sqrt(2/3); t(0.975, 3) = 3.182446 -> half = 3.182446 x s / 2 = 1.299228
    assert nord["n_responses"] == 4 and nord["n_satisfaction"] == 4
    assert nord["satisfaction_mean"] == pytest.approx(4.0)
    assert nord["satisfaction_sd"] == pytest.approx(math.sqrt(2 / 3), abs=1e-6)
    assert nord["ci_low"] == pytest.approx(4 - 1.299228, abs=1e-5)
    assert nord["ci_high"] == pytest.approx(4 + 1.299228, abs=1e-5)
    # Sud: 2, 3 -> mean 2.5, s = sqrt(0.5); t(0.975, 1) = 12.7062 -> half = 12.7062 x 0.5 = 6.353102
    assert sud["ci_low"] == pytest.approx(2.5 - 6.353102, abs=1e-5)
    assert sud["ci_high"] == pytest.approx(2.5 + 6.353102, abs=1e-5)
    assert nord["gap_to_mean"] == pytest.approx(0.5) and sud["gap_to_mean"] == pytest.approx(-1.0)
    # population summed over the communes: Nord 2,000 -> 4 answers = 2 per 1,000; Sud 1,000 -> 2 per 1,000
    assert nord["pop"] == 2000 and nord["responses_per_1000"] == pytest.approx(2.0)
    assert sud["responses_per_1000"] == pytest.approx(2.0)
    assert nord["n_communes"] == 2 and sud["n_communes"] == 1
    # priorities: Nord answered 3 (one blank): Voirie 2/3, Propreté 1/3; field names usable in expressions
    assert nord["n_priority"] == 3
    assert nord["share_voirie"] == pytest.approx(2 / 3) and nord["share_proprete"] == pytest.approx(1 / 3)
    assert nord["share_securite"] == 0 and sud["share_accueil_en_mairie"] == pytest.approx(0.5)
    assert "share_accueil_en_mairie: share of the priority 'Accueil en mairie'" in res["_log"]
    assert (nord["small_sample"], sud["small_sample"]) == (0, 1)
    # the communes of a territory are dissolved: Nord = two adjacent 1 km² squares in one polygon
    assert lyr.crs().authid() == "EPSG:2154"
    g = nord.geometry()
    assert g.area() == pytest.approx(2e6) and g.constGet().numGeometries() == 1
    assert sud.geometry().area() == pytest.approx(1e6)


def test_expectations_from_file_and_default_min_responses(run_alg, tmp_path):
    # the shipped survey (100 answers, Haute-Garonne codes) on a partition covering its 15 communes
    from optima.optima_plugin.core import catalogue
    survey = catalogue.read_table(SURVEY)
    codes = sorted(set(survey["insee"]))
    polys = memory("Polygon?crs=EPSG:2154&field=insee:string&field=territory:string&field=population:integer",
                   [(c, "Toulouse" if c == "31555" else "Reste", 1000) for c in codes],
                   [square(k) for k in range(len(codes))])
    res = run_alg("optima:territory_expectations", {"INPUT_FILE": str(SURVEY), "TERRITORIES": polys,
                                                    "OUTPUT": str(tmp_path / "e.gpkg")})
    assert res["N_RESPONSES"] == len(survey) == 100
    rows, _ = rows_of(tmp_path / "e.gpkg", "territory")
    n_toulouse = int((survey["insee"] == "31555").sum())
    assert rows["Toulouse"]["n_responses"] == n_toulouse
    assert rows["Toulouse"]["small_sample"] == (1 if n_toulouse < 30 else 0)
    mean = survey.loc[survey["insee"] == "31555", "satisfaction"].mean()
    assert rows["Toulouse"]["satisfaction_mean"] == pytest.approx(mean)


def test_expectations_on_the_real_epci_partition(run_alg, tmp_path, communes_31_path):
    """The shipped survey on the 586 communes of Haute-Garonne grouped by EPCI: the dissolved
    territories match the reference EPCI layer (same 18 EPCI, populations, areas)."""
    epci_path = communes_31_path.parent / "epci_31.gpkg"
    if not epci_path.exists():
        pytest.skip("epci_31.gpkg not available")
    out = tmp_path / "epci.gpkg"
    res = run_alg("optima:territory_expectations", {"INPUT_FILE": str(SURVEY), "TERRITORIES": str(communes_31_path),
                                                    "TERRITORY_FIELD": "epci_nom", "OUTPUT": str(out)})
    assert res["N_TERRITORIES"] == 18 and res["N_RESPONSES"] == 100
    rows, lyr = rows_of(out, "territory")
    ref = {f["epci_nom"]: f for f in QgsVectorLayer(str(epci_path), "e", "ogr").getFeatures()}
    assert set(rows) == set(ref)
    assert sum(f["n_communes"] for f in rows.values()) == 586
    for name, f in rows.items():
        assert f["pop"] == ref[name]["population"] and f["n_communes"] == ref[name]["n_communes"]
        assert f.geometry().area() == pytest.approx(ref[name].geometry().area(), rel=1e-3)
    assert lyr.fields().field("pop").type() in (QVariant.LongLong, QVariant.Int)
    # every territory is listed, answered or not; the biggest sample is Toulouse Métropole
    assert sum(f["n_responses"] for f in rows.values()) == 100
    assert max(rows.values(), key=lambda f: f["n_responses"])["territory"] == "Toulouse Métropole"


def test_expectations_unknown_codes_error_or_skip(run_alg, tmp_path):
    r = responses(extra=[("31999", 5, "Voirie")])  # feature 7
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:territory_expectations", {"RESPONSES": r, "TERRITORIES": communes(), "OUTPUT": "memory:"})
    msg = str(e.value)
    assert "1 answer(s) from communes outside the territories" in msg and "feature 7 (commune '31999')" in msg
    res = run_alg("optima:territory_expectations", {"RESPONSES": r, "TERRITORIES": communes(), "UNKNOWN_CODES": 1,
                                                    "OUTPUT": str(tmp_path / "s.gpkg")})
    assert res["N_SKIPPED"] == 1 and res["N_RESPONSES"] == 6
    assert "1 answer(s) skipped" in res["_log"]
    assert res["OVERALL_MEAN"] == pytest.approx(3.5)  # the skipped 5 does not count


def test_expectations_scores_outside_scale_and_missing_columns(run_alg):
    r = responses(extra=[("31001", 6, "Voirie")])
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:territory_expectations", {"RESPONSES": r, "TERRITORIES": communes(), "OUTPUT": "memory:"})
    assert "feature 7 (commune '31001'), column 'satisfaction': 6 is outside [1, 5]" in str(e.value)
    # the same score is fine on a 0-10 scale
    res = run_alg("optima:territory_expectations", {"RESPONSES": r, "TERRITORIES": communes(), "SCALE_MIN": 0,
                                                    "SCALE_MAX": 10, "OUTPUT": "memory:"})
    assert res["N_RESPONSES"] == 7
    no_sat = memory("None?field=insee:string&field=note:double", [("31001", 4)])
    with pytest.raises(QgsProcessingException, match="lacks the column.*'satisfaction'.*'insee', 'note'"):
        run_alg("optima:territory_expectations", {"RESPONSES": no_sat, "TERRITORIES": communes(),
                                                  "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="TERRITORY_FIELD: TERRITORIES has no field 'epci'"):
        run_alg("optima:territory_expectations", {"RESPONSES": responses(), "TERRITORIES": communes(),
                                                  "TERRITORY_FIELD": "epci", "OUTPUT": "memory:"})


# ---------------------------------------------------------------------------------------
# premises_requirements
# ---------------------------------------------------------------------------------------

def sites():
    return memory("Point?crs=EPSG:2154&field=site_id:string&field=pop:integer&field=nom:string",
                  [("P1", 10000, "Pôle Nord"), ("P2", 20000, "Pôle Sud")],
                  [QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)), QgsGeometry.fromPointXY(QgsPointXY(X0 + 5000, Y0))])


def small_catalogue(recommendations=("territorialise", "Mixte", "centralise")):
    return memory("None?field=service:string&field=effectif_pour_1000_hab:double&field=part_terrain:string"
                  "&field=recommendation:string",
                  [("Voirie", 2.0, "0,5", recommendations[0]), ("Urbanisme", 1.0, "0 %", recommendations[1]),
                   ("Finances", 5.0, "0", recommendations[2])])


def test_premises_sum_by_hand(run_alg, tmp_path):
    out, bd, txt = tmp_path / "p.gpkg", tmp_path / "bd.gpkg", tmp_path / "hyp.md"
    res = run_alg("optima:premises_requirements", {"SITES": sites(), "CATALOGUE": small_catalogue(),
                                                   "OUTPUT": str(out), "OUTPUT_BREAKDOWN": str(bd),
                                                   "OUTPUT_ASSUMPTIONS": str(txt)})
    rows, lyr = rows_of(out, "site_id")
    assert lyr.geometryType() == QgsWkbTypes.PointGeometry and "nom" in lyr.fields().names()
    p1, p2 = rows["P1"], rows["P2"]
    assert p1["nom"] == "Pôle Nord" and p1["pop"] == 10000
    assert p1.geometry().asPoint() == QgsPointXY(X0, Y0)
    # P1, 10,000 inh.: Voirie 2 x 10 = 20 (10 field, 10 office), Urbanisme mixed 1 x 10 x 0.5 = 5 office,
    # Finances centralised 0 -> 25 staff; desks 15 + 10 x 0.2 = 17 -> 204 m²; reception 20 m² (minimum);
    # meeting ceil(17/15) = 2 x 20 = 40; technical 10 x 8 + 15 = 95; (204+20+40+95) x 1.25 = 448.75 m²;
    # vehicles 10 x 0.5 + 15 x 0.05 = 5.75 -> 6 spaces
    assert p1["staff_total"] == pytest.approx(25) and p1["staff_field"] == pytest.approx(10)
    assert p1["workstations"] == 17 and p1["office_m2"] == pytest.approx(204)
    assert p1["reception_m2"] == pytest.approx(20) and p1["meeting_m2"] == pytest.approx(40)
    assert p1["technical_m2"] == pytest.approx(95) and p1["total_m2"] == pytest.approx(448.75)
    assert p1["parking_spaces"] == 6 and p1["total_with_parking_m2"] == pytest.approx(448.75 + 150)
    # P2, 20,000 inh.: staff 50 (20 field, 30 office); desks 34 -> 408 m²; 24 visits a day ->
    # 24 x (20/60) / 7 x 2 = 2.29 visitors x 4 m² = 9.1 < 20 -> 20 m²; 3 rooms -> 60; technical 175;
    # (408 + 20 + 60 + 175) x 1.25 = 828.75 m²; vehicles 10 + 1.5 = 11.5 -> 12 spaces
    assert p2["staff_total"] == pytest.approx(50) and p2["workstations"] == 34
    assert p2["visits_per_day"] == pytest.approx(24) and p2["meeting_rooms"] == 3
    assert p2["total_m2"] == pytest.approx(828.75) and p2["parking_spaces"] == 12
    assert res["N_SITES"] == 2 and res["STAFF_TOTAL"] == pytest.approx(75)
    assert res["TOTAL_M2"] == pytest.approx(448.75 + 828.75)
    # breakdown: one row per site x counted service (Finances centralised: omitted); sums match the sites
    blyr = QgsVectorLayer(str(bd), "bd", "ogr")
    brows = [(f["site_id"], f["service"], f["staff"]) for f in blyr.getFeatures()]
    assert sorted((s, v) for s, v, _ in brows) == [("P1", "Urbanisme"), ("P1", "Voirie"),
                                                   ("P2", "Urbanisme"), ("P2", "Voirie")]
    assert sum(x for s, _, x in brows if s == "P1") == pytest.approx(25)
    assert sum(x for s, _, x in brows if s == "P2") == pytest.approx(50)
    text = txt.read_text(encoding="utf-8")
    assert "12 m² par poste" in text and "| M2_PER_WORKSTATION | 12 | 12 |" in text
    assert "| P1 | 25,0 | 17 | 448,8 | 6 |" in text


def test_premises_ratios_and_unscored_template(run_alg, tmp_path):
    # every mixed service fully in the territory: Urbanisme 10 at P1 -> 30 staff
    res = run_alg("optima:premises_requirements", {"SITES": sites(), "CATALOGUE": small_catalogue(),
                                                   "MIXED_SHARE": 1, "CIRCULATION_SHARE": 0,
                                                   "OUTPUT": str(tmp_path / "r.gpkg")})
    rows, _ = rows_of(tmp_path / "r.gpkg", "site_id")
    assert rows["P1"]["staff_total"] == pytest.approx(30)
    assert rows["P1"]["overhead_m2"] == 0
    # the template has no recommendation column: scored with the default weights, then sized
    from optima.optima_plugin.core import catalogue
    import pandas as pd
    scored = catalogue.score_services(catalogue.read_table(TEMPLATE))
    ref, _ = catalogue.premises_requirements(pd.DataFrame({"site_id": ["P1", "P2"], "pop": [10000, 20000]}),
                                             scored, population_field="pop", territory_field=None)
    res = run_alg("optima:premises_requirements", {"SITES": sites(), "CATALOGUE_FILE": str(TEMPLATE),
                                                   "LANGUAGE": 1, "OUTPUT": str(tmp_path / "t.gpkg"),
                                                   "OUTPUT_ASSUMPTIONS": str(tmp_path / "t.txt")})
    assert "scored with the default weights (9 to territorialise, 8 mixed, 8 to centralise)" in res["_log"]
    assert res["STAFF_TOTAL"] == pytest.approx(ref["staff_total"].sum())
    assert res["TOTAL_M2"] == pytest.approx(ref["total_m2"].sum())
    assert "State norm" in (tmp_path / "t.txt").read_text(encoding="utf-8")


def test_premises_bad_inputs_named(run_alg):
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:premises_requirements", {
            "SITES": sites(), "CATALOGUE": small_catalogue(("territorialise", "peut-être", "centralise")),
            "OUTPUT": "memory:"})
    assert "feature 2 (service 'Urbanisme'), column 'recommendation': 'peut-être' is not one of" in str(e.value)
    no_ratio = memory("None?field=service:string&field=part_terrain:double&field=recommendation:string",
                      [("Voirie", 0.5, "territorialise")])
    with pytest.raises(QgsProcessingException, match="lacks the column.*'effectif_pour_1000_hab'"):
        run_alg("optima:premises_requirements", {"SITES": sites(), "CATALOGUE": no_ratio, "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="site table lacks the column.*'population'"):
        run_alg("optima:premises_requirements", {"SITES": sites(), "CATALOGUE": small_catalogue(),
                                                 "POPULATION_FIELD": "population", "OUTPUT": "memory:"})


# ---------------------------------------------------------------------------------------
# Parameters: defaults from the core, every parameter documented
# ---------------------------------------------------------------------------------------

def test_defaults_are_the_cores_and_help_lists_every_parameter(optima):
    from qgis.core import QgsApplication

    from optima.optima_plugin.core import catalogue
    from optima.processing_algorithms.score_services import core_defaults

    d = core_defaults()
    assert d["DEFAULT_WEIGHTS"] == catalogue.DEFAULT_WEIGHTS
    assert tuple(d["DEFAULT_THRESHOLDS"]) == tuple(catalogue.DEFAULT_THRESHOLDS)
    assert d["DEFAULT_RATIOS"] == catalogue.DEFAULT_RATIOS
    reg = QgsApplication.processingRegistry()
    score = reg.algorithmById("optima:score_services")
    for c, w in catalogue.DEFAULT_WEIGHTS.items():
        assert score.parameterDefinition("W_" + c.upper()).defaultValue() == w
    prem = reg.algorithmById("optima:premises_requirements")
    for k, v in catalogue.DEFAULT_RATIOS.items():
        p = prem.parameterDefinition(k.upper())
        assert p.defaultValue() == v and p.flags() & p.FlagAdvanced
    for alg_id in ("optima:score_services", "optima:territory_expectations", "optima:premises_requirements"):
        alg = reg.algorithmById(alg_id)
        assert alg.groupId() == "organisation"
        help_text = alg.shortHelpString()
        for p in alg.parameterDefinitions():
            assert p.name() in help_text, (alg_id, p.name())
        for o in alg.outputDefinitions():
            assert o.name() in help_text, (alg_id, o.name())

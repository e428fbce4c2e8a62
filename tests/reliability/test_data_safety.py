"""Messy but ordinary inputs must never be lost or misread: numbers written as text, field names
that clash with ours, identifiers that are blank or repeated, typos in lists, layers of different
runs; and every message names the field and the features at fault (by the user's identifier)."""

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from reliability_helpers import grid_rows, point_layer, polygon_layer, read_layer

CLUSTER = "optima:cluster_territories"
LOCATE = "optima:locate_service_sites"
INDIC = "optima:territory_indicators"
MATRIX = "optima:travel_time_matrix"


def clear_error(excinfo, *words):
    msg = str(excinfo.value)
    assert "Traceback" not in msg and "Unexpected error" not in msg, msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


def text_pop_layer(pops, extra_fields="", extra=None):
    """3 x 3 grid whose population is text (``pops``); optional extra fields/values."""
    rows = []
    for i, ((code, nom, _), geom) in enumerate(grid_rows(3)):
        rows.append(([code, nom, pops[i]] + (list(extra[i]) if extra else []), geom))
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:string" + extra_fields)


def cluster(run_alg, tmp_path, lyr, k=2, **extra):
    params = {"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": k,
              "BALANCE_TOLERANCE": 50, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    params.update(extra)
    return run_alg(CLUSTER, params)


# ============================================================================ 2 numbers as text
ENGLISH = ["2,279", "141,284", "523", "1,000", "12,345", "3,003", "998", "4,500", "7,777"]


def test_english_thousands_commas_are_thousands(run_alg, tmp_path):
    """'2,279' in a column of '141,284', '12,345'...: thousands (was 2.279: far too small a total)."""
    res = cluster(run_alg, tmp_path, text_pop_layer(ENGLISH))
    terr = read_layer(tmp_path / "t.gpkg")
    assert sum(f["pop"] for f in terr) == pytest.approx(sum(int(p.replace(",", "")) for p in ENGLISH))
    assert "thousands separator" in res["_log"] and "'2,279' -> 2279" in res["_log"]


def test_french_numbers_with_spaces_and_decimal_commas(run_alg, tmp_path):
    pops = ["2\u202f279,5", "141 284", "523,25", "1\u00a0000", "12 345,5", "3 003", "998,5", "4 500", "7 777"]
    res = cluster(run_alg, tmp_path, text_pop_layer(pops))
    terr = read_layer(tmp_path / "t.gpkg")
    assert sum(f["pop"] for f in terr) == pytest.approx(2279.5 + 141284 + 523.25 + 1000 + 12345.5 + 3003 + 998.5
                                                        + 4500 + 7777)
    assert "decimal comma" in res["_log"]


def test_decimal_comma_column_reads_2_279_as_decimal(run_alg, tmp_path):
    pops = ["2,279", "1,5", "523", "10", "12", "3", "9", "4", "7"]
    cluster(run_alg, tmp_path, text_pop_layer(pops))
    terr = read_layer(tmp_path / "t.gpkg")
    assert sum(f["pop"] for f in terr) == pytest.approx(2.279 + 1.5 + 523 + 10 + 12 + 3 + 9 + 4 + 7)


def test_a_single_ambiguous_number_is_refused_naming_the_commune(run_alg, tmp_path):
    pops = ["2,279", "100", "523", "10", "12", "3", "9", "4", "7"]
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, text_pop_layer(pops))
    clear_error(e, "pop", "C0000", "2,279", "2279")
    assert not (tmp_path / "c.gpkg").exists()


def test_ambiguous_numbers_same_rule_in_locate_and_indicators(run_alg, tmp_path):
    """The same column reads the same in every algorithm (one parser)."""
    lyr = text_pop_layer(ENGLISH)
    res = run_alg(LOCATE, {"DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                           "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    sites = read_layer(tmp_path / "s.gpkg")
    assert sum(f["served_pop"] for f in sites) == pytest.approx(173709)
    assert "'2,279' -> 2279" in res["_log"]
    terr = text_pop_layer(ENGLISH, "&field=terr:string", [["T1"]] * 9)
    res = run_alg(INDIC, {"COMMUNES": terr, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop",
                          "SITES": point_layer([(["S1", 1.0], (1500, 1500))], name="sites"), "SITE_ID_FIELD": "code",
                          "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT",
                          "OUTPUT_TERRITORIES": str(tmp_path / "it.gpkg"), "OUTPUT_SITES": "TEMPORARY_OUTPUT"})
    assert read_layer(tmp_path / "it.gpkg")[0]["pop"] == pytest.approx(173709)


def test_text_that_is_not_a_number_names_the_feature(run_alg, tmp_path):
    pops = ["100", "200", "abc", "10", "12", "3", "9", "4", "7"]
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, text_pop_layer(pops))
    clear_error(e, "pop", "C0002", "abc")


# ============================================================================ 3 field-name clashes
def test_input_fields_named_like_ours_are_kept(run_alg, tmp_path):
    """`reason` (integer), `TERRITORY` (text) and `hub` (integer) in the input: every input value kept
    (renamed *_in), ours written as documented; hub codes such as 05023 stay text."""
    rows = []
    for i, ((code, nom, pop), geom) in enumerate(grid_rows(3)):
        rows.append(([f"0{5020 + i}", nom, pop, 7 + i, f"old{i}", 100 + i], geom))
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=reason:integer"
                                     "&field=TERRITORY:string&field=hub:integer")
    res = cluster(run_alg, tmp_path, lyr)
    out = read_layer(tmp_path / "c.gpkg")
    assert len(out) == 9
    names = QgsVectorLayer(str(tmp_path / "c.gpkg"), "c", "ogr").fields().names()
    for f in ("reason_in", "TERRITORY_in", "hub_in", "territory", "hub", "reason"):
        assert f in names, names
    by = {f["code"]: f for f in out}
    assert by["05020"]["reason_in"] == 7 and by["05020"]["TERRITORY_in"] == "old0" and by["05020"]["hub_in"] == 100
    assert {f["hub"] for f in out} <= {f"0{5020 + i}" for i in range(9)}  # '05023', never 5023
    assert "kept under a new name" in res["_log"]


def test_indicators_keep_the_users_territory_column(run_alg, tmp_path):
    rows = [([code, nom, pop, "T1" if i % 3 < 2 else "T2", f"mine{i}"], g)
            for i, ([code, nom, pop], g) in enumerate(grid_rows(3))]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string"
                                     "&field=territory:string")
    run_alg(INDIC, {"COMMUNES": lyr, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop",
                    "SITES": point_layer([(["S1", 1.0], (500, 500)), (["S2", 1.0], (2500, 500))], name="sites"),
                    "SITE_ID_FIELD": "code", "OUTPUT_COMMUNES": str(tmp_path / "ic.gpkg"),
                    "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT", "OUTPUT_SITES": "TEMPORARY_OUTPUT"})
    out = read_layer(tmp_path / "ic.gpkg")
    assert sorted(f["territory_in"] for f in out) == sorted(f"mine{i}" for i in range(9))
    assert {f["territory"] for f in out} == {"T1", "T2"}


def test_rerun_on_own_output_keeps_the_previous_territory(run_alg, tmp_path):
    cluster(run_alg, tmp_path, polygon_layer(grid_rows(3)))
    first = {f["code"]: f["territory"] for f in read_layer(tmp_path / "c.gpkg")}
    (tmp_path / "again").mkdir()
    cluster(run_alg, tmp_path / "again", str(tmp_path / "c.gpkg"), k=3)
    out = read_layer(tmp_path / "again" / "c.gpkg")
    assert {f["code"]: f["territory_in"] for f in out} == first
    assert {f["territory"] for f in out} == {1, 2, 3}


# ============================================================================ 6 typo in a list
@pytest.mark.timeout(300)  # a hang (the range expanded before its bounds check) ends the test
def test_huge_range_refused_at_once(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:compare_scenarios", {"INPUT": polygon_layer(grid_rows(3)), "ID_FIELD": "code",
                                             "POPULATION_FIELD": "pop", "N_TERRITORIES_LIST": "4-300000",
                                             "OUTPUT": str(tmp_path / "s.gpkg")})
    clear_error(e, "N_TERRITORIES_LIST", "4-300000")
    assert not (tmp_path / "s.gpkg").exists()
    from optima.optima_plugin.core.errors import InputError
    from optima.optima_plugin.core.scenarios import parse_number_list
    with pytest.raises(InputError, match="at most"):
        parse_number_list("4-3000000000", "N", integer=True, minimum=1)


# ============================================================================ 7 messages naming the culprit
def test_hubs_far_away_are_named_as_outside(run_alg, tmp_path):
    hubs = point_layer([(["H1", 1.0], (500000, 500000)), (["H2", 1.0], (500100, 500100))], name="hubs")
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, polygon_layer(grid_rows(3)), HUBS=hubs)
    clear_error(e, "H1", "H2", "C0008", "outside every commune", "km")


def test_blank_identifiers_are_named(run_alg, tmp_path):
    rows = grid_rows(3)
    rows[3] = (["  ", rows[3][0][1], rows[3][0][2]], rows[3][1])
    rows[5] = ([None, rows[5][0][1], rows[5][0][2]], rows[5][1])
    lyr = polygon_layer(rows)
    fids = [f.id() for f in lyr.getFeatures()]
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, lyr)
    msg = clear_error(e, "code", "no identifier", str(fids[3]), str(fids[5]))
    assert "duplicate identifier(s) ." not in msg


def test_lock_conflict_in_a_group_named_by_values(run_alg, tmp_path):
    rows = [([code, nom, pop, "EPCI-A" if i < 3 else "EPCI-B", "Nord" if i == 0 else ("Sud" if i == 1 else None)], g)
            for i, ([code, nom, pop], g) in enumerate(grid_rows(3))]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=epci:string"
                                     "&field=lock:string")
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, lyr, KEEP_WHOLE_FIELD="epci", LOCK_FIELD="lock")
    clear_error(e, "EPCI-A", "Nord", "Sud", "C0000", "C0001", "epci", "lock")


def test_locate_territory_nulls_are_named(run_alg, tmp_path):
    rows = [([code, nom, pop, None if i in (2, 7) else "T1"], g) for i, ([code, nom, pop], g) in enumerate(grid_rows(3))]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string")
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                         "TERRITORY_FIELD": "terr", "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                         "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    clear_error(e, "terr", "C0002", "C0007")


def test_every_place_too_far_from_roads_says_so(run_alg, tmp_path):
    from reliability_helpers import line_layer
    roads = line_layer([(["r"], [(900000, 900000), (901000, 900000)])])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": polygon_layer(grid_rows(3)), "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop",
                         "N_SITES": 1, "NETWORK": roads, "MAX_SNAP_M": 1000, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                         "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    msg = clear_error(e, "MAX_SNAP_M", "C0000")
    assert "every demand weight is 0" not in msg


# ============================================================================ 8 silent ambiguity
def test_matrix_duplicate_identifiers_refused(run_alg, tmp_path):
    pts = point_layer([(["A", 1.0], (0, 0)), (["A", 1.0], (1000, 0)), (["B", 1.0], (2000, 0))])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(MATRIX, {"ORIGINS": pts, "DESTINATIONS": pts, "ORIGIN_ID_FIELD": "code", "DEST_ID_FIELD": "code",
                         "OUTPUT": "TEMPORARY_OUTPUT"})
    clear_error(e, "code", "duplicate", "A")


def test_report_warns_when_layers_come_from_different_runs(run_alg, tmp_path):
    cluster(run_alg, tmp_path, polygon_layer(grid_rows(3)))
    other = tmp_path / "other"
    other.mkdir()
    cluster(run_alg, other, polygon_layer(grid_rows(4, x0=50000)), k=3)
    res = run_alg("optima:territorialisation_report", {
        "COMMUNES": str(tmp_path / "c.gpkg"), "TERRITORIES": str(other / "t.gpkg"),
        "OUTPUT_HTML": str(tmp_path / "r.html")})
    assert "different runs" in res["_log"]
    assert "3" in res["_log"]


# ============================================================================ 9 documented chains
def test_locate_sites_feed_premises_requirements(run_alg, tmp_path):
    """README chain: locate_service_sites -> premises_requirements on locate's own OUTPUT_SITES."""
    run_alg(LOCATE, {"DEMAND": polygon_layer(grid_rows(3)), "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop",
                     "N_SITES": 2, "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    sites = read_layer(tmp_path / "s.gpkg")
    cat = QgsVectorLayer("None?field=service:string&field=effectif_pour_1000_hab:double&field=part_terrain:string"
                         "&field=recommendation:string", "cat", "memory")
    from qgis.core import QgsFeature
    feats = []
    for r in (("Voirie", 2.0, "0,5", "territorialise"), ("Finances", 5.0, "0", "centralise")):
        f = QgsFeature(cat.fields())
        f.setAttributes(list(r))
        feats.append(f)
    cat.dataProvider().addFeatures(feats)
    res = run_alg("optima:premises_requirements", {"SITES": str(tmp_path / "s.gpkg"), "CATALOGUE": cat,
                                                   "OUTPUT": str(tmp_path / "p.gpkg")})
    out = read_layer(tmp_path / "p.gpkg")
    assert len(out) == len(sites) == 2
    assert "served_pop" in res["_log"]
    # Voirie 2 per 1,000 inhabitants of the population SERVED (not the site commune's own pop)
    served = {f["site_id"]: f["served_pop"] for f in sites}
    assert sum(served.values()) == pytest.approx(sum(p for _, _, p in (r[0] for r in grid_rows(3))))
    for f in out:
        assert f["staff_total"] == pytest.approx(2.0 * served[f["site_id"]] / 1000.0, rel=1e-6)

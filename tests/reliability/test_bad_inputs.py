"""Whatever layer an officer feeds in: a clear error naming the field or feature, or a documented
treatment checked on the output (every commune still there) — never a silently shorter output.

Every case goes through processing.run (fixture run_alg) on small memory layers.
"""
import pytest
from qgis.core import (
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)
from reliability_helpers import grid_rows, line_layer, point_layer, polygon_layer, read_layer, square

CLUSTER = "optima:cluster_territories"
LOCATE = "optima:locate_service_sites"
INDIC = "optima:territory_indicators"
MATRIX = "optima:travel_time_matrix"
ADJ = "optima:adjacency_network"

BOWTIE = "POLYGON((0 0, 1000 1000, 1000 0, 0 1000, 0 0))"


def cluster(run_alg, tmp_path, lyr, k=2, **extra):
    params = {"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": k,
              "BALANCE_TOLERANCE": 30, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}
    params.update(extra)
    return run_alg(CLUSTER, params)


def clear_error(excinfo, *words):
    """The message is readable (no traceback) and names every word given."""
    msg = str(excinfo.value)
    assert "Traceback" not in msg, msg
    assert "Unexpected error" not in msg, msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


def grid(n=3, m=None, **kw):
    return polygon_layer(grid_rows(n, m, **kw))


def two_sites_layer(crs="EPSG:2154", xy=((500, 500), (2500, 2500)), fields="code:string&field=cap:double"):
    return point_layer([([f"S{k + 1}", 1.0], p) for k, p in enumerate(xy)], fields=fields, crs=crs, name="sites")


def indicators(run_alg, tmp_path, communes, sites, **extra):
    params = {"COMMUNES": communes, "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": sites,
              "SITE_ID_FIELD": "code", "THRESHOLD_MIN": 5.0, "OUTPUT_COMMUNES": str(tmp_path / "ic.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / "it.gpkg"), "OUTPUT_SITES": str(tmp_path / "is.gpkg")}
    params.update(extra)
    return run_alg(INDIC, params)


def terr_grid(n=3, crs="EPSG:2154", x0=0.0, y0=0.0, size=1000.0):
    """n x n squares with a territory: left column(s) T1, the others T2."""
    rows = [([code, nom, pop, "T1" if (i % n) < n // 2 + n % 2 else "T2"], geom)
            for i, ([code, nom, pop], geom) in enumerate(grid_rows(n, x0=x0, y0=y0, size=size))]
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string", crs=crs)


# ============================================================================ geometries
def test_bowtie_polygon_is_repaired_and_said(run_alg, tmp_path):
    rows = grid_rows(3)
    rows[0] = (rows[0][0], BOWTIE)  # self-intersecting bow-tie in place of the first square
    res = cluster(run_alg, tmp_path, polygon_layer(rows))
    assert "repaired" in res["_log"]
    out = read_layer(tmp_path / "c.gpkg")
    assert sorted(f["code"] for f in out) == [f"C{i:04d}" for i in range(9)]
    bow = next(f for f in out if f["code"] == "C0000")
    assert bow["_geom"].isGeosValid() and bow["_geom"].area() == pytest.approx(500000.0)
    assert all(f["territory"] in (1, 2) for f in out)


def test_bowtie_polygon_indicators_keep_every_commune(run_alg, tmp_path):
    lyr = terr_grid(3)
    f0 = next(lyr.getFeatures())
    lyr.dataProvider().changeGeometryValues({f0.id(): QgsGeometry.fromWkt(BOWTIE)})
    res = indicators(run_alg, tmp_path, lyr, two_sites_layer())
    assert len(read_layer(res["OUTPUT_COMMUNES"])) == 9


def test_empty_geometry_names_the_feature(run_alg, tmp_path):
    rows = grid_rows(3)
    rows[4] = (rows[4][0], "POLYGON EMPTY")
    lyr = polygon_layer(rows)
    fid = [f.id() for f in lyr.getFeatures()][4]
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, lyr)
    clear_error(e, "INPUT", "no geometry", str(fid))
    assert not (tmp_path / "c.gpkg").exists()


def test_null_geometry_names_the_feature(run_alg, tmp_path):
    rows = grid_rows(3)
    rows[2] = (rows[2][0], None)
    lyr = polygon_layer(rows)
    fid = [f.id() for f in lyr.getFeatures()][2]
    for alg, params in ((CLUSTER, {"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 2,
                                   "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT", "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"}),
                        (ADJ, {"INPUT": lyr, "OUTPUT": "TEMPORARY_OUTPUT"}),
                        (MATRIX, {"ORIGINS": lyr, "DESTINATIONS": lyr, "OUTPUT": "TEMPORARY_OUTPUT"})):
        with pytest.raises(QgsProcessingException) as e:
            run_alg(alg, params)
        clear_error(e, "no geometry", str(fid))


def test_multipart_commune_is_kept_whole(run_alg, tmp_path):
    rows = grid_rows(3)
    # C0008 gets a second part detached from the grid (an exclave)
    rows[8] = (rows[8][0], f"MULTIPOLYGON((({2000} {2000}, {3000} {2000}, {3000} {3000}, {2000} {3000}, {2000} {2000})),"
                           f"(({5000} {5000}, {5500} {5000}, {5500} {5500}, {5000} {5500}, {5000} {5000})))")
    cluster(run_alg, tmp_path, polygon_layer(rows))
    out = {f["code"]: f for f in read_layer(tmp_path / "c.gpkg")}
    assert len(out) == 9
    g = out["C0008"]["_geom"]
    assert g.isMultipart() and len(g.asMultiPolygon()) == 2
    assert g.area() == pytest.approx(1_250_000.0)
    terr = read_layer(tmp_path / "t.gpkg")
    assert sum(t["n_communes"] for t in terr) == 9


# ============================================================================ population
def _text_pop_layer(values):
    rows = [([code, nom, v], geom) for v, ([code, nom, _], geom) in zip(values, grid_rows(2))]
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:string")


def test_text_population_names_field_and_feature(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, _text_pop_layer(["100", "abc", "300", "400"]))
    clear_error(e, "'pop'", "C0001", "abc")


def test_text_population_with_thousands_space_is_accepted(run_alg, tmp_path):
    res = cluster(run_alg, tmp_path, _text_pop_layer(["1 234", "100", "1\u00a0000", "50"]), k=1)
    terr = read_layer(tmp_path / "t.gpkg")
    assert terr[0]["pop"] == pytest.approx(1234 + 100 + 1000 + 50)
    assert res["N_TERRITORIES_OUT"] == 1
    # the original text is written back unchanged
    assert sorted(f["pop"] for f in read_layer(tmp_path / "c.gpkg")) == sorted(["1 234", "100", "1\u00a0000", "50"])


def test_null_population_names_field_and_feature(run_alg, tmp_path):
    rows = grid_rows(2)
    rows[3][0][2] = None
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, polygon_layer(rows))
    clear_error(e, "'pop'", "C0003", "NULL")


def test_negative_population_names_field_and_feature(run_alg, tmp_path):
    rows = grid_rows(2)
    rows[1][0][2] = -5.0
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, polygon_layer(rows))
    clear_error(e, "'pop'", "C0001", "negative")


def test_negative_population_in_indicators_names_the_feature(run_alg, tmp_path):
    lyr = terr_grid(3)
    f = list(lyr.getFeatures())[5]
    lyr.dataProvider().changeAttributeValues({f.id(): {lyr.fields().indexOf("pop"): -1.0}})
    with pytest.raises(QgsProcessingException) as e:
        indicators(run_alg, tmp_path, lyr, two_sites_layer())
    clear_error(e, "'pop'", "negative", "N0005")


def test_negative_weight_in_location_names_the_feature(run_alg, tmp_path):
    pts = point_layer([([f"P{i}", -3.0 if i == 2 else 10.0], (i * 1000.0, 0.0)) for i in range(5)])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": pts, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                         "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    clear_error(e, "'pop'", "P2")


def test_zero_population_is_fine_and_kept(run_alg, tmp_path):
    rows = grid_rows(3)
    for r in (0, 1, 2):
        rows[r][0][2] = 0.0
    cluster(run_alg, tmp_path, polygon_layer(rows))
    out = read_layer(tmp_path / "c.gpkg")
    assert len(out) == 9 and all(f["territory"] in (1, 2) for f in out)


def test_all_zero_population_is_fine(run_alg, tmp_path):
    cluster(run_alg, tmp_path, polygon_layer(grid_rows(3, pop=[0] * 9)))
    assert len(read_layer(tmp_path / "c.gpkg")) == 9


# ============================================================================ identifiers
def test_duplicate_ids_name_the_id(run_alg, tmp_path):
    rows = grid_rows(3)
    rows[5][0][0] = "C0002"
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, polygon_layer(rows))
    clear_error(e, "'code'", "duplicate", "C0002")


def test_duplicate_ids_in_location_name_the_id(run_alg, tmp_path):
    pts = point_layer([(["P1" if i in (1, 3) else f"P{i}", 10.0], (i * 1000.0, 0.0)) for i in range(5)])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": pts, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                         "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    clear_error(e, "'code'", "P1")


def test_null_id_is_refused(run_alg, tmp_path):
    rows = grid_rows(2)
    rows[2][0][0] = None
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, polygon_layer(rows))
    clear_error(e, "'code'", "NULL")


# ============================================================================ CRS
def _wgs84_grid(n=3):
    """n x n squares of ~0.01 degree near Toulouse, in EPSG:4326."""
    rows = []
    for r in range(n):
        for c in range(n):
            i = r * n + c
            x, y = 1.40 + c * 0.01, 43.55 + r * 0.01
            rows.append(([f"C{i:04d}", f"N{i:04d}", 100.0 + i],
                         f"POLYGON(({x} {y}, {x + 0.01} {y}, {x + 0.01} {y + 0.01}, {x} {y + 0.01}, {x} {y}))"))
    return polygon_layer(rows, crs="EPSG:4326")


def test_geographic_crs_is_reprojected_and_said(run_alg, tmp_path):
    res = cluster(run_alg, tmp_path, _wgs84_grid())
    assert "reprojected" in res["_log"] and "EPSG:2154" in res["_log"]
    lyr = QgsVectorLayer(str(tmp_path / "t.gpkg"), "t", "ogr")
    assert lyr.crs().authid() == "EPSG:2154"
    terr = read_layer(tmp_path / "t.gpkg")
    # areas in km2, not square degrees: ~0.81 x 1.11 km per cell at 43.5 N
    assert sum(t["area_km2"] for t in terr) == pytest.approx(9 * 0.0001 * 111.2 * 80.7, rel=0.03)
    assert len(read_layer(tmp_path / "c.gpkg")) == 9


def test_different_crs_between_layers_share_one(run_alg, tmp_path):
    # communes in Lambert-93 near Toulouse; sites given in WGS84
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY
    x0, y0 = 570000.0, 6280000.0
    communes = terr_grid(3, x0=x0, y0=y0)
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsProject.instance())
    xy = []
    for px, py in ((x0 + 500, y0 + 500), (x0 + 2500, y0 + 2500)):
        p = ct.transform(QgsPointXY(px, py))
        xy.append((p.x(), p.y()))
    sites = two_sites_layer(crs="EPSG:4326", xy=xy)
    res = indicators(run_alg, tmp_path, communes, sites)
    assert "SITES: reprojected" in res["_log"]
    out = read_layer(res["OUTPUT_SITES"])
    # each site found inside its commune (not "outside every commune" because of degrees)
    assert all(f["outside_communes_m"] is None for f in out), out
    assert {f["territory"] for f in out} == {"T1", "T2"}
    assert len(read_layer(res["OUTPUT_COMMUNES"])) == 9


# ============================================================================ topology
def test_island_commune_is_kept_and_explained(run_alg, tmp_path):
    rows = grid_rows(3) + [(["ISL", "Île-de-Bréhat", 50.0], square(20000, 20000))]
    res = cluster(run_alg, tmp_path, polygon_layer(rows))
    out = {f["code"]: f for f in read_layer(tmp_path / "c.gpkg")}
    assert len(out) == 10
    assert out["ISL"]["territory"] in (1, 2)
    assert "island" in res["_log"].lower()


def test_island_in_adjacency_network_flagged_and_ferry_linked(run_alg, tmp_path):
    rows = grid_rows(2) + [(["ISL", "Île-de-Bréhat", 50.0], square(20000, 20000))]
    lyr = polygon_layer(rows)
    res = run_alg(ADJ, {"INPUT": lyr, "ID_FIELD": "code", "OUTPUT": str(tmp_path / "n.gpkg"),
                        "OUTPUT_ISLANDS": str(tmp_path / "i.gpkg")})
    assert res["N_ISLANDS"] == 1 and res["N_COMPONENTS"] == 2
    assert "ISL (Île-de-Bréhat)" in res["_log"] and "unreachable" in res["_log"]
    isl = {f["code"]: f["island"] for f in read_layer(tmp_path / "i.gpkg")}
    assert isl == {"C0000": 0, "C0001": 0, "C0002": 0, "C0003": 0, "ISL": 1}
    res = run_alg(ADJ, {"INPUT": lyr, "ID_FIELD": "code", "LINK_ISLANDS": True, "FERRY_MIN": 25,
                        "OUTPUT": str(tmp_path / "n2.gpkg")})
    assert res["N_COMPONENTS"] == 1
    ferry = [f for f in read_layer(tmp_path / "n2.gpkg") if f["kind"] == "ferry"]
    assert len(ferry) == 1 and "ISL" in (ferry[0]["from_id"], ferry[0]["to_id"])
    assert ferry[0]["time_min"] == pytest.approx(25.0)


def test_island_in_indicators_is_ferry_linked_and_said(run_alg, tmp_path):
    rows = [([code, nom, pop, "T1"], geom) for [code, nom, pop], geom in grid_rows(2)]
    rows.append((["ISL", "Île", 50.0, "T1"], square(20000, 20000)))
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string")
    res = indicators(run_alg, tmp_path, lyr, two_sites_layer(xy=((500, 500),)))
    out = {f["code"]: f for f in read_layer(res["OUTPUT_COMMUNES"])}
    assert len(out) == 5
    # the proxy network joins a commune with no neighbour by a 30-minute ferry link, and says so
    assert "ferry" in res["_log"] and "1 island" in res["_log"]
    assert out["ISL"]["unreachable"] == 0 and out["ISL"]["time_min"] >= 30.0
    assert out["ISL"]["within_threshold"] == 0


def test_enclave_commune_inside_another(run_alg, tmp_path):
    outer = ("POLYGON((0 0, 3000 0, 3000 3000, 0 3000, 0 0), (1000 1000, 2000 1000, 2000 2000, 1000 2000, 1000 1000))")
    rows = [(["OUT", "Outer", 500.0], outer), (["ENC", "Enclave", 300.0], square(1000, 1000)),
            (["EAST", "East", 400.0], square(3000, 0, 3000))]
    lyr = polygon_layer(rows)
    res = run_alg(ADJ, {"INPUT": lyr, "ID_FIELD": "code", "OUTPUT": str(tmp_path / "n.gpkg")})
    links = {frozenset((f["from_id"], f["to_id"])) for f in read_layer(tmp_path / "n.gpkg")}
    assert frozenset(("OUT", "ENC")) in links and res["N_ISLANDS"] == 0
    cluster(run_alg, tmp_path, lyr, k=2)
    out = {f["code"]: f for f in read_layer(tmp_path / "c.gpkg")}
    assert len(out) == 3
    # the enclave can only be joined to the commune around it
    terr = read_layer(tmp_path / "t.gpkg")
    assert all(t["contiguous"] == 1 for t in terr)


# ============================================================================ roads
def _points_on_line(n=4, y=0.0, x0=0.0, step=1000.0, prefix="P"):
    return [([f"{prefix}{i}", 10.0], (x0 + i * step, y)) for i in range(n)]


def test_disconnected_road_network_flags_unreachable_pairs(run_alg, tmp_path):
    roads = line_layer([(["a"], [(0, 0), (3000, 0)]), (["b"], [(20000, 0), (23000, 0)])])
    orig = point_layer(_points_on_line(2, y=10))
    dest = point_layer([(["D0", 1.0], (1000, 10)), (["D1", 1.0], (22000, 10))])
    res = run_alg(MATRIX, {"ORIGINS": orig, "ORIGIN_ID_FIELD": "code", "DESTINATIONS": dest, "DEST_ID_FIELD": "code",
                           "NETWORK": roads, "OUTPUT": str(tmp_path / "m.gpkg")})
    rows = read_layer(tmp_path / "m.gpkg")
    assert len(rows) == 4  # every pair is written
    by = {(r["origin_id"], r["dest_id"]): r for r in rows}
    assert by[("P0", "D1")]["time_min"] is None and by[("P1", "D1")]["time_min"] is None
    assert by[("P0", "D0")]["time_min"] > 0
    assert res["N_UNREACHABLE"] == 2
    assert "2 connected component" in res["_log"] and "unreachable" in res["_log"]


def _segments(x0, x1, step=1000.0, y=0.0, name="r"):
    """A straight road cut into ``step`` m features (places snap to road nodes: line ends)."""
    xs = [x0 + k * step for k in range(int((x1 - x0) / step) + 1)]
    return [([name], [(a, y), (b, y)]) for a, b in zip(xs[:-1], xs[1:])]


def test_disconnected_road_network_in_location_flags_demand(run_alg, tmp_path):
    roads = line_layer(_segments(0, 3000) + _segments(20000, 23000))
    demand = point_layer(_points_on_line(3, y=10) + [(["FAR", 10.0], (22000, 10))])
    cand = point_layer([(["S1", 1.0], (1000, 0))])
    res = run_alg(LOCATE, {"DEMAND": demand, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": cand,
                           "CANDIDATE_ID_FIELD": "code", "N_SITES": 1, "NETWORK": roads,
                           "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg"),
                           "OUTPUT_LINES": str(tmp_path / "l.gpkg")})
    alloc = {f["code"]: f for f in read_layer(tmp_path / "a.gpkg")}
    assert len(alloc) == 4
    assert alloc["FAR"]["unreachable"] == 1 and alloc["FAR"]["site_id"] is None
    assert all(alloc[c]["unreachable"] == 0 and alloc[c]["site_id"] == "S1" for c in ("P0", "P1", "P2"))
    assert "unreachable" in res["_log"]
    assert len(read_layer(tmp_path / "l.gpkg")) == 3  # no line for the unreachable one


def test_zero_length_and_self_loop_roads_are_ignored_and_counted(run_alg, tmp_path):
    roads = line_layer([(["a"], [(0, 0), (3000, 0)]), (["zero"], [(1000, 0), (1000, 0)]),
                        (["loop"], [(3000, 0), (3500, 500), (3000, 1000), (3000, 0)])])
    orig = point_layer([(["O", 1.0], (0, 0))])
    dest = point_layer([(["D", 1.0], (3000, 0))])
    res = run_alg(MATRIX, {"ORIGINS": orig, "ORIGIN_ID_FIELD": "code", "DESTINATIONS": dest, "DEST_ID_FIELD": "code",
                           "NETWORK": roads, "DEFAULT_SPEED_KMH": 60, "OUTPUT": str(tmp_path / "m.gpkg")})
    rows = read_layer(tmp_path / "m.gpkg")
    assert len(rows) == 1 and rows[0]["time_min"] == pytest.approx(3.0, rel=1e-6)
    assert rows[0]["dist_km"] == pytest.approx(3.0, rel=1e-6)
    assert "zero-length" in res["_log"]


def test_place_too_far_from_roads_is_unreachable_not_dropped(run_alg, tmp_path):
    roads = line_layer(_segments(0, 3000))
    demand = point_layer(_points_on_line(3, y=10) + [(["FAR", 10.0], (1000, 50000))])
    res = run_alg(LOCATE, {"DEMAND": demand, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                           "NETWORK": roads, "MAX_SNAP_M": 500, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                           "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg")})
    alloc = {f["code"]: f for f in read_layer(tmp_path / "a.gpkg")}
    assert len(alloc) == 4 and alloc["FAR"]["unreachable"] == 1
    assert "too far" in res["_log"]


# ============================================================================ K
def test_k_greater_than_communes_is_clear(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, grid(2), k=9)
    msg = clear_error(e, "9")
    assert "4" in msg
    assert not (tmp_path / "c.gpkg").exists() and not (tmp_path / "t.gpkg").exists()


def test_more_sites_than_candidates_is_clear(run_alg, tmp_path):
    demand = point_layer(_points_on_line(5))
    cand = point_layer([(["S1", 1.0], (0, 0)), (["S2", 1.0], (2000, 0))])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": demand, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": cand,
                         "CANDIDATE_ID_FIELD": "code", "N_SITES": 3, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                         "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    clear_error(e, "3", "2")


def test_k_equal_one_gives_one_territory_with_everything(run_alg, tmp_path):
    res = cluster(run_alg, tmp_path, grid(3), k=1)
    out = read_layer(tmp_path / "c.gpkg")
    assert len(out) == 9 and {f["territory"] for f in out} == {1}
    terr = read_layer(tmp_path / "t.gpkg")
    assert len(terr) == 1 and terr[0]["n_communes"] == 9
    assert terr[0]["pop"] == pytest.approx(sum(100 + (i * 37) % 400 for i in range(9)))
    assert res["MAX_DEVIATION_PCT"] == pytest.approx(0.0)


def test_k_equal_communes_gives_one_commune_each(run_alg, tmp_path):
    cluster(run_alg, tmp_path, grid(2), k=4)
    out = read_layer(tmp_path / "c.gpkg")
    assert sorted(f["territory"] for f in out) == [1, 2, 3, 4]


# ============================================================================ empty layers / selection
def test_empty_layer_is_clear(run_alg, tmp_path):
    empty = polygon_layer([])
    for alg, params in ((CLUSTER, {"INPUT": empty, "POPULATION_FIELD": "pop", "N_TERRITORIES": 2,
                                   "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
                                   "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")}),
                        (ADJ, {"INPUT": empty, "OUTPUT": str(tmp_path / "n.gpkg")}),
                        (LOCATE, {"DEMAND": empty, "WEIGHT_FIELD": "pop", "N_SITES": 1,
                                  "OUTPUT_SITES": str(tmp_path / "s.gpkg"),
                                  "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg")}),
                        (MATRIX, {"ORIGINS": empty, "DESTINATIONS": empty, "OUTPUT": str(tmp_path / "m.gpkg")})):
        with pytest.raises(QgsProcessingException) as e:
            run_alg(alg, params)
        clear_error(e, "no features")
    assert not list(tmp_path.glob("*.gpkg"))


def test_empty_sites_layer_is_clear(run_alg, tmp_path):
    sites = point_layer([], fields="code:string&field=cap:double")
    with pytest.raises(QgsProcessingException) as e:
        indicators(run_alg, tmp_path, terr_grid(3), sites)
    clear_error(e, "SITES", "no features")


def test_selected_only_with_nothing_selected_is_clear(optima, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    lyr = grid(3)
    QgsProject.instance().addMapLayer(lyr)

    def run(src):
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        return processing.run(CLUSTER, {
            "INPUT": src, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 2,
            "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")},
            context=ctx, feedback=QgsProcessingFeedback())
    try:
        lyr.removeSelection()
        src = QgsProcessingFeatureSourceDefinition(lyr.id(), selectedFeaturesOnly=True)
        with pytest.raises(QgsProcessingException) as e:
            run(src)
        clear_error(e, "INPUT", "selected")
        assert not (tmp_path / "c.gpkg").exists()
        # and with a selection: only the selected communes, all of them
        lyr.selectByExpression("\"code\" IN ('C0000', 'C0001', 'C0003', 'C0004')")
        run(src)
        assert sorted(f["code"] for f in read_layer(tmp_path / "c.gpkg")) == ["C0000", "C0001", "C0003", "C0004"]
    finally:
        QgsProject.instance().removeMapLayer(lyr.id())


# ============================================================================ sites / demand
def test_site_outside_every_commune_is_placed_and_said(run_alg, tmp_path):
    sites = two_sites_layer(xy=((500, 500), (2500, 2500), (9000, 9000)))
    res = indicators(run_alg, tmp_path, terr_grid(3), sites)
    out = {f["code"]: f for f in read_layer(res["OUTPUT_SITES"])}
    assert len(out) == 3
    assert out["S3"]["outside_communes_m"] == pytest.approx(((9000 - 3000) ** 2 * 2) ** 0.5, rel=1e-6)
    assert "outside every commune" in res["_log"] and "S3" in res["_log"]
    assert len(read_layer(res["OUTPUT_COMMUNES"])) == 9


def test_candidate_outside_every_commune_in_location(run_alg, tmp_path):
    cand = point_layer([(["S1", 1.0], (500, 500)), (["OUT", 1.0], (50000, 50000))])
    res = run_alg(LOCATE, {"DEMAND": grid(3), "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": cand,
                           "CANDIDATE_ID_FIELD": "code", "N_SITES": 1, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                           "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg")})
    assert "outside every commune" in res["_log"]
    assert len(read_layer(tmp_path / "a.gpkg")) == 9


def test_hub_outside_every_commune_uses_the_nearest(run_alg, tmp_path):
    hubs = point_layer([(["H1", 0.0], (-5000, 500)), (["H2", 0.0], (2500, 2500))])
    res = cluster(run_alg, tmp_path, grid(3), k=2, HUBS=hubs)
    assert "outside every commune" in res["_log"]
    terr = {t["hub"] for t in read_layer(tmp_path / "t.gpkg")}
    assert terr == {"C0000", "C0008"}


def test_cutoff_nobody_meets_in_coverage_is_reported_not_dropped(run_alg, tmp_path):
    demand = point_layer(_points_on_line(5, step=10000))
    res = run_alg(LOCATE, {"DEMAND": demand, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 1,
                           "PROBLEM": 2, "CUTOFF_MIN": 0.001, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
                           "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg")})
    alloc = read_layer(tmp_path / "a.gpkg")
    assert len(alloc) == 5
    # only the demand at the open site itself is within the cutoff
    assert sum(f["within_cutoff"] == 1 for f in alloc) == 1
    assert res["COVERAGE_PCT"] == pytest.approx(20.0)


def test_cutoff_nobody_meets_in_set_covering_is_clear(run_alg, tmp_path):
    demand = point_layer(_points_on_line(3, step=10000))
    cand = point_layer([(["S1", 1.0], (5000, 5000))])
    with pytest.raises(QgsProcessingException) as e:
        run_alg(LOCATE, {"DEMAND": demand, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": cand,
                         "CANDIDATE_ID_FIELD": "code", "N_SITES": 1, "PROBLEM": 3, "CUTOFF_MIN": 1,
                         "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg")})
    clear_error(e, "P0")
    assert not list(tmp_path.glob("*.gpkg"))


def test_threshold_nobody_meets_in_indicators(run_alg, tmp_path):
    res = indicators(run_alg, tmp_path, terr_grid(3, size=50000), two_sites_layer(xy=((25000, 25000),)),
                     THRESHOLD_MIN=0.5)
    out = read_layer(res["OUTPUT_COMMUNES"])
    assert len(out) == 9
    assert sum(f["within_threshold"] for f in out) == 1  # the commune of the site only
    assert res["COVERAGE_PCT"] < 20


def test_cutoff_nobody_meets_in_matrix_keeps_rows_empty(run_alg, tmp_path):
    orig = point_layer(_points_on_line(3, step=10000))
    res = run_alg(MATRIX, {"ORIGINS": orig, "ORIGIN_ID_FIELD": "code", "DESTINATIONS": orig, "DEST_ID_FIELD": "code",
                           "CUTOFF_MIN": 0.001, "OUTPUT": str(tmp_path / "m.gpkg")})
    rows = read_layer(tmp_path / "m.gpkg")
    assert len(rows) == 9
    assert sum(r["time_min"] is not None for r in rows) == 3  # the diagonal only
    assert res["N_BEYOND_CUTOFF"] == 6


# ============================================================================ names
NAMES = ["Castelnau-d'Estrétefonds", "Saint-Béat-Lez", "L'Isle-en-Dodon", "Œuilly", "Bagnères-de-Luchon",
         "Saint-Gaudens", "Montréjeau", "Aspet", "Salies-du-Salat"]


def test_non_ascii_names_come_out_unchanged(run_alg, tmp_path):
    rows = [([nm, nm, pop], geom) for nm, ([_, _, pop], geom) in zip(NAMES, grid_rows(3))]
    lyr = polygon_layer(rows)
    cluster(run_alg, tmp_path, lyr, k=3)
    out = read_layer(tmp_path / "c.gpkg")
    assert sorted(f["nom"] for f in out) == sorted(NAMES)
    assert all(f["code"] == f["nom"] for f in out)
    assert {t["hub"] for t in read_layer(tmp_path / "t.gpkg")} <= set(NAMES)
    # the proxy network too
    run_alg(ADJ, {"INPUT": lyr, "ID_FIELD": "code", "OUTPUT": str(tmp_path / "n.gpkg")})
    ids = {f["from_id"] for f in read_layer(tmp_path / "n.gpkg")} | {f["to_id"] for f in read_layer(tmp_path / "n.gpkg")}
    assert ids == set(NAMES)
    # and the travel-time matrix
    run_alg(MATRIX, {"ORIGINS": lyr, "ORIGIN_ID_FIELD": "nom", "DESTINATIONS": lyr, "DEST_ID_FIELD": "nom",
                     "OUTPUT": str(tmp_path / "m.gpkg")})
    assert {r["origin_id"] for r in read_layer(tmp_path / "m.gpkg")} == set(NAMES)


def test_non_ascii_error_message_names_the_commune(run_alg, tmp_path):
    rows = [([nm, nm, "abc" if k == 1 else "10"], geom) for k, (nm, (_, geom)) in enumerate(zip(NAMES[:4],
                                                                                                 grid_rows(2)))]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:string")
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, lyr, k=1)
    clear_error(e, "Saint-Béat-Lez", "'pop'")



def test_more_territories_than_locks_allow_is_said(run_alg, tmp_path):
    """Two communes locked to the same territory: 6 communes make at most 5 territories."""
    rows = [([a[0], a[1], a[2], "A" if i in (0, 5) else None], g) for i, (a, g) in enumerate(grid_rows(2, 3))]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=lk:string")
    with pytest.raises(QgsProcessingException) as e:
        cluster(run_alg, tmp_path, lyr, k=6, LOCK_FIELD="lk")
    clear_error(e, "at most 5", "k must be <= 5", "N0000 (C0000)", "N0005 (C0005)", "territory 'A'")
    assert "territory 0" not in str(e.value)                # the lock's value, not an internal code
    assert not (tmp_path / "c.gpkg").exists()

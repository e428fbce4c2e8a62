"""optima:adjacency_network, optima:travel_time_matrix, optima:build_road_graph through processing.run.

Known answers on a hand-built network, the real communes of Haute-Garonne (proxy network), the real
OpenStreetMap sample of Helsinki (EPSG:4326), and every bad input the algorithms must refuse or treat.
"""
import math
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_file(name):
    p = SHARED / name
    if not p.exists():
        pytest.skip(f"real data not available: {p} (../shared/data is absent)")
    return p


def layer(path):
    lyr = QgsVectorLayer(str(path), "l", "ogr")
    assert lyr.isValid(), path
    return lyr

# hand-built network near Toulouse (Lambert-93), so that a WGS84 copy falls in France
X0, Y0 = 570000.0, 6280000.0
A, B, C, D = (X0, Y0), (X0 + 1000, Y0), (X0 + 2000, Y0), (X0 + 1000, Y0 + 1000)


@pytest.fixture
def run(run_alg):
    """run_alg's feedback records infos, warnings and errors in ``_log``."""
    return run_alg


def rows(path_or_layer, key=None):
    lyr = path_or_layer if isinstance(path_or_layer, QgsVectorLayer) else layer(path_or_layer)
    names = lyr.fields().names()
    out = []
    for f in lyr.getFeatures():
        d = {n: (None if f[n] is None or (hasattr(f[n], "isNull") and f[n].isNull()) else f[n]) for n in names}
        d["_geom"] = QgsGeometry(f.geometry())
        out.append(d)
    return out


def mem_lines(lines, crs="EPSG:2154", fields="field=speed:double&field=oneway:string"):
    """lines: [(coords, speed, oneway)] -> memory layer."""
    lyr = QgsVectorLayer(f"LineString?crs={crs}&{fields}", "n", "memory")
    feats = []
    for coords, speed, oneway in lines:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*c) for c in coords]))
        f.setAttributes([speed, oneway])
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)
    return lyr


def mem_points(points, crs="EPSG:2154"):
    """points: [(name, (x, y))] -> memory layer with a 'name' field."""
    lyr = QgsVectorLayer(f"Point?crs={crs}&field=name:string", "p", "memory")
    feats = []
    for name, (x, y) in points:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([name])
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)
    return lyr


def mem_squares(cells, crs="EPSG:2154", size=1000.0):
    """cells: [(id, col, row)] -> square polygons with an 'id' and a 'nom' field."""
    lyr = QgsVectorLayer(f"Polygon?crs={crs}&field=id:string&field=nom:string", "c", "memory")
    feats = []
    for cid, col, row in cells:
        x, y = X0 + col * size, Y0 + row * size
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromWkt(
            f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"))
        f.setAttributes([cid, f"commune {cid}"])
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)
    return lyr


def hand_network(speed_db=None):
    # A-B 1 km at 60 (1 min); B->C 1 km at 30, ONE-WAY (2 min); C-D 1.414 km at 60; D-B 1 km, speed given
    # by speed_db (None = default speed 60 -> 1 min); a zero-length line, dropped and counted.
    return mem_lines([
        ([A, B], 60.0, "no"),
        ([B, C], 30.0, "yes"),
        ([C, D], 60.0, None),
        ([D, B], speed_db, "no"),
        ([(X0 + 5000, Y0), (X0 + 5000, Y0)], 50.0, "no"),
    ])


def matrix(run, tmp_path, origins, dests, name="m", **params):
    p = {"ORIGINS": origins, "DESTINATIONS": dests, "OUTPUT": str(tmp_path / f"{name}.gpkg")}
    p.update(params)
    res = run("optima:travel_time_matrix", p)
    table = {(r["origin_id"], r["dest_id"]): r for r in rows(res["OUTPUT"])}
    return res, table


HAND = dict(SPEED_FIELD="speed", ONEWAY_FIELD="oneway", DEFAULT_SPEED_KMH=60)


# ------------------------------------------------------------------ hand-built network
def test_hand_network_known_times_and_oneway(run, tmp_path):
    pts = mem_points([("a", A), ("c", C)])
    res, t = matrix(run, tmp_path, pts, pts, NETWORK=hand_network(), ORIGIN_ID_FIELD="name",
                    DEST_ID_FIELD="name", OUTPUT_LINES=str(tmp_path / "l.gpkg"), **HAND)
    assert res["N_ROWS"] == 4 and res["N_UNREACHABLE"] == 0
    assert t[("a", "c")]["time_min"] == pytest.approx(1 + 2)                      # A-B-C with the one-way
    assert t[("c", "a")]["time_min"] == pytest.approx(math.sqrt(2) + 1 + 1)       # C-D-B-A: one-way refused
    assert t[("a", "c")]["dist_km"] == pytest.approx(2.0)
    assert t[("c", "a")]["dist_km"] == pytest.approx(math.sqrt(2) + 2)
    assert t[("a", "a")]["time_min"] == pytest.approx(0)
    log = res["_log"]
    assert "1 road feature(s) with no speed use the default speed" in log            # null speed: counted
    assert "1 zero-length" in log
    # lines follow the network path: C -> A passes through D
    lines = {(r["origin_id"], r["dest_id"]): r["_geom"] for r in rows(res["OUTPUT_LINES"])}
    assert lines[("c", "a")].length() == pytest.approx(math.sqrt(2) * 1000 + 2000)
    assert lines[("a", "c")].length() == pytest.approx(2000)
    assert "along the network path" in log


def test_hand_network_null_speed_uses_default(run, tmp_path):
    pts = mem_points([("a", A), ("c", C)])
    _, t = matrix(run, tmp_path, pts, pts, NETWORK=hand_network(None), ORIGIN_ID_FIELD="name",
                  DEST_ID_FIELD="name", SPEED_FIELD="speed", ONEWAY_FIELD="oneway", DEFAULT_SPEED_KMH=30)
    # D-B now at 30 km/h: 2 min
    assert t[("c", "a")]["time_min"] == pytest.approx(math.sqrt(2) + 2 + 1)


def test_nearest_k_cutoff_and_default_ids(run, tmp_path):
    pts = mem_points([("a", A), ("b", B), ("c", C), ("d", D)])
    res, t = matrix(run, tmp_path, pts, pts, NETWORK=hand_network(60.0), NEAREST_K=2, **HAND)
    # default ids: the feature ids (1..4 in a memory layer); each origin keeps itself (rank 1) + nearest
    assert res["N_ROWS"] == 8
    assert {k[0] for k in t} == {1, 2, 3, 4}
    assert all(t[(i, i)]["rank"] == 1 for i in range(1, 5))
    assert t[(1, 2)]["rank"] == 2 and t[(1, 2)]["time_min"] == pytest.approx(1)
    res, t = matrix(run, tmp_path, pts, pts, name="cut", NETWORK=hand_network(60.0), CUTOFF_MIN=2.5, **HAND)
    assert res["N_ROWS"] == 16 and res["N_UNREACHABLE"] == 0
    assert t[(1, 2)]["time_min"] == pytest.approx(1) and t[(1, 3)]["time_min"] is None   # A->C = 3 min
    assert res["N_BEYOND_CUTOFF"] == sum(1 for r in t.values() if r["time_min"] is None) > 0


def test_build_road_graph_hand_network(run, tmp_path):
    res = run("optima:build_road_graph", {"NETWORK": hand_network(), "OUTPUT": str(tmp_path / "g.gpkg"),
                                              **HAND})
    assert (res["N_NODES"], res["N_EDGES"], res["N_COMPONENTS"]) == (4, 4, 1)
    assert res["LARGEST_COMPONENT_PCT"] == pytest.approx(100)
    edges = rows(res["OUTPUT"])
    for r in edges:
        for f in ("from_node", "to_node", "length_m", "speed_kmh", "time_min", "oneway", "component", "road_fid",
                  "speed"):
            assert f in r
        assert r["time_min"] == pytest.approx(r["length_m"] / 1000 / r["speed_kmh"] * 60)
        assert r["_geom"].length() == pytest.approx(r["length_m"])
        assert r["component"] == 0
    assert sorted(r["oneway"] for r in edges) == [0, 0, 0, 1]
    assert sorted(r["length_m"] for r in edges) == pytest.approx([1000, 1000, 1000, 1000 * math.sqrt(2)])
    log = res["_log"]
    assert "1 zero-length" in log and "self-loop" in log and "1 connected component" in log


def test_no_network_is_straight_line_times_detour(run, tmp_path):
    pts = mem_points([("a", A), ("d", D)])
    res, t = matrix(run, tmp_path, pts, pts, ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name",
                    DETOUR_FACTOR=1.5, DEFAULT_SPEED_KMH=45, OUTPUT_LINES=str(tmp_path / "s.gpkg"))
    d = math.hypot(1000, 1000) * 1.5 / 1000
    assert t[("a", "d")]["dist_km"] == pytest.approx(d)
    assert t[("a", "d")]["time_min"] == pytest.approx(d / 45 * 60)
    assert "No road network: straight distance x 1.5 at 45.0 km/h" in res["_log"]
    lines = {(r["origin_id"], r["dest_id"]): r["_geom"] for r in rows(res["OUTPUT_LINES"])}
    assert lines[("a", "d")].length() == pytest.approx(math.hypot(1000, 1000))


# ------------------------------------------------------------------------ bad inputs
def test_empty_network_layer(run, tmp_path):
    pts = mem_points([("a", A), ("c", C)])
    with pytest.raises(QgsProcessingException) as e:
        matrix(run, tmp_path, pts, pts, NETWORK=mem_lines([]))
    assert "NETWORK" in str(e.value) and "no features" in str(e.value)
    with pytest.raises(QgsProcessingException) as e:
        run("optima:build_road_graph", {"NETWORK": mem_lines([]), "OUTPUT": str(tmp_path / "g.gpkg")})
    assert "NETWORK" in str(e.value)


def test_points_as_network_refused(run, tmp_path):
    pts = mem_points([("a", A), ("c", C)])
    with pytest.raises(QgsProcessingException) as e:
        matrix(run, tmp_path, pts, pts, NETWORK=pts)
    assert "NETWORK" in str(e.value)
    with pytest.raises(QgsProcessingException) as e:
        run("optima:build_road_graph", {"NETWORK": pts, "OUTPUT": str(tmp_path / "g.gpkg")})
    assert "NETWORK" in str(e.value)


@pytest.mark.parametrize("bad", [-30.0, 0.0])
def test_negative_or_zero_speed_names_the_feature(run, tmp_path, bad):
    pts = mem_points([("a", A), ("c", C)])
    net = hand_network(bad)            # feature id 4 (D-B)
    with pytest.raises(QgsProcessingException) as e:
        matrix(run, tmp_path, pts, pts, NETWORK=net, **HAND)
    msg = str(e.value)
    assert "'speed'" in msg and "id 4" in msg and "positive" in msg
    with pytest.raises(QgsProcessingException) as e:
        run("optima:build_road_graph", {"NETWORK": net, "OUTPUT": str(tmp_path / "g.gpkg"), **HAND})
    assert "id 4" in str(e.value)


def test_text_speed_field_refused(run, tmp_path):
    pts = mem_points([("a", A), ("c", C)])
    with pytest.raises(QgsProcessingException) as e:
        matrix(run, tmp_path, pts, pts, NETWORK=hand_network(60.0), SPEED_FIELD="oneway")
    assert "SPEED_FIELD" in str(e.value) or "Speed field" in str(e.value)


def test_mixed_crs_origins_in_wgs84(run, tmp_path):
    """Origins in EPSG:4326, network in Lambert-93: one CRS, same answers as all in Lambert-93."""
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsProject.instance())
    ll = [(n, (p.x(), p.y())) for n, p in (("a", ct.transform(QgsPointXY(*A))), ("c", ct.transform(QgsPointXY(*C))))]
    pts = mem_points(ll, crs="EPSG:4326")
    res, t = matrix(run, tmp_path, pts, pts, NETWORK=hand_network(), ORIGIN_ID_FIELD="name",
                    DEST_ID_FIELD="name", **HAND)
    assert "ORIGINS: reprojected from EPSG:4326 to EPSG:2154" in res["_log"]
    assert t[("a", "c")]["time_min"] == pytest.approx(3, abs=1e-4)
    assert t[("c", "a")]["time_min"] == pytest.approx(math.sqrt(2) + 2, abs=1e-4)


def test_disconnected_network_and_far_origin(run, tmp_path):
    # two separate roads; "e" is 3 km from any road
    net = mem_lines([([A, B], 60.0, "no"), ([(X0, Y0 + 5000), (X0 + 1000, Y0 + 5000)], 60.0, "no")])
    pts = mem_points([("a", A), ("b", B), ("n", (X0, Y0 + 5000)), ("e", (X0 + 3000, Y0 + 3000))])
    res, t = matrix(run, tmp_path, pts, pts, NETWORK=net, ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name",
                    MAX_SNAP_M=500, OUTPUT_LINES=str(tmp_path / "l.gpkg"), **HAND)
    assert t[("a", "b")]["time_min"] == pytest.approx(1)
    assert t[("a", "n")]["time_min"] is None and t[("a", "n")]["dist_km"] is None
    assert t[("e", "a")]["time_min"] is None and t[("a", "e")]["time_min"] is None
    assert t[("e", "e")]["time_min"] is None        # not on the graph at all
    # unreachable: a/b <-> n (4), e <-> all (7)
    assert res["N_UNREACHABLE"] == 4 + 7 == sum(1 for r in t.values() if r["time_min"] is None)
    log = res["_log"]
    assert "2 connected component" in log
    assert "unreachable: 1 origin(s) [e], 1 destination(s) [e]" in log
    assert "11 pair(s) unreachable" in log
    lines = {(r["origin_id"], r["dest_id"]): r["_geom"] for r in rows(res["OUTPUT_LINES"])}
    assert lines[("a", "n")].isEmpty() and not lines[("a", "b")].isEmpty()     # no path: no line


def test_polygon_origins_point_destinations(run, tmp_path):
    """Polygons are represented by a point inside them; destinations points in another layer."""
    squares = mem_squares([("s1", 0, 0), ("s2", 2, 0)])
    pts = mem_points([("p", (X0 + 500, Y0 + 500))])
    res, t = matrix(run, tmp_path, squares, pts, ORIGIN_ID_FIELD="id", DEST_ID_FIELD="name",
                    DETOUR_FACTOR=1.0, DEFAULT_SPEED_KMH=60)
    # the square's point inside is its centre: (500, 500) and (2500, 500)
    assert t[("s1", "p")]["time_min"] == pytest.approx(0)
    assert t[("s2", "p")]["time_min"] == pytest.approx(2.0)


# -------------------------------------------------------------------- adjacency network
def test_adjacency_modes_islands_and_ferries(run, tmp_path):
    # 2 x 2 block + one detached square (the island)
    com = mem_squares([("a", 0, 0), ("b", 1, 0), ("c", 0, 1), ("d", 1, 1), ("i", 5, 5)])
    res = run("optima:adjacency_network", {"INPUT": com, "ID_FIELD": "id", "OUTPUT": str(tmp_path / "e.gpkg"),
                                               "OUTPUT_ISLANDS": str(tmp_path / "isl.gpkg")})
    assert (res["N_LINKS"], res["N_ISLANDS"], res["N_COMPONENTS"]) == (4, 1, 2)
    assert "i (commune i)" in res["_log"] and "unreachable" in res["_log"]
    isl = {r["id"]: r for r in rows(res["OUTPUT_ISLANDS"])}
    assert {k: r["island"] for k, r in isl.items()} == {"a": 0, "b": 0, "c": 0, "d": 0, "i": 1}
    assert isl["i"]["nom"] == "commune i"                         # attributes kept
    links = rows(res["OUTPUT"])
    assert {frozenset((r["from_id"], r["to_id"])) for r in links} == {
        frozenset("ab"), frozenset("ac"), frozenset("bd"), frozenset("cd")}
    for r in links:
        assert r["kind"] == "adjacent"
        assert r["length_m"] == pytest.approx(1300) and r["time_min"] == pytest.approx(1.3)
        assert r["speed_kmh"] == pytest.approx(1000 / 1000 / (1.3 / 60))  # straight line at that speed
    # shared point: the diagonals a-d, b-c count too
    res = run("optima:adjacency_network", {"INPUT": com, "ID_FIELD": "id", "MODE": 1,
                                               "OUTPUT": str(tmp_path / "p.gpkg")})
    assert res["N_LINKS"] == 6
    # islands linked by a ferry of FERRY_MIN minutes
    res = run("optima:adjacency_network", {"INPUT": com, "ID_FIELD": "id", "LINK_ISLANDS": True,
                                               "FERRY_MIN": 45, "OUTPUT": str(tmp_path / "f.gpkg")})
    assert (res["N_LINKS"], res["N_ISLANDS"], res["N_COMPONENTS"]) == (5, 1, 1)
    ferry = [r for r in rows(res["OUTPUT"]) if r["kind"] == "ferry"]
    assert len(ferry) == 1 and ferry[0]["time_min"] == pytest.approx(45)
    assert {ferry[0]["from_id"], ferry[0]["to_id"]} == {"d", "i"}


def test_adjacency_min_shared_border(run, tmp_path):
    # b is shifted up by 990 m: it shares only 10 m of border with a
    lyr = QgsVectorLayer("Polygon?crs=EPSG:2154&field=id:string", "c", "memory")
    feats = []
    for cid, (x, y) in (("a", (X0, Y0)), ("b", (X0 + 1000, Y0 + 990))):
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1000} {y},{x + 1000} {y + 1000},{x} {y + 1000},"
                                          f"{x} {y}))"))
        f.setAttributes([cid])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    res = run("optima:adjacency_network", {"INPUT": lyr, "OUTPUT": str(tmp_path / "a.gpkg")})
    assert res["N_LINKS"] == 1
    res = run("optima:adjacency_network", {"INPUT": lyr, "MIN_SHARED_M": 50, "OUTPUT": str(tmp_path / "b.gpkg")})
    assert res["N_LINKS"] == 0 and res["N_ISLANDS"] == 2 and res["N_COMPONENTS"] == 2


def test_communes_31_proxy_network(run, tmp_path, communes_31_path):
    import geopandas as gpd
    import shapely

    res = run("optima:adjacency_network", {"INPUT": str(communes_31_path), "OUTPUT": str(tmp_path / "n.gpkg"),
                                               "OUTPUT_ISLANDS": str(tmp_path / "i.gpkg")})
    assert res["N_COMPONENTS"] == 1 and res["N_ISLANDS"] == 0
    isl = rows(res["OUTPUT_ISLANDS"])
    assert len(isl) == 586 and all(r["island"] == 0 for r in isl)
    assert sum(r["population"] for r in isl) == 1471468             # every commune, attributes kept
    com = gpd.read_file(communes_31_path).set_index("insee")
    links = rows(res["OUTPUT"])
    assert len(links) == res["N_LINKS"] > 586
    # default ID_FIELD: the first field after the GeoPackage fid, i.e. insee
    a = com.geometry.loc[[r["from_id"] for r in links]].to_numpy()
    b = com.geometry.loc[[r["to_id"] for r in links]].to_numpy()
    # every line joins true neighbours: they share a border line
    shared = shapely.length(shapely.intersection(shapely.boundary(a), shapely.boundary(b)))
    assert (shared > 0).all()
    # ... from a point inside the one to a point inside the other
    ends = [(r["_geom"].asPolyline()[0], r["_geom"].asPolyline()[-1]) for r in links]
    p0 = shapely.points([(p.x(), p.y()) for p, _ in ends])
    p1 = shapely.points([(q.x(), q.y()) for _, q in ends])
    assert shapely.covers(a, p0).all() and shapely.covers(b, p1).all()
    assert {frozenset((r["from_id"], r["to_id"])) for r in links}.__len__() == len(links)


def test_proxy_network_fed_back_as_network(run, tmp_path, communes_31_path):
    """The adjacency output as NETWORK (SPEED_FIELD=speed_kmh) gives the proxy network's times."""
    import geopandas as gpd
    from optima.optima_plugin.core import network as nw

    res = run("optima:adjacency_network", {"INPUT": str(communes_31_path), "OUTPUT": str(tmp_path / "n.gpkg")})
    origins = layer(communes_31_path)
    origins.setSubsetString("fid % 25 = 0")                         # 23 communes
    res2, t = matrix(run, tmp_path, origins, str(communes_31_path), NETWORK=res["OUTPUT"],
                     SPEED_FIELD="speed_kmh", ORIGIN_ID_FIELD="insee", DEST_ID_FIELD="insee")
    assert res2["N_UNREACHABLE"] == 0 and res2["N_ROWS"] == origins.featureCount() * 586
    com = gpd.read_file(communes_31_path)
    pn = nw.adjacency_network(com.geometry.values)
    sel = [int(i) for i in np.flatnonzero(np.isin(com.insee, [f["insee"] for f in origins.getFeatures()]))]
    ref = pn.graph.times(sel, range(586))
    got = np.array([[t[(com.insee[i], com.insee[j])]["time_min"] for j in range(586)] for i in sel])
    # access edges are 0 m long here (the terminals ARE the line ends): same times
    np.testing.assert_allclose(got, ref, atol=1e-3)
    assert 60 < got.max() < 300


# ------------------------------------------------------------------ real OSM sample
def test_osm_helsinki_builds_with_oneway_asymmetry(run, tmp_path):
    path = shared_file("osm_roads_helsinki.gpkg")
    res = run("optima:build_road_graph", {"NETWORK": str(path), "OUTPUT": str(tmp_path / "h.gpkg")})
    log = res["_log"]
    assert "NETWORK: reprojected from EPSG:4326 to EPSG:32635" in log
    assert "OpenStreetMap tags read" in log
    assert res["N_COMPONENTS"] >= 1 and 90 < res["LARGEST_COMPONENT_PCT"] <= 100
    edges = rows(res["OUTPUT"])
    assert len(edges) == res["N_EDGES"] > 2504
    assert layer(res["OUTPUT"]).crs().authid() == "EPSG:32635"
    oneway = [r for r in edges if r["oneway"] != 0 and r["component"] == 0 and r["length_m"] > 30]
    assert len(oneway) > 100
    assert {r["highway"] for r in edges} >= {"primary", "residential"}      # source attributes kept
    # origins = start of a one-way segment, destinations = its end: forward is direct, back is a detour
    sample = oneway[::max(1, len(oneway) // 15)][:15]
    starts, ends = [], []
    for k, r in enumerate(sample):
        pl = r["_geom"].asPolyline()
        a, b = (pl[0], pl[-1]) if r["oneway"] == 1 else (pl[-1], pl[0])
        starts.append((f"s{k}", (a.x(), a.y())))
        ends.append((f"e{k}", (b.x(), b.y())))
    pts = mem_points(starts + ends, crs="EPSG:32635")
    res2, t = matrix(run, tmp_path, pts, pts, NETWORK=str(path), ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name")
    fwd = np.array([t[(f"s{k}", f"e{k}")]["time_min"] for k in range(len(sample))], dtype=float)
    back = np.array([t[(f"e{k}", f"s{k}")]["time_min"] or np.inf for k in range(len(sample))], dtype=float)
    assert np.isfinite(fwd).all()
    assert (back > fwd + 1e-6).sum() >= len(sample) // 2          # one-way asymmetry on real data


# ------------------------------------------------------------------ département scale
def grid_layer(side=30, step=300.0, extra_field=False):
    """side x side grid of 2-point roads at 50 km/h (one-way every 7th), as a memory layer."""
    fields = "field=speed:double&field=oneway:string" + ("&field=nom:string" if extra_field else "")
    lyr = QgsVectorLayer(f"LineString?crs=EPSG:2154&{fields}", "grid", "memory")
    feats = []
    k = 0
    for r in range(side):
        for c in range(side):
            p = (X0 + c * step, Y0 + r * step)
            for q in ((X0 + (c + 1) * step, Y0 + r * step), (X0 + c * step, Y0 + (r + 1) * step)):
                if q[0] > X0 + (side - 1) * step or q[1] > Y0 + (side - 1) * step:
                    continue
                f = QgsFeature(lyr.fields())
                f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*p), QgsPointXY(*q)]))
                f.setAttributes([50.0, "yes" if k % 7 == 0 else "no"] + (["rue"] if extra_field else []))
                feats.append(f)
                k += 1
    assert lyr.dataProvider().addFeatures(feats)
    return lyr


def test_large_matrix_written_in_bulk_and_road_graph_reused(run, tmp_path):
    rng = np.random.default_rng(0)
    span = 29 * 300.0
    o = mem_points([(f"o{k}", (X0 + x, Y0 + y)) for k, (x, y) in enumerate(rng.uniform(0, span, (80, 2)))])
    d = mem_points([(f"d{k}", (X0 + x, Y0 + y)) for k, (x, y) in enumerate(rng.uniform(0, span, (70, 2)))])
    roads = grid_layer(extra_field=True)
    params = dict(NETWORK=roads, ORIGIN_ID_FIELD="name", DEST_ID_FIELD="name", SPEED_FIELD="speed",
                  ONEWAY_FIELD="oneway")
    res, t = matrix(run, tmp_path, o, d, name="m1", **params)
    assert res["N_ROWS"] == 80 * 70 == len(t) and res["N_UNREACHABLE"] == 0    # > 5,000 rows: two batches
    assert all(r["time_min"] > 0 and r["dist_km"] > 0 for r in t.values())
    log = res["_log"]
    assert "joined to the nearest point of the nearest road segment" in log and "at 20 km/h" in log
    # the same layer again (another run, other places): the road graph is not built again
    res2, t2 = matrix(run, tmp_path, d, o, name="m2", **params)
    assert "is reused" in res2["_log"] and "is reused" not in log
    # the grid is symmetric except for the one-ways: o -> d and d -> o agree where no one-way is in the way
    both = [abs(t[(a, b)]["time_min"] - t2[(b, a)]["time_min"]) for (a, b) in t]
    assert min(both) < 1e-5 < max(both)
    # an edited speed is another graph
    roads.dataProvider().changeAttributeValues({1: {0: 20.0}})
    res3, _ = matrix(run, tmp_path, o, d, name="m3", **params)
    assert "is reused" not in res3["_log"]


def test_cluster_territories_on_roads_routes_on_the_places_closure(run, tmp_path):
    # 6 x 6 square communes of 300 m over the 30 x 30 road grid; populations seeded
    cells = [(f"c{r}{c}", c, r) for r in range(6) for c in range(6)]
    com = mem_squares(cells, size=1450.0)
    rng = np.random.default_rng(2)
    pop_lyr = QgsVectorLayer("Polygon?crs=EPSG:2154&field=id:string&field=pop:integer", "c", "memory")
    feats = []
    for f, p in zip(com.getFeatures(), rng.integers(100, 2000, len(cells))):
        g = QgsFeature(pop_lyr.fields())
        g.setGeometry(f.geometry())
        g.setAttributes([f["id"], int(p)])
        feats.append(g)
    assert pop_lyr.dataProvider().addFeatures(feats)
    res = run("optima:cluster_territories", {
        "INPUT": pop_lyr, "ID_FIELD": "id", "POPULATION_FIELD": "pop", "N_TERRITORIES": 4, "BALANCE_TOLERANCE": 10,
        "NETWORK": grid_layer(), "SPEED_FIELD": "speed", "ONEWAY_FIELD": "oneway",
        "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
    assert "Road times between the 36 places computed once" in res["_log"]
    # the access links are said once, in the algorithm's words (not again in the core's)
    assert res["_log"].count("place(s) joined to the") == 1
    terr = {r["id"]: r["territory"] for r in rows(tmp_path / "c.gpkg")}
    assert len(terr) == 36 and len(set(terr.values())) == 4                    # every commune, 4 territories
    assert res["MAX_DEVIATION_PCT"] <= 10 + 1e-6

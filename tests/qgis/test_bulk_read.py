"""Road layers read in bulk through GDAL (optima_plugin.bulk_read) give exactly what the
feature-by-feature read through QGIS gives, and are read that way only when they can.

Real QGIS, real files (GeoPackage, shapefile, GeoJSON, FlatGeobuf) with NULLs, text numbers,
accents, single and multi lines; every case where QGIS would give other features (subset string,
selected features only, reprojection, pending edits, curves, invalid geometries checked) falls
back to the feature-by-feature read.
"""
import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

X0, Y0 = 570000.0, 6280000.0

ROWS = [  # speed, oneway, lanes, big, maxspeed, geometry (WKT, None = no geometry)
    (50.0, "yes", 2, 10 ** 12, "2 279", "MULTILINESTRING ((0 0,100 0),(100 0,100 100))"),
    (None, None, None, None, None, "LINESTRING (100 100,200 100)"),
    (30.5, "é-1", 1, -3, "50", "LINESTRING (200 100,200 200,300 250)"),
    (90.0, "", 0, 0, "", "MULTILINESTRING ((300 250,400 250))"),
    (None, "no", 4, None, "70 km/h", "LINESTRING (400 250,400 400)"),
]


def write_roads(path, driver, rows=ROWS, geom_type=None, epsg=2154, layer="roads", options=()):
    """A road file written by GDAL: speed (real), oneway (text), lanes (integer), big (integer64),
    maxspeed (text), geometries shifted near Toulouse (Lambert-93)."""
    from osgeo import ogr, osr
    drv = ogr.GetDriverByName(driver)
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    if hasattr(srs, "SetAxisMappingStrategy"):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gt = geom_type if geom_type is not None else (ogr.wkbLineString if driver == "ESRI Shapefile"
                                                  else ogr.wkbMultiLineString)
    lyr = ds.CreateLayer(layer, srs, gt, options=list(options))
    for name, t in (("speed", ogr.OFTReal), ("oneway", ogr.OFTString), ("lanes", ogr.OFTInteger),
                    ("big", ogr.OFTInteger64), ("maxspeed", ogr.OFTString)):
        lyr.CreateField(ogr.FieldDefn(name, t))
    for r in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in enumerate(r[:5]):
            if v is None:
                f.SetFieldNull(k)
            else:
                f.SetField(k, v)
        if r[5] is not None:
            g = ogr.CreateGeometryFromWkt(r[5])
            if driver == "FlatGeobuf" and gt == ogr.wkbMultiLineString:   # the format refuses mixed types
                g = ogr.ForceToMultiLineString(g)
            flat = ogr.GT_Flatten(g.GetGeometryType())
            for i in range(max(g.GetGeometryCount(), 1) if flat in (ogr.wkbLineString, ogr.wkbMultiLineString) else 0):
                part = g.GetGeometryRef(i) if g.GetGeometryCount() else g
                for j in range(part.GetPointCount()):
                    x, y = part.GetX(j), part.GetY(j)
                    part.SetPoint_2D(j, X0 + x, Y0 + y)
            f.SetGeometry(g)
        assert lyr.CreateFeature(f) == 0
    ds = None
    return str(path)


@pytest.fixture
def alg(optima):
    from qgis.core import QgsApplication
    return QgsApplication.processingRegistry().createAlgorithmById("optima:travel_time_matrix")


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.log = []

    def pushInfo(self, info):  # noqa: N802
        self.log.append(info)


FIELDS = ["speed", "oneway", "lanes", "big", "maxspeed"]


def read_both(alg, value, context=None, target_crs=None, fields=FIELDS):
    """(loop LayerData, bulk LayerData or the loop's again, plan reason, bulk log) for NETWORK = value."""
    from optima.optima_plugin.bulk_read import plan_or_reason
    from optima.optima_plugin.qgis_io import read_source
    ctx = context or QgsProcessingContext()
    params = {"NETWORK": value}
    src = alg.parameterAsSource(params, "NETWORK", ctx)
    loop = read_source(src, "NETWORK", ctx, Feedback(), target_crs=target_crs, attributes=fields,
                       keep_qgis_geoms=False)
    plan, why = plan_or_reason(alg, params, "NETWORK", ctx)
    fb = Feedback()
    src = alg.parameterAsSource(params, "NETWORK", ctx)
    bulk = read_source(src, "NETWORK", ctx, fb, target_crs=target_crs, attributes=fields,
                       keep_qgis_geoms=False, bulk=plan)
    if plan is not None and plan.declined:
        fb.log.append("declined: " + plan.declined)
    return loop, bulk, why, "\n".join(fb.log)


def same_layer_data(a, b):
    """Field by field: fids, fields, attribute values (raw and in the GeoDataFrame, dtypes
    included), geometries (type, dimension, coordinates), CRS and geometry type."""
    from optima.optima_plugin.qgis_io import _py
    assert a.fids == b.fids
    assert a.fields.names() == b.fields.names()
    assert [f.type() for f in a.fields] == [f.type() for f in b.fields]
    assert len(a.raw_attrs) == len(b.raw_attrs) == len(a.fids)
    for ra, rb in zip(a.raw_attrs, b.raw_attrs):
        assert [_py(v) for v in ra] == [_py(v) for v in rb]
        assert [type(_py(v)) for v in ra] == [type(_py(v)) for v in rb]
    cols = [c for c in a.gdf.columns if c != a.gdf.geometry.name]
    assert cols == [c for c in b.gdf.columns if c != b.gdf.geometry.name]
    assert a.gdf[cols].equals(b.gdf[cols])
    assert list(a.gdf[cols].dtypes) == list(b.gdf[cols].dtypes)
    ga, gb = a.gdf.geometry.to_numpy(), b.gdf.geometry.to_numpy()
    assert list(shapely.get_type_id(ga)) == list(shapely.get_type_id(gb))
    assert list(shapely.has_z(ga)) == list(shapely.has_z(gb))
    ok = shapely.equals_exact(ga, gb, 0.0) | (shapely.is_missing(ga) & shapely.is_missing(gb))
    assert bool(np.all(ok))
    assert a.crs == b.crs and a.wkb_type == b.wkb_type and a.geometry_type == b.geometry_type
    assert list(a.gdf.index) == list(b.gdf.index)


@pytest.mark.parametrize("driver,ext", [("GPKG", "gpkg"), ("GeoJSON", "geojson"), ("FlatGeobuf", "fgb")])
def test_bulk_read_equals_the_feature_loop(alg, tmp_path, driver, ext):
    rows = [r for r in ROWS if r[5] is not None] if driver == "FlatGeobuf" else ROWS
    path = write_roads(tmp_path / f"roads.{ext}", driver, rows=rows)
    value = f"{path}|layername=roads" if driver == "GPKG" else path
    loop, bulk, why, log = read_both(alg, value, fields=FIELDS)
    assert why == "" and bulk.read_in_bulk and not loop.read_in_bulk
    assert f"NETWORK: {len(rows)} feature(s) read in bulk" in log
    same_layer_data(loop, bulk)
    # the values themselves: NULLs, text numbers, accents, 64-bit integers
    from optima.optima_plugin.qgis_io import _py      # (a FlatGeobuf file keeps its features in spatial order)
    got = sorted((tuple(_py(v) for v in r) for r in bulk.raw_attrs), key=repr)
    assert got == sorted((tuple(r[:5]) for r in rows), key=repr)
    g = bulk.gdf
    if driver == "GPKG":     # single lines of a multi-line layer come as multi-lines, as QGIS gives them
        assert bulk.fids == [1, 2, 3, 4, 5]
        assert list(shapely.get_type_id(g.geometry.to_numpy())) == [5, 5, 5, 5, 5]


def test_bulk_read_only_some_fields_and_the_gpkg_fid_field(alg, tmp_path):
    path = write_roads(tmp_path / "roads.gpkg", "GPKG")
    loop, bulk, why, _ = read_both(alg, path, fields=["fid", "maxspeed"])
    assert bulk.read_in_bulk and bulk.fields.names() == ["fid", "maxspeed"]
    same_layer_data(loop, bulk)
    assert bulk.gdf["fid"].tolist() == bulk.fids


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-1"])
def test_shapefile_with_nulls_single_lines_become_multi_as_qgis_does(alg, tmp_path, encoding):
    # the declared encoding (.cpg) is how QGIS decodes the text: UTF-8 bytes declared ISO-8859-1
    # read as "Ã©-1" by QGIS, and so in bulk
    path = write_roads(tmp_path / "roads.shp", "ESRI Shapefile", options=[f"ENCODING={encoding}"])
    lyr = QgsVectorLayer(path, "r", "ogr")
    from qgis.core import QgsWkbTypes
    assert QgsWkbTypes.isMultiType(lyr.wkbType())          # QGIS: a line shapefile is multi-line
    loop, bulk, why, _ = read_both(alg, path)
    assert why == "" and bulk.read_in_bulk
    same_layer_data(loop, bulk)
    types = shapely.get_type_id(bulk.gdf.geometry.to_numpy())
    assert set(types[~shapely.is_missing(bulk.gdf.geometry.to_numpy())]) == {5}
    assert bulk.fids == [0, 1, 2, 3, 4]
    assert bulk.gdf["oneway"].tolist()[2] == ("é-1" if encoding == "UTF-8" else "é-1".encode().decode("latin-1"))


def test_shapefile_written_by_qgis_in_utf8(alg, tmp_path):
    from qgis.core import QgsVectorFileWriter
    src = QgsVectorLayer(write_roads(tmp_path / "src.gpkg", "GPKG"), "s", "ogr")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "ESRI Shapefile"
    opts.fileEncoding = "UTF-8"
    out = str(tmp_path / "qgis.shp")
    res = QgsVectorFileWriter.writeAsVectorFormatV2(src, out, QgsProject.instance().transformContext(), opts) \
        if hasattr(QgsVectorFileWriter, "writeAsVectorFormatV2") else None
    assert res is not None and res[0] == QgsVectorFileWriter.NoError
    loop, bulk, why, _ = read_both(alg, out, fields=["speed", "oneway", "maxspeed"])
    assert why == "" and bulk.read_in_bulk
    same_layer_data(loop, bulk)
    assert "é-1" in bulk.gdf["oneway"].tolist()


def test_subset_string_falls_back(alg, tmp_path):
    path = write_roads(tmp_path / "roads.gpkg", "GPKG")
    lyr = QgsVectorLayer(f"{path}|layername=roads", "r", "ogr")
    assert lyr.setSubsetString("lanes >= 1")
    loop, bulk, why, log = read_both(alg, lyr)
    assert why == "subset string" and not bulk.read_in_bulk and "in bulk" not in log
    assert bulk.fids == loop.fids == [1, 3, 5]


def test_selected_features_only_falls_back(alg, tmp_path):
    path = write_roads(tmp_path / "roads.gpkg", "GPKG")
    lyr = QgsVectorLayer(path, "r", "ogr")
    QgsProject.instance().addMapLayer(lyr)
    try:
        lyr.selectByIds([2, 4])
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        value = QgsProcessingFeatureSourceDefinition(lyr.id(), True)
        loop, bulk, why, _ = read_both(alg, value, context=ctx)
        assert why == "selected features only" and not bulk.read_in_bulk
        assert bulk.fids == [2, 4]
        # all features of the same layer through a definition: in bulk
        loop, bulk, why, _ = read_both(alg, QgsProcessingFeatureSourceDefinition(lyr.id(), False), context=ctx)
        assert why == "" and bulk.read_in_bulk and len(bulk) == 5
        same_layer_data(loop, bulk)
        # a feature limit: feature by feature
        d = QgsProcessingFeatureSourceDefinition(lyr.id(), False, 2)
        _, bulk, why, _ = read_both(alg, d, context=ctx)
        assert why == "feature limit" and not bulk.read_in_bulk and len(bulk) == 2
    finally:
        QgsProject.instance().removeMapLayer(lyr.id())


def test_reprojected_layer_falls_back(alg, tmp_path):
    path = write_roads(tmp_path / "roads.gpkg", "GPKG")
    loop, bulk, why, log = read_both(alg, path, target_crs=QgsCoordinateReferenceSystem("EPSG:3943"))
    assert why == "" and not bulk.read_in_bulk and "in bulk" not in log       # planned, not taken
    same_layer_data(loop, bulk)
    first = shapely.get_coordinates(bulk.gdf.geometry.to_numpy())[0]
    assert np.abs(first - [X0, Y0]).max() > 1000          # reprojected


def test_layer_in_degrees_is_reprojected_feature_by_feature(alg, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorFileWriter
    mem = QgsVectorLayer("LineString?crs=EPSG:4326&field=speed:double&field=oneway:string", "w", "memory")
    f = QgsFeature(mem.fields())
    f.setGeometry(QgsGeometry.fromWkt("LINESTRING (1.44 43.60, 1.45 43.61)"))      # Toulouse, in degrees
    f.setAttributes([50.0, "no"])
    assert mem.dataProvider().addFeatures([f])
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    path = str(tmp_path / "wgs.gpkg")
    res = QgsVectorFileWriter.writeAsVectorFormatV2(mem, path, QgsProject.instance().transformContext(), opts)
    assert res[0] == QgsVectorFileWriter.NoError
    loop, bulk, _, _ = read_both(alg, path, fields=["speed", "oneway"])
    assert not bulk.read_in_bulk and bulk.crs.authid() == "EPSG:2154"
    same_layer_data(loop, bulk)


def test_pending_edits_fall_back(alg, tmp_path):
    path = write_roads(tmp_path / "roads.gpkg", "GPKG")
    lyr = QgsVectorLayer(path, "r", "ogr")
    assert lyr.startEditing()
    try:
        # editable, nothing changed: in bulk
        _, bulk, why, _ = read_both(alg, lyr)
        assert why == "" and bulk.read_in_bulk
        assert lyr.changeAttributeValue(1, lyr.fields().indexFromName("speed"), 11.0)
        loop, bulk, why, _ = read_both(alg, lyr)
        assert why == "pending edits" and not bulk.read_in_bulk
        assert bulk.gdf["speed"].tolist()[0] == 11.0
    finally:
        lyr.rollBack()


def test_curved_layer_and_memory_layer_fall_back(alg, tmp_path):
    from osgeo import ogr
    rows = [(50.0, "no", 1, 1, "50", "COMPOUNDCURVE ((0 0,100 0),CIRCULARSTRING (100 0,150 50,200 0))")]
    path = write_roads(tmp_path / "curve.gpkg", "GPKG", rows=rows, geom_type=ogr.wkbCompoundCurve)
    _, bulk, why, _ = read_both(alg, path)
    assert why.startswith("geometry type") and not bulk.read_in_bulk
    mem = QgsVectorLayer("LineString?crs=EPSG:2154&field=speed:double", "m", "memory")
    from optima.optima_plugin.bulk_read import plan_or_reason
    plan, why = plan_or_reason(alg, {"NETWORK": mem}, "NETWORK", QgsProcessingContext())
    assert plan is None and why == "provider memory"


def test_invalid_geometry_checked_falls_back_only_when_there_is_one(alg, tmp_path):
    rows = ROWS[:3] + [(10.0, "no", 1, 1, "10", "LINESTRING (500 500,500 500)")]   # two identical points
    path = write_roads(tmp_path / "roads.gpkg", "GPKG", rows=rows)
    ctx = QgsProcessingContext()
    ctx.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    loop, bulk, why, log = read_both(alg, path, context=ctx)
    assert why == "" and not bulk.read_in_bulk          # planned, then handed back to QGIS's read
    assert "declined: an invalid geometry while invalid geometries are checked" in log
    assert bulk.fids == loop.fids == [1, 2, 3]          # QGIS skipped the invalid line
    # no check (qgis_process's default): in bulk, the line kept as the loop keeps it
    loop, bulk, why, _ = read_both(alg, path)
    assert bulk.read_in_bulk and bulk.fids == [1, 2, 3, 4]
    same_layer_data(loop, bulk)
    # checked, all valid: in bulk
    path2 = write_roads(tmp_path / "ok.gpkg", "GPKG", rows=ROWS[:3])
    loop, bulk, _, _ = read_both(alg, path2, context=ctx)
    assert bulk.read_in_bulk
    same_layer_data(loop, bulk)


def test_travel_time_matrix_same_times_in_bulk_and_feature_by_feature(run_alg, tmp_path):
    """End to end: the matrix on a road file read in bulk equals the one read feature by feature
    (a subset string that keeps every road), and the second run reuses the road graph built by
    the first: the two reads gave the same content key (geometries and speeds)."""
    from osgeo import ogr
    rng = np.random.default_rng(1)
    rows = []
    n = 12
    for i in range(n):
        for j in range(n):
            x, y = i * 200.0, j * 200.0
            if i + 1 < n:
                rows.append((float(rng.choice([30, 50, 90])), "yes" if (i + j) % 7 == 0 else "no", 1, 1, "",
                             f"LINESTRING ({x} {y},{x + 100} {y + 5},{x + 200} {y})"))
            if j + 1 < n:
                rows.append((None if (i * j) % 11 == 3 else 50.0, "no", 1, 1, "",
                             f"MULTILINESTRING (({x} {y},{x} {y + 200}))"))
    path = write_roads(tmp_path / "grid.gpkg", "GPKG", rows=rows, geom_type=ogr.wkbMultiLineString)
    pts = QgsVectorLayer("Point?crs=EPSG:2154&field=name:string", "p", "memory")
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    feats = []
    for k, (x, y) in enumerate(rng.uniform(0, 2200, (9, 2))):
        f = QgsFeature(pts.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttributes([f"p{k}"])
        feats.append(f)
    assert pts.dataProvider().addFeatures(feats)
    params = {"ORIGINS": pts, "DESTINATIONS": pts, "ORIGIN_ID_FIELD": "name", "DEST_ID_FIELD": "name",
              "SPEED_FIELD": "speed", "ONEWAY_FIELD": "oneway"}
    res1 = run_alg("optima:travel_time_matrix", dict(params, NETWORK=path, OUTPUT=str(tmp_path / "a.gpkg")))
    sub = QgsVectorLayer(path, "sub", "ogr")
    assert sub.setSubsetString("fid > 0")
    res2 = run_alg("optima:travel_time_matrix", dict(params, NETWORK=sub, OUTPUT=str(tmp_path / "b.gpkg")))
    assert f"NETWORK: {len(rows)} feature(s) read in bulk" in res1["_log"]
    assert "read in bulk" not in res2["_log"] and "is reused" in res2["_log"]

    def times(p):
        lyr = QgsVectorLayer(p, "t", "ogr")
        return {(f["origin_id"], f["dest_id"]): (f["time_min"], f["dist_km"]) for f in lyr.getFeatures()}
    t1, t2 = times(res1["OUTPUT"]), times(res2["OUTPUT"])
    assert len(t1) >= 72 and t1 == t2
    assert all(v[0] is not None and v[0] >= 0 for v in t1.values())

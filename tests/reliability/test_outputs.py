"""Destinations: every output of a dialog run with the default temporary outputs is the layer the
dialog loads; an output that is also an input, or that cannot be written, is refused before any
work with a message naming it; a failed run removes only the files it created."""
import os

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorFileWriter,
)
from reliability_helpers import grid_rows, point_layer, polygon_layer

CLUSTER = "optima:cluster_territories"


def _terr_grid(n=4):
    rows = [([code, nom, pop, "T1" if (i % n) < n // 2 else "T2"], g)
            for i, ([code, nom, pop], g) in enumerate(grid_rows(n))]
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string")


def _sites():
    return point_layer([(["S1", 1.0], (500, 500)), (["S2", 1.0], (3500, 3500))], name="sites")


def _as_dialog(optima, alg_id, params):
    """Runs like the Processing dialog: every layer output is TEMPORARY_OUTPUT loaded into the
    project; returns (results, context)."""
    import processing
    from qgis.core import QgsApplication, QgsProcessingFeedback
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    project = QgsProject.instance()
    params = dict(params)
    for d in alg.destinationParameterDefinitions():
        if d.name() not in params and d.type() in ("sink", "vectorDestination"):
            params[d.name()] = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", project)
    ctx = QgsProcessingContext()
    ctx.setProject(project)
    res = processing.run(alg_id, params, context=ctx, feedback=QgsProcessingFeedback())
    return res, ctx


DIALOG_CASES = {
    "cluster_territories": (CLUSTER, lambda: {"INPUT": polygon_layer(grid_rows(4)), "ID_FIELD": "code",
                                              "POPULATION_FIELD": "pop", "N_TERRITORIES": 2}),
    "compare_scenarios": ("optima:compare_scenarios", lambda: {
        "INPUT": polygon_layer(grid_rows(4)), "ID_FIELD": "code", "POPULATION_FIELD": "pop",
        "N_TERRITORIES_LIST": "2,3", "OUTPUT_CHART": "TEMPORARY_OUTPUT"}),
    "territory_indicators": ("optima:territory_indicators", lambda: {
        "COMMUNES": _terr_grid(), "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": _sites(),
        "SITE_ID_FIELD": "code", "THRESHOLD_MIN": 5.0}),
    "locate_service_sites": ("optima:locate_service_sites", lambda: {
        "DEMAND": polygon_layer(grid_rows(4)), "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop",
        "CANDIDATES": polygon_layer(grid_rows(4)), "CANDIDATE_ID_FIELD": "code", "N_SITES": 2}),
    "adjacency_network": ("optima:adjacency_network", lambda: {"INPUT": polygon_layer(grid_rows(3))}),
    "travel_time_matrix": ("optima:travel_time_matrix", lambda: {
        "ORIGINS": polygon_layer(grid_rows(3)), "DESTINATIONS": _sites(), "ORIGIN_ID_FIELD": "code",
        "DEST_ID_FIELD": "code"}),
    "premises_requirements": ("optima:premises_requirements", lambda: {
        "SITES": point_layer([(["S1", 1000.0], (500, 500))], fields="site_id:string&field=pop:double"),
        "CATALOGUE": _catalogue(), "OUTPUT_ASSUMPTIONS": "TEMPORARY_OUTPUT"}),
}


def _catalogue():
    from qgis.core import QgsFeature, QgsVectorLayer
    cat = QgsVectorLayer("None?field=service:string&field=effectif_pour_1000_hab:double&field=part_terrain:string"
                         "&field=recommendation:string", "cat", "memory")
    f = QgsFeature(cat.fields())
    f.setAttributes(["Voirie", 2.0, "0", "territorialise"])
    cat.dataProvider().addFeatures([f])
    return cat


@pytest.mark.parametrize("case", sorted(DIALOG_CASES))
def test_dialog_temporary_outputs_are_the_layers_loaded(optima, case):
    """19.1: the dialog loads every layer the run registers; each must be a layer the run wrote
    (before, the guard registered a second 'memory:<description>' layer that never existed)."""
    alg_id, make = DIALOG_CASES[case]
    res, ctx = _as_dialog(optima, alg_id, make())
    to_load = ctx.layersToLoadOnCompletion()
    assert to_load, "nothing to load"
    # processing.run hands the written layers back as objects (taken out of the context's store)
    written = {}
    for k, v in res.items():
        if hasattr(v, "id"):
            written[v.id()] = v
        elif isinstance(v, str):
            lyr = QgsProcessingUtils.mapLayerFromString(v, ctx, False)
            if lyr is not None:
                written[lyr.id()] = lyr
            elif os.path.exists(v.split("|")[0]):
                written[v] = None
    for key in to_load:
        lyr = written.get(key) if key in written else QgsProcessingUtils.mapLayerFromString(key, ctx, False)
        assert key in written or lyr is not None, f"{case}: '{key}' would be loaded but was never written"
        if lyr is not None:
            assert lyr.isValid() and lyr.featureCount() > 0, key


def test_output_is_the_input_geopackage_is_refused_and_kept(run_alg, tmp_path):
    """18.1: OUTPUT_COMMUNES = the INPUT GeoPackage: refused before any work, the file untouched."""
    src = tmp_path / "mydata.gpkg"
    lyr = polygon_layer(grid_rows(3))
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName, opts.layerName = "GPKG", "communes"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(lyr, str(src), QgsProject.instance().transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError
    before = src.read_bytes()
    for dest in (str(src), f"{src}|layername=communes"):
        with pytest.raises(QgsProcessingException) as e:
            run_alg(CLUSTER, {"INPUT": f"{src}|layername=communes", "ID_FIELD": "code", "POPULATION_FIELD": "pop",
                              "N_TERRITORIES": 2, "OUTPUT_COMMUNES": dest,
                              "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
        msg = str(e.value)
        assert "OUTPUT_COMMUNES" in msg and "INPUT" in msg and "mydata.gpkg" in msg, msg
        assert src.read_bytes() == before
        assert not (tmp_path / "t.gpkg").exists()
    # a new layer of the same GeoPackage is allowed, and the input layer is kept
    run_alg(CLUSTER, {"INPUT": f"{src}|layername=communes", "ID_FIELD": "code", "POPULATION_FIELD": "pop",
                      "N_TERRITORIES": 2, "OUTPUT_COMMUNES": f"ogr:dbname='{src}' table=\"result\" (geom)",
                      "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
    from qgis.core import QgsVectorLayer
    assert QgsVectorLayer(f"{src}|layername=communes", "c", "ogr").featureCount() == 9
    assert QgsVectorLayer(f"{src}|layername=result", "r", "ogr").featureCount() == 9


def test_shapefile_input_as_output_is_refused(run_alg, tmp_path):
    src = tmp_path / "communes.shp"
    lyr = polygon_layer(grid_rows(3))
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "ESRI Shapefile"
    QgsVectorFileWriter.writeAsVectorFormatV2(lyr, str(src), QgsProject.instance().transformContext(), opts)
    with pytest.raises(QgsProcessingException, match="also the input"):
        run_alg("optima:adjacency_network", {"INPUT": str(src), "OUTPUT": "TEMPORARY_OUTPUT",
                                             "OUTPUT_ISLANDS": str(src)})
    assert (tmp_path / "communes.dbf").exists()


@pytest.mark.parametrize("param,value,words", [
    ("OUTPUT_JSON", "{tmp}/missing/indicators.json", ["OUTPUT_JSON", "missing", "does not exist"]),
    ("OUTPUT_JSON", "{tmp}/indicators.txt", ["OUTPUT_JSON", "indicators.txt", ".json"]),
    ("OUTPUT_COMMUNES", "{tmp}/communes.foo", ["OUTPUT_COMMUNES", ".foo"]),
    ("OUTPUT_JSON", "{tmp}", ["OUTPUT_JSON", "is a folder"]),
])
def test_unwritable_destination_refused_before_the_work(run_alg, tmp_path, param, value, words):
    """18.5: a destination that cannot be written is refused at once, naming it and why."""
    params = {"COMMUNES": _terr_grid(), "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": _sites(),
              "SITE_ID_FIELD": "code", "THRESHOLD_MIN": 5.0, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
              "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg"), "OUTPUT_SITES": "TEMPORARY_OUTPUT"}
    params[param] = value.format(tmp=tmp_path)
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:territory_indicators", params)
    msg = str(e.value)
    assert "Unexpected error" not in msg and "Errno" not in msg, msg
    for w in words:
        assert w in msg, (w, msg)
    assert not (tmp_path / "c.gpkg").exists()


@pytest.mark.parametrize("alg,params,param", [
    ("optima:compare_scenarios", {"N_TERRITORIES_LIST": "2", "OUTPUT": "TEMPORARY_OUTPUT",
                                  "OUTPUT_CHART": "{tmp}/chart.jpg"}, "OUTPUT_CHART"),
    ("optima:compare_scenarios", {"N_TERRITORIES_LIST": "2", "OUTPUT": "TEMPORARY_OUTPUT",
                                  "OUTPUT_LAYERS_FOLDER": "{tmp}/no/such/layers"}, "OUTPUT_LAYERS_FOLDER"),
    ("optima:compare_scenarios", {"N_TERRITORIES_LIST": "2", "OUTPUT": "{tmp}/missing/table.gpkg"}, "OUTPUT"),
    ("optima:territorialisation_report", {"OUTPUT_HTML": "{tmp}/missing/rapport.html"}, "OUTPUT_HTML"),
])
def test_chart_html_folder_destinations_checked_first(run_alg, tmp_path, alg, params, param):
    """18.5: the chart, the HTML report, a folder: every destination is checked before the work."""
    lyr = polygon_layer(grid_rows(3))
    base = ({"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop"} if alg.endswith("scenarios")
            else {"COMMUNES": _terr_grid(), "TERRITORIES": _terr_grid(), "TERRITORY_FIELD": "terr"})
    base.update({k: v.format(tmp=tmp_path) if isinstance(v, str) else v for k, v in params.items()})
    with pytest.raises(QgsProcessingException) as e:
        run_alg(alg, base)
    msg = str(e.value)
    assert param in msg and "Unexpected error" not in msg and "Errno" not in msg, msg
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_read_only_folder_destination_is_named(run_alg, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    if os.access(ro, os.W_OK):
        pytest.skip("running as a user who can write anywhere")
    try:
        with pytest.raises(QgsProcessingException, match="OUTPUT_LAYERS_FOLDER"):
            run_alg("optima:compare_scenarios", {
                "INPUT": polygon_layer(grid_rows(3)), "ID_FIELD": "code", "POPULATION_FIELD": "pop",
                "N_TERRITORIES_LIST": "2", "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_LAYERS_FOLDER": str(ro / "sub")})
    finally:
        os.chmod(ro, 0o755)


def test_failed_shapefile_output_leaves_no_side_files(run_alg, tmp_path):
    """18.4: a run failing after its shapefile was opened leaves no .shp/.dbf/.shx/.prj/.cpg."""
    from reliability_helpers import cancel_feedback
    lyr = polygon_layer(grid_rows(40))
    fb = cancel_feedback(after_progress=91)  # while writing
    with pytest.raises(QgsProcessingException):
        run_alg(CLUSTER, {"INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 4,
                          "OUTPUT_COMMUNES": str(tmp_path / "c.shp"), "OUTPUT_TERRITORIES": str(tmp_path / "t.shp")},
                feedback=fb)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_failed_run_keeps_an_existing_shapefile_set(run_alg, tmp_path):
    """Cleanup removes only what the run created: yesterday's files stay."""
    for ext in ("shp", "dbf", "shx"):
        (tmp_path / f"c.{ext}").write_bytes(b"yesterday")
    with pytest.raises(QgsProcessingException):
        run_alg(CLUSTER, {"INPUT": polygon_layer(grid_rows(2)), "ID_FIELD": "code", "POPULATION_FIELD": "pop",
                          "N_TERRITORIES": 9, "OUTPUT_COMMUNES": str(tmp_path / "c.shp"),
                          "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})
    assert all((tmp_path / f"c.{e}").read_bytes() == b"yesterday" for e in ("shp", "dbf", "shx"))

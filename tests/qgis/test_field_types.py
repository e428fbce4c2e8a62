"""Declared field types are honest: a field read as numbers written as text is declared of any
type (text columns appear in the dialog, the help says so) and read ("1 200" -> 1200); a field
still declared numeric is enforced, a text field given there refused before any work, naming the
parameter (label and name), the field and its type."""
import pytest

# every field read through core.values (text numbers accepted): (algorithm, parameter)
TEXT_NUMBER_FIELDS = [
    ("cluster_territories", "POPULATION_FIELD"), ("compare_scenarios", "POPULATION_FIELD"),
    ("territory_indicators", "POPULATION_FIELD"), ("territory_indicators", "CAPACITY_FIELD"),
    ("locate_service_sites", "WEIGHT_FIELD"), ("locate_service_sites", "CAPACITY_FIELD"),
    ("premises_requirements", "POPULATION_FIELD"), ("territory_expectations", "POPULATION_FIELD"),
    ("cluster_territories", "SPEED_FIELD"), ("locate_service_sites", "SPEED_FIELD"),
    ("travel_time_matrix", "SPEED_FIELD"), ("territory_indicators", "SPEED_FIELD"),
    ("territorialisation_report", "POPULATION_FIELD"),
]
# fields read as numbers only: declared numeric, and enforced
NUMERIC_FIELDS = {("territorialisation_report", "TIME_FIELD")}


def _alg(optima, name):
    from qgis.core import QgsApplication
    alg = QgsApplication.processingRegistry().algorithmById("optima:" + name)
    assert alg is not None, name
    return alg


@pytest.mark.parametrize("alg_name,param", TEXT_NUMBER_FIELDS)
def test_text_number_fields_are_declared_any_with_help(optima, alg_name, param):
    from optima.optima_plugin.compat import FieldParamType
    from optima.processing_algorithms.inputs import number_help
    d = _alg(optima, alg_name).parameterDefinition(param)
    assert d is not None
    assert d.dataType() == FieldParamType.Any
    assert d.help() == number_help() and "2 279" in d.help()


def test_every_numeric_field_is_one_we_enforce(optima):
    from qgis.core import QgsApplication, QgsProcessingParameterField
    from optima.optima_plugin.compat import FieldParamType
    declared = set()
    for alg in QgsApplication.processingRegistry().providerById("optima").algorithms():
        for d in alg.parameterDefinitions():
            if isinstance(d, QgsProcessingParameterField) and d.dataType() == FieldParamType.Numeric:
                declared.add((alg.name(), d.name()))
    assert declared == NUMERIC_FIELDS
    # the shipped model passes its population field to cluster, locate, indicators and report
    model = QgsApplication.processingRegistry().algorithmById("optima:territorialisation")
    assert model.parameterDefinition("POPULATION_FIELD").dataType() == FieldParamType.Any


def _report_layers(pop_type):
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer
    c = QgsVectorLayer(f"Polygon?crs=EPSG:2154&field=nom:string&field=territory:string&field=pop:{pop_type}"
                       "&field=time_min:double", "communes", "memory")
    t = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:string", "territories", "memory")
    feats = []
    for i, (nom, terr, pop) in enumerate([("A", "T1", "1 200"), ("B", "T1", "300"), ("C", "T2", "2 279")]):
        f = QgsFeature(c.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(i * 1000, 0, (i + 1) * 1000, 1000)))
        f.setAttributes([nom, terr, pop if pop_type == "string" else int(pop.replace(" ", "")), 5.0 * (i + 1)])
        feats.append(f)
    c.dataProvider().addFeatures(feats)
    tf = []
    for k, terr in enumerate(["T1", "T2"]):
        f = QgsFeature(t.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 2000, 0, (k + 1) * 2000, 1000)))
        f.setAttributes([terr])
        tf.append(f)
    t.dataProvider().addFeatures(tf)
    return c, t


def test_text_field_in_numeric_parameter_is_refused_before_any_work(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    c, t = _report_layers("string")
    out = tmp_path / "r.html"
    with pytest.raises(QgsProcessingException) as exc:
        run_alg("optima:territorialisation_report", {"COMMUNES": c, "TERRITORIES": t, "POPULATION_FIELD": "pop",
                                                     "TIME_FIELD": "nom", "OUTPUT_HTML": str(out)})
    msg = str(exc.value)
    assert "Travel time field (default: time_min, else time_to_hub_min) (TIME_FIELD)" in msg
    assert "the field 'nom' is of type" in msg and "string" in msg.lower() and "numeric field" in msg
    assert not out.exists()
    # the numeric time field is accepted, and the text population read as numbers
    res = run_alg("optima:territorialisation_report", {"COMMUNES": c, "TERRITORIES": t, "POPULATION_FIELD": "pop",
                                                       "TIME_FIELD": "time_min", "OUTPUT_HTML": str(out)})
    assert res["N_COMMUNES"] == 3 and out.exists()
    assert "Field 'pop': 3 value(s) written as text read as numbers" in res["_log"]
    html = out.read_text(encoding="utf-8")
    assert "1\u202f500" in html or "1 500" in html or "1\xa0500" in html  # T1: 1 200 + 300
    assert "2\u202f279" in html or "2 279" in html or "2\xa0279" in html  # T2


def test_numeric_check_also_before_a_model_child_runs(optima):
    """A model runs its children through prepare(), without QGIS's parameter check."""
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
    alg = _alg(optima, "territorialisation_report").create()
    c, t = _report_layers("string")
    params = {"COMMUNES": c, "TERRITORIES": t, "TIME_FIELD": "nom", "OUTPUT_HTML": "TEMPORARY_OUTPUT"}
    ctx = QgsProcessingContext()
    ok, msg = alg.checkParameterValues(params, ctx)
    assert not ok and "(TIME_FIELD)" in msg and "'nom'" in msg
    with pytest.raises(QgsProcessingException) as exc:
        alg.prepareAlgorithm(params, ctx, QgsProcessingFeedback())
    assert "'nom'" in str(exc.value) and "Travel time field" in str(exc.value)


def test_text_population_read_where_declared_any(run_alg):
    """cluster_territories: a text population ("1 200") is read as numbers, the log says how."""
    c, _ = _report_layers("string")
    res = run_alg("optima:cluster_territories", {"INPUT": c, "ID_FIELD": "nom", "POPULATION_FIELD": "pop",
                                                 "N_TERRITORIES": 1, "OUTPUT_COMMUNES": "TEMPORARY_OUTPUT",
                                                 "OUTPUT_TERRITORIES": "TEMPORARY_OUTPUT"})
    ter = list(res["OUTPUT_TERRITORIES"].getFeatures())
    assert [f["pop"] for f in ter] == [1200 + 300 + 2279]
    assert "Field 'pop': 3 value(s) written as text read as numbers" in res["_log"]

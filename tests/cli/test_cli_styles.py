"""GeoPackages written by qgis_process open styled: the OPTIMA style is their default style."""
import json
import sqlite3
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _shared(name):
    p = SHARED / name
    if not p.exists():
        pytest.skip(f"real data not available: {p}")
    return p


@pytest.fixture(scope="module")
def outputs(qgis_process, tmp_path_factory):
    d = tmp_path_factory.mktemp("styles")
    out = {"OUTPUT_COMMUNES": d / "communes.gpkg", "OUTPUT_TERRITORIES": d / "territories.gpkg",
           "OUTPUT_SITES": d / "sites.gpkg", "OUTPUT_JSON": d / "indicators.json"}
    p, data = qgis_process("optima:territory_indicators", {
        "COMMUNES": _shared("communes_31.gpkg"), "TERRITORY_FIELD": "epci_siren",
        "POPULATION_FIELD": "population", "TERRITORY_NAME_FIELD": "epci_nom",
        "SITES": _shared("france_services_31.gpkg"), "SITE_ID_FIELD": "id_fs", "THRESHOLD_MIN": 20, **out})
    return out, data


def _open(path, qgis_app=None):
    from qgis.core import QgsProject, QgsVectorLayer
    project = QgsProject()   # a fresh project, as a user opening the file
    lyr = QgsVectorLayer(str(path), path.stem, "ogr")
    assert lyr.isValid(), path
    project.addMapLayer(lyr)
    return project, lyr


def test_layer_styles_table_holds_a_default_style(outputs):
    out, _ = outputs
    for key in ("OUTPUT_COMMUNES", "OUTPUT_TERRITORIES", "OUTPUT_SITES"):
        con = sqlite3.connect(out[key])
        rows = con.execute("select f_table_name, stylename, useasdefault, styleqml from layer_styles").fetchall()
        con.close()
        assert len(rows) == 1, key
        table, name, default, qml = rows[0]
        assert default == 1 and name.startswith("OPTIMA") and table == out[key].stem
        assert "<renderer-v2" in qml


def test_territories_open_categorized_communes_graduated(outputs, qgis_app):
    out, data = outputs
    pt, ter = _open(out["OUTPUT_TERRITORIES"])
    r = ter.renderer()
    assert r.type() == "categorizedSymbol" and r.classAttribute() == "territory"
    assert ter.labelsEnabled() and ter.labeling().settings().format().buffer().enabled()
    # one legend entry per territory, "number · EPCI name", drawn in the colour of its `color` field
    feats = {str(f["territory"]): (f["name"], f["color"]) for f in ter.getFeatures()}
    assert {str(c.value()) for c in r.categories()} == set(feats)
    for c in r.categories():
        name, colour = feats[str(c.value())]
        assert c.label() == f"{c.value()} · {name}", c.label()
        assert c.symbol().color().name().upper() == colour.upper()

    pc, com = _open(out["OUTPUT_COMMUNES"])
    assert com.renderer().type() == "graduatedSymbol" and com.renderer().classAttribute() == "time_min"
    assert com.featureCount() == 586

    ps, sites = _open(out["OUTPUT_SITES"])
    assert sites.labelsEnabled() and sites.labeling().settings().fieldName == '"lib_fs"'  # the name
    assert sites.featureCount() == 27
    # loading the default style again finds it in the file
    msg, ok = com.loadDefaultStyle()
    assert ok, msg
    assert com.renderer().type() == "graduatedSymbol"
    assert data["results"]["OUTPUT_TERRITORIES"].endswith("territories.gpkg")


def test_cli_indicator_values(outputs):
    out, data = outputs
    res = data["results"]
    doc = json.loads(Path(out["OUTPUT_JSON"]).read_text(encoding="utf-8"))
    assert doc["overall"]["n_territories"] == 18 and doc["overall"]["population"] == 1471468
    assert len(doc["territories"]) == 18
    assert sum(r["pop"] for r in doc["territories"]) == 1471468
    assert all(r["contiguous"] == 1 for r in doc["territories"])
    assert res["COVERAGE_PCT"] == pytest.approx(doc["overall"]["coverage_pct"])
    assert res["THEIL_TIME"] == pytest.approx(res["THEIL_BETWEEN"] + res["THEIL_WITHIN"])

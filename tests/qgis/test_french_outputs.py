"""With QGIS in French, the words inside the outputs are French too: the reason of each
commune's assignment, the field aliases of the scenario table and of the proxy network, the
numbers of the scenario table in the log."""
import re

import pytest
from qgis.core import QgsVectorLayer
from test_readme_chains import _grid


def _layer(path):
    lyr = QgsVectorLayer(str(path), "o", "ogr")
    assert lyr.isValid(), path
    return lyr


def _aliases(lyr):
    return {lyr.fields().at(i).name(): lyr.fields().at(i).alias() for i in range(lyr.fields().count())}


@pytest.mark.usefixtures("french")
def test_reasons_and_aliases_in_french(run_alg, tmp_path):
    grid = _grid(5)
    run_alg("optima:cluster_territories", {
        "INPUT": grid, "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 3,
        "BALANCE_TOLERANCE": 30, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
    communes = _layer(tmp_path / "c.gpkg")
    reasons = {f["reason"] for f in communes.getFeatures()}
    assert "pôle de son territoire" in reasons, reasons
    assert not any(re.search(r"\b(hub|nearest|balance|contiguity|its)\b", r) for r in reasons), reasons
    assert _aliases(communes)["reason"] == "Raison de l'affectation"

    run_alg("optima:adjacency_network", {"INPUT": grid, "OUTPUT": str(tmp_path / "adj.gpkg"),
                                         "OUTPUT_ISLANDS": str(tmp_path / "isl.gpkg")})
    adj = _aliases(_layer(tmp_path / "adj.gpkg"))
    assert adj["from_id"] == "Commune de départ" and adj["length_m"] == "Longueur (m)", adj
    assert _aliases(_layer(tmp_path / "isl.gpkg"))["island"] == "Île (1 = oui)"


@pytest.mark.usefixtures("french")
def test_scenario_table_in_french(run_alg, tmp_path):
    res = run_alg("optima:compare_scenarios", {
        "INPUT": _grid(5), "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES_LIST": "2,3",
        "BALANCE_TOLERANCES": "30", "OUTPUT": str(tmp_path / "sc.gpkg"), "OUTPUT_CHART": str(tmp_path / "chart.png"),
        "OUTPUT_CHANGES": str(tmp_path / "ch.gpkg")})
    rows = [ln for ln in res["_log"].splitlines() if ln.startswith("N2-tol30") or ln.startswith("N3-tol30")]
    assert len(rows) == 2, res["_log"]
    for ln in rows:
        cells = [c.strip() for c in ln.split("|")]
        assert re.fullmatch(r"\d+,\d\d", cells[2]), ln     # mean time 2,17 (not 2.17)
        assert not re.search(r"\d\.\d", ln), ln
    al = _aliases(_layer(tmp_path / "sc.gpkg"))
    assert al["cost_total"] == "Coût total (€/an)" and al["status"] == "État du calcul", al
    assert all(al[c] for c in al if c != "fid"), al


def test_reasons_stay_english_without_translation(optima, run_alg, tmp_path):
    run_alg("optima:cluster_territories", {
        "INPUT": _grid(4), "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 2,
        "BALANCE_TOLERANCE": 30, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})
    reasons = {f["reason"] for f in _layer(tmp_path / "c.gpkg").getFeatures()}
    assert "hub of its territory" in reasons, reasons

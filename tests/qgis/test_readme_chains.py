"""The chains the README shows, run end to end on a small grid through processing.run:
cluster_territories -> locate_service_sites (TERRITORY_FIELD=territory) -> premises_requirements,
and -> territory_indicators -> territorialisation_report. Each step reads the previous step's files
with the README's field names, and the figures carry over (population, sites, territories)."""
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer


def _grid(n=4, size=1000.0):
    lyr = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=insee:string&field=nom:string&field=population:integer",
                         "communes", "memory")
    feats = []
    for r in range(n):
        for c in range(n):
            i = r * n + c
            f = QgsFeature(lyr.fields())
            f.setAttributes([f"31{i:03d}", f"Commune {i}", 100 + 10 * i])
            x, y = c * size, r * size
            f.setGeometry(QgsGeometry.fromWkt(
                f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"))
            feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def _rows(path):
    lyr = QgsVectorLayer(str(path), "o", "ogr")
    assert lyr.isValid(), path
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def test_readme_chain_cluster_locate_premises_indicators_report(run_alg, tmp_path):
    grid = _grid()
    total = sum(100 + 10 * i for i in range(16))
    run_alg("optima:cluster_territories", {
        "INPUT": grid, "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 2,
        "BALANCE_TOLERANCE": 30, "OUTPUT_COMMUNES": str(tmp_path / "communes_territoires.gpkg"),
        "OUTPUT_TERRITORIES": str(tmp_path / "territories.gpkg")})
    run_alg("optima:locate_service_sites", {
        "DEMAND": str(tmp_path / "communes_territoires.gpkg"), "DEMAND_ID_FIELD": "insee",
        "WEIGHT_FIELD": "population", "TERRITORY_FIELD": "territory", "N_SITES": 1,
        "OUTPUT_SITES": str(tmp_path / "sites.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "affectation.gpkg")})
    sites = _rows(tmp_path / "sites.gpkg")
    assert len(sites) == 2 and sum(s["served_pop"] for s in sites) == pytest.approx(total)

    cat = QgsVectorLayer("None?field=service:string&field=effectif_pour_1000_hab:double&field=part_terrain:string"
                         "&field=recommendation:string", "cat", "memory")
    f = QgsFeature(cat.fields())
    f.setAttributes(["Voirie", 10.0, "0", "territorialise"])
    cat.dataProvider().addFeatures([f])
    run_alg("optima:premises_requirements", {"SITES": str(tmp_path / "sites.gpkg"), "CATALOGUE": cat,
                                             "OUTPUT": str(tmp_path / "locaux.gpkg")})
    prem = _rows(tmp_path / "locaux.gpkg")
    assert sum(p["staff_total"] for p in prem) == pytest.approx(10.0 * total / 1000.0)

    res = run_alg("optima:territory_indicators", {
        "COMMUNES": str(tmp_path / "communes_territoires.gpkg"), "TERRITORY_FIELD": "territory",
        "POPULATION_FIELD": "population", "SITES": str(tmp_path / "sites.gpkg"), "SITE_ID_FIELD": "site_id",
        "THRESHOLD_MIN": 20, "OUTPUT_COMMUNES": str(tmp_path / "communes.gpkg"),
        "OUTPUT_TERRITORIES": str(tmp_path / "epci.gpkg"), "OUTPUT_SITES": str(tmp_path / "sites_ind.gpkg")})
    terr = _rows(tmp_path / "epci.gpkg")
    assert len(terr) == 2 and sum(t["pop"] for t in terr) == pytest.approx(total)
    assert all(t["n_sites"] == 1 for t in terr)

    res = run_alg("optima:territorialisation_report", {
        "COMMUNES": str(tmp_path / "communes.gpkg"), "TERRITORIES": str(tmp_path / "epci.gpkg"),
        "SITES": str(tmp_path / "sites_ind.gpkg"), "THRESHOLD_MIN": 20, "OUTPUT_HTML": str(tmp_path / "rapport.html")})
    assert res["N_TERRITORIES"] == 2 and res["N_COMMUNES"] == 16
    assert "different runs" not in res["_log"]
    assert (tmp_path / "rapport.html").stat().st_size > 1000

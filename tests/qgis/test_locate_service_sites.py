"""optima:locate_service_sites through processing.run."""
import itertools

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer


def _points(coords, weights, extra=None):
    lyr = QgsVectorLayer("Point?crs=EPSG:2154&field=code:string&field=pop:double&field=req:integer"
                         "&field=cap:double&field=terr:string", "pts", "memory")
    feats = []
    for k, ((x, y), w) in enumerate(zip(coords, weights)):
        f = QgsFeature(lyr.fields())
        e = (extra or {}).get(k, {})
        f.setAttributes([f"P{k}", float(w), e.get("req", 0), e.get("cap", 1e9), e.get("terr", "A")])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def _brute(D, w, p, required=()):
    best = None
    for S in itertools.combinations(range(D.shape[1]), p):
        if not set(required) <= set(S):
            continue
        v = float((w * D[:, list(S)].min(axis=1)).sum())
        if best is None or v < best - 1e-9:
            best = v
    return best


def _read(path):
    lyr = QgsVectorLayer(str(path), "o", "ogr")
    assert lyr.isValid()
    return list(lyr.getFeatures())


def test_pmedian_equals_brute_force_straight_lines(run_alg, tmp_path):
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 20000, size=(12, 2))
    w = rng.integers(10, 100, size=12).astype(float)
    lyr = _points(xy.tolist(), w)
    res = run_alg("optima:locate_service_sites", {
        "DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 3, "PROBLEM": 0,
        "METHOD": 1, "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg"),
        "OUTPUT_LINES": str(tmp_path / "l.gpkg")})
    # no network, points: straight distance x 1.3 at 60 km/h
    D = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) * 1.3 / 1000 / 60 * 60
    assert res["OBJECTIVE"] == pytest.approx(_brute(D, w, 3), rel=1e-6)
    assert res["STATUS"] == "optimal"
    sites = _read(tmp_path / "s.gpkg")
    assert len(sites) == 3
    alloc = _read(tmp_path / "a.gpkg")
    assert len(alloc) == 12 and all(f["site_id"] in {s["site_id"] for s in sites} for f in alloc)
    assert sum(s["served_pop"] for s in sites) == pytest.approx(w.sum())
    assert len(_read(tmp_path / "l.gpkg")) == 12


def test_required_site_stays_open(run_alg, tmp_path):
    xy = [(0, 0), (1000, 0), (2000, 0), (50000, 0)]
    lyr = _points(xy, [100, 100, 100, 1], extra={3: {"req": 1}})
    run_alg("optima:locate_service_sites", {
        "DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": lyr,
        "CANDIDATE_ID_FIELD": "code", "REQUIRED_FIELD": "req", "N_SITES": 2,
        "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    ids = {s["site_id"] for s in _read(tmp_path / "s.gpkg")}
    assert "P3" in ids and "P1" in ids


def test_capacity_never_exceeded(run_alg, tmp_path):
    rng = np.random.default_rng(4)
    xy = rng.uniform(0, 10000, size=(10, 2)).tolist()
    lyr = _points(xy, [10] * 10, extra={k: {"cap": 40} for k in range(10)})
    run_alg("optima:locate_service_sites", {
        "DEMAND": lyr, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "CANDIDATES": lyr,
        "CANDIDATE_ID_FIELD": "code", "CAPACITY_FIELD": "cap", "PROBLEM": 4, "N_SITES": 3,
        "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    sites = _read(tmp_path / "s.gpkg")
    assert len(sites) == 3 and all(s["served_pop"] <= 40 + 1e-9 for s in sites)


def test_capacity_too_small_is_clear(run_alg):
    lyr = _points([(0, 0), (1000, 0)], [100, 100], extra={0: {"cap": 50}, 1: {"cap": 50}})
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:locate_service_sites", {
            "DEMAND": lyr, "WEIGHT_FIELD": "pop", "CANDIDATES": lyr, "CAPACITY_FIELD": "cap", "PROBLEM": 4,
            "N_SITES": 2, "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    assert "capacit" in str(e.value).lower()


def test_lscp_cutoff_nobody_meets(run_alg):
    lyr = _points([(0, 0), (100000, 0)], [1, 1])
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:locate_service_sites", {
            "DEMAND": lyr, "CANDIDATES": _points([(50000, 0)], [1]), "PROBLEM": 3, "CUTOFF_MIN": 5,
            "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_ALLOCATION": "TEMPORARY_OUTPUT"})
    assert "cutoff" in str(e.value).lower() or "cover" in str(e.value).lower()


def test_one_site_per_territory_haute_garonne(run_alg, tmp_path, communes_31_path):
    res = run_alg("optima:locate_service_sites", {
        "DEMAND": str(communes_31_path), "DEMAND_ID_FIELD": "insee", "WEIGHT_FIELD": "population",
        "TERRITORY_FIELD": "epci_siren", "N_SITES": 1, "CUTOFF_MIN": 20,
        "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_ALLOCATION": str(tmp_path / "a.gpkg"),
        "OUTPUT_LINES": str(tmp_path / "l.gpkg")})
    sites = _read(tmp_path / "s.gpkg")
    assert len(sites) == 18
    alloc = _read(tmp_path / "a.gpkg")
    assert len(alloc) == 586
    # each commune served by the site of its own EPCI
    site_terr = {s["site_id"]: s["territory"] for s in sites}
    assert all(site_terr[f["site_id"]] == f["epci_siren"] for f in alloc)
    assert 0 < res["COVERAGE_PCT"] <= 100

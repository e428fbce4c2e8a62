"""optima:travel_time_matrix through qgis_process, as planners run it in batch."""
import math
import sqlite3
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
INSEE = ["31555", "31069", "31149", "31557", "31044"]   # Toulouse, Blagnac, Colomiers, Tournefeuille, Balma


def test_travel_time_matrix_cli(qgis_process, tmp_path):
    src = SHARED / "communes_31.gpkg"
    if not src.exists():
        pytest.skip(f"real data not available: {src}")
    gpd = pytest.importorskip("geopandas")
    import shapely

    com = gpd.read_file(src)
    com = com[com.insee.isin(INSEE)].reset_index(drop=True)
    assert len(com) == 5
    origins = tmp_path / "origins.gpkg"
    dests = tmp_path / "dests.gpkg"
    com[["insee", "nom", "geometry"]].to_file(origins, layer="origins", driver="GPKG")
    pts = com[["insee", "nom"]].copy()
    from optima_plugin.core.network import representative_points
    # destinations at the communes' own places: a polygon origin then starts at the same point
    pts = gpd.GeoDataFrame(pts, geometry=shapely.points(representative_points(com.geometry.values)), crs=com.crs)
    pts.to_file(dests, layer="dests", driver="GPKG")
    out = tmp_path / "matrix.gpkg"
    p, data = qgis_process("optima:travel_time_matrix", {
        "ORIGINS": origins, "ORIGIN_ID_FIELD": "insee", "DESTINATIONS": dests, "DEST_ID_FIELD": "insee",
        "DETOUR_FACTOR": 1.3, "DEFAULT_SPEED_KMH": 60, "OUTPUT": out})
    res = data["results"]
    assert res["N_ROWS"] == 25 and res["N_UNREACHABLE"] == 0
    con = sqlite3.connect(out)
    table, = con.execute("select table_name from gpkg_contents").fetchone()
    n, = con.execute(f'select count(*) from "{table}"').fetchone()
    assert n == 25
    t, d = con.execute(f'select time_min, dist_km from "{table}" where origin_id = ? and dest_id = ?',
                       ("31555", "31069")).fetchone()
    # polygon origin -> its place (the same point): straight distance x 1.3 at 60 km/h
    a = pts.geometry[pts.insee == "31555"].iloc[0]
    b = pts.geometry[pts.insee == "31069"].iloc[0]
    km = math.hypot(a.x - b.x, a.y - b.y) * 1.3 / 1000
    assert d == pytest.approx(km, rel=1e-6) and t == pytest.approx(km, rel=1e-6)   # 60 km/h: 1 km = 1 min
    assert 3 < t < 20
    zero, = con.execute(f'select time_min from "{table}" where origin_id = dest_id and origin_id = ?',
                        ("31557",)).fetchone()
    assert zero == pytest.approx(0, abs=1e-9)

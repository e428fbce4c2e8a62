"""The plugin through qgis_process, as planners run it in batch."""
import sqlite3


def test_list_shows_provider(qgis_process):
    import subprocess
    p = subprocess.run([qgis_process.exe, "list"], env=qgis_process.env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=120)
    assert "optima:load_french_communes" in p.stdout


def test_load_french_communes_cli(qgis_process, tmp_path):
    out = tmp_path / "x.gpkg"
    p, data = qgis_process("optima:load_french_communes", {"DEPARTEMENTS": "31", "OUTPUT": out})
    assert data["results"]["N_COMMUNES"] == 586
    con = sqlite3.connect(out)
    n, = con.execute("select count(*) from gpkg_contents").fetchone()
    assert n >= 1
    table, = con.execute("select table_name from gpkg_contents").fetchone()
    count, pop = con.execute(f'select count(*), sum(population) from "{table}"').fetchone()
    assert (count, pop) == (586, 1471468)  # populations in force on 1 January 2026


def test_bad_departement_cli(qgis_process, tmp_path):
    p, data = qgis_process("optima:load_french_communes", {"DEPARTEMENTS": "XX", "OUTPUT": tmp_path / "y.gpkg"},
                           check=False)
    assert p.returncode != 0
    assert "XX" in (p.stdout + p.stderr) and "Traceback" not in (p.stdout + p.stderr)


def test_cluster_balance_out_of_reach_cli(qgis_process, tmp_path):
    """Haute-Garonne (the loader's offline populations) in 24 territories at +/-5 %: Tournefeuille
    touches only Toulouse (alone) and heavy neighbours, so no contiguous cut can be balanced; the
    log proves it, BALANCE_FLOOR_PCT gives the floor and the cut reaches it."""
    src = tmp_path / "c31.gpkg"
    qgis_process("optima:load_french_communes", {"DEPARTEMENTS": "31", "OUTPUT": src})
    p, data = qgis_process("optima:cluster_territories", {
        "INPUT": src, "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 24,
        "BALANCE_TOLERANCE": 5, "OUTPUT_COMMUNES": tmp_path / "c.gpkg", "OUTPUT_TERRITORIES": tmp_path / "t.gpkg"})
    res = data["results"]
    assert res["BALANCE_FLOOR_PCT"] > 5
    log = p.stdout + p.stderr
    assert "out of reach" in log and "Tournefeuille" in log
    assert f"({res['BALANCE_FLOOR_PCT']:.1f}% of the recomputed targets)" in log     # the cut is at the floor

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
    assert (count, pop) == (586, 1362672)


def test_bad_departement_cli(qgis_process, tmp_path):
    p, data = qgis_process("optima:load_french_communes", {"DEPARTEMENTS": "XX", "OUTPUT": tmp_path / "y.gpkg"},
                           check=False)
    assert p.returncode != 0
    assert "XX" in (p.stdout + p.stderr) and "Traceback" not in (p.stdout + p.stderr)

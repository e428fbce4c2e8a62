"""The shipped model optima:territorialisation (resources/models/territorialisation.model3) run
through qgis_process on a real small département (Corse-du-Sud, 2A: 124 communes)."""
import re
import sqlite3
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _table(gpkg):
    con = sqlite3.connect(gpkg)
    name, = con.execute("select table_name from gpkg_contents where data_type = 'features'").fetchone()
    cols = [r[1] for r in con.execute(f'pragma table_info("{name}")')]
    rows = con.execute(f'select * from "{name}"').fetchall()
    styles = con.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] \
        if con.execute("select count(*) from sqlite_master where name = 'layer_styles'").fetchone()[0] else 0
    con.close()
    return cols, [dict(zip(cols, r)) for r in rows], styles


def test_model_is_listed_with_its_outputs(qgis_process):
    p = subprocess.run([qgis_process.exe, "help", "optima:territorialisation"], env=qgis_process.env,
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    for name in ("DEPARTEMENTS", "N_TERRITORIES", "THRESHOLD_MIN", "LANGUAGE", "INDICATORS:COMMUNES",
                 "INDICATORS:TERRITORIES", "INDICATORS:SITES", "REPORT:HTML"):
        assert name in p.stdout, name


def test_model_runs_on_corse_du_sud(qgis_process, tmp_path):
    out = {k: tmp_path / f"{k}.gpkg" for k in ("communes", "territories", "sites")}
    html = tmp_path / "rapport.html"
    p, data = qgis_process("optima:territorialisation", {
        "DEPARTEMENTS": "2A", "N_TERRITORIES": 4, "THRESHOLD_MIN": 20, "LANGUAGE": 0,
        "INDICATORS:COMMUNES": out["communes"], "INDICATORS:TERRITORIES": out["territories"],
        "INDICATORS:SITES": out["sites"], "REPORT:HTML": html}, timeout=300)
    res = data["results"]
    assert Path(res["REPORT:HTML"]) == html

    ccols, communes, cstyle = _table(out["communes"])
    assert len(communes) == 124                       # every commune of 2A, none dropped
    for f in ("insee", "nom", "population", "territory", "site_id", "time_min", "within_threshold"):
        assert f in ccols, f
    assert {c["territory"] for c in communes} == {1, 2, 3, 4}
    assert all(c["time_min"] is not None and c["time_min"] >= 0 for c in communes)

    tcols, terr, tstyle = _table(out["territories"])
    assert len(terr) == 4
    assert sum(t["pop"] for t in terr) == sum(c["population"] for c in communes)
    assert sum(t["n_communes"] for t in terr) == 124
    assert all(t["n_sites"] == 1 for t in terr)       # one office per territory

    scols, sites, sstyle = _table(out["sites"])
    assert len(sites) == 4 and sorted(s["territory"] for s in sites) == [1, 2, 3, 4]
    assert cstyle >= 1 and tstyle >= 1 and sstyle >= 1   # GeoPackages open styled

    text = html.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Indicateurs par territoire" in text
    assert not re.search(r"https?://", text)
    table = re.search(r'<table class="territories">(.*?)</table>', text, re.S).group(1)
    assert table.count("<tr") == 1 + 4 + 1          # header, 4 territories, total
    # the report's populations are the territory layer's
    for t in terr:
        assert f"{t['pop']:,}".replace(",", "\u202f") in table
    assert text.count('src="data:image/png;base64,') == 2


def test_model_takes_the_users_communes_layer(qgis_process, tmp_path):
    """COMMUNES given: the model cuts that layer (not the built-in data of DEPARTEMENTS)."""
    src = ROOT.parent / "shared" / "data" / "communes_toulouse_metropole.gpkg"
    if not src.exists():
        import pytest
        pytest.skip("real data absent")
    out = {k: tmp_path / f"{k}.gpkg" for k in ("communes", "territories", "sites")}
    p, data = qgis_process("optima:territorialisation", {
        "COMMUNES": src, "ID_FIELD": "insee", "POPULATION_FIELD": "population", "DEPARTEMENTS": "2A",
        "N_TERRITORIES": 3, "THRESHOLD_MIN": 20, "LANGUAGE": 0,
        "INDICATORS:COMMUNES": out["communes"], "INDICATORS:TERRITORIES": out["territories"],
        "INDICATORS:SITES": out["sites"], "REPORT:HTML": tmp_path / "r.html"}, timeout=300)
    _cols, communes, _ = _table(out["communes"])
    assert len(communes) == 37 and {c["territory"] for c in communes} == {1, 2, 3}
    assert all(c["insee"].startswith("31") for c in communes)   # Toulouse Métropole, not Corse-du-Sud


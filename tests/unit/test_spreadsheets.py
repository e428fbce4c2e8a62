"""Spreadsheets: French headers from the one label table, French CSV (;, decimal comma, BOM),
XLSX sheets with numbers kept as numbers, and a clear message without openpyxl."""
import csv
import math

import pytest

from optima.optima_plugin.core import spreadsheets as ss

TERR = [{"territory": 1, "name": "Muret", "pop": 12345, "time_mean": 12.25, "pop_dev_pct": -3.5,
         "geometry": "POLYGON(...)"},
        {"territory": 2, "name": "Saint-Gaudens", "pop": 800, "time_mean": float("nan"), "pop_dev_pct": 97.5,
         "geometry": "POLYGON(...)"}]


def test_headers_french_english_and_unknown():
    assert ss.headers(["territory", "pop", "time_p90", "balance_tol", "zz_custom"]) == \
        ["Territoire", "Population", "Temps de 90 % des habitants (min)", "Écart de population toléré (%)",
         "zz_custom"]
    assert ss.column_label("time_mean", "en") == "Mean time (min)"
    # two fields with the same label stay distinguishable
    assert ss.headers(["pop", "population"]) == ["Population (pop)", "Population (population)"]


def test_every_styling_alias_has_a_label():
    """The spreadsheet labels cover every field the QGIS aliases know (one vocabulary)."""
    import ast
    from pathlib import Path
    src = (Path(__file__).resolve().parents[2] / "optima_plugin" / "styling.py").read_text(encoding="utf-8")
    tree = ast.parse(src)
    keys = next(node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", "") == "FIELD_ALIASES")
    fields = {k.value for k in keys.keys}
    assert fields and not fields - set(ss.COLUMN_LABELS), fields - set(ss.COLUMN_LABELS)


def test_french_csv(tmp_path):
    p = ss.write_csv(TERR, str(tmp_path / "t.csv"), "fr")
    raw = open(p, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")          # BOM: a French spreadsheet reads UTF-8
    rows = list(csv.reader(open(p, encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == ["Territoire", "Nom", "Population", "Temps moyen (min)", "Écart à la population moyenne (%)"]
    assert rows[1] == ["1", "Muret", "12345", "12,25", "-3,5"]
    assert rows[2][3] == ""                          # NaN -> empty cell, row kept
    assert len(rows) == 3
    p2 = ss.write_csv(TERR, str(tmp_path / "t_en.csv"), "en")
    rows = list(csv.reader(open(p2, encoding="utf-8-sig")))
    assert rows[0][3] == "Mean time (min)" and rows[1][3] == "12.25"


def test_sheet_titles():
    assert ss.sheet_title("a/b:c") == "a_b_c"
    assert len(ss.sheet_title("x" * 40)) == 31
    assert ss.sheet_title("Communes", ["communes"]) == "Communes (2)"


def test_xlsx_round_trip(tmp_path):
    pytest.importorskip("openpyxl")
    import pandas as pd
    df = pd.DataFrame({"scenario": ["N4-tol10-whole-pmedian"], "n_territories": [4], "cost_total": [1.5e6],
                       "pareto": [1]})
    p = ss.write_workbook({"Territoires": TERR, "Scénarios": df}, str(tmp_path / "o.xlsx"))
    book = ss.read_xlsx(p)
    assert list(book) == ["Territoires", "Scénarios"]
    t = book["Territoires"]
    assert t[0] == ["Territoire", "Nom", "Population", "Temps moyen (min)", "Écart à la population moyenne (%)"]
    assert t[1] == [1, "Muret", 12345, 12.25, -3.5] and t[2][3] is None and len(t) == 3
    s = book["Scénarios"]
    assert s[0] == ["Scénario", "Nombre de territoires", "Coût total (€/an)", "Compromis non dominé (1 = oui)"]
    assert s[1] == ["N4-tol10-whole-pmedian", 4, 1500000, 1]


def test_export_without_openpyxl(tmp_path, monkeypatch):
    monkeypatch.setattr(ss, "has_xlsx", lambda: False)
    out = ss.export_tables({"Territoires": TERR, "Indicateurs": ss.indicator_rows({"gini_time": 0.25})},
                           str(tmp_path / "org.xlsx"), None, "fr")
    assert out["xlsx"] is None and "openpyxl" in out["message"]
    assert not (tmp_path / "org.xlsx").exists()
    names = sorted(p.split("/")[-1] for p in out["csv"])
    assert names == ["org_indicateurs.csv", "org_territoires.csv"]
    rows = list(csv.reader(open(tmp_path / "org_indicateurs.csv", encoding="utf-8-sig"), delimiter=";"))
    assert rows == [["Indicateur", "Valeur"], ["Inégalité des temps (Gini, 0 = égalité)", "0,25"]]
    assert not math.isnan(float(rows[1][1].replace(",", ".")))

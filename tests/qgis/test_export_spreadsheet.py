"""optima:export_spreadsheet: layers and the indicators JSON as XLSX sheets and French CSV files."""
import csv
import json

import pytest

ALG = "optima:export_spreadsheet"


def layers():
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer
    t = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:integer&field=name:string&field=pop:integer"
                       "&field=time_mean:double", "Territoires", "memory")
    feats = []
    for k, row in enumerate([[1, "Muret", 1200, 12.5], [2, "Saint-Gaudens", 800, None]]):
        f = QgsFeature(t.fields())
        f.setAttributes(row)
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k, 0, k + 1, 1)))
        feats.append(f)
    assert t.dataProvider().addFeatures(feats)[0]
    sc = QgsVectorLayer("None?field=scenario:string&field=balance_tol:double&field=status:string", "Scénarios",
                        "memory")
    f = QgsFeature(sc.fields())
    f.setAttributes(["N4-tol10-whole-pmedian", 10.0, "ok"])
    sc.dataProvider().addFeatures([f])
    return t, sc


def test_csv_always_french_headers(run_alg, tmp_path):
    t, sc = layers()
    js = tmp_path / "ind.json"
    js.write_text(json.dumps({"overall": {"gini_time": 0.2, "mean_time": 9.5}, "territories": [
        {"territory": 1, "pop": 1200}]}), encoding="utf-8")
    res = run_alg(ALG, {"LAYERS": [t, sc], "INDICATORS_JSON": str(js), "OUTPUT_CSV_FOLDER": str(tmp_path / "csv")})
    assert res["N_TABLES"] == 4 and len(res["OUTPUT_CSV"]) == 4
    rows = list(csv.reader(open(tmp_path / "csv" / "territoires.csv", encoding="utf-8-sig"), delimiter=";"))
    assert rows == [["Territoire", "Nom", "Population", "Temps moyen (min)"], ["1", "Muret", "1200", "12,5"],
                    ["2", "Saint-Gaudens", "800", ""]]
    rows = list(csv.reader(open(tmp_path / "csv" / "scénarios.csv", encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == ["Scénario", "Écart de population toléré (%)", "État du calcul"]
    rows = list(csv.reader(open(tmp_path / "csv" / "indicateurs.csv", encoding="utf-8-sig"), delimiter=";"))
    assert rows[1] == ["Inégalité des temps (Gini, 0 = égalité)", "0,2"]


def test_xlsx(run_alg, tmp_path):
    pytest.importorskip("openpyxl")
    from optima.optima_plugin.core.spreadsheets import read_xlsx
    t, sc = layers()
    res = run_alg(ALG, {"LAYERS": [t, sc], "LANGUAGE": 1, "OUTPUT_XLSX": str(tmp_path / "org.xlsx")})
    book = read_xlsx(res["OUTPUT_XLSX"])
    assert list(book) == ["Territoires", "Scénarios"]
    assert book["Territoires"][0] == ["Territory", "Name", "Population", "Mean time (min)"]
    assert book["Territoires"][1] == [1, "Muret", 1200, 12.5]
    assert (tmp_path / "org_territoires.csv").exists()   # the CSV beside the workbook


def test_nothing_to_export(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException):
        run_alg(ALG, {"OUTPUT_CSV_FOLDER": str(tmp_path)})


def test_function_for_the_dialog(tmp_path, monkeypatch):
    """spreadsheet_for_layers: what the guided dialog calls (no processing context)."""
    from optima.optima_plugin.core import spreadsheets as ss
    from optima.processing_algorithms.export_spreadsheet import spreadsheet_for_layers
    t, sc = layers()
    monkeypatch.setattr(ss, "has_xlsx", lambda: False)
    out = spreadsheet_for_layers([t, sc], str(tmp_path / "org.xlsx"))
    assert out["xlsx"] is None and "openpyxl" in out["message"]
    assert sorted(p.split("/")[-1] for p in out["csv"]) == ["org_scénarios.csv", "org_territoires.csv"]

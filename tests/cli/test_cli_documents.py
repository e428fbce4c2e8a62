"""The documents for elected officials through qgis_process, headless (QT_QPA_PLATFORM=offscreen):
the print atlas PDF (1 + N pages), the report, the spreadsheet export."""
import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.skipif(not (SHARED / "epci_31.gpkg").exists(), reason="../shared/data is absent")
def test_atlas_report_spreadsheet_cli(qgis_process, tmp_path):
    _, data = qgis_process("optima:territory_indicators", {
        "COMMUNES": SHARED / "communes_31.gpkg", "TERRITORY_FIELD": "epci_siren", "POPULATION_FIELD": "population",
        "TERRITORY_NAME_FIELD": "epci_nom", "SITES": SHARED / "france_services_31.gpkg", "SITE_ID_FIELD": "id_fs",
        "THRESHOLD_MIN": 20, "OUTPUT_COMMUNES": tmp_path / "c.gpkg", "OUTPUT_TERRITORIES": tmp_path / "t.gpkg",
        "OUTPUT_SITES": tmp_path / "s.gpkg", "OUTPUT_JSON": tmp_path / "ind.json"})
    _, data = qgis_process("optima:print_atlas", {
        "TERRITORIES": tmp_path / "t.gpkg", "COMMUNES": tmp_path / "c.gpkg", "SITES": tmp_path / "s.gpkg",
        "OUTPUT_PDF": tmp_path / "atlas.pdf"})
    assert data["results"]["N_PAGES"] == 19
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(tmp_path / "atlas.pdf")], capture_output=True, text=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == 19
    _, data = qgis_process("optima:territorialisation_report", {
        "COMMUNES": tmp_path / "c.gpkg", "TERRITORIES": tmp_path / "t.gpkg", "SITES": tmp_path / "s.gpkg",
        "OUTPUT_HTML": tmp_path / "r.html"})
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Méthode et limites" in text and "Résumé" in text
    _, data = qgis_process("optima:export_spreadsheet", {
        "LAYERS": tmp_path / "t.gpkg", "INDICATORS_JSON": tmp_path / "ind.json",
        "OUTPUT_CSV_FOLDER": tmp_path / "csv"})
    assert data["results"]["N_TABLES"] == 3
    files = sorted(p.name for p in (tmp_path / "csv").glob("*.csv"))
    assert len(files) == 3 and "indicateurs.csv" in files
    rows = list(csv.reader(open(tmp_path / "csv" / "indicateurs.csv", encoding="utf-8-sig"), delimiter=";"))
    assert rows[0] == ["Indicateur", "Valeur"] and len(rows) > 5

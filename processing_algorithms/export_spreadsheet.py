"""optima:export_spreadsheet — any OPTIMA tables as one XLSX workbook and CSV files, French headers."""
import json
import os

from qgis.core import (
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
)

from ..optima_plugin.compat import SourceType
from ..optima_plugin.core.errors import InputError
from .base import OptimaAlgorithm

LANGUAGES = ["fr", "en"]


class ExportSpreadsheet(OptimaAlgorithm):
    NAME = "export_spreadsheet"
    GROUP = "scenarios"

    def display_name(self):
        return self.tr("Export tables to a spreadsheet (XLSX, CSV)")

    def help(self):
        return self.tr(
            "Writes the attribute tables of the chosen layers (communes with their territory, territories, "
            "sites, scenario table...) and, optionally, the indicators file (JSON of 'Territory indicators') as "
            "a spreadsheet: one XLSX workbook with one sheet per table, and one CSV file per table. Column "
            "headers are readable labels (French by default: 'Population', 'Temps moyen (min)'...), the "
            "geometry is left out.\n\n"
            "LAYERS: any vector layers or tables. INDICATORS_JSON (optional): the JSON of 'Territory "
            "indicators' (an 'Indicators' sheet with the overall figures and a 'Territories' sheet).\n"
            "LANGUAGE: headers in French (default) or English.\n"
            "OUTPUT_XLSX: the workbook (needs the openpyxl library; without it the CSV files are written and "
            "a message says how to install it). OUTPUT_CSV_FOLDER (optional): folder of the CSV files (default: "
            "beside the workbook). French CSV files use ';' and a decimal comma.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "LAYERS", self.tr("Layers or tables to export"), SourceType.Vector, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "INDICATORS_JSON", self.tr("Indicators file (JSON)"), extension="json", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Language of the headers"), ["Français", "English"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_XLSX", self.tr("Workbook (XLSX)"), self.tr("Excel workbooks (*.xlsx)"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_CSV_FOLDER", self.tr("Folder for the CSV files"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("N_TABLES", self.tr("Number of tables")))
        self.addOutput(QgsProcessingOutputMultipleLayers("OUTPUT_CSV", self.tr("CSV files")))

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import spreadsheets as ss

        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        layers = self.parameterAsLayerList(parameters, "LAYERS", context) or []
        sheets = table_sheets(layers)
        jpath = self.parameterAsFile(parameters, "INDICATORS_JSON", context)
        if jpath:
            sheets.update(indicator_sheets(jpath, lang))
        if not sheets:
            raise InputError(self.tr("LAYERS and INDICATORS_JSON are both empty: nothing to export."))
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        folder = self.parameterAsString(parameters, "OUTPUT_CSV_FOLDER", context)
        if folder:
            folder = self.parameterAsFileOutput(parameters, "OUTPUT_CSV_FOLDER", context)
        if not xlsx and not folder:
            raise InputError(self.tr("Give OUTPUT_XLSX or OUTPUT_CSV_FOLDER."))
        if xlsx and not xlsx.lower().endswith(".xlsx"):
            xlsx += ".xlsx"
        out = ss.export_tables(sheets, xlsx or None, folder or None, lang)
        if out["message"]:
            feedback.reportError(self.tr("The openpyxl library is not installed: no XLSX file was written (the "
                                         "CSV files were). Install it into the Python QGIS uses: "
                                         "python -m pip install openpyxl"), False)
        for p in [out["xlsx"]] + out["csv"]:
            if p:
                feedback.pushInfo(self.tr("Written: {}").format(p))
        res = {"N_TABLES": len(sheets), "OUTPUT_CSV": out["csv"]}
        if out["xlsx"]:
            res["OUTPUT_XLSX"] = out["xlsx"]
        if folder:
            res["OUTPUT_CSV_FOLDER"] = folder
        return res


def table_sheets(layers) -> dict:
    """{sheet name: DataFrame} of QGIS layers (sheet = layer name, made unique)."""
    from ..optima_plugin.core.spreadsheets import sheet_title
    from ..optima_plugin.report import source_table
    sheets = {}
    for lyr in layers:
        name = sheet_title(lyr.name() or "table", list(sheets))
        sheets[name] = source_table(lyr)
    return sheets


def indicator_sheets(path: str, lang="fr") -> dict:
    """The JSON of territory_indicators as an overall sheet and a per-territory sheet."""
    from ..optima_plugin.core.spreadsheets import SHEET_NAMES, indicator_rows
    k = 1 if lang == "en" else 0
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as e:
        raise InputError(f"INDICATORS_JSON: {os.path.basename(path)} is not a readable JSON file ({e}).")
    if not isinstance(doc, dict):
        raise InputError(f"INDICATORS_JSON: {os.path.basename(path)} is not an indicators file.")
    out = {}
    overall = doc.get("overall") if isinstance(doc.get("overall"), dict) else \
        {a: b for a, b in doc.items() if not isinstance(b, (dict, list))}
    if overall:
        out[SHEET_NAMES["indicators"][k]] = indicator_rows(overall, lang)
    if isinstance(doc.get("territories"), list):
        out[SHEET_NAMES["territories"][k] + (" (JSON)")] = doc["territories"]
    return out


def spreadsheet_for_layers(layers, xlsx_path: str, lang: str = "fr", csv_folder=None) -> dict:
    """For the guided dialog: the given QGIS layers as an XLSX workbook (when openpyxl is
    installed) and CSV files; returns ``{"xlsx": path or None, "csv": [paths], "message": text or None}``."""
    from ..optima_plugin.core import spreadsheets as ss
    return ss.export_tables(table_sheets(layers), xlsx_path, csv_folder, lang)

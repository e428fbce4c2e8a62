"""optima:score_services — which services to territorialise, which to pool (multi-criteria score).

Also holds the small helpers the three organisation algorithms share (score_services,
territory_expectations, premises_requirements): reading a table from a layer *or* a CSV/XLSX
file, naming rows of a layer by feature id in error messages, and the core's documented
defaults read without importing pandas at plugin load.
"""
import re
import unicodedata
from contextlib import contextmanager

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..optima_plugin.i18n import tr
from ..optima_plugin.qgis_io import output_fields, read_source, write_features
from .base import OptimaAlgorithm
from ..optima_plugin.compat import GeometryType, NumberType, ParamFlag, SourceType, WkbType

# ---------------------------------------------------------------------------------------
# Shared helpers of the organisation algorithms
# ---------------------------------------------------------------------------------------

#: CSV first (the shipped templates), XLSX when openpyxl is installed.
TABLE_FILE_FILTER = "CSV (*.csv *.CSV *.txt);;Excel (*.xlsx *.XLSX)"
LANGUAGES = ("fr", "en")


def core_defaults() -> dict:
    """The core's documented defaults (criteria, weights, thresholds, premises ratios), from the
    light module :mod:`optima_plugin.core.catalogue_defaults` (no pandas at provider load)."""
    from ..optima_plugin.core import catalogue_defaults as cd
    return {"FOR_CRITERIA": cd.FOR_CRITERIA, "AGAINST_CRITERIA": cd.AGAINST_CRITERIA,
            "DEFAULT_WEIGHTS": cd.DEFAULT_WEIGHTS, "DEFAULT_THRESHOLDS": cd.DEFAULT_THRESHOLDS,
            "DEFAULT_RATIOS": cd.DEFAULT_RATIOS}


def fmt(x) -> str:
    """A default for help texts: 1.0 -> '1', 0.75 -> '0.75'."""
    return f"{float(x):g}"


def table_file_parameter(name, description):
    return QgsProcessingParameterFile(name, description, QgsProcessingParameterFile.File,
                                      optional=True, fileFilter=TABLE_FILE_FILTER)


def has_column(df, name: str) -> bool:
    """Whether the table has the column, ignoring case and accents (as the core does)."""
    def fold(x):
        x = unicodedata.normalize("NFKD", str(x).strip().lower())
        return "".join(c for c in x if not unicodedata.combining(c))
    return fold(name) in {fold(c) for c in df.columns}


def frame_of_layer(ld):
    """Attribute table of a read layer as a DataFrame; rows are named by feature id in errors."""
    import pandas as pd
    names = ld.fields.names()
    df = pd.DataFrame({n: ld.gdf[n].tolist() for n in names}, columns=names)
    df.attrs["lines"] = {i: int(fid) for i, fid in enumerate(ld.fids)}
    return df


def read_table_input(alg, parameters, context, feedback, layer_param, file_param, required=True):
    """The table of ``layer_param`` (a vector layer, spatial or not) or ``file_param`` (CSV/XLSX).

    Returns ``(DataFrame, LayerData or None)``; the LayerData keeps the layer's fields, raw
    attributes and geometries for writing outputs. Exactly one of the two must be given.
    """
    source = alg.parameterAsSource(parameters, layer_param, context)
    path = alg.parameterAsFile(parameters, file_param, context)
    if source is not None and path:
        raise QgsProcessingException(tr("Give either {} (a layer) or {} (a CSV file), not both.").format(
            layer_param, file_param))
    if source is None and not path:
        if not required:
            return None, None
        raise QgsProcessingException(tr(
            "No table given: set {} (a layer, or a CSV/spreadsheet loaded in QGIS) or {} (a CSV or XLSX "
            "file path).").format(layer_param, file_param))
    if path:
        from ..optima_plugin.core.catalogue import read_table
        df = read_table(path)
        if feedback is not None:
            feedback.pushInfo(tr("{}: {} rows read from {}.").format(file_param, len(df), path))
        return df, None
    ld = read_source(source, layer_param, context, feedback, require_geometry=False)
    return frame_of_layer(ld), ld


@contextmanager
def rows_as_features(prefixes):
    """Core errors name rows 'line N' (file convention). For a table read from a layer, N is the
    feature id: say 'feature N'. ``prefixes``: message prefixes (e.g. 'Survey') coming from a layer."""
    from ..optima_plugin.core.errors import InputError
    try:
        yield
    except InputError as e:
        msg = str(e)
        if any(msg.startswith(p) for p in prefixes):
            msg = re.sub(r"\bline (\d+)", r"feature \1", msg)
            raise InputError(msg) from None
        raise


def geometry_of(ld):
    """(wkb type, CRS, geometries or None) for writing features back with the layer's geometry."""
    if ld is None or ld.geometry_type in (GeometryType.Null, GeometryType.Unknown):
        return WkbType.NoGeometry, None, None
    return ld.wkb_type, ld.crs, ld.qgis_geoms


def advanced(param):
    param.setFlags(param.flags() | ParamFlag.Advanced)
    return param


# ---------------------------------------------------------------------------------------
# The algorithm
# ---------------------------------------------------------------------------------------

NEW_COLUMNS = ["mean_for", "mean_against", "score", "recommendation", "deciding"]


def weight_param(criterion: str) -> str:
    return "W_" + criterion.upper()


class ScoreServices(OptimaAlgorithm):
    NAME = "score_services"
    GROUP = "organisation"

    def display_name(self):
        return self.tr("Score services: territorialise or centralise")

    def help(self):
        d = core_defaults()
        w = d["DEFAULT_WEIGHTS"]
        low, high = d["DEFAULT_THRESHOLDS"]
        weights = "\n".join(f"{weight_param(c)}: {c} (default {fmt(w[c])})"
                            for c in d["FOR_CRITERIA"] + d["AGAINST_CRITERIA"])
        return self.tr(
            "Scores a catalogue of services (one row per service) on eight criteria to say which services "
            "argue for territorialisation (proximity) and which for pooling (centralisation).\n\n"
            "INPUT: the catalogue as a layer (a CSV or spreadsheet loaded in QGIS as a table is fine), or\n"
            "INPUT_FILE: the catalogue as a CSV (';' or ',', decimal comma accepted) or XLSX file, e.g. the "
            "shipped template resources/sample/catalogue_services_fr.csv. Give one of the two.\n"
            "Columns: 'service' (SERVICE_FIELD) and the criteria scored on the scale SCALE_MIN..SCALE_MAX "
            "(default 0..5). For territorialisation: frequence_contact, presence_terrain, connaissance_locale, "
            "implication_elus. For pooling: economies_echelle, expertise_rare, egalite_traitement, "
            "cout_equipement. A criterion with weight 0 may be absent.\n\n"
            "Weights (>= 0):\n{}\n\n"
            "score = 100 x (weighted mean of the criteria FOR - weighted mean AGAINST) / (SCALE_MAX - SCALE_MIN), "
            "from -100 (pool) to +100 (territorialise).\n"
            "THRESHOLD_LOW (default {}) and THRESHOLD_HIGH (default {}): 'territorialise' if score >= "
            "THRESHOLD_HIGH, 'centralise' if score <= THRESHOLD_LOW, 'mixed' in between.\n"
            "LANGUAGE: language of the chart (French or English).\n\n"
            "OUTPUT: every input column plus mean_for, mean_against (weighted means on the scale), score, "
            "recommendation (territorialise / mixed / centralise) and deciding (the criteria that weighed most).\n"
            "OUTPUT_CHART: optional PNG bar chart of the scores, sorted and coloured by recommendation.\n"
            "N_TERRITORIALISE, N_MIXED, N_CENTRALISE: number of services in each class.\n\n"
            "Defaults and their reasoning: docs/organisation_tools.md. The template is a starting point to "
            "review with the departments, not a verdict."
        ).format(weights, fmt(low), fmt(high))

    def initAlgorithm(self, config=None):
        d = core_defaults()
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", self.tr("Service catalogue (layer or table)"), [SourceType.Vector], optional=True))
        self.addParameter(table_file_parameter("INPUT_FILE", self.tr("... or service catalogue file (CSV, XLSX)")))
        self.addParameter(advanced(QgsProcessingParameterString(
            "SERVICE_FIELD", self.tr("Column with the service name"), defaultValue="service")))
        for c in d["FOR_CRITERIA"] + d["AGAINST_CRITERIA"]:
            side = self.tr("for territorialisation") if c in d["FOR_CRITERIA"] else self.tr("for pooling")
            self.addParameter(QgsProcessingParameterNumber(
                weight_param(c), self.tr("Weight of {} ({})").format(c, side),
                NumberType.Double, d["DEFAULT_WEIGHTS"][c], minValue=0.0))
        low, high = d["DEFAULT_THRESHOLDS"]
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_LOW", self.tr("Centralise when score <= (-100..100)"),
            NumberType.Double, low, minValue=-100.0, maxValue=100.0))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_HIGH", self.tr("Territorialise when score >= (-100..100)"),
            NumberType.Double, high, minValue=-100.0, maxValue=100.0))
        self.addParameter(advanced(QgsProcessingParameterNumber(
            "SCALE_MIN", self.tr("Lowest possible criterion score"), NumberType.Double, 0.0)))
        self.addParameter(advanced(QgsProcessingParameterNumber(
            "SCALE_MAX", self.tr("Highest possible criterion score"), NumberType.Double, 5.0)))
        self.addParameter(advanced(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Language of the chart"), options=["Français", "English"], defaultValue=0)))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Scored services"), SourceType.Vector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_CHART", self.tr("Chart of the scores"), self.tr("PNG image (*.png)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("N_TERRITORIALISE", self.tr("Services to territorialise")))
        self.addOutput(QgsProcessingOutputNumber("N_MIXED", self.tr("Mixed services")))
        self.addOutput(QgsProcessingOutputNumber("N_CENTRALISE", self.tr("Services to centralise")))

    def weights(self, parameters, context):
        d = core_defaults()
        return {c: self.parameterAsDouble(parameters, weight_param(c), context)
                for c in d["FOR_CRITERIA"] + d["AGAINST_CRITERIA"]}

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import catalogue as core

        table, ld = read_table_input(self, parameters, context, feedback, "INPUT", "INPUT_FILE")
        feedback.setProgress(20)
        weights = self.weights(parameters, context)
        thresholds = (self.parameterAsDouble(parameters, "THRESHOLD_LOW", context),
                      self.parameterAsDouble(parameters, "THRESHOLD_HIGH", context))
        scale = (self.parameterAsDouble(parameters, "SCALE_MIN", context),
                 self.parameterAsDouble(parameters, "SCALE_MAX", context))
        service_field = self.parameterAsString(parameters, "SERVICE_FIELD", context) or "service"
        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        with rows_as_features(("Service catalogue",) if ld is not None else ()):
            df = core.score_services(table, weights=weights, scale=scale, thresholds=thresholds,
                                     service_field=service_field)
        feedback.setProgress(60)
        counts = {r: int((df["recommendation"] == r).sum()) for r in core.RECOMMENDATIONS}
        feedback.pushInfo(self.tr("{} services: {} to territorialise, {} mixed, {} to centralise.").format(
            len(df), counts[core.TERRITORIALISE], counts[core.MIXED], counts[core.CENTRALISE]))

        if ld is not None:     # layer: its fields and values unchanged, new columns appended
            base, raw, cols = ld.fields, ld.raw_attrs, NEW_COLUMNS
        else:                  # file: every column as the core read it (criteria as numbers)
            base, raw, cols = None, None, list(df.columns)
        wkb, crs, geoms = geometry_of(ld)
        fields = output_fields(base, df, cols, log=feedback.pushInfo)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb,
                                          crs or QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        write_features(sink, fields, df, cols, raw_attrs=raw, geometries=geoms, feedback=feedback,
                       multi=False, progress_range=(60, 85))
        # release the sink now: the file is complete when the writer is deleted, and a module imported
        # later (matplotlib) may keep this frame alive through a stored traceback
        del sink
        results = {"OUTPUT": dest, "N_TERRITORIALISE": counts[core.TERRITORIALISE],
                   "N_MIXED": counts[core.MIXED], "N_CENTRALISE": counts[core.CENTRALISE]}

        chart = self.parameterAsFileOutput(parameters, "OUTPUT_CHART", context)
        if chart:
            results["OUTPUT_CHART"] = core.score_chart(df, chart, thresholds=thresholds, lang=lang)
            feedback.pushInfo(self.tr("Chart written to {}.").format(chart))
        feedback.setProgress(100)
        return results

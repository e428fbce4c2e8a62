"""optima:territory_expectations — residents' survey aggregated per territory, on a map."""
import re
import unicodedata

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..optima_plugin.qgis_io import output_fields, read_source, write_features
from .base import OptimaAlgorithm
from .inputs import number_field
from .score_services import advanced, read_table_input, rows_as_features, table_file_parameter
from ..optima_plugin.compat import FieldType, NumberType, SourceType, WkbType

UNKNOWN_MODES = ("error", "skip")
STAT_COLUMNS = ["pop", "n_communes", "n_responses", "responses_per_1000", "n_satisfaction", "satisfaction_mean",
                "satisfaction_sd", "ci_low", "ci_high", "gap_to_mean"]


def share_field_name(category: str, taken: set) -> str:
    """'Accueil en mairie' -> 'share_accueil_en_mairie' (a field name usable in expressions)."""
    s = unicodedata.normalize("NFKD", str(category).strip().lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "other"
    name, k = f"share_{s}", 2
    while name in taken:
        name, k = f"share_{s}_{k}", k + 1
    return name


class TerritoryExpectations(OptimaAlgorithm):
    NAME = "territory_expectations"
    GROUP = "organisation"

    def display_name(self):
        return self.tr("Residents' expectations per territory (survey)")

    def help(self):
        return self.tr(
            "Aggregates a residents' survey (one row per answer) per territory and maps it: number of answers, "
            "mean satisfaction with its confidence interval, shares of each priority. Territories without any "
            "answer are listed (n_responses = 0); small samples are flagged, never hidden.\n\n"
            "RESPONSES: the answers as a layer (a CSV loaded in QGIS as a table is fine), or\n"
            "INPUT_FILE: the answers as a CSV or XLSX file, e.g. resources/sample/enquete_attentes_exemple.csv. "
            "Give one of the two.\n"
            "COMMUNE_FIELD: INSEE code of the respondent's commune (default 'insee'; 1001 is read 01001).\n"
            "SATISFACTION_FIELD: satisfaction score (default 'satisfaction'); an empty cell = not answered.\n"
            "PRIORITY_FIELD: optional single priority chosen from a closed list (default 'priorite', skipped "
            "when the column is absent).\n"
            "SCALE_MIN, SCALE_MAX: the satisfaction scale (default 1 to 5); a score outside is an error naming "
            "the row.\n"
            "MIN_RESPONSES: below this number of answers a territory is flagged small_sample (default 30).\n"
            "CONFIDENCE: level of the interval (default 0.95).\n"
            "TERRITORIES: commune polygons with their territory, e.g. the communes output of the clustering or "
            "communes with their EPCI. TERRITORY_FIELD (default 'territory'), INSEE_FIELD (default 'insee'), "
            "POPULATION_FIELD (default 'population'; without it responses_per_1000 stays empty). An empty field "
            "parameter means its default name. "
            "Communes with an empty territory are left out.\n"
            "UNKNOWN_CODES: an answer whose commune is not in TERRITORIES (or has no code) is an error listing "
            "the rows (default), or is skipped and counted.\n\n"
            "OUTPUT: one polygon per territory (its communes dissolved) with territory, pop, n_communes, "
            "n_responses, responses_per_1000, n_satisfaction, satisfaction_mean, satisfaction_sd (n-1), ci_low, "
            "ci_high (Student t interval: mean +- t x s / sqrt(n), empty when n < 2), gap_to_mean (territory mean "
            "minus the mean of all answers), n_priority, one share_<priority> field per priority (share among the "
            "territory's answered priorities; the field name is the priority in lower case without accents, "
            "listed in the log) and small_sample (1 when n_responses < MIN_RESPONSES).\n"
            "N_TERRITORIES, N_RESPONSES (answers used), N_SKIPPED, OVERALL_MEAN.\n\n"
            "Reading: a gap to the mean means something only if the interval is narrow. No weighting (age, sex) "
            "is applied; see docs/organisation_tools.md.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "RESPONSES", self.tr("Survey answers (layer or table)"), [SourceType.Vector], optional=True))
        self.addParameter(table_file_parameter("INPUT_FILE", self.tr("... or survey answers file (CSV, XLSX)")))
        self.addParameter(QgsProcessingParameterField(
            "COMMUNE_FIELD", self.tr("Commune code (INSEE) of each answer"), defaultValue="insee",
            parentLayerParameterName="RESPONSES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "SATISFACTION_FIELD", self.tr("Satisfaction score"), defaultValue="satisfaction",
            parentLayerParameterName="RESPONSES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "PRIORITY_FIELD", self.tr("Priority (one category per answer)"), defaultValue="priorite",
            parentLayerParameterName="RESPONSES", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SCALE_MIN", self.tr("Lowest satisfaction score"), NumberType.Double, 1.0))
        self.addParameter(QgsProcessingParameterNumber(
            "SCALE_MAX", self.tr("Highest satisfaction score"), NumberType.Double, 5.0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_RESPONSES", self.tr("Answers below which a territory is a small sample"),
            NumberType.Integer, 30, minValue=0))
        self.addParameter(advanced(QgsProcessingParameterNumber(
            "CONFIDENCE", self.tr("Confidence level of the interval"), NumberType.Double,
            0.95, minValue=0.5, maxValue=0.999)))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "TERRITORIES", self.tr("Communes with their territory"), [SourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_FIELD", self.tr("Territory field"), defaultValue="territory",
            parentLayerParameterName="TERRITORIES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "INSEE_FIELD", self.tr("Commune code (INSEE) field"), defaultValue="insee",
            parentLayerParameterName="TERRITORIES", optional=True))
        self.addParameter(number_field(
            self.POPULATION_FIELD, self.tr("Population field"), "TERRITORIES", optional=True,
            default="population"))
        self.addParameter(QgsProcessingParameterEnum(
            "UNKNOWN_CODES", self.tr("Answers from communes outside the territories"),
            options=[self.tr("Stop with an error listing them"), self.tr("Skip them and count them")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Expectations per territory"), SourceType.VectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("N_TERRITORIES", self.tr("Number of territories")))
        self.addOutput(QgsProcessingOutputNumber("N_RESPONSES", self.tr("Answers used")))
        self.addOutput(QgsProcessingOutputNumber("N_SKIPPED", self.tr("Answers skipped (unknown commune)")))
        self.addOutput(QgsProcessingOutputNumber("OVERALL_MEAN", self.tr("Mean satisfaction of all answers")))

    def _territories(self, parameters, context, feedback):
        """-> (LayerData, territory field, mapping insee -> territory, population per territory or None)."""
        from ..optima_plugin.core.catalogue import normalise_insee

        source = self.parameterAsSource(parameters, "TERRITORIES", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "TERRITORIES"))
        ld = read_source(source, "TERRITORIES", context, feedback)
        tfield = self.parameterAsString(parameters, "TERRITORY_FIELD", context) or "territory"
        ifield = self.parameterAsString(parameters, "INSEE_FIELD", context) or "insee"
        pfield = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
        names = ld.fields.names()
        if pfield == "population" and pfield not in names:  # the default, absent: no rate per 1,000
            feedback.pushWarning(self.tr("TERRITORIES has no 'population' field: responses_per_1000 is left "
                                         "empty (set POPULATION_FIELD)."))
            pfield = ""
        for param, f in (("TERRITORY_FIELD", tfield), ("INSEE_FIELD", ifield), (self.POPULATION_FIELD, pfield)):
            if f and f not in names:
                raise QgsProcessingException(self.tr(
                    "{}: TERRITORIES has no field '{}' (fields: {}).").format(param, f, ", ".join(names)))
        mapping, pops, no_terr, bad_pop = {}, {}, 0, []
        terr_vals = ld.gdf[tfield].tolist()
        codes = ld.gdf[ifield].tolist()
        popv = ld.gdf[pfield].tolist() if pfield else [None] * len(ld)
        if pfield:  # text read by its column ("2,279" and "141,284": thousands), like every algorithm
            from ..optima_plugin.core.values import parse_number_column
            col = parse_number_column(popv, pfield)
            popv = [None if (i in col.not_numbers or i in col.ambiguous or col.null[i]) else x
                    for i, x in enumerate(col.values.tolist())]
            if col.summary:
                feedback.pushInfo(col.summary)
        for fid, t, code, p in zip(ld.fids, terr_vals, codes, popv):
            if t is None or (isinstance(t, float) and t != t) or str(t).strip() == "":
                no_terr += 1
                continue
            c = normalise_insee(code)
            if c == "":
                raise QgsProcessingException(self.tr("TERRITORIES, feature {}: empty '{}'.").format(fid, ifield))
            if c in mapping and mapping[c] != t:
                raise QgsProcessingException(self.tr(
                    "TERRITORIES: commune {} is in two territories, '{}' and '{}'.").format(c, mapping[c], t))
            mapping[c] = t
            if pfield:
                x = float("nan") if p is None else float(p)
                if not (x == x) or x < 0:  # NaN or negative
                    bad_pop.append(f"{c}")
                    x = 0.0
                pops[t] = pops.get(t, 0.0) + x
        if not mapping:
            raise QgsProcessingException(self.tr(
                "TERRITORIES: no commune has a territory in '{}'.").format(tfield))
        if no_terr:
            feedback.pushWarning(self.tr("{} commune(s) of TERRITORIES have no territory: left out.").format(no_terr))
        if bad_pop:
            feedback.pushWarning(self.tr("Population missing or invalid for {} commune(s), counted 0: {}.").format(
                len(bad_pop), ", ".join(bad_pop[:10]) + (" ..." if len(bad_pop) > 10 else "")))
        return ld, tfield, mapping, (pops if pfield else None)

    def execute_optima(self, parameters, context, feedback):
        import shapely

        from ..optima_plugin.core import catalogue as core

        responses, rld = read_table_input(self, parameters, context, feedback, "RESPONSES", "INPUT_FILE")
        ld, tfield, mapping, pops = self._territories(parameters, context, feedback)
        feedback.setProgress(20)
        prio = self.parameterAsString(parameters, "PRIORITY_FIELD", context) or None
        mon = self.monitor(feedback)
        with rows_as_features(("Survey",) if rld is not None else ()):
            out = core.territory_expectations(
                responses, mapping, pops,
                commune_field=self.parameterAsString(parameters, "COMMUNE_FIELD", context) or "insee",
                satisfaction_field=self.parameterAsString(parameters, "SATISFACTION_FIELD", context) or "satisfaction",
                priority_field=prio,
                scale=(self.parameterAsDouble(parameters, "SCALE_MIN", context),
                       self.parameterAsDouble(parameters, "SCALE_MAX", context)),
                min_responses=self.parameterAsInt(parameters, "MIN_RESPONSES", context),
                confidence=self.parameterAsDouble(parameters, "CONFIDENCE", context),
                unknown=UNKNOWN_MODES[self.parameterAsEnum(parameters, "UNKNOWN_CODES", context)],
                log=mon.log)
        feedback.setProgress(60)

        # dissolve the communes of each territory
        key = {str(t): t for t in out["territory"]}
        groups = {k: [] for k in key}
        n_communes = {k: 0 for k in key}
        for t, g in zip(ld.gdf[tfield].tolist(), ld.gdf.geometry):
            k = str(t)
            if k in groups:
                n_communes[k] += 1
                if g is not None and not g.is_empty:
                    groups[k].append(g)
        geoms = []
        for i, k in enumerate(key):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Canceled."))
            u = shapely.union_all(shapely.make_valid(groups[k])) if groups[k] else None
            if u is not None and u.geom_type == "GeometryCollection":
                u = shapely.union_all([p for p in shapely.get_parts(u) if p.geom_type in ("Polygon", "MultiPolygon")])
            geoms.append(u)
            feedback.setProgress(60 + int(25 * (i + 1) / max(len(key), 1)))

        out = out.rename(columns={"population": "pop"})
        out["n_communes"] = [n_communes[str(t)] for t in out["territory"]]
        renamed, taken = {}, set(out.columns)
        for cat in out.attrs.get("priority_categories", []):
            new = share_field_name(cat, taken)
            taken.add(new)
            renamed[f"share_{cat}"] = new
            feedback.pushInfo(self.tr("{}: share of the priority '{}'.").format(new, cat))
        out = out.rename(columns=renamed)
        shares = list(renamed.values())
        cols = ["territory"] + STAT_COLUMNS + (["n_priority"] + shares if "n_priority" in out.columns else []) + \
            ["small_sample"]
        types = {"territory": ld.fields.field(tfield).type()}
        pop = out["pop"].dropna()
        if len(pop) and (pop == pop.round()).all():
            types["pop"] = FieldType.LongLong
        fields = output_fields(None, out, cols, types=types)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, WkbType.MultiPolygon, ld.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        write_features(sink, fields, out, cols, geometries=geoms, feedback=feedback, multi=True,
                       progress_range=(85, 100))
        del sink  # complete the file now (see score_services)

        n_skipped = int(out.attrs.get("n_skipped", 0))
        n_used = int(out["n_responses"].sum())
        overall = out.attrs.get("overall_mean")
        small = int(out["small_sample"].sum())
        from ..optima_plugin.i18n import fmt_num
        feedback.pushInfo(self.tr("{} territories, {} answers used (mean satisfaction {}); {} territories "
                                  "with fewer than {} answers (small_sample).").format(
            len(out), n_used, fmt_num(overall, 2), small,
            out.attrs.get("min_responses")))
        self._style(dest, context, feedback)
        return {"OUTPUT": dest, "N_TERRITORIES": len(out), "N_RESPONSES": n_used, "N_SKIPPED": n_skipped,
                "OVERALL_MEAN": overall if overall == overall else None}

    def _style(self, dest, context, feedback):
        """Graduated style on satisfaction_mean (red = low, green = high)."""
        from ..optima_plugin import styling
        styling.style_output(context, dest, "satisfaction", feedback=feedback)

"""optima:territorialisation_report — one self-contained HTML report of a territorial organisation."""
import datetime
import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..optima_plugin.core.errors import InputError
from .base import OptimaAlgorithm
from .inputs import add_commune_layer, number_field
from ..optima_plugin.compat import FieldParamType, NumberType, SourceType

LANGUAGES = ["fr", "en"]
POP_CANDIDATES = ("population", "pop", "population_municipale", "ptot", "pmun")
TIME_CANDIDATES = ("time_min", "time_to_hub_min")


def plugin_version():
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "metadata.txt")
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


class TerritorialisationReport(OptimaAlgorithm):
    NAME = "territorialisation_report"
    GROUP = "scenarios"

    def display_name(self):
        return self.tr("Territorialisation report (HTML)")

    def help(self):
        return self.tr(
            "Writes one self-contained HTML page describing a territorial organisation: title, date, the "
            "parameters read from the layers, two maps drawn by QGIS with the OPTIMA styles (territories "
            "coloured so that neighbours differ, labelled, with the service sites; communes by travel time), a "
            "table per territory, overall equity figures, and, when given, the scenario comparison and the "
            "organisation tables. Maps and charts are embedded in the file (no link, no internet needed): it "
            "opens offline, can be e-mailed or printed to PDF from a browser.\n\n"
            "COMMUNES: communes with their territory (output of the clustering or of the indicators). "
            "TERRITORY_FIELD (default territory), POPULATION_FIELD (default: population or pop), TIME_FIELD "
            "(default: time_min, else time_to_hub_min).\n"
            "TERRITORIES: territory polygons (output of the clustering or of the indicators; the figures it "
            "lacks are computed from the communes).\n"
            "SITES (optional): service sites. THRESHOLD_MIN: the access promise in minutes (default 20).\n"
            "SCENARIOS (optional): the scenario table of 'Compare scenarios'; SCENARIO_CHART (optional): its "
            "PNG chart.\n"
            "SERVICES_TABLE, EXPECTATIONS, PREMISES (optional): the tables of the organisation tools, shown "
            "as they are.\n"
            "TERRITORY_NAME_FIELD (optional): the field of TERRITORIES holding the names shown on the maps and "
            "in the tables (default: name; a territory without one is named after its hub commune, else the "
            "commune of its site, else its most populous commune).\n"
            "TRAVEL_TIMES: how the times were computed (an estimate without roads, the default of OPTIMA "
            "without a road layer, or a road network): stated in the 'Method and limits' box. SOURCE: the "
            "source line under the maps and in the report. RECOMMENDED_SCENARIO (optional): the scenario put "
            "forward in the summary (default: among the non-dominated scenarios, the lowest total cost).\n"
            "The report opens with a five-line summary in plain words and a 'Method and limits' box; its tables "
            "fit an A4 page when printed.\n"
            "LANGUAGE: Français (default) or English. TITLE: optional.\n\n"
            "Output: OUTPUT_HTML; numbers N_TERRITORIES, N_COMMUNES, N_MAPS.")

    def initAlgorithm(self, config=None):
        add_commune_layer(self, self.COMMUNES, self.tr("Communes with their territory"))
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_FIELD", self.tr("Territory field (default: territory)"), defaultValue="territory",
            parentLayerParameterName=self.COMMUNES, optional=True))
        self.addParameter(number_field(
            self.POPULATION_FIELD, self.tr("Population field (default: population or pop)"), self.COMMUNES,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "TIME_FIELD", self.tr("Travel time field (default: time_min, else time_to_hub_min)"),
            parentLayerParameterName=self.COMMUNES, type=FieldParamType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "TERRITORIES", self.tr("Territories"), [SourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_NAME_FIELD", self.tr("Territory name field (default: name, else the hub commune's name)"),
            parentLayerParameterName="TERRITORIES", type=FieldParamType.String, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", self.tr("Service sites"), [SourceType.VectorPoint, SourceType.VectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_MIN", self.tr("Access threshold (minutes)"), NumberType.Double, 20.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SCENARIOS", self.tr("Scenario comparison table"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "SCENARIO_CHART", self.tr("Scenario chart (PNG)"), extension="png", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SERVICES_TABLE", self.tr("Scored service catalogue"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "EXPECTATIONS", self.tr("Expectations per territory"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PREMISES", self.tr("Premises requirements"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "TRAVEL_TIMES", self.tr("How the travel times were computed"),
            [self.tr("Estimate without roads (straight-line distance × 1.3 at 60 km/h)"),
             self.tr("Road network"), self.tr("Not stated")], defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE", self.tr("Source line (maps and report; default: INSEE, IGN, OPTIMA)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "RECOMMENDED_SCENARIO", self.tr("Recommended scenario (label or row number; default: the cheapest "
                                            "non-dominated one)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Report language"), ["Français", "English"], defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            "TITLE", self.tr("Title"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Report (HTML)"), self.tr("HTML files (*.html)")))
        self.addOutput(QgsProcessingOutputNumber("N_TERRITORIES", self.tr("Number of territories")))
        self.addOutput(QgsProcessingOutputNumber("N_COMMUNES", self.tr("Number of communes")))
        self.addOutput(QgsProcessingOutputNumber("N_MAPS", self.tr("Number of maps")))

    # ------------------------------------------------------------------ helpers
    def _field(self, parameters, name, context, source, candidates, what, required=True):
        f = self.parameterAsString(parameters, name, context)
        names = source.fields().names()
        if f:
            if f not in names:
                raise InputError(self.tr("{}: there is no field '{}' in the layer.").format(name, f))
            return f
        for c in candidates:
            if c in names:
                return c
        if required:
            raise InputError(self.tr("{}: no {} field found (looked for {}); choose one.").format(
                name, what, ", ".join(candidates)))
        return None

    def _population(self, communes, field, feedback):
        """The population as numbers, text read by core.values ("2 279"; how in the log); NULL is
        no population; text that is not a number or is ambiguous refused naming the communes."""
        from ..optima_plugin.core.values import read_numbers
        named = [c for c in ("insee", "nom", "name") if c in communes.columns]
        ids = communes[named[0]].tolist() if named else list(range(1, len(communes) + 1))
        pop, _ = read_numbers(communes[field].tolist(), field, ids, what="population", log=feedback.pushInfo)
        return pop

    def _table(self, parameters, name, context):
        from ..optima_plugin.report import source_table
        src = self.parameterAsSource(parameters, name, context)
        return None if src is None else source_table(src)

    # ------------------------------------------------------------------ run
    def execute_optima(self, parameters, context, feedback):
        import numpy as np

        from ..optima_plugin import report as qr
        from ..optima_plugin.core import indicators as ind
        from ..optima_plugin.core import report_html as rh

        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        csrc = self.parameterAsSource(parameters, self.COMMUNES, context)
        tsrc = self.parameterAsSource(parameters, "TERRITORIES", context)
        ssrc = self.parameterAsSource(parameters, "SITES", context)
        if csrc is None or tsrc is None:
            raise InputError(self.tr("COMMUNES and TERRITORIES are required."))
        f_terr = self._field(parameters, "TERRITORY_FIELD", context, csrc, ("territory",), self.tr("territory"))
        f_pop = self._field(parameters, self.POPULATION_FIELD, context, csrc, POP_CANDIDATES, self.tr("population"))
        f_time = self._field(parameters, "TIME_FIELD", context, csrc, TIME_CANDIDATES, self.tr("travel time"),
                             required=False)
        threshold = self.parameterAsDouble(parameters, "THRESHOLD_MIN", context)
        if f_time is None:
            feedback.pushWarning(self.tr("COMMUNES has no travel time field (time_min): the report has no time "
                                         "map and no time figures."))

        feedback.setProgressText(self.tr("Reading the layers..."))
        communes = qr.source_table(csrc)
        territories = qr.source_table(tsrc)
        sites = qr.source_table(ssrc) if ssrc is not None else None
        if "territory" not in territories.columns:
            raise InputError(self.tr("TERRITORIES: the layer has no 'territory' field."))
        if len(communes) == 0:
            raise InputError(self.tr("COMMUNES is empty."))
        feedback.setProgress(10)

        # ---- figures: per territory (layer first, the communes fill what it lacks), overall
        pop = self._population(communes, f_pop, feedback)
        communes[f_pop] = pop  # numbers from here on (names, maps, tables)
        times = communes[f_time].to_numpy(dtype=float) if f_time else None
        terr_c = communes[f_terr].tolist()
        derived = rh.territory_table_from_communes(terr_c, pop, times, threshold if f_time else None)
        table = territories.copy()
        table["_key"] = [_key(v) for v in table["territory"]]
        derived["_key"] = [_key(v) for v in derived["territory"]]
        dmap = derived.set_index("_key")
        for w in _mismatches(table, dmap, sites):
            feedback.pushWarning(w)
        for col in rh.TERRITORY_COLUMNS:
            if col in ("territory", "name"):
                continue
            if col not in table.columns and col in dmap.columns:
                table[col] = [dmap[col].get(k) for k in table["_key"]]
        f_name = self.parameterAsString(parameters, "TERRITORY_NAME_FIELD", context) or "name"
        if f_name not in territories.columns and f_name != "name":
            raise InputError(self.tr("TERRITORY_NAME_FIELD: there is no field '{}' in TERRITORIES.").format(f_name))
        names = rh.territory_names(territories, communes.rename(columns={f_terr: "territory"})
                                   if f_terr != "territory" else communes, sites, name_field=f_name)
        table["name"] = [names.get(k) for k in table["_key"]]
        if sites is not None and "territory" in sites.columns and "n_sites" not in table.columns:
            skeys = [_key(v) for v in sites["territory"]]
            table["n_sites"] = [skeys.count(k) for k in table["_key"]]
        table = table.sort_values("_key", key=lambda s: s.map(rh._natural_key)).reset_index(drop=True)
        table = table.drop(columns=["_key"])

        equity = {}
        if f_time:
            equity = ind.overall_indicators(terr_c, np.array([0 if v is None else v for v in pop], dtype=float),
                                            times, threshold)
        if "pop_dev_pct" in table.columns:
            dev = np.abs(np.asarray(table["pop_dev_pct"], dtype=float))
            if np.isfinite(dev).any():
                equity["max_dev_pct"] = float(np.nanmax(dev))
        totals = {"pop": float(np.nansum(np.asarray([0 if v is None else v for v in pop], dtype=float))),
                  "n_communes": len(communes)}
        if "n_sites" in table.columns:
            totals["n_sites"] = int(np.nansum(np.asarray(table["n_sites"], dtype=float)))
        if f_time:
            totals.update({"time_mean": equity.get("mean_time"), "time_p90": equity.get("p90_time"),
                           "time_max": equity.get("max_time"), "pct_pop_within": equity.get("coverage_pct")})
        feedback.setProgress(25)

        source = (self.parameterAsString(parameters, "SOURCE", context) or "").strip() or \
            rh.label("default_source", lang)
        source_line = ("Sources : " if lang == "fr" else "Sources: ") + source
        # ---- maps, drawn by QGIS
        feedback.setProgressText(self.tr("Drawing the maps..."))
        maps = []
        t_layer = qr.memory_copy(tsrc, "territories")
        s_layer = qr.memory_copy(ssrc, "sites") if ssrc is not None else None
        maps.append((qr.territory_map(t_layer, s_layer, names, source=source_line, lang=lang), "map_territories"))
        feedback.setProgress(55)
        if feedback.isCanceled():
            return {}
        if f_time:
            c_layer = qr.memory_copy(csrc, "communes")
            outline = qr.memory_copy(tsrc, "boundaries")
            s2 = qr.memory_copy(ssrc, "sites") if ssrc is not None else None
            png, legend = qr.time_map(c_layer, f_time, outline, s2, source=source_line, lang=lang)
            maps.append((png, "map_time", legend))
        feedback.setProgress(85)

        # ---- parameters read from the layers and inputs
        deps = sorted({str(v) for v in communes["dep"].tolist() if v}) if "dep" in communes.columns else []
        params = [("p_departements", ", ".join(deps) or None), ("p_n_communes", len(communes)),
                  ("p_population", totals["pop"]), ("p_n_territories", len(table)),
                  ("p_n_sites", len(sites) if sites is not None else None),
                  ("p_threshold", threshold if f_time else None),
                  ("p_pop_year", rh.population_vintage(communes["pop_year"]) if "pop_year" in communes.columns
                   else None)]
        # the field names (time_min, population) are for GIS officers: in the log, not in the report
        feedback.pushInfo(self.tr("Fields used: population {}, travel time {}.").format(f_pop, f_time or "—"))

        chart = None
        chart_path = self.parameterAsFile(parameters, "SCENARIO_CHART", context)
        if chart_path:
            with open(chart_path, "rb") as fh:
                chart = fh.read()
            if chart[:8] != rh.PNG_MAGIC:
                raise InputError(self.tr("SCENARIO_CHART: {} is not a PNG image.").format(chart_path))

        doc = {"title": self.parameterAsString(parameters, "TITLE", context) or None,
               "date": datetime.datetime.now(), "version": plugin_version(), "parameters": params, "maps": maps,
               "territories": table, "totals": totals, "equity": equity,
               "scenarios": self._table(parameters, "SCENARIOS", context), "scenario_chart": chart,
               "services": self._table(parameters, "SERVICES_TABLE", context),
               "expectations": self._table(parameters, "EXPECTATIONS", context),
               "premises": self._table(parameters, "PREMISES", context),
               "threshold": threshold if f_time else None,
               "network": ("estimate", "road", None)[self.parameterAsEnum(parameters, "TRAVEL_TIMES", context)],
               "pop_year": rh.population_vintage(communes["pop_year"]) if "pop_year" in communes.columns else None,
               "source": source,
               "recommended": self.parameterAsString(parameters, "RECOMMENDED_SCENARIO", context) or None}
        text = rh.build_report(doc, lang)
        out = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if not out.lower().endswith((".html", ".htm")):
            out += ".html"
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
        feedback.pushInfo(self.tr("Report written: {} ({} territories, {} maps, {:.0f} kB).").format(
            out, len(table), len(maps), len(text.encode("utf-8")) / 1024))
        return {"OUTPUT_HTML": out, "N_TERRITORIES": len(table), "N_COMMUNES": len(communes), "N_MAPS": len(maps)}


def _key(v):
    """A territory value as the text key shared by every table (1, 1.0 and '1' are one key)."""
    from ..optima_plugin.core.values import label_key
    return label_key(v)


def _few(labels, k=8):
    labels = [str(x) for x in labels]
    return ", ".join(labels[:k]) + (f" … (+{len(labels) - k})" if len(labels) > k else "")


def _mismatches(table, dmap, sites):
    """Warnings when the layers do not come from the same run: territories of one layer missing
    from the other, populations that disagree, sites in territories the report does not know."""
    from ..optima_plugin.i18n import tr
    out = []
    tkeys = [k for k in table["_key"] if k is not None]
    ckeys = [k for k in dmap.index if k is not None]
    only_t = sorted(set(tkeys) - set(ckeys))
    only_c = sorted(set(ckeys) - set(tkeys))
    if only_t:
        out.append(tr("TERRITORIES has {} territory(ies) that no commune of COMMUNES belongs to: {}. The layers may "
                      "come from different runs.").format(len(only_t), _few(only_t)))
    if only_c:
        out.append(tr("COMMUNES has communes in {} territory(ies) missing from TERRITORIES: {}. The layers may come "
                      "from different runs.").format(len(only_c), _few(only_c)))
    if "pop" in table.columns and "pop" in dmap.columns:
        bad = []
        for k, v in zip(table["_key"], table["pop"]):
            if k in dmap.index:
                try:
                    a, b = float(v), float(dmap.at[k, "pop"])
                except (TypeError, ValueError):
                    continue
                if a == a and b == b and abs(a - b) > max(1.0, 0.01 * max(abs(a), abs(b))):
                    bad.append(f"{k} ({a:,.0f} / {b:,.0f})")
        if bad:
            out.append(tr("The population of {} territory(ies) in TERRITORIES differs from the sum of their communes "
                          "in COMMUNES: {}. The layers may come from different runs.").format(len(bad), _few(bad)))
    if sites is not None and "territory" in sites.columns:
        skeys = {_key(v) for v in sites["territory"]} - {None}
        stray = sorted(skeys - set(tkeys))
        if stray:
            out.append(tr("SITES has sites in {} territory(ies) missing from TERRITORIES: {}. The layers may come "
                          "from different runs.").format(len(stray), _few(stray)))
    return out

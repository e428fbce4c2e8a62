"""optima:territory_indicators — quality and equity of a territorial organisation, styled on the map."""
import json

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..optima_plugin.i18n import tr
from ..optima_plugin.core.errors import InputError
from .base import OptimaAlgorithm
from .inputs import add_commune_layer, add_population_field, number_field
from .network_params import add_network_parameters, travel_graph
from ..optima_plugin.compat import FieldType, NumberType, SourceType, WkbType

NUMERIC_OUTPUTS = {
    "GINI_TIME": ("gini_time", QT_TRANSLATE_NOOP("optima", "Gini index of travel times (population-weighted)")),
    "THEIL_TIME": ("theil_time", QT_TRANSLATE_NOOP("optima", "Theil index of travel times")),
    "THEIL_BETWEEN": ("theil_between", QT_TRANSLATE_NOOP("optima", "Theil index: between territories")),
    "THEIL_WITHIN": ("theil_within", QT_TRANSLATE_NOOP("optima", "Theil index: within territories")),
    "CV_POP": ("cv_pop", QT_TRANSLATE_NOOP("optima", "Coefficient of variation of territory populations")),
    "CV_TIME_MEAN": ("cv_time_mean", QT_TRANSLATE_NOOP("optima", "Coefficient of variation of territory mean times")),
    "COVERAGE_PCT": ("coverage_pct", QT_TRANSLATE_NOOP("optima", "Population within the threshold (%)")),
    "MEAN_TIME": ("mean_time", QT_TRANSLATE_NOOP("optima", "Mean travel time (min, population-weighted)")),
    "MAX_TIME": ("max_time", QT_TRANSLATE_NOOP("optima", "Maximum travel time (min)")),
}
COMMUNE_NEW = ["territory", "site_id", "time_min", "dist_km", "within_threshold", "access_2sfca",
               "rank_in_territory", "unreachable", "site_outside"]
TERRITORY_COLS = ["territory", "name", "pop", "area_km2", "n_communes", "n_sites", "pop_dev_pct",
                  "time_mean", "time_p90", "time_max", "n_unreachable", "pct_pop_within",
                  "polsby_popper", "contiguous", "capacity_per_1000", "color", "color_idx"]
SITE_NEW = ["site_id", "territory", "capacity", "n_communes", "pop_served", "time_mean",
            "ratio_per_1000", "outside_communes_m"]


def _describe(layer_data, row, name_fields=("nom", "name", "nom_commune", "lib_fs", "insee")):
    """'feature id 12 (Toulouse)' for messages."""
    fid = layer_data.fids[row]
    gdf = layer_data.gdf
    for f in name_fields:
        if f in gdf.columns:
            v = gdf[f].iat[row]
            if v is not None and str(v) not in ("", "NULL", "nan"):
                return tr("feature id {} ({})").format(fid, v)
    return tr("feature id {}").format(fid)


def _numbers(layer_data, field, what, allow_null=False, default=None, log=None):
    """The values of ``field`` as floats (text read by :mod:`core.values`); a clear message naming
    the field and the feature."""
    from ..optima_plugin.core.values import parse_number_column
    col_values = layer_data.gdf[field].tolist()
    col = parse_number_column(col_values, field)
    if col.not_numbers:
        r = col.not_numbers[0]
        raise InputError(tr("{} field '{}': the value '{}' of {} is not a number.").format(
            what, field, col_values[r], _describe(layer_data, r)))
    if col.ambiguous:
        raise InputError(tr("{} field '{}': ambiguous number for {}: {}. Write it without a thousands separator "
                            "(2279) or with an unambiguous decimal (2,2790).").format(
            what, field, ", ".join(_describe(layer_data, r) for r in col.ambiguous[:5]), col.why_ambiguous))
    if col.summary and log is not None:
        log(col.summary)
    out = []
    for r, x in enumerate(col.values.tolist()):
        if col.null[r]:
            if allow_null:
                out.append(default)
                continue
            raise InputError(tr("{} field '{}': {} has no value (NULL). Give every feature a number.").format(
                what, field, _describe(layer_data, r)))
        if x < 0:
            raise InputError(tr("{} field '{}': the value {} of {} is negative.").format(
                what, field, col_values[r], _describe(layer_data, r)))
        out.append(x)
    return out


class TerritoryIndicators(OptimaAlgorithm):
    NAME = "territory_indicators"
    GROUP = "indicators"

    def display_name(self):
        return self.tr("Territory indicators (access, equity, balance)")

    def help(self):
        return self.tr(
            "Measures how well a division of communes into territories serves the population: travel time "
            "from each commune to its service site, equity between inhabitants and between territories, "
            "population balance, shape; the territories are coloured so that neighbours never share a colour "
            "(colour-blind-safe palette) and the communes by travel time. GeoPackage outputs keep this style "
            "as their default style.\n\n"
            "COMMUNES: polygons. TERRITORY_FIELD: the territory of each commune (e.g. EPCI SIREN code); "
            "TERRITORY_NAME_FIELD (optional): a name for the labels (e.g. EPCI name). POPULATION_FIELD: "
            "numbers >= 0.\n"
            "SITES: service sites (points or polygons). SITE_ID_FIELD (optional, default the feature id). "
            "A site belongs to the territory of the commune containing it, or to SITE_TERRITORY_FIELD when "
            "given. CAPACITY_FIELD (optional): staff, opening hours... (default 1 per site).\n"
            "Each commune is served by the fastest site of its own territory, or by the site named in the "
            "commune field SITE_FIELD (optional). A territory with no site uses the fastest site overall: "
            "its communes get site_outside = 1 and the log names it.\n"
            "Network: road network if given, else the proxy network between neighbouring communes (straight "
            "distance x detour factor at the default speed); sites are placed at their commune.\n"
            "THRESHOLD_MIN: the access promise in minutes (default 20).\n\n"
            "Communes output: every commune with its fields + territory, site_id, time_min, dist_km, "
            "within_threshold (1/0), access_2sfca (two-step floating catchment accessibility: capacity per "
            "1000 inhabitants within the threshold), rank_in_territory (1 = closest), unreachable (1/0), "
            "site_outside (1/0).\n"
            "Territories output: territory, name, pop, area_km2, n_communes, n_sites, pop_dev_pct (% from "
            "the mean territory), time_mean, time_p90, time_max (population-weighted, min), n_unreachable, "
            "pct_pop_within, polsby_popper (compactness 0-1), contiguous (1/0), capacity_per_1000, color, "
            "color_idx.\n"
            "Sites output: every site with its fields + site_id, territory, capacity, n_communes, "
            "pop_served, time_mean, ratio_per_1000 (2SFCA supply per 1000 inhabitants of its catchment), "
            "outside_communes_m (distance to the nearest commune when outside every commune).\n"
            "JSON: overall figures + one row per territory. Numbers: GINI_TIME, THEIL_TIME (= THEIL_BETWEEN "
            "+ THEIL_WITHIN), CV_POP, CV_TIME_MEAN, COVERAGE_PCT, MEAN_TIME, MAX_TIME.")

    def initAlgorithm(self, config=None):
        add_commune_layer(self, self.COMMUNES)
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_FIELD", self.tr("Territory field"), parentLayerParameterName=self.COMMUNES))
        add_population_field(self, self.POPULATION_FIELD, self.COMMUNES)
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_NAME_FIELD", self.tr("Territory name field (labels)"), parentLayerParameterName=self.COMMUNES,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", self.tr("Service sites"), [SourceType.VectorPoint, SourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "SITE_ID_FIELD", self.tr("Site identifier field"), parentLayerParameterName="SITES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "SITE_TERRITORY_FIELD", self.tr("Territory of each site (default: the commune containing it)"),
            parentLayerParameterName="SITES", optional=True))
        self.addParameter(number_field(
            "CAPACITY_FIELD", self.tr("Site capacity field (staff, opening hours...; default 1)"), "SITES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "SITE_FIELD", self.tr("Serving site of each commune (site identifier; default the nearest)"),
            parentLayerParameterName=self.COMMUNES, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_MIN", self.tr("Access threshold (minutes)"), NumberType.Double,
            20.0, minValue=0.0))
        add_network_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_COMMUNES", self.tr("Communes with access indicators"), SourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TERRITORIES", self.tr("Territories with indicators"), SourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_SITES", self.tr("Sites with their load"), SourceType.VectorAnyGeometry, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_JSON", self.tr("Indicators (JSON)"), self.tr("JSON files (*.json)"), optional=True,
            createByDefault=False))
        for key, (_, label) in NUMERIC_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        self.addOutput(QgsProcessingOutputNumber("N_SITE_OUTSIDE", self.tr("Communes served outside their territory")))
        self.addOutput(QgsProcessingOutputNumber("N_UNREACHABLE", self.tr("Unreachable communes")))

    # ------------------------------------------------------------------ run
    def execute_optima(self, parameters, context, feedback):
        import numpy as np
        import geopandas as gpd

        from ..optima_plugin.core import indicators as ind
        from ..optima_plugin.core import territory_access as ta
        from ..optima_plugin.core.network import locate_points_in_polygons
        from ..optima_plugin.core.progress import Monitor
        from ..optima_plugin.qgis_io import output_fields, read_source, write_features
        from ..optima_plugin.styling import style_output

        p = lambda name: self.parameterAsString(parameters, name, context) or None  # noqa: E731
        f_terr, f_pop, f_name = p("TERRITORY_FIELD"), p(self.POPULATION_FIELD), p("TERRITORY_NAME_FIELD")
        f_sid, f_sterr, f_cap, f_site = p("SITE_ID_FIELD"), p("SITE_TERRITORY_FIELD"), p("CAPACITY_FIELD"), \
            p("SITE_FIELD")
        threshold = self.parameterAsDouble(parameters, "THRESHOLD_MIN", context)

        communes = read_source(self.parameterAsSource(parameters, self.COMMUNES, context), self.COMMUNES, context, feedback)
        sites = read_source(self.parameterAsSource(parameters, "SITES", context), "SITES", context, feedback,
                            target_crs=communes.crs)
        cg, sg = communes.gdf, sites.gdf
        for fld, layer, what in ((f_terr, cg, "TERRITORY_FIELD"), (f_pop, cg, self.POPULATION_FIELD),
                                 (f_name, cg, "TERRITORY_NAME_FIELD"), (f_site, cg, "SITE_FIELD"),
                                 (f_sid, sg, "SITE_ID_FIELD"), (f_sterr, sg, "SITE_TERRITORY_FIELD"),
                                 (f_cap, sg, "CAPACITY_FIELD")):
            if fld and fld not in layer.columns:
                raise InputError(tr("{}: there is no field '{}' in the layer.").format(what, fld))
        n, m = len(cg), len(sg)

        # ---- attributes, checked with messages naming the field and the feature
        terr_raw = cg[f_terr].tolist()
        for r, v in enumerate(terr_raw):
            if ind.label_key(v) is None:
                raise InputError(tr("Territory field '{}': {} has no territory (NULL or empty). Every commune "
                                    "must belong to a territory.").format(f_terr, _describe(communes, r)))
        pop = np.asarray(_numbers(communes, f_pop, tr("Population"), log=feedback.pushInfo), dtype=float)
        cap = np.asarray(_numbers(sites, f_cap, tr("Capacity"), log=feedback.pushInfo) if f_cap else np.ones(m), dtype=float)
        site_ids = sg[f_sid].tolist() if f_sid else list(sites.fids)
        sid_keys = [ind.label_key(v) for v in site_ids]
        if f_sid:
            blank = [r for r, k in enumerate(sid_keys) if k is None]
            if blank:
                raise InputError(tr("Site identifier field '{}': {} has no value.").format(
                    f_sid, _describe(sites, blank[0])))
            dup = ta.duplicated_keys(sid_keys)
            if dup:
                feedback.pushWarning(tr("Site identifier field '{}': duplicated value(s) {}; the first site "
                                        "with an identifier is the one a commune can name.").format(
                                            f_sid, ", ".join(dup[:10])))

        # ---- sites in communes, and their territory
        mon = self.monitor(feedback, 5, 60)
        cidx, cdist = locate_points_in_polygons(sg.geometry.to_numpy(), cg.geometry.to_numpy())
        outside_sites = np.flatnonzero(cdist > 0)
        if outside_sites.size:
            feedback.pushWarning(tr("{} site(s) lie outside every commune; each is placed at the nearest "
                                    "commune: {}").format(outside_sites.size, "; ".join(
                                        "{} ({:.0f} m)".format(site_ids[k], cdist[k])
                                        for k in outside_sites[:10])))
        st = ta.site_territories(terr_raw, cidx, sg[f_sterr].tolist() if f_sterr else None)
        site_terr = st.territory
        if st.n_fallback:
            feedback.pushInfo(tr("{} site(s) without a value in '{}': they belong to the territory of the "
                                 "commune containing them.").format(st.n_fallback, f_sterr))
        if st.stray:
            feedback.pushWarning(tr("Site territory value(s) matching no commune territory: {}. These "
                                    "sites only serve territories that have no site.").format(
                                        ", ".join(st.stray[:10])))

        chosen = None
        if f_site:
            chosen, unknown = ta.named_sites(cg[f_site].tolist(), sid_keys)
            if unknown:
                r, v = unknown[0]
                raise InputError(tr("Site field '{}': {} commune(s) name a site that does not exist, e.g. '{}' "
                                    "for {}. Site identifiers come from '{}'.").format(
                                        f_site, len(unknown), v, _describe(communes, r),
                                        f_sid or tr("the site feature ids")))

        # ---- travel times commune -> site
        network = self.parameterAsSource(parameters, "NETWORK", context)
        if network is None:
            graph, nodes, report = travel_graph(self, parameters, context, feedback, cg.geometry,
                                                monitor=Monitor(**mon.kwargs()))
            c_nodes = np.asarray(nodes, dtype=np.int64)
            s_nodes = c_nodes[cidx]
        else:
            places = gpd.GeoSeries(list(cg.geometry) + list(sg.geometry), crs=cg.crs)
            graph, nodes, report = travel_graph(self, parameters, context, feedback, places,
                                                monitor=Monitor(**mon.kwargs()))
            nodes = np.asarray(nodes, dtype=np.int64)
            c_nodes, s_nodes = nodes[:n], nodes[n:]
        T, L = ind.commune_site_times(graph, c_nodes, s_nodes, **self.monitor(feedback, 60, 75).kwargs())
        # places off the road network: their times are unknown-unreachable
        T = ta.drop_far_places(T, report.get("too_far_index") or [], n)

        served = ind.serve_communes(T, terr_raw, site_terr, chosen)
        if served["territories_without_site"]:
            feedback.pushWarning(tr("Territory(ies) with no site: {}. Their communes are served by the nearest "
                                    "site of another territory (site_outside = 1).").format(
                                        ", ".join(served["territories_without_site"])))

        # ---- indicators (core)
        tables = ta.access_tables(
            terr_raw, pop, cg.geometry.to_numpy(), T, L, site_ids, site_terr, cap, threshold, chosen=chosen,
            territory_names=cg[f_name].tolist() if f_name else None, site_outside_m=cdist, served=served,
            **self.monitor(feedback, 75, 88).kwargs())
        cdf, tdf, sdf, overall = tables.communes, tables.territories, tables.sites, tables.overall
        n_unreach = tables.n_unreachable
        if n_unreach:
            feedback.pushWarning(tr("{} commune(s) cannot reach their site (unreachable = 1).").format(n_unreach))

        # ---- outputs
        terr_type = communes.fields.field(f_terr).type()
        sid_type = sites.fields.field(f_sid).type() if f_sid else FieldType.LongLong
        ctypes = {"territory": terr_type, "site_id": sid_type}
        cfields = output_fields(communes.fields, cdf, COMMUNE_NEW, types=ctypes, log=feedback.pushInfo)
        sink, dest_c = self.parameterAsSink(parameters, "OUTPUT_COMMUNES", context, cfields,
                                            WkbType.MultiPolygon, communes.crs)
        write_features(sink, cfields, cdf, COMMUNE_NEW, raw_attrs=communes.raw_attrs,
                       geometries=communes.qgis_geoms, feedback=feedback, multi=True, progress_range=(88, 94))
        del sink

        ttypes = {"territory": terr_type, "name": communes.fields.field(f_name).type() if f_name else FieldType.String,
                  "color": FieldType.String, "color_idx": FieldType.Int, "contiguous": FieldType.Int,
                  "n_communes": FieldType.Int, "n_sites": FieldType.Int, "n_unreachable": FieldType.Int}
        tfields = output_fields(None, tdf, TERRITORY_COLS, types=ttypes)
        sink, dest_t = self.parameterAsSink(parameters, "OUTPUT_TERRITORIES", context, tfields,
                                            WkbType.MultiPolygon, communes.crs)
        write_features(sink, tfields, tdf, TERRITORY_COLS, geometries=list(tdf["geometry"]), feedback=feedback,
                       multi=True, progress_range=(94, 96))
        del sink

        results = {"OUTPUT_COMMUNES": dest_c, "OUTPUT_TERRITORIES": dest_t}
        sfields = output_fields(sites.fields, sdf, SITE_NEW, types={"site_id": sid_type, "territory": terr_type}, log=feedback.pushInfo)
        sink, dest_s = self.parameterAsSink(parameters, "OUTPUT_SITES", context, sfields, sites.wkb_type,
                                            communes.crs)
        if sink is not None:
            write_features(sink, sfields, sdf, SITE_NEW, raw_attrs=sites.raw_attrs, geometries=list(sg.geometry),
                           feedback=feedback, progress_range=(96, 98))
            del sink
            results["OUTPUT_SITES"] = dest_s

        table = tdf.drop(columns=["geometry"])[TERRITORY_COLS]
        json_path = self.parameterAsFileOutput(parameters, "OUTPUT_JSON", context)
        if json_path:
            doc = {"overall": overall,
                   "parameters": {"territory_field": f_terr, "population_field": f_pop, "threshold_min": threshold,
                                  "network": report.get("mode"), "n_sites": m},
                   "territories": ind.to_json_safe(table.to_dict(orient="records"))}
            with open(json_path, "w", encoding="utf-8") as fh:
                json.dump(ind.to_json_safe(doc), fh, ensure_ascii=False, indent=1)
            results["OUTPUT_JSON"] = json_path

        # ---- styles: GUI post-processors and GeoPackage default styles
        style_output(context, dest_c, "time", feedback=feedback)
        style_output(context, dest_t, "territories", feedback=feedback)
        if "OUTPUT_SITES" in results:
            style_output(context, dest_s, "sites", label=f_sid or "site_id", feedback=feedback)

        for key, (k, _) in NUMERIC_OUTPUTS.items():
            v = overall.get(k)
            results[key] = float(v) if v is not None else None
        results["N_SITE_OUTSIDE"] = int(served["site_outside"].sum())
        results["N_UNREACHABLE"] = n_unreach
        from ..optima_plugin.i18n import fmt_num
        feedback.pushInfo(tr("{} communes, {} territories, {} sites: {} % of the population within {} min, "
                             "mean time {} min, Gini {}, Theil {} (between {}, within {}), "
                             "CV of populations {}.").format(
            n, len(tdf), m, fmt_num(overall["coverage_pct"] or 0, 1), fmt_num(threshold, 0 if float(threshold).is_integer() else 1),
            fmt_num(overall["mean_time"] or 0, 1), fmt_num(overall["gini_time"] or 0, 3),
            fmt_num(overall["theil_time"] or 0, 4), fmt_num(overall["theil_between"] or 0, 4),
            fmt_num(overall["theil_within"] or 0, 4), fmt_num(overall["cv_pop"] or 0, 2)))
        return results

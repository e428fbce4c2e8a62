"""optima:premises_requirements — staff and floor area of the premises hosting each territorial team."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..optima_plugin.i18n import tr
from ..optima_plugin.qgis_io import output_fields, read_source, write_features
from .base import OptimaAlgorithm
from .inputs import number_field
from .score_services import (
    LANGUAGES,
    advanced,
    core_defaults,
    fmt,
    frame_of_layer,
    geometry_of,
    read_table_input,
    rows_as_features,
    has_column,
    table_file_parameter,
)
from ..optima_plugin.compat import NumberType, SourceType, WkbType

SITE_COLUMNS = ["staff_total", "staff_field", "staff_office", "workstations", "office_m2", "visits_per_day",
                "simultaneous_visitors", "reception_m2", "meeting_rooms", "meeting_m2", "technical_m2",
                "parking_spaces", "parking_m2", "overhead_m2", "total_m2", "total_with_parking_m2"]
BREAKDOWN_COLUMNS = ["service", "recommendation", "share_in_territory", "staff", "staff_field", "staff_office",
                     "workstations", "vehicles"]


def ratio_labels():
    """Parameter label of each ratio of the core (parameter name = ratio name in upper case)."""
    return {
        "mixed_share": tr("Share of a 'mixed' service's staff placed in the territories (0-1)"),
        "m2_per_workstation": tr("Office floor area per workstation (m², net usable)"),
        "desks_per_office_agent": tr("Workstations per office agent"),
        "desks_per_field_agent": tr("Workstations per field agent (shared desks)"),
        "visits_per_1000_per_year": tr("Visits to the site per 1,000 inhabitants per year"),
        "opening_days_per_year": tr("Opening days per year"),
        "opening_hours_per_day": tr("Opening hours per day"),
        "visit_minutes": tr("Minutes a visitor spends on site"),
        "peak_factor": tr("Peak factor (busiest hour / average hour)"),
        "m2_per_visitor": tr("Reception area per simultaneous visitor (m²)"),
        "min_reception_m2": tr("Minimum reception area (m²)"),
        "workstations_per_meeting_room": tr("Workstations per meeting room"),
        "meeting_room_m2": tr("Meeting room area (m²)"),
        "technical_m2_per_field_agent": tr("Technical area per field agent (m²: changing rooms, storage)"),
        "technical_m2_per_site": tr("Technical area per site (m²: IT, printing, archives)"),
        "vehicles_per_field_agent": tr("Vehicles per field agent"),
        "vehicles_per_office_agent": tr("Vehicles per office agent (pool)"),
        "m2_per_parking_space": tr("Area per parking space (m²)"),
        "circulation_share": tr("Halls, corridors and toilets (share of the net areas)"),
    }


class PremisesRequirements(OptimaAlgorithm):
    NAME = "premises_requirements"
    GROUP = "organisation"

    def display_name(self):
        return self.tr("Premises requirements of the territorial sites")

    def help(self):
        ratios = core_defaults()["DEFAULT_RATIOS"]
        labels = ratio_labels()
        lines = "\n".join(f"{k.upper()}: {labels.get(k, k)} (default {fmt(v)})" for k, v in ratios.items())
        return self.tr(
            "Sizes the premises hosting each territorial team: staff (FTE), workstations, office, reception, "
            "meeting and technical floor areas, parking, from the service catalogue and the population each site "
            "serves. Every ratio is a parameter with a documented default (docs/organisation_tools.md).\n\n"
            "SITES: the sites (points or a table), e.g. the sites output of the location algorithm. "
            "SITE_ID_FIELD (default 'site_id'), POPULATION_FIELD: population served (default 'pop'); an empty "
            "field parameter means its default name.\n"
            "CATALOGUE: the scored service catalogue as a layer, or CATALOGUE_FILE: a CSV/XLSX file. Needs "
            "'service', 'effectif_pour_1000_hab' (staff per 1,000 inhabitants if territorialised), 'part_terrain' "
            "(share of field staff, 0-1 or '60 %') and RECOMMENDATION_FIELD (default 'recommendation': "
            "territorialise / mixed / centralise, French words accepted; edit it by hand if you disagree with the "
            "score). A catalogue without that column (e.g. the template) is scored first with the default weights.\n"
            "Staff of a service at a site = effectif_pour_1000_hab x population / 1,000 x (1 if territorialised, "
            "MIXED_SHARE if mixed, 0 if centralised).\n\n"
            "Ratios (advanced parameters):\n{}\n"
            "LANGUAGE: language of the assumptions file (French or English).\n\n"
            "OUTPUT: one row per site (its geometry kept when SITES has one) with every SITES field plus "
            "staff_total, staff_field, staff_office, workstations, office_m2, visits_per_day, "
            "simultaneous_visitors, reception_m2, meeting_rooms, meeting_m2, technical_m2, parking_spaces, "
            "parking_m2, overhead_m2, total_m2 (built floor area, parking excluded), total_with_parking_m2.\n"
            "OUTPUT_BREAKDOWN: a table, one row per site and counted service: site id, service, recommendation, "
            "share_in_territory, staff, staff_field, staff_office, workstations and vehicles (unrounded).\n"
            "OUTPUT_ASSUMPTIONS: a text (.md or .txt) listing the assumptions in plain words and the ratios "
            "used, to attach to a report.\n"
            "N_SITES, STAFF_TOTAL, TOTAL_M2: totals over the sites."
        ).format(lines)

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", self.tr("Sites (layer or table)"), [SourceType.Vector]))
        self.addParameter(QgsProcessingParameterField(
            "SITE_ID_FIELD", self.tr("Site identifier field"), defaultValue="site_id",
            parentLayerParameterName="SITES", optional=True))
        self.addParameter(number_field(
            self.POPULATION_FIELD, self.tr("Population served field"), "SITES", optional=True, default="pop"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CATALOGUE", self.tr("Service catalogue (layer or table)"), [SourceType.Vector], optional=True))
        self.addParameter(table_file_parameter("CATALOGUE_FILE", self.tr("... or service catalogue file (CSV, XLSX)")))
        self.addParameter(advanced(QgsProcessingParameterString(
            "RECOMMENDATION_FIELD", self.tr("Column with the recommendation"), defaultValue="recommendation")))
        labels = ratio_labels()
        for k, v in core_defaults()["DEFAULT_RATIOS"].items():
            maxv = 1.0 if k == "mixed_share" else 5.0 if k == "circulation_share" else None
            p = QgsProcessingParameterNumber(k.upper(), labels.get(k, k), NumberType.Double,
                                             float(v), minValue=0.0)
            if maxv is not None:
                p.setMaximum(maxv)
            self.addParameter(advanced(p))
        self.addParameter(advanced(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Language of the assumptions"), options=["Français", "English"], defaultValue=0)))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Premises per site"), SourceType.Vector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_BREAKDOWN", self.tr("Staff per site and service"), SourceType.Vector, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_ASSUMPTIONS", self.tr("Assumptions"), self.tr("Markdown (*.md);;Text (*.txt)"),
            optional=True, createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("N_SITES", self.tr("Number of sites")))
        self.addOutput(QgsProcessingOutputNumber("STAFF_TOTAL", self.tr("Staff over all sites (FTE)")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_M2", self.tr("Floor area over all sites (m², no parking)")))

    def ratios(self, parameters, context):
        return {k: self.parameterAsDouble(parameters, k.upper(), context) for k in core_defaults()["DEFAULT_RATIOS"]}

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import catalogue as core

        source = self.parameterAsSource(parameters, "SITES", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "SITES"))
        sld = read_source(source, "SITES", context, feedback, require_geometry=False)
        sites = frame_of_layer(sld)
        site_field = self.parameterAsString(parameters, "SITE_ID_FIELD", context) or "site_id"
        pop_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context) or "pop"
        given = parameters.get(self.POPULATION_FIELD) not in (None, "")
        if "served_pop" in sites.columns and (not given or pop_field not in sites.columns):
            # the sites of optima:locate_service_sites: the population served is served_pop (a 'pop' field
            # there is the candidate commune's own population, copied from the input)
            feedback.pushInfo(self.tr("SITES comes from locate_service_sites: the population served is read from "
                                      "'served_pop' (set POPULATION_FIELD to use another field)."))
            pop_field = "served_pop"
        cat, cld = read_table_input(self, parameters, context, feedback, "CATALOGUE", "CATALOGUE_FILE")
        rec_field = self.parameterAsString(parameters, "RECOMMENDATION_FIELD", context) or "recommendation"
        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        feedback.setProgress(15)

        layer_prefixes = (("Site table",) + (("Service catalogue",) if cld is not None else ()))
        scored_here = not has_column(cat, rec_field)
        with rows_as_features(layer_prefixes):
            if scored_here:
                cat = core.score_services(cat)
                counts = [int((cat["recommendation"] == r).sum()) for r in core.RECOMMENDATIONS]
                feedback.pushInfo(self.tr(
                    "The catalogue has no '{}' column: scored with the default weights ({} to territorialise, "
                    "{} mixed, {} to centralise). Run score_services to change the weights, or add the column "
                    "to decide service by service.").format(rec_field, *counts))
                rec_field = "recommendation"
            per_site, assumptions, bd = core.premises_requirements(
                sites, cat, ratios=self.ratios(parameters, context), site_field=site_field, territory_field=None,
                population_field=pop_field, recommendation_field=rec_field, lang=lang, return_breakdown=True)
        feedback.setProgress(60)

        # per site: the SITES fields unchanged + the sizing
        wkb, crs, geoms = geometry_of(sld)
        fields = output_fields(sld.fields, per_site, SITE_COLUMNS, log=feedback.pushInfo)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb,
                                          crs or QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        write_features(sink, fields, per_site, SITE_COLUMNS, raw_attrs=sld.raw_attrs, geometries=geoms,
                       feedback=feedback, progress_range=(60, 80))
        del sink  # complete the file now (see score_services)
        staff_total = float(per_site["staff_total"].sum())
        total_m2 = float(per_site["total_m2"].sum())
        results = {"OUTPUT": dest, "N_SITES": len(per_site), "STAFF_TOTAL": staff_total, "TOTAL_M2": total_m2}
        from ..optima_plugin.i18n import fmt_num
        feedback.pushInfo(self.tr("{} sites: {} staff (FTE), {} m² of floor area (parking excluded).").format(
            len(per_site), fmt_num(staff_total, 1), fmt_num(total_m2)))

        # per site and service
        bcols = [site_field] + BREAKDOWN_COLUMNS
        k = sld.fields.indexFromName(site_field)
        bfields = output_fields(None, bd, bcols, types={site_field: sld.fields.at(k).type()} if k >= 0 else None)
        bsink, bdest = self.parameterAsSink(parameters, "OUTPUT_BREAKDOWN", context, bfields,
                                            WkbType.NoGeometry, QgsCoordinateReferenceSystem())
        if bsink is not None:
            write_features(bsink, bfields, bd, bcols, feedback=feedback, progress_range=(80, 95))
            results["OUTPUT_BREAKDOWN"] = bdest
        del bsink

        path = self.parameterAsFileOutput(parameters, "OUTPUT_ASSUMPTIONS", context)
        if path:
            text = assumptions_text(assumptions, self.ratios(parameters, context), per_site, site_field, lang,
                                    scored_here)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            results["OUTPUT_ASSUMPTIONS"] = path
        feedback.setProgress(100)
        return results


def assumptions_text(assumptions, ratios, per_site, site_field, lang, scored_here) -> str:
    """The assumptions as Markdown (readable as plain text): list, ratios table, totals per site."""
    fr = lang == "fr"
    out = ["# " + ("Besoins en locaux — hypothèses" if fr else "Premises requirements — assumptions"), ""]
    if scored_here:
        out += [("Catalogue noté avec les poids par défaut (pas de colonne de recommandation)." if fr else
                 "Catalogue scored with the default weights (no recommendation column)."), ""]
    out += [f"- {a}" for a in assumptions]
    defaults = core_defaults()["DEFAULT_RATIOS"]
    out += ["", "## " + ("Ratios utilisés" if fr else "Ratios used"), "",
            "| " + ("paramètre | valeur | défaut" if fr else "parameter | value | default") + " |", "|---|---|---|"]
    for k, v in ratios.items():
        val, dflt = fmt(v), fmt(defaults[k])
        if fr:
            val, dflt = val.replace(".", ","), dflt.replace(".", ",")
        out.append(f"| {k.upper()} | {val} | {dflt} |")
    cols = [("staff_total", "effectif (ETP)" if fr else "staff (FTE)"), ("workstations", "postes" if fr else "desks"),
            ("total_m2", "surface (m²)" if fr else "floor area (m²)"),
            ("parking_spaces", "places" if fr else "parking spaces")]
    out += ["", "## " + ("Résultat par site" if fr else "Result per site"), "",
            "| site | " + " | ".join(c[1] for c in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for _, r in per_site.iterrows():
        vals = [f"{float(r['staff_total']):.1f}", f"{int(r['workstations'])}", f"{float(r['total_m2']):.1f}",
                f"{int(r['parking_spaces'])}"]
        if fr:
            vals = [v.replace(".", ",") for v in vals]
        out.append(f"| {r[site_field]} | " + " | ".join(vals) + " |")
    return "\n".join(out) + "\n"

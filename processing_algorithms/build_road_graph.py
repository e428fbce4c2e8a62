"""optima:build_road_graph — the routable graph built from a road layer, to inspect it."""
from qgis.core import (
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)

from .base import OptimaAlgorithm
from .network_params import add_network_parameters, log_network_report, network_options, read_network, \
    road_attributes
from ..optima_plugin.compat import ParamFlag, SourceType, WkbType

EDGE_COLUMNS = ["from_node", "to_node", "length_m", "speed_kmh", "time_min", "oneway", "component"]


class BuildRoadGraph(OptimaAlgorithm):
    NAME = "build_road_graph"
    GROUP = "network"

    def display_name(self):
        return self.tr("Build road graph")

    def help(self):
        return self.tr(
            "Builds the routable graph OPTIMA uses from a road layer, and writes its segments so that it can be "
            "checked before any travel-time analysis: disconnected parts, one-way streets, speeds.\n\n"
            "NETWORK: road lines (a geographic CRS is reprojected to a metric one, said in the log).\n"
            "SPEED_FIELD: speed in km/h (empty values use DEFAULT_SPEED_KMH and are counted in the log; zero or "
            "negative values are refused, naming the feature). Without it, OpenStreetMap tags (maxspeed, "
            "highway class) are used when the layer has a highway or other_tags field.\n"
            "ONEWAY_FIELD: yes / 1 / true (digitised direction), -1 / reverse (opposite direction), no (both "
            "ways); French 'sens direct' / 'sens inverse' / 'double sens' too. Without it, the OSM oneway tag.\n"
            "SNAP_TOLERANCE_M: line ends (and shared vertices) closer than this are one node. Lines are joined "
            "at their ends and at vertices they share (a bridge without a common vertex does not connect).\n\n"
            "OUTPUT (lines, one per graph segment, the attributes of the source road kept): from_node, "
            "to_node, length_m, speed_kmh, time_min, oneway (1 = from_node -> to_node only, -1 = to_node -> "
            "from_node only, 0 = both ways), component (connected part, 0 = the largest), road_fid (feature id of the source road). A road field of the same name as one of these is replaced.\n"
            "N_NODES, N_EDGES, N_COMPONENTS, LARGEST_COMPONENT_PCT (share of the nodes in the largest part). "
            "The log also counts zero-length segments and self-loops, which are dropped.")

    def initAlgorithm(self, config=None):
        add_network_parameters(self, advanced=False)
        net_param = self.parameterDefinition("NETWORK")
        net_param.setFlags(net_param.flags() & ~ParamFlag.Optional)
        net_param.setDescription(self.tr("Road network"))
        # places are not involved here
        for name in ("MAX_SNAP_M", "DETOUR_FACTOR"):
            self.removeParameter(name)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Road graph segments"), SourceType.VectorLine))
        self.addOutput(QgsProcessingOutputNumber("N_NODES", self.tr("Number of nodes")))
        self.addOutput(QgsProcessingOutputNumber("N_EDGES", self.tr("Number of segments")))
        self.addOutput(QgsProcessingOutputNumber("N_COMPONENTS", self.tr("Number of connected components")))
        self.addOutput(QgsProcessingOutputNumber("LARGEST_COMPONENT_PCT",
                                                 self.tr("Share of nodes in the largest component (%)")))

    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import network as net
        from ..optima_plugin.qgis_io import output_fields, write_features

        road = read_network(self, parameters, context, feedback, target_crs=None, all_fields=True)
        opts = network_options(self, parameters, context)
        mon = self.monitor(feedback, 5, 85)
        # the graph is kept for the next runs on this layer (travel times, territories ...)
        src = {}
        rg, hit = net.road_graph_cached(road.gdf.geometry.to_numpy(), road_attributes(road), opts,
                                        monitor=net.as_monitor(mon.progress, mon.is_canceled), where=src)
        r = rg.report
        log_network_report(feedback, {"mode": "road", "road": r, "road_graph_cached": hit,
                                      "road_graph_from_disk": src.get("from_disk")})
        if r["use_osm_tags"]:
            feedback.pushInfo(self.tr("OpenStreetMap tags read: {} speed(s) from maxspeed, {} from the highway "
                                      "class.").format(r.get("n_speed_osm_maxspeed", 0),
                                                       r.get("n_speed_osm_highway", 0)))
        if r["n_components"] > 1:
            feedback.pushWarning(self.tr("The network has {} separate parts (node counts {}): places snapped to "
                                         "different parts cannot reach each other.").format(
                r["n_components"], ", ".join(str(s) for s in r["component_sizes"])))
        if r["n_null_geometries"]:
            feedback.pushInfo(self.tr("{} feature(s) with an empty geometry ignored.").format(r["n_null_geometries"]))

        e = rg.edges
        tab = e.rename(columns={"from": "from_node", "to": "to_node"})
        tab["component"] = rg.component[e["from"].to_numpy()]
        tab["oneway"] = tab["oneway"].astype("int64")
        feats = e["feature"].to_numpy()
        tab["road_fid"] = [road.fids[f] for f in feats]
        cols = EDGE_COLUMNS + ["road_fid"]
        # the source road's attributes, except a GeoPackage "fid" (one road gives several segments:
        # repeated fids cannot be written; its feature id is in road_fid) and fields named like an
        # output column (e.g. a text "oneway": replaced by the numeric code)
        keep = [k for k in range(road.fields.count()) if road.fields.at(k).name().lower() != "fid"
                and road.fields.at(k).name() not in cols]
        base = QgsFields()
        for k in keep:
            base.append(road.fields.at(k))
        raw = [[road.raw_attrs[f][k] for k in keep] for f in feats]
        fields = output_fields(base, tab, cols, log=feedback.pushInfo)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, WkbType.LineString, road.crs)
        write_features(sink, fields, tab, cols, raw_attrs=raw, geometries=list(rg.edge_geometries()),
                       feedback=feedback, progress_range=(85, 100))
        return {"OUTPUT": dest, "N_NODES": int(r["n_nodes"]), "N_EDGES": int(r["n_edges"]),
                "N_COMPONENTS": int(r["n_components"]),
                "LARGEST_COMPONENT_PCT": round(100.0 * float(r["largest_component_share"]), 3)}

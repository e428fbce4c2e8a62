"""optima:travel_time_matrix — travel times (and distances) from origins to destinations."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)

from .adjacency_network import id_field_copy, id_values
from .base import OptimaAlgorithm
from .inputs import add_commune_layer, add_id_field
from .network_params import add_network_parameters, network_options, travel_graph
from ..optima_plugin.compat import FieldType, NumberType, SourceType, WkbType

# OUTPUT_LINES follow the network path when a NETWORK is given and the table has at most this
# many rows; otherwise (and always without a NETWORK) they are straight origin -> destination lines.
MAX_PATH_ROWS = 2000


def _double(name):
    f = QgsField(name, FieldType.Double)
    f.setLength(20)
    f.setPrecision(6)
    return f


class TravelTimeMatrix(OptimaAlgorithm):
    NAME = "travel_time_matrix"
    GROUP = "network"

    def display_name(self):
        return self.tr("Travel-time matrix")

    def help(self):
        return self.tr(
            "Fastest travel time and distance from every origin to every destination.\n\n"
            "ORIGINS, DESTINATIONS: points or polygons (a polygon is represented by a point inside it).\n"
            "ORIGIN_ID_FIELD, DEST_ID_FIELD: identifiers written in the table (default: the feature id).\n"
            "NETWORK: road lines (optional). Origins and destinations are joined together to one road graph, "
            "each at the nearest point of the nearest road segment (split there) by a straight access link at "
            "20 km/h (lengths said in the log); the graph is built once per layer content and reused by the next "
            "runs. Without NETWORK: straight distance x DETOUR_FACTOR at DEFAULT_SPEED_KMH (said in the log).\n"
            "SPEED_FIELD (km/h; empty values use DEFAULT_SPEED_KMH, zero or negative values are refused), "
            "ONEWAY_FIELD (yes / -1 / no, 'sens direct' / 'sens inverse' / 'double sens'; OpenStreetMap tags "
            "highway, maxspeed, oneway and other_tags are read when present), SNAP_TOLERANCE_M (line ends "
            "closer than this are joined), MAX_SNAP_M (places farther than this from any road are "
            "unreachable; 0 = no limit).\n"
            "CUTOFF_MIN: times above this are left empty (0 = no cutoff).\n"
            "NEAREST_K: keep only the k nearest reachable destinations of each origin, with their rank "
            "(0 = every pair).\n\n"
            "OUTPUT (table): origin_id, dest_id, time_min, dist_km (+ rank with NEAREST_K). Pairs with no "
            "path (disconnected network, place too far from the roads) or beyond the cutoff have empty "
            "time_min and dist_km; they are counted in the log and in N_UNREACHABLE / N_BEYOND_CUTOFF.\n"
            "OUTPUT_LINES (optional): the same rows as lines: along the network path (through its junctions) "
            "when a NETWORK is given and the table has at most 2000 rows (no geometry when there is no "
            "path), else straight origin -> destination lines.")

    def initAlgorithm(self, config=None):
        types = [SourceType.VectorPoint, SourceType.VectorPolygon]
        add_commune_layer(self, "ORIGINS", self.tr("Origins"), types)
        add_id_field(self, "ORIGIN_ID_FIELD", "ORIGINS", self.tr("Origin identifier (default: feature id)"))
        add_commune_layer(self, "DESTINATIONS", self.tr("Destinations"), types)
        add_id_field(self, "DEST_ID_FIELD", "DESTINATIONS", self.tr("Destination identifier (default: feature id)"))
        add_network_parameters(self)
        self.addParameter(QgsProcessingParameterNumber(
            "CUTOFF_MIN", self.tr("Maximum time (min, 0 = none)"), NumberType.Double, 0.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "NEAREST_K", self.tr("Keep the k nearest destinations of each origin (0 = all)"),
            NumberType.Integer, 0, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Travel-time matrix"), SourceType.Vector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_LINES", self.tr("Travel-time lines"), SourceType.VectorLine, optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("N_ROWS", self.tr("Number of rows")))
        self.addOutput(QgsProcessingOutputNumber("N_UNREACHABLE", self.tr("Number of unreachable pairs")))
        self.addOutput(QgsProcessingOutputNumber("N_BEYOND_CUTOFF", self.tr("Number of pairs beyond the cutoff")))

    def execute_optima(self, parameters, context, feedback):
        import geopandas as gpd
        import numpy as np

        from ..optima_plugin.core import network as net
        from ..optima_plugin.i18n import fmt_num
        from ..optima_plugin.qgis_io import read_source, write_features

        orig = read_source(self.parameterAsSource(parameters, "ORIGINS", context), "ORIGINS", context, feedback)
        dest = read_source(self.parameterAsSource(parameters, "DESTINATIONS", context), "DESTINATIONS", context,
                           feedback, target_crs=orig.crs)
        o_ids, o_fld = id_values(orig, self.parameterAsString(parameters, "ORIGIN_ID_FIELD", context) or None)
        d_ids, d_fld = id_values(dest, self.parameterAsString(parameters, "DEST_ID_FIELD", context) or None)
        cutoff = self.parameterAsDouble(parameters, "CUTOFF_MIN", context)
        cutoff = cutoff if cutoff > 0 else None
        k = self.parameterAsInt(parameters, "NEAREST_K", context)
        k = k if k > 0 else None
        n_o, n_d = len(orig), len(dest)
        o_geoms = orig.gdf.geometry.to_numpy()
        d_geoms = dest.gdf.geometry.to_numpy()
        mon = self.monitor(feedback, 5, 85)
        has_network = self.parameterAsSource(parameters, "NETWORK", context) is not None
        graph = nodes = None
        if has_network:
            # origins and destinations joined together to ONE road graph
            places = gpd.GeoSeries(np.concatenate([o_geoms, d_geoms]), crs=orig.gdf.crs)
            graph, nodes, report = travel_graph(self, parameters, context, feedback, places,
                                                monitor=self._quiet_monitor(feedback, 5, 50))
            far = np.asarray(report.get("too_far_index") or [], dtype=np.int64)
            if far.size:
                fo = [str(o_ids[i]) for i in far[far < n_o][:20]]
                fd = [str(d_ids[i - n_o]) for i in far[far >= n_o][:20]]
                feedback.pushWarning(self.tr("Farther than MAX_SNAP_M from any road, unreachable: {} origin(s) "
                                             "[{}], {} destination(s) [{}].").format(
                    int((far < n_o).sum()), ", ".join(fo), int((far >= n_o).sum()), ", ".join(fd)))
            df, stats = net.travel_time_matrix(graph, nodes[:n_o], nodes[n_o:], cutoff_min=cutoff, nearest_k=k,
                                               monitor=self._routing_monitor(feedback, 50, 85))
            oxy, dxy = graph.xy[nodes[:n_o]], graph.xy[nodes[n_o:]]
        else:
            opts = network_options(self, parameters, context)
            feedback.pushInfo(self.tr("No road network: straight distance x {} at {} km/h.").format(
                fmt_num(opts.detour_factor, 1), fmt_num(opts.proxy_speed_kmh, 1)))
            oxy, dxy = net.representative_points(o_geoms), net.representative_points(d_geoms)
            df, stats = net.straight_line_matrix(oxy, dxy, detour_factor=opts.detour_factor,
                                                 speed_kmh=opts.proxy_speed_kmh, cutoff_min=cutoff, nearest_k=k)
        mon.progress(100)
        n_un, n_beyond = stats["n_unreachable"], stats["n_beyond_cutoff"]
        feedback.pushInfo(self.tr("{} origin(s) x {} destination(s): {} row(s) written.").format(
            fmt_num(n_o), fmt_num(n_d), fmt_num(len(df))))
        if n_un or n_beyond:
            what = self.tr("left out (NEAREST_K)") if k else self.tr("empty time_min and dist_km")
            feedback.pushWarning(self.tr("{} pair(s) unreachable (no path on the network) and {} beyond the "
                                         "cutoff: {}.").format(n_un, n_beyond, what))

        oi, di = df["origin_idx"].to_numpy(), df["dest_idx"].to_numpy()
        df["origin_id"] = [o_ids[i] for i in oi]
        df["dest_id"] = [d_ids[j] for j in di]
        cols = ["origin_id", "dest_id", "time_min", "dist_km"] + (["rank"] if k else [])
        fields = QgsFields()
        fields.append(id_field_copy(o_fld, "origin_id"))
        fields.append(id_field_copy(d_fld, "dest_id"))
        fields.append(_double("time_min"))
        fields.append(_double("dist_km"))
        if k:
            fields.append(QgsField("rank", FieldType.Int))
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, WkbType.NoGeometry,
                                             QgsCoordinateReferenceSystem())
        write_features(sink, fields, df, cols, feedback=feedback, progress_range=(85, 92))
        results = {"OUTPUT": dest_id, "N_ROWS": int(len(df)), "N_UNREACHABLE": int(n_un),
                   "N_BEYOND_CUTOFF": int(n_beyond)}

        lsink, ldest = self.parameterAsSink(parameters, "OUTPUT_LINES", context, fields, WkbType.LineString,
                                            orig.crs)
        if lsink is not None:
            geoms = self._lines(df, oxy, dxy, graph, nodes, n_o, feedback)
            write_features(lsink, fields, df, cols, geometries=geoms, feedback=feedback, progress_range=(92, 100))
            results["OUTPUT_LINES"] = ldest
        return results

    def _quiet_monitor(self, feedback, lo, hi):
        """Progress and cancellation for core (its messages are logged here, in tr())."""
        from ..optima_plugin.core.progress import as_monitor
        m = self.monitor(feedback, lo, hi)
        return as_monitor(m.progress, m.is_canceled)

    def _routing_monitor(self, feedback, lo, hi):
        """Progress, cancellation and the core's lines on the routing graph (its size, read from the
        cache or not); the unreachable pairs are said here, in tr()."""
        from ..optima_plugin.core.progress import as_monitor
        m = self.monitor(feedback, lo, hi)
        return as_monitor(m.progress, m.is_canceled,
                          lambda msg: None if str(msg).startswith("Travel times:") else m.log(msg))

    def _lines(self, df, oxy, dxy, graph, nodes, n_o, feedback):
        import numpy as np
        import shapely

        from ..optima_plugin.core import network as net

        oi, di = df["origin_idx"].to_numpy(), df["dest_idx"].to_numpy()
        straight = shapely.linestrings(np.stack([oxy[oi], dxy[di]], axis=1)) if len(df) else []
        if graph is None:
            return list(straight)
        if len(df) > MAX_PATH_ROWS:
            feedback.pushInfo(self.tr("Lines: {} rows (more than {}): straight origin -> destination lines, not "
                                      "network paths.").format(len(df), MAX_PATH_ROWS))
            return list(straight)
        feedback.pushInfo(self.tr("Lines: drawn along the network path (no geometry where there is no path)."))
        out = [None] * len(df)
        for o in np.unique(oi):
            if feedback.isCanceled():
                break
            rows = np.flatnonzero(oi == o)
            targets = nodes[n_o:][di[rows]]
            paths = net.shortest_path_nodes(graph, int(nodes[o]), targets)
            for r, path in zip(rows, paths):
                if path:
                    out[r] = net.path_line(graph, path)     # road arcs drawn with their own shape
        return out

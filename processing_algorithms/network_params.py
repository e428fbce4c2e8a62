"""The one network parameter set shared by every algorithm that takes a network.

Defined once here, named and behaving the same on clustering, location, indicators,
scenarios and the travel-time matrix:

NETWORK           optional line layer (roads); none = proxy network from commune adjacency
SPEED_FIELD       numeric field of NETWORK with the speed in km/h (else OSM tags, else default)
DEFAULT_SPEED_KMH speed of roads with no speed, and of the proxy network (km/h)
ONEWAY_FIELD      field of NETWORK with one-way values (yes / -1 / no ...)
SNAP_TOLERANCE_M  line ends closer than this are one node (m)
MAX_SNAP_M        places farther than this from any road are flagged unreachable (0 = no limit)

The road graph is built once per layer content and settings and kept in memory for the next
steps and runs (core.network.road_graph_cached); only the fields it is built from are read.
Large road graphs (and their reduced routing graphs) are also kept on disk between runs, in
the folder optima/cache of the QGIS profile (core.graph_cache; OPTIMA_GRAPH_CACHE=0 switches
it off, OPTIMA_GRAPH_CACHE=/some/folder puts it elsewhere).
DETOUR_FACTOR     proxy network / straight lines: distance x this factor
"""
from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..optima_plugin.i18n import fmt_num, fmt_pct, tr
from ..optima_plugin.compat import GeometryType, NumberType, ParamFlag, SourceType
from .inputs import number_field

NETWORK_PARAMS = ("NETWORK", "SPEED_FIELD", "DEFAULT_SPEED_KMH", "ONEWAY_FIELD", "SNAP_TOLERANCE_M",
                  "MAX_SNAP_M", "DETOUR_FACTOR")


def add_network_parameters(alg, advanced: bool = True):
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "NETWORK", tr("Road network (none = proxy network from commune adjacency)"),
        [SourceType.VectorLine], optional=True))
    extra = [
        number_field("SPEED_FIELD", tr("Speed field (km/h)"), "NETWORK", optional=True),
        QgsProcessingParameterNumber("DEFAULT_SPEED_KMH", tr("Default speed (km/h)"),
                                     NumberType.Double, 60.0, minValue=1.0, maxValue=200.0),
        QgsProcessingParameterField("ONEWAY_FIELD", tr("One-way field"), parentLayerParameterName="NETWORK",
                                    optional=True),
        QgsProcessingParameterNumber("SNAP_TOLERANCE_M", tr("Snapping tolerance between line ends (m)"),
                                     NumberType.Double, 1.0, minValue=0.0),
        QgsProcessingParameterNumber("MAX_SNAP_M", tr("Maximum distance from a place to the nearest road (m, 0 = none)"),
                                     NumberType.Double, 0.0, minValue=0.0),
        QgsProcessingParameterNumber("DETOUR_FACTOR", tr("Detour factor (proxy network, straight lines)"),
                                     NumberType.Double, 1.3, minValue=1.0, maxValue=5.0),
    ]
    for p in extra:
        if advanced:
            p.setFlags(p.flags() | ParamFlag.Advanced)
        alg.addParameter(p)


def graph_cache_folder():
    """The folder of the on-disk graph cache, or None when switched off (OPTIMA_GRAPH_CACHE=0)."""
    import os
    env = os.environ.get("OPTIMA_GRAPH_CACHE", "").strip()
    if env.lower() in ("0", "off", "no", "false", "none"):
        return None
    if env and env != "1":
        return env
    from qgis.core import QgsApplication
    base = QgsApplication.qgisSettingsDirPath()
    return os.path.join(base, "optima", "cache") if base else None


def network_options(alg, parameters, context):
    """The NetworkOptions of the parameters (and the graph cache folder set for the run)."""
    from ..optima_plugin.core import graph_cache
    from ..optima_plugin.core.network import NetworkOptions
    graph_cache.set_folder(graph_cache_folder())
    speed = alg.parameterAsDouble(parameters, "DEFAULT_SPEED_KMH", context)
    max_snap = alg.parameterAsDouble(parameters, "MAX_SNAP_M", context)
    opts = NetworkOptions(
        speed_field=alg.parameterAsString(parameters, "SPEED_FIELD", context) or None,
        default_speed_kmh=speed,
        oneway_field=alg.parameterAsString(parameters, "ONEWAY_FIELD", context) or None,
        snap_tolerance_m=alg.parameterAsDouble(parameters, "SNAP_TOLERANCE_M", context),
        max_snap_m=max_snap if max_snap > 0 else None,
        detour_factor=alg.parameterAsDouble(parameters, "DETOUR_FACTOR", context),
        proxy_speed_kmh=speed,
        split_at_intersections=True,
    )
    if alg.parameterDefinition("BORDER_TOLERANCE_M") is not None:  # unclean borders (cluster_territories)
        opts.adjacency_tolerance_m = alg.parameterAsDouble(parameters, "BORDER_TOLERANCE_M", context)
    return opts


def read_network(alg, parameters, context, feedback, target_crs, all_fields: bool = False):
    """The NETWORK layer as LayerData in the working CRS, or None.

    Only the fields the road graph is built from are read (SPEED_FIELD, ONEWAY_FIELD and the
    OpenStreetMap tag fields), unless ``all_fields``; a plain line file is then read in bulk
    through GDAL (see ``bulk_read``)."""
    from ..optima_plugin.qgis_io import read_source
    from qgis.core import QgsProcessingException, QgsWkbTypes
    src = alg.parameterAsSource(parameters, "NETWORK", context)
    if src is None:
        return None
    if QgsWkbTypes.geometryType(src.wkbType()) != GeometryType.Line:
        raise QgsProcessingException(tr("NETWORK: the layer {} has {} geometries; the road network must be a "
                                        "line layer.").format(
            src.sourceName(), QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(src.wkbType()))))
    fields = None
    if not all_fields:
        from ..optima_plugin.core.network import road_columns
        fields = road_columns(network_options(alg, parameters, context), src.fields().names())
    bulk = None
    if not all_fields:       # a large line file: read in bulk when that gives the same features
        from ..optima_plugin.bulk_read import bulk_plan
        bulk = bulk_plan(alg, parameters, "NETWORK", context)
    road = read_source(src, "NETWORK", context, feedback, target_crs=target_crs, attributes=fields,
                       keep_qgis_geoms=all_fields, bulk=bulk)
    # core error messages name features by their index: give them the QGIS feature ids
    road.gdf.index = road.fids
    return road


_UNREAD = object()


def travel_graph(alg, parameters, context, feedback, places, monitor=None, road=_UNREAD, closure: bool = False):
    """(CostGraph, node of each place, report) for ``places`` (a GeoSeries/array in the working CRS).
    ``road``: the NETWORK layer when the caller has already read it (None = no network).

    The road graph is built once per layer content and kept for the next steps and runs (see
    ``network.road_graph_cached``). ``closure=True`` (steps that route between the places over
    and over, e.g. territories): with a road network, the graph returned is the places' own
    complete graph of road times (``network.terminal_closure``): the same times, no road geometry."""
    from ..optima_plugin.core import network as net
    opts = network_options(alg, parameters, context)
    if road is _UNREAD:
        road = read_network(alg, parameters, context, feedback, target_crs=_qgs_crs(getattr(places, "crs", None)))
    if road is None:
        graph, nodes, report = net.terminal_graph(opts, None, None, places, monitor=monitor)
        if report.get("mode") == "proxy_adjacency":
            feedback.pushInfo(tr("No road network: proxy network from commune adjacency, straight distance x {} "
                                 "at {} km/h.").format(fmt_num(opts.detour_factor, 1), fmt_num(opts.proxy_speed_kmh, 1)))
        else:
            feedback.pushInfo(tr("No road network: straight lines between the places x {} at {} km/h.").format(
                fmt_num(opts.detour_factor, 1), fmt_num(opts.proxy_speed_kmh, 1)))
    else:
        attrs = road_attributes(road)
        # the places' access links are said below (log_network_report), in tr(), once
        graph, nodes, report = net.terminal_graph(opts, road.gdf.geometry.to_numpy(), attrs, places,
                                                  monitor=monitor, log_places=False)
        if closure:
            import time
            t0 = time.perf_counter()
            graph, nodes = net.terminal_closure(graph, nodes, monitor=monitor)
            feedback.pushInfo(tr("Road times between the {} places computed once ({} s): the steps below "
                                 "route on them.").format(fmt_num(len(nodes)), fmt_num(time.perf_counter() - t0, 1)))
    log_network_report(feedback, report)
    return graph, nodes, report


def road_attributes(road):
    """The attribute table of a NETWORK LayerData (index = QGIS feature ids), for core."""
    return road.gdf.drop(columns=[road.gdf.geometry.name, "_fid"])


def _qgs_crs(crs):
    from qgis.core import QgsCoordinateReferenceSystem
    if crs is None:
        return None
    return QgsCoordinateReferenceSystem.fromWkt(crs.to_wkt())


def log_network_report(feedback, report):
    mode = report.get("mode")
    if mode == "road":
        r = report["road"]
        if report.get("road_graph_from_disk"):
            feedback.pushInfo(tr("Road graph read from the cache (built on {}) instead of being built again from the "
                                 "unchanged layer.").format(report["road_graph_from_disk"]))
        elif report.get("road_graph_cached"):
            feedback.pushInfo(tr("Road graph: the one built earlier in this session from the same layer content "
                                 "and settings is reused."))
        feedback.pushInfo(tr("Road graph: {} nodes, {} edges ({} one-way), {} connected component(s), largest "
                             "holds {} of the nodes; {} zero-length and {} self-loop segment(s) ignored.").format(
            fmt_num(r.get("n_nodes")), fmt_num(r.get("n_edges")), fmt_num(r.get("n_oneway")), r.get("n_components"),
            fmt_pct(100.0 * (r.get("largest_component_share") or 1.0)), r.get("n_zero_length"), r.get("n_self_loops")))
        if r.get("n_speed_defaulted"):
            feedback.pushInfo(tr("{} road feature(s) with no speed use the default speed.").format(
                r.get("n_speed_defaulted")))
        if r.get("n_oneway_unrecognised"):
            feedback.pushWarning(tr("{} road feature(s) have an unrecognised one-way value: treated as "
                                    "two-way.").format(r.get("n_oneway_unrecognised")))
        t = report.get("terminals") or {}
        if t.get("n_terminals"):
            feedback.pushInfo(tr("{} place(s) joined to the {} by a straight access link at {} km/h: {} m median, "
                                 "{} m longest ({} min).").format(
                fmt_num(t["n_terminals"] - t.get("n_too_far", 0)),
                tr("nearest point of the nearest road segment (the segment is split there)")
                if t.get("snap") == "segment" else tr("nearest road node"),
                fmt_num(t.get("access_speed_kmh"), 0 if float(t.get("access_speed_kmh") or 0).is_integer() else 1),
                fmt_num(t.get("snap_dist_median_m", 0.0)), fmt_num(t.get("snap_dist_max_m", 0.0)),
                fmt_num(t.get("access_min_max", 0.0), 1)))
        far = report.get("too_far_index") or []
        if len(far):
            feedback.pushWarning(tr("{} place(s) farther than the maximum snapping distance from any road: "
                                    "flagged unreachable (index {}).").format(len(far), ", ".join(
                                        str(i) for i in list(far)[:20])))
    elif mode:
        p = report.get("proxy", {})
        if p:
            feedback.pushInfo(tr("Proxy network: {} links between neighbouring communes, {} island(s).").format(
                fmt_num(p["n_edges"]) if "n_edges" in p else "?", fmt_num(p.get("n_islands", 0))))

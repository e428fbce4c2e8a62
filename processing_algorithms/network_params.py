"""The one network parameter set shared by every algorithm that takes a network.

Defined once here, named and behaving the same on clustering, location, indicators,
scenarios and the travel-time matrix:

NETWORK           optional line layer (roads); none = proxy network from commune adjacency
SPEED_FIELD       numeric field of NETWORK with the speed in km/h (else OSM tags, else default)
DEFAULT_SPEED_KMH speed of roads with no speed, and of the proxy network (km/h)
ONEWAY_FIELD      field of NETWORK with one-way values (yes / -1 / no ...)
SNAP_TOLERANCE_M  line ends closer than this are one node (m)
MAX_SNAP_M        places farther than this from any road are flagged unreachable (0 = no limit)
DETOUR_FACTOR     proxy network / straight lines: distance x this factor
"""
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..optima_plugin.i18n import fmt_num, fmt_pct, tr

NETWORK_PARAMS = ("NETWORK", "SPEED_FIELD", "DEFAULT_SPEED_KMH", "ONEWAY_FIELD", "SNAP_TOLERANCE_M",
                  "MAX_SNAP_M", "DETOUR_FACTOR")


def add_network_parameters(alg, advanced: bool = True):
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "NETWORK", tr("Road network (optional: none = proxy network from commune adjacency)"),
        [QgsProcessing.TypeVectorLine], optional=True))
    extra = [
        QgsProcessingParameterField("SPEED_FIELD", tr("Speed field (km/h)"), parentLayerParameterName="NETWORK",
                                    type=QgsProcessingParameterField.Numeric, optional=True),
        QgsProcessingParameterNumber("DEFAULT_SPEED_KMH", tr("Default speed (km/h)"),
                                     QgsProcessingParameterNumber.Double, 60.0, minValue=1.0, maxValue=200.0),
        QgsProcessingParameterField("ONEWAY_FIELD", tr("One-way field"), parentLayerParameterName="NETWORK",
                                    optional=True),
        QgsProcessingParameterNumber("SNAP_TOLERANCE_M", tr("Snapping tolerance between line ends (m)"),
                                     QgsProcessingParameterNumber.Double, 1.0, minValue=0.0),
        QgsProcessingParameterNumber("MAX_SNAP_M", tr("Maximum distance from a place to the nearest network node (m, 0 = none)"),
                                     QgsProcessingParameterNumber.Double, 0.0, minValue=0.0),
        QgsProcessingParameterNumber("DETOUR_FACTOR", tr("Detour factor (proxy network, straight lines)"),
                                     QgsProcessingParameterNumber.Double, 1.3, minValue=1.0, maxValue=5.0),
    ]
    for p in extra:
        if advanced:
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        alg.addParameter(p)


def network_options(alg, parameters, context):
    from ..optima_plugin.core.network import NetworkOptions
    speed = alg.parameterAsDouble(parameters, "DEFAULT_SPEED_KMH", context)
    max_snap = alg.parameterAsDouble(parameters, "MAX_SNAP_M", context)
    return NetworkOptions(
        speed_field=alg.parameterAsString(parameters, "SPEED_FIELD", context) or None,
        default_speed_kmh=speed,
        oneway_field=alg.parameterAsString(parameters, "ONEWAY_FIELD", context) or None,
        snap_tolerance_m=alg.parameterAsDouble(parameters, "SNAP_TOLERANCE_M", context),
        max_snap_m=max_snap if max_snap > 0 else None,
        detour_factor=alg.parameterAsDouble(parameters, "DETOUR_FACTOR", context),
        proxy_speed_kmh=speed,
        split_at_intersections=True,
    )


def read_network(alg, parameters, context, feedback, target_crs):
    """The NETWORK layer as LayerData in the working CRS, or None."""
    from ..optima_plugin.qgis_io import read_source
    from qgis.core import QgsProcessingException, QgsWkbTypes
    src = alg.parameterAsSource(parameters, "NETWORK", context)
    if src is None:
        return None
    if QgsWkbTypes.geometryType(src.wkbType()) != QgsWkbTypes.LineGeometry:
        raise QgsProcessingException(tr("NETWORK: the layer {} has {} geometries; the road network must be a "
                                        "line layer.").format(
            src.sourceName(), QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(src.wkbType()))))
    road = read_source(src, "NETWORK", context, feedback, target_crs=target_crs)
    # core error messages name features by their index: give them the QGIS feature ids
    road.gdf.index = road.fids
    return road


_UNREAD = object()


def travel_graph(alg, parameters, context, feedback, places, monitor=None, road=_UNREAD):
    """(CostGraph, node of each place, report) for ``places`` (a GeoSeries/array in the working CRS).
    ``road``: the NETWORK layer when the caller has already read it (None = no network)."""
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
        graph, nodes, report = net.terminal_graph(opts, road.gdf.geometry.to_numpy(), attrs, places,
                                                  monitor=monitor)
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
        far = report.get("too_far_index") or []
        if len(far):
            feedback.pushWarning(tr("{} place(s) farther than the maximum snapping distance from any road: "
                                    "flagged unreachable (index {}).").format(len(far), ", ".join(
                                        str(i) for i in list(far)[:20])))
    elif mode:
        p = report.get("proxy", {})
        if p:
            feedback.pushInfo(tr("Proxy network: {} links between neighbouring communes, {} island(s).").format(
                p.get("n_edges", "?"), p.get("n_islands", 0)))

"""optima:cluster_territories — balanced, contiguous, accessible service territories."""
from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..optima_plugin.i18n import tr
from ..optima_plugin.qgis_io import output_fields, read_source, write_features
from .messages import hub_problems, label_key, lock_group_conflicts
from .base import OptimaAlgorithm
from .inputs import add_commune_inputs, read_communes
from .network_params import add_network_parameters, read_network, travel_graph
from ..optima_plugin.compat import NumberType, SourceType, WkbType

CONTIGUITY = ["edge", "point", "road"]
COMMUNE_COLUMNS = ["territory", "hub", "time_to_hub_min", "reason"]
TERRITORY_COLUMNS = ["territory", "hub", "pop", "n_communes", "area_km2", "pop_dev_pct", "time_mean", "time_max",
                     "contiguous", "sea_links", "forced_alone", "color_idx", "color"]


def log_borders(feedback, borders, names):
    """The diagnosis of borders that are not topologically clean (gaps, overlaps, slivers)."""
    if not borders:
        return
    n_gap, n_ov = borders.get("n_gap", 0), borders.get("n_overlap", 0)
    if n_gap or n_ov:
        feedback.pushWarning(tr(
            "Borders not topologically clean (tolerance {} m): {} pair(s) of neighbours joined across a gap, {} "
            "through an overlap ({} thin sliver(s)); {} pair(s) meeting only at a corner are not "
            "neighbours.").format(
            "{:g}".format(borders.get("tolerance_m", 0)), n_gap, n_ov, borders.get("n_sliver", 0),
            borders.get("n_corner_ignored", 0)))
        pair = borders.get("max_overlap_pair")
        if pair is not None and borders.get("max_overlap_m2", 0) > 0:
            feedback.pushInfo(tr("Largest overlap: {} and {} ({:,.0f} m²), treated as neighbours.").format(
                names[pair[0]], names[pair[1]], borders["max_overlap_m2"]))


class ClusterTerritories(OptimaAlgorithm):
    NAME = "cluster_territories"
    GROUP = "territories"

    def display_name(self):
        return self.tr("Cluster communes into territories")

    def help(self):
        return self.tr(
            "Cuts communes into N contiguous service territories of similar population, minimising the "
            "population-weighted travel time from each commune to its territory's hub (a commune of the "
            "territory).\n\n"
            "Method: balanced p-median start (HiGHS), contiguity repair, local search over boundary "
            "communes, hub re-optimisation; the log gives the LP lower bound and the gap.\n\n"
            "BALANCE_TOLERANCE: allowed deviation from the mean territory population (%). A commune heavier "
            "than the target (e.g. Toulouse) becomes a territory of its own and the log says so. When no "
            "contiguous cut can meet the tolerance (a heavy commune among heavy neighbours, groups kept whole), "
            "the log proves it and BALANCE_FLOOR_PCT gives the smallest deviation any cut can reach.\n"
            "KEEP_WHOLE_FIELD: communes sharing a value (e.g. epci_siren) are never split.\n"
            "LOCK_FIELD: communes with a value are pre-assigned (same value = same territory).\n"
            "EXISTING_FIELD + STABILITY: start from today's organisation; each commune that changes "
            "territory costs STABILITY inhabitant-minutes.\n"
            "HUBS: fixed hubs (points or polygons; the commune containing each is the hub), one per territory.\n"
            "CONTIGUITY: shared edge, shared point, or connected by the road network (touching AND a road "
            "crosses the border; needs NETWORK).\n"
            "COMPUTE_BOUND (advanced): a valid lower bound of the objective (LP, or its Lagrangian relaxation beyond "
            "~250 communes) and the gap, in the log and the LOWER_BOUND / GAP_PCT outputs.\n"
            "REGION_FIELD (advanced): cut each region (e.g. dep) on its own, K split among regions by population: "
            "how all of France (34,700 communes, K = 1,250) is cut in seconds.\n"
            "LINK_ISLANDS (advanced, on by default): an island or a part of the map with no land neighbour "
            "(or, with road contiguity, no road across its border) is linked for contiguity to the nearest "
            "commune of the mainland (its port when the road network joins them), so it joins a mainland "
            "territory; the log lists the links and the territories contiguous with sea links (sea_links "
            "output field). Off: each such part gets territories of its own.\n"
            "BORDER_TOLERANCE_M (advanced, 5 m): neighbours a few metres apart or overlapping (a reprojected, "
            "simplified or digitised layer) share a border; the log describes the gaps and overlaps found.\n"
            "RUNS (advanced): independent searches with the seeds SEED, SEED + 1, ...; the best cut is kept "
            "(contiguous, balanced, then the lowest objective) and the log lists every run. The time grows "
            "with RUNS; on Haute-Garonne, K = 18, 4 runs (about 5 s) cut the objective by 1.6 %.\n"
            "No NETWORK: travel times on the proxy network (neighbouring communes linked, straight distance x "
            "detour factor at the default speed).\n\n"
            "Outputs: communes with territory, hub, time_to_hub_min, reason; territories (dissolved) with "
            "territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, "
            "sea_links, forced_alone, color.")

    def initAlgorithm(self, config=None):
        add_commune_inputs(self)
        self.addParameter(QgsProcessingParameterNumber(
            "N_TERRITORIES", self.tr("Number of territories"), NumberType.Integer, 6, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "BALANCE_TOLERANCE", self.tr("Balance tolerance (% of the mean population)"),
            NumberType.Double, 10.0, minValue=0.0, maxValue=100.0))
        add_network_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "HUBS", self.tr("Fixed hubs"), [SourceType.VectorAnyGeometry], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "KEEP_WHOLE_FIELD", self.tr("Keep whole: never split groups of this field (e.g. epci_siren)"),
            parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "LOCK_FIELD", self.tr("Locked territory field (pre-assigned communes)"),
            parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "EXISTING_FIELD", self.tr("Existing territory field (today's organisation)"),
            parentLayerParameterName="INPUT", optional=True))
        st = QgsProcessingParameterNumber(
            "STABILITY", self.tr("Stability weight (inhabitant-minutes per commune that changes territory)"),
            NumberType.Double, 0.0, minValue=0.0)
        self.addParameter(st)
        self.addParameter(QgsProcessingParameterEnum(
            "CONTIGUITY", self.tr("Contiguity"),
            [self.tr("Shared edge"), self.tr("Shared point"), self.tr("Connected by the road network")],
            defaultValue=0))
        self.add_advanced(QgsProcessingParameterField(
            "REGION_FIELD", self.tr("Cut each region separately (e.g. dep), K split by population"),
            parentLayerParameterName="INPUT", optional=True))
        self.add_advanced(QgsProcessingParameterBoolean(
            "LINK_ISLANDS", self.tr("Link islands and detached parts to the nearest mainland commune (sea links)"),
            defaultValue=True))
        self.add_advanced(QgsProcessingParameterNumber(
            "BORDER_TOLERANCE_M", self.tr("Border tolerance: neighbours this close or overlapping share a border (m)"),
            NumberType.Double, 5.0, minValue=0.0, maxValue=1000.0))
        self.add_advanced(QgsProcessingParameterBoolean(
            "COMPUTE_BOUND", self.tr("Compute a lower bound of the objective (slower: about 20 s for 600 communes)"),
            defaultValue=False))
        self.add_seed_parameter()
        self.add_advanced(QgsProcessingParameterNumber(
            "RUNS", self.tr("Independent searches (seeds SEED, SEED + 1, ...; the best cut is kept)"),
            NumberType.Integer, 1, minValue=1, maxValue=1000))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_COMMUNES", self.tr("Communes with territory"), SourceType.VectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TERRITORIES", self.tr("Territories"), SourceType.VectorPolygon))
        for name, label in [("OBJECTIVE", self.tr("Objective (inhabitant-minutes)")),
                            ("MAX_DEVIATION_PCT", self.tr("Maximum population deviation (%)")),
                            ("MEAN_TIME_MIN", self.tr("Population-weighted mean time to hub (min)")),
                            ("LOWER_BOUND", self.tr("Lower bound (inhabitant-minutes)")),
                            ("GAP_PCT", self.tr("Gap to the lower bound (%)")),
                            ("BALANCE_FLOOR_PCT", self.tr("Smallest deviation any contiguous cut can reach, "
                                                          "recomputed targets (%; 0 = no proof)")),
                            ("N_TERRITORIES_OUT", self.tr("Number of territories"))]:
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def execute_optima(self, parameters, context, feedback):

        from ..optima_plugin.core import contiguity, pipeline
        from ..optima_plugin.core.network import locate_points_in_polygons
        from ..optima_plugin.core.territories import cluster, cluster_by_region

        communes = read_communes(self, parameters, context, feedback)
        data, gdf, ids, pop = communes.data, communes.gdf, communes.ids, communes.population
        geoms, repaired = pipeline.check_polygons(gdf.geometry.to_numpy(), ids)
        if repaired:
            feedback.pushWarning(self.tr("{} invalid geometry(ies) repaired (make_valid).").format(repaired))
        import geopandas as gpd
        places = gpd.GeoSeries(geoms, crs=gdf.crs)
        k = self.parameterAsInt(parameters, "N_TERRITORIES", context)
        tol = self.parameterAsDouble(parameters, "BALANCE_TOLERANCE", context) / 100.0
        mode = CONTIGUITY[self.parameterAsEnum(parameters, "CONTIGUITY", context)]

        mon = self.monitor(feedback, 5, 30)
        road = read_network(self, parameters, context, feedback, data.crs)  # read once: graph and contiguity
        graph, nodes, report = travel_graph(self, parameters, context, feedback, places, monitor=mon.core(),
                                            road=road, closure=True)
        border_tol = self.parameterAsDouble(parameters, "BORDER_TOLERANCE_M", context)
        borders = {}
        adjacency = pipeline.contiguity_adjacency(geoms, mode, None if road is None or mode != "road"
                                                  else road.gdf.geometry.to_numpy(),
                                                  network_report=report, tolerance_m=border_tol, report=borders)
        names = gdf["nom"].astype(str).tolist() if "nom" in gdf.columns else ids
        log_borders(feedback, borders, names)
        region_field = self.parameterAsString(parameters, "REGION_FIELD", context)
        regions = None
        if region_field:
            regions = [None if v is None or (isinstance(v, float) and v != v) or not str(v).strip() else str(v)
                       for v in gdf[region_field].tolist()]
            no_region = [ids[i] for i, v in enumerate(regions) if v is None]
            if no_region:
                raise self._error(self.tr("REGION_FIELD '{}': {} commune(s) have no region (NULL or empty): {}. "
                                          "Fill the field in for every commune.").format(
                    region_field, len(no_region), pipeline._few(no_region)))
        links = contiguity.link_parts(geoms, adjacency, graph, nodes, groups=regions,
                                      use_network=road is not None) \
            if self.parameterAsBool(parameters, "LINK_ISLANDS", context) else None
        if links is not None and (len(links) or links.unreached):
            feedback.pushInfo(self.tr("{} island(s) or detached part(s) linked for contiguity to the mainland "
                                      "(sea links):").format(len(links)))
            for line in contiguity.describe_links(links, names, pop):
                feedback.pushInfo("  " + line)
            adjacency = links.add_to(adjacency)

        def field_values(name):
            f = self.parameterAsString(parameters, name, context)
            return (f, gdf[f].tolist()) if f else (None, None)

        kw_field, kw_vals = field_values("KEEP_WHOLE_FIELD")
        # the groups by their own values (labels, not internal codes), so that messages name them
        keep_whole = [label_key(v) for v in kw_vals] if kw_vals is not None else None
        lock_field, lock_vals = field_values("LOCK_FIELD")
        # lock codes 0..m-1 and the user's value of each, so that the core's messages name them
        locks, lock_names = pipeline.label_codes(lock_vals, k=k, field=lock_field) if lock_vals is not None \
            else (None, None)
        ex_field, ex_vals = field_values("EXISTING_FIELD")
        existing = pipeline.label_codes(ex_vals, field=ex_field)[0] if ex_vals is not None else None
        stability = self.parameterAsDouble(parameters, "STABILITY", context)

        hubs = None
        hub_src = self.parameterAsSource(parameters, "HUBS", context)
        if hub_src is not None:
            hd = read_source(hub_src, "HUBS", context, feedback, target_crs=data.crs)
            idx, dist = locate_points_in_polygons(hd.gdf.geometry.to_numpy(), geoms)
            hubs = idx
            hub_msgs = hub_problems(hd, idx, dist, ids)
            if hub_msgs[1]:
                raise self._error(hub_msgs[1])
            if hub_msgs[0]:
                feedback.pushWarning(hub_msgs[0])
            if len(hubs) != k:
                raise self._error(self.tr("HUBS has {} feature(s) but N_TERRITORIES is {}: give one hub per "
                                          "territory.").format(len(hubs), k))

        if locks is not None and keep_whole is not None:
            lock_group_conflicts(kw_field, kw_vals, lock_field, lock_vals, ids)  # named by the user's values
        mon2 = self.monitor(feedback, 30, 85)
        seed = self.parameterAsInt(parameters, "SEED", context)
        runs = self.parameterAsInt(parameters, "RUNS", context)
        if region_field:
            if hubs is not None or locks is not None or existing is not None:
                raise self._error(self.tr("REGION_FIELD cannot be combined with HUBS, LOCK_FIELD or EXISTING_FIELD."))
            if links is not None:
                # each region is cut on its own sub-network: a block joined by a link reaches its
                # region's hub at the true time (the way round through the neighbouring region)
                graph = contiguity.add_link_times(graph, nodes, links)
            res = cluster_by_region(graph, nodes, adjacency, pop, k, regions, balance_tol=tol, seed=seed,
                                    monitor=mon2.core(), names=names, keep_whole=keep_whole, runs=runs)
        else:
            res = cluster(graph, nodes, adjacency, pop, k, balance_tol=tol, hubs=hubs, keep_whole=keep_whole,
                          locks=locks, existing=existing, stability=stability, seed=seed, monitor=mon2.core(),
                          names=names, runs=runs, lock_names=lock_names, ids=ids, bound_iterations=1000 if self.parameterAsBool(
                              parameters, "COMPUTE_BOUND", context) else 0)
        communes, terr = pipeline.cluster_tables(geoms, ids, pop, res, adjacency)
        # links inside each territory: the sea links above, and those the search added (LINK_ISLANDS
        # off, or a part the network does not reach, with K too small to give it a territory)
        by_terr = {}
        if links is not None:
            for t, rows in contiguity.territory_links(links, res.labels).items():
                by_terr.setdefault(t, []).extend((int(links.a[r]), int(links.b[r])) for r in rows)
        for a, b in res.links:
            by_terr.setdefault(int(res.labels[a]), []).append((int(a), int(b)))
        terr["sea_links"] = [len(by_terr.get(t, [])) for t in range(res.k)]
        for t, pairs in sorted(by_terr.items()):
            feedback.pushInfo(self.tr("Territory {} (hub {}) is contiguous with sea links: {}.").format(
                t + 1, names[int(res.hubs[t])], ", ".join("{} - {}".format(names[a], names[b]) for a, b in pairs)))

        fields = output_fields(data.fields, communes, COMMUNE_COLUMNS, log=feedback.pushInfo)
        sink, dest_c = self.parameterAsSink(parameters, "OUTPUT_COMMUNES", context, fields,
                                            WkbType.MultiPolygon, data.crs)
        write_features(sink, fields, communes, COMMUNE_COLUMNS, raw_attrs=data.raw_attrs,
                       geometries=list(geoms), feedback=feedback, multi=True, progress_range=(85, 93))
        tfields = output_fields(None, terr, TERRITORY_COLUMNS)
        tsink, dest_t = self.parameterAsSink(parameters, "OUTPUT_TERRITORIES", context, tfields,
                                             WkbType.MultiPolygon, data.crs)
        write_features(tsink, tfields, terr, TERRITORY_COLUMNS, geometries=list(terr["geometry"]),
                       feedback=feedback, multi=True, progress_range=(93, 99))
        del sink, tsink  # flush the files before their default style is saved into them
        self._style(context, dest_c, dest_t, colors=dict(zip(terr["territory"].tolist(), terr["color"].tolist())),
                    names={c + 1: names[h] for c, h in enumerate(res.hubs)} if "nom" in gdf.columns else None)
        gap = res.gap_pct
        from ..optima_plugin.i18n import fmt_num
        feedback.pushInfo(self.tr("Objective {} inhabitant-minutes; mean time to hub {} min; max "
                                  "population deviation {} %{}.").format(
            fmt_num(res.objective), fmt_num(res.mean_time, 1), fmt_num(res.max_dev_pct, 1),
            "" if gap is None else self.tr("; gap to the lower bound {} %").format(fmt_num(gap, 2))))
        return {"OUTPUT_COMMUNES": dest_c, "OUTPUT_TERRITORIES": dest_t, "OBJECTIVE": float(res.objective),
                "MAX_DEVIATION_PCT": float(res.max_dev_pct), "MEAN_TIME_MIN": float(res.mean_time),
                "LOWER_BOUND": None if res.lower_bound is None else float(res.lower_bound),
                "GAP_PCT": None if gap is None else float(gap), "N_TERRITORIES_OUT": int(res.k),
                "BALANCE_FLOOR_PCT": float(res.info.get("balance_floor_pct", 0.0))}

    def _error(self, msg):
        from qgis.core import QgsProcessingException
        return QgsProcessingException(msg)

    def _style(self, context, dest_communes, dest_territories, colors=None, names=None):
        from ..optima_plugin import styling
        styling.style_output(context, dest_territories, "territories", colors=colors, names=names)
        styling.style_output(context, dest_communes, "communes_by_territory", colors=colors, names=names)

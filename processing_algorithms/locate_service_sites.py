"""optima:locate_service_sites — p-median, p-center, coverage, minimum sites, capacities."""
from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..optima_plugin.qgis_io import output_fields, read_source, write_features
from .base import OptimaAlgorithm
from .inputs import CommuneParams, add_commune_inputs, number_field, read_communes
from .network_params import add_network_parameters, network_options, read_network
from ..optima_plugin.compat import FieldType, NumberType, SourceType, WkbType

PROBLEMS = ["p_median", "p_center", "mclp", "lscp", "cpmedian"]
METHODS = ["auto", "exact", "heuristic"]
SITE_COLUMNS = ["site_id", "territory", "required", "served_pop", "n_served", "time_mean", "time_max"]
def _few(labels, k=10):
    labels = [str(x) for x in labels]
    return ", ".join(labels[:k]) + (f" … (+{len(labels) - k})" if len(labels) > k else "")


DEMAND_PARAMS = CommuneParams("DEMAND", "DEMAND_ID_FIELD", "WEIGHT_FIELD")
ALLOC_COLUMNS = ["site_id", "time_min", "within_cutoff", "unreachable"]
LINE_COLUMNS = ["demand_id", "site_id", "time_min", "weight"]


class LocateServiceSites(OptimaAlgorithm):
    NAME = "locate_service_sites"
    GROUP = "location"

    def display_name(self):
        return self.tr("Locate service sites")

    def help(self):
        return self.tr(
            "Chooses where to put service sites (offices) among candidates to serve a weighted demand.\n\n"
            "PROBLEM: p-median (minimise the average trip), p-center (minimise the worst trip), maximal "
            "coverage (cover the most people within CUTOFF_MIN with N_SITES), minimum sites to cover all "
            "(fewest sites so that everyone is within CUTOFF_MIN), capacitated p-median (each site serves at "
            "most CAPACITY_FIELD inhabitants; each commune wholly to one site).\n"
            "CANDIDATES: points or polygons; empty = the demand features themselves. REQUIRED_FIELD: candidates "
            "with 1/true/oui stay open (existing sites).\n"
            "TERRITORY_FIELD: solve within each territory (N_SITES per territory), e.g. one office per territory "
            "from the clustering output.\n"
            "METHOD: exact (HiGHS MILP, time limit, gap reported), heuristic (greedy + vertex substitution), or "
            "automatic by size. The status is honest: optimal, time_limit (with its gap) or heuristic.\n"
            "No NETWORK: with commune polygons, the proxy adjacency network (a candidate sits in the commune "
            "containing it); with points, straight lines x detour factor.\n\n"
            "Outputs: sites (site_id, territory, required, served_pop, n_served, time_mean, time_max); allocation "
            "(every demand feature + site_id, time_min, within_cutoff, unreachable); allocation lines.")

    def initAlgorithm(self, config=None):
        add_commune_inputs(self, DEMAND_PARAMS, layer_label=self.tr("Demand (communes or points)"),
                           layer_types=[SourceType.VectorAnyGeometry], id_label=self.tr("Demand identifier field"),
                           population_label=self.tr("Weight field (population)"), population_optional=True)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CANDIDATES", self.tr("Candidate sites (empty = the demand features)"),
            [SourceType.VectorAnyGeometry], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "CANDIDATE_ID_FIELD", self.tr("Candidate identifier field"), parentLayerParameterName="CANDIDATES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "REQUIRED_FIELD", self.tr("Required sites field (1 = stays open)"),
            parentLayerParameterName="CANDIDATES", optional=True))
        add_network_parameters(self)
        self.addParameter(QgsProcessingParameterEnum(
            "PROBLEM", self.tr("Problem"),
            [self.tr("p-median (average trip)"), self.tr("p-center (worst trip)"),
             self.tr("Maximal coverage"), self.tr("Minimum sites to cover all"),
             self.tr("Capacitated p-median")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "N_SITES", self.tr("Number of sites (per territory with TERRITORY_FIELD)"),
            NumberType.Integer, 1, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "CUTOFF_MIN", self.tr("Cutoff time (minutes, 0 = none)"), NumberType.Double, 0.0,
            minValue=0.0))
        self.addParameter(number_field(
            "CAPACITY_FIELD", self.tr("Capacity field (candidates)"), "CANDIDATES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_FIELD", self.tr("Territory field (solve within each territory)"),
            parentLayerParameterName="DEMAND", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "METHOD", self.tr("Method"), [self.tr("Automatic by size"), self.tr("Exact (HiGHS MILP)"),
                                          self.tr("Heuristic (greedy + vertex substitution)")], defaultValue=0))
        self.add_advanced(QgsProcessingParameterNumber(
            "TIME_LIMIT_S", self.tr("Time limit (s)"), NumberType.Double, 120.0, minValue=1.0))
        self.add_seed_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_SITES", self.tr("Chosen sites"), SourceType.VectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_ALLOCATION", self.tr("Allocation (demand with its site)"), SourceType.VectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_LINES", self.tr("Allocation lines"), SourceType.VectorLine, optional=True,
            createByDefault=True))
        for name, label in [("OBJECTIVE", self.tr("Objective")), ("GAP_PCT", self.tr("Optimality gap (%)")),
                            ("COVERAGE_PCT", self.tr("Population within the cutoff (%)")),
                            ("N_OPEN", self.tr("Number of open sites")),
                            ("MEAN_TIME_MIN", self.tr("Weighted mean time (min)")),
                            ("MAX_TIME_MIN", self.tr("Maximum time (min)"))]:
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString("STATUS", self.tr("Solver status")))

    def execute_optima(self, parameters, context, feedback):
        import numpy as np

        from ..optima_plugin.core import location as loc
        from ..optima_plugin.core import pipeline

        dem = read_communes(self, parameters, context, feedback, DEMAND_PARAMS, what="weight")
        demand, dgdf, d_ids, did_field = dem.data, dem.gdf, dem.ids, dem.id_field
        weights = dem.population if dem.population is not None else np.ones(len(dgdf))
        csrc = self.parameterAsSource(parameters, "CANDIDATES", context)
        if csrc is not None:
            cand = read_source(csrc, "CANDIDATES", context, feedback, target_crs=demand.crs)
            cid_field = self.parameterAsString(parameters, "CANDIDATE_ID_FIELD", context)
            c_ids = pipeline.unique_ids(cand.gdf[cid_field] if cid_field else cand.fids, cid_field or "feature id", cand.fids)
        else:
            cand, cid_field, c_ids = demand, did_field, d_ids
        cgdf = cand.gdf
        problem = PROBLEMS[self.parameterAsEnum(parameters, "PROBLEM", context)]
        p = self.parameterAsInt(parameters, "N_SITES", context)
        cutoff = self.parameterAsDouble(parameters, "CUTOFF_MIN", context) or None
        if problem in ("mclp", "lscp") and cutoff is None:
            raise self._err(self.tr("CUTOFF_MIN: the coverage problems need a cutoff time (> 0)."))
        req_field = self.parameterAsString(parameters, "REQUIRED_FIELD", context) if csrc is not None else ""
        required = None
        if req_field:
            required = np.array([str(v).strip().lower() in ("1", "true", "t", "yes", "y", "oui", "o", "1.0")
                                 for v in cgdf[req_field].tolist()])
        cap_field = self.parameterAsString(parameters, "CAPACITY_FIELD", context) if csrc is not None else ""
        capacities = None
        if problem == "cpmedian":
            if not cap_field:
                raise self._err(self.tr("CAPACITY_FIELD: the capacitated p-median needs a capacity per candidate."))
            capacities = pipeline.numeric_field(cgdf[cap_field], cap_field, c_ids, what="capacity", log=feedback.pushInfo)

        # one graph for demand and candidates
        opts = network_options(self, parameters, context)
        road = read_network(self, parameters, context, feedback, demand.crs)
        mon = self.monitor(feedback, 5, 35)
        if road is None:
            from ..optima_plugin.i18n import fmt_num
            feedback.pushInfo(self.tr("No road network: proxy network (straight distance x {} at {} km/h).").format(
                fmt_num(opts.detour_factor, 1), fmt_num(opts.proxy_speed_kmh, 1)))
        graph, d_nodes, c_nodes, report = pipeline.two_set_graph(
            opts, None if road is None else road.gdf.geometry.to_numpy(),
            None if road is None else road.gdf.drop(columns=["geometry", "_fid"]),
            dgdf.geometry.to_numpy(), cgdf.geometry.to_numpy(), monitor=mon.core())
        if len(report.get("cand_outside", [])):
            feedback.pushWarning(self.tr("{} candidate(s) outside every commune: placed in the nearest one.").format(
                len(report["cand_outside"])))
        far = [int(x) for x in (report.get("too_far_index") or [])]
        nd = len(d_ids)
        self._far_demand = [d_ids[x] for x in far if x < nd]
        if far:
            far_c = [str(c_ids[x - nd]) for x in far if x >= nd and csrc is not None]
            feedback.pushWarning(self.tr("{} place(s) farther than MAX_SNAP_M from any road: unreachable. "
                                         "Demand: {}. Candidates: {}.").format(
                len(far), _few(self._far_demand) or "-", _few(far_c) or "-"))
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        kw = dict(problem=problem, cutoff_min=cutoff, capacities=capacities, required=required, method=method,
                  time_limit_s=self.parameterAsDouble(parameters, "TIME_LIMIT_S", context),
                  seed=self.parameterAsInt(parameters, "SEED", context))
        mon2 = self.monitor(feedback, 35, 85)
        terr_field = self.parameterAsString(parameters, "TERRITORY_FIELD", context)
        if terr_field:
            codes, labels = pipeline.label_codes(dgdf[terr_field].tolist(), field=terr_field)
            if (codes < 0).any():
                raise self._err(self.tr("TERRITORY_FIELD '{}': {} demand feature(s) have no territory: {}.").format(
                    terr_field, int((codes < 0).sum()), _few([d_ids[i] for i in np.flatnonzero(codes < 0)])))
            if csrc is None:
                c_codes = codes
            elif terr_field in cgdf.columns:
                lut = {lab: i for i, lab in enumerate(labels)}
                c_codes = np.array([lut.get(pipeline.label_text(v), -1) for v in cgdf[terr_field].tolist()])
            else:
                c_codes = self._territory_of_candidates(cgdf, dgdf, codes)
            # only the pairs inside each territory are needed
            costs = pipeline.grouped_costs(graph, d_nodes, c_nodes, codes, c_codes, monitor=mon.core())
            w_solve = self._unreachable_demand(feedback, costs, weights, d_ids, problem, cutoff, codes, c_codes)
            res = loc.solve_by_group(costs, w_solve, demand_groups=codes, candidate_groups=c_codes, p=p,
                                     monitor=mon2.core(), demand_names=[str(x) for x in d_ids], **kw)
            terr_of_cand = np.array([labels[c] if c >= 0 else None for c in c_codes], dtype=object)
        else:
            costs = pipeline.cost_matrix(
                graph, d_nodes, c_nodes, cutoff_min=cutoff if problem in ("mclp", "lscp") else None,
                monitor=mon.core())
            w_solve = self._unreachable_demand(feedback, costs, weights, d_ids, problem, cutoff)
            res = loc.solve_location(costs, w_solve, p=p, monitor=mon2.core(),
                                     demand_names=[str(x) for x in d_ids], **kw)
            terr_of_cand = np.array([None] * len(cgdf), dtype=object)
        from ..optima_plugin.i18n import tr_core
        for m in res.messages:
            feedback.pushInfo(tr_core(m))
        return self._write(parameters, context, feedback, res, demand, cand, d_ids, c_ids, weights, cutoff,
                           terr_of_cand, required, graph, d_nodes, c_nodes, road is not None)

    def _unreachable_demand(self, feedback, costs, weights, d_ids, problem, cutoff, d_groups=None, c_groups=None):
        """Weights for the solver: a demand that cannot reach any candidate (no path, too far from the
        roads, another territory) is flagged unreachable in the output instead of failing the run
        (weight 0 for the solver, which then leaves it unassigned). For the set covering, a demand
        with no candidate within the cutoff makes the problem infeasible: refused, naming it."""
        import numpy as np

        from ..optima_plugin.core.location import unreachable_demand
        bad = unreachable_demand(costs, weights, cutoff if problem == "lscp" else np.inf, d_groups, c_groups)
        if not bad.size:
            return weights
        names = ", ".join(str(d_ids[k]) for k in bad[:10]) + (" …" if bad.size > 10 else "")
        if problem == "lscp":
            raise self._err(self.tr("CUTOFF_MIN {:g} min: {} demand feature(s) have no candidate site within the "
                                    "cutoff (no full coverage is possible): {}.").format(cutoff, bad.size, names))
        if problem == "mclp":
            return weights  # the coverage problem counts them as not covered
        feedback.pushWarning(self.tr("{} demand feature(s) cannot reach any candidate site (no path on the network, "
                                     "too far from the roads, or no candidate in their territory): {}. They are "
                                     "flagged unreachable and left out of the objective.").format(bad.size, names))
        w = np.array(weights, dtype=float)
        w[bad] = 0.0
        if not (w > 0).any():
            far = getattr(self, "_far_demand", [])
            if far and len(far) >= bad.size:
                raise self._err(self.tr("No demand feature can reach a candidate site: every place with a weight is "
                                        "farther than MAX_SNAP_M from any road ({}). Check that the roads cover the "
                                        "demand layer (same area, same CRS) or raise MAX_SNAP_M.").format(names))
            raise self._err(self.tr("No demand feature can reach a candidate site (no path on the network, too far "
                                    "from the roads, or no candidate in their territory): {}.").format(names))
        return w

    def _territory_of_candidates(self, cgdf, dgdf, codes):
        import numpy as np

        from ..optima_plugin.core.network import locate_points_in_polygons
        idx, _ = locate_points_in_polygons(cgdf.geometry.to_numpy(), dgdf.geometry.to_numpy())
        return np.where(idx >= 0, codes[np.maximum(idx, 0)], -1)

    def _err(self, msg):
        from qgis.core import QgsProcessingException
        return QgsProcessingException(msg)

    def _write(self, parameters, context, feedback, res, demand, cand, d_ids, c_ids, weights, cutoff,
               terr_of_cand, required, graph, d_nodes, c_nodes, along_network):
        import numpy as np
        import pandas as pd
        import shapely

        from ..optima_plugin.core.network import representative_points

        a = np.asarray(res.assignment)
        t = np.asarray(res.cost_to_site, dtype=float)
        ok = a >= 0
        alloc = pd.DataFrame({
            "site_id": [c_ids[j] if j >= 0 else None for j in a],
            "time_min": np.where(ok & np.isfinite(t), t, np.nan),
            "within_cutoff": [None if cutoff is None or not o else int(tt <= cutoff + 1e-9) for o, tt in zip(ok, t)],
            "unreachable": (~ok).astype(int),
        })
        if (~ok).any():
            feedback.pushWarning(self.tr("{} demand feature(s) cannot reach any open site: flagged unreachable "
                                         "(kept in the output).").format(int((~ok).sum())))
        dfields = output_fields(demand.fields, alloc, ALLOC_COLUMNS, log=feedback.pushInfo)
        sink, dest_a = self.parameterAsSink(parameters, "OUTPUT_ALLOCATION", context, dfields,
                                            demand.wkb_type, demand.crs)
        write_features(sink, dfields, alloc, ALLOC_COLUMNS, raw_attrs=demand.raw_attrs,
                       geometries=demand.qgis_geoms, feedback=feedback, progress_range=(85, 90))

        sites = np.asarray(res.open_sites)
        rows = []
        for j in sites:
            m = ok & (a == j)
            tt, ww = t[m], weights[m]
            fin = np.isfinite(tt)
            rows.append({"site_id": c_ids[j], "territory": terr_of_cand[j],
                         "required": int(bool(required[j])) if required is not None else 0,
                         "served_pop": float(ww.sum()), "n_served": int(m.sum()),
                         "time_mean": float((tt[fin] * ww[fin]).sum() / ww[fin].sum()) if ww[fin].sum() > 0 else
                         (float(tt[fin].mean()) if fin.any() else None),
                         "time_max": float(tt[fin].max()) if fin.any() else None})
        stab = pd.DataFrame(rows, columns=SITE_COLUMNS)
        sfields = output_fields(cand.fields, stab, SITE_COLUMNS, types={"territory": FieldType.String,
                                                                         "site_id": FieldType.String}, log=feedback.pushInfo)
        pts = shapely.points(representative_points(cand.gdf.geometry.to_numpy()))  # the places timed
        ssink, dest_s = self.parameterAsSink(parameters, "OUTPUT_SITES", context, sfields, WkbType.Point, demand.crs)
        write_features(ssink, sfields, stab, SITE_COLUMNS, raw_attrs=[cand.raw_attrs[j] for j in sites],
                       geometries=[pts[j] for j in sites], feedback=feedback, progress_range=(90, 94))
        results = {"OUTPUT_SITES": dest_s, "OUTPUT_ALLOCATION": dest_a, "OBJECTIVE": float(res.objective),
                   "GAP_PCT": None if not np.isfinite(res.gap) else 100.0 * float(res.gap),
                   "COVERAGE_PCT": None if res.coverage_pct is None else float(res.coverage_pct),
                   "N_OPEN": int(res.n_open), "MEAN_TIME_MIN": float(res.mean_time) if np.isfinite(res.mean_time)
                   else None, "MAX_TIME_MIN": float(res.max_time) if np.isfinite(res.max_time) else None,
                   "STATUS": res.status}
        # allocation lines: along the network path when there is one and few demands
        lfields = output_fields(None, None, LINE_COLUMNS, types={
            "demand_id": FieldType.String, "site_id": FieldType.String, "time_min": FieldType.Double,
            "weight": FieldType.Double})
        lsink, dest_l = self.parameterAsSink(parameters, "OUTPUT_LINES", context, lfields, WkbType.LineString,
                                             demand.crs)
        if lsink is not None:
            dpts = shapely.points(representative_points(demand.gdf.geometry.to_numpy()))
            geoms, rows = [], []
            use_path = along_network and graph.xy is not None
            paths = {}
            if use_path:
                # one search per open site on the reversed graph: paths demand -> site
                from ..optima_plugin.core.graph import CostGraph
                from ..optima_plugin.core.network import path_line, shortest_path_nodes
                rev = CostGraph(graph.time.T.tocsr())
                for j in sites:
                    members = np.flatnonzero(ok & (a == j))
                    if members.size:
                        found = shortest_path_nodes(rev, int(c_nodes[j]), [int(d_nodes[i]) for i in members])
                        for i, path in zip(members, found):
                            paths[i] = path[::-1]
            for i in np.flatnonzero(ok):
                j = a[i]
                path = paths.get(i, [])
                if len(path) >= 2:
                    line = path_line(graph, path, start_xy=(dpts[i].x, dpts[i].y), end_xy=(pts[j].x, pts[j].y))
                else:
                    line = shapely.LineString([(dpts[i].x, dpts[i].y), (pts[j].x, pts[j].y)])
                geoms.append(line)
                rows.append({"demand_id": d_ids[i], "site_id": c_ids[j], "time_min": float(t[i]),
                             "weight": float(weights[i])})
            ltab = pd.DataFrame(rows, columns=LINE_COLUMNS)
            write_features(lsink, lfields, ltab, LINE_COLUMNS, geometries=geoms, feedback=feedback,
                           progress_range=(94, 99))
            results["OUTPUT_LINES"] = dest_l
        from ..optima_plugin.i18n import fmt_num
        feedback.pushInfo(self.tr("{} site(s) open; status {}; objective {}; weighted mean time {} min.").format(
            res.n_open, res.status, fmt_num(res.objective, 2), fmt_num(res.mean_time, 1)))
        del sink, ssink, lsink  # flush the files before their default style is saved into them
        from ..optima_plugin import styling
        styling.style_output(context, dest_s, "sites")
        styling.style_output(context, dest_a, "time")
        if dest_l:
            styling.style_output(context, dest_l, "lines")
        return results

"""optima:compare_scenarios — run several territorial organisations and compare cost and access.

For each scenario (cartesian product of the lists) the algorithm runs, as child algorithms,
optima:cluster_territories -> optima:locate_service_sites (one office per territory) ->
optima:territory_indicators, with the same parameters and seed a user would give them one by
one, so every row can be reproduced by hand. The arithmetic (costs, Pareto front, change
detection, chart) lives in ``optima_plugin/core/scenarios.py``.
"""
import os

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
)

from ..optima_plugin.qgis_io import output_fields, write_features
from .base import OptimaAlgorithm
from .inputs import add_commune_inputs, read_communes
from .network_params import NETWORK_PARAMS, add_network_parameters
from ..optima_plugin.compat import FieldType, NumberType, ParamFlag, SourceType, WkbType

PROBLEMS = ["p_median", "p_center"]          # index = PROBLEM index of optima:locate_service_sites
LOCATE_METHODS = ["auto", "exact", "heuristic"]
PARETO_ON = ["time_mean", "pct_pop_within"]
MATCHING = ["one_to_one", "majority"]
EXISTING_KEYS = ("existing", "today", "actuel", "existant")
CHANGE_COLUMNS = ["territory_a", "territory_b", "changed"]


class CompareScenarios(OptimaAlgorithm):
    NAME = "compare_scenarios"
    GROUP = "scenarios"

    def display_name(self):
        return self.tr("Compare territorial scenarios (cost, access, changes)")

    def help(self):
        return self.tr(
            "Runs several territorial organisations and puts them side by side: for each scenario, "
            "optima:cluster_territories (N territories), then optima:locate_service_sites (one office per "
            "territory, DEMAND = the clustered communes, TERRITORY_FIELD = territory), then "
            "optima:territory_indicators (access, equity). They run as child algorithms with the same "
            "parameters and SEED, so each row is what you get by running the three algorithms one by one.\n\n"
            "Scenarios = every combination of N_TERRITORIES_LIST (e.g. 4,6,8,10 or 4-10:2), "
            "BALANCE_TOLERANCES (% of the mean population, e.g. 5,10), KEEP_WHOLE_OPTIONS (keep the groups "
            "of KEEP_WHOLE_FIELD, e.g. the EPCI, whole, leave them free, or both; default automatic: both "
            "when KEEP_WHOLE_FIELD is given, else free) "
            "and PROBLEMS (where to put the office: p-median = shortest average trip, default; p-center = "
            "shortest worst trip).\n"
            "THRESHOLD_MIN: the access promise (minutes) for pct_pop_within.\n\n"
            "Cost model (per year, EUR): cost_total = cost_fixed + cost_travel.\n"
            "- cost_fixed = n_offices x FIXED_COST_PER_OFFICE. Default 150,000 EUR: an order of magnitude "
            "for a small territorial office (rent and charges of ~100 m2, running costs, two reception "
            "agents). Replace it with your own figure.\n"
            "- cost_travel = COST_PER_MINUTE_INHABITANT x sum over communes of population x one-way time "
            "(minutes) to the office. Default 0.20 EUR = 0.5 trip per inhabitant per year x 2 (round trip) "
            "x 12 EUR/h value of time (0.20 EUR/min). Unreachable communes are left out and counted in "
            "n_unreachable.\n"
            "PARETO_AXES: pareto = 1 when no other scenario is at least as good on both cost_total "
            "(lower is better) and the second axis (time_mean, lower is better, default; or "
            "pct_pop_within, higher is better) and strictly better on one.\n\n"
            "EXISTING_FIELD (optional): today's territory of each commune. n_changed / pop_changed count "
            "the communes (inhabitants) that change territory, after matching the territories by their "
            "largest overlap (CHANGE_MATCHING: one-to-one, default; or majority: each current territory "
            "goes to the new territory holding most of its communes, so a pure merge changes nobody). "
            "STABILITY (advanced, > 0 with EXISTING_FIELD): passed to the clustering, which then keeps "
            "communes in place when it costs little.\n"
            "CHANGE_A / CHANGE_B: two scenario labels (or row numbers, or 'existing') for the change map; "
            "default the first scenario against EXISTING_FIELD, else the first against the second.\n"
            "METHOD (advanced): location method; default heuristic, which is exact with one office per "
            "territory (the greedy step tries every candidate).\n"
            "NETWORK, SPEED_FIELD, DEFAULT_SPEED_KMH, ONEWAY_FIELD, SNAP_TOLERANCE_M, MAX_SNAP_M, DETOUR_FACTOR "
            "and SEED: passed unchanged to the three algorithms (no NETWORK: proxy network between "
            "neighbouring communes).\n\n"
            "Outputs: OUTPUT table, one row per scenario: scenario, n_territories, balance_tol, keep_whole, "
            "problem, n_offices, objective (location objective), time_mean, time_p90, time_max (minutes, "
            "population-weighted), pct_pop_within, max_dev_pct (largest population deviation from the mean "
            "territory, %), gini_time, inhab_min (sum of population x time), n_unreachable, cost_fixed, "
            "cost_travel, cost_total, pareto, n_changed, pop_changed, status (ok or the error of a failed "
            "scenario). OUTPUT_CHART: PNG trade-off chart (x = total cost, y = mean time or % within the "
            "threshold, one point per scenario labelled N=..., Pareto front joined, lowest total cost "
            "ringed). OUTPUT_LAYERS_FOLDER (optional): one GeoPackage per scenario with the layers "
            "communes, territories and sites. OUTPUT_CHANGES: communes with territory_a, territory_b, "
            "changed (1/0).")

    def initAlgorithm(self, config=None):
        from ..optima_plugin.core import scenarios as sc

        add_commune_inputs(self)
        self.addParameter(QgsProcessingParameterField(
            "KEEP_WHOLE_FIELD", self.tr("Groups that may be kept whole (e.g. epci_siren)"),
            parentLayerParameterName=self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "N_TERRITORIES_LIST", self.tr("Numbers of territories (list, e.g. 4,6,8,10 or 4-10:2)"),
            defaultValue="4,6,8,10"))
        self.addParameter(QgsProcessingParameterString(
            "BALANCE_TOLERANCES", self.tr("Balance tolerances (% of the mean population, list)"),
            defaultValue="10"))
        self.addParameter(QgsProcessingParameterEnum(
            "KEEP_WHOLE_OPTIONS", self.tr("Keep-whole options"),
            [self.tr("Automatic: both when a keep-whole field is given, else free"),
             self.tr("Keep the groups whole"), self.tr("Free (groups may be split)")], allowMultiple=True,
            defaultValue=[0]))
        self.addParameter(QgsProcessingParameterEnum(
            "PROBLEMS", self.tr("Office location problem(s)"),
            [self.tr("p-median (shortest average trip)"), self.tr("p-center (shortest worst trip)")],
            allowMultiple=True, defaultValue=[0]))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_MIN", self.tr("Access threshold (minutes)"), NumberType.Double, 20.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "FIXED_COST_PER_OFFICE", self.tr("Fixed cost per office (EUR per year)"),
            NumberType.Double, sc.DEFAULT_FIXED_COST_PER_OFFICE, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "COST_PER_MINUTE_INHABITANT",
            self.tr("Travel cost (EUR per inhabitant and minute of one-way time, per year)"),
            NumberType.Double, sc.DEFAULT_COST_PER_MINUTE_INHABITANT, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            "PARETO_AXES", self.tr("Pareto front and chart axes"),
            [self.tr("Total cost and mean time"), self.tr("Total cost and % of the population within the "
                                                          "threshold")], defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            "EXISTING_FIELD", self.tr("Existing territory field (today's organisation)"),
            parentLayerParameterName=self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "CHANGE_A", self.tr("Change map: scenario A (label, row number or 'existing'; default the first)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "CHANGE_B", self.tr("Change map: scenario B (default: existing, else the second scenario)"),
            optional=True))
        adv = []
        adv.append(QgsProcessingParameterEnum(
            "CHANGE_MATCHING", self.tr("Matching of territories for the changes"),
            [self.tr("One-to-one (largest total overlap)"), self.tr("Majority (merges change nobody)")],
            defaultValue=0))
        adv.append(QgsProcessingParameterNumber(
            "STABILITY", self.tr("Stability weight passed to the clustering (needs EXISTING_FIELD)"),
            NumberType.Double, 0.0, minValue=0.0))
        adv.append(QgsProcessingParameterEnum(
            "METHOD", self.tr("Location method"), [self.tr("Automatic by size"), self.tr("Exact (HiGHS MILP)"),
                                                   self.tr("Heuristic (exact for one office per territory)")],
            defaultValue=2))
        for p in adv:
            p.setFlags(p.flags() | ParamFlag.Advanced)
            self.addParameter(p)
        add_network_parameters(self)
        self.add_seed_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Scenario table"), SourceType.Vector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_CHART", self.tr("Trade-off chart (PNG)"), self.tr("PNG files (*.png)"), optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_CHANGES", self.tr("Change map (communes)"), SourceType.VectorPolygon, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_LAYERS_FOLDER", self.tr("Folder for the layers of every scenario"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("N_SCENARIOS", self.tr("Number of scenarios")))
        self.addOutput(QgsProcessingOutputString("LOWEST_COST_SCENARIO", self.tr("Scenario of lowest total cost")))

    # ------------------------------------------------------------------ run
    def execute_optima(self, parameters, context, feedback):
        from ..optima_plugin.core import scenarios as sc
        from ..optima_plugin.core.errors import Canceled, InputError

        ps = lambda name: self.parameterAsString(parameters, name, context) or None  # noqa: E731
        id_field, pop_field = ps(self.ID_FIELD), ps(self.POPULATION_FIELD)
        kw_field, ex_field = ps("KEEP_WHOLE_FIELD"), ps("EXISTING_FIELD")
        n_list = sc.parse_number_list(ps("N_TERRITORIES_LIST"), "N_TERRITORIES_LIST", integer=True, minimum=1)
        tol_list = sc.parse_number_list(ps("BALANCE_TOLERANCES") or "10", "BALANCE_TOLERANCES", minimum=0)
        if any(t > 100 for t in tol_list):
            raise InputError(self.tr("BALANCE_TOLERANCES: values are percentages between 0 and 100."))
        kw_idx = set(self.parameterAsEnums(parameters, "KEEP_WHOLE_OPTIONS", context)) or {0}
        if 1 in kw_idx and not kw_field:
            raise InputError(self.tr("KEEP_WHOLE_OPTIONS asks to keep groups whole: give KEEP_WHOLE_FIELD "
                                     "(e.g. epci_siren)."))
        kw_list = [v for v in (True, False) if (v and (1 in kw_idx or (0 in kw_idx and kw_field)))
                   or (not v and (2 in kw_idx or 0 in kw_idx))]
        pb_idx = sorted(set(self.parameterAsEnums(parameters, "PROBLEMS", context))) or [0]
        problems = [PROBLEMS[i] for i in pb_idx]
        threshold = self.parameterAsDouble(parameters, "THRESHOLD_MIN", context)
        cost_model = sc.CostModel(self.parameterAsDouble(parameters, "FIXED_COST_PER_OFFICE", context),
                                  self.parameterAsDouble(parameters, "COST_PER_MINUTE_INHABITANT", context))
        pareto_on = PARETO_ON[self.parameterAsEnum(parameters, "PARETO_AXES", context)]
        matching = MATCHING[self.parameterAsEnum(parameters, "CHANGE_MATCHING", context)]
        stability = self.parameterAsDouble(parameters, "STABILITY", context)
        method = self.parameterAsEnum(parameters, "METHOD", context)
        seed = self.parameterAsInt(parameters, "SEED", context)
        folder = self.parameterAsString(parameters, "OUTPUT_LAYERS_FOLDER", context) or None

        # the communes once: identifiers, population, today's territories, the change map
        communes = read_communes(self, parameters, context, feedback)
        data, gdf, ids, pop = communes.data, communes.gdf, communes.ids, communes.population
        existing = gdf[ex_field].tolist() if ex_field else None
        if existing is not None and all(v is None or str(v).strip() in ("", "NULL", "nan") for v in existing):
            raise InputError(self.tr("EXISTING_FIELD '{}': no commune has a territory.").format(ex_field))
        n_max = len(ids)
        too_many = [k for k in n_list if k > n_max]
        if too_many:
            raise InputError(self.tr("N_TERRITORIES_LIST: {} territories asked but the layer has only {} "
                                     "communes.").format(max(too_many), n_max))

        grid = sc.scenario_grid(n_list, tol_list, kw_list, problems)
        feedback.pushInfo(self.tr("{} scenario(s): {}.").format(len(grid), ", ".join(r["scenario"] for r in grid)))
        if folder:
            os.makedirs(folder, exist_ok=True)

        net = {}
        for name in NETWORK_PARAMS:
            if name == "NETWORK":
                net[name] = parameters.get(name)  # a layer: passed through to the children unchanged
            elif name in ("SPEED_FIELD", "ONEWAY_FIELD"):
                net[name] = ps(name)
            else:
                net[name] = self.parameterAsDouble(parameters, name, context)
        net = {k: v for k, v in net.items() if v is not None}

        from ..optima_plugin.feedback import ChildStepsFeedback  # no raw "Results: {...}" of the children
        steps = ChildStepsFeedback(3 * len(grid) + 1, feedback)
        rows, territories = [], {}
        for s, row in enumerate(grid):
            label = row["scenario"]
            feedback.pushInfo(self.tr("— Scenario {}/{}: {}").format(s + 1, len(grid), label))
            try:
                out = self._run_scenario(row, parameters, context, steps, 3 * s, net, id_field, pop_field,
                                         kw_field, ex_field, stability, method, seed, threshold, folder)
            except QgsProcessingException as e:
                if feedback.isCanceled():
                    raise Canceled()
                feedback.pushWarning(self.tr("Scenario {} failed: {}").format(label, e))
                rows.append(dict(row, status=self.tr("failed: {}").format(str(e).splitlines()[0] if str(e) else e)))
                continue
            terr = self._align(out.pop("_communes"), ids, id_field)
            territories[label] = terr
            rec = dict(row, **out)
            if existing is not None:
                rec["n_changed"], rec["pop_changed"] = sc.change_summary(existing, terr, pop, mode=matching)
            rows.append(rec)
        if not territories:
            raise QgsProcessingException(self.tr("Every scenario failed; first error: {}").format(rows[0]["status"]))
        steps.setCurrentStep(3 * len(grid))

        table = sc.scenario_table(rows, cost_model, pareto_on)
        self._log_table(feedback, table)
        results = {"N_SCENARIOS": len(table)}
        ok = table["cost_total"].notna()
        results["LOWEST_COST_SCENARIO"] = (str(table.loc[table.loc[ok, "cost_total"].idxmin(), "scenario"])
                                           if ok.any() else None)

        types = {c: FieldType.Int for c in ("n_territories", "keep_whole", "n_offices", "n_unreachable", "pareto",
                                           "n_changed")}
        types.update({c: FieldType.String for c in ("scenario", "problem", "status")})
        types.update({c: FieldType.Double for c in sc.TABLE_COLUMNS if c not in types})
        fields = QgsFields()  # full precision for the figures (no fixed number of decimals)
        for c in sc.TABLE_COLUMNS:
            fields.append(QgsField(c, types[c]))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, WkbType.NoGeometry, data.crs)
        write_features(sink, fields, table, sc.TABLE_COLUMNS, feedback=None)
        del sink
        results["OUTPUT"] = dest
        from ..optima_plugin import styling
        styling.style_output(context, dest, "table", feedback=feedback)  # French field aliases

        chart = self.parameterAsFileOutput(parameters, "OUTPUT_CHART", context)
        if chart:
            from ..optima_plugin.i18n import language
            y = pareto_on
            ylabel = (self.tr("Mean one-way time to the office (min, population-weighted)") if y == "time_mean"
                      else self.tr("Population within {:g} min of its office (%)").format(threshold))
            if sc.tradeoff_chart(table, chart, y=y, xlabel=self.tr("Total cost (kEUR per year): offices + travel "
                                                                    "time"),
                                 ylabel=ylabel, title=self.tr("Scenarios: cost against access"),
                                 front_label=self.tr("Pareto front"), other_label=self.tr("Dominated"),
                                 lowest_label=self.tr("Lowest total cost"),
                                 words={"whole": self.tr("whole EPCI"), "free": self.tr("free"),
                                        "p_median": self.tr("p-median"), "p_center": self.tr("p-center")},
                                 decimal="," if language() == "fr" else "."):
                results["OUTPUT_CHART"] = chart

        changes = self._change_pair(parameters, context, feedback, table, territories, existing)
        if changes is not None:
            la, lb, ta, tb = changes
            ch, _ = sc.changed_communes(tb, ta, mode=matching)  # B is the reference (before)
            import pandas as pd
            ctab = pd.DataFrame({"territory_a": pd.Series([None if v is None else str(v) for v in sc.label_keys(ta)],
                                                          dtype=object),
                                 "territory_b": pd.Series([None if v is None else str(v) for v in sc.label_keys(tb)],
                                                          dtype=object),
                                 "changed": pd.Series([None if c < 0 else int(c) for c in ch], dtype=object)})
            cfields = output_fields(data.fields, ctab, CHANGE_COLUMNS, types={
                "territory_a": FieldType.String, "territory_b": FieldType.String, "changed": FieldType.Int}, log=feedback.pushInfo)
            csink, cdest = self.parameterAsSink(parameters, "OUTPUT_CHANGES", context, cfields,
                                                WkbType.MultiPolygon, data.crs)
            if csink is not None:
                write_features(csink, cfields, ctab, CHANGE_COLUMNS, raw_attrs=data.raw_attrs,
                               geometries=data.qgis_geoms, multi=True, feedback=None)
                del csink
                results["OUTPUT_CHANGES"] = cdest
                from ..optima_plugin import styling
                styling.style_output(context, cdest, "changes", feedback=feedback)
                from ..optima_plugin.i18n import fmt_num
                feedback.pushInfo(self.tr("Change map: {} against {}: {} commune(s) change territory ({} "
                                          "inhabitants).").format(la, lb, int((ch == 1).sum()),
                                                                  fmt_num(float(pop[ch == 1].sum()))))
        if folder:
            results["OUTPUT_LAYERS_FOLDER"] = folder
        feedback.setProgress(100)
        return results

    # ------------------------------------------------------------------ one scenario
    def _run_scenario(self, row, parameters, context, steps, step0, net, id_field, pop_field, kw_field,
                      ex_field, stability, method, seed, threshold, folder):
        """cluster -> locate -> indicators as child algorithms; the figures of the row."""
        import numpy as np
        import processing

        from ..optima_plugin.core import scenarios as sc
        from ..optima_plugin.core.errors import Canceled
        from ..optima_plugin.core.indicators import weighted_quantile

        temp = "TEMPORARY_OUTPUT"
        dest = {}
        if folder:
            gpkg = os.path.join(folder, row["scenario"] + ".gpkg")
            if os.path.exists(gpkg):
                os.remove(gpkg)
            for t in ("communes", "territories", "sites"):
                dest[t] = "ogr:dbname='{}' table=\"{}\" (geom)".format(gpkg.replace("'", "''"), t)

        def child(alg, params, k):
            if steps.isCanceled():
                raise Canceled()
            steps.setCurrentStep(step0 + k)
            return processing.run(alg, params, context=context, feedback=steps, is_child_algorithm=True)

        p1 = dict(net, N_TERRITORIES=row["n_territories"], BALANCE_TOLERANCE=row["balance_tol"], SEED=seed,
                  OUTPUT_COMMUNES=temp, OUTPUT_TERRITORIES=temp)
        p1.update({self.INPUT: parameters.get(self.INPUT), self.ID_FIELD: id_field, self.POPULATION_FIELD: pop_field})
        if row["keep_whole"]:
            p1["KEEP_WHOLE_FIELD"] = kw_field
        if ex_field and stability > 0:
            p1["EXISTING_FIELD"], p1["STABILITY"] = ex_field, stability
        r1 = child("optima:cluster_territories", p1, 0)

        p2 = dict(net, DEMAND=r1["OUTPUT_COMMUNES"], DEMAND_ID_FIELD=id_field, WEIGHT_FIELD=pop_field,
                  TERRITORY_FIELD="territory", N_SITES=1, PROBLEM=PROBLEMS.index(row["problem"]), METHOD=method,
                  SEED=seed, OUTPUT_SITES=dest.get("sites", temp), OUTPUT_ALLOCATION=temp, OUTPUT_LINES=None)
        r2 = child("optima:locate_service_sites", p2, 1)

        p3 = dict(net, COMMUNES=r2["OUTPUT_ALLOCATION"], TERRITORY_FIELD="territory", POPULATION_FIELD=pop_field,
                  SITES=r2["OUTPUT_SITES"], SITE_ID_FIELD="site_id", THRESHOLD_MIN=threshold,
                  OUTPUT_COMMUNES=dest.get("communes", temp), OUTPUT_TERRITORIES=dest.get("territories", temp),
                  OUTPUT_SITES=None)
        r3 = child("optima:territory_indicators", p3, 2)

        lyr = QgsProcessingUtils.mapLayerFromString(r3["OUTPUT_COMMUNES"], context)
        if lyr is None:
            raise QgsProcessingException(self.tr("Could not read the communes written by territory_indicators."))
        names = lyr.fields().names()
        want = [id_field, "territory", "time_min", pop_field] if id_field else ["territory", "time_min", pop_field]
        idx = [names.index(w) for w in want]
        vals = [[f.attributes()[i] for i in idx] for f in lyr.getFeatures()]
        if id_field:
            cids, terr, tmin, cpop = zip(*vals) if vals else ([], [], [], [])
        else:
            terr, tmin, cpop = zip(*vals) if vals else ([], [], [])
            cids = None
        tmin = np.array([np.nan if v is None else float(v) for v in tmin], dtype=float)
        cpop = np.array([0.0 if v is None else float(v) for v in cpop], dtype=float)
        im, n_unr = sc.inhabitant_minutes(cpop, tmin)
        fin = np.isfinite(tmin)
        p90 = float(weighted_quantile(tmin[fin], cpop[fin], 0.9)) if fin.any() else None
        del lyr
        store = context.temporaryLayerStore()
        for key, r in (("OUTPUT_COMMUNES", r1), ("OUTPUT_TERRITORIES", r1), ("OUTPUT_ALLOCATION", r2),
                       ("OUTPUT_SITES", r2), ("OUTPUT_COMMUNES", r3), ("OUTPUT_TERRITORIES", r3)):
            v = r.get(key)
            if isinstance(v, str) and store.mapLayer(v) is not None:
                store.removeMapLayer(v)

        def num(v):
            return None if v is None else float(v)

        return {"n_offices": int(r2["N_OPEN"]), "objective": num(r2["OBJECTIVE"]),
                "time_mean": num(r3["MEAN_TIME"]), "time_p90": p90, "time_max": num(r3["MAX_TIME"]),
                "pct_pop_within": num(r3["COVERAGE_PCT"]), "max_dev_pct": num(r1["MAX_DEVIATION_PCT"]),
                "gini_time": num(r3["GINI_TIME"]), "inhab_min": im, "n_unreachable": n_unr,
                "_communes": (cids, list(terr))}

    def _align(self, communes, ids, id_field):
        """Territory of each input commune, in the input order."""
        cids, terr = communes
        if len(terr) != len(ids):
            raise QgsProcessingException(self.tr("A child algorithm returned {} communes instead of {}.").format(
                len(terr), len(ids)))
        if cids is None:
            return terr
        from ..optima_plugin.core.pipeline import unique_ids
        pos = {c: k for k, c in enumerate(unique_ids(cids, id_field))}
        return [terr[pos[c]] for c in ids]

    def _change_pair(self, parameters, context, feedback, table, territories, existing):
        """(label A, label B, territories A, territories B) for the change map, or None."""
        from ..optima_plugin.core import scenarios as sc

        def resolve(key):
            if key.strip().lower() in EXISTING_KEYS:
                if existing is None:
                    raise QgsProcessingException(self.tr("'{}' needs EXISTING_FIELD.").format(key))
                return self.tr("existing"), existing
            lab = str(table["scenario"].iloc[sc.find_scenario(table, key)])
            if lab not in territories:
                raise QgsProcessingException(self.tr("Scenario {} failed: no change map for it.").format(lab))
            return lab, territories[lab]

        a_key = self.parameterAsString(parameters, "CHANGE_A", context) or ""
        b_key = self.parameterAsString(parameters, "CHANGE_B", context) or ""
        ok_labels = [s for s in table["scenario"] if s in territories]
        if not a_key.strip():
            a_key = ok_labels[0]
        if not b_key.strip():
            if existing is not None:
                b_key = "existing"
            else:
                others = [s for s in ok_labels if s.lower() != resolve(a_key)[0].lower()]
                if not others:
                    feedback.pushWarning(self.tr("Change map skipped: one scenario and no EXISTING_FIELD to compare "
                                                 "it with."))
                    return None
                b_key = others[0]
        la, ta = resolve(a_key)
        lb, tb = resolve(b_key)
        return la, lb, ta, tb

    def _log_table(self, feedback, table):
        feedback.pushInfo(self.tr("scenario | offices | mean min | p90 | max | % within | max dev % | total kEUR | "
                                  "pareto | changed"))
        from ..optima_plugin.i18n import french_numbers  # 2,17 and 1 234 in a French log
        for _, r in table.iterrows():
            def f(v, fmt):
                return "-" if v is None or v != v else french_numbers(fmt.format(v))
            feedback.pushInfo("{} | {} | {} | {} | {} | {} | {} | {} | {} | {}".format(
                r["scenario"], f(r["n_offices"], "{:.0f}"), f(r["time_mean"], "{:.2f}"), f(r["time_p90"], "{:.1f}"),
                f(r["time_max"], "{:.1f}"), f(r["pct_pop_within"], "{:.1f}"), f(r["max_dev_pct"], "{:.1f}"),
                f(r["cost_total"] / 1000.0, "{:,.0f}"), int(r["pareto"]), f(r["n_changed"], "{:.0f}")))

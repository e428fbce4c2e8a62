"""Scenario comparison: cost model, Pareto marking, scenario table, change detection, chart.

Pure Python (no QGIS). The algorithm ``optima:compare_scenarios`` runs the clustering,
location and indicator algorithms once per scenario and hands the figures to this module.

Cost model (per year, in euros)
-------------------------------
``cost_total = cost_fixed + cost_travel`` with

- ``cost_fixed = n_offices x FIXED_COST_PER_OFFICE`` -- what the organisation pays for its
  offices. Default 150,000 EUR per office and year, an order of magnitude for a small
  territorial office: rent and charges of ~100 m2 (~15-20 kEUR), running costs (energy, IT,
  cleaning, vehicle: ~20-30 kEUR) and a minimal reception staff of two full-time agents
  (~50 kEUR loaded cost each). Replace it with the local figure.
- ``cost_travel = COST_PER_MINUTE_INHABITANT x sum_i pop_i x t_i`` -- what the inhabitants pay
  in time to reach their office: ``t_i`` is the one-way travel time (minutes) from commune
  ``i`` to the office of its territory, ``pop_i`` its population. The default
  0.20 EUR per inhabitant-minute and year is
  ``trips per inhabitant per year (0.5) x 2 (round trip) x value of time (12 EUR/h = 0.20 EUR/min)``:
  one visit every two years per inhabitant on average, at the value of time the French
  public-investment appraisal guidance (Quinet report, 2013) gives for local trips, rounded.
  Communes that cannot reach an office are left out of the travel cost and counted apart.

Pareto marking
--------------
A scenario is on the Pareto front (``pareto = 1``) when no other scenario is at least as
good on both axes and strictly better on one. Axes: ``cost_total`` (lower is better) and
either ``time_mean`` (population-weighted mean one-way time, lower is better; the default)
or ``pct_pop_within`` (share of the population within the access threshold, higher is
better). Identical scenarios do not dominate each other: both stay on the front. A
scenario with a missing value (a failed run) is never on the front and dominates nobody.

Change detection
----------------
Territory numbers are arbitrary (territory 3 of one scenario has nothing to do with
territory 3 of another), so territories are first matched by their overlap (number of
communes in common, or any weight), then a commune "changes" when its pair
(reference territory, new territory) is not a matched pair:

- ``"one_to_one"`` (default): each reference territory is matched to at most one new
  territory and vice versa, maximising the total overlap (assignment problem, solved
  exactly). When the numbers of territories differ, the communes of the unmatched
  territories change.
- ``"majority"``: each reference territory is matched to the new territory that received
  most of its communes; several reference territories may go to the same new one, so a
  pure merge of territories changes no commune, while a split changes the minority parts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from .errors import InputError

# ------------------------------------------------------------------------------ cost model
#: trips to the territorial office per inhabitant and year (one visit every two years)
DEFAULT_TRIPS_PER_INHABITANT_YEAR = 0.5
#: value of time for local trips (EUR per hour), French appraisal guidance order of magnitude
DEFAULT_VALUE_OF_TIME_EUR_PER_HOUR = 12.0
#: EUR per office and year: rent + running costs + minimal reception staff (order of magnitude)
DEFAULT_FIXED_COST_PER_OFFICE = 150_000.0


def cost_per_minute_inhabitant(trips_per_year: float = DEFAULT_TRIPS_PER_INHABITANT_YEAR,
                               value_of_time_per_hour: float = DEFAULT_VALUE_OF_TIME_EUR_PER_HOUR,
                               round_trip: bool = True) -> float:
    """EUR per inhabitant and per minute of ONE-WAY travel time, per year.

    ``trips_per_year x (2 if round_trip) x value_of_time_per_hour / 60``; with the defaults
    0.5 x 2 x 12 / 60 = 0.20 EUR.
    """
    if trips_per_year < 0 or value_of_time_per_hour < 0:
        raise InputError("Trips per year and value of time must be >= 0.")
    return float(trips_per_year) * (2.0 if round_trip else 1.0) * float(value_of_time_per_hour) / 60.0


DEFAULT_COST_PER_MINUTE_INHABITANT = round(cost_per_minute_inhabitant(), 6)  # 0.2


@dataclass(frozen=True)
class CostModel:
    """Yearly cost of an organisation: offices + the inhabitants' travel time."""

    fixed_cost_per_office: float = DEFAULT_FIXED_COST_PER_OFFICE
    cost_per_minute_inhabitant: float = DEFAULT_COST_PER_MINUTE_INHABITANT

    def __post_init__(self):
        for name in ("fixed_cost_per_office", "cost_per_minute_inhabitant"):
            v = getattr(self, name)
            if v is None or not math.isfinite(float(v)) or float(v) < 0:
                raise InputError(f"Cost model: {name} must be a number >= 0 (got {v}).")

    def fixed(self, n_offices) -> float:
        return float(n_offices) * float(self.fixed_cost_per_office)

    def travel(self, inhabitant_minutes) -> float:
        return float(inhabitant_minutes) * float(self.cost_per_minute_inhabitant)

    def costs(self, n_offices, inhabitant_minutes) -> Dict[str, float]:
        """``{"cost_fixed", "cost_travel", "cost_total"}`` (NaN in, NaN out)."""
        f = self.fixed(n_offices) if n_offices is not None else float("nan")
        t = self.travel(inhabitant_minutes) if inhabitant_minutes is not None else float("nan")
        return {"cost_fixed": f, "cost_travel": t, "cost_total": f + t}


def inhabitant_minutes(population, time_min):
    """``(sum of pop x time over reachable communes, number of unreachable communes)``.

    A commune is unreachable when its time is NaN or infinite; it adds nothing to the sum.
    """
    p = np.asarray(population, dtype=float)
    t = np.asarray(time_min, dtype=float)
    if p.shape != t.shape:
        raise InputError("population and time_min differ in length.")
    ok = np.isfinite(t)
    return float((p[ok] * t[ok]).sum()), int((~ok).sum())


# ------------------------------------------------------------------------------ Pareto
PARETO_AXES = {
    "time_mean": ("cost_total", "min", "time_mean", "min"),
    "pct_pop_within": ("cost_total", "min", "pct_pop_within", "max"),
}


def pareto_mask(objectives, senses: Sequence[str]) -> np.ndarray:
    """Non-dominated rows of ``objectives`` (n x m); ``senses[k]`` is "min" or "max".

    Row i is dominated when some row j is at least as good on every objective and strictly
    better on one. Rows with a NaN are never on the front and never dominate. Equal rows
    stay on the front together.
    """
    X = np.asarray(objectives, dtype=float)
    if X.ndim != 2:
        raise InputError("objectives must be a 2-D array (scenarios x objectives).")
    if len(senses) != X.shape[1]:
        raise InputError("one sense ('min' or 'max') per objective.")
    sign = np.array([1.0 if s == "min" else -1.0 if s == "max" else np.nan for s in senses])
    if np.isnan(sign).any():
        raise InputError("senses must be 'min' or 'max'.")
    Y = X * sign  # all minimised
    valid = np.isfinite(Y).all(axis=1)
    out = valid.copy()
    idx = np.flatnonzero(valid)
    for i in idx:
        others = Y[idx]
        le = (others <= Y[i]).all(axis=1)
        lt = (others < Y[i]).any(axis=1)
        if (le & lt).any():
            out[i] = False
    return out


# ------------------------------------------------------------------------------ scenarios
def parse_number_list(text, what: str, integer: bool = False, minimum: Optional[float] = None,
                      maximum: Optional[float] = None, max_count: int = 1000) -> List:
    """``"4, 6;8 10"`` -> [4, 6, 8, 10]; ranges ``"4-10:2"`` (start-end:step) allowed for integers.

    Order kept, duplicates removed. Raises InputError naming ``what`` on anything else; bounds
    (``minimum``, ``maximum``, at most ``max_count`` values) are checked before a range is
    expanded, so a typo like ``4-300000`` is refused at once.
    """
    if text is None or not str(text).strip():
        raise InputError(f"{what}: give at least one value (e.g. 4,6,8).")
    out, seen = [], set()
    for tok in re.split(r"[,;\s]+", str(text).strip()):
        if not tok:
            continue
        m = re.fullmatch(r"(\d+)-(\d+)(?::(\d+))?", tok) if integer else None
        if m:
            a, b, step = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
            if b < a or step < 1:
                raise InputError(f"{what}: '{tok}' is not a valid range (start-end:step).")
            if minimum is not None and a < minimum:
                raise InputError(f"{what}: {a:g} is below the minimum {minimum:g}.")
            if maximum is not None and b > maximum:
                raise InputError(f"{what}: '{tok}' goes up to {b}, above the maximum {maximum:g}.")
            count = (b - a) // step + 1
            if count + len(out) > max_count:
                raise InputError(f"{what}: '{tok}' gives {count} values; at most {max_count} are allowed "
                                 f"(a typo? e.g. 4-30 or 4-300:10).")
            vals = range(a, b + 1, step)
        else:
            try:
                v = float(tok.replace("%", ""))
            except ValueError:
                raise InputError(f"{what}: '{tok}' is not a number.") from None
            if not math.isfinite(v):
                raise InputError(f"{what}: '{tok}' is not a finite number.")
            if integer:
                if not float(v).is_integer():
                    raise InputError(f"{what}: '{tok}' is not a whole number.")
                v = int(v)
            vals = [v]
        for v in vals:
            if minimum is not None and v < minimum:
                raise InputError(f"{what}: {v:g} is below the minimum {minimum:g}.")
            if maximum is not None and v > maximum:
                raise InputError(f"{what}: {v:g} is above the maximum {maximum:g}.")
            if v not in seen:
                seen.add(v)
                out.append(v)
                if len(out) > max_count:
                    raise InputError(f"{what}: more than {max_count} values.")
    if not out:
        raise InputError(f"{what}: give at least one value (e.g. 4,6,8).")
    return out


PROBLEM_SHORT = {"p_median": "pmedian", "p_center": "pcenter"}


def scenario_label(n: int, tol: float, keep_whole: bool, problem: str) -> str:
    """Stable label, e.g. ``N6-tol10-free-pmedian`` / ``N6-tol10-whole-pcenter``."""
    return "N{}-tol{:g}-{}-{}".format(int(n), float(tol), "whole" if keep_whole else "free",
                                      PROBLEM_SHORT.get(problem, problem))


def scenario_grid(n_list: Iterable[int], tol_list: Iterable[float], keep_whole_list: Iterable[bool],
                  problems: Iterable[str]) -> List[dict]:
    """The cartesian product of the lists: problem outermost, then keep-whole, tolerance, and
    N innermost, so the scenarios of one family are contiguous and ordered as given."""
    rows = []
    for prob in problems:
        for kw in keep_whole_list:
            for tol in tol_list:
                for n in n_list:
                    rows.append({"scenario": scenario_label(n, tol, kw, prob), "n_territories": int(n),
                                 "balance_tol": float(tol), "keep_whole": int(bool(kw)), "problem": prob})
    return rows


TABLE_COLUMNS = ["scenario", "n_territories", "balance_tol", "keep_whole", "problem", "n_offices",
                 "objective", "time_mean", "time_p90", "time_max", "pct_pop_within", "max_dev_pct", "gini_time",
                 "inhab_min", "n_unreachable", "cost_fixed", "cost_travel", "cost_total", "pareto",
                 "n_changed", "pop_changed", "status"]


def scenario_table(rows: Sequence[dict], cost_model: CostModel, pareto_on: str = "time_mean"):
    """DataFrame of :data:`TABLE_COLUMNS`: costs from ``n_offices`` and ``inhab_min``, and
    ``pareto`` on (cost_total, ``pareto_on``). Missing keys become NaN / None."""
    import pandas as pd

    if pareto_on not in PARETO_AXES:
        raise InputError(f"Pareto axis must be one of {', '.join(PARETO_AXES)}.")
    recs = []
    for r in rows:
        rec = {c: r.get(c) for c in TABLE_COLUMNS}
        n_off, im = r.get("n_offices"), r.get("inhab_min")
        ok = n_off is not None and im is not None and np.isfinite(float(im))
        rec.update(cost_model.costs(n_off, im) if ok else
                   {"cost_fixed": float("nan"), "cost_travel": float("nan"), "cost_total": float("nan")})
        rec["status"] = r.get("status") or "ok"
        recs.append(rec)
    df = pd.DataFrame(recs, columns=TABLE_COLUMNS)
    num = [c for c in TABLE_COLUMNS if c not in ("scenario", "problem", "status")]
    for c in num:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    a1, s1, a2, s2 = PARETO_AXES[pareto_on]
    df["pareto"] = pareto_mask(df[[a1, a2]].to_numpy(dtype=float), [s1, s2]).astype(int) if len(df) else []
    return df


def find_scenario(table, key) -> int:
    """Row index of a scenario given by its label (case-insensitive) or its 1-based row number."""
    labels = [str(s).lower() for s in table["scenario"]]
    k = str(key).strip()
    if k.lower() in labels:
        return labels.index(k.lower())
    if k.isdigit() and 1 <= int(k) <= len(labels):
        return int(k) - 1
    raise InputError(f"Scenario '{k}' is not in the table. Scenarios: {', '.join(table['scenario'])} "
                     f"(or a row number 1..{len(labels)}).")


# ------------------------------------------------------------------------------ changes
def label_keys(labels):
    """Territory labels as comparable text (1.0 -> "1"); None for a missing label."""
    from .values import label_key
    return [label_key(v) for v in labels]


def overlap_matrix(ref, new, weights=None):
    """``(M, ref_labels, new_labels)``: M[a, b] = weight of communes in reference territory a
    and new territory b. Communes without a label on either side are left out."""
    r, n = label_keys(ref), label_keys(new)
    if len(r) != len(n):
        raise InputError("The two organisations do not cover the same communes.")
    w = np.ones(len(r)) if weights is None else np.asarray(weights, dtype=float)
    ra = sorted({x for x in r if x is not None})
    na = sorted({x for x in n if x is not None})
    ri = {x: i for i, x in enumerate(ra)}
    ni = {x: i for i, x in enumerate(na)}
    M = np.zeros((len(ra), len(na)))
    for a, b, ww in zip(r, n, w):
        if a is not None and b is not None:
            M[ri[a], ni[b]] += ww
    return M, ra, na


def match_territories(ref, new, weights=None, mode: str = "one_to_one") -> Dict[str, str]:
    """Matched pairs ``{reference territory: new territory}`` (labels as strings).

    ``one_to_one``: maximum total overlap with each territory used at most once (a
    reference territory with no overlap stays unmatched). ``majority``: each reference
    territory goes to the new territory holding most of it (ties: the smallest label).
    """
    M, ra, na = overlap_matrix(ref, new, weights)
    out = {}
    if M.size == 0:
        return out
    if mode == "majority":
        for a in range(len(ra)):
            if M[a].max() > 0:
                out[ra[a]] = na[int(np.argmax(M[a]))]
        return out
    if mode != "one_to_one":
        raise InputError(f"Unknown matching mode '{mode}' (one_to_one or majority).")
    from scipy.optimize import linear_sum_assignment
    rows, cols = linear_sum_assignment(M, maximize=True)
    for a, b in zip(rows, cols):
        if M[a, b] > 0:
            out[ra[a]] = na[b]
    return out


def changed_communes(ref, new, weights=None, mode: str = "one_to_one", match_weights=None):
    """Per commune: 1 if it changes territory between ``ref`` and ``new`` after matching, 0 if
    not, -1 when it has no territory on one side (not comparable).

    ``match_weights`` (default: one per commune) weigh the overlap used for the matching.
    Returns ``(changed array, matching dict)``.
    """
    pairs = match_territories(ref, new, match_weights, mode)
    r, n = label_keys(ref), label_keys(new)
    out = np.array([-1 if a is None or b is None else int(pairs.get(a) != b) for a, b in zip(r, n)],
                   dtype=np.int64)
    return out, pairs


def change_summary(ref, new, population=None, mode: str = "one_to_one"):
    """``(n_changed, pop_changed)`` between two organisations (see :func:`changed_communes`)."""
    ch, _ = changed_communes(ref, new, mode=mode)
    pop = np.zeros(len(ch)) if population is None else np.asarray(population, dtype=float)
    m = ch == 1
    return int(m.sum()), float(pop[m].sum())


# ------------------------------------------------------------------------------ chart
#: words of the chart's point labels; the QGIS algorithm passes them translated
LABEL_WORDS = {"whole": "whole", "free": "free", "p_median": "p-med", "p_center": "p-ctr"}


def short_labels(table, words: Optional[dict] = None, decimal: str = ".") -> List[str]:
    """Point labels: ``N=6`` plus only the dimensions that vary between scenarios (``words``:
    translations of :data:`LABEL_WORDS`; ``decimal``: the decimal separator)."""
    w = dict(LABEL_WORDS, **(words or {}))
    vary = {c: table[c].nunique() > 1 for c in ("balance_tol", "keep_whole", "problem")}
    out = []
    for _, r in table.iterrows():
        s = "N={}".format(int(r["n_territories"]))
        if vary["balance_tol"]:
            s += " ±{:g}%".format(float(r["balance_tol"])).replace(".", decimal)
        if vary["keep_whole"]:
            s += " " + (w["whole"] if int(r["keep_whole"]) else w["free"])
        if vary["problem"]:
            s += " " + w.get(r["problem"], str(r["problem"]))
        out.append(s)
    return out


def tradeoff_chart(table, path: str, y: str = "time_mean", title: str = "", xlabel: str = "",
                   ylabel: str = "", front_label: str = "Pareto front", other_label: str = "Dominated",
                   lowest_label: str = "Lowest total cost", dpi: int = 120, words: Optional[dict] = None,
                   decimal: str = ".") -> Optional[str]:
    """Trade-off chart as a PNG: x = total cost (kEUR / year), y = ``y`` column, one point per
    scenario labelled ``N=...``; the Pareto front (column ``pareto``) joined and highlighted,
    the lowest total cost ringed. Matplotlib object API only (Figure + Agg canvas): safe in
    QGIS threads. Returns ``path``, or None when no scenario has numbers to draw."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    x = table["cost_total"].to_numpy(dtype=float) / 1000.0
    yy = table[y].to_numpy(dtype=float)
    ok = np.isfinite(x) & np.isfinite(yy)
    if not ok.any():
        return None
    par = (table["pareto"].to_numpy() == 1) & ok
    labels = short_labels(table, words, decimal)
    fig = Figure(figsize=(8, 5.5), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(111)
    dom = ok & ~par
    ax.scatter(x[dom], yy[dom], s=45, facecolors="white", edgecolors="#777777", linewidths=1.2,
               label=other_label, zorder=2)
    if par.any():
        order = np.flatnonzero(par)[np.argsort(x[par], kind="stable")]
        ax.plot(x[order], yy[order], color="#0072B2", linewidth=1.5, linestyle="--", zorder=1)
        ax.scatter(x[par], yy[par], s=70, color="#0072B2", edgecolors="black", linewidths=0.6,
                   label=front_label, zorder=3)
    best = int(np.nanargmin(np.where(ok, x, np.nan)))
    ax.scatter([x[best]], [yy[best]], s=260, facecolors="none", edgecolors="#D55E00", linewidths=2.0,
               label=lowest_label, zorder=4)
    for i, off in zip(np.flatnonzero(ok), _label_offsets(x[ok], yy[ok])):
        ax.annotate(labels[i], (x[i], yy[i]), textcoords="offset points", xytext=off, fontsize=8,
                    color="#0072B2" if par[i] else "#444444", ha="left" if off[0] > 0 else "right")
    ax.set_xlabel(xlabel or "Total cost (kEUR / year)")
    ax.set_ylabel(ylabel or y)
    if title:
        ax.set_title(title)
    ax.grid(True, color="#DDDDDD", linewidth=0.6)
    ax.xaxis.set_major_formatter(_thousands())
    if decimal != ".":
        from matplotlib.ticker import FuncFormatter
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: "{:g}".format(v).replace(".", decimal)))
    ax.legend(loc="best", fontsize=8, frameon=False)
    # margins so that labels stay inside
    ax.margins(x=0.12, y=0.12)
    fig.tight_layout()
    fig.savefig(path, format="png")
    return path


def _label_offsets(x, y, near: float = 0.08):
    """Label offsets (points) that keep labels of close points apart: a point with a close
    neighbour on its right is labelled on its left; close labels on the same side alternate
    above / below."""
    span_x = float(np.ptp(x)) or 1.0
    span_y = float(np.ptp(y)) or 1.0
    u, v = (x - x.min()) / span_x, (y - y.min()) / span_y
    out = []
    for i in range(len(x)):
        close = [j for j in range(len(x)) if j != i and abs(u[i] - u[j]) < near and abs(v[i] - v[j]) < near]
        dx = -6 if any(u[j] > u[i] for j in close) else 6
        taken = {out[j] for j in close if j < i}
        out.append(next((c for c in ((dx, 5), (dx, -12), (-dx, 5), (-dx, -12)) if c not in taken), (dx, 5)))
    return out


def _thousands():
    from matplotlib.ticker import FuncFormatter
    return FuncFormatter(lambda v, _pos: "{:,.0f}".format(v).replace(",", "\u202f"))

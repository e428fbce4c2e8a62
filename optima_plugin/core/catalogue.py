"""Organisation tools: which services to territorialise, what residents expect, which premises.

Three pure-pandas tools that complete the spatial analysis (territories, sites):

- :func:`score_services` — multi-criteria scoring of a catalogue of services: does each
  service argue for territorialisation (proximity) or for pooling (centralisation)?
  :func:`score_chart` draws the result.
- :func:`territory_expectations` — aggregates a residents' survey per territory
  (mean satisfaction with a t confidence interval, shares of priorities, small samples
  flagged, territories without any answer still listed).
- :func:`premises_requirements` — sizes the premises hosting each territorial team
  (staff, workstations, office / reception / meeting / technical floor area, parking),
  every ratio being a parameter with a documented default; :func:`premises_breakdown`
  gives the per-service detail.
- :func:`read_table` — reads the officer's CSV (``;`` or ``,``, UTF-8 with or without
  BOM, Windows-1252/latin-1 fallback, decimal comma) or XLSX (if openpyxl is present).

Errors are :class:`~.errors.InputError` naming the column and the row. Rows are named by
their *line number* in the file, the header being line 1 (as in a spreadsheet), plus the
service name or commune code. Defaults and their reasoning: ``docs/organisation_tools.md``.

Nothing here imports qgis; matplotlib is imported lazily by :func:`score_chart`.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np
import pandas as pd

from .catalogue_defaults import (AGAINST_CRITERIA, CRITERIA, DEFAULT_RATIOS, DEFAULT_THRESHOLDS,  # noqa: F401
                                 DEFAULT_WEIGHTS, FOR_CRITERIA)
from .errors import InputError, plain

# ---------------------------------------------------------------------------------------
# Criteria, weights, thresholds
# ---------------------------------------------------------------------------------------

TERRITORIALISE, MIXED, CENTRALISE = "territorialise", "mixed", "centralise"
RECOMMENDATIONS = (TERRITORIALISE, MIXED, CENTRALISE)

LABELS_FR = {TERRITORIALISE: "Territorialiser", MIXED: "Mixte", CENTRALISE: "Centraliser"}
LABELS_EN = {TERRITORIALISE: "Territorialise", MIXED: "Mixed", CENTRALISE: "Centralise"}
COLOURS = {TERRITORIALISE: "#1a9850", MIXED: "#f39c12", CENTRALISE: "#4575b4"}

_EPS = 1e-9
_MAX_LISTED = 10  # problems listed in one error message

# ---------------------------------------------------------------------------------------
# Small helpers: row names, columns, numbers
# ---------------------------------------------------------------------------------------


def _line_numbers(df: pd.DataFrame) -> list:
    """Line number of each row in its file (header = line 1).

    :func:`read_table` stores the true line of every row (blank lines, multi-line quoted
    cells) in ``df.attrs["lines"]`` keyed by index label; otherwise the spreadsheet
    convention applies: row at position i is on line i + 2.
    """
    lines = df.attrs.get("lines")
    if isinstance(lines, dict) and df.index.is_unique and all(k in lines for k in df.index):
        return [lines[k] for k in df.index]
    return [i + 2 for i in range(len(df))]


def _row_names(df: pd.DataFrame, name_col: Optional[str], kind: str) -> list[str]:
    lines = _line_numbers(df)
    if name_col is None or name_col not in df.columns:
        return [f"line {ln}" for ln in lines]
    out = []
    for ln, v in zip(lines, df[name_col].tolist()):
        out.append(f"line {ln} ({kind} '{_text(v)}')" if _text(v) else f"line {ln}")
    return out


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _fold(s: str) -> str:
    """Lower case, no accents, no surrounding blanks: for tolerant name matching."""
    s = unicodedata.normalize("NFKD", str(s).strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def _resolve_columns(df: pd.DataFrame, names: Sequence[str], what: str) -> dict:
    """Map each wanted column name to the table's column (case/accent-insensitive)."""
    folded = {}
    for c in df.columns:
        folded.setdefault(_fold(c), c)
    found, missing = {}, []
    for n in names:
        if n in df.columns:
            found[n] = n
        elif _fold(n) in folded:
            found[n] = folded[_fold(n)]
        else:
            missing.append(n)
    if missing:
        have = ", ".join(f"'{c}'" for c in df.columns) or "none"
        raise InputError(f"The {what} lacks the column(s) {', '.join(repr(plain(m)) for m in missing)} "
                         f"(columns found: {have}).")
    return found


def _join_problems(problems: list[str]) -> str:
    shown = problems[:_MAX_LISTED]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


_NUM_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def _parse_number(v):
    """float, NaN for empty, or raise ValueError. Accepts '4,5', '12 500' (one reader for the
    plugin: :func:`.values.parse_number`; '12,500' alone is ambiguous and refused)."""
    from .values import parse_number
    if isinstance(v, (bool, np.bool_)):
        raise ValueError(v)
    return parse_number(v)


def _numeric(df: pd.DataFrame, col: str, names: list[str], problems: list[str], *,
             lo: float = -math.inf, hi: float = math.inf, allow_empty: bool = False,
             hint: str = "") -> np.ndarray:
    """Coerce a column to floats, text read by its column (:mod:`.values`: "2,279" is decided by
    the other values); append a message per bad cell to ``problems``."""
    from .values import parse_number_column
    vals = df[col].tolist()
    parsed = parse_number_column(vals, col)
    out = np.full(len(vals), np.nan)
    bad = set(parsed.not_numbers) | {i for i, v in enumerate(vals) if isinstance(v, (bool, np.bool_))}
    amb = set(parsed.ambiguous)
    for i, v in enumerate(vals):
        if i in bad:
            problems.append(f"{names[i]}, column '{col}': '{v}' is not a number{hint}")
            continue
        if i in amb:
            problems.append(f"{names[i]}, column '{col}': '{v}' is ambiguous (thousands or decimal?): write it "
                            f"without a thousands separator{hint}")
            continue
        x = float(parsed.values[i])
        if math.isnan(x):
            if not allow_empty:
                problems.append(f"{names[i]}, column '{col}': empty value{hint}")
            continue
        if not math.isfinite(x) or x < lo - _EPS or x > hi + _EPS:
            problems.append(f"{names[i]}, column '{col}': {x:g} is outside [{lo:g}, {hi:g}]")
            continue
        out[i] = x
    return out


def _check_scale(scale) -> tuple[float, float]:
    try:
        lo, hi = (float(scale[0]), float(scale[1]))
    except (TypeError, ValueError, IndexError):
        raise InputError(f"scale must be a pair (min, max), got {plain(scale)!r}.") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise InputError(f"scale must satisfy min < max, got {plain(scale)!r}.")
    return lo, hi


def _as_frame(table, what: str) -> pd.DataFrame:
    if isinstance(table, (str, Path)):
        return read_table(table)
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"The {what} must be a table (pandas DataFrame) or a CSV/XLSX path.")
    return table


# ---------------------------------------------------------------------------------------
# 5. Reading tables
# ---------------------------------------------------------------------------------------

#: Columns kept as text by :func:`read_table` (codes: '01001' must not become 1001).
_TEXT_COLUMNS = {"insee", "code_insee", "codgeo", "depcom", "code_commune", "com", "id", "site_id",
                 "siren", "siret", "code_postal", "cp"}


def _is_text_column(name: str) -> bool:
    f = _fold(name)
    return f in _TEXT_COLUMNS or f.startswith(("code", "insee", "id_", "siren", "siret"))


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")  # never fails


def _sniff_separator(text: str) -> str:
    """The separator of the first non-blank line: ';', ',' or tab (most frequent outside quotes)."""
    for line in text.splitlines():
        if line.strip():
            unquoted = re.sub(r'"[^"]*"', "", line)
            counts = {sep: unquoted.count(sep) for sep in (";", ",", "\t")}
            best = max(counts.values())
            if best == 0:
                return ","
            for sep in (";", "\t", ","):  # ';' wins ties (French convention)
                if counts[sep] == best:
                    return sep
    return ","


def _convert_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Turn columns whose non-empty cells are all numbers into numbers (decimal comma ok; one
    reader for the plugin, :func:`.values.parse_number_column`)."""
    from .values import parse_number_column
    for c in df.columns:
        if _is_text_column(c):
            continue
        s = df[c]
        nonempty = [v for v in s.tolist() if isinstance(v, str) and v.strip() != ""]
        if not nonempty:
            continue
        parsed = parse_number_column(s.tolist(), str(c))
        if parsed.not_numbers or parsed.ambiguous:
            continue
        df[c] = pd.Series(parsed.values, index=s.index)
    return df


def read_table(path, sheet=0) -> pd.DataFrame:
    """Read a CSV or XLSX table as the officer wrote it.

    CSV: separator sniffed (``;``, ``,`` or tab), UTF-8 with or without BOM, falling back
    to Windows-1252 then latin-1; blank lines skipped; trailing empty separators tolerated;
    numbers with a decimal comma understood. Columns whose every non-empty cell is a number
    become numeric, except code-like columns (``insee``, ``code*``, ``site_id``...) kept as
    text. Empty cells are NaN. The line number of each row is kept in ``df.attrs["lines"]``
    so that later errors name the right line.

    XLSX needs the optional package openpyxl.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"File not found: {p}")
    suffix = p.suffix.lower()
    if suffix in (".xls",):
        raise InputError(f"{p.name}: old .xls files are not read; save the sheet as .xlsx or CSV (UTF-8).")
    if suffix in (".xlsx", ".xlsm"):
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise InputError(f"{p.name}: reading .xlsx needs the optional package openpyxl; "
                             "save the sheet as CSV (UTF-8, ';' separator) instead.") from None
        df = pd.read_excel(p, sheet_name=sheet, dtype=object)
        df.columns = [str(c).strip() for c in df.columns]
        df = df.dropna(how="all")
        df.attrs["lines"] = {k: int(k) + 2 for k in df.index}
        df.attrs["source"] = str(p)
        df = df.map(lambda v: v.strip() if isinstance(v, str) else v)
        return _convert_columns(df)

    text = _decode(p.read_bytes()).lstrip("\ufeff")
    sep = _sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header, rows, lines = None, [], []
    last_end = 0
    try:
        for rec in reader:
            start, last_end = last_end + 1, reader.line_num
            if not any(str(f).strip() for f in rec):
                continue
            if header is None:
                header = [str(h).replace("\ufeff", "").strip() for h in rec]
                while header and header[-1] == "":   # trailing separators
                    header.pop()
                continue
            rec = [f.strip() for f in rec]
            if len(rec) > len(header):
                if any(rec[len(header):]):
                    raise InputError(f"{p.name}, line {start}: {len(rec)} fields but the header has "
                                     f"{len(header)} (separator '{sep}'; check quotes around text "
                                     f"containing '{sep}').")
                rec = rec[:len(header)]
            rec = rec + [""] * (len(header) - len(rec))
            rows.append(rec)
            lines.append(start)
    except csv.Error as exc:
        raise InputError(f"{p.name}, near line {last_end + 1}: unreadable CSV ({exc}).") from None
    if header is None:
        raise InputError(f"{p.name}: the file is empty.")
    for j, h in enumerate(header):
        if h == "":
            header[j] = f"column_{j + 1}"
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError(f"{p.name}: duplicated column name(s) {', '.join(repr(plain(d)) for d in dupes)}.")
    df = pd.DataFrame(rows, columns=header, dtype=object)
    df = df.map(lambda v: np.nan if v == "" else v)
    df = _convert_columns(df)
    df.attrs["lines"] = {i: ln for i, ln in enumerate(lines)}
    df.attrs["source"] = str(p)
    df.attrs["separator"] = sep
    return df


# ---------------------------------------------------------------------------------------
# 1. Scoring services
# ---------------------------------------------------------------------------------------


def _merged_numbers(defaults: Mapping, given: Optional[Mapping], what: str, bounds: Mapping = None) -> dict:
    """``defaults`` updated with ``given``: unknown keys, non-numbers and values outside
    ``bounds[key]`` (default [0, inf)) are refused, naming the key (``what``: "weight", "ratio")."""
    out = dict(defaults)
    for k, v in (given or {}).items():
        if k not in defaults:
            raise InputError(f"Unknown {what} {plain(k)!r} (known: {', '.join(defaults)}).")
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise InputError(f"The {what} '{k}' must be a number, got {plain(v)!r}.") from None
        lo, hi = (bounds or {}).get(k, (0.0, math.inf))
        if not math.isfinite(x) or x < lo or x > hi:
            rng = f">= {lo:g}" if math.isinf(hi) else f"between {lo:g} and {hi:g}"
            raise InputError(f"The {what} '{k}' must be {rng}, got {plain(v)!r}.")
        out[k] = x
    return out


def _check_weights(weights: Optional[Mapping]) -> dict:
    w = _merged_numbers(DEFAULT_WEIGHTS, weights, "criterion weight")
    for side, crits in (("for territorialisation", FOR_CRITERIA), ("for pooling", AGAINST_CRITERIA)):
        if sum(w[c] for c in crits) <= 0:
            raise InputError(f"At least one criterion {side} ({', '.join(crits)}) needs a positive weight.")
    return w


def _check_thresholds(thresholds) -> tuple[float, float]:
    try:
        low, high = float(thresholds[0]), float(thresholds[1])
    except (TypeError, ValueError, IndexError):
        raise InputError(f"thresholds must be a pair (low, high), got {plain(thresholds)!r}.") from None
    if not (-100 <= low <= high <= 100):
        raise InputError(f"thresholds must satisfy -100 <= low <= high <= 100, got {plain(thresholds)!r}.")
    return low, high


def score_services(table: pd.DataFrame, weights: Optional[Mapping] = None, scale=(0, 5),
                   thresholds=DEFAULT_THRESHOLDS, service_field: str = "service",
                   n_deciding: int = 2) -> pd.DataFrame:
    """Score each service for territorialisation versus pooling.

    ``table`` has one row per service: ``service`` and the eight criteria of
    :data:`CRITERIA`, each scored on ``scale`` (default 0-5). Criteria with weight 0 may be
    absent. ``weights`` overrides some of :data:`DEFAULT_WEIGHTS` (missing keys keep their
    default).

    score = 100 * (weighted mean of the FOR criteria - weighted mean of the AGAINST
    criteria) / (max - min of the scale), in [-100, +100]: +100 = everything argues for
    proximity, -100 = everything argues for pooling, 0 = balanced.

    recommendation: ``territorialise`` if score >= high, ``centralise`` if score <= low,
    else ``mixed`` (``thresholds=(low, high)``, default (-20, 20)).

    Returns a copy of the table (all input columns kept, criteria as floats) plus
    ``mean_for``, ``mean_against`` (weighted means on the input scale), ``score``,
    ``recommendation`` and ``deciding``: the criteria that weighed most in the decision,
    e.g. "presence_terrain (+), frequence_contact (+)" — for a mixed service the strongest
    criterion on each side. Each criterion's contribution to the score is additive:
    ``± 100 * w_c * (x_c - min) / (sum of the side's weights * (max - min))``.
    """
    table = _as_frame(table, "service catalogue")
    if len(table) == 0:
        raise InputError("The service catalogue is empty.")
    w = _check_weights(weights)
    lo, hi = _check_scale(scale)
    low, high = _check_thresholds(thresholds)
    used = [c for c in CRITERIA if w[c] > 0]
    cols = _resolve_columns(table, [service_field] + used, "service catalogue")

    df = table.copy()
    df = df.rename(columns={v: k for k, v in cols.items() if k != v})
    names = _row_names(df, service_field, "service")
    problems: list[str] = []
    for i, v in enumerate(df[service_field].tolist()):
        if _text(v) == "":
            problems.append(f"{names[i]}: the service name is empty")
    seen: dict = {}
    for i, v in enumerate(df[service_field].tolist()):
        t = _text(v)
        if t and t in seen:
            problems.append(f"{names[i]}: service '{t}' already on {names[seen[t]].split(' (')[0]}")
        seen.setdefault(t, i)
    hint = f" (give a score between {lo:g} and {hi:g})"
    values = {}
    for c in used:
        values[c] = _numeric(df, c, names, problems, lo=lo, hi=hi, hint=hint)
    if problems:
        raise InputError("Service catalogue: " + _join_problems(problems) + ".")

    span = hi - lo
    w_for = sum(w[c] for c in FOR_CRITERIA)
    w_against = sum(w[c] for c in AGAINST_CRITERIA)
    contrib = {}
    n = len(df)
    for c in CRITERIA:
        if w[c] <= 0:
            contrib[c] = np.zeros(n)
            continue
        side_w, sign = (w_for, 1.0) if c in FOR_CRITERIA else (w_against, -1.0)
        contrib[c] = sign * 100.0 * w[c] * (values[c] - lo) / (side_w * span)
        df[c] = values[c]
    mean_for = lo + sum(contrib[c] for c in FOR_CRITERIA) * span / 100.0
    mean_against = lo - sum(contrib[c] for c in AGAINST_CRITERIA) * span / 100.0
    score = sum(contrib[c] for c in CRITERIA)

    rec = np.where(score >= high - _EPS, TERRITORIALISE,
                   np.where(score <= low + _EPS, CENTRALISE, MIXED))
    deciding = []
    k = max(1, int(n_deciding))
    for i in range(n):
        pos = sorted((c for c in FOR_CRITERIA if contrib[c][i] > _EPS),
                     key=lambda c: -contrib[c][i])
        neg = sorted((c for c in AGAINST_CRITERIA if contrib[c][i] < -_EPS),
                     key=lambda c: contrib[c][i])
        if rec[i] == TERRITORIALISE:
            picked = [f"{c} (+)" for c in pos[:k]]
        elif rec[i] == CENTRALISE:
            picked = [f"{c} (-)" for c in neg[:k]]
        else:
            picked = [f"{c} (+)" for c in pos[:1]] + [f"{c} (-)" for c in neg[:1]]
        deciding.append(", ".join(picked))

    df["mean_for"] = mean_for
    df["mean_against"] = mean_against
    df["score"] = score
    df["recommendation"] = rec.astype(object)
    df["deciding"] = deciding
    df.attrs.update({"weights": w, "scale": (lo, hi), "thresholds": (low, high)})
    return df


def score_chart(df: pd.DataFrame, path, thresholds=None, title: Optional[str] = None,
                lang: str = "fr", dpi: int = 150) -> str:
    """Horizontal bar chart of the scores, sorted, coloured by recommendation; writes a PNG.

    Uses matplotlib's object API with the Agg canvas (no pyplot, no global backend change:
    safe inside QGIS). Returns the path written.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    cols = _resolve_columns(df, ["service", "score", "recommendation"], "scored catalogue")
    d = df.rename(columns={v: k for k, v in cols.items()})
    d = d.sort_values("score", kind="stable")
    if thresholds is None:
        thresholds = df.attrs.get("thresholds", DEFAULT_THRESHOLDS)
    low, high = _check_thresholds(thresholds)
    labels = LABELS_FR if lang == "fr" else LABELS_EN
    n = len(d)
    fig = Figure(figsize=(9, 1.6 + 0.32 * max(n, 1)))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    y = np.arange(n)
    colours = [COLOURS.get(_normalise_recommendation(r), "#999999") for r in d["recommendation"]]
    ax.barh(y, d["score"].astype(float).to_numpy(), color=colours, height=0.7)
    ax.set_yticks(y)
    ax.set_yticklabels([_text(s) for s in d["service"]], fontsize=8)
    ax.set_xlim(-100, 100)
    ax.axvline(0, color="black", linewidth=0.8)
    for t in (low, high):
        ax.axvline(t, color="grey", linestyle="--", linewidth=0.8)
    if lang == "fr":
        ax.set_xlabel("Score (−100 : mutualiser / centraliser … +100 : territorialiser)")
        ax.set_title(title or "Services : territorialiser ou mutualiser ?")
    else:
        ax.set_xlabel("Score (−100: pool / centralise … +100: territorialise)")
        ax.set_title(title or "Services: territorialise or pool?")
    ax.legend(handles=[Patch(color=COLOURS[r], label=labels[r]) for r in RECOMMENDATIONS],
              loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(str(path), dpi=dpi)
    return str(path)


# ---------------------------------------------------------------------------------------
# 3. Residents' expectations per territory
# ---------------------------------------------------------------------------------------


def normalise_insee(v) -> str:
    """INSEE commune code as a 5-character string: 1001 -> '01001', '2a004' -> '2A004'."""
    s = _text(v).upper()
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    if s.isdigit() and len(s) < 5:
        s = s.zfill(5)
    return s


def _commune_mapping(commune_to_territory, commune_field: str):
    """-> (dict code -> territory, territories in order of first appearance)."""
    if isinstance(commune_to_territory, pd.Series):
        items = list(commune_to_territory.items())
    elif isinstance(commune_to_territory, pd.DataFrame):
        m = commune_to_territory
        code_col = next((c for c in (commune_field, "insee", "code_insee", "codgeo", "commune")
                         if c in m.columns), None)
        terr_col = next((c for c in ("territory", "territoire", "territory_id", "territoire_id")
                         if c in m.columns), None)
        if code_col is None or terr_col is None:
            if m.shape[1] == 2:
                code_col, terr_col = m.columns[0], m.columns[1]
            else:
                raise InputError("The commune -> territory table needs a commune code column "
                                 f"('{commune_field}' or 'insee') and a 'territory' column "
                                 f"(columns found: {', '.join(map(str, m.columns))}).")
        items = list(zip(m[code_col].tolist(), m[terr_col].tolist()))
    elif isinstance(commune_to_territory, Mapping):
        items = list(commune_to_territory.items())
    else:
        raise InputError("commune_to_territory must be a mapping {insee: territory} or a table.")
    mapping, order = {}, []
    for code, terr in items:
        c = normalise_insee(code)
        if c == "" or terr is None or (isinstance(terr, float) and math.isnan(terr)):
            continue
        if c in mapping and mapping[c] != terr:
            raise InputError(f"Commune {c} is assigned to two territories: '{mapping[c]}' and '{terr}'.")
        mapping[c] = terr
        if terr not in order:
            order.append(terr)
    if not mapping:
        raise InputError("The commune -> territory mapping is empty.")
    return mapping, order


def _normalise_recommendation(v) -> str:
    f = _fold(_text(v))
    if f.startswith("territoriali") or f in ("proximite", "local"):
        return TERRITORIALISE
    if f.startswith(("mix", "partiel")):
        return MIXED
    if f.startswith(("centrali", "mutualis", "pool")):
        return CENTRALISE
    return ""


def territory_expectations(responses: pd.DataFrame, commune_to_territory,
                           territory_population: Optional[Mapping] = None,
                           commune_field: str = "insee", satisfaction_field: Optional[str] = "satisfaction",
                           priority_field: Optional[str] = "priorite", scale=(1, 5),
                           min_responses: int = 30, confidence: float = 0.95,
                           unknown: str = "error",
                           log: Optional[Callable[[str], None]] = None) -> pd.DataFrame:
    """Aggregate a residents' survey per territory.

    ``responses``: one row per answer with the commune code (``commune_field``), a
    satisfaction score on ``scale`` (empty = not answered) and, optionally, a categorical
    priority (``priority_field``; skipped silently only when the default column
    'priorite' is absent; ``None`` skips it). ``commune_to_territory``: mapping or table
    insee -> territory. ``territory_population``: mapping territory -> population (or None).

    Returns one row per territory (every territory of the mapping and of the population
    mapping, in order of appearance, including those with no answer, n = 0):
    ``territory``, ``population``, ``n_responses``, ``responses_per_1000``,
    ``n_satisfaction`` (answers with a satisfaction score), ``satisfaction_mean``,
    ``satisfaction_sd`` (n-1), ``ci_low``, ``ci_high`` (Student t interval at ``confidence``:
    mean ± t_{(1+confidence)/2, n-1} · s/√n; NaN when n < 2), ``gap_to_mean`` (territory
    mean minus the mean of all answers pooled), ``n_priority`` and one ``share_<category>``
    column per priority category (shares of the territory's answered priorities, summing
    to 1; NaN when none), ``small_sample`` (n_responses < min_responses: flagged, never
    hidden).

    Unknown or empty commune codes raise an error naming the lines, or with
    ``unknown='skip'`` are dropped; their count is in ``attrs['n_skipped']`` (and logged).
    """
    from scipy import stats

    responses = _as_frame(responses, "survey")
    if unknown not in ("error", "skip"):
        raise InputError(f"unknown must be 'error' or 'skip', got {plain(unknown)!r}.")
    if not (0 < float(confidence) < 1):
        raise InputError(f"confidence must be between 0 and 1 (e.g. 0.95), got {plain(confidence)!r}.")
    lo, hi = _check_scale(scale)
    mapping, order = _commune_mapping(commune_to_territory, commune_field)

    pop_by_key: dict = {}
    if territory_population is not None:
        if isinstance(territory_population, pd.Series):
            territory_population = territory_population.to_dict()
        if not isinstance(territory_population, Mapping):
            raise InputError("territory_population must be a mapping {territory: population}.")
        for t, p in territory_population.items():
            try:
                x = _parse_number(p)
            except ValueError:
                raise InputError(f"Population of territory '{t}' is not a number: {plain(p)!r}.") from None
            if math.isnan(x) or x < 0:
                raise InputError(f"Population of territory '{t}' must be >= 0, got {plain(p)!r}.")
            pop_by_key[str(t)] = x
            if str(t) not in {str(o) for o in order}:
                order.append(t)
        missing = [str(t) for t in order if str(t) not in pop_by_key]
        if missing:
            raise InputError(f"No population given for territory(ies): {', '.join(missing)}.")

    wanted = [commune_field]
    if satisfaction_field is not None:
        wanted.append(satisfaction_field)
    use_priority = priority_field is not None
    if use_priority and _fold(priority_field) not in {_fold(c) for c in responses.columns}:
        if priority_field == "priorite":
            use_priority = False
    if use_priority:
        wanted.append(priority_field)
    cols = _resolve_columns(responses, wanted, "survey")
    df = responses.rename(columns={v: k for k, v in cols.items() if k != v})
    names = _row_names(df, commune_field, "commune")

    codes = [normalise_insee(v) for v in df[commune_field].tolist()]
    known = np.array([c in mapping for c in codes], dtype=bool)
    n_skipped = int((~known).sum())
    if n_skipped:
        bad = [f"{names[i]}" if codes[i] else f"{names[i]} (empty code)"
               for i in np.flatnonzero(~known)]
        if unknown == "error":
            raise InputError(f"Survey, column '{commune_field}': {n_skipped} answer(s) from communes "
                             f"outside the territories: {_join_problems(bad)}. Fix the codes, add "
                             "the communes to the mapping, or skip them (unknown='skip').")
        if log is not None:
            log(f"{n_skipped} answer(s) skipped: commune code unknown or empty ({_join_problems(bad)}).")

    keep = np.flatnonzero(known)
    sat = np.full(len(df), np.nan)
    if satisfaction_field is not None:   # only the answers kept are checked
        problems: list[str] = []
        sat[keep] = _numeric(df.iloc[keep], satisfaction_field, [names[i] for i in keep], problems,
                             lo=lo, hi=hi, allow_empty=True, hint=f" (expected {lo:g} to {hi:g})")
        if problems:
            raise InputError("Survey: " + _join_problems(problems) + ".")

    terr = [mapping.get(c) for c in codes]
    if use_priority:
        prio = [_text(v) for v in df[priority_field].tolist()]
    else:
        prio = [""] * len(df)
    sat_k = sat[keep]
    overall = float(np.nanmean(sat_k)) if np.isfinite(sat_k).any() else math.nan
    categories = sorted({prio[i] for i in keep if prio[i]}, key=lambda s: (_fold(s), s))

    q = 0.5 + float(confidence) / 2.0
    rows = []
    by_terr: dict = {}
    for i in keep:
        by_terr.setdefault(str(terr[i]), []).append(i)
    for t in order:
        idx = by_terr.get(str(t), [])
        n = len(idx)
        s = sat[idx] if n else np.array([])
        s = s[np.isfinite(s)]
        ns = len(s)
        mean = float(s.mean()) if ns else math.nan
        sd = float(s.std(ddof=1)) if ns >= 2 else math.nan
        if ns >= 2:
            half = float(stats.t.ppf(q, ns - 1)) * sd / math.sqrt(ns)
            ci = (mean - half, mean + half)
        else:
            ci = (math.nan, math.nan)
        pop = pop_by_key.get(str(t), math.nan)
        row = {
            "territory": t,
            "population": pop,
            "n_responses": n,
            "responses_per_1000": (1000.0 * n / pop) if pop and pop > 0 else math.nan,
            "n_satisfaction": ns,
            "satisfaction_mean": mean,
            "satisfaction_sd": sd,
            "ci_low": ci[0],
            "ci_high": ci[1],
            "gap_to_mean": mean - overall,
        }
        if use_priority:
            answered = [prio[i] for i in idx if prio[i]]
            row["n_priority"] = len(answered)
            for cat in categories:
                row[f"share_{cat}"] = (answered.count(cat) / len(answered)) if answered else math.nan
        row["small_sample"] = bool(n < int(min_responses))
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs.update({"overall_mean": overall, "n_skipped": n_skipped if unknown == "skip" else 0,
                      "confidence": float(confidence), "min_responses": int(min_responses),
                      "priority_categories": categories})
    return out


# ---------------------------------------------------------------------------------------
# 4. Premises
# ---------------------------------------------------------------------------------------

_RATIO_BOUNDS = {"mixed_share": (0.0, 1.0), "circulation_share": (0.0, 5.0)}
_RATIO_POSITIVE = ("opening_days_per_year", "opening_hours_per_day", "workstations_per_meeting_room")


def _check_ratios(ratios: Optional[Mapping]) -> dict:
    r = _merged_numbers(DEFAULT_RATIOS, ratios, "ratio", _RATIO_BOUNDS)
    for k in _RATIO_POSITIVE:
        if r[k] <= 0:
            raise InputError(f"Ratio '{k}' must be > 0.")
    return r


def _ceil(x: float) -> int:
    return int(math.ceil(x - 1e-9)) if x > 0 else 0


def _prepare_premises(sites, catalogue, ratios, site_field, territory_field, population_field,
                      recommendation_field):
    r = _check_ratios(ratios)
    sites = _as_frame(sites, "site table")
    catalogue = _as_frame(catalogue, "service catalogue")
    if len(sites) == 0:
        raise InputError("The site table is empty.")
    if len(catalogue) == 0:
        raise InputError("The service catalogue is empty.")

    scol = _resolve_columns(sites, [site_field, population_field], "site table")
    s = sites.rename(columns={v: k for k, v in scol.items() if k != v})
    has_terr = territory_field is not None and _fold(territory_field) in {_fold(c) for c in s.columns}
    if has_terr:
        tcol = _resolve_columns(s, [territory_field], "site table")
        s = s.rename(columns={v: k for k, v in tcol.items() if k != v})
    snames = _row_names(s, site_field, "site")
    problems: list[str] = []
    ids = [_text(v) for v in s[site_field].tolist()]
    seen: dict = {}
    for i, t in enumerate(ids):
        if t == "":
            problems.append(f"{snames[i]}: empty '{site_field}'")
        elif t in seen:
            problems.append(f"{snames[i]}: site '{t}' listed twice")
        seen.setdefault(t, i)
    pops = _numeric(s, population_field, snames, problems, lo=0.0)
    if problems:
        raise InputError("Site table: " + _join_problems(problems) + ".")

    ccol = _resolve_columns(catalogue, ["service", "effectif_pour_1000_hab", "part_terrain",
                                        recommendation_field], "service catalogue")
    c = catalogue.rename(columns={v: k for k, v in ccol.items() if k != v})
    cnames = _row_names(c, "service", "service")
    recs = []
    for i, v in enumerate(c[recommendation_field].tolist()):
        rr = _normalise_recommendation(v)
        if not rr:
            problems.append(f"{cnames[i]}, column '{recommendation_field}': '{_text(v)}' is not one of "
                            f"{', '.join(RECOMMENDATIONS)} (run score_services first)")
        recs.append(rr)
    counted = [rr in (TERRITORIALISE, MIXED) for rr in recs]
    ratio = _numeric(c, "effectif_pour_1000_hab", cnames, problems, lo=0.0, allow_empty=True)
    field_share = _part_terrain(c, cnames, problems)
    for i, used in enumerate(counted):
        if used and math.isnan(ratio[i]):
            problems.append(f"{cnames[i]}, column 'effectif_pour_1000_hab': empty value for a "
                            f"'{recs[i]}' service")
        if used and math.isnan(field_share[i]):
            problems.append(f"{cnames[i]}, column 'part_terrain': empty value for a '{recs[i]}' service")
    if problems:
        raise InputError("Service catalogue: " + _join_problems(problems) + ".")
    share = np.array([1.0 if rr == TERRITORIALISE else r["mixed_share"] if rr == MIXED else 0.0
                      for rr in recs])
    return r, s, has_terr, pops, c, recs, np.nan_to_num(ratio), np.nan_to_num(field_share), share


def _part_terrain(c: pd.DataFrame, names: list[str], problems: list[str]) -> np.ndarray:
    """part_terrain as a share in [0, 1]; '60 %' is read as 0.6."""
    out = np.full(len(c), np.nan)
    for i, v in enumerate(c["part_terrain"].tolist()):
        pct = isinstance(v, str) and v.strip().endswith("%")
        try:
            x = _parse_number(v.strip().rstrip("%") if pct else v)
        except ValueError:
            problems.append(f"{names[i]}, column 'part_terrain': '{v}' is not a number")
            continue
        if pct:
            x /= 100.0
        if math.isnan(x):
            continue
        if x < 0 or x > 1 + _EPS:
            problems.append(f"{names[i]}, column 'part_terrain': {x:g} is outside [0, 1] "
                            "(give a share, e.g. 0.6 or '60 %')")
            continue
        out[i] = x
    return out


def premises_breakdown(sites: pd.DataFrame, catalogue: pd.DataFrame, ratios: Optional[Mapping] = None,
                       site_field: str = "site_id", territory_field: Optional[str] = "territory",
                       population_field: str = "population",
                       recommendation_field: str = "recommendation") -> pd.DataFrame:
    """Per site and per service staff: one row per (site, service counted).

    Columns: ``site_id`` (``site_field``), ``territory`` (if present), ``service``,
    ``recommendation``, ``share_in_territory`` (1, ``mixed_share`` or 0), ``staff`` =
    effectif_pour_1000_hab × population/1000 × share (FTE), ``staff_field`` = staff ×
    part_terrain, ``staff_office``, ``workstations`` (unrounded) and ``vehicles``
    (unrounded). Centralised services are omitted (zero).
    """
    r, s, has_terr, pops, c, recs, ratio, field_share, share = _prepare_premises(
        sites, catalogue, ratios, site_field, territory_field, population_field, recommendation_field)
    return _breakdown(r, s, has_terr, pops, c, recs, ratio, field_share, share, site_field, territory_field)


def _breakdown(r, s, has_terr, pops, c, recs, ratio, field_share, share, site_field, territory_field):
    rows = []
    services = [_text(v) for v in c["service"].tolist()]
    for i in range(len(s)):
        for j in range(len(c)):
            if share[j] <= 0:
                continue
            staff = ratio[j] * pops[i] / 1000.0 * share[j]
            field = staff * field_share[j]
            office = staff - field
            row = {site_field: s[site_field].iloc[i]}
            if has_terr:
                row[territory_field] = s[territory_field].iloc[i]
            row.update({
                "service": services[j],
                "recommendation": recs[j],
                "share_in_territory": share[j],
                "staff": staff,
                "staff_field": field,
                "staff_office": office,
                "workstations": office * r["desks_per_office_agent"] + field * r["desks_per_field_agent"],
                "vehicles": field * r["vehicles_per_field_agent"] + office * r["vehicles_per_office_agent"],
            })
            rows.append(row)
    cols = [site_field] + ([territory_field] if has_terr else []) + [
        "service", "recommendation", "share_in_territory", "staff", "staff_field", "staff_office",
        "workstations", "vehicles"]
    return pd.DataFrame(rows, columns=cols)


def _fr(x: float) -> str:
    """French number: 0.2 -> '0,2'."""
    return f"{x:g}".replace(".", ",")


def _pct(x: float) -> str:
    return f"{_fr(round(100 * x, 1))} %"


def _assumptions(r: dict, recs: list, lang: str) -> list[str]:
    n_t, n_m, n_c = (recs.count(x) for x in RECOMMENDATIONS)
    if lang == "fr":
        return [
            f"Services comptés : {n_t} à territorialiser (100 % de l'effectif), {n_m} mixtes "
            f"({_pct(r['mixed_share'])} de l'effectif en territoire), {n_c} centralisés (0).",
            "Effectif d'un service = effectif_pour_1000_hab × population desservie / 1 000 × part "
            "en territoire ; agents de terrain = effectif × part_terrain.",
            f"Postes de travail : {_fr(r['desks_per_office_agent'])} par agent de bureau, "
            f"{_fr(r['desks_per_field_agent'])} par agent de terrain (postes partagés), arrondi au supérieur.",
            f"Bureaux : {_fr(r['m2_per_workstation'])} m² par poste (norme État : 12 m² de surface utile "
            "nette par poste, circulaire du Premier ministre du 16 janvier 2009).",
            f"Accueil : {_fr(r['visits_per_1000_per_year'])} visites par an pour 1 000 habitants, "
            f"{_fr(r['opening_days_per_year'])} jours et {_fr(r['opening_hours_per_day'])} h d'ouverture par jour, "
            f"{_fr(r['visit_minutes'])} min par visite, pointe ×{_fr(r['peak_factor'])}, "
            f"{_fr(r['m2_per_visitor'])} m² par visiteur simultané, au moins {_fr(r['min_reception_m2'])} m² "
            "(ordre de grandeur à remplacer par les comptages de l'accueil).",
            f"Réunions : une salle de {_fr(r['meeting_room_m2'])} m² par tranche de "
            f"{_fr(r['workstations_per_meeting_room'])} postes (au moins une).",
            f"Locaux techniques : {_fr(r['technical_m2_per_field_agent'])} m² par agent de terrain "
            f"(vestiaires, douches, stockage) + {_fr(r['technical_m2_per_site'])} m² par site "
            "(informatique, reprographie, archives courantes, ménage).",
            f"Véhicules : {_fr(r['vehicles_per_field_agent'])} par agent de terrain, "
            f"{_fr(r['vehicles_per_office_agent'])} par agent de bureau (pool), "
            f"{_fr(r['m2_per_parking_space'])} m² par place ; stationnement du personnel et du public "
            "non compté (règles du PLU).",
            f"Dégagements, circulations et sanitaires : +{_pct(r['circulation_share'])} des surfaces "
            "(bureaux, accueil, réunions, technique) ; total_m2 hors stationnement.",
            "Ces ratios sont des hypothèses de départ à ajuster localement ; l'effectif travaillant "
            "dans les équipements (crèches, écoles, piscines, médiathèques) n'est pas compté.",
        ]
    return [
        f"Services counted: {n_t} territorialised (100 % of staff), {n_m} mixed "
        f"({r['mixed_share']:.0%} of staff in the territory), {n_c} centralised (0).",
        "Staff of a service = effectif_pour_1000_hab x population served / 1,000 x share in the "
        "territory; field staff = staff x part_terrain.",
        f"Workstations: {r['desks_per_office_agent']:g} per office agent, {r['desks_per_field_agent']:g} "
        "per field agent (shared desks), rounded up.",
        f"Offices: {r['m2_per_workstation']:g} m² per workstation (State norm: 12 m² net usable area "
        "per workstation, Prime Minister's circular of 16 January 2009).",
        f"Reception: {r['visits_per_1000_per_year']:g} visits per year per 1,000 inhabitants, "
        f"{r['opening_days_per_year']:g} opening days, {r['opening_hours_per_day']:g} h a day, "
        f"{r['visit_minutes']:g} min per visit, peak x{r['peak_factor']:g}, "
        f"{r['m2_per_visitor']:g} m² per simultaneous visitor, at least {r['min_reception_m2']:g} m² "
        "(order of magnitude: replace with reception counts).",
        f"Meetings: one {r['meeting_room_m2']:g} m² room per {r['workstations_per_meeting_room']:g} "
        "workstations (at least one).",
        f"Technical space: {r['technical_m2_per_field_agent']:g} m² per field agent (changing rooms, "
        f"showers, storage) + {r['technical_m2_per_site']:g} m² per site (IT, printing, archives, cleaning).",
        f"Vehicles: {r['vehicles_per_field_agent']:g} per field agent, {r['vehicles_per_office_agent']:g} "
        f"per office agent (pool), {r['m2_per_parking_space']:g} m² per space; staff and public "
        "parking not counted (local plan rules).",
        f"Halls, corridors, toilets: +{r['circulation_share']:.0%} of the floor areas (offices, "
        "reception, meetings, technical); total_m2 excludes parking.",
        "These ratios are starting assumptions to adjust locally; staff working inside facilities "
        "(nurseries, schools, pools, libraries) is not counted.",
    ]


def premises_requirements(sites: pd.DataFrame, catalogue: pd.DataFrame, ratios: Optional[Mapping] = None,
                          site_field: str = "site_id", territory_field: Optional[str] = "territory",
                          population_field: str = "population",
                          recommendation_field: str = "recommendation",
                          lang: str = "fr", return_breakdown: bool = False):
    """Size the premises of each territorial site.

    ``sites``: ``site_id``, ``territory`` (optional, carried through), ``population``
    (population served). ``catalogue``: services with ``effectif_pour_1000_hab``,
    ``part_terrain`` (share of field staff, 0-1 or '60 %') and ``recommendation`` (from
    :func:`score_services`, possibly edited by the officer; French words accepted).
    ``ratios`` overrides some of :data:`DEFAULT_RATIOS`.

    Returns ``(per_site, assumptions)``: one row per site with ``staff_total``,
    ``staff_field``, ``staff_office`` (FTE), ``workstations`` (rounded up), ``office_m2``,
    ``visits_per_day``, ``simultaneous_visitors``, ``reception_m2``, ``meeting_rooms``,
    ``meeting_m2``, ``technical_m2``, ``parking_spaces``, ``parking_m2``, ``overhead_m2``,
    ``total_m2`` (built floor area: office + reception + meeting + technical + overhead,
    parking excluded) and ``total_with_parking_m2``; and the list of assumptions in plain
    words (``lang`` 'fr' or 'en'). With ``return_breakdown=True`` returns
    ``(per_site, assumptions, breakdown)``, the per-service detail of
    :func:`premises_breakdown`. Workstations, rooms and parking spaces are rounded up per
    site (not per service).
    """
    r, s, has_terr, pops, c, recs, ratio, field_share, share = _prepare_premises(
        sites, catalogue, ratios, site_field, territory_field, population_field, recommendation_field)
    bd = _breakdown(r, s, has_terr, pops, c, recs, ratio, field_share, share, site_field, territory_field)
    rows = []
    for i in range(len(s)):
        sid = s[site_field].iloc[i]
        part = bd[bd[site_field] == sid] if len(bd) else bd
        staff = float(part["staff"].sum()) if len(part) else 0.0
        field = float(part["staff_field"].sum()) if len(part) else 0.0
        office_staff = staff - field
        ws = _ceil(float(part["workstations"].sum())) if len(part) else 0
        office_m2 = ws * r["m2_per_workstation"]
        active = staff > _EPS
        visits = pops[i] / 1000.0 * r["visits_per_1000_per_year"] / r["opening_days_per_year"] if active else 0.0
        simult = visits * (r["visit_minutes"] / 60.0) / r["opening_hours_per_day"] * r["peak_factor"]
        reception = max(r["min_reception_m2"], simult * r["m2_per_visitor"]) if active else 0.0
        rooms = max(1, _ceil(ws / r["workstations_per_meeting_room"])) if active else 0
        meeting = rooms * r["meeting_room_m2"]
        technical = (field * r["technical_m2_per_field_agent"] + r["technical_m2_per_site"]) if active else 0.0
        spaces = _ceil(float(part["vehicles"].sum())) if len(part) else 0
        parking = spaces * r["m2_per_parking_space"]
        net = office_m2 + reception + meeting + technical
        overhead = net * r["circulation_share"]
        row = {site_field: sid}
        if has_terr:
            row[territory_field] = s[territory_field].iloc[i]
        row.update({
            "population": pops[i], "staff_total": staff, "staff_field": field, "staff_office": office_staff,
            "workstations": ws, "office_m2": office_m2, "visits_per_day": visits,
            "simultaneous_visitors": simult, "reception_m2": reception, "meeting_rooms": rooms,
            "meeting_m2": meeting, "technical_m2": technical, "parking_spaces": spaces,
            "parking_m2": parking, "overhead_m2": overhead, "total_m2": net + overhead,
            "total_with_parking_m2": net + overhead + parking,
        })
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["ratios"] = r
    assumptions = _assumptions(r, recs, lang)
    if return_breakdown:
        return out, assumptions, bd
    return out, assumptions

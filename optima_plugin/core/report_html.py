"""The territorialisation report as one self-contained HTML page (pure Python, no QGIS).

Everything the page shows is inside the file: images are ``data:image/png;base64,...`` URIs,
the CSS is inline, there is no script source, font, stylesheet or link to any URL, so the
report opens offline, can be mailed, archived, or printed to PDF from a browser.

The labels exist in French (default) and English: :data:`STRINGS` maps a key to
``(fr, en)``; :func:`label` picks one. The QGIS side (``optima_plugin/report.py``) gathers
the figures and renders the maps; this module only assembles:

>>> html = build_report({"title": "Rapport", "territories": df, "maps": [...]}, lang="fr")

Per-territory figures can also be recomputed here from a commune table
(:func:`territory_table_from_communes`) when the territory layer lacks them (e.g. the raw
output of the clustering).
"""
from __future__ import annotations

import base64
import datetime as _dt
import html as _html
import math
from typing import Iterable, Mapping, Optional, Sequence

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: key -> (French, English)
STRINGS = {
    "default_title": ("Rapport de territorialisation", "Territorialisation report"),
    "generated": ("Généré le {} par OPTIMA {}", "Generated on {} by OPTIMA {}"),
    "summary": ("Synthèse", "Summary"),
    "parameters": ("Paramètres", "Parameters"),
    "maps": ("Cartes", "Maps"),
    "map_territories": ("Territoires et sites de service", "Territories and service sites"),
    "map_time": ("Temps de trajet de chaque commune vers son site (minutes)",
                 "Travel time from each commune to its site (minutes)"),
    "territory_table": ("Indicateurs par territoire", "Indicators per territory"),
    "equity": ("Équité d'ensemble", "Overall equity"),
    "scenarios": ("Comparaison de scénarios", "Scenario comparison"),
    "scenario_chart": ("Graphique des scénarios", "Scenario chart"),
    "services": ("Catalogue des services (notation)", "Service catalogue (scores)"),
    "expectations": ("Attentes par territoire", "Expectations per territory"),
    "premises": ("Besoins en locaux", "Premises requirements"),
    "rows_cut": ("{} premières lignes sur {}.", "First {} rows of {}."),
    "none": ("—", "—"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "total": ("Ensemble", "All"),
    "method_note": (
        "Temps en minutes, pondérés par la population (« l'habitant moyen »). p90 : 90 % des habitants "
        "vivent à ce temps ou moins. Écart de population : écart à la population moyenne d'un territoire.",
        "Times in minutes, population-weighted (\"the average inhabitant\"). p90: 90 % of the inhabitants "
        "live within this time. Population deviation: deviation from the mean territory population."),
    # parameters
    "p_departements": ("Départements", "Départements"),
    "p_n_communes": ("Nombre de communes", "Number of communes"),
    "p_population": ("Population totale", "Total population"),
    "p_n_territories": ("Nombre de territoires", "Number of territories"),
    "p_n_sites": ("Nombre de sites de service", "Number of service sites"),
    "p_threshold": ("Seuil d'accès (minutes)", "Access threshold (minutes)"),
    "p_time_field": ("Champ de temps", "Time field"),
    "p_population_field": ("Champ de population", "Population field"),
    "p_pop_year": ("Millésime des populations (INSEE)", "Population vintage (INSEE reference year)"),
    "p_communes_layer": ("Couche des communes", "Communes layer"),
    "p_territories_layer": ("Couche des territoires", "Territories layer"),
    "p_sites_layer": ("Couche des sites", "Sites layer"),
    # territory table columns
    "c_territory": ("Territoire", "Territory"),
    "c_name": ("Nom", "Name"),
    "c_pop": ("Population", "Population"),
    "c_n_communes": ("Communes", "Communes"),
    "c_n_sites": ("Sites", "Sites"),
    "c_time_mean": ("Temps moyen (min)", "Mean time (min)"),
    "c_time_p90": ("Temps p90 (min)", "p90 time (min)"),
    "c_time_max": ("Temps max (min)", "Max time (min)"),
    "c_pct_pop_within": ("Pop. sous le seuil (%)", "Pop. within threshold (%)"),
    "c_pop_dev_pct": ("Écart de population (%)", "Population deviation (%)"),
    "c_area_km2": ("Surface (km²)", "Area (km²)"),
    # overall equity
    "e_mean_time": ("Temps moyen (min)", "Mean time (min)"),
    "e_p90_time": ("Temps p90 (min)", "p90 time (min)"),
    "e_max_time": ("Temps maximal (min)", "Maximum time (min)"),
    "e_coverage_pct": ("Population sous le seuil (%)", "Population within the threshold (%)"),
    "e_gini_time": ("Indice de Gini des temps", "Gini index of travel times"),
    "e_theil_time": ("Indice de Theil des temps", "Theil index of travel times"),
    "e_theil_between": ("Theil : entre territoires", "Theil: between territories"),
    "e_theil_within": ("Theil : au sein des territoires", "Theil: within territories"),
    "e_cv_pop": ("Coefficient de variation des populations", "Coefficient of variation of populations"),
    "e_cv_time_mean": ("Coefficient de variation des temps moyens", "Coefficient of variation of mean times"),
    "e_n_unreachable": ("Communes injoignables", "Unreachable communes"),
    "e_max_dev_pct": ("Écart de population maximal (%)", "Maximum population deviation (%)"),
    "equity_note": (
        "Gini et Theil valent 0 quand tous les habitants sont à la même distance de leur site ; plus ils "
        "sont grands, plus l'accès est inégal.",
        "Gini and Theil are 0 when every inhabitant is as far from their site as any other; the larger, "
        "the more unequal the access."),
    # scenario columns
    "s_scenario": ("Scénario", "Scenario"),
    "s_n_territories": ("Territoires", "Territories"),
    "s_n_offices": ("Sites", "Offices"),
    "s_time_mean": ("Temps moyen (min)", "Mean time (min)"),
    "s_time_p90": ("Temps p90 (min)", "p90 time (min)"),
    "s_time_max": ("Temps max (min)", "Max time (min)"),
    "s_pct_pop_within": ("Pop. sous le seuil (%)", "Pop. within threshold (%)"),
    "s_max_dev_pct": ("Écart de pop. max (%)", "Max pop. deviation (%)"),
    "s_gini_time": ("Gini des temps", "Gini of times"),
    "s_cost_total": ("Coût total", "Total cost"),
    "s_pareto": ("Pareto-optimal", "Pareto-optimal"),
}

TERRITORY_COLUMNS = ["territory", "name", "pop", "n_communes", "n_sites", "time_mean", "time_p90", "time_max",
                     "pct_pop_within", "pop_dev_pct"]
EQUITY_KEYS = ["mean_time", "p90_time", "max_time", "coverage_pct", "gini_time", "theil_time",
               "theil_between", "theil_within", "cv_pop", "cv_time_mean", "max_dev_pct", "n_unreachable"]
MAX_TABLE_ROWS = 300

CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#222;margin:0;background:#f4f5f7}
main{max-width:1180px;margin:0 auto;padding:24px 32px;background:#fff}
h1{font-size:26px;margin:0 0 4px;color:#1d3557}
h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #1d3557;color:#1d3557}
p.meta{color:#666;margin:0 0 16px;font-size:13px}
p.note{color:#555;font-size:12px;margin:6px 0}
table{border-collapse:collapse;font-size:13px;margin:6px 0 10px;width:auto}
th,td{border:1px solid #d0d4da;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e8edf3;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:700;background:#f3f5f8}
table.kv th{width:320px}
span.swatch{display:inline-block;width:12px;height:12px;border:1px solid #555;margin-right:6px;vertical-align:-1px}
figure{margin:10px 0 18px}
figure img{max-width:100%;height:auto;border:1px solid #d0d4da}
figcaption{font-size:13px;color:#444;margin-top:4px}
.maps{display:flex;flex-wrap:wrap;gap:16px}
.maps figure{flex:1 1 100%}
div.legend{font-size:12px;margin-top:4px}
span.legend-item{display:inline-block;margin-right:14px;white-space:nowrap}
@media print{body{background:#fff}main{padding:0}h2{page-break-after:avoid}figure{page-break-inside:avoid}}
"""

# checks that every image decoded (used by the headless browser test; harmless elsewhere)
SCRIPT = ("window.addEventListener('load',function(){var i=document.images,ok=true;"
          "for(var k=0;k<i.length;k++){if(!(i[k].complete&&i[k].naturalWidth>0)){ok=false;}}"
          "document.body.setAttribute('data-images-ok',ok?'true':'false');"
          "document.body.setAttribute('data-images',String(i.length));});")


def lang_code(lang) -> str:
    """'fr' or 'en' from 'fr', 'en', 'English', 'Français', 0 (French) or 1 (English)."""
    if isinstance(lang, int):
        return "en" if lang == 1 else "fr"
    s = str(lang or "fr").strip().lower()
    return "en" if s.startswith("en") else "fr"


def label(key: str, lang="fr") -> str:
    fr, en = STRINGS[key]
    return en if lang_code(lang) == "en" else fr


def esc(v) -> str:
    return _html.escape("" if v is None else str(v), quote=True)


def _is_missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and not math.isfinite(v):
        return True
    try:
        import pandas as pd
        return bool(pd.isna(v)) if not isinstance(v, (str, bytes, list, tuple, dict)) else False
    except (ImportError, TypeError, ValueError):
        return False


def fmt_number(v, lang="fr", decimals: Optional[int] = None) -> str:
    """A number as a French (1 234,5) or English (1,234.5) string; '—' for missing values."""
    if _is_missing(v):
        return "—"
    if isinstance(v, bool):
        return label("yes" if v else "no", lang)
    try:
        x = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not math.isfinite(x):
        return "—"
    if decimals is None:
        if x.is_integer():
            decimals = 0
        else:
            decimals = 1 if abs(x) >= 10 else (2 if abs(x) >= 1 else 3)
    s = f"{x:,.{decimals}f}"
    if lang_code(lang) == "fr":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def png_data_uri(png: bytes) -> str:
    """``data:image/png;base64,...`` for PNG bytes (checked: a PNG signature is required)."""
    if not isinstance(png, (bytes, bytearray)) or not bytes(png[:8]) == PNG_MAGIC:
        raise ValueError("not PNG data")
    return "data:image/png;base64," + base64.b64encode(bytes(png)).decode("ascii")


# --------------------------------------------------------------------------- tables
def _records(table) -> tuple[list, list]:
    """(columns, rows as lists) from a DataFrame, a list of dicts or (columns, rows)."""
    if table is None:
        return [], []
    if hasattr(table, "columns") and hasattr(table, "itertuples"):
        cols = [str(c) for c in table.columns if str(c) != "geometry"]
        return cols, [[r[c] for c in cols] for r in table.to_dict(orient="records")]
    if isinstance(table, tuple) and len(table) == 2:
        return list(table[0]), [list(r) for r in table[1]]
    rows = list(table)
    cols = []
    for r in rows:
        for k in r:
            if k not in cols and k != "geometry":
                cols.append(k)
    return cols, [[r.get(c) for c in cols] for r in rows]


def _is_numeric(v) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return hasattr(v, "dtype") and getattr(v.dtype, "kind", "") in "iuf"


def html_table(table, lang="fr", headers: Optional[Mapping[str, str]] = None, max_rows: int = MAX_TABLE_ROWS,
               decimals: Optional[Mapping[str, int]] = None, css_class: str = "",
               total_row: Optional[Mapping] = None, swatch_column: Optional[str] = None) -> str:
    """Any table as an HTML <table>: numbers right-aligned and formatted for the language.

    ``headers`` maps a column to its displayed header; ``swatch_column`` names a column holding
    '#RRGGBB' colours shown as a small square before the first cell (not as a column)."""
    cols, rows = _records(table)
    shown = [c for c in cols if c != swatch_column]
    if not shown:
        return ""
    headers = headers or {}
    decimals = decimals or {}
    out = [f'<table class="{esc(css_class)}">' if css_class else "<table>", "<thead><tr>"]
    out += [f"<th>{esc(headers.get(c, c))}</th>" for c in shown]
    out.append("</tr></thead><tbody>")
    sw_i = cols.index(swatch_column) if swatch_column in cols else None

    def cells(values_by_col, cls=""):
        tr = [f'<tr class="{cls}">' if cls else "<tr>"]
        for k, c in enumerate(shown):
            v = values_by_col.get(c)
            pre = ""
            if k == 0 and sw_i is not None:
                col = values_by_col.get(swatch_column)
                if isinstance(col, str) and len(col) == 7 and col.startswith("#"):
                    pre = f'<span class="swatch" style="background:{esc(col)}"></span>'
            if _is_numeric(v):
                tr.append(f'<td class="num">{fmt_number(v, lang, decimals.get(c))}</td>')
            else:
                tr.append(f"<td>{pre}{esc('—' if _is_missing(v) else v)}</td>")
        tr.append("</tr>")
        return "".join(tr)

    for r in rows[:max_rows]:
        out.append(cells(dict(zip(cols, r))))
    if total_row:
        out.append(cells(dict(total_row), "total"))
    out.append("</tbody></table>")
    if len(rows) > max_rows:
        out.append(f'<p class="note">{esc(label("rows_cut", lang).format(max_rows, len(rows)))}</p>')
    return "".join(out)


def kv_table(pairs: Iterable[tuple], lang="fr", decimals: Optional[Sequence] = None) -> str:
    rows = []
    for i, (k, v) in enumerate(pairs):
        d = decimals[i] if decimals is not None else None
        val = fmt_number(v, lang, d) if _is_numeric(v) else esc("—" if _is_missing(v) else v)
        cls = ' class="num"' if _is_numeric(v) else ""
        rows.append(f"<tr><th>{esc(k)}</th><td{cls}>{val}</td></tr>")
    return '<table class="kv"><tbody>' + "".join(rows) + "</tbody></table>" if rows else ""


# --------------------------------------------------------------------------- figures
def territory_table_from_communes(territory: Sequence, population: Sequence, time_min: Optional[Sequence],
                                  threshold_min: Optional[float] = None):
    """Per-territory pop, n_communes, population-weighted time mean/p90/max, % within the
    threshold and population deviation (%), from commune rows (pure; pandas DataFrame).
    Territories in order of first appearance sorted naturally (numbers as numbers)."""
    import numpy as np
    import pandas as pd

    from .indicators import weighted_quantile

    terr = [None if _is_missing(t) else t for t in territory]
    pop = np.array([0.0 if _is_missing(p) else float(p) for p in population], dtype=float)
    t = None if time_min is None else np.array([np.nan if _is_missing(x) else float(x) for x in time_min])
    keys = sorted({k for k in terr if k is not None}, key=_natural_key)
    rows = []
    mean_pop = pop.sum() / len(keys) if keys else float("nan")
    for k in keys:
        m = np.array([x == k for x in terr])
        row = {"territory": k, "pop": float(pop[m].sum()), "n_communes": int(m.sum())}
        if t is not None:
            tt, ww = t[m], pop[m]
            f = np.isfinite(tt)
            if f.any() and ww[f].sum() > 0:
                row["time_mean"] = float((tt[f] * ww[f]).sum() / ww[f].sum())
                row["time_p90"] = float(weighted_quantile(tt[f], ww[f], 0.9))
                row["time_max"] = float(tt[f].max())
            if threshold_min is not None and ww.sum() > 0:
                row["pct_pop_within"] = float(100.0 * ww[f & (tt <= threshold_min + 1e-9)].sum() / ww.sum())
        row["pop_dev_pct"] = float(100.0 * (row["pop"] - mean_pop) / mean_pop) if mean_pop > 0 else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def population_vintage(pop_year: Sequence) -> Optional[str]:
    """The ``pop_year`` values of the communes as text for the parameters (``"2023"``,
    ``"2017, 2023"``); None when there is none. Text, so that no thousands separator is added."""
    years = sorted({int(float(v)) for v in pop_year if not _is_missing(v) and str(v).strip() not in ("", "NULL")})
    return ", ".join(str(y) for y in years) or None


def territory_names(territories, communes=None, sites=None, territory_field: str = "territory") -> dict:
    """{territory key as text: display name}: the territory layer's ``name`` when set, else the
    name (``nom``/``name``) of the commune hosting its site, else of its hub commune (``hub`` =
    an ``insee`` code), else of its most populous commune. Pure (pandas DataFrames)."""
    out = {}

    def key(v):
        if _is_missing(v):
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v)

    def ok(v):
        return not _is_missing(v) and str(v).strip() not in ("", "NULL")

    if territories is not None and "name" in territories.columns and territory_field in territories.columns:
        for t, n in zip(territories[territory_field], territories["name"]):
            if ok(n) and key(t) is not None:
                out.setdefault(key(t), str(n))
    if sites is not None and territory_field in sites.columns:
        ncol = next((c for c in ("nom", "name", "nom_commune", "lib_fs") if c in sites.columns), None)
        if ncol:
            for t, n in zip(sites[territory_field], sites[ncol]):
                if ok(n) and key(t) is not None:
                    out.setdefault(key(t), str(n))
    if communes is not None and territory_field in communes.columns:
        ncol = next((c for c in ("nom", "name", "nom_commune") if c in communes.columns), None)
        if ncol and "hub" in communes.columns and "insee" in communes.columns:
            by_insee = dict(zip(communes["insee"].astype(str), communes[ncol]))
            for t, h in zip(communes[territory_field], communes["hub"]):
                if key(t) is not None and ok(h) and ok(by_insee.get(str(h))):
                    out.setdefault(key(t), str(by_insee[str(h)]))
        pcol = next((c for c in ("population", "pop") if c in communes.columns), None)
        if ncol and pcol:
            best = {}
            for t, n, p in zip(communes[territory_field], communes[ncol], communes[pcol]):
                k = key(t)
                if k is None or not ok(n):
                    continue
                pv = 0.0 if _is_missing(p) else float(p)
                if k not in best or pv > best[k][0]:
                    best[k] = (pv, str(n))
            for k, (_, n) in best.items():
                out.setdefault(k, n)
    return out


def _natural_key(v):
    try:
        return (0, float(v), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(v))


# --------------------------------------------------------------------------- the page
def _section(title: str, body: str, sid: str) -> str:
    return f'<section id="{esc(sid)}"><h2>{esc(title)}</h2>{body}</section>' if body else ""


def _figure(png: Optional[bytes], caption: str, alt: str, legend=None) -> str:
    if not png:
        return ""
    leg = ""
    if legend:
        items = "".join(f'<span class="legend-item"><span class="swatch" style="background:{esc(c)}"></span>'
                        f"{esc(t)}</span>" for c, t in legend
                        if isinstance(c, str) and c.startswith("#") and len(c) in (4, 7))
        leg = f'<div class="legend">{items}</div>'
    return (f'<figure><img src="{png_data_uri(png)}" alt="{esc(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption>{leg}</figure>")


def build_report(doc: Mapping, lang="fr") -> str:
    """The whole page. ``doc`` keys (all optional but ``territories``):

    - ``title``, ``date`` (datetime or text), ``version``;
    - ``parameters``: list of (label key of STRINGS or text, value);
    - ``maps``: list of (png bytes, caption key or text[, legend [(#rrggbb, text)]]);
    - ``territories``: DataFrame / records with TERRITORY_COLUMNS (missing ones omitted) and
      an optional ``color`` column (swatches);
    - ``totals``: a dict for the "All" row of the territory table;
    - ``equity``: dict of EQUITY_KEYS;
    - ``scenarios``: table; ``scenario_chart``: png bytes;
    - ``services``, ``expectations``, ``premises``: any tables.
    """
    lang = lang_code(lang)
    L = lambda k: label(k, lang) if k in STRINGS else str(k)  # noqa: E731
    title = doc.get("title") or L("default_title")
    date = doc.get("date") or _dt.datetime.now()
    if isinstance(date, (_dt.datetime, _dt.date)):
        date = date.strftime("%d/%m/%Y %H:%M") if lang == "fr" else date.strftime("%Y-%m-%d %H:%M")
    parts = [f"<h1>{esc(title)}</h1>",
             f'<p class="meta">{esc(L("generated").format(date, doc.get("version", "")))}</p>']

    params = [(L(k), v) for k, v in (doc.get("parameters") or []) if not _is_missing(v) and v != ""]
    parts.append(_section(L("parameters"), kv_table(params, lang), "parameters"))

    figs = "".join(_figure(m[0], L(m[1]), L(m[1]), m[2] if len(m) > 2 else None)
                   for m in (doc.get("maps") or []) if m and m[0])
    parts.append(_section(L("maps"), f'<div class="maps">{figs}</div>' if figs else "", "maps"))

    terr = doc.get("territories")
    if terr is not None:
        cols, _ = _records(terr)
        keep = [c for c in TERRITORY_COLUMNS if c in cols]
        if "color" in cols:
            keep.append("color")
        sub = terr[keep] if hasattr(terr, "columns") else [{c: r.get(c) for c in keep} for r in terr]
        headers = {c: L("c_" + c) for c in keep if "c_" + c in STRINGS}
        dec = {"pop": 0, "n_communes": 0, "n_sites": 0, "time_mean": 1, "time_p90": 1, "time_max": 1,
               "pct_pop_within": 1, "pop_dev_pct": 1}
        total = doc.get("totals")
        if total:
            total = {c: total.get(c) for c in keep if c != "color"}
            total[keep[0]] = L("total")
        body = html_table(sub, lang, headers, decimals=dec, total_row=total, swatch_column="color",
                          css_class="territories")
        body += f'<p class="note">{esc(L("method_note"))}</p>'
        parts.append(_section(L("territory_table"), body, "territories"))

    eq = doc.get("equity") or {}
    keys = [k for k in EQUITY_KEYS if k in eq and not _is_missing(eq[k])]
    pairs = [(L("e_" + k), eq[k]) for k in keys]
    dec = [3 if k.startswith(("gini", "theil", "cv")) else (0 if k == "n_unreachable" else 1) for k in keys]
    if pairs:
        parts.append(_section(L("equity"), kv_table(pairs, lang, dec) + f'<p class="note">{esc(L("equity_note"))}</p>',
                              "equity"))

    sc = doc.get("scenarios")
    if sc is not None or doc.get("scenario_chart"):
        body = ""
        if sc is not None:
            cols, _ = _records(sc)
            body += html_table(sc, lang, {c: L("s_" + c) for c in cols if "s_" + c in STRINGS},
                               css_class="scenarios")
        body += _figure(doc.get("scenario_chart"), L("scenario_chart"), L("scenario_chart"))
        parts.append(_section(L("scenarios"), body, "scenarios"))

    for key in ("services", "expectations", "premises"):
        t = doc.get(key)
        if t is not None:
            parts.append(_section(L(key), html_table(t, lang, css_class=key), key))

    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style><script>{SCRIPT}</script></head>"
            f"<body><main>{''.join(p for p in parts if p)}</main></body></html>\n")


def external_references(html_text: str) -> list:
    """Every http(s)/protocol-relative URL used as a resource (src=, href=, url(), @import)
    in the page: must be empty for a self-contained report."""
    import re
    pat = re.compile(r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)|url\(\s*["']?((?:https?:)?//[^)"']+)"""
                     r"""|@import\s+["']((?:https?:)?//[^"']+)""", re.I)
    return [next(g for g in m.groups() if g) for m in pat.finditer(html_text)]

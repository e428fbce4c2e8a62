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

from .labels import lang_code, pick

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
        "Temps en minutes, pondérés par la population : le temps moyen est celui de « l'habitant moyen ». "
        "« Temps de 90 % des habitants » : 90 % des habitants du territoire vivent à ce temps de leur site ou "
        "moins.",
        "Times in minutes, population-weighted: the mean time is that of \"the average inhabitant\". "
        "\"Time of 90 % of the inhabitants\": 90 % of the territory's inhabitants live within this time of "
        "their site."),
    "dev_note": (
        "Écart à la moyenne : un territoire moyen compte {mean} habitants. {examples}",
        "Deviation from the mean: an average territory has {mean} inhabitants. {examples}"),
    "dev_more": ("{pct} ({name}) veut dire {ratio} fois cette moyenne", "{pct} ({name}) means {ratio} times this mean"),
    "dev_less": ("{pct} ({name}) veut dire {share} % de cette moyenne seulement",
                 "{pct} ({name}) means only {share} % of this mean"),
    "exec_summary": ("Résumé", "Executive summary"),
    "method_box": ("Méthode et limites", "Method and limits"),
    "sum_scope": ("Cette organisation regroupe {n_communes} communes ({pop} habitants) en {n} territoires{sites}.",
                  "This organisation groups {n_communes} communes ({pop} inhabitants) into {n} territories{sites}."),
    "sum_sites": (", servis par {n} sites", ", served by {n} sites"),
    "sum_access": ("En moyenne, un habitant est à {mean} min de son site ; {pct} % des habitants sont à moins de "
                   "{thr} min, le plus éloigné à {max} min.",
                   "On average an inhabitant is {mean} min from their site; {pct} % of the inhabitants are within "
                   "{thr} min, the farthest {max} min away."),
    "sum_access_nothr": ("En moyenne, un habitant est à {mean} min de son site, le plus éloigné à {max} min.",
                         "On average an inhabitant is {mean} min from their site, the farthest {max} min away."),
    "sum_balance": ("Équilibre : le territoire le plus peuplé ({big}) compte {big_pct} d'habitants par rapport à la "
                    "moyenne, le moins peuplé ({small}) {small_pct}.",
                    "Balance: the most populous territory ({big}) has {big_pct} inhabitants compared with the "
                    "mean, the least populous ({small}) {small_pct}."),
    "sum_reco": ("Scénario recommandé : {label}. Pourquoi : {why}.", "Recommended scenario: {label}. Why: {why}."),
    "sum_no_scenario": ("Aucune comparaison de scénarios n'accompagne ce rapport : il décrit une seule organisation, "
                        "à comparer à d'autres avant de décider.",
                        "No scenario comparison comes with this report: it describes one organisation, to be "
                        "compared with others before deciding."),
    "why_cost": ("parmi les compromis qu'aucun autre scénario ne bat à la fois sur le coût et sur le temps, c'est le "
                 "moins coûteux au total (sites + trajets des habitants)",
                 "among the trade-offs no other scenario beats on both cost and time, it has the lowest total cost "
                 "(sites + inhabitants' trips)"),
    "why_time": ("parmi les compromis qu'aucun autre scénario ne bat à la fois sur le coût et sur le temps, c'est "
                 "celui où l'habitant moyen est le plus près de son site",
                 "among the trade-offs no other scenario beats on both cost and time, it is the one where the "
                 "average inhabitant is nearest to their site"),
    "why_user": ("choisi par les auteurs de l'étude", "chosen by the authors of the study"),
    "sum_unreachable": ("Attention : {n} commune(s) n'ont pas de temps d'accès calculé (aucun chemin vers un site) ; "
                        "elles restent dans les tableaux.",
                        "Warning: {n} commune(s) have no computed access time (no path to a site); they stay in "
                        "the tables."),
    "sum_caveat_estimate": ("Les temps sont des estimations (distance à vol d'oiseau × 1,3 à 60 km/h) : à confirmer "
                            "sur le réseau routier avant une décision.",
                            "Times are estimates (straight-line distance × 1.3 at 60 km/h): to be confirmed on "
                            "the road network before deciding."),
    "sum_caveat_road": ("Les temps sont calculés sur le réseau routier, hors trafic.",
                        "Times are computed on the road network, without traffic."),
    "m_times_estimate": ("Temps de trajet : estimés, sans couche routière. La distance à vol d'oiseau entre communes "
                         "voisines est multipliée par 1,3 (détour moyen d'une route) et parcourue à 60 km/h, soit "
                         "2,6 minutes par kilomètre à vol d'oiseau. Les reliefs, ponts et routes lentes ne sont pas "
                         "vus : les temps réels peuvent être plus longs en montagne.",
                         "Travel times: estimated, without a road layer. The straight-line distance between "
                         "neighbouring communes is multiplied by 1.3 (the usual road detour) and driven at 60 km/h, "
                         "i.e. 2.6 minutes per straight-line kilometre. Relief, bridges and slow roads are not "
                         "seen: real times can be longer in the mountains."),
    "m_times_road": ("Temps de trajet : calculés sur une couche routière (plus court chemin en temps, vitesses selon "
                     "le type de route), sans embouteillages ni transports en commun.",
                     "Travel times: computed on a road layer (fastest path, speeds by road type), without traffic "
                     "jams or public transport."),
    "m_population": ("Populations : {source}, millésime {year}.", "Populations: {source}, reference year {year}."),
    "m_population_noyear": ("Populations : {source} (millésime non indiqué dans la couche).",
                            "Populations: {source} (reference year not given in the layer)."),
    "m_sources": ("Sources : {}.", "Sources: {}."),
    "m_indicators": ("Les indicateurs en une phrase", "The indicators in one sentence"),
    "g_time_mean": ("Temps moyen : le temps de trajet de l'habitant moyen jusqu'à son site (chaque commune compte "
                    "pour sa population).",
                    "Mean time: the travel time of the average inhabitant to their site (each commune weighs its "
                    "population)."),
    "g_time_p90": ("Temps de 90 % des habitants : 9 habitants sur 10 vivent à ce temps de leur site ou moins.",
                   "Time of 90 % of the inhabitants: 9 inhabitants out of 10 live within this time of their site."),
    "g_time_max": ("Temps maximal : le temps de la commune la plus éloignée de son site.",
                   "Maximum time: the time of the commune farthest from its site."),
    "g_within": ("Population sous le seuil : la part des habitants à moins du seuil d'accès promis.",
                 "Population within the threshold: the share of the inhabitants within the promised access time."),
    "g_dev": ("Écart à la population moyenne : +50 % veut dire une fois et demie la population d'un territoire "
              "moyen, -50 % la moitié.",
              "Deviation from the mean population: +50 % means one and a half times the population of an average "
              "territory, -50 % half of it."),
    "g_gini": ("Inégalité (Gini) : 0 si tous les habitants sont à la même distance de leur site, proche de 1 si "
               "quelques-uns sont très loin et les autres tout près.",
               "Inequality (Gini): 0 when every inhabitant is as far from their site as any other, near 1 when a "
               "few are very far and the others very near."),
    "g_theil": ("Inégalité (Theil) : une autre mesure de l'inégalité des temps, qui se partage en écarts entre "
                "territoires et écarts au sein de chaque territoire.",
                "Inequality (Theil): another measure of unequal times, split into gaps between territories and "
                "gaps within each territory."),
    "g_cv": ("Dispersion (écart type / moyenne) : 0 si tous les territoires sont égaux ; 0,2 veut dire des écarts "
             "typiques de 20 % autour de la moyenne.",
             "Spread (standard deviation / mean): 0 when all territories are equal; 0.2 means typical gaps of 20 % "
             "around the mean."),
    "g_pareto": ("Compromis non dominé : aucun autre scénario n'est à la fois moins cher et plus proche des "
                 "habitants.",
                 "Non-dominated trade-off: no other scenario is both cheaper and nearer to the inhabitants."),
    "g_cost": ("Coût total : coût annuel des sites plus le temps passé par les habitants sur la route, valorisé en "
               "euros.",
               "Total cost: yearly cost of the sites plus the time inhabitants spend on the road, valued in "
               "euros."),
    "scenario_note": ("Le tableau complet (toutes les colonnes) s'obtient avec l'export tableur. Les scénarios en "
                      "gras sont des compromis non dominés.",
                      "The full table (every column) comes with the spreadsheet export. Scenarios in bold are "
                      "non-dominated trade-offs."),
    "default_source": ("INSEE (populations légales), IGN (contours des communes) ; calculs OPTIMA",
                       "INSEE (legal populations), IGN (commune boundaries); computed by OPTIMA"),
    "insee": ("INSEE, populations municipales", "INSEE, municipal populations"),
    # parameters
    "p_departements": ("Départements", "Départements"),
    "p_n_communes": ("Nombre de communes", "Number of communes"),
    "p_population": ("Population totale", "Total population"),
    "p_n_territories": ("Nombre de territoires", "Number of territories"),
    "p_n_sites": ("Nombre de sites de service", "Number of service sites"),
    "p_threshold": ("Seuil d'accès (minutes)", "Access threshold (minutes)"),
    "p_time_field": ("Champ des temps de trajet (couche des communes)", "Travel time field (communes layer)"),
    "p_population_field": ("Champ des populations (couche des communes)", "Population field (communes layer)"),
    "p_pop_year": ("Millésime des populations (INSEE)", "Population vintage (INSEE reference year)"),
    "p_communes_layer": ("Couche des communes", "Communes layer"),
    "p_territories_layer": ("Couche des territoires", "Territories layer"),
    "p_sites_layer": ("Couche des sites", "Sites layer"),
    # territory table columns
    "c_n_communes": ("Communes", "Communes"),
    "c_n_sites": ("Sites", "Sites"),
    "c_time_max": ("Temps max (min)", "Max time (min)"),
    "c_pct_pop_within": ("Pop. sous le seuil (%)", "Pop. within threshold (%)"),
    # overall equity
    "e_p90_time": ("Temps dans lequel vivent 90 % des habitants (min)", "Time within which 90 % of the inhabitants live (min)"),
    "e_gini_time": ("Inégalité des temps d'accès (indice de Gini, 0 à 1)", "Inequality of access times (Gini index, 0 to 1)"),
    "e_theil_time": ("Inégalité des temps d'accès (indice de Theil)", "Inequality of access times (Theil index)"),
    "e_theil_between": ("… dont écarts entre territoires", "… of which gaps between territories"),
    "e_theil_within": ("… dont écarts au sein des territoires", "… of which gaps within territories"),
    "e_cv_pop": ("Dispersion des populations des territoires (écart type / moyenne)", "Spread of territory populations (standard deviation / mean)"),
    "e_cv_time_mean": ("Dispersion des temps moyens des territoires (écart type / moyenne)", "Spread of the territories' mean times (standard deviation / mean)"),
    "e_max_dev_pct": ("Plus grand écart à la population moyenne (%)", "Largest deviation from the mean population (%)"),
    "equity_note": (
        "Gini et Theil valent 0 quand tous les habitants sont à la même distance de leur site ; plus ils "
        "sont grands, plus l'accès est inégal.",
        "Gini and Theil are 0 when every inhabitant is as far from their site as any other; the larger, "
        "the more unequal the access."),
    # scenario columns
    "s_n_territories": ("Territoires", "Territories"),
    "s_n_offices": ("Sites", "Offices"),
    "s_time_p90": ("Temps de 90 % des hab. (min)", "Time of 90 % of inhab. (min)"),
    "s_time_max": ("Temps max (min)", "Max time (min)"),
    "s_pct_pop_within": ("Pop. sous le seuil (%)", "Pop. within threshold (%)"),
    "s_max_dev_pct": ("Plus grand écart de pop. (%)", "Largest pop. deviation (%)"),
    "s_gini_time": ("Inégalité des temps (Gini)", "Inequality of times (Gini)"),
    "s_pareto": ("Compromis non dominé", "Non-dominated trade-off"),
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
h3{font-size:15px;margin:12px 0 6px;color:#1d3557}
p.meta{color:#666;margin:0 0 16px;font-size:13px}
p.note{color:#555;font-size:12px;margin:6px 0}
div.box{border:1px solid #b8c4d6;background:#f5f8fc;padding:10px 16px;margin:10px 0;font-size:13px}
div.box ul{margin:4px 0 4px 18px;padding:0}
div.summary ol{margin:4px 0 4px 20px;padding:0;font-size:15px;line-height:1.45}
div.tablewrap{overflow-x:auto}
table{border-collapse:collapse;font-size:13px;margin:6px 0 10px;width:auto}
th,td{border:1px solid #d0d4da;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e8edf3;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:700;background:#f3f5f8}
tr.best td{font-weight:700}
tr.reco td{background:#fff3c4}
small.code{color:#777;font-size:11px;display:block}
table.kv th{width:320px}
span.swatch{display:inline-block;width:12px;height:12px;border:1px solid #555;margin-right:6px;vertical-align:-1px}
figure{margin:10px 0 18px}
figure img{max-width:100%;height:auto;border:1px solid #d0d4da}
figcaption{font-size:13px;color:#444;margin-top:4px}
.maps{display:flex;flex-wrap:wrap;gap:16px}
.maps figure{flex:1 1 100%}
div.legend{font-size:12px;margin-top:4px}
span.legend-item{display:inline-block;margin-right:14px;white-space:nowrap}
@page{size:A4;margin:12mm 10mm 14mm 10mm}
@media print{
 body{background:#fff;font-size:10pt}
 main{max-width:none;padding:0;margin:0}
 h1{font-size:18pt}
 h2{font-size:13pt;margin:14pt 0 6pt;page-break-after:avoid;break-after:avoid}
 div.tablewrap{overflow:visible}
 table{font-size:7.5pt;width:100%;page-break-inside:auto}
 table.kv{width:auto;font-size:8.5pt}
 table.kv th{width:auto}
 th,td{padding:2px 3px}
 th{white-space:normal;hyphens:auto}
 thead{display:table-header-group}
 tr{page-break-inside:avoid;break-inside:avoid}
 figure{page-break-inside:avoid;break-inside:avoid}
 figure img{max-height:200mm;width:auto;max-width:100%}
 div.box,div.summary{page-break-inside:avoid;break-inside:avoid}
 section#summary{page-break-after:always;break-after:page}
 section#maps{page-break-before:always;break-before:page}
 table.scenarios td:first-child,table.scenarios th:first-child{width:32%}
 table.territories td:nth-child(2){min-width:28mm}
}
"""

# checks that every image decoded (used by the headless browser test; harmless elsewhere)
SCRIPT = ("window.addEventListener('load',function(){var i=document.images,ok=true;"
          "for(var k=0;k<i.length;k++){if(!(i[k].complete&&i[k].naturalWidth>0)){ok=false;}}"
          "document.body.setAttribute('data-images-ok',ok?'true':'false');"
          "document.body.setAttribute('data-images',String(i.length));});")


def label(key: str, lang="fr") -> str:
    return pick(STRINGS[key], lang)


def column_header(table: str, column: str, lang="fr") -> str:
    """The header of ``column`` in one of the report's tables (``table``: "c" territories, "e"
    equity, "s" scenarios): its short form for that table when the report has one
    (``STRINGS["s_time_p90"]``), else the plugin's one column label (:data:`.spreadsheets.COLUMN_LABELS`)."""
    key = f"{table}_{column}"
    if key in STRINGS:
        return label(key, lang)
    from .spreadsheets import column_label
    return column_label(column, lang)


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


def territory_names(territories, communes=None, sites=None, territory_field: str = "territory",
                    name_field: str = "name") -> dict:
    """{territory key as text: display name}: the territory layer's ``name_field`` when set, else the
    name (``nom``/``name``) of its hub commune (``hub`` = an ``insee`` code), else of the commune
    hosting its site, else of its most populous commune. Pure (pandas DataFrames)."""
    out = {}

    def key(v):
        if _is_missing(v):
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v)

    def ok(v):
        return not _is_missing(v) and str(v).strip() not in ("", "NULL")

    if territories is not None and name_field in territories.columns and territory_field in territories.columns:
        for t, n in zip(territories[territory_field], territories[name_field]):
            if ok(n) and key(t) is not None:
                out.setdefault(key(t), str(n))
    if communes is not None and territory_field in communes.columns:
        ncol = next((c for c in ("nom", "name", "nom_commune") if c in communes.columns), None)
        if ncol and "hub" in communes.columns and "insee" in communes.columns:
            by_insee = dict(zip(communes["insee"].astype(str), communes[ncol]))
            for t, h in zip(communes[territory_field], communes["hub"]):
                if key(t) is not None and ok(h) and ok(by_insee.get(str(h))):
                    out.setdefault(key(t), str(by_insee[str(h)]))
    if sites is not None and territory_field in sites.columns:
        ncol = next((c for c in ("nom", "name", "nom_commune", "lib_fs") if c in sites.columns), None)
        if ncol:
            for t, n in zip(sites[territory_field], sites[ncol]):
                if ok(n) and key(t) is not None:
                    out.setdefault(key(t), str(n))
    if communes is not None and territory_field in communes.columns:
        ncol = next((c for c in ("nom", "name", "nom_commune") if c in communes.columns), None)
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



# --------------------------------------------------------------------------- plain words
_SCENARIO_RX = __import__("re").compile(r"^N(\d+)-tol([0-9.]+)-(whole|free)-([A-Za-z_]+)$")


def readable_scenario(label, lang="fr") -> str:
    """``N4-tol10-whole-pmedian`` as words: ``4 territoires, populations à ±10 % près, EPCI entiers,
    temps moyen le plus court``; any other label unchanged."""
    m = _SCENARIO_RX.match(str(label or ""))
    if not m:
        return "" if _is_missing(label) else str(label)
    n, tol, kw, prob = m.groups()
    fr = lang_code(lang) == "fr"
    tol_s = f"{float(tol):g}".replace(".", "," if fr else ".")
    problem = {"pmedian": ("temps moyen le plus court", "shortest mean time"),
               "pcenter": ("temps maximal le plus court", "shortest maximum time")}.get(prob.lower(), (prob, prob))
    parts = ([f"{n} territoires", f"populations à ±{tol_s} % près",
              "EPCI gardés entiers" if kw == "whole" else "EPCI pouvant être partagés", problem[0]] if fr else
             [f"{n} territories", f"populations within ±{tol_s} %",
              "EPCI kept whole" if kw == "whole" else "EPCI may be split", problem[1]])
    return ", ".join(parts)


def recommend(scenarios, chosen=None, lang="fr"):
    """(row index, reason) of the recommended scenario, or (None, None) without scenarios.

    ``chosen`` (a label or a 1-based row number) wins. Otherwise, among the scenarios computed
    without error and on the Pareto front (``pareto = 1``; all when the column is missing),
    the one with the lowest ``cost_total``, else the lowest ``time_mean``."""
    cols, rows = _records(scenarios)
    if not rows or "scenario" not in cols:
        return None, None
    recs = [dict(zip(cols, r)) for r in rows]
    if chosen not in (None, ""):
        key = str(chosen).strip()
        for i, r in enumerate(recs):
            if str(r.get("scenario")).lower() == key.lower():
                return i, label("why_user", lang)
        if key.isdigit() and 1 <= int(key) <= len(recs):
            return int(key) - 1, label("why_user", lang)

    def num(v):
        try:
            x = float(v)
            return x if math.isfinite(x) else None
        except (TypeError, ValueError):
            return None
    ok = [i for i, r in enumerate(recs) if str(r.get("status") or "ok").lower() == "ok"]
    front = [i for i in ok if num(recs[i].get("pareto")) == 1] if "pareto" in cols else list(ok)
    cand = front or ok
    for col, why in (("cost_total", "why_cost"), ("time_mean", "why_time")):
        vals = [(num(recs[i].get(col)), i) for i in cand if num(recs[i].get(col)) is not None]
        if vals:
            return min(vals)[1], label(why, lang)
    return None, None


def nice_scale_length(map_width_m: float, fraction: float = 0.25) -> float:
    """A round scale-bar length (1, 2 or 5 × 10^k metres) close to ``fraction`` of the map width."""
    if not map_width_m or map_width_m <= 0 or not math.isfinite(map_width_m):
        return 0.0
    target = map_width_m * fraction
    exp = 10 ** math.floor(math.log10(target))
    best = exp
    for m in (1, 2, 5, 10):
        if m * exp <= target:
            best = m * exp
    return float(best)


def scale_text(length_m: float, lang="fr") -> str:
    if length_m >= 1000:
        return f"{fmt_number(length_m / 1000, lang, 0 if float(length_m / 1000).is_integer() else 1)} km"
    return f"{fmt_number(length_m, lang, 0)} m"


def _pct_signed(v, lang):
    s = fmt_number(abs(v), lang, 1) + ("\u00a0%" if lang == "fr" else " %")
    return ("+" if v >= 0 else "-") + s


def deviation_note(table, lang="fr") -> str:
    """One sentence on what the largest and smallest population deviations mean."""
    cols, rows = _records(table)
    if "pop_dev_pct" not in cols or "pop" not in cols or not rows:
        return ""
    recs = [dict(zip(cols, r)) for r in rows]
    vals = [r for r in recs if not _is_missing(r.get("pop_dev_pct")) and not _is_missing(r.get("pop"))]
    if not vals:
        return ""
    mean = sum(float(r["pop"]) for r in recs if not _is_missing(r.get("pop"))) / len(recs)
    hi = max(vals, key=lambda r: float(r["pop_dev_pct"]))
    lo = min(vals, key=lambda r: float(r["pop_dev_pct"]))
    ex = []
    for r in (hi, lo):
        d = float(r["pop_dev_pct"])
        name = r.get("name") or r.get("territory")
        if d >= 0:
            ex.append(label("dev_more", lang).format(pct=_pct_signed(d, lang), name=name,
                                                       ratio=fmt_number(1 + d / 100, lang, 2)))
        else:
            ex.append(label("dev_less", lang).format(pct=_pct_signed(d, lang), name=name,
                                                       share=fmt_number(100 + d, lang, 0)))
    if hi is lo:
        ex = ex[:1]
    return label("dev_note", lang).format(mean=fmt_number(mean, lang, 0), examples=" ; ".join(ex) + ".")


def executive_summary(doc: Mapping, lang="fr") -> list:
    """The five (at most) plain sentences at the top of the report."""
    lang = lang_code(lang)
    L = lambda k: label(k, lang)  # noqa: E731
    out = []
    terr = doc.get("territories")
    cols, rows = _records(terr)
    recs = [dict(zip(cols, r)) for r in rows]
    tot = doc.get("totals") or {}
    eq = doc.get("equity") or {}
    n_sites = tot.get("n_sites")
    sites = L("sum_sites").format(n=fmt_number(n_sites, lang, 0)) if n_sites else ""
    if recs:
        out.append(L("sum_scope").format(n_communes=fmt_number(tot.get("n_communes"), lang, 0),
                                         pop=fmt_number(tot.get("pop"), lang, 0), n=len(recs), sites=sites))
    if not _is_missing(eq.get("mean_time")):
        thr = doc.get("threshold")
        key = "sum_access" if thr is not None and not _is_missing(eq.get("coverage_pct")) else "sum_access_nothr"
        out.append(L(key).format(mean=fmt_number(eq["mean_time"], lang, 1), pct=fmt_number(eq.get("coverage_pct"),
                                 lang, 0), thr=fmt_number(thr, lang, 0), max=fmt_number(eq.get("max_time"), lang, 0)))
    dev = [r for r in recs if not _is_missing(r.get("pop_dev_pct"))]
    if len(dev) >= 2:
        big = max(dev, key=lambda r: float(r["pop_dev_pct"]))
        small = min(dev, key=lambda r: float(r["pop_dev_pct"]))
        out.append(L("sum_balance").format(big=big.get("name") or big.get("territory"),
                                           big_pct=_pct_signed(float(big["pop_dev_pct"]), lang),
                                           small=small.get("name") or small.get("territory"),
                                           small_pct=_pct_signed(float(small["pop_dev_pct"]), lang)))
    sc = doc.get("scenarios")
    i, why = recommend(sc, doc.get("recommended"), lang) if sc is not None else (None, None)
    if i is not None:
        scol, srows = _records(sc)
        lab = srows[i][scol.index("scenario")]
        words = readable_scenario(lab, lang)
        shown = f"« {words} »" if lang == "fr" else f"\"{words}\""
        if words != str(lab):
            shown += f" ({lab})"
        out.append(L("sum_reco").format(label=shown, why=why))
    else:
        out.append(L("sum_no_scenario"))
    n_un = eq.get("n_unreachable")
    if not _is_missing(n_un) and float(n_un) > 0:
        out.append(L("sum_unreachable").format(n=fmt_number(n_un, lang, 0)))
    elif doc.get("network") == "road":
        out.append(L("sum_caveat_road"))
    elif doc.get("network") == "estimate":
        out.append(L("sum_caveat_estimate"))
    return out[:5]


def method_box(doc: Mapping, lang="fr") -> str:
    """The "Méthode et limites" box: travel times, populations and sources, indicators."""
    lang = lang_code(lang)
    L = lambda k: label(k, lang)  # noqa: E731
    items = []
    net = doc.get("network")
    if net in ("estimate", "road"):
        items.append(L("m_times_road" if net == "road" else "m_times_estimate"))
    year = doc.get("pop_year")
    src = doc.get("population_source") or L("insee")
    items.append((L("m_population") if year else L("m_population_noyear")).format(source=src, year=year))
    items.append(L("m_sources").format(doc.get("source") or L("default_source")))
    glossary = ["g_time_mean", "g_time_p90", "g_time_max", "g_within", "g_dev", "g_gini", "g_theil", "g_cv"]
    if doc.get("scenarios") is not None:
        glossary += ["g_pareto", "g_cost"]
    body = "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in items) + "</ul>"
    body += f"<h3>{esc(L('m_indicators'))}</h3><ul>" + "".join(f"<li>{esc(L(k))}</li>" for k in glossary) + "</ul>"
    return f'<div class="box method">{body}</div>'


SCENARIO_SHOWN = ["scenario", "n_territories", "n_offices", "time_mean", "time_p90", "time_max", "pct_pop_within",
                  "max_dev_pct", "gini_time", "cost_total", "n_changed", "pareto"]


def scenario_html(sc, lang="fr", recommended=None) -> str:
    """The scenario table for the page: readable labels (the code in small print), the columns
    that fit an A4 page, the recommended scenario highlighted, Pareto ones in bold."""
    cols, rows = _records(sc)
    shown = [c for c in SCENARIO_SHOWN if c in cols] or [c for c in cols if c != "fid"]
    lang = lang_code(lang)
    reco, _ = recommend(sc, recommended, lang)
    dec = {"time_mean": 1, "time_p90": 1, "time_max": 1, "pct_pop_within": 1, "max_dev_pct": 1, "gini_time": 3,
           "cost_total": 0, "n_territories": 0, "n_offices": 0, "n_changed": 0}
    out = ['<div class="tablewrap"><table class="scenarios"><thead><tr>']
    for c in shown:
        h = column_header("s", c, lang)
        out.append(f"<th>{esc(h)}</th>")
    out.append("</tr></thead><tbody>")
    for i, r in enumerate(rows):
        rec = dict(zip(cols, r))
        cls = []
        if "pareto" in rec and not _is_missing(rec["pareto"]) and float(rec["pareto"]) == 1:
            cls.append("best")
        if i == reco:
            cls.append("reco")
        out.append(f'<tr class="{" ".join(cls)}">' if cls else "<tr>")
        for c in shown:
            v = rec.get(c)
            if c == "scenario":
                words = readable_scenario(v, lang)
                code = f'<small class="code">{esc(v)}</small>' if words != str(v) else ""
                out.append(f"<td>{esc(words)}{code}</td>")
            elif c == "pareto":
                out.append(f"<td>{esc(label('yes' if (not _is_missing(v) and float(v) == 1) else 'no', lang))}</td>")
            elif _is_numeric(v):
                out.append(f'<td class="num">{fmt_number(v, lang, dec.get(c))}</td>')
            else:
                out.append(f"<td>{esc('—' if _is_missing(v) else v)}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    bad = [dict(zip(cols, r)) for r in rows]
    bad = [r for r in bad if str(r.get("status") or "ok").lower() != "ok"]
    note = label("scenario_note", lang)
    if bad:
        note += " " + ("Calcul en échec : " if lang == "fr" else "Failed runs: ") + ", ".join(
            f"{r.get('scenario')} ({r.get('status')})" for r in bad) + "."
    out.append(f'<p class="note">{esc(note)}</p>')
    return "".join(out)

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
    - ``services``, ``expectations``, ``premises``: any tables;
    - ``realignment``: the territory editor's section (HTML text of
      ``editing.realignment_html(model.realignment(), model.realignment_flows(), lang)``, or the
      pair (rows, flows)), placed after the territory table;
    - for the summary and the "method and limits" box: ``threshold`` (minutes), ``network``
      ("estimate" or "road"), ``pop_year``, ``population_source``, ``source`` (the source line),
      ``recommended`` (a scenario label or row number chosen by the authors).
    """
    lang = lang_code(lang)
    L = lambda k: label(k, lang) if k in STRINGS else str(k)  # noqa: E731
    title = doc.get("title") or L("default_title")
    date = doc.get("date") or _dt.datetime.now()
    if isinstance(date, (_dt.datetime, _dt.date)):
        date = date.strftime("%d/%m/%Y %H:%M") if lang == "fr" else date.strftime("%Y-%m-%d %H:%M")
    parts = [f"<h1>{esc(title)}</h1>",
             f'<p class="meta">{esc(L("generated").format(date, doc.get("version", "")))}</p>']

    summary = executive_summary(doc, lang)
    if summary:
        parts.append(_section(L("exec_summary"), '<div class="box summary"><ol>' +
                              "".join(f"<li>{esc(t)}</li>" for t in summary) + "</ol></div>", "summary"))
    parts.append(_section(L("method_box"), method_box(doc, lang), "method"))

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
        headers = {c: column_header("c", c, lang) for c in keep if c != "color"}
        dec = {"pop": 0, "n_communes": 0, "n_sites": 0, "time_mean": 1, "time_p90": 1, "time_max": 1,
               "pct_pop_within": 1, "pop_dev_pct": 1}
        total = doc.get("totals")
        if total:
            total = {c: total.get(c) for c in keep if c != "color"}
            total[keep[0]] = L("total")
        body = html_table(sub, lang, headers, decimals=dec, total_row=total, swatch_column="color",
                          css_class="territories")
        body = f'<div class="tablewrap">{body}</div><p class="note">{esc(L("method_note"))}</p>'
        dnote = deviation_note(sub, lang)
        if dnote:
            body += f'<p class="note">{esc(dnote)}</p>'
        parts.append(_section(L("territory_table"), body, "territories"))

    realign = doc.get("realignment")
    if realign:
        if not isinstance(realign, str):   # (rows, flows) of the territory editor
            from .editing import realignment_html
            rows_, flows_ = (realign + (None,))[:2] if isinstance(realign, tuple) else (realign, None)
            realign = realignment_html(rows_, flows_, lang)
        parts.append(realign)

    eq = doc.get("equity") or {}
    keys = [k for k in EQUITY_KEYS if k in eq and not _is_missing(eq[k])]
    pairs = [(column_header("e", k, lang), eq[k]) for k in keys]
    dec = [3 if k.startswith(("gini", "theil", "cv")) else (0 if k == "n_unreachable" else 1) for k in keys]
    if pairs:
        parts.append(_section(L("equity"), kv_table(pairs, lang, dec) + f'<p class="note">{esc(L("equity_note"))}</p>',
                              "equity"))

    sc = doc.get("scenarios")
    if sc is not None or doc.get("scenario_chart"):
        body = ""
        if sc is not None:
            body += scenario_html(sc, lang, doc.get("recommended"))
        body += _figure(doc.get("scenario_chart"), L("scenario_chart"), L("scenario_chart"))
        parts.append(_section(L("scenarios"), body, "scenarios"))

    for key in ("services", "expectations", "premises"):
        t = doc.get(key)
        if t is not None:
            parts.append(_section(L(key), '<div class="tablewrap">' + html_table(t, lang, css_class=key) + "</div>",
                                  key))

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

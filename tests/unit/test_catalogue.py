"""Organisation tools: service scoring, survey aggregation, premises sizing, table reading.

Every expected number is computed by hand in the comments.
"""
from pathlib import Path

import math

import numpy as np
import pandas as pd
import pytest

from optima.optima_plugin.core import catalogue
from optima.optima_plugin.core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "resources" / "sample" / "catalogue_services_fr.csv"
SURVEY = ROOT / "resources" / "sample" / "enquete_attentes_exemple.csv"

CRIT = list(catalogue.CRITERIA)


def services(*rows):
    """rows: (name, fc, pt, cl, ie, ee, er, et, ce)."""
    return pd.DataFrame([dict(zip(["service"] + CRIT, r)) for r in rows])


# ---------------------------------------------------------------------------------------
# score_services
# ---------------------------------------------------------------------------------------

def test_score_by_hand_default_weights():
    # FOR  (w 1, 1.5, 1, 0.75; sum 4.25): (5 + 1.5*4 + 3 + 0.75*2) / 4.25 = 15.5/4.25 = 62/17
    # AGAINST (w 1, 1.5, 1, 1; sum 4.5):  (1 + 1.5*2 + 3 + 0) / 4.5 = 7/4.5 = 14/9
    # score = 100 * (62/17 - 14/9) / 5 = 20 * 320/153 = 6400/153 = 41.83 -> territorialise
    df = catalogue.score_services(services(("A", 5, 4, 3, 2, 1, 2, 3, 0)))
    row = df.iloc[0]
    assert row["mean_for"] == pytest.approx(62 / 17)
    assert row["mean_against"] == pytest.approx(14 / 9)
    assert row["score"] == pytest.approx(6400 / 153)
    assert row["recommendation"] == "territorialise"
    # contributions: fc 100*5/21.25 = 23.5, pt 100*1.5*4/21.25 = 28.2 -> pt first, then fc
    assert row["deciding"] == "presence_terrain (+), frequence_contact (+)"


def test_score_equal_weights_and_other_scale():
    eq = {c: 1.0 for c in CRIT}
    # mean for = 14/4 = 3.5, mean against = 6/4 = 1.5 -> 100 * 2 / 5 = 40
    df = catalogue.score_services(services(("A", 5, 4, 3, 2, 1, 2, 3, 0)), weights=eq)
    assert df["score"].iloc[0] == pytest.approx(40.0)
    # scale 1-10: all FOR at 10, all AGAINST at 1 -> +100; the reverse -> -100
    df = catalogue.score_services(services(("P", 10, 10, 10, 10, 1, 1, 1, 1),
                                           ("C", 1, 1, 1, 1, 10, 10, 10, 10)), scale=(1, 10))
    assert df["score"].tolist() == pytest.approx([100.0, -100.0])
    assert df["recommendation"].tolist() == ["territorialise", "centralise"]


def test_weighting_flips_recommendation():
    svc = services(("Urbanisme", 4, 1, 3, 4, 2, 4, 2, 1))
    # defaults: for = (4 + 1.5 + 3 + 3)/4.25 = 46/17; against = (2 + 6 + 2 + 1)/4.5 = 22/9
    # score = 20 * (46/17 - 22/9) = 800/153 = 5.23 -> mixed
    d = catalogue.score_services(svc)
    assert d["score"].iloc[0] == pytest.approx(800 / 153)
    assert d["recommendation"].iloc[0] == "mixed"
    assert d["deciding"].iloc[0] == "frequence_contact (+), expertise_rare (-)"
    # elected officials and contact weigh 3, field presence 0.5:
    # for = (3*4 + 0.5*1 + 3 + 3*4)/7.5 = 11/3; score = 20 * (11/3 - 22/9) = 220/9 = 24.4
    w = {"frequence_contact": 3, "implication_elus": 3, "presence_terrain": 0.5}
    d2 = catalogue.score_services(svc, weights=w)
    assert d2["score"].iloc[0] == pytest.approx(220 / 9)
    assert d2["recommendation"].iloc[0] == "territorialise"
    # scarce expertise dominates: weights fc 0, ie 0, pt 3, cl 3, er 6:
    # for = (3*1 + 3*3)/6 = 2; against = (2 + 6*4 + 2 + 1)/9 = 29/9; score = 20*(2 - 29/9) = -220/9
    w3 = {"frequence_contact": 0, "implication_elus": 0, "presence_terrain": 3,
          "connaissance_locale": 3, "expertise_rare": 6}
    d3 = catalogue.score_services(svc, weights=w3)
    assert d3["score"].iloc[0] == pytest.approx(-220 / 9)
    assert d3["recommendation"].iloc[0] == "centralise"
    assert d3["deciding"].iloc[0].startswith("expertise_rare (-)")


def test_thresholds_are_inclusive_and_configurable():
    # for all 3, against all 2: diff 1 -> exactly +20 (default high threshold) -> territorialise
    df = catalogue.score_services(services(("T", 3, 3, 3, 3, 2, 2, 2, 2), ("C", 2, 2, 2, 2, 3, 3, 3, 3)))
    assert df["score"].tolist() == pytest.approx([20.0, -20.0])
    assert df["recommendation"].tolist() == ["territorialise", "centralise"]
    df = catalogue.score_services(services(("T", 3, 3, 3, 3, 2, 2, 2, 2)), thresholds=(-30, 30))
    assert df["recommendation"].iloc[0] == "mixed"
    with pytest.raises(InputError, match="thresholds"):
        catalogue.score_services(services(("T", 3, 3, 3, 3, 2, 2, 2, 2)), thresholds=(30, -30))


def test_input_columns_kept_and_zero_weight_column_optional():
    t = services(("A", 5, 4, 3, 2, 1, 2, 3, 0))
    t["commentaire"] = "note"
    t = t.drop(columns=["cout_equipement"])
    df = catalogue.score_services(t, weights={"cout_equipement": 0})
    assert "commentaire" in df.columns and df["commentaire"].iloc[0] == "note"
    # against = (1 + 3 + 3)/3.5 = 2; for = 62/17; score = 20 * (62/17 - 2)
    assert df["score"].iloc[0] == pytest.approx(20 * (62 / 17 - 2))


def test_missing_columns_named():
    t = services(("A", 5, 4, 3, 2, 1, 2, 3, 0)).drop(columns=["expertise_rare", "cout_equipement"])
    with pytest.raises(InputError) as e:
        catalogue.score_services(t)
    assert "'expertise_rare'" in str(e.value) and "'cout_equipement'" in str(e.value)


def test_bad_scores_name_row_and_column():
    t = services(("Voirie", 5, 4, 3, 2, 1, 2, 3, 0), ("Archives", 1, 1, 2, 1, 4, 7, 4, 5),
                 ("Sport", 3, "élevé", 3, 3, 3, 2, 2, 4), ("Tourisme", 3, 3, None, 3, 3, 2, 1, 2))
    with pytest.raises(InputError) as e:
        catalogue.score_services(t)
    msg = str(e.value)
    # header = line 1, so the 2nd service is on line 3
    assert "line 3 (service 'Archives'), column 'expertise_rare': 7 is outside [0, 5]" in msg
    assert "line 4 (service 'Sport'), column 'presence_terrain': 'élevé' is not a number" in msg
    assert "line 5 (service 'Tourisme'), column 'connaissance_locale': empty value" in msg


def test_bad_weights_and_duplicates():
    t = services(("A", 5, 4, 3, 2, 1, 2, 3, 0))
    with pytest.raises(InputError, match="proximite"):
        catalogue.score_services(t, weights={"proximite": 2})
    with pytest.raises(InputError, match=">= 0"):
        catalogue.score_services(t, weights={"expertise_rare": -1})
    with pytest.raises(InputError, match="positive weight"):
        catalogue.score_services(t, weights={c: 0 for c in catalogue.AGAINST_CRITERIA})
    with pytest.raises(InputError, match="already on line 2"):
        catalogue.score_services(services(("A", 5, 4, 3, 2, 1, 2, 3, 0), ("A", 1, 1, 1, 1, 1, 1, 1, 1)))


def test_template_loads_scores_and_mixes(tmp_path):
    t = catalogue.read_table(TEMPLATE)
    assert 20 <= len(t) <= 30
    for c in ["service", "politique_publique", "effectif_pour_1000_hab", "part_terrain", "commentaire"] + CRIT:
        assert c in t.columns
    assert t["part_terrain"].between(0, 1).all()          # decimal commas understood
    df = catalogue.score_services(t)
    counts = df["recommendation"].value_counts()
    assert set(counts.index) == {"territorialise", "mixed", "centralise"}
    assert counts.min() >= 3
    assert df.set_index("service").loc["Ressources humaines", "recommendation"] == "centralise"
    assert df.set_index("service").loc["Police municipale", "recommendation"] == "territorialise"
    png = catalogue.score_chart(df, tmp_path / "scores.png")
    assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------------------------------
# read_table
# ---------------------------------------------------------------------------------------

def test_read_table_separators_encodings_lines(tmp_path):
    p1 = tmp_path / "comma.csv"
    p1.write_text("service,frequence_contact,insee\nA,4.5,01001\nB,3,31555\n", encoding="utf-8")
    t1 = catalogue.read_table(p1)
    assert t1["frequence_contact"].tolist() == [4.5, 3.0]
    assert t1["insee"].tolist() == ["01001", "31555"]      # codes stay text
    p2 = tmp_path / "semicolon.csv"
    p2.write_bytes("\ufeffservice;part_terrain;commentaire\nÉtat civil;0,5;\"a; b\"\n".encode("utf-8"))
    t2 = catalogue.read_table(p2)
    assert list(t2.columns) == ["service", "part_terrain", "commentaire"]
    assert t2["part_terrain"].iloc[0] == 0.5 and t2["commentaire"].iloc[0] == "a; b"
    assert t2["service"].iloc[0] == "État civil"
    p3 = tmp_path / "latin1.csv"
    p3.write_bytes("service;x\nEspaces verts élagués;1\n".encode("latin-1"))
    assert catalogue.read_table(p3)["service"].iloc[0] == "Espaces verts élagués"
    # blank line: the bad row is on file line 4, and the message says so
    p4 = tmp_path / "blank.csv"
    rows = ";".join(["service"] + CRIT)
    p4.write_text(rows + "\nA;5;4;3;2;1;2;3;0\n\nB;5;4;3;2;1;9;3;0;;\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4 \(service 'B'\), column 'expertise_rare'"):
        catalogue.score_services(catalogue.read_table(p4))
    p5 = tmp_path / "extra.csv"
    p5.write_text("a;b\n1;2;3\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 3 fields"):
        catalogue.read_table(p5)
    with pytest.raises(InputError, match="not found"):
        catalogue.read_table(tmp_path / "nope.csv")


# ---------------------------------------------------------------------------------------
# territory_expectations
# ---------------------------------------------------------------------------------------

MAPPING = {"31555": "Toulouse", "31069": "Ouest", "31557": "Ouest", "31483": "Comminges", "31395": "Muretain"}
POP = {"Toulouse": 1000, "Ouest": 2000, "Comminges": 500, "Muretain": 100}


def survey():
    return pd.DataFrame({
        "insee": [31555, "31555", "31555", "31555", "31069", "31557", "31483"],
        "satisfaction": [4, 5, 3, 4, 2, 3, 5],
        "priorite": ["Voirie", "Voirie", "Propreté", None, "Sécurité", "Voirie", "Propreté"],
    })


def test_expectations_by_hand():
    from scipy import stats
    out = catalogue.territory_expectations(survey(), MAPPING, POP, min_responses=3).set_index("territory")
    assert list(out.index) == ["Toulouse", "Ouest", "Comminges", "Muretain"]
    # Toulouse: 4, 5, 3, 4 -> mean 4, s = sqrt(2/3); t_{0.975, 3} = stats.t.ppf(0.975, 3) = 3.18245
    # half-width = 3.18245 * sqrt(2/3) / 2 = 1.29923 -> [2.70077, 5.29923]
    t3 = stats.t.ppf(0.975, 3)
    assert t3 == pytest.approx(3.182446, abs=1e-6)
    to = out.loc["Toulouse"]
    assert to["n_responses"] == 4 and to["responses_per_1000"] == pytest.approx(4.0)
    assert to["satisfaction_mean"] == pytest.approx(4.0)
    assert to["satisfaction_sd"] == pytest.approx(math.sqrt(2 / 3))
    assert to["ci_low"] == pytest.approx(4 - 1.299228, abs=1e-5)
    assert to["ci_high"] == pytest.approx(4 + 1.299228, abs=1e-5)
    # Ouest: 2, 3 -> mean 2.5, s = sqrt(0.5); t_{0.975, 1} = 12.7062; half = 12.7062 * 0.5 = 6.3531
    ou = out.loc["Ouest"]
    assert ou["ci_low"] == pytest.approx(2.5 - 6.353102, abs=1e-5)
    assert ou["ci_high"] == pytest.approx(2.5 + 6.353102, abs=1e-5)
    assert ou["responses_per_1000"] == pytest.approx(1.0)
    # Comminges: n = 1 -> mean 5, no interval
    co = out.loc["Comminges"]
    assert co["satisfaction_mean"] == 5 and np.isnan(co["ci_low"]) and np.isnan(co["ci_high"])
    # gap to the mean of all answers pooled: 26/7
    assert to["gap_to_mean"] == pytest.approx(4 - 26 / 7)
    assert ou["gap_to_mean"] == pytest.approx(2.5 - 26 / 7)
    assert co["gap_to_mean"] == pytest.approx(5 - 26 / 7)
    assert out.attrs["overall_mean"] == pytest.approx(26 / 7)


def test_expectations_shares_small_sample_and_zero_territory():
    out = catalogue.territory_expectations(survey(), MAPPING, POP, min_responses=3).set_index("territory")
    shares = [c for c in out.columns if c.startswith("share_")]
    assert shares == ["share_Propreté", "share_Sécurité", "share_Voirie"]
    # Toulouse answered 3 priorities (one blank): Voirie 2/3, Propreté 1/3
    assert out.loc["Toulouse", "n_priority"] == 3
    assert out.loc["Toulouse", shares].tolist() == pytest.approx([1 / 3, 0, 2 / 3])
    assert out.loc["Ouest", shares].tolist() == pytest.approx([0, 0.5, 0.5])
    assert out.loc[["Toulouse", "Ouest", "Comminges"], shares].sum(axis=1).tolist() == pytest.approx([1, 1, 1])
    # small samples flagged, not hidden; the territory without answers is listed with n = 0
    assert out["small_sample"].tolist() == [False, True, True, True]
    mu = out.loc["Muretain"]
    assert mu["n_responses"] == 0 and mu["responses_per_1000"] == 0
    assert np.isnan(mu["satisfaction_mean"]) and np.isnan(mu["share_Voirie"])
    # default min_responses = 30: all small
    assert catalogue.territory_expectations(survey(), MAPPING, POP)["small_sample"].all()


def test_expectations_mapping_as_table_and_leading_zeros():
    m = pd.DataFrame({"insee": [1001, "01002"], "territoire": ["Ain", "Ain"]})
    r = pd.DataFrame({"insee": ["01001", 1002, "1001"], "satisfaction": [1, 2, 3]})
    out = catalogue.territory_expectations(r, m, {"Ain": 3000}, priority_field=None)
    assert out["n_responses"].tolist() == [3] and out["satisfaction_mean"].iloc[0] == pytest.approx(2.0)
    assert not any(c.startswith("share_") for c in out.columns)


def test_expectations_unknown_communes():
    r = survey()
    r.loc[2, "insee"] = "31999"
    r.loc[5, "insee"] = ""
    with pytest.raises(InputError) as e:
        catalogue.territory_expectations(r, MAPPING, POP)
    msg = str(e.value)
    assert "2 answer(s)" in msg and "line 4 (commune '31999')" in msg and "line 7 (empty code)" in msg
    logs = []
    out = catalogue.territory_expectations(r, MAPPING, POP, unknown="skip", log=logs.append)
    assert out.attrs["n_skipped"] == 2 and "2 answer(s) skipped" in logs[0]
    assert out.set_index("territory").loc["Toulouse", "n_responses"] == 3


def test_expectations_bad_values_named():
    r = survey()
    r.loc[1, "satisfaction"] = 6
    with pytest.raises(InputError, match=r"line 3 \(commune '31555'\), column 'satisfaction': 6 is outside \[1, 5\]"):
        catalogue.territory_expectations(r, MAPPING, POP)
    r = survey().astype({"satisfaction": object})
    r.loc[0, "satisfaction"] = "bof"
    with pytest.raises(InputError, match=r"line 2 .*'bof' is not a number"):
        catalogue.territory_expectations(r, MAPPING, POP)
    with pytest.raises(InputError, match="'satisfaction'"):
        catalogue.territory_expectations(survey().drop(columns=["satisfaction"]), MAPPING, POP)
    with pytest.raises(InputError, match="No population given for territory.*Muretain"):
        catalogue.territory_expectations(survey(), MAPPING, {"Toulouse": 1, "Ouest": 1, "Comminges": 1})


def test_shipped_survey_example():
    r = catalogue.read_table(SURVEY)
    assert r["insee"].str.startswith("31").all()
    m = {"31555": "Toulouse", "31069": "Nord-Ouest", "31149": "Nord-Ouest", "31557": "Nord-Ouest",
         "31424": "Nord-Ouest", "31291": "Nord-Ouest", "31395": "Sud", "31433": "Sud", "31107": "Sud",
         "31033": "Sud", "31499": "Sud", "31483": "Comminges", "31390": "Comminges", "31042": "Comminges",
         "31451": "Lauragais"}
    out = catalogue.territory_expectations(r, m).set_index("territory")
    assert out["n_responses"].sum() == len(r)
    assert out.loc["Lauragais", "n_responses"] == 0 and out.loc["Comminges", "small_sample"]


# ---------------------------------------------------------------------------------------
# premises_requirements
# ---------------------------------------------------------------------------------------

def small_catalogue():
    return pd.DataFrame({
        "service": ["Voirie", "Urbanisme", "Finances"],
        "effectif_pour_1000_hab": [2.0, 1.0, 5.0],
        "part_terrain": [0.5, "0 %", 0.0],
        "recommendation": ["territorialise", "Mixte", "centralise"],
    })


def test_premises_by_hand():
    sites = pd.DataFrame({"site_id": ["P1"], "territory": ["Nord"], "population": [10000]})
    per_site, assumptions, bd = catalogue.premises_requirements(sites, small_catalogue(), return_breakdown=True)
    s = per_site.iloc[0]
    # Voirie: 2 x 10 = 20 staff, 10 field / 10 office; Urbanisme: 1 x 10 x 50 % = 5 office; Finances: 0
    assert s["staff_total"] == pytest.approx(25) and s["staff_field"] == pytest.approx(10)
    assert s["staff_office"] == pytest.approx(15)
    # workstations = 15 x 1 + 10 x 0.2 = 17 -> office 17 x 12 = 204 m²
    assert s["workstations"] == 17 and s["office_m2"] == pytest.approx(204)
    # visits/day = 10 x 300 / 250 = 12; simultaneous = 12 x (20/60) / 7 x 2 = 1.14 -> 4.6 m² < 20 m² minimum
    assert s["visits_per_day"] == pytest.approx(12) and s["reception_m2"] == pytest.approx(20)
    # meeting rooms: ceil(17/15) = 2 x 20 = 40 m²; technical = 10 x 8 + 15 = 95 m²
    assert s["meeting_rooms"] == 2 and s["meeting_m2"] == pytest.approx(40)
    assert s["technical_m2"] == pytest.approx(95)
    # vehicles = 10 x 0.5 + 15 x 0.05 = 5.75 -> 6 spaces x 25 = 150 m²
    assert s["parking_spaces"] == 6 and s["parking_m2"] == pytest.approx(150)
    # total = (204 + 20 + 40 + 95) x 1.25 = 359 x 1.25 = 448.75; + parking = 598.75
    assert s["overhead_m2"] == pytest.approx(89.75)
    assert s["total_m2"] == pytest.approx(448.75)
    assert s["total_with_parking_m2"] == pytest.approx(598.75)
    assert s["territory"] == "Nord"
    # breakdown: centralised service omitted; sums match the site
    assert bd["service"].tolist() == ["Voirie", "Urbanisme"]
    assert bd["staff"].tolist() == pytest.approx([20, 5])
    assert bd["staff"].sum() == pytest.approx(s["staff_total"])
    assert any("12 m²" in a for a in assumptions)
    assert catalogue.premises_breakdown(sites, small_catalogue()).equals(bd)


def test_premises_custom_ratios():
    sites = pd.DataFrame({"site_id": ["A", "B"], "population": [40000, 0]})
    r = {"mixed_share": 1.0, "visit_minutes": 35, "circulation_share": 0}
    per_site, _ = catalogue.premises_requirements(sites, small_catalogue(), ratios=r, lang="en")
    a, b = per_site.iloc[0], per_site.iloc[1]
    # Voirie 80 (40 field), Urbanisme 40 x 100 % = 40 office -> 120 staff, 80 office
    assert a["staff_total"] == pytest.approx(120) and a["staff_office"] == pytest.approx(80)
    # visits/day = 40 x 300 / 250 = 48; simultaneous = 48 x 35/60 / 7 x 2 = 8 -> 32 m²
    assert a["simultaneous_visitors"] == pytest.approx(8) and a["reception_m2"] == pytest.approx(32)
    # workstations 80 + 8 = 88 -> 1056 m²; rooms ceil(88/15) = 6 -> 120; technical 40 x 8 + 15 = 335
    assert a["total_m2"] == pytest.approx(1056 + 32 + 120 + 335)
    # a site serving nobody needs nothing
    assert b["staff_total"] == 0 and b["total_m2"] == 0 and b["parking_spaces"] == 0
    assert "territory" not in per_site.columns


def test_premises_bad_inputs():
    sites = pd.DataFrame({"site_id": ["P1", "P2"], "population": [1000, "beaucoup"]})
    with pytest.raises(InputError, match=r"line 3 \(site 'P2'\), column 'population'"):
        catalogue.premises_requirements(sites, small_catalogue())
    ok_sites = pd.DataFrame({"site_id": ["P1"], "population": [1000]})
    cat = small_catalogue()
    cat.loc[0, "part_terrain"] = 60
    cat.loc[1, "recommendation"] = "peut-être"
    with pytest.raises(InputError) as e:
        catalogue.premises_requirements(ok_sites, cat)
    msg = str(e.value)
    assert "line 3 (service 'Urbanisme'), column 'recommendation'" in msg
    assert "line 2 (service 'Voirie'), column 'part_terrain': 60 is outside [0, 1]" in msg
    with pytest.raises(InputError, match="'effectif_pour_1000_hab'"):
        catalogue.premises_requirements(ok_sites, small_catalogue().drop(columns=["effectif_pour_1000_hab"]))
    with pytest.raises(InputError, match="Unknown ratio"):
        catalogue.premises_requirements(ok_sites, small_catalogue(), ratios={"m2_par_poste": 10})
    with pytest.raises(InputError, match="mixed_share"):
        catalogue.premises_requirements(ok_sites, small_catalogue(), ratios={"mixed_share": 1.5})


def test_premises_from_scored_template():
    scored = catalogue.score_services(catalogue.read_table(TEMPLATE))
    sites = pd.DataFrame({"site_id": ["S1", "S2"], "territory": ["Toulouse", "Comminges"],
                          "population": [100000, 30000]})
    per_site, assumptions = catalogue.premises_requirements(sites, scored)
    assert (per_site["total_m2"] > 0).all() and len(assumptions) >= 8
    # staff is proportional to population
    assert per_site["staff_total"].iloc[0] / per_site["staff_total"].iloc[1] == pytest.approx(100 / 30)

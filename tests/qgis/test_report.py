"""optima:territorialisation_report through processing.run: a hand-built case whose figures are
known by hand, both languages, optional sections, self-containment, the maps drawn by QGIS."""
import base64
import re
from html.parser import HTMLParser

import pytest

ALG = "optima:territorialisation_report"
T1_COLOR, T2_COLOR = "#77AADD", "#EE8866"

# four 2 km squares in a row: A B in T1, C D in T2; times to the site (min) and populations
COMMUNES = [("A", "A1", "T1", 100, 0.0), ("B", "B1", "T1", 300, 30.0),
            ("C", "C1", "T2", 200, 10.0), ("D", "D1", "T2", 600, 0.0)]


class Tables(HTMLParser):
    """Every <table> of the page: {class: [[cell text, ...], ...]}, plus every src/href."""

    def __init__(self):
        super().__init__()
        self.tables, self.refs, self.imgs = {}, [], []
        self._cls, self._row, self._cell = None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href"):
            if k in a:
                self.refs.append(a[k])
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if tag == "table":
            self._cls = a.get("class") or f"table{len(self.tables)}"
            self.tables[self._cls] = []
        elif tag == "tr" and self._cls:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._cls].append(self._row)
            self._row = None
        elif tag == "table":
            self._cls = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def parse(text):
    p = Tables()
    p.feed(text)
    return p


def num(s, lang="fr"):
    """'1 234,5' (French) or '1,234.5' (English) -> float."""
    s = s.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    return float(s.replace(",", ".") if lang == "fr" else s.replace(",", ""))


def make_layers(with_time=True, with_sites=True):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer
    fields = "nom:string&field=insee:string&field=territory:string&field=population:integer"
    if with_time:
        fields += "&field=time_min:double"
    c = QgsVectorLayer(f"Polygon?crs=EPSG:2154&field={fields}", "communes", "memory")
    feats = []
    for k, (nom, insee, terr, pop, t) in enumerate(COMMUNES):
        f = QgsFeature(c.fields())
        f.setAttributes([nom, insee, terr, pop] + ([t] if with_time else []))
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 2000, 0, (k + 1) * 2000, 2000)))
        feats.append(f)
    assert c.dataProvider().addFeatures(feats)[0]
    t = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:string&field=color:string&field=name:string",
                       "territories", "memory")
    feats = []
    for k, (terr, color, name) in enumerate([("T1", T1_COLOR, "Nord"), ("T2", T2_COLOR, None)]):
        f = QgsFeature(t.fields())
        f.setAttributes([terr, color, name])
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 4000, 0, (k + 1) * 4000, 2000)))
        feats.append(f)
    assert t.dataProvider().addFeatures(feats)[0]
    s = None
    if with_sites:
        s = QgsVectorLayer("Point?crs=EPSG:2154&field=site_id:string&field=territory:string&field=nom:string",
                           "sites", "memory")
        feats = []
        for x, attrs in [(1000, ["S1", "T1", "A"]), (7000, ["S2", "T2", "D"])]:
            f = QgsFeature(s.fields())
            f.setAttributes(attrs)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, 1000)))
            feats.append(f)
        assert s.dataProvider().addFeatures(feats)[0]
    return c, t, s


def run_report(run_alg, tmp_path, lang=0, name="r.html", **extra):
    c, t, s = make_layers(**{k: extra.pop(k) for k in ("with_time", "with_sites") if k in extra})
    params = {"COMMUNES": c, "TERRITORIES": t, "THRESHOLD_MIN": 15, "LANGUAGE": lang,
              "OUTPUT_HTML": str(tmp_path / name)}
    if s is not None:
        params["SITES"] = s
    params.update(extra)
    res = run_alg(ALG, params)
    return res, open(res["OUTPUT_HTML"], encoding="utf-8").read()


def png_bytes(src):
    assert src.startswith("data:image/png;base64,"), src[:40]
    data = base64.b64decode(src.split(",", 1)[1], validate=True)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return data


def colors_in(png):
    """The set of #rrggbb colours of a PNG (QImage, sampled on a grid)."""
    from qgis.PyQt.QtGui import QImage
    img = QImage.fromData(png, "PNG")
    assert not img.isNull()
    out = set()
    for x in range(0, img.width(), 3):
        for y in range(0, img.height(), 3):
            out.add(img.pixelColor(x, y).name().upper())
    return out


def test_territory_table_values_french(run_alg, tmp_path):
    res, text = run_report(run_alg, tmp_path)
    assert (res["N_TERRITORIES"], res["N_COMMUNES"], res["N_MAPS"]) == (2, 4, 2)
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text
    page = parse(text)
    rows = page.tables["territories"]
    assert rows[0][:4] == ["Territoire", "Nom", "Population", "Communes"]
    head = rows[0]
    body = {r[0]: dict(zip(head, r)) for r in rows[1:]}
    assert set(body) == {"T1", "T2", "Ensemble"}
    t1, t2, tot = body["T1"], body["T2"], body["Ensemble"]
    # names: the layer's name, else the site's commune
    assert t1["Nom"] == "Nord" and t2["Nom"] == "D"
    assert num(t1["Population"]) == 400 and num(t2["Population"]) == 800 and num(tot["Population"]) == 1200
    assert num(t1["Communes"]) == 2 and num(tot["Communes"]) == 4 and num(t1["Sites"]) == 1
    # T1: (100*0 + 300*30)/400 = 22.5; p90: 90 % of 400 live within 30; T2: 200*10/800 = 2.5
    assert num(t1["Temps moyen (min)"]) == 22.5 and num(t2["Temps moyen (min)"]) == 2.5
    assert num(t1["Temps de 90 % des habitants (min)"]) == 30 and num(t2["Temps de 90 % des habitants (min)"]) == 10
    assert num(t1["Temps max (min)"]) == 30
    assert num(t1["Pop. sous le seuil (%)"]) == 25 and num(t2["Pop. sous le seuil (%)"]) == 100
    # mean territory population 600: -33.3 % and +33.3 %
    dev = "Écart à la population moyenne (%)"
    assert num(t1[dev]) == pytest.approx(-33.3) and num(t2[dev]) == pytest.approx(33.3)
    # overall: mean time (9000 + 2000) / 1200 = 9.17 min, coverage 900/1200 = 75 %
    eq = {r[0]: r[1] for r in page.tables["kv"] if len(r) == 2}
    assert num(eq["Temps moyen (min)"]) == pytest.approx(9.2)
    assert num(eq["Population sous le seuil (%)"]) == 75
    assert num(eq["Plus grand écart à la population moyenne (%)"]) == pytest.approx(33.3)
    assert "Inégalité des temps d'accès (indice de Gini, 0 à 1)" in eq
    assert "1\u202f200" in text   # French thousands separator


def test_english_labels(run_alg, tmp_path):
    _, text = run_report(run_alg, tmp_path, lang=1, TITLE="My report")
    assert '<html lang="en">' in text and "<title>My report</title>" in text
    assert "Indicators per territory" in text and "Overall equity" in text
    assert "Indicateurs par territoire" not in text
    rows = parse(text).tables["territories"]
    assert rows[0][:3] == ["Territory", "Name", "Population"]
    assert rows[-1][0] == "All" and num(rows[-1][2], "en") == 1200   # English: 1,200


def test_self_contained_maps_drawn_by_qgis(run_alg, tmp_path):
    from optima.optima_plugin.core.report_html import external_references
    _, text = run_report(run_alg, tmp_path)
    page = parse(text)
    assert external_references(text) == []
    assert not re.search(r"https?://", text)
    assert all(r.startswith("data:image/png;base64,") for r in page.refs)
    assert len(page.imgs) == 2
    terr_png, time_png = (png_bytes(s) for s in page.imgs)
    # the territory map shows both territory colours (categorized on "color")
    cols = colors_in(terr_png)
    assert T1_COLOR in cols and T2_COLOR in cols
    # the time map: graduated YlOrRd, 0-10 min (A, D) and 30-45 min (B) classes both drawn
    tcols = colors_in(time_png)
    assert T1_COLOR not in tcols
    legend = re.findall(r'class="swatch" style="background:(#[0-9a-fA-F]{6})"></span>([^<]*)</span>', text)
    assert len(legend) >= 4
    drawn = [c for c, _ in legend if c.upper() in tcols]
    assert len(drawn) >= 2, (legend, len(tcols))


def test_optional_sections(run_alg, tmp_path):
    from qgis.core import QgsFeature, QgsVectorLayer
    sc = QgsVectorLayer("None?field=scenario:string&field=n_territories:integer&field=time_mean:double"
                        "&field=pareto:integer", "scenarios", "memory")
    feats = []
    for row in (["K=6", 6, 12.5, 1], ["K=8", 8, 9.25, 1]):
        f = QgsFeature(sc.fields())
        f.setAttributes(row)
        feats.append(f)
    sc.dataProvider().addFeatures(feats)
    svc = QgsVectorLayer("None?field=service:string&field=score:double", "svc", "memory")
    f = QgsFeature(svc.fields())
    f.setAttributes(["État civil", 4.5])
    svc.dataProvider().addFeatures([f])
    chart = tmp_path / "chart.png"
    from qgis.PyQt.QtGui import QColor, QImage
    img = QImage(40, 20, QImage.Format_RGB32)
    img.fill(QColor("#123456"))
    assert img.save(str(chart), "PNG")
    _, text = run_report(run_alg, tmp_path, SCENARIOS=sc, SCENARIO_CHART=str(chart), SERVICES_TABLE=svc)
    page = parse(text)
    rows = page.tables["scenarios"]
    assert rows[0][:2] == ["Scénario", "Territoires"] and [r[0] for r in rows[1:]] == ["K=6", "K=8"]
    assert num(rows[2][2]) == pytest.approx(9.25, abs=0.051)
    assert page.tables["services"][1] == ["État civil", "4,50"]
    assert "Catalogue des services" in text and "Attentes par territoire" not in text
    assert len(page.imgs) == 3 and colors_in(png_bytes(page.imgs[2])) == {"#123456"}


def test_clustering_output_without_times(run_alg, tmp_path):
    res, text = run_report(run_alg, tmp_path, with_time=False, with_sites=False)
    assert res["N_MAPS"] == 1 and "time_min" in res["_log"]
    rows = parse(text).tables["territories"]
    assert "Temps moyen (min)" not in rows[0] and rows[0][:3] == ["Territoire", "Nom", "Population"]
    # no site: T2 is named after its most populous commune
    assert {r[0]: r[1] for r in rows[1:]}["T2"] == "D"


def test_bad_chart_is_refused(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    bad = tmp_path / "chart.png"
    bad.write_text("not a png")
    with pytest.raises(QgsProcessingException):
        run_report(run_alg, tmp_path, SCENARIO_CHART=str(bad))


def test_pure_helpers():
    from optima.optima_plugin.core import report_html as rh
    assert rh.fmt_number(1234.5, "fr", 1) == "1\u202f234,5" and rh.fmt_number(1234.5, "en", 1) == "1,234.5"
    assert rh.fmt_number(None) == "—" and rh.fmt_number(float("nan")) == "—"
    tab = rh.territory_table_from_communes(["b", "a", "a"], [10, 30, 10], [5.0, 0.0, 20.0], threshold_min=10)
    a, b = tab.to_dict(orient="records")
    assert (a["territory"], a["pop"], a["time_mean"], a["time_max"], a["pct_pop_within"]) == ("a", 40, 5.0, 20, 75)
    assert b["pop_dev_pct"] == pytest.approx(-60)
    assert rh.external_references('<img src="https://x/y.png"><div style="background:url(//cdn/a)">') == \
        ["https://x/y.png", "//cdn/a"]
    with pytest.raises(ValueError):
        rh.png_data_uri(b"GIF89a")


def scenario_layer():
    from qgis.core import QgsFeature, QgsVectorLayer
    cols = ["scenario:string", "n_territories:integer", "balance_tol:double", "keep_whole:integer",
            "problem:string", "n_offices:integer", "time_mean:double", "max_dev_pct:double", "inhab_min:double",
            "cost_fixed:double", "cost_total:double", "pareto:integer", "n_changed:integer", "status:string"]
    sc = QgsVectorLayer("None?" + "&".join("field=" + c for c in cols), "scenarios", "memory")
    rows = [["N4-tol10-whole-pmedian", 4, 10, 1, "p_median", 4, 14.0, 8.0, 1e6, 4e5, 9.0e5, 1, 3, "ok"],
            ["N6-tol10-whole-pmedian", 6, 10, 1, "p_median", 6, 11.0, 9.5, 8e5, 6e5, 9.5e5, 1, 5, "ok"],
            ["N8-tol10-whole-pmedian", 8, 10, 1, "p_median", 8, 12.0, 9.0, 9e5, 8e5, 1.2e6, 0, 9, "ok"],
            ["N3-tol10-whole-pmedian", 3, 10, 1, "p_median", 3, None, None, None, None, 1.0e5, 0, None,
             "failed: infeasible"]]
    feats = []
    for r in rows:
        f = QgsFeature(sc.fields())
        f.setAttributes(r)
        feats.append(f)
    assert sc.dataProvider().addFeatures(feats)[0]
    return sc


def test_summary_method_and_plain_scenarios(run_alg, tmp_path):
    _, text = run_report(run_alg, tmp_path, SCENARIOS=scenario_layer())
    summary = re.search(r'<section id="summary">.*?</section>', text, re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", summary)
    assert 3 <= len(items) <= 5
    assert items[0].startswith("Cette organisation regroupe 4 communes (1\u202f200 habitants) en 2 territoires")
    assert "9,2 min" in items[1] and "75 % des habitants sont à moins de 15 min" in items[1]
    # the cheapest non-dominated scenario computed without error (not the failed cheaper one)
    reco = next(i for i in items if i.startswith("Scénario recommandé"))
    assert "4 territoires, populations à ±10 % près, EPCI gardés entiers, temps moyen le plus court" in reco
    assert "N4-tol10-whole-pmedian" in reco and "moins coûteux" in reco
    # jargon: no raw field name as a header, labels readable, the code kept in small print
    rows = parse(text).tables["scenarios"]
    head = rows[0]
    for raw in ("fid", "balance_tol", "keep_whole", "inhab_min", "cost_fixed", "n_changed", "status", "pareto"):
        assert raw not in head
    assert "Compromis non dominé" in head and "Coût total (€/an)" in head
    assert rows[1][0] == "4 territoires, populations à ±10 % près, EPCI gardés entiers, temps moyen le plus " \
                         "courtN4-tol10-whole-pmedian"
    assert '<tr class="best reco">' in text and "Calcul en échec : N3-tol10-whole-pmedian" in text
    # method and limits: the proxy explained, populations without a vintage said so, sources
    method = re.search(r'<section id="method">.*?</section>', text, re.S).group(0)
    assert "multipliée par 1,3" in method and "60 km/h" in method
    assert "millésime non indiqué" in method and "Sources : INSEE" in method
    assert "Inégalité (Gini)" in method and "Compromis non dominé" in method
    # deviations explained in words
    assert "un territoire moyen compte 600 habitants" in text
    assert "+33,3\u00a0% (D) veut dire 1,33 fois cette moyenne" in text
    assert "-33,3\u00a0% (Nord) veut dire 67 % de cette moyenne seulement" in text


def test_road_network_chosen_scenario_and_source(run_alg, tmp_path):
    _, text = run_report(run_alg, tmp_path, lang=1, SCENARIOS=scenario_layer(), TRAVEL_TIMES=1,
                         RECOMMENDED_SCENARIO="n8-tol10-whole-pmedian", SOURCE="Conseil départemental")
    assert "computed on a road layer" in text and "1.3" not in re.search(
        r'<section id="method">.*?</section>', text, re.S).group(0)
    assert "Recommended scenario: &quot;8 territories" in text and "chosen by the authors" in text
    assert "Sources: Conseil départemental." in text


def test_territory_name_field_everywhere(run_alg, tmp_path):
    from qgis.core import QgsField
    from optima.optima_plugin.compat import FieldType
    c, t, s = make_layers()
    t.dataProvider().addAttributes([QgsField("libelle", FieldType.String)])
    t.updateFields()
    idx = t.fields().indexOf("libelle")
    t.dataProvider().changeAttributeValues({f.id(): {idx: n} for f, n in zip(t.getFeatures(), ["Coteaux", "Vallée"])})
    res = run_alg(ALG, {"COMMUNES": c, "TERRITORIES": t, "SITES": s, "TERRITORY_NAME_FIELD": "libelle",
                        "OUTPUT_HTML": str(tmp_path / "n.html")})
    text = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    rows = parse(text).tables["territories"]
    assert {r[0]: r[1] for r in rows[1:]} == {"T1": "Coteaux", "T2": "Vallée", "Ensemble": "—"}
    assert "(Vallée) veut dire" in text
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException):
        run_alg(ALG, {"COMMUNES": c, "TERRITORIES": t, "TERRITORY_NAME_FIELD": "nope",
                      "OUTPUT_HTML": str(tmp_path / "m.html")})


def test_maps_have_scale_bar_north_arrow_and_source(run_alg, tmp_path):
    from qgis.PyQt.QtGui import QImage
    _, text = run_report(run_alg, tmp_path)
    for src in parse(text).imgs:
        img = QImage.fromData(png_bytes(src), "PNG")
        w, h = img.width(), img.height()

        def dark(x0, x1, y0, y1):
            return sum(1 for x in range(x0, x1) for y in range(y0, y1) if img.pixelColor(x, y).lightness() < 90)
        assert dark(int(w * 0.6), w, int(h * 0.8), h) > 20          # the scale bar's black half
        assert dark(int(w * 0.9), w, 0, int(h * 0.3)) > 20           # the north arrow
        assert dark(0, int(w * 0.5), int(h * 0.9), h) > 20           # the source line


def test_plain_words_helpers():
    from optima.optima_plugin.core import report_html as rh
    assert rh.readable_scenario("N6-tol7.5-free-pcenter") == \
        "6 territoires, populations à ±7,5 % près, EPCI pouvant être partagés, temps maximal le plus court"
    assert rh.readable_scenario("N6-tol10-whole-pmedian", "en") == \
        "6 territories, populations within ±10 %, EPCI kept whole, shortest mean time"
    assert rh.readable_scenario("K=6") == "K=6"
    assert [rh.nice_scale_length(w) for w in (8320, 100_000, 950)] == [2000, 20000, 200]
    assert rh.nice_scale_length(0) == 0
    assert rh.scale_text(20000) == "20 km" and rh.scale_text(500) == "500 m" and rh.scale_text(2500) == "2,5 km"
    tab = [{"scenario": "a", "cost_total": 5, "pareto": 0, "time_mean": 1},
           {"scenario": "b", "cost_total": 7, "pareto": 1, "time_mean": 2},
           {"scenario": "c", "cost_total": 6, "pareto": 1, "time_mean": 3, "status": "failed"}]
    assert rh.recommend(tab)[0] == 1 and rh.recommend(tab, "A")[0] == 0 and rh.recommend(tab, "3")[0] == 2
    assert rh.recommend([{"scenario": "x", "time_mean": 4}, {"scenario": "y", "time_mean": 3}])[0] == 1
    html = rh.build_report({"territories": [{"territory": 1, "pop": 10}],
                            "realignment": '<section id="realignment"><h2>R</h2></section>'})
    assert html.index('id="territories"') < html.index('id="realignment"')
    # the editor's (rows, flows) pair is rendered by editing.realignment_html
    rows = [{"idx": 0, "id": "31001", "name": "Agassac", "from": "1", "to": "2", "pop": 120.0, "time_before": 10.0,
             "time_after": 12.5, "time_change": 2.5}]
    html = rh.build_report({"territories": [{"territory": 1, "pop": 10}],
                            "realignment": (rows, [{"from": "1", "to": "2", "n_communes": 1, "pop": 120.0}])})
    sec = re.search(r'<section id="realignment">.*?</section>', html, re.S).group(0)
    assert "Agassac" in sec and "1 commune(s) ont changé de territoire (120 habitants)" in sec

"""Shared styling: territories coloured by territory (no `color` field needed), legends
"3 · Quimper", one name label per site, lines hidden, change maps, French field aliases."""
from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer


def _layer(spec, rows, width=10):
    lyr = QgsVectorLayer(spec, "t", "memory")
    feats = []
    for k, attrs in enumerate(rows):
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * width, 0, k * width + width, 10)))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def _cats(lyr):
    r = lyr.renderer()
    assert r.type() == "categorizedSymbol" and r.classAttribute() == "territory"
    return {str(c.value()): (c.label(), c.symbol().color().name().upper()) for c in r.categories()}


def test_territory_colours_from_the_color_field_and_names_in_the_legend(optima):
    from optima.optima_plugin import styling
    lyr = _layer("Polygon?crs=EPSG:2154&field=territory:integer&field=name:string&field=color:string",
                 [(1, "Nord", "#77AADD"), (2, None, "#EE8866"), (3, "Sud", "#EEDD88")])
    assert styling.apply_style(lyr, "territories")
    cats = _cats(lyr)
    assert cats == {"1": ("1 · Nord", "#77AADD"), "2": ("2", "#EE8866"), "3": ("3 · Sud", "#EEDD88")}
    lab = lyr.labeling().settings()
    assert lyr.labelsEnabled() and lab.format().buffer().enabled() and lab.format().size() >= 10


def test_communes_without_color_field_get_distinct_neighbour_colours(optima):
    """The bug: a style classified on `color` drew communes all white. Now: categorized on
    territory, colours computed from the polygons (touching territories differ), legend named
    after the hub commune."""
    from optima.optima_plugin import styling
    rows = [("31001", "Aa", 1, "31001"), ("31002", "Bb", 1, "31001"), ("31003", "Cc", 2, "31004"),
            ("31004", "Dd", 2, "31004"), ("31005", "Ee", 3, "31005")]
    lyr = _layer("Polygon?crs=EPSG:2154&field=insee:string&field=nom:string&field=territory:integer"
                 "&field=hub:string", rows)
    assert styling.apply_style(lyr, "communes_by_territory")
    cats = _cats(lyr)
    assert [cats[k][0] for k in ("1", "2", "3")] == ["1 · Aa", "2 · Dd", "3 · Ee"]
    assert cats["1"][1] != cats["2"][1] and cats["2"][1] != cats["3"][1]  # neighbours differ
    assert not lyr.labelsEnabled()
    aliases = {lyr.fields().at(i).name(): lyr.fields().at(i).alias() for i in range(lyr.fields().count())}
    assert aliases["territory"] and aliases["hub"] and not aliases["insee"]  # the user's fields untouched


def test_sites_labelled_by_name_once_and_lines_hidden(optima):
    from optima.optima_plugin import styling
    pts = QgsVectorLayer("Point?crs=EPSG:2154&field=site_id:string&field=nom:string", "s", "memory")
    assert styling.apply_style(pts, "sites", label="site_id")
    s = pts.labeling().settings()
    assert pts.labelsEnabled() and s.fieldName == '"nom"' and s.format().buffer().enabled()
    bare = QgsVectorLayer("Point?crs=EPSG:2154&field=site_id:string", "s", "memory")
    assert styling.apply_style(bare, "sites")
    assert bare.labeling().settings().fieldName == '"site_id"'
    lines = QgsVectorLayer("LineString?crs=EPSG:2154&field=time_min:double", "l", "memory")
    assert styling.apply_style(lines, "lines") and not lines.labelsEnabled()
    assert "lines" in styling.HIDDEN_KINDS


def test_change_map_is_styled_on_changed(optima):
    from optima.optima_plugin import styling
    lyr = _layer("Polygon?crs=EPSG:2154&field=territory_a:string&field=territory_b:string&field=changed:integer",
                 [("1", "1", 0), ("1", "2", 1)])
    assert styling.apply_style(lyr, "changes")
    r = lyr.renderer()
    assert r.type() == "categorizedSymbol" and r.classAttribute() == "changed"
    colors = {str(c.value()): c.symbol().color().name() for c in r.categories()}
    assert colors["1"] != colors["0"]


def test_gpkg_default_style_keeps_categories_and_aliases(optima, tmp_path):
    from qgis.core import QgsVectorFileWriter
    from optima.optima_plugin import styling
    lyr = _layer("Polygon?crs=EPSG:2154&field=territory:integer&field=pop:double",
                 [(1, 10.0), (2, 20.0)])
    path = str(tmp_path / "t.gpkg")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV2(lyr, path, lyr.transformContext(), opts)
    assert styling.save_default_style(path, "territories", names={1: "Quimper"})
    back = QgsVectorLayer(path, "t", "ogr")
    assert _cats(back)["1"][0] == "1 · Quimper"
    assert back.fields().at(back.fields().indexOf("pop")).alias()


def test_fmt_num_and_core_messages_in_french(optima):
    from optima.optima_plugin import i18n
    assert i18n.fmt_num(47303195, lang="fr") == "47\u202f303\u202f195"
    assert i18n.fmt_num(52, 1, lang="fr") == "52,0"
    assert i18n.fmt_num(47303195, lang="en") == "47,303,195"
    assert i18n.fmt_num(None) == "–" and i18n.fmt_num(float("nan")) == "–"
    assert i18n.fmt_pct(8.66, lang="fr") == "8,7\u00a0%"


def test_core_messages_reach_the_log_in_french(french):
    """The messages of the issue, as the core writes them, as the French log shows them."""
    from optima.optima_plugin.core.progress import Monitor
    assert french.tr_core("Finding neighbouring polygons") == "Recherche des polygones voisins"
    # (bare integers stay as written: they may be identifiers such as INSEE codes)
    assert french.tr_core("auto: 72618 pairs -> exact") == "auto : 72618 paires -> exacte"
    assert french.tr_core("3: auto: 256 pairs -> exact") == "3: auto : 256 paires -> exacte"
    assert french.tr_core("Colouring") == "Coloriage de la carte"
    msg = french.tr_core("37 communes, 37 units, K = 4, total pop 841,524, target total/K = 210,381 +/- 10%")
    assert msg == "37 communes, 37 unités, K = 4, population totale 841\u202f524, cible total/K = 210\u202f381 +/- 10%"
    assert french.tr_core("something new 1,234.5") == "something new 1\u202f234,5"  # unknown: numbers only
    seen = []
    Monitor(lambda p, m="": seen.append(m), None, seen.append).progress(10, "Colouring")
    Monitor(None, None, seen.append).log("Done")
    assert seen == ["Coloriage de la carte", "Terminé"]
    assert french.fmt_num(47303195) == "47\u202f303\u202f195" and french.fmt_num(52, 1) == "52,0"


def test_french_aliases_and_legend(french):
    from optima.optima_plugin import styling
    lyr = _layer("Polygon?crs=EPSG:2154&field=territory:integer&field=pop:double&field=time_mean:double",
                 [(1, 10.0, 3.0)])
    assert styling.apply_style(lyr, "territories", names={1: "Quimper"})
    al = {lyr.fields().at(i).name(): lyr.fields().at(i).alias() for i in range(lyr.fields().count())}
    assert al == {"territory": "Territoire", "pop": "Population", "time_mean": "Temps moyen (min)"}
    assert _cats(lyr)["1"][0] == "1 · Quimper"
    ch = _layer("Polygon?crs=EPSG:2154&field=changed:integer", [(1,), (0,)])
    assert styling.apply_style(ch, "changes")
    assert {c.label() for c in ch.renderer().categories()} == {"Change de territoire", "Même territoire",
                                                                "Non comparée"}


def test_territory_labels_win_over_site_labels(optima):
    """Where a territory's label and its hub site's name collide, the territory's is drawn."""
    from optima.optima_plugin import styling
    poly = styling._label_settings('"territory"', polygon=True)
    point = styling._label_settings('"nom"', polygon=False)
    assert poly.priority > point.priority

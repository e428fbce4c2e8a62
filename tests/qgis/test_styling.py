"""Shared styling: territory colours survive missing names."""
from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer


def test_territory_without_name_keeps_its_colour(optima):
    from optima.optima_plugin import styling
    lyr = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:integer&field=name:string&field=color:string",
                         "t", "memory")
    feats = []
    for k, (name, color) in enumerate([("Nord", "#77AADD"), (None, "#EE8866"), ("Sud", "#EEDD88")]):
        f = QgsFeature(lyr.fields())
        f.setAttributes([k + 1, name, color])
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(k * 10, 0, k * 10 + 10, 10)))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    assert styling.apply_style(lyr, "territories")
    r = lyr.renderer()
    assert r.type() == "categorizedSymbol"
    values = {str(c.value()): c.label() for c in r.categories()}
    for color in ("#77AADD", "#EE8866", "#EEDD88"):
        assert color in values, color  # every used colour is drawn
    assert values["#77AADD"] == "Nord" and values["#EE8866"] == "2"

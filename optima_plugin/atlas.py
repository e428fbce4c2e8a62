"""The print atlas of the territories: one QGIS print layout (QgsPrintLayout) with an atlas
(QgsLayoutAtlas) on the territory layer, two A4 portrait pages:

- page 1, the cover: title, the whole map, the table of the territories, source line; it is
  excluded from the export for every atlas feature but the first (a data-defined "exclude
  from exports" on the page), so the PDF has 1 + N pages;
- page 2, a territory: its name, the map of its communes and sites (atlas-driven extent),
  legend, scale bar, north arrow, its figures, source line, optional logo.

The layers drawn are styled in-memory copies (OPTIMA styles, territory names), registered in
the project without a node in the layer tree, so the layout added to the project's layout
manager can be opened and printed again in this session.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Optional

from qgis.core import (
    QgsLayoutAtlas,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProperty,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor, QFont

from . import report as qr
from .core import report_html as rh

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 10.0
COVER_MAP_H = 128.0


def _q(text) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def _label(layout, text: str, x, y, w, h, page: int, size: float = 10.0, bold: bool = False,
           color: str = "#222222") -> QgsLayoutItemLabel:
    lab = QgsLayoutItemLabel(layout)
    lab.setText(text)
    try:  # QGIS >= 3.28: text format
        from qgis.core import QgsTextFormat
        fmt = QgsTextFormat()
        fmt.setFont(_font(size, bold))
        fmt.setSize(size)
        fmt.setColor(QColor(color))
        lab.setTextFormat(fmt)
    except (ImportError, AttributeError):
        lab.setFont(_font(size, bold))
        lab.setFontColor(QColor(color))
    layout.addLayoutItem(lab)
    lab.attemptResize(QgsLayoutSize(w, h))
    lab.attemptMove(QgsLayoutPoint(x, y), page=page)
    return lab


def _north_arrow(layout, map_item, x, y, page):
    from qgis.core import QgsApplication
    svg = None
    for base in QgsApplication.svgPaths():
        cand = os.path.join(base, "arrows", "NorthArrow_02.svg")
        if os.path.exists(cand):
            svg = cand
            break
    if svg is None:
        return _label(layout, "N\n▲", x, y, 10, 14, page, 12, True)
    pic = QgsLayoutItemPicture(layout)
    pic.setPicturePath(svg)
    pic.setLinkedMap(map_item)
    layout.addLayoutItem(pic)
    pic.attemptResize(QgsLayoutSize(10, 14))
    pic.attemptMove(QgsLayoutPoint(x, y), page=page)
    return pic


def _scale_bar(layout, map_item, x, y, page, lang):
    sb = QgsLayoutItemScaleBar(layout)
    sb.setStyle("Single Box")
    sb.setLinkedMap(map_item)
    sb.setUnits(QgsUnitTypes.DistanceKilometers)
    sb.setUnitLabel("km")
    sb.setNumberOfSegments(2)
    sb.setNumberOfSegmentsLeft(0)
    sb.setHeight(2.0)
    try:  # the bar adapts to each atlas page's scale: 20 to 50 mm, round numbers
        from qgis.core import QgsScaleBarSettings
        sb.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
        sb.setMinimumBarWidth(20)
        sb.setMaximumBarWidth(50)
    except (ImportError, AttributeError):  # pragma: no cover
        pass
    layout.addLayoutItem(sb)
    sb.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    sb.attemptMove(QgsLayoutPoint(x, y), page=page)
    return sb


def _logo(layout, path, x, y, page):
    pic = QgsLayoutItemPicture(layout)
    pic.setPicturePath(path)
    layout.addLayoutItem(pic)
    pic.attemptResize(QgsLayoutSize(40, 18))
    pic.attemptMove(QgsLayoutPoint(x, y), page=page)
    return pic


def _table(layout, layer, columns, x, y, w, h, page):
    """An attribute table of ``layer`` with ``columns`` [(expression, heading)]."""
    from qgis.core import QgsLayoutFrame, QgsLayoutItemAttributeTable, QgsLayoutTableColumn
    t = QgsLayoutItemAttributeTable.create(layout)
    t.setVectorLayer(layer)
    cols = []
    for k, (expr, head) in enumerate(columns):
        c = QgsLayoutTableColumn(head)
        c.setAttribute(expr)
        # the name column takes what the figures leave (the frame width is w)
        c.setWidth(18.0 if k == 0 else (max(30.0, w - 18.0 - 20.0 * (len(columns) - 2) - 2.0 * len(columns))
                                        if k == 1 else 20.0))
        cols.append(c)
    t.setColumns(cols)
    t.setMaximumNumberOfFeatures(200)
    try:
        from qgis.core import QgsTextFormat
        hf, cf = QgsTextFormat(), QgsTextFormat()
        hf.setFont(_font(7.5, True))
        hf.setSize(7.5)
        cf.setFont(_font(7.5))
        cf.setSize(7.5)
        t.setHeaderTextFormat(hf)
        t.setContentTextFormat(cf)
    except (ImportError, AttributeError):
        t.setHeaderFont(_font(7.5, True))
        t.setContentFont(_font(7.5))
    t.setCellMargin(0.8)
    t.setWrapBehavior(t.WrapText)
    layout.addMultiFrame(t)
    frame = QgsLayoutFrame(layout, t)
    frame.attemptResize(QgsLayoutSize(w, h))
    frame.attemptMove(QgsLayoutPoint(x, y), page=page)
    t.addFrame(frame)
    t.refresh()
    return t


def styled_copies(territories, communes=None, sites=None, names=None, name_field=None):
    """In-memory copies of the layers with the OPTIMA styles; the territory copy carries a
    ``name`` for every territory (``name_field`` when given, else :func:`report_html.territory_names`)."""
    from .styling import apply_style
    t = qr.memory_copy(territories, "Territoires")
    names = dict(names or {})
    qr.set_names(t, names)
    apply_style(t, "territories", label=qr.label_expression(names), names=names)
    colors = {}
    r = t.renderer()
    if r is not None and r.type() == "categorizedSymbol":
        colors = {str(cat.value()): cat.symbol().color().name() for cat in r.categories()}
    c = None
    if communes is not None:
        c = qr.memory_copy(communes, "Communes")
        apply_style(c, "communes_by_territory", colors=colors or None, names=names)
        c.setLabelsEnabled(False)
    s = None
    if sites is not None:
        s = qr.memory_copy(sites, "Sites")
        apply_style(s, "sites")
    return t, c, s


def add_text_figures(layer, decimals: dict, lang: str = "fr") -> dict:
    """Text copies ``txt_<field>`` of the figures of a (memory) territory layer, formatted for the
    language (French: 841 524 and 3,7) whatever the locale QGIS runs in; returns {field: text field}."""
    from qgis.core import QgsField

    from .compat import FieldType
    from .qgis_io import _py
    present = [f for f in decimals if f in layer.fields().names()]
    if not present:
        return {}
    layer.dataProvider().addAttributes([QgsField("txt_" + f, FieldType.String) for f in present])
    layer.updateFields()
    idx = {f: layer.fields().indexOf("txt_" + f) for f in present}
    changes = {}
    for feat in layer.getFeatures():
        changes[feat.id()] = {idx[f]: rh.fmt_number(_py(feat[f]), lang, decimals[f]) for f in present}
    layer.dataProvider().changeAttributeValues(changes)
    return {f: "txt_" + f for f in present}


def territory_name_map(territories, communes=None, sites=None, name_field=None) -> dict:
    """{territory: name} for the pages: the name field, else the hub commune's name, else the
    commune of the site, else the most populous commune."""
    tab = qr.source_table(territories)
    ctab = qr.source_table(communes) if communes is not None else None
    stab = qr.source_table(sites) if sites is not None else None
    nf = name_field or "name"
    if name_field and name_field not in tab.columns:
        from .core.errors import InputError
        raise InputError(f"TERRITORY_NAME_FIELD: there is no field '{name_field}' in TERRITORIES.")
    return rh.territory_names(tab, ctab, stab, name_field=nf)


def build_atlas_layout(project, territories, communes=None, sites=None, name: str = "OPTIMA atlas",
                       title: Optional[str] = None, source: Optional[str] = None, logo: Optional[str] = None,
                       name_field: Optional[str] = None, lang: str = "fr", date=None):
    """The layout (added to ``project``'s layout manager, replacing one of the same name) and
    the number of territories (atlas features)."""
    fr = lang == "fr"
    names = territory_name_map(territories, communes, sites, name_field)
    t, c, s = styled_copies(territories, communes, sites, names, name_field)
    for lyr in (t, c, s):
        if lyr is not None:
            project.addMapLayer(lyr, False)
    layers = [lyr for lyr in (s, t if c is None else None, c) if lyr is not None]
    outline = None
    if c is not None:  # territory outlines over the coloured communes
        outline = qr.memory_copy(territories, "Limites des territoires" if fr else "Territory boundaries")
        qr.outline_style(outline, "#222222", 0.5)
        project.addMapLayer(outline, False)
        layers = [lyr for lyr in (s, outline, c) if lyr is not None]

    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    pages = layout.pageCollection()
    pages.page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)
    page2 = QgsLayoutItemPage(layout)
    page2.setPageSize("A4", QgsLayoutItemPage.Portrait)
    pages.addPage(page2)
    # the cover only with the first atlas feature: the PDF has 1 + N pages
    pages.page(0).dataDefinedProperties().setProperty(
        QgsLayoutObject.ExcludeFromExports, QgsProperty.fromExpression("@atlas_featurenumber > 1"))

    src = source or rh.label("default_source", lang)
    src_line = ("Sources : " if fr else "Sources: ") + src
    date = date or _dt.date.today()
    date_s = date.strftime("%d/%m/%Y") if fr else date.isoformat()
    title = title or ("Atlas des territoires" if fr else "Atlas of the territories")
    w = PAGE_W - 2 * MARGIN

    # ---------------------------------------------------------------- cover (page 0)
    _label(layout, title, MARGIN, MARGIN, w - (45 if logo else 0), 12, 0, 18, True, "#1d3557")
    n = territories.featureCount()
    sub = (f"{n} territoires — {date_s}" if fr else f"{n} territories — {date_s}")
    _label(layout, sub, MARGIN, MARGIN + 12, w, 7, 0, 10, False, "#555555")
    s_cover = None
    if s is not None:  # the cover shows where the sites are, unlabelled (too many names)
        s_cover = s.clone()
        s_cover.setName(s.name())
        s_cover.setLabelsEnabled(False)
        project.addMapLayer(s_cover, False)
    cover_map = QgsLayoutItemMap(layout)
    cover_map.setLayers([lyr for lyr in (s_cover, t) if lyr is not None])
    cover_map.setKeepLayerSet(True)
    cover_map.setCrs(territories.crs())
    cover_map.setFrameEnabled(True)
    layout.addLayoutItem(cover_map)
    cover_map.attemptResize(QgsLayoutSize(w, COVER_MAP_H))
    cover_map.attemptMove(QgsLayoutPoint(MARGIN, 32), page=0)
    cover_map.zoomToExtent(qr.map_extent([t], 0.03))
    _north_arrow(layout, cover_map, MARGIN + w - 13, 35, 0)
    _scale_bar(layout, cover_map, MARGIN + 3, 32 + COVER_MAP_H - 12, 0, lang)
    txt = add_text_figures(t, {"pop": 0, "n_communes": 0, "n_sites": 0, "time_mean": 1, "time_p90": 1,
                               "time_max": 1, "pct_pop_within": 1, "pop_dev_pct": 1, "area_km2": 0}, lang)
    fields = t.fields().names()
    cols = [('"territory"', "Territoire" if fr else "Territory"), ('"name"', "Nom" if fr else "Name")]
    heads = {"pop": ("Population", "Population"), "n_communes": ("Communes", "Communes"),
             "time_mean": ("Temps moyen (min)", "Mean time (min)"),
             "pct_pop_within": ("Habitants sous le seuil (%)", "Inhabitants within the threshold (%)"),
             "pop_dev_pct": ("Écart à la pop. moyenne (%)", "Deviation from the mean pop. (%)")}
    for f in ("pop", "n_communes", "time_mean", "pct_pop_within", "pop_dev_pct"):
        if f in fields:
            cols.append((f'"{txt[f]}"', heads[f][0 if fr else 1]))
    _table(layout, t, cols, MARGIN, 32 + COVER_MAP_H + 4, w, PAGE_H - 16 - (32 + COVER_MAP_H + 4), 0)
    _label(layout, src_line, MARGIN, PAGE_H - 12, w, 6, 0, 7, False, "#555555")
    if logo:
        _logo(layout, logo, PAGE_W - MARGIN - 40, MARGIN - 2, 0)

    # ---------------------------------------------------------------- territory page (page 1)
    head = ('coalesce("name", to_string("territory"))')
    _label(layout, f'[% {head} %]', MARGIN, MARGIN, w - (45 if logo else 0), 12, 1, 18, True, "#1d3557")
    _label(layout, ("Territoire [% \"territory\" %] — " + title) if fr else ("Territory [% \"territory\" %] — " + title),
           MARGIN, MARGIN + 12, w, 7, 1, 9, False, "#555555")
    tmap = QgsLayoutItemMap(layout)
    tmap.setLayers(layers)
    tmap.setKeepLayerSet(True)
    tmap.setCrs(territories.crs())
    tmap.setFrameEnabled(True)
    layout.addLayoutItem(tmap)
    tmap.attemptResize(QgsLayoutSize(w, 170))
    tmap.attemptMove(QgsLayoutPoint(MARGIN, 32), page=1)
    tmap.zoomToExtent(qr.map_extent([t], 0.03))
    tmap.setAtlasDriven(True)
    tmap.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    tmap.setAtlasMargin(0.08)
    _north_arrow(layout, tmap, MARGIN + w - 13, 35, 1)
    _scale_bar(layout, tmap, MARGIN + 3, 32 + 170 - 12, 1, lang)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Légende" if fr else "Legend")
    legend.setLinkedMap(tmap)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for lyr in (s, outline if c is not None else t):
        if lyr is not None:
            root.addLayer(lyr)
    legend.setLegendFilterByMapEnabled(True)
    try:
        from qgis.core import QgsLegendStyle
        for st in (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup, QgsLegendStyle.SymbolLabel):
            legend.setStyleFont(st, _font(8 if st != QgsLegendStyle.Title else 9,
                                          st == QgsLegendStyle.Title))
    except (ImportError, AttributeError):
        pass
    legend.setColumnCount(1)
    legend.setResizeToContents(False)
    layout.addLayoutItem(legend)
    legend.attemptResize(QgsLayoutSize(w * 0.45, 70))
    legend.attemptMove(QgsLayoutPoint(MARGIN, 207), page=1)

    lines = []
    figures = [("pop", "Population : {}", "Population: {}", 0), ("n_communes", "Communes : {}", "Communes: {}", 0),
               ("n_sites", "Sites de service : {}", "Service sites: {}", 0),
               ("time_mean", "Temps moyen jusqu'au site : {} min", "Mean time to the site: {} min", 1),
               ("time_p90", "9 habitants sur 10 à moins de {} min", "9 inhabitants out of 10 within {} min", 1),
               ("time_max", "Commune la plus éloignée : {} min", "Farthest commune: {} min", 1),
               ("pct_pop_within", "Habitants sous le seuil d'accès : {} %", "Inhabitants within the threshold: {} %",
                1),
               ("pop_dev_pct", "Écart à la population moyenne : {} %", "Deviation from the mean population: {} %",
                1),
               ("area_km2", "Surface : {} km²", "Area: {} km²", 0)]
    for f, tfr, ten, _dec in figures:
        if f in txt:
            lines.append((tfr if fr else ten).format(f'[% "{txt[f]}" %]'))
    if lines:
        _label(layout, ("Chiffres clés" if fr else "Key figures"), MARGIN + w * 0.5, 207, w * 0.5, 7, 1, 11, True,
               "#1d3557")
        _label(layout, "\n".join(lines), MARGIN + w * 0.5, 215, w * 0.5, 62, 1, 9)
    _label(layout, src_line, MARGIN, PAGE_H - 12, w, 6, 1, 7, False, "#555555")
    if logo:
        _logo(layout, logo, PAGE_W - MARGIN - 40, MARGIN - 2, 1)

    atlas: QgsLayoutAtlas = layout.atlas()
    atlas.setCoverageLayer(t)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"territory"')
    atlas.setPageNameExpression('coalesce("name", to_string("territory"))')
    atlas.setFilenameExpression("'territoire_' || to_string(\"territory\")")
    manager.addLayout(layout)
    return layout, atlas.count() if atlas.updateFeatures() >= 0 else n


def export_pdf(layout, path: str, feedback=None):
    """The atlas (cover + one page per territory) as one PDF; returns (result, error text)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    settings.rasterizeWholeImage = False
    try:  # text kept as text: the PDF can be searched and copied from
        from qgis.core import Qgis
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
    except AttributeError:
        from qgis.core import QgsRenderContext
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    try:
        settings.simplifyGeometries = True
    except AttributeError:  # pragma: no cover
        pass
    res = QgsLayoutExporter.exportToPdf(layout.atlas(), path, settings, feedback)
    if isinstance(res, tuple):
        return res[0], res[1]
    return res, ""

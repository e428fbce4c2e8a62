"""QGIS side of the territorialisation report: attribute tables out of feature sources, and
maps rendered by QGIS itself (the OPTIMA QML styles), as PNG bytes.

Maps are drawn with ``QgsMapRendererCustomPainterJob.renderSynchronously()`` on a QImage:
the same engine as ``QgsMapRendererSequentialJob`` without its event loop, so it works in
the worker thread a Processing algorithm runs in, in ``qgis_process`` and in scripts.
Layers are first copied into memory (``QgsFeatureSource.materialize``) in the calling
thread, so a project layer owned by the main thread is never drawn from another thread.

The HTML itself is assembled by the pure module :mod:`optima_plugin.core.report_html`.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from .qgis_io import _py
from .compat import FieldType, set_null

MAP_WIDTH_PX = 1100
MAP_MAX_HEIGHT_PX = 1000


# --------------------------------------------------------------------------- tables
def source_table(source, columns: Optional[Sequence[str]] = None):
    """The attributes of a QgsFeatureSource (or layer) as a pandas DataFrame (NULL -> None)."""
    import pandas as pd

    names = source.fields().names()
    keep = [c for c in (columns or names) if c in names]
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    rows = [[_py(f[c]) for c in keep] for f in source.getFeatures(req)]
    return pd.DataFrame(rows, columns=keep)


def memory_copy(source, name: str = "layer") -> QgsVectorLayer:
    """A memory-layer copy of a feature source (thread-safe to render from this thread)."""
    if isinstance(source, QgsVectorLayer):
        layer = source.materialize(QgsFeatureRequest())
    else:
        layer = source.materialize(QgsFeatureRequest())
    if layer is None:
        raise ValueError("could not copy the layer into memory")
    layer.setName(name)
    return layer


# --------------------------------------------------------------------------- styles
def style_layer(layer: QgsVectorLayer, kind: str, label: Optional[str] = None) -> bool:
    """The OPTIMA style ``kind`` on ``layer`` (styling.apply_style; the bare QML as a fallback)."""
    try:
        from .styling import apply_style
        return bool(apply_style(layer, kind, label))
    except ImportError:  # pragma: no cover - styling module missing
        import os
        qml = {"territories": "territories.qml", "time": "time_graduated.qml", "sites": "sites.qml"}[kind]
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles", qml)
        _msg, ok = layer.loadNamedStyle(path)
        return bool(ok)


def set_time_field(layer: QgsVectorLayer, field: str) -> None:
    """Point the graduated travel-time renderer at ``field`` (the QML uses time_min)."""
    r = layer.renderer()
    if r is not None and r.type() == "graduatedSymbol" and field:
        r.setClassAttribute(field)


def outline_style(layer: QgsVectorLayer, color: str = "#1d3557", width_mm: float = 0.6) -> None:
    """Boundaries only: no fill, a dark outline."""
    sym = QgsFillSymbol.createSimple({"style": "no", "outline_color": color, "outline_width": str(width_mm),
                                      "outline_width_unit": "MM"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    layer.setLabelsEnabled(False)


def graduated_legend(layer: QgsVectorLayer) -> List[Tuple[str, str]]:
    """[(#rrggbb, label)] of a graduated or categorized renderer, for an HTML legend."""
    r = layer.renderer()
    out = []
    if r is None:
        return out
    if r.type() == "graduatedSymbol":
        for rg in r.ranges():
            if rg.renderState():
                out.append((rg.symbol().color().name(), rg.label()))
    elif r.type() == "categorizedSymbol":
        for c in r.categories():
            if c.renderState() and str(c.value()) != "":
                out.append((c.symbol().color().name(), c.label()))
    return out


# --------------------------------------------------------------------------- rendering
def map_extent(layers: Sequence[QgsVectorLayer], margin: float = 0.04) -> QgsRectangle:
    ext = set_null(QgsRectangle())
    for lyr in layers:
        e = lyr.extent()
        if not e.isEmpty() or e.width() > 0:
            ext.combineExtentWith(e)
    if ext.isEmpty() and ext.width() <= 0:
        return ext
    w, h = max(ext.width(), 1.0), max(ext.height(), 1.0)
    return QgsRectangle(ext.xMinimum() - margin * w, ext.yMinimum() - margin * h,
                        ext.xMaximum() + margin * w, ext.yMaximum() + margin * h)


def decorate(img: QImage, extent: QgsRectangle, crs, source: Optional[str] = None, lang: str = "fr") -> dict:
    """Scale bar (bottom right), north arrow (top right) and source line (bottom left) painted on
    a rendered map. The scale bar is left out in a geographic CRS (degrees are no length).
    Returns {"scale_m": bar length in metres (0 without bar), "bar": (x0, y0, x1, y1) pixels}."""
    from qgis.PyQt.QtCore import QPointF, QRectF
    from qgis.PyQt.QtGui import QBrush, QFont, QPen, QPolygonF

    from .core.report_html import nice_scale_length, scale_text

    w, h = img.width(), img.height()
    unit = max(10, int(round(min(w, h) / 55)))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont("DejaVu Sans")
    font.setPixelSize(unit)
    p.setFont(font)
    out = {"scale_m": 0.0, "bar": None}
    margin = unit
    # source line, bottom left, on a white band
    if source:
        fm = p.fontMetrics()
        tw = fm.horizontalAdvance(source) if hasattr(fm, "horizontalAdvance") else fm.width(source)
        p.fillRect(QRectF(0, h - unit * 1.8, min(w, tw + 2 * margin), unit * 1.8), QColor(255, 255, 255, 220))
        p.setPen(QColor("#333333"))
        p.drawText(QPointF(margin * 0.6, h - unit * 0.5), source)
    # north arrow, top right
    cx, top = w - 2.2 * unit, 1.0 * unit
    p.setPen(QPen(QColor("#111111"), 1))
    p.setBrush(QBrush(QColor("#111111")))
    p.drawPolygon(QPolygonF([QPointF(cx, top + 1.4 * unit), QPointF(cx - 0.9 * unit, top + 4.0 * unit),
                             QPointF(cx, top + 3.3 * unit), QPointF(cx + 0.9 * unit, top + 4.0 * unit)]))
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.drawText(QRectF(cx - unit, top - 0.2 * unit, 2 * unit, 1.5 * unit), int(Qt.AlignmentFlag.AlignCenter), "N")
    p.setFont(font)
    # scale bar, bottom right: two black/white halves
    if crs is not None and not crs.isGeographic() and extent.width() > 0:
        length = nice_scale_length(extent.width(), 0.22)
        px = length / extent.width() * w
        x1 = w - margin * 1.5
        x0 = x1 - px
        y1 = h - unit * 2.6
        y0 = y1 - unit * 0.55
        p.fillRect(QRectF(x0 - unit * 0.5, y0 - unit * 1.6, px + unit, unit * 2.4), QColor(255, 255, 255, 220))
        p.setPen(QPen(QColor("#000000"), 1))
        p.setBrush(QBrush(QColor("#000000")))
        p.drawRect(QRectF(x0, y0, px / 2, y1 - y0))
        p.setBrush(QBrush(QColor("#ffffff")))
        p.drawRect(QRectF(x0 + px / 2, y0, px / 2, y1 - y0))
        p.setPen(QColor("#000000"))
        p.drawText(QRectF(x0 - unit * 3, y0 - unit * 1.5, px + unit * 6, unit * 1.4),
                   int(Qt.AlignmentFlag.AlignCenter), scale_text(length, lang))
        out = {"scale_m": length, "bar": (int(x0), int(y0), int(x1), int(y1))}
    p.end()
    return out


def render_png(layers: Sequence[QgsVectorLayer], crs: Optional[QgsCoordinateReferenceSystem] = None,
               extent: Optional[QgsRectangle] = None, width_px: int = MAP_WIDTH_PX,
               max_height_px: int = MAP_MAX_HEIGHT_PX, dpi: float = 130.0, source: Optional[str] = None,
               lang: str = "fr", decorations: bool = True) -> bytes:
    """Render ``layers`` (top first, as in the QGIS layer tree) to PNG bytes, white background,
    labels on. The height follows the extent's aspect ratio (at most ``max_height_px``).
    ``decorations``: scale bar, north arrow and the ``source`` line (:func:`decorate`)."""
    layers = [lyr for lyr in layers if lyr is not None and lyr.isValid()]
    if not layers:
        raise ValueError("no layer to render")
    ext = extent or map_extent(layers)
    ratio = ext.height() / ext.width() if ext.width() > 0 else 1.0
    height = int(min(max_height_px, max(200, round(width_px * ratio))))
    width = int(width_px if height < max_height_px else max(200, round(height / ratio)))
    ms = QgsMapSettings()
    ms.setLayers(list(layers))
    ms.setDestinationCrs(crs or layers[-1].crs())
    ms.setOutputSize(QSize(width, height))
    ms.setOutputDpi(dpi)
    ms.setBackgroundColor(QColor(255, 255, 255))
    ms.setExtent(ext)
    ms.setFlag(QgsMapSettings.Antialiasing, True)
    ms.setFlag(QgsMapSettings.DrawLabeling, True)
    ms.setFlag(QgsMapSettings.UseAdvancedEffects, True)
    img = QImage(ms.deviceOutputSize(), QImage.Format.Format_ARGB32_Premultiplied)
    img.setDotsPerMeterX(int(dpi / 0.0254))
    img.setDotsPerMeterY(int(dpi / 0.0254))
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    job = QgsMapRendererCustomPainterJob(ms, painter)
    job.renderSynchronously()
    painter.end()
    if decorations:
        decorate(img, ms.visibleExtent(), ms.destinationCrs(), source, lang)
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("could not encode the map as PNG")
    buf.close()
    return bytes(ba)


def label_expression(names: dict, field: str = "territory") -> str:
    """A QGIS expression labelling each territory 'key · name' from a {key: name} dict."""
    def q(s):
        return "'" + str(s).replace("'", "''") + "'"
    if not names:
        return f'to_string("{field}")'
    # short keys (1, 2, T3) read well before the name; long codes (SIREN) are left out
    pairs = ", ".join(f"{q(k)}, {q((str(k) + ' · ' + str(v)) if len(str(k)) <= 3 else v)}"
                      for k, v in names.items())
    return f'coalesce(map_get(map({pairs}), to_string("{field}")), to_string("{field}"))'


def set_names(layer: QgsVectorLayer, names: dict, field: str = "territory") -> None:
    """Fill (or add) the ``name`` field of a territory layer copy from {territory key: name}, so that
    every territory has a name (labels, and a legend that lists every territory)."""
    from qgis.core import QgsField
    if not names or field not in layer.fields().names():
        return
    if "name" not in layer.fields().names():
        layer.dataProvider().addAttributes([QgsField("name", FieldType.String)])
        layer.updateFields()
    idx_t, idx_n = layer.fields().indexOf(field), layer.fields().indexOf("name")
    changes = {}
    for f in layer.getFeatures():
        v = _py(f[idx_t])
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        name = names.get(None if v is None else str(v))
        if name is not None:
            changes[f.id()] = {idx_n: str(name)}
    if changes:
        layer.dataProvider().changeAttributeValues(changes)


def territory_map(territories: QgsVectorLayer, sites: Optional[QgsVectorLayer] = None,
                  names: Optional[dict] = None, site_label: Optional[str] = None, source: Optional[str] = None,
                  lang: str = "fr") -> bytes:
    """Territories categorized by colour (neighbours differ), labelled, with the sites on top."""
    set_names(territories, names or {})
    style_layer(territories, "territories", label_expression(names or {}))
    layers = [territories]
    if sites is not None:
        style_layer(sites, "sites", site_label)
        sites.setLabelsEnabled(False)
        layers.insert(0, sites)
    return render_png(layers, territories.crs(), map_extent([territories]), source=source, lang=lang)


def time_map(communes: QgsVectorLayer, time_field: str, territories: Optional[QgsVectorLayer] = None,
             sites: Optional[QgsVectorLayer] = None, source: Optional[str] = None,
             lang: str = "fr") -> Tuple[bytes, List[Tuple[str, str]]]:
    """Communes graduated by travel time, territory boundaries and sites on top; returns
    (png, legend)."""
    style_layer(communes, "time")
    set_time_field(communes, time_field)
    communes.setLabelsEnabled(False)
    layers = [communes]
    if territories is not None:
        outline_style(territories)
        layers.insert(0, territories)
    if sites is not None:
        style_layer(sites, "sites")
        sites.setLabelsEnabled(False)
        layers.insert(0, sites)
    return (render_png(layers, communes.crs(), map_extent([communes]), source=source, lang=lang),
            graduated_legend(communes))

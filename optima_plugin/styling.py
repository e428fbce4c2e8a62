"""Styling of OPTIMA outputs: one small API used by every algorithm that writes layers.

``style_output(context, dest, kind, ...)`` styles an output in the two places a user meets it:

1. In QGIS, when the layer is loaded on completion: a layer post-processor
   (``QgsProcessingLayerPostProcessorInterface``) applies the style in the main thread once
   the layer is loaded (the 3liz/QuickOSM pattern: the instances are kept alive in a
   module-level list, otherwise Python would collect them before QGIS calls them).
2. In GeoPackage files (also those written by ``qgis_process``): the style is saved as the
   layer's DEFAULT style in the file's ``layer_styles`` table, so the file opens styled in
   any QGIS, on any computer.

Kinds (QML files in ``resources/styles``):

- ``"territories"``: categorized on ``color`` (the colour-blind-safe palette of
  ``core.colors``, neighbours never share a colour), labels with the territory name
  (``name`` when the layer has it, else ``territory``); legend entries list the
  territories of each colour.
- ``"communes_by_territory"``: the same colouring for communes carrying ``color``, thin
  outlines, no labels.
- ``"time"``: graduated on ``time_min`` (0-10-20-30-45 min, YlOrRd).
- ``"sites"``: dark stars with a white outline, labelled (``label`` field or expression,
  default ``coalesce(name, site_id)``).

Call it after the sink is closed (``del sink``): the GeoPackage must be complete before
its style table is written. Never from ``postProcessAlgorithm``.
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import (
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from .i18n import tr

STYLES_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles")
STYLE_FILES = {
    "territories": "territories.qml",
    "communes_by_territory": "territories.qml",
    "time": "time_graduated.qml",
    "sites": "sites.qml",
    "satisfaction": "satisfaction_graduated.qml",
}
STYLE_NAMES = {
    "territories": "OPTIMA territories",
    "communes_by_territory": "OPTIMA communes by territory",
    "time": "OPTIMA travel time",
    "sites": "OPTIMA sites",
    "satisfaction": "OPTIMA satisfaction",
}
#: post-processors handed to QGIS: kept referenced so Python does not collect them
_KEEP = []
_LEGEND_MAX_FEATURES = 500


def style_path(kind: str) -> str:
    if kind not in STYLE_FILES:
        raise ValueError(f"unknown style kind {kind!r} (one of {', '.join(STYLE_FILES)})")
    return os.path.join(STYLES_DIR, STYLE_FILES[kind])


# ------------------------------------------------------------------------- on a layer
def _set_label(layer, expression: str, is_expression: bool = True, enabled: bool = True):
    lab = layer.labeling()
    if lab is None or not isinstance(lab, QgsVectorLayerSimpleLabeling):
        return
    s = QgsPalLayerSettings(lab.settings())
    s.fieldName = expression
    s.isExpression = is_expression
    s.enabled = enabled
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(enabled)


def _legend_by_color(layer):
    """Category labels on a colour renderer: the territories drawn in each colour."""
    r = layer.renderer()
    if r is None or r.type() != "categorizedSymbol" or layer.featureCount() > _LEGEND_MAX_FEATURES:
        return
    names = layer.fields().names()
    if "color" not in names:
        return
    key = "name" if "name" in names else ("territory" if "territory" in names else None)
    if key is None:
        return
    from qgis.core import QgsFeatureRequest
    by_color = {}
    attrs = [key, "color"] + (["territory"] if "territory" in names and key != "territory" else [])
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(attrs, layer.fields())
    for f in layer.getFeatures(req):
        c, v = f["color"], f[key]
        if c is None or str(c) == "NULL":
            continue
        members = by_color.setdefault(str(c), set())   # a used colour is never deleted
        if v is None or str(v) == "NULL":               # no name: the territory number stands in
            v = f["territory"] if "territory" in attrs else None
        if v is not None and str(v) != "NULL":
            members.add(str(v))
    if not by_color:
        return
    cats = r.categories()
    for k in range(len(cats) - 1, -1, -1):   # backwards: deleting shifts the indices
        value = cats[k].value()
        members = sorted(by_color.get(str(value), []))
        if str(value) in by_color and not members:
            continue
        if members:
            text = ", ".join(members)
            if len(text) > 90:
                text = text[:87] + "..."
            r.updateCategoryLabel(k, text)
        elif value not in ("", None) or all(c in {str(x.value()) for x in cats} for c in by_color):
            r.deleteCategory(k)   # a palette colour nobody uses (keep "other" if a colour wrapped)


def apply_style(layer, kind: str, label: Optional[str] = None) -> bool:
    """Load the QML of ``kind`` into ``layer`` (a QgsVectorLayer) and adapt it to the layer's
    fields. Returns True when the style was loaded."""
    if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return False
    _msg, ok = layer.loadNamedStyle(style_path(kind))
    if not ok:
        return False
    names = layer.fields().names()
    if kind == "territories":
        if label:
            _set_label(layer, label)
        elif "name" in names:
            _set_label(layer, 'coalesce("name", to_string("territory"))')
        _legend_by_color(layer)
    elif kind == "communes_by_territory":
        r = layer.renderer()
        if r is not None and r.type() == "categorizedSymbol":
            for cat in r.categories():
                sym = cat.symbol()
                for sl in sym.symbolLayers():
                    if hasattr(sl, "setStrokeWidth"):
                        sl.setStrokeWidth(0.1)
        _set_label(layer, "territory", is_expression=False, enabled=False)
        _legend_by_color(layer)
    elif kind == "sites":
        if label:
            _set_label(layer, label, is_expression=label not in names)
        elif "name" not in names:
            _set_label(layer, "site_id", is_expression=False)
    layer.triggerRepaint()
    return True


# ------------------------------------------------------------------------- GeoPackage
def _gpkg_uri(dest: str):
    """(path, layer name or None) when ``dest`` is a GeoPackage file, else None."""
    if not dest or not isinstance(dest, str):
        return None
    d = dest[4:] if dest.startswith("ogr:") else dest
    try:
        parts = QgsProviderRegistry.instance().decodeUri("ogr", d)
    except Exception:  # pragma: no cover - defensive
        parts = {}
    path = parts.get("path") or d.split("|")[0]
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    return path, (parts.get("layerName") or None)


def save_default_style(dest: str, kind: str, label: Optional[str] = None, feedback=None) -> bool:
    """Save the style of ``kind`` as the default style inside the GeoPackage ``dest``
    (``layer_styles`` table). Returns False (and says why in the log) when ``dest`` is not a
    GeoPackage or the style cannot be written."""
    g = _gpkg_uri(dest)
    if g is None:
        return False
    path, lname = g
    uri = path if not lname else f"{path}|layername={lname}"
    layer = QgsVectorLayer(uri, lname or os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        if feedback is not None:
            feedback.pushWarning(tr("Could not open {} to save its style.").format(uri))
        return False
    if not apply_style(layer, kind, label):
        return False
    err = layer.saveStyleToDatabase(STYLE_NAMES[kind], tr("Default style written by OPTIMA"), True, "")
    del layer
    if err:
        if feedback is not None:
            feedback.pushWarning(tr("Could not save the default style in {}: {}").format(path, err))
        return False
    return True


# ------------------------------------------------------------------------- GUI
class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies an OPTIMA style to an output layer once QGIS has loaded it (main thread)."""

    def __init__(self, kind: str, label: Optional[str] = None):
        super().__init__()
        self.kind = kind
        self.label = label

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        if not apply_style(layer, self.kind, self.label) and feedback is not None:
            feedback.pushInfo(tr("Style '{}' could not be applied to {}.").format(
                self.kind, layer.name() if layer is not None else "?"))


def style_output(context, dest: str, kind: str, label: Optional[str] = None, feedback=None) -> dict:
    """Style the output ``dest`` (the id returned by ``parameterAsSink``) as ``kind``.

    - if the layer will be loaded on completion (QGIS GUI), attach a kept
      :class:`StylePostProcessor`;
    - if ``dest`` is a GeoPackage file, save the style as its default style.

    Returns ``{"post_processor": bool, "gpkg_default": bool}``.
    """
    style_path(kind)  # validates the kind
    out = {"post_processor": False, "gpkg_default": False}
    if not dest:
        return out
    if context is not None and context.willLoadLayerOnCompletion(dest):
        pp = StylePostProcessor(kind, label)
        _KEEP.append(pp)
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(pp)
        out["post_processor"] = True
    out["gpkg_default"] = save_default_style(dest, kind, label, feedback)
    return out

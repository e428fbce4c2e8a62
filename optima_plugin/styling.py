"""Styling of OPTIMA outputs: one small API used by every algorithm that writes layers.

``style_output(context, dest, kind, ...)`` styles an output in the two places a user meets it:

1. In QGIS, when the layer is loaded on completion: a layer post-processor
   (``QgsProcessingLayerPostProcessorInterface``) applies the style in the main thread once
   the layer is loaded (the 3liz/QuickOSM pattern: the instances are kept alive in a
   module-level list, otherwise Python would collect them before QGIS calls them).
2. In GeoPackage files (also those written by ``qgis_process``): the style is saved as the
   layer's DEFAULT style in the file's ``layer_styles`` table, so the file opens styled in
   any QGIS, on any computer.

Kinds:

- ``"territories"``: categorized on ``territory``, one category per territory, legend
  "3 · Quimper" (number · name); the colours are computed when the style is applied: the
  ``colors`` given by the algorithm, else the layer's ``color`` field, else a map colouring of
  the layer's own polygons (neighbours never share a colour, palette of ``core.colors``).
  Labels: the same "3 · Quimper", bold, with a white halo.
- ``"communes_by_territory"``: the same colours for communes carrying ``territory`` (thin
  outlines, no labels): a commune has the colour of its territory.
- ``"time"``: graduated on ``time_min`` (0-10-20-30-45 min, YlOrRd).
- ``"sites"``: dark stars with a white outline, labelled with the commune's (or site's) name
  (``nom``/``name``...), the identifier only when the layer has no name.
- ``"lines"``: thin grey allocation lines, hidden when loaded (checked off in the layer tree).
- ``"changes"``: scenario change map, categorized on ``changed`` (changed / unchanged).
- ``"satisfaction"``: graduated on ``satisfaction_mean``.

Every kind also sets French (translated) field aliases from :data:`FIELD_ALIASES` on the
fields the layer has: the attribute table and the identify panel show "Population" and
"Temps (min)" while the field names stay the documented ones.

Call it after the sink is closed (``del sink``): the GeoPackage must be complete before
its style table is written. Never from ``postProcessAlgorithm``.
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import (
    QgsProcessingLayerPostProcessorInterface,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from .compat import save_style_to_database
from .i18n import QT_TRANSLATE_NOOP, tr

STYLES_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles")
STYLE_FILES = {
    "territories": "territories.qml",
    "communes_by_territory": "territories.qml",
    "time": "time_graduated.qml",
    "sites": "sites.qml",
    "lines": "lines.qml",
    "changes": "changes.qml",
    "satisfaction": "satisfaction_graduated.qml",
    "table": "",  # no symbology: the French field aliases only (scenario table, proxy network)
}
STYLE_NAMES = {
    "territories": "OPTIMA territories",
    "communes_by_territory": "OPTIMA communes by territory",
    "time": "OPTIMA travel time",
    "sites": "OPTIMA sites",
    "lines": "OPTIMA allocation lines",
    "changes": "OPTIMA scenario changes",
    "satisfaction": "OPTIMA satisfaction",
    "table": "OPTIMA field names",
}
#: kinds whose layers are loaded unchecked (visible on demand): allocation lines
HIDDEN_KINDS = ("lines",)
#: fields that carry a place's name, in the order they are preferred for labels and legends
NAME_FIELDS = ("nom", "name", "nom_commune", "NOM", "NOM_COM", "libelle", "lib_fs", "nom_site")
SEPARATOR = " · "

#: output field -> label shown in QGIS (translated with tr() when applied)
FIELD_ALIASES = {
    "territory": QT_TRANSLATE_NOOP("optima", "Territory"),
    "name": QT_TRANSLATE_NOOP("optima", "Name"),
    "hub": QT_TRANSLATE_NOOP("optima", "Hub commune"),
    "time_to_hub_min": QT_TRANSLATE_NOOP("optima", "Time to the hub (min)"),
    "reason": QT_TRANSLATE_NOOP("optima", "Reason of the assignment"),
    "pop": QT_TRANSLATE_NOOP("optima", "Population"),
    "n_communes": QT_TRANSLATE_NOOP("optima", "Number of communes"),
    "area_km2": QT_TRANSLATE_NOOP("optima", "Area (km²)"),
    "pop_dev_pct": QT_TRANSLATE_NOOP("optima", "Population deviation (%)"),
    "time_mean": QT_TRANSLATE_NOOP("optima", "Mean time (min)"),
    "time_p90": QT_TRANSLATE_NOOP("optima", "Time, 90th percentile (min)"),
    "time_max": QT_TRANSLATE_NOOP("optima", "Maximum time (min)"),
    "contiguous": QT_TRANSLATE_NOOP("optima", "Contiguous (1 = yes)"),
    "forced_alone": QT_TRANSLATE_NOOP("optima", "Alone by necessity (1 = yes)"),
    "color_idx": QT_TRANSLATE_NOOP("optima", "Colour number"),
    "color": QT_TRANSLATE_NOOP("optima", "Colour"),
    "site_id": QT_TRANSLATE_NOOP("optima", "Site"),
    "time_min": QT_TRANSLATE_NOOP("optima", "Travel time (min)"),
    "dist_km": QT_TRANSLATE_NOOP("optima", "Distance (km)"),
    "within_cutoff": QT_TRANSLATE_NOOP("optima", "Within the limit (1 = yes)"),
    "within_threshold": QT_TRANSLATE_NOOP("optima", "Within the threshold (1 = yes)"),
    "unreachable": QT_TRANSLATE_NOOP("optima", "Unreachable (1 = yes)"),
    "access_2sfca": QT_TRANSLATE_NOOP("optima", "Accessibility (2SFCA)"),
    "rank_in_territory": QT_TRANSLATE_NOOP("optima", "Rank in the territory"),
    "site_outside": QT_TRANSLATE_NOOP("optima", "Site outside the territory (1 = yes)"),
    "required": QT_TRANSLATE_NOOP("optima", "Imposed site (1 = yes)"),
    "served_pop": QT_TRANSLATE_NOOP("optima", "Population served"),
    "pop_served": QT_TRANSLATE_NOOP("optima", "Population served"),
    "n_served": QT_TRANSLATE_NOOP("optima", "Communes served"),
    "capacity": QT_TRANSLATE_NOOP("optima", "Capacity"),
    "ratio_per_1000": QT_TRANSLATE_NOOP("optima", "Capacity per 1,000 inhabitants"),
    "capacity_per_1000": QT_TRANSLATE_NOOP("optima", "Capacity per 1,000 inhabitants"),
    "outside_communes_m": QT_TRANSLATE_NOOP("optima", "Distance outside the communes (m)"),
    "n_sites": QT_TRANSLATE_NOOP("optima", "Number of sites"),
    "n_unreachable": QT_TRANSLATE_NOOP("optima", "Unreachable communes"),
    "pct_pop_within": QT_TRANSLATE_NOOP("optima", "Population within the threshold (%)"),
    "polsby_popper": QT_TRANSLATE_NOOP("optima", "Compactness (Polsby-Popper)"),
    "demand_id": QT_TRANSLATE_NOOP("optima", "Commune"),
    "weight": QT_TRANSLATE_NOOP("optima", "Weight (population)"),
    "territory_a": QT_TRANSLATE_NOOP("optima", "Territory in scenario A"),
    "territory_b": QT_TRANSLATE_NOOP("optima", "Territory in scenario B"),
    "changed": QT_TRANSLATE_NOOP("optima", "Changed territory (1 = yes)"),
    "satisfaction_mean": QT_TRANSLATE_NOOP("optima", "Mean satisfaction"),
    "scenario": QT_TRANSLATE_NOOP("optima", "Scenario"),
    "n_territories": QT_TRANSLATE_NOOP("optima", "Number of territories"),
    "n_offices": QT_TRANSLATE_NOOP("optima", "Number of sites"),
    "max_dev_pct": QT_TRANSLATE_NOOP("optima", "Maximum population deviation (%)"),
    "gini_time": QT_TRANSLATE_NOOP("optima", "Gini of the times"),
    "inhab_min": QT_TRANSLATE_NOOP("optima", "Inhabitant-minutes"),
    "balance_tol": QT_TRANSLATE_NOOP("optima", "Tolerated population deviation (%)"),
    "keep_whole": QT_TRANSLATE_NOOP("optima", "EPCI kept whole (1 = yes)"),
    "problem": QT_TRANSLATE_NOOP("optima", "Site choice"),
    "objective": QT_TRANSLATE_NOOP("optima", "Objective value"),
    "cost_fixed": QT_TRANSLATE_NOOP("optima", "Cost of the sites (€/year)"),
    "cost_travel": QT_TRANSLATE_NOOP("optima", "Travel cost (€/year)"),
    "cost_total": QT_TRANSLATE_NOOP("optima", "Total cost (€/year)"),
    "pareto": QT_TRANSLATE_NOOP("optima", "Non-dominated trade-off (1 = yes)"),
    "n_changed": QT_TRANSLATE_NOOP("optima", "Communes changing territory"),
    "pop_changed": QT_TRANSLATE_NOOP("optima", "Inhabitants changing territory"),
    "status": QT_TRANSLATE_NOOP("optima", "Run status"),
    "from_id": QT_TRANSLATE_NOOP("optima", "From commune"),
    "to_id": QT_TRANSLATE_NOOP("optima", "To commune"),
    "length_m": QT_TRANSLATE_NOOP("optima", "Length (m)"),
    "speed_kmh": QT_TRANSLATE_NOOP("optima", "Speed (km/h)"),
    "kind": QT_TRANSLATE_NOOP("optima", "Kind of link (adjacent / ferry)"),
    "island": QT_TRANSLATE_NOOP("optima", "Island (1 = yes)"),
}

#: legend texts of the QML files, translated when a style is applied
LEGEND_TEXTS = (
    QT_TRANSLATE_NOOP("optima", "Changed territory"),
    QT_TRANSLATE_NOOP("optima", "Same territory"),
    QT_TRANSLATE_NOOP("optima", "Not compared"),
)
#: French number format of the graduated legends ("2.5 - 3" -> "2,5 - 3")
_DECIMAL = __import__("re").compile(r"(?<=\d)\.(?=\d)")

#: post-processors handed to QGIS: kept referenced so Python does not collect them
_KEEP = []
_COLOR_MAX_FEATURES = 60_000


def style_path(kind: str) -> str:
    if kind not in STYLE_FILES:
        raise ValueError(f"unknown style kind {kind!r} (one of {', '.join(STYLE_FILES)})")
    return os.path.join(STYLES_DIR, STYLE_FILES[kind])


# ------------------------------------------------------------------------- pieces
def set_aliases(layer) -> int:
    """French (translated) aliases on the fields of ``layer`` listed in FIELD_ALIASES; returns how
    many were set. A field that already has an alias keeps it."""
    n = 0
    fields = layer.fields()
    for name, label in FIELD_ALIASES.items():
        idx = fields.indexOf(name)
        if idx >= 0 and not fields.at(idx).alias():
            layer.setFieldAlias(idx, tr(label))
            n += 1
    return n


def name_field(layer) -> Optional[str]:
    names = layer.fields().names()
    return next((f for f in NAME_FIELDS if f in names), None)


def _text(v) -> str:
    """31.0, 31 and "31" print the same; NULL is empty."""
    if v is None or str(v) == "NULL":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _sort_key(v):
    t = _text(v)
    try:
        return (0, float(t), t)
    except ValueError:
        return (1, 0.0, t)


def territory_label(territory, name=None) -> str:
    """Legend and label text of a territory: "3 · Quimper" (the number alone without a name)."""
    t, n = _text(territory), _text(name)
    return f"{t}{SEPARATOR}{n}" if n and n != t else t


def _label_settings(expression: str, size: float = 10.0, bold: bool = True, polygon: bool = True,
                    color: str = "#1a1a1a"):
    """Readable labels: a sans-serif text with a white halo (buffer)."""
    from qgis.core import QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes
    from qgis.PyQt.QtGui import QColor, QFont

    fmt = QgsTextFormat()
    font = QFont("Sans Serif")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(color))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(1.0)
    buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buf.setColor(QColor(255, 255, 255))
    buf.setOpacity(0.9)
    fmt.setBuffer(buf)
    s = QgsPalLayerSettings()
    s.setFormat(fmt)
    s.fieldName = expression
    s.isExpression = True
    s.enabled = True
    if polygon:
        # Qgis.LabelPlacement from QGIS 3.26; on 3.40 QgsPalLayerSettings.OverPoint is another enum
        from qgis.core import Qgis
        placement = getattr(Qgis, "LabelPlacement", None)
        s.placement = placement.OverPoint if placement is not None else QgsPalLayerSettings.OverPoint
        s.fitInPolygonOnly = False
    else:
        s.dist = 1.5
        s.distUnits = QgsUnitTypes.RenderMillimeters
    # a territory's label ("1 · Toulouse") wins over a site's name where they collide (a hub's
    # site sits where its territory's label goes): the star still marks the site
    s.priority = 9 if polygon else 7
    return s


def _set_labels(layer, expression: Optional[str], **kw):
    from qgis.core import QgsVectorLayerSimpleLabeling
    if not expression:
        layer.setLabelsEnabled(False)
        return
    layer.setLabeling(QgsVectorLayerSimpleLabeling(_label_settings(expression, **kw)))
    layer.setLabelsEnabled(True)


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _territory_values(layer, extra=()):
    """{territory text: {field: first value}} of ``layer`` for the fields ``extra`` it has."""
    from qgis.core import QgsFeatureRequest
    names = layer.fields().names()
    extra = [f for f in extra if f in names]
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(
        ["territory"] + extra, layer.fields())
    out = {}
    for f in layer.getFeatures(req):
        t = _text(f["territory"])
        if not t:
            continue
        row = out.setdefault(t, {})
        for e in extra:
            if row.get(e) in (None, "") and _text(f[e]):
                row[e] = _text(f[e])
    return out


def computed_colors(layer) -> dict:
    """{territory text: hex} by a map colouring of the territories the polygons of ``layer`` form
    (two territories whose polygons touch never share a colour); the territory number picks the
    colour when the geometries cannot be read."""
    from .core.colors import color_hex, color_territories

    values = sorted(_territory_values(layer), key=_sort_key)
    pos = {t: k for k, t in enumerate(values)}
    if not values:
        return {}
    try:
        if layer.featureCount() > _COLOR_MAX_FEATURES:
            raise ValueError("too many features")
        import numpy as np
        import shapely

        from .core.network import adjacency_pairs
        geoms, lab = [], []
        for f in layer.getFeatures():
            t = _text(f["territory"])
            g = f.geometry()
            if not t or g is None or g.isEmpty():
                continue
            geoms.append(bytes(g.asWkb()))
            lab.append(pos[t])
        arr = shapely.from_wkb(geoms)
        i, j, _ = adjacency_pairs(arr, mode="point")
        lab = np.asarray(lab)
        a, b = lab[i], lab[j]
        keep = a != b
        pairs = sorted({(int(min(x, y)), int(max(x, y))) for x, y in zip(a[keep], b[keep])})
        idx = color_territories(pairs, len(values))
        return {t: color_hex(idx[pos[t]]) for t in values}
    except Exception:  # no shapely, a broken geometry, a huge layer: still one colour each
        return {t: color_hex(pos[t]) for t in values}


def hub_names(layer) -> dict:
    """{territory: name of its hub commune} from a commune layer carrying ``hub`` (the hub's
    identifier) and a name field; {} when it cannot be told."""
    from qgis.core import QgsFeatureRequest
    fields = layer.fields().names()
    nf = name_field(layer)
    if nf is None or "hub" not in fields or "territory" not in fields:
        return {}
    hubs = {t: row.get("hub") for t, row in _territory_values(layer, ["hub"]).items()}
    wanted = {h for h in hubs.values() if h}
    best = {}
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    for f in layer.getFeatures(req):  # the identifier field: the one whose values are the hubs
        for fld in fields:
            if fld in ("hub", "territory"):
                continue
            v = _text(f[fld])
            if v in wanted:
                best.setdefault(fld, {})[v] = _text(f[nf])
    if not best:
        return {}
    fld = max(best, key=lambda k: len(best[k]))
    return {t: best[fld].get(h, "") for t, h in hubs.items() if best[fld].get(h)}


def _territory_renderer(layer, colors: dict, names: dict, outline: float, outline_color: str):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory

    cats = []
    for t in sorted(colors, key=_sort_key):
        sym = QgsFillSymbol.createSimple({"color": colors[t], "outline_color": outline_color,
                                          "outline_width": str(outline), "outline_width_unit": "MM"})
        value = int(t) if t.lstrip("-").isdigit() else t
        cats.append(QgsRendererCategory(value, sym, territory_label(t, names.get(t))))
    r = QgsCategorizedSymbolRenderer("territory", cats)
    return r


def _style_territories(layer, colors=None, names=None, communes=False, label=None):
    names_in = layer.fields().names()
    if "territory" not in names_in:
        return False
    if colors is None:
        if "color" in names_in:
            colors = {t: row.get("color") for t, row in _territory_values(layer, ["color"]).items()
                      if row.get("color")}
            if len(colors) < len(_territory_values(layer)):
                colors = None
        if colors is None:
            colors = computed_colors(layer)
    colors = {_text(k): v for k, v in colors.items()}
    names = {_text(k): v for k, v in (names or {}).items() if v}
    if not names:
        nf = "name" if "name" in names_in else None
        if nf is not None and not communes:
            names = {t: row[nf] for t, row in _territory_values(layer, [nf]).items() if row.get(nf)}
        elif communes:
            names = hub_names(layer)
    layer.setRenderer(_territory_renderer(layer, colors, names, 0.1 if communes else 0.6,
                                          "#808080" if communes else "#333333"))
    if communes:
        _set_labels(layer, None)
    else:
        if label:
            expr = label if label not in names_in else f'"{label}"'
        elif names:
            pairs = ", ".join(f"{_quote(t)}, {_quote(territory_label(t, n))}" for t, n in names.items())
            expr = f'coalesce(map_get(map({pairs}), to_string("territory")), to_string("territory"))'
        else:
            expr = 'to_string("territory")'
        _set_labels(layer, expr, size=11.0, bold=True)
    return True


def _translate_legend(layer):
    """Legend entries of a QML style in the interface language (numbers in its format)."""
    from .i18n import language
    r = layer.renderer()
    if r is None:
        return
    fr = language() == "fr"
    if r.type() == "categorizedSymbol":
        for k, cat in enumerate(r.categories()):
            text = cat.label()
            r.updateCategoryLabel(k, tr(text) if text in LEGEND_TEXTS else text)
    elif r.type() == "graduatedSymbol" and fr:
        for k, rng in enumerate(r.ranges()):
            r.updateRangeLabel(k, _DECIMAL.sub(",", rng.label()))


def _style_sites(layer, label=None):
    _msg, ok = layer.loadNamedStyle(style_path("sites"))
    if not ok:
        return False
    names = layer.fields().names()
    nf = name_field(layer)
    if nf is not None:
        expr = f'"{nf}"'
    elif label:
        expr = f'"{label}"' if label in names else label
    else:
        expr = '"site_id"' if "site_id" in names else None
    _set_labels(layer, expr, size=9.0, bold=True, polygon=False)
    return True


def apply_style(layer, kind: str, label: Optional[str] = None, colors: Optional[dict] = None,
                names: Optional[dict] = None) -> bool:
    """Style ``layer`` (a QgsVectorLayer) as ``kind`` and set its French field aliases. Returns
    True when the style was applied. ``colors`` / ``names``: {territory: hex colour / name} for
    the territory kinds (computed from the layer when not given)."""
    if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return False
    style_path(kind)
    if kind in ("territories", "communes_by_territory"):
        ok = _style_territories(layer, colors, names, communes=kind == "communes_by_territory", label=label)
    elif kind == "sites":
        ok = _style_sites(layer, label)
    elif kind == "table":
        ok = True
    else:
        _msg, ok = layer.loadNamedStyle(style_path(kind))
        if ok:
            _translate_legend(layer)
    set_aliases(layer)
    layer.triggerRepaint()
    return bool(ok)


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


def save_default_style(dest: str, kind: str, label: Optional[str] = None, feedback=None,
                       colors: Optional[dict] = None, names: Optional[dict] = None) -> bool:
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
    if not apply_style(layer, kind, label, colors=colors, names=names):
        return False
    err = save_style_to_database(layer, STYLE_NAMES[kind], tr("Default style written by OPTIMA"))
    del layer
    if err:
        if feedback is not None:
            feedback.pushWarning(tr("Could not save the default style in {}: {}").format(path, err))
        return False
    return True


# ------------------------------------------------------------------------- GUI
def hide_in_legend(layer) -> None:
    """Uncheck ``layer`` in the project's layer tree (it stays in the legend, not drawn)."""
    from qgis.core import QgsProject
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id()) if layer is not None else None
    if node is not None:
        node.setItemVisibilityChecked(False)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies an OPTIMA style to an output layer once QGIS has loaded it (main thread)."""

    def __init__(self, kind: str, label: Optional[str] = None, colors=None, names=None):
        super().__init__()
        self.kind = kind
        self.label = label
        self.colors, self.names = colors, names

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        if not apply_style(layer, self.kind, self.label, self.colors, self.names):
            if feedback is not None:
                feedback.pushInfo(tr("Style '{}' could not be applied to {}.").format(
                    self.kind, layer.name() if layer is not None else "?"))
            return
        if self.kind in HIDDEN_KINDS:
            hide_in_legend(layer)


def style_output(context, dest: str, kind: str, label: Optional[str] = None, feedback=None,
                 colors: Optional[dict] = None, names: Optional[dict] = None) -> dict:
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
        pp = StylePostProcessor(kind, label, colors, names)
        _KEEP.append(pp)
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(pp)
        out["post_processor"] = True
    out["gpkg_default"] = save_default_style(dest, kind, label, feedback, colors=colors, names=names)
    return out

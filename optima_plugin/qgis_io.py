"""QGIS <-> core data exchange: feature sources to GeoDataFrames, result tables to sinks.

Flow: QGIS layer -> :func:`read_source` -> :class:`LayerData` (GeoDataFrame + the raw
attributes) -> core -> DataFrame -> :func:`write_features` -> sink.

- Geometries travel as WKB (``shapely.from_wkb`` in bulk).
- Every attribute is kept: the raw QGIS values are written back unchanged, new fields
  are appended (or overwrite a field of the same name, e.g. re-running on an output).
- "Selected features only" is honoured by Processing itself (``parameterAsSource``).
- A geographic CRS is reprojected to a metric one (Lambert-93 in mainland France,
  otherwise the UTM zone of the data); every layer of a run shares one working CRS.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .i18n import tr

LAMBERT93 = QgsCoordinateReferenceSystem("EPSG:2154")
# mainland France + Corsica, in degrees
_FRANCE_BBOX = (-5.5, 41.2, 10.0, 51.3)


@dataclass
class LayerData:
    gdf: "object"                     # geopandas.GeoDataFrame in the working CRS, index 0..n-1
    fields: QgsFields
    raw_attrs: List[list]
    fids: List[int]
    crs: QgsCoordinateReferenceSystem
    geometry_type: int                # QgsWkbTypes.GeometryType
    wkb_type: int
    name: str = ""
    qgis_geoms: List[QgsGeometry] = field(default_factory=list)

    def __len__(self):
        return len(self.fids)


def metric_crs_for(crs: QgsCoordinateReferenceSystem, extent=None, transform_context=None):
    """The working CRS for a layer: itself when projected, else Lambert-93 or a UTM zone."""
    if crs.isValid() and not crs.isGeographic():
        return crs
    if extent is None or extent.isEmpty():
        return LAMBERT93
    cx, cy = extent.center().x(), extent.center().y()
    if crs.isValid() and crs.authid() != "EPSG:4326" and transform_context is not None:
        ct = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), transform_context)
        p = ct.transform(extent.center())
        cx, cy = p.x(), p.y()
    x0, y0, x1, y1 = _FRANCE_BBOX
    if x0 <= cx <= x1 and y0 <= cy <= y1:
        return LAMBERT93
    zone = int(math.floor((cx + 180) / 6) + 1)
    epsg = (32600 if cy >= 0 else 32700) + zone
    return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")


def _py(v):
    """QVariant NULL -> None; other values as they are."""
    if v is None:
        return None
    if isinstance(v, QVariant):
        return None if v.isNull() else v.value()
    try:
        if v == QVariant():  # NULL compares equal to an invalid QVariant in older PyQt
            return None
    except Exception:
        pass
    return v


def read_source(source, name: str, context, feedback=None, target_crs=None,
                require_geometry: bool = True, allow_empty: bool = False,
                attributes: Optional[Sequence[str]] = None, keep_qgis_geoms: bool = True) -> LayerData:
    """Read a QgsFeatureSource into a GeoDataFrame in a metric working CRS.

    ``name`` is the parameter name, used in messages. Raises QgsProcessingException when the
    source is missing or empty (e.g. "selected features only" with nothing selected).
    ``attributes``: read only these fields (the GeoDataFrame, ``fields`` and ``raw_attrs`` hold
    only these); ``keep_qgis_geoms=False`` keeps no QgsGeometry copies (large layers).
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    if source is None:
        raise QgsProcessingException(tr("{}: the layer could not be read.").format(name))
    src_crs = source.sourceCrs()
    if target_crs is None:
        target_crs = metric_crs_for(src_crs, source.sourceExtent(), context.transformContext())
    request = QgsFeatureRequest()
    transformed = src_crs.isValid() and target_crs.isValid() and src_crs != target_crs
    if transformed:
        request.setDestinationCrs(target_crs, context.transformContext())
        if feedback is not None:
            feedback.pushInfo(tr("{}: reprojected from {} to {} for metric distances.").format(
                name, src_crs.authid() or src_crs.description(), target_crs.authid()))
    fields = source.fields()
    names = fields.names()
    pick = None
    if attributes is not None:
        names = [n for n in names if n in set(attributes)]
        pick = [fields.indexFromName(n) for n in names]
        request.setSubsetOfAttributes(pick)
        sub = QgsFields()
        for k in pick:
            sub.append(fields.at(k))
        fields = sub                     # raw_attrs and fields hold the fields read, in order
    total = source.featureCount() or 0
    raw, fids, wkbs, geoms = [], [], [], []
    for i, f in enumerate(source.getFeatures(request)):
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Canceled."))
        fids.append(f.id())
        if pick is None:
            raw.append(list(f.attributes()))
        else:
            a = f.attributes()
            raw.append([a[k] for k in pick])
        g = f.geometry()
        if keep_qgis_geoms:
            geoms.append(QgsGeometry(g))
        wkbs.append(None if g is None or g.isNull() else bytes(g.asWkb()))
        if feedback is not None and total and i % 2000 == 0:
            feedback.setProgress(int(5 * i / total))
    if not fids and not allow_empty:
        raise QgsProcessingException(tr(
            "{}: the layer has no features (or 'selected features only' is on and nothing is selected)."
        ).format(name))
    data = {n: [_py(r[k]) for r in raw] for k, n in enumerate(names)}
    df = pd.DataFrame(data, columns=names)
    geo = shapely.from_wkb(wkbs, on_invalid="ignore") if wkbs else []
    gdf = gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geo, crs=target_crs.toWkt() or None)
                           if len(wkbs) else gpd.GeoSeries([], dtype="geometry"))
    gdf["_fid"] = fids
    if require_geometry and len(gdf):
        missing = gdf.geometry.isna() | gdf.geometry.is_empty
        if missing.any():
            bad = [str(fids[i]) for i in list(missing.to_numpy().nonzero()[0])[:10]]
            raise QgsProcessingException(tr(
                "{}: {} feature(s) have no geometry (feature id {}). Fix or remove them first."
            ).format(name, int(missing.sum()), ", ".join(bad)))
    if (require_geometry and len(gdf)
            and QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PolygonGeometry):
        # invalid polygons (bow-ties, self-intersections) break GEOS operations downstream:
        # repaired here once for every algorithm (the written outputs keep the original geometry)
        invalid = ~shapely.is_valid(gdf.geometry.to_numpy())
        if invalid.any():
            from .core.pipeline import check_polygons
            fixed, repaired = check_polygons(gdf.geometry.to_numpy(), fids, what=name)
            gdf = gdf.set_geometry(gpd.GeoSeries(fixed, index=gdf.index, crs=gdf.crs))
            if feedback is not None:
                feedback.pushWarning(tr("{}: {} invalid geometry(ies) repaired (make_valid): feature id {}.").format(
                    name, repaired, ", ".join(str(fids[i]) for i in list(invalid.nonzero()[0])[:10])))
    return LayerData(gdf=gdf, fields=QgsFields(fields), raw_attrs=raw, fids=fids, crs=target_crs,
                     geometry_type=QgsWkbTypes.geometryType(source.wkbType()), wkb_type=source.wkbType(),
                     name=name, qgis_geoms=geoms)


def qvariant_type(series) -> int:
    import pandas as pd
    if pd.api.types.is_bool_dtype(series):
        return QVariant.Int
    if pd.api.types.is_integer_dtype(series):
        try:
            big = len(series) and series.abs().max() > 2**31 - 1
        except TypeError:
            big = False
        return QVariant.LongLong if big else QVariant.Int
    if pd.api.types.is_float_dtype(series):
        return QVariant.Double
    return QVariant.String


def to_qvalue(v):
    """numpy / pandas scalar -> plain Python value, NaN -> None (NULL)."""
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if isinstance(v, bool):
        return int(v)
    try:
        import pandas as pd
        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return v


def output_fields(base: Optional[QgsFields], table, columns: Sequence[str],
                  types: Optional[Dict[str, int]] = None) -> QgsFields:
    """Input fields (kept as they are) followed by new ``columns`` typed from ``table``."""
    out = QgsFields(base) if base is not None else QgsFields()
    types = types or {}
    for c in columns:
        if out.indexFromName(c) >= 0:
            continue  # same name as an input field: its value is overwritten
        t = types.get(c, qvariant_type(table[c]) if table is not None and c in table else QVariant.String)
        fld = QgsField(c, t)
        if t == QVariant.Double:
            fld.setLength(20)
            fld.setPrecision(6)
        out.append(fld)
    return out


def shapely_to_qgs(geom) -> QgsGeometry:
    import shapely
    if geom is None or shapely.is_missing(geom) or geom.is_empty:
        return QgsGeometry()
    g = QgsGeometry()
    g.fromWkb(shapely.to_wkb(geom))
    return g


def _qvalues(a) -> list:
    """``[to_qvalue(v) for v in a]``, in bulk for numeric columns."""
    import numpy as np
    a = np.asarray(a)
    if a.dtype.kind == "f":
        return np.where(np.isfinite(a), a, None).tolist()       # NaN / inf -> NULL
    if a.dtype.kind in "iu":
        return a.tolist()
    if a.dtype.kind == "b":
        return a.astype(int).tolist()
    return [to_qvalue(v) for v in a]


def write_features(sink, fields: QgsFields, table, columns: Sequence[str], raw_attrs=None,
                   geometries=None, feedback=None, multi: bool = False, progress_range=(90, 100)) -> int:
    """Write one feature per row of ``table``.

    ``raw_attrs``: the original attribute lists (kept unchanged) — the new ``columns`` follow,
    or overwrite an input field of the same name. ``geometries``: QgsGeometry or shapely objects.
    """
    if sink is None:
        return 0
    n = len(table)
    idx = [fields.indexFromName(c) for c in columns]
    cols = [_qvalues(table[c].to_numpy()) if c in table else [None] * n for c in columns]
    nf = fields.count()
    lo, hi = progress_range
    batch = []
    done = 0

    def flush():
        nonlocal done
        if batch and not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(tr("Could not write feature {}.").format(done))
        done += len(batch)
        batch.clear()

    for r in range(n):
        if r % 5000 == 0:
            flush()                      # in bulk: one call per 5,000 features
            if feedback is not None:
                if feedback.isCanceled():
                    raise QgsProcessingException(tr("Canceled."))
                feedback.setProgress(int(lo + (hi - lo) * r / max(n, 1)))
        attrs = list(raw_attrs[r]) if raw_attrs is not None else [None] * nf
        attrs += [None] * (nf - len(attrs))
        for k, c in zip(idx, cols):
            attrs[k] = c[r]
        f = QgsFeature(fields)
        f.setAttributes(attrs)
        if geometries is not None:
            g = geometries[r]
            if not isinstance(g, QgsGeometry):
                g = shapely_to_qgs(g)
            else:
                g = QgsGeometry(g)
            if multi and not g.isNull():
                g.convertToMultiType()
            f.setGeometry(g)
        batch.append(f)
    flush()
    return n

"""QGIS <-> core data exchange: feature sources to GeoDataFrames, result tables to sinks.

Flow: QGIS layer -> :func:`read_source` -> :class:`LayerData` (GeoDataFrame + the raw
attributes) -> core -> DataFrame -> :func:`write_features` -> sink.

- Geometries travel as WKB (``shapely.from_wkb`` in bulk).
- Every attribute is kept: the raw QGIS values are written back unchanged, new fields
  are appended; an input field named like one of ours (case-insensitive) is kept renamed with
  the suffix ``_in`` (e.g. re-running on an output: the old ``territory`` becomes ``territory_in``).
- "Selected features only" is honoured by Processing itself (``parameterAsSource``).
- A geographic CRS is reprojected to a metric one (Lambert-93 in mainland France,
  otherwise the UTM zone of the data); every layer of a run shares one working CRS.
  So are projected CRSs whose unit or scale is not the metre on the ground: Web Mercator
  and other Mercator or plate carrée projections (distances x 1.4 at French latitudes),
  feet. A layer with no CRS whose coordinates look like degrees is refused.
- Curved geometries (CurvePolygon, MultiSurface, CircularString ...) are segmentised.
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

from .i18n import fmt_num, tr
from .compat import FieldType, GeometryType, WkbType
from .core.errors import plain

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
    read_in_bulk: bool = False        # read through GDAL column by column (bulk_read), not per feature

    def __len__(self):
        return len(self.fids)


# projections whose metre is not a metre on the ground away from the equator
_STRETCHED_PROJECTIONS = {"merc": "Mercator", "webmerc": "Web Mercator", "eqc": "plate carrée",
                          "mill": "Miller", "gall": "Gall"}


def _metre_unit():
    try:
        from qgis.core import Qgis
        return Qgis.DistanceUnit.Meters
    except AttributeError:  # QGIS < 3.30
        from qgis.core import QgsUnitTypes
        return QgsUnitTypes.DistanceMeters


def crs_problem(crs: QgsCoordinateReferenceSystem) -> Optional[str]:
    """Why distances measured in ``crs`` are not metres on the ground, or None when they are.

    The one check every algorithm shares (through :func:`read_source`): geographic (degrees),
    a stretched projection (Web Mercator and other Mercator or plate carrée: x 1.4 at French
    latitudes) or a unit other than the metre (feet, US survey feet ...)."""
    if not crs.isValid():
        return None
    if crs.isGeographic():
        return "geographic (degrees)"
    acro = (crs.projectionAcronym() or "").lower()
    if acro in _STRETCHED_PROJECTIONS or crs.authid() in ("EPSG:3857", "EPSG:900913", "EPSG:3395"):
        return "{} projection (distances stretched, x 1.4 at French latitudes)".format(
            _STRETCHED_PROJECTIONS.get(acro, "Mercator"))
    try:
        if crs.mapUnits() != _metre_unit():
            from qgis.core import QgsUnitTypes
            return "unit {} (not metres)".format(QgsUnitTypes.toString(crs.mapUnits()))
    except Exception:  # pragma: no cover - unit API differences: projected CRSs are then taken as metric
        return None
    return None


def looks_like_degrees(extent) -> bool:
    """Coordinates inside [-180, 180] x [-90, 90]."""
    if extent is None or extent.isEmpty():
        return False
    return (-180.0 <= extent.xMinimum() and extent.xMaximum() <= 180.0 and -90.0 <= extent.yMinimum()
            and extent.yMaximum() <= 90.0 and (extent.width() > 0 or extent.height() > 0))


def metric_crs_for(crs: QgsCoordinateReferenceSystem, extent=None, transform_context=None):
    """The working CRS for a layer: itself when projected in metres, else Lambert-93 or a UTM zone
    (see :func:`crs_problem`)."""
    if crs.isValid() and crs_problem(crs) is None:
        return crs
    if not crs.isValid():
        return crs   # no CRS: coordinates taken as they are (read_source refuses degrees)
    if extent is None or extent.isEmpty():
        return LAMBERT93
    cx, cy = extent.center().x(), extent.center().y()
    if crs.authid() != "EPSG:4326" and transform_context is not None:
        ct = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), transform_context)
        p = ct.transform(extent.center())
        cx, cy = p.x(), p.y()
    x0, y0, x1, y1 = _FRANCE_BBOX
    if x0 <= cx <= x1 and y0 <= cy <= y1:
        return LAMBERT93
    zone = int(math.floor((cx + 180) / 6) + 1)
    epsg = (32600 if cy >= 0 else 32700) + zone
    return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")


_PLAIN = (str, int, float)


def _py(v):
    """A value read from QGIS (an attribute, a QVariant) as a plain Python value: NULL -> None,
    other values as they are. The one reader of attribute values (layers, the editor)."""
    if v is None or type(v) in _PLAIN:                 # the common case, at once
        return v
    if isinstance(v, QVariant):
        return None if v.isNull() else v.value()
    try:
        from qgis.core import NULL
        if type(v) is type(NULL) and v == NULL:
            return None
    except Exception:  # noqa: BLE001 - NULL is not a QVariant in every PyQt
        pass
    try:
        if v == QVariant():  # NULL compares equal to an invalid QVariant in older PyQt
            return None
    except Exception:  # noqa: BLE001
        pass
    return v


def read_source(source, name: str, context, feedback=None, target_crs=None,
                require_geometry: bool = True, allow_empty: bool = False,
                attributes: Optional[Sequence[str]] = None, keep_qgis_geoms: bool = True,
                bulk=None) -> LayerData:
    """Read a QgsFeatureSource into a GeoDataFrame in a metric working CRS.

    ``name`` is the parameter name, used in messages. Raises QgsProcessingException when the
    source is missing or empty (e.g. "selected features only" with nothing selected).
    ``attributes``: read only these fields (the GeoDataFrame, ``fields`` and ``raw_attrs`` hold
    only these); ``keep_qgis_geoms=False`` keeps no QgsGeometry copies (large layers).
    ``bulk``: a :class:`bulk_read.BulkPlan` for the layer (``bulk_read.bulk_plan``): with
    ``keep_qgis_geoms=False`` and no reprojection, the file is read in bulk through GDAL when that
    gives the same features, else feature by feature.
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    if source is None:
        raise QgsProcessingException(tr("{}: the layer could not be read.").format(name))
    src_crs = source.sourceCrs()
    if not src_crs.isValid():
        extent = source.sourceExtent()
        layer = source.sourceName() if hasattr(source, "sourceName") else name
        if looks_like_degrees(extent):
            raise QgsProcessingException(tr(
                "{}: the layer '{}' has no CRS and its coordinates look like degrees (x {:.4f} to {:.4f}, y {:.4f} "
                "to {:.4f}): distances would be meaningless. Set its CRS (e.g. EPSG:4326 for longitude/latitude) "
                "in the layer properties, or reproject it to Lambert-93 (EPSG:2154).").format(
                name, layer, extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum()))
        if feedback is not None:
            feedback.pushWarning(tr("{}: the layer '{}' has no CRS: its coordinates are taken as metres.").format(
                name, layer))
    if target_crs is None:
        target_crs = metric_crs_for(src_crs, source.sourceExtent(), context.transformContext())
    request = QgsFeatureRequest()
    transformed = src_crs.isValid() and target_crs.isValid() and src_crs != target_crs
    if transformed:
        request.setDestinationCrs(target_crs, context.transformContext())
        if feedback is not None:
            why = crs_problem(src_crs)
            feedback.pushInfo(tr("{}: reprojected from {} to {} for metric distances{}.").format(
                name, src_crs.authid() or src_crs.description(), target_crs.authid(),
                "" if why is None else " ({})".format(why)))
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
    n_curved = 0
    in_bulk = None
    if bulk is not None and not keep_qgis_geoms and not transformed:
        from .bulk_read import read_bulk
        in_bulk = read_bulk(bulk, names, source, feedback)
    if in_bulk is not None:
        from qgis.core import NULL

        from .bulk_read import _Rows
        fids, data, geo, _ = in_bulk
        raw = _Rows([data[n] for n in names], len(fids), NULL)
        if feedback is not None:
            feedback.pushInfo(tr("{}: {} feature(s) read in bulk from the file (only the fields needed).").format(
                name, fmt_num(len(fids))))
    # a layer whose type has no arcs has no curved feature: not asked per feature
    may_curve = QgsWkbTypes.isCurvedType(source.wkbType()) or QgsWkbTypes.flatType(source.wkbType()) in (
        WkbType.Unknown, WkbType.GeometryCollection)
    for i, f in enumerate(source.getFeatures(request) if in_bulk is None else ()):
        if feedback is not None and i % 256 == 0 and feedback.isCanceled():
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
        if may_curve and g is not None and not g.isNull() and QgsWkbTypes.isCurvedType(g.wkbType()):
            # arcs (CurvePolygon, MultiSurface ...): shapely reads straight segments only
            g = QgsGeometry(g)
            g.convertToStraightSegment()
            n_curved += 1
        wkbs.append(None if g is None or g.isNull() else bytes(g.asWkb()))
        if feedback is not None and total and i % 2000 == 0:
            feedback.setProgress(int(5 * i / total))
    if n_curved and feedback is not None:
        feedback.pushInfo(tr("{}: {} curved geometry(ies) segmentised (arcs replaced by straight segments).").format(
            name, n_curved))
    if not fids and not allow_empty:
        raise QgsProcessingException(tr(
            "{}: the layer has no features (or 'selected features only' is on and nothing is selected)."
        ).format(name))
    if in_bulk is None:
        data = {n: [_py(r[k]) for r in raw] for k, n in enumerate(names)}
        geo = shapely.from_wkb(wkbs, on_invalid="ignore") if wkbs else []
    df = pd.DataFrame(data, columns=names)
    # no pyproj CRS on the GeoDataFrame: the core works in the metric CRS's metres and never
    # reprojects, the QGIS CRS travels on LayerData.crs; pyproj used in a worker thread crashed
    # QGIS 3.40 (Python 3.13) when an algorithm ran in the background
    gdf = gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geo)
                           if len(geo) else gpd.GeoSeries([], dtype="geometry"))
    # the same int64 column either way (the bulk read has them as an array already)
    gdf["_fid"] = in_bulk[3] if in_bulk is not None and len(fids) else fids
    if require_geometry and len(gdf):
        missing = gdf.geometry.isna() | gdf.geometry.is_empty
        if missing.any():
            bad = [str(fids[i]) for i in list(missing.to_numpy().nonzero()[0])[:10]]
            raise QgsProcessingException(tr(
                "{}: {} feature(s) have no geometry (feature id {}). Fix or remove them first."
            ).format(name, int(missing.sum()), ", ".join(bad)))
    if (require_geometry and len(gdf)
            and QgsWkbTypes.geometryType(source.wkbType()) == GeometryType.Polygon):
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
                     name=name, qgis_geoms=geoms, read_in_bulk=in_bulk is not None)


def qvariant_type(series) -> int:
    import pandas as pd
    if pd.api.types.is_bool_dtype(series):
        return FieldType.Int
    if pd.api.types.is_integer_dtype(series):
        try:
            big = len(series) and series.abs().max() > 2**31 - 1
        except TypeError:
            big = False
        return FieldType.LongLong if big else FieldType.Int
    if pd.api.types.is_float_dtype(series):
        return FieldType.Double
    return FieldType.String


def _plain_scalar(v):
    """``core.values.plain_scalar`` (imported at the first value written: numpy stays out of
    the plugin's start)."""
    global _plain_scalar
    from .core.values import plain_scalar
    _plain_scalar = plain_scalar
    return plain_scalar(v)


def to_qvalue(v):
    """numpy / pandas scalar -> plain Python value, NaN -> None (NULL)."""
    if v is None or type(v) is str:                 # the common case, at once (no import per value)
        return v
    v = _plain_scalar(v)
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


INPUT_SUFFIX = "_in"


def _free_name(name: str, taken) -> str:
    """``name`` + "_in" (then "_in2", "_in3"...) not in ``taken`` (lower-case names)."""
    k = 1
    while True:
        cand = f"{name}{INPUT_SUFFIX}{'' if k == 1 else k}"
        if cand.lower() not in taken:
            return cand
        k += 1


def output_fields(base: Optional[QgsFields], table, columns: Sequence[str],
                  types: Optional[Dict[str, int]] = None, log=None) -> QgsFields:
    """Input fields (kept with their type and value) followed by new ``columns`` typed from
    ``table``. An input field whose name is one of ``columns`` (case-insensitive: ``TERRITORY``
    and ``territory`` clash in a GeoPackage) is kept renamed with the suffix ``_in`` (``_in2``...
    if taken), so our documented names never change and no input value is lost; ``log`` is told."""
    types = types or {}
    ours = {c.lower() for c in columns}
    out = QgsFields()
    if base is not None:
        taken = {base.at(i).name().lower() for i in range(base.count())} | ours
        renamed = []
        for i in range(base.count()):
            f = QgsField(base.at(i))
            if f.name().lower() in ours:
                new = _free_name(f.name(), taken)
                taken.add(new.lower())
                renamed.append(f"{f.name()} -> {new}")
                f.setName(new)
            out.append(f)
        if renamed and log is not None:
            log(tr("Input field(s) named like an output field kept under a new name: {}.").format(", ".join(renamed)))
    for c in columns:
        t = types.get(c, qvariant_type(table[c]) if table is not None and c in table else FieldType.String)
        fld = QgsField(c, t)
        if t == FieldType.Double:
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


def project_lonlat(geoms, epsg: int, transform_context=None):
    """Shapely geometries in longitude/latitude (WGS 84) projected to EPSG ``epsg`` by QGIS (the
    ``project`` of ``core.communes.load_communes``: QGIS's PROJ is safe in its task threads,
    pyproj is not on QGIS 3.40)."""
    import shapely
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
    ctx = transform_context if transform_context is not None else QgsProject.instance().transformContext()
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsCoordinateReferenceSystem(f"EPSG:{int(epsg)}"), ctx)
    out = []
    for wkb in shapely.to_wkb(geoms):
        g = QgsGeometry()
        g.fromWkb(wkb)
        g.transform(ct)
        out.append(bytes(g.asWkb()))
    return shapely.from_wkb(out)


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

    ``raw_attrs``: the original attribute lists (kept unchanged) — the new ``columns`` follow
    (see :func:`output_fields` for names that clash). ``geometries``: QgsGeometry or shapely objects.
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
        if batch and not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            err = ""
            try:
                err = sink.lastError() or ""
            except AttributeError:  # pragma: no cover - QGIS < 3.16
                pass
            raise QgsProcessingException(tr("Could not write feature {} ({}) to the output: {}").format(
                done, ", ".join(f"{fields.at(k).name()}={plain(v)!r}" for k, v in enumerate(batch[0].attributes()))[:300],
                err or tr("unknown reason")))
        done += len(batch)
        batch.clear()

    # the new columns fill every field in order (a table written alone): rows built at once
    whole_rows = raw_attrs is None and idx == list(range(nf))
    rows = zip(*cols) if whole_rows and cols else None
    for r in range(n):
        if r % 5000 == 0:
            flush()                      # in bulk: one call per 5,000 features
        if feedback is not None and r % 500 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Canceled."))
            feedback.setProgress(int(lo + (hi - lo) * r / max(n, 1)))
        if rows is not None:
            attrs = list(next(rows))
        else:
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

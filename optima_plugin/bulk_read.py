"""Large line layers (road networks) read in bulk through GDAL, column by column.

:func:`qgis_io.read_source` reads a layer feature by feature through QGIS (about 10 µs a
feature: 4 s for 320,000 road segments). For a plain file layer of QGIS's "ogr" provider the
same features can be read by GDAL (the library QGIS itself reads the file with) as columns:
``Layer.GetArrowStreamAsNumPy`` (GDAL >= 3.6) with only the fields needed, the geometries as
WKB arrays parsed by ``shapely.from_wkb`` at once, the feature ids from the FID column.

Taken only when it gives exactly the features QGIS would give (:func:`bulk_plan` says why not
otherwise, and the feature-by-feature read is used):

- the parameter is a layer (id, source or layer object), not "selected features only", no
  feature limit or filter, the layer's own invalid-geometry check unchanged or not needed;
- the layer is of the "ogr" provider on a local GeoPackage, shapefile, GeoJSON or FlatGeobuf
  file, with no subset string, no open options or geometry-type split in its source, and no
  pending edits;
- a line layer (LineString / MultiLineString, no curves, no M values), read in its own CRS
  (no reprojection: checked by the caller);
- the fields read are the file's own (no virtual or joined field), integer, real or text
  fields, text decoded as QGIS decodes it (UTF-8, or the shapefile's declared encoding).

After the read, anything QGIS would have handled differently sends the layer back to the
feature-by-feature read: a geometry that is not a (multi)line or is empty, one GEOS reports
invalid while invalid geometries are checked, text that is not valid UTF-8, a feature count
that differs from QGIS's. As QGIS's "ogr" provider does, single lines of a multi-line layer
(a shapefile) are returned as multi-lines.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from typing import List, Optional, Sequence

_DRIVERS = ("GPKG", "ESRI Shapefile", "GeoJSON", "FlatGeobuf")
_BATCH = 65536


@dataclass
class BulkPlan:
    """What :func:`read_bulk` needs to read a layer's file the way QGIS reads it."""
    path: str
    driver: str
    layer_name: Optional[str]
    layer_index: int
    multi: bool                 # the layer is multi-line: single lines become multi-lines
    encoding: str               # the layer's text encoding in QGIS
    check_validity: bool        # invalid geometries are checked (skipped or abort) by Processing
    fields: object              # the layer's QgsFields (origins of the fields)
    declined: str = ""          # why the last read_bulk handed the layer back (tests, debugging)


class _Rows:
    """The attribute rows of a layer read in bulk, built from its columns when asked for
    (``LayerData.raw_attrs``: ``rows[i]`` is the list of feature i's values, NULL as QGIS's NULL)."""

    def __init__(self, columns: List[list], n: int, null=None):
        self._cols = columns
        self._n = n
        self._null = null

    def _row(self, values):
        null = self._null
        return [null if v is None else v for v in values]

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._row(c[i] for c in self._cols)

    def __iter__(self):
        if not self._cols:
            return iter([[] for _ in range(self._n)])
        return (self._row(r) for r in zip(*self._cols))


def _as_int(v) -> int:
    try:
        return int(v)
    except TypeError:
        return int(v.value)


def _norm_encoding(name: str) -> str:
    try:
        return codecs.lookup(name or "").name
    except LookupError:
        return (name or "").lower()


def plan_or_reason(alg, parameters, name: str, context):
    """(BulkPlan, "") when the layer of parameter ``name`` can be read in bulk, else (None, why)."""
    from qgis.core import (QgsProcessingFeatureSourceDefinition, QgsProperty, QgsProviderRegistry, QgsVectorLayer,
                           QgsWkbTypes)

    from .compat import WkbType

    raw = parameters.get(name) if parameters else None
    check = _as_int(context.invalidGeometryCheck())
    if isinstance(raw, QgsProcessingFeatureSourceDefinition):
        if raw.selectedFeaturesOnly:
            return None, "selected features only"
        if getattr(raw, "featureLimit", -1) not in (-1, None):
            return None, "feature limit"
        if getattr(raw, "filterExpression", ""):
            return None, "filter expression"
        if _as_int(raw.flags) & 1:            # FlagOverrideDefaultGeometryCheck
            check = _as_int(raw.geometryCheck)
        value = raw.source
        if isinstance(value, QgsProperty):
            static = getattr(QgsProperty, "StaticProperty", None)       # Qgis.PropertyType.Static since 3.36
            if static is None:
                from qgis.core import Qgis
                static = Qgis.PropertyType.Static
            if value.propertyType() != static:
                return None, "source given by an expression"
            value = value.staticValue()
    else:
        value = raw
    if not isinstance(value, (str, QgsVectorLayer)):
        return None, "parameter value of type {}".format(type(value).__name__)
    layer = alg.parameterAsVectorLayer({name: value}, name, context)
    if layer is None or not layer.isValid():
        return None, "no vector layer"
    if layer.providerType() != "ogr":
        return None, "provider {}".format(layer.providerType())
    if layer.subsetString():
        return None, "subset string"
    buf = layer.editBuffer() if layer.isEditable() else None
    if buf is not None and buf.isModified():
        return None, "pending edits"
    wkb = layer.wkbType()
    if QgsWkbTypes.flatType(wkb) not in (WkbType.LineString, WkbType.MultiLineString) or QgsWkbTypes.hasM(wkb):
        return None, "geometry type {}".format(QgsWkbTypes.displayString(wkb))
    prov = layer.dataProvider()
    driver = prov.storageType()
    if driver not in _DRIVERS:
        return None, "driver {}".format(driver)
    uri = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    extra = {k: v for k, v in uri.items() if k not in ("path", "layerName", "layerId") and v not in (None, "", [])}
    if extra:
        return None, "source options {}".format(sorted(extra))
    path = uri.get("path") or ""
    if not os.path.isfile(path):
        return None, "not a local file"
    lname = uri.get("layerName")
    lname = None if lname is None or not isinstance(lname, str) or not lname else lname
    lid = uri.get("layerId")
    lid = int(lid) if isinstance(lid, int) else 0
    return BulkPlan(path=path, driver=driver, layer_name=lname, layer_index=lid,
                    multi=QgsWkbTypes.isMultiType(wkb), encoding=prov.encoding() or "",
                    check_validity=check != 0, fields=layer.fields()), ""


def bulk_plan(alg, parameters, name: str, context) -> Optional[BulkPlan]:
    """The plan to read parameter ``name``'s layer in bulk, or None (read feature by feature)."""
    try:
        return plan_or_reason(alg, parameters, name, context)[0]
    except Exception:  # noqa: BLE001 - any doubt: the feature-by-feature read
        return None


def read_bulk(plan: BulkPlan, names: Sequence[str], source, feedback=None):
    """(fids, {name: values}, shapely geometries, fids as an int64 array) of the layer, or None
    when it must be read feature by feature. ``names``: the fields to read (QGIS names). Values
    are plain Python values (None for NULL), as ``qgis_io._py`` gives them."""
    plan.declined = ""
    try:
        from osgeo import gdal, ogr
        if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
            raise _Declined("GDAL {} has no Arrow stream as NumPy (3.6 and later)".format(gdal.__version__))
        mgr = getattr(ogr, "ExceptionMgr", None)
        if mgr is not None:
            with mgr(useExceptions=True):
                return _read(plan, names, source, feedback, gdal, ogr)
        return _read(plan, names, source, feedback, gdal, ogr)
    except Exception as e:  # noqa: BLE001 - GDAL without Arrow, numpy mismatch ...: feature by feature
        from qgis.core import QgsProcessingException
        if isinstance(e, QgsProcessingException):     # canceled
            raise
        plan.declined = str(e) if isinstance(e, _Declined) else "{}: {}".format(type(e).__name__, e)
        return None


class _Declined(Exception):
    """The layer goes back to the feature-by-feature read (the message says why)."""


_OGR_TO_QGIS = {}   # OGR field type -> QGIS field type name, filled on first use


def _field_ok(ogr, fdefn, qfield) -> bool:
    from .compat import FieldType
    if not _OGR_TO_QGIS:
        _OGR_TO_QGIS.update({ogr.OFTInteger: FieldType.Int, ogr.OFTInteger64: FieldType.LongLong,
                             ogr.OFTReal: FieldType.Double, ogr.OFTString: FieldType.String})
    want = _OGR_TO_QGIS.get(fdefn.GetType())
    return (want is not None and fdefn.GetSubType() == ogr.OFSTNone and qfield.type() == want)


def _read(plan: BulkPlan, names, source, feedback, gdal, ogr):
    import numpy as np
    import shapely

    ds = gdal.OpenEx(plan.path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=[plan.driver])
    if ds is None:
        raise _Declined("file not opened")
    lyr = ds.GetLayerByName(plan.layer_name) if plan.layer_name else ds.GetLayer(plan.layer_index)
    if lyr is None:
        raise _Declined("layer not found")
    defn = lyr.GetLayerDefn()
    fid_col = lyr.GetFIDColumn() or ""
    qfields = plan.fields
    ogr_names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    wanted, from_fid = [], set()
    for n in names:
        k = qfields.indexFromName(n)
        if k < 0 or _as_int(qfields.fieldOrigin(k)) != 1:            # QgsFields.OriginProvider
            raise _Declined("field {} is not the file's".format(n))
        if n in ogr_names:
            if not _field_ok(ogr, defn.GetFieldDefn(ogr_names.index(n)), qfields.at(k)):
                raise _Declined("field {} of type {}".format(n, qfields.at(k).typeName()))
            wanted.append(n)
        elif fid_col and n == fid_col:
            from_fid.add(n)                   # GeoPackage: QGIS shows the FID column as a field
        else:
            raise _Declined("field {} not in the file".format(n))
    codec = "utf-8"
    if any(defn.GetFieldDefn(ogr_names.index(n)).GetType() == ogr.OFTString for n in wanted):
        codec = _text_codec(plan, lyr, ogr)
    lyr.SetIgnoredFields([n for n in ogr_names if n not in wanted])
    fid_key = fid_col or "OGC_FID"
    geom_key = lyr.GetGeometryColumn() or "wkb_geometry"
    if fid_key in wanted or geom_key in wanted:
        raise _Declined("a field named like the FID or geometry column")
    total = source.featureCount()
    fids, geos, has = [], [], []
    cols = {n: [] for n in wanted}
    stream = lyr.GetArrowStreamAsNumPy(["MAX_FEATURES_IN_BATCH={}".format(_BATCH), "INCLUDE_FID=YES"])
    done = 0
    for batch in stream:
        if feedback is not None and feedback.isCanceled():
            from qgis.core import QgsProcessingException

            from .i18n import tr
            raise QgsProcessingException(tr("Canceled."))
        if fid_key not in batch or geom_key not in batch:
            raise _Declined("no FID or geometry column in the stream")
        fids.append(np.asarray(batch[fid_key], dtype=np.int64))
        wkb = _binary(batch[geom_key], np)          # parsed batch by batch: the WKB bytes do not pile up
        has.append(np.array([w is not None for w in wkb], dtype=bool))
        geos.append(shapely.from_wkb(wkb, on_invalid="ignore"))
        del wkb
        for n in wanted:
            cols[n].extend(_values(batch[n], np, codec))
        done += len(fids[-1])
        if feedback is not None and total and total > 0:
            feedback.setProgress(int(4 * min(done, total) / total))
    fid = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
    if total is not None and total >= 0 and total != len(fid):
        raise _Declined("{} features read, QGIS counts {}".format(len(fid), total))
    geo = np.concatenate(geos) if geos else np.zeros(0, dtype=object)
    present = np.concatenate(has) if has else np.zeros(0, dtype=bool)
    del geos, has
    if (shapely.is_missing(geo) & present).any():
        raise _Declined("a geometry shapely cannot read")
    kind = shapely.get_type_id(geo)
    if not np.isin(kind[present], (1, 5)).all() or shapely.is_empty(geo[present]).any():
        raise _Declined("a geometry that is not a line or multi-line, or empty")
    if plan.check_validity and not shapely.is_valid(geo[present]).all():
        raise _Declined("an invalid geometry while invalid geometries are checked")
    if plan.multi:
        single = np.flatnonzero(kind == 1)
        if len(single):
            geo[single] = shapely.multilinestrings(geo[single], indices=np.arange(len(single)))
    fid_list = fid.tolist()
    data = {}
    for n in names:
        data[n] = list(fid_list) if n in from_fid else cols[n]
    return fid_list, data, geo, fid


def _text_codec(plan: BulkPlan, lyr, ogr) -> str:
    """The Python codec that decodes the file's text as QGIS does. GDAL gives UTF-8 when it
    recodes the text itself; a shapefile opened by QGIS is not recoded by GDAL (QGIS sets
    SHAPE_ENCODING to "" and decodes with the layer's encoding), and then neither here."""
    qgis_codec = _norm_encoding(plan.encoding)
    if lyr.TestCapability(ogr.OLCStringsAsUTF8):
        declared = "UTF-8"
        if plan.driver == "ESRI Shapefile":
            declared = (lyr.GetMetadata_Dict("SHAPEFILE") or {}).get("SOURCE_ENCODING") or ""
        if not declared or _norm_encoding(declared) != qgis_codec:
            raise _Declined("text encoding {} in QGIS, {} in the file".format(plan.encoding, declared or "unknown"))
        return "utf-8"
    if plan.driver != "ESRI Shapefile":
        raise _Declined("text not in UTF-8")
    try:
        codecs.lookup(plan.encoding)
    except LookupError:
        raise _Declined("text encoding {}".format(plan.encoding)) from None
    return qgis_codec


def _binary(a, np):
    """A WKB column (object array of bytes, or fixed-size binary) as an object array, None for NULL."""
    mask = np.ma.getmaskarray(a) if np.ma.isMaskedArray(a) else None
    d = np.ma.getdata(a)
    if d.dtype.kind == "O":
        out = np.array(d, dtype=object, copy=True)
    else:             # every WKB of the batch has the same length: a fixed-size binary column
        k, buf = d.dtype.itemsize, d.tobytes()
        out = np.empty(len(d), dtype=object)
        out[:] = [buf[i:i + k] for i in range(0, len(d) * k, k)]
    if mask is not None and mask.any():
        out[mask] = None
    return out


def _values(a, np, codec="utf-8") -> list:
    """A column as Python values (None for NULL); text decoded with ``codec`` (strict)."""
    mask = np.ma.getmaskarray(a) if np.ma.isMaskedArray(a) else None
    d = np.ma.getdata(a)
    if d.dtype.kind == "S":           # text: each distinct value decoded once
        uniq, inv = np.unique(d, return_inverse=True)
        vals = np.array([v.decode(codec) for v in uniq.tolist()] + [None], dtype=object)[:-1][inv].tolist()
    elif d.dtype.kind == "O":
        vals = [v.decode(codec) if isinstance(v, bytes) else v for v in d.tolist()]
        if codec != "utf-8" and any(isinstance(v, str) for v in vals):
            raise _Declined("text decoded by GDAL, not in the layer's encoding")
    else:
        vals = d.tolist()
    if mask is not None and mask.any():
        vals = [None if m else v for v, m in zip(vals, mask.tolist())]
    return vals

"""Helpers of the reliability tests: small memory layers, output readers, a cancelling feedback."""
import threading
import time

# ---------------------------------------------------------------------------- layers
def polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double", crs="EPSG:2154", name="communes"):
    """A memory polygon layer from (attributes, geometry) rows; geometry: WKT, QgsGeometry or None."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    lyr = QgsVectorLayer(f"MultiPolygon?crs={crs}&field={fields}", name, "memory")
    feats = []
    for attrs, geom in rows:
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        if isinstance(geom, str):
            geom = QgsGeometry.fromWkt(geom)
        if geom is not None:
            f.setGeometry(geom)
        feats.append(f)
    ok, _ = lyr.dataProvider().addFeatures(feats)
    assert ok
    assert lyr.featureCount() == len(rows)
    return lyr


def square(x, y, size=1000.0):
    return f"POLYGON(({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))"


def grid_rows(n, m=None, size=1000.0, x0=0.0, y0=0.0, pop=None):
    """n x m grid of squares: code C000.., nom N000.., pop (default 100 + a little variation)."""
    m = m or n
    rows = []
    for r in range(n):
        for c in range(m):
            i = r * m + c
            p = float(pop[i]) if pop is not None else float(100 + (i * 37) % 400)
            rows.append(([f"C{i:04d}", f"N{i:04d}", p], square(x0 + c * size, y0 + r * size, size)))
    return rows


def point_layer(rows, fields="code:string&field=pop:double", crs="EPSG:2154", name="points"):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    lyr = QgsVectorLayer(f"Point?crs={crs}&field={fields}", name, "memory")
    feats = []
    for attrs, (x, y) in rows:
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def line_layer(lines, fields="name:string", crs="EPSG:2154", name="roads"):
    """lines: list of (attributes, [(x, y), ...])."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    lyr = QgsVectorLayer(f"LineString?crs={crs}&field={fields}", name, "memory")
    feats = []
    for attrs, pts in lines:
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in pts]))
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def read_layer(path_or_id, context=None):
    """Features of an output (a file path, or a layer id from a result dict) as a list of dicts."""
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(str(path_or_id), "o", "ogr")
    assert lyr.isValid(), path_or_id
    names = lyr.fields().names()
    return [dict(zip(names, [py(v) for v in f.attributes()]), _geom=f.geometry()) for f in lyr.getFeatures()]


def py(v):
    """A QGIS attribute value as plain Python (NULL -> None)."""
    from qgis.PyQt.QtCore import QVariant
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    return v


# ---------------------------------------------------------------------------- cancellation
def cancel_feedback(after_progress=None, after_s=None):
    """A QgsProcessingFeedback that cancels itself once progress passes ``after_progress`` %
    (checked in setProgress, which the algorithm calls from its own thread) or after ``after_s``
    seconds (a threading.Timer: processing.run blocks the main thread, so no QTimer).
    ``fb.canceled_at`` is the perf_counter time of the cancel."""
    from qgis.core import QgsProcessingFeedback

    class _F(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.log = []
            self.canceled_at = None
            self.timer = None

        def _cancel(self):
            if self.canceled_at is None:
                self.canceled_at = time.perf_counter()
                self.cancel()

        def setProgress(self, p):  # noqa: N802
            super().setProgress(p)
            if after_progress is not None and p >= after_progress:
                self._cancel()

        def pushInfo(self, info):  # noqa: N802
            self.log.append(info)
            super().pushInfo(info)

        def pushWarning(self, warning):  # noqa: N802
            self.log.append(warning)
            super().pushWarning(warning)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803
            self.log.append(error)
            super().reportError(error, fatalError)

    fb = _F()
    if after_s is not None:
        fb.timer = threading.Timer(after_s, fb._cancel)
        fb.timer.daemon = True
        fb.timer.start()
    return fb

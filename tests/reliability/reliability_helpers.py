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
def cancel_feedback(after_progress=None, after_s=None, after_log=None):
    """A QgsProcessingFeedback that cancels itself once the progress reaches ``after_progress`` %,
    once a log line contains ``after_log``, or ``after_s`` seconds after it is made (a
    threading.Timer: processing.run blocks the main thread, so no QTimer).

    The progress is read from the feedback's ``progressChanged`` signal, so the progress that a
    child or multi-step feedback forwards from C++ counts too. Recorded: ``fb.canceled_at``
    (perf_counter time of the cancel), ``fb.progress_at_cancel``, ``fb.progress`` (every progress
    value reported, in order), ``fb.progress_after_cancel`` (the highest progress reported after
    the cancel, None when none was) and ``fb.log``."""
    from qgis.core import QgsProcessingFeedback

    class _F(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.log = []
            self.progress = []
            self.canceled_at = None
            self.progress_at_cancel = None
            self.progress_after_cancel = None
            self.timer = None
            self.progressChanged.connect(self._on_progress)

        def _cancel(self):
            if self.canceled_at is None:
                self.canceled_at = time.perf_counter()
                self.progress_at_cancel = self.progress[-1] if self.progress else 0.0
                self.cancel()

        def _on_progress(self, p):
            p = float(p)
            self.progress.append(p)
            if self.canceled_at is not None:
                self.progress_after_cancel = max(p, self.progress_after_cancel or p)
            elif after_progress is not None and p >= after_progress:
                self._cancel()

        def _logged(self, text):
            self.log.append(text)
            if after_log is not None and after_log in text:
                self._cancel()

        def pushInfo(self, info):  # noqa: N802
            self._logged(info)
            super().pushInfo(info)

        def pushWarning(self, warning):  # noqa: N802
            self._logged(warning)
            super().pushWarning(warning)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803
            self._logged(error)
            super().reportError(error, fatalError)

    fb = _F()
    if after_s is not None:
        fb.timer = threading.Timer(after_s, fb._cancel)
        fb.timer.daemon = True
        fb.timer.start()
    return fb


_LAYERS = {}


def _cached(name, make):
    """One memory layer per name for the whole session (the cases only read them)."""
    if name not in _LAYERS:
        _LAYERS[name] = make()
    return _LAYERS[name]


def _terr_grid(n):
    """n x n grid of communes with a territory field 'terr' (8 x 8 blocks)."""
    rows = [([code, nom, pop, f"T{(i % n) // 8}{(i // n) // 8}"], g) for i, ([code, nom, pop], g)
            in enumerate(grid_rows(n))]
    return polygon_layer(rows, fields="code:string&field=nom:string&field=pop:double&field=terr:string")


def _street_grid(n=60, block=100.0):
    lines = []
    for k in range(n):
        for s in range(n - 1):
            lines.append((["h"], [(s * block, k * block), ((s + 1) * block, k * block)]))
            lines.append((["v"], [(k * block, s * block), (k * block, (s + 1) * block)]))
    return line_layer(lines)


def cancel_cases(out, communes_31=None):
    """The runs that tests/reliability/test_cancellation.py and benchmarks/bench_cancel.py cancel:
    name -> (algorithm id, parameters writing into folder ``out``, trigger, stops_before).

    ``trigger``: keyword arguments of :func:`cancel_feedback`, by progress (never by the clock, so
    the cancel comes at the same point of the work on any machine under any load).
    ``stops_before``: the progress at which the next phase of the run starts (the clustering done,
    the next output being written, the next scenario): a run that honours the cancel in the phase
    where it came never reports it. ``communes_31``: the Haute-Garonne GeoPackage, or None to leave
    that case out."""
    from pathlib import Path
    out = Path(out)
    grid40 = _cached("grid40", lambda: polygon_layer(grid_rows(40)))
    cluster = {"INPUT": grid40, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 20,
               "OUTPUT_COMMUNES": str(out / "c.gpkg"), "OUTPUT_TERRITORIES": str(out / "t.gpkg")}
    # cluster_territories reports 5 (graph), 20, 30 (clustering starts), 79 (clustering done),
    # 85-93 (communes written), 93-99 (territories written)
    cases = {
        "cluster_territories": ("optima:cluster_territories", cluster, {"after_progress": 5}, 79),
        "cluster_territories_in_the_clustering": ("optima:cluster_territories", cluster, {"after_progress": 20}, 79),
        "cluster_territories_while_writing": ("optima:cluster_territories", dict(cluster, N_TERRITORIES=4),
                                              {"after_progress": 86}, 93),
    }
    if communes_31 is not None:
        cases["cluster_haute_garonne"] = ("optima:cluster_territories", {
            "INPUT": str(communes_31), "ID_FIELD": "insee", "POPULATION_FIELD": "population", "N_TERRITORIES": 30,
            "OUTPUT_COMMUNES": str(out / "c.gpkg"), "OUTPUT_TERRITORIES": str(out / "t.gpkg")},
            {"after_progress": 30}, 79)
    # locate_service_sites: 5-35 costs, 35-85 the solve, 85-99 the three outputs
    cases["locate_service_sites"] = ("optima:locate_service_sites", {
        "DEMAND": grid40, "DEMAND_ID_FIELD": "code", "WEIGHT_FIELD": "pop", "N_SITES": 20, "METHOD": 2,
        "OUTPUT_SITES": str(out / "s.gpkg"), "OUTPUT_ALLOCATION": str(out / "a.gpkg"),
        "OUTPUT_LINES": str(out / "l.gpkg")}, {"after_progress": 35}, 85)
    sites = _cached("sites", lambda: point_layer(
        [([f"S{k}", 1.0], (500.0 + 3000 * (k % 13), 500.0 + 3000 * (k // 13))) for k in range(169)],
        fields="code:string&field=cap:double", name="sites"))
    # territory_indicators: 5-88 travel times and indicators, 88-98 the outputs
    cases["territory_indicators"] = ("optima:territory_indicators", {
        "COMMUNES": _cached("terr40", lambda: _terr_grid(40)), "TERRITORY_FIELD": "terr", "POPULATION_FIELD": "pop", "SITES": sites,
        "SITE_ID_FIELD": "code", "THRESHOLD_MIN": 5.0, "OUTPUT_COMMUNES": str(out / "ic.gpkg"),
        "OUTPUT_TERRITORIES": str(out / "it.gpkg"), "OUTPUT_SITES": str(out / "is.gpkg"),
        "OUTPUT_JSON": str(out / "i.json")}, {"after_progress": 10}, 60)
    # compare_scenarios: four scenarios of about 23 points each, then the outputs
    cases["compare_scenarios"] = ("optima:compare_scenarios", {
        "INPUT": _cached("grid20", lambda: polygon_layer(grid_rows(20))), "ID_FIELD": "code", "POPULATION_FIELD": "pop",
        "N_TERRITORIES_LIST": "4,6,8,10", "OUTPUT": str(out / "table.gpkg"), "OUTPUT_CHART": str(out / "chart.png"),
        "OUTPUT_CHANGES": str(out / "changes.gpkg"), "OUTPUT_LAYERS_FOLDER": str(out / "layers")},
        {"after_progress": 10}, 23)
    # travel_time_matrix: 0-85 the times, 85-92 the table (810,000 pairs here), 92-100 the lines
    grid30 = _cached("grid30", lambda: polygon_layer(grid_rows(30)))
    cases["travel_time_matrix"] = ("optima:travel_time_matrix", {
        "ORIGINS": grid30, "DESTINATIONS": grid30, "OUTPUT": str(out / "m.gpkg")}, {"after_progress": 86}, 92)
    pts = _cached("pts900", lambda: point_layer([([f"P{i}", 1.0], (37.0 * i % 5900, 53.0 * i % 5900)) for i in range(900)]))
    cases["travel_time_matrix_on_roads"] = ("optima:travel_time_matrix", {
        "ORIGINS": pts, "DESTINATIONS": pts, "NETWORK": _cached("streets", _street_grid), "OUTPUT": str(out / "m.gpkg"),
        "OUTPUT_LINES": str(out / "l.gpkg")}, {"after_progress": 40}, 85)
    return cases

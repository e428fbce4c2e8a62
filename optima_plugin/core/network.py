"""Travel networks: road graphs, terminal connectors, proxy (adjacency) networks, matrices.

Everything here returns or consumes a :class:`~.graph.CostGraph` (times in minutes,
lengths in metres, node coordinates in the layer's metric CRS). Pure Python: numpy,
scipy, shapely 2, pandas. Never imports qgis.

Main entry points
-----------------
- :func:`build_road_graph` -- line layer -> :class:`RoadGraph` (graph + report + edge table).
- :func:`connect_terminals` -- add one node per place (commune point, site) joined to the
  nearest point of the nearest road segment by an access edge -> :class:`Terminals`.
- :func:`road_graph_cached` -- :func:`build_road_graph` once per layer content.
- :func:`terminal_closure` -- the places' own complete graph of road times.
- :func:`adjacency_pairs` / :func:`adjacency_network` -- neighbouring polygons and the proxy
  network between their representative points -> :class:`ProxyNetwork`.
- :func:`travel_time_matrix` / :func:`straight_line_matrix` -- long tables of times.
- :class:`NetworkOptions` + :func:`terminal_graph` -- the single call the algorithms use.

Documented choices
------------------
- Speeds: a *missing* (null/NaN/empty) speed falls back to ``default_speed_kmh`` (or the OSM
  class speed) and is counted in ``report["n_speed_defaulted"]``; a zero, negative or
  non-numeric speed raises :class:`InputError` naming the feature.
- Zero-length segments and self-loops (both ends on the same snapped node) are dropped and
  counted; parallel arcs keep the fastest and are counted.
- ``split_at_intersections``: ``False`` joins lines only at their end points (after snapping);
  ``True`` or ``"vertices"`` also splits lines at every vertex shared with another line (the
  OpenStreetMap model, and what QGIS's QgsVectorLayerDirector does: a bridge crossing a road
  without a common vertex is not connected); ``"noding"`` splits at every geometric crossing
  (shapely.union_all), for hand-drawn layers whose crossings carry no vertex.
- Graph reuse: :func:`road_graph_cached` builds a road graph once per layer content (hash of
  the geometries, the fields read and the build options) and keeps the last ``ROAD_CACHE_SIZE``
  in memory; :func:`terminal_graph` goes through it. Large road graphs and their reductions
  (:func:`reduced_graph`) are also kept on disk between runs when a folder is set
  (:mod:`.graph_cache`).
- Access edges (terminal -> nearest point of the nearest road segment, by default) are straight, both ways, at
  ``DEFAULT_ACCESS_SPEED_KMH`` = 20 km/h: a place off the mapped network is reached by slow
  local roads or tracks by car (20 km/h crow-fly ~ 26 km/h on a road 1.3x longer). Use 5 for
  walking.
- Proxy network (no road layer): neighbouring communes are joined by the straight line between
  their representative points times ``detour_factor`` (1.3, the usual road/crow-fly ratio in
  rural France) at ``DEFAULT_PROXY_SPEED_KMH`` = 60 km/h (mean door-to-door car speed outside
  cities). Crow-fly x 1.3 at 60 km/h = 2.6 min per straight-line km.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Optional, Union

import numpy as np
import pandas as pd

from . import parallel
from .errors import InputError, plain
from .graph import CostGraph
from .progress import Monitor, as_monitor

DEFAULT_ACCESS_SPEED_KMH = 20.0
DEFAULT_PROXY_SPEED_KMH = 60.0
DEFAULT_DETOUR = 1.3
ZERO_LENGTH_M = 1e-9

# Mean car speeds (km/h) by OSM highway class, used when maxspeed is absent. Ways closed to
# cars (footway, path, steps, ...) are kept at walking pace so they can join otherwise
# separate parts of the network without creating fast shortcuts.
OSM_DEFAULT_SPEEDS_KMH = {
    "motorway": 110.0, "motorway_link": 60.0,
    "trunk": 90.0, "trunk_link": 50.0,
    "primary": 70.0, "primary_link": 40.0,
    "secondary": 60.0, "secondary_link": 40.0,
    "tertiary": 50.0, "tertiary_link": 30.0,
    "unclassified": 40.0, "road": 40.0,
    "residential": 30.0, "living_street": 15.0,
    "service": 20.0, "track": 15.0, "busway": 30.0,
    "pedestrian": 5.0, "footway": 5.0, "path": 5.0, "cycleway": 5.0, "bridleway": 5.0,
    "corridor": 5.0, "platform": 5.0, "trail": 5.0, "elevator": 5.0, "steps": 3.0,
}
# implied one-way when no oneway tag is present
OSM_IMPLIED_ONEWAY = {"motorway", "motorway_link"}

_ONEWAY_FORWARD = {"yes", "true", "1", "y", "t", "ft", "direct", "sens direct", "forward", "+1"}
_ONEWAY_BACKWARD = {"-1", "reverse", "tf", "inverse", "sens inverse", "backward", "opposite"}
_ONEWAY_BOTH = {"no", "false", "0", "n", "f", "both", "double", "double sens", "two-way",
                "twoway", "b"}

_LINE_TYPES = {1, 2, 5}      # LineString, LinearRing, MultiLineString
_POLY_TYPES = {3, 6}
_POINT_TYPES = {0, 4}


def _monitor(monitor) -> Monitor:
    return monitor if isinstance(monitor, Monitor) else as_monitor(None)


# =============================================================================== OSM tags
_HSTORE_RE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*=>\s*(?:"((?:[^"\\]|\\.)*)"|(NULL))')


def parse_hstore(text) -> dict:
    """Parse OSM ``other_tags`` hstore text (``"k"=>"v","k2"=>"v2"``) into a dict."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return {}
    s = str(text)
    out = {}
    for k, v, null in _HSTORE_RE.findall(s):
        k = k.replace('\\"', '"').replace("\\\\", "\\")
        out[k] = None if null else v.replace('\\"', '"').replace("\\\\", "\\")
    return out


_MAXSPEED_WORDS = {"walk": 5.0, "living_street": 20.0, "urban": 50.0, "rural": 80.0,
                   "motorway": 130.0, "trunk": 110.0}


def parse_maxspeed(value) -> Optional[float]:
    """OSM maxspeed -> km/h, or None when it gives no usable number.

    Accepts ``50``, ``50 km/h``, ``30 mph``, ``10 knots``, ``30;50`` (the lowest),
    ``FR:urban`` (50), ``FR:rural`` (80), ``FR:motorway`` (130), ``FR:zone30``, ``walk``;
    ``none``/``signals``/``variable`` -> None.
    """
    if value is None:
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        return v if math.isfinite(v) and v > 0 else None
    s = str(value).strip().lower()
    if not s:
        return None
    best = None
    for part in re.split(r"[;|,]", s):
        part = part.strip()
        v = None
        m = re.match(r"^(\d+(?:\.\d+)?)\s*(mph|knots|kn|km/h|kmh|kph)?$", part)
        if m:
            v = float(m.group(1))
            unit = m.group(2)
            if unit == "mph":
                v *= 1.609344
            elif unit in ("knots", "kn"):
                v *= 1.852
        else:
            m = re.search(r"zone:?(\d+)", part)
            if m:
                v = float(m.group(1))
            else:
                word = part.split(":")[-1]
                v = _MAXSPEED_WORDS.get(word)
        if v is not None and v > 0 and (best is None or v < best):
            best = v
    return best


def parse_oneway(value) -> Optional[int]:
    """One-way code: 1 (digitised direction), -1 (reverse), 0 (both ways), None (null/unknown).

    Understands OSM (``yes``/``true``/``1``, ``-1``/``reverse``, ``no``) and French
    road-database words (``sens direct``, ``sens inverse``, ``double sens``), ``FT``/``TF``.
    """
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return 1 if value else 0
    if isinstance(value, (int, float, np.integer, np.floating)):
        if isinstance(value, (float, np.floating)) and math.isnan(value):
            return None
        v = float(value)
        return 1 if v == 1 else (-1 if v == -1 else (0 if v == 0 else None))
    s = str(value).strip().lower()
    if not s:
        return None
    if s in _ONEWAY_FORWARD:
        return 1
    if s in _ONEWAY_BACKWARD:
        return -1
    if s in _ONEWAY_BOTH:
        return 0
    return None


def _is_null(v) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ============================================================================ geometries
def _as_geom_array(geoms, what="geometry"):
    import shapely

    if geoms is None:
        raise InputError(f"No {what} given (empty layer)")
    if hasattr(geoms, "geometry") and not isinstance(geoms, np.ndarray) and hasattr(geoms, "crs") \
            and hasattr(geoms, "columns"):
        geoms = geoms.geometry
    if isinstance(geoms, np.ndarray) and geoms.dtype == object and geoms.ndim == 1:
        arr = geoms                                     # already an array of geometries: no copy
    else:
        arr = np.empty(len(geoms), dtype=object)
        arr[:] = list(geoms)
    bad = np.flatnonzero(~shapely.is_valid_input(arr))        # neither a geometry nor None
    if bad.size:
        raise InputError(f"{what}: feature {bad[0]} is not a geometry ({type(arr[bad[0]]).__name__})")
    return arr


#: how far inside its polygon a place is put when the centroid is not (m; at most 5 % of the
#: square root of the polygon's area, for small polygons)
PLACE_INSET_M = 10.0


def representative_points(geoms) -> np.ndarray:
    """(M, 2) coordinates of the place of each geometry: the point that stands for it in travel times.

    Points are returned as they are. A polygon's place is its centroid when the centroid lies
    inside it, at least ``PLACE_INSET_M`` (10 m) from its border; otherwise (a crescent-shaped
    commune, a centroid in a bay or between the parts of a multipolygon) the point of the polygon
    shrunk by that inset nearest to the centroid (a polygon too thin to shrink: shapely's
    ``point_on_surface``). Both move with the border about as much as the border moves: the place
    of a commune whose borders are redrawn within a metre (a reprojection, a simplification, a
    ±1 m buffer) moves by a metre or less -- ``point_on_surface`` (the middle of the widest
    horizontal chord) could jump by hundreds of metres. Lines and other geometries: shapely's
    ``point_on_surface``. Null or empty geometries raise InputError naming the feature.
    """
    import shapely

    arr = _as_geom_array(geoms, "terminal geometry")
    missing = np.flatnonzero(shapely.is_missing(arr) | shapely.is_empty(arr))
    if missing.size:
        raise InputError(f"terminal geometry: feature {int(missing[0])} is null or empty "
                         f"({missing.size} such feature(s))")
    tid = shapely.get_type_id(arr)
    poly = np.isin(tid, list(_POLY_TYPES))
    pts = shapely.point_on_surface(arr) if not poly.all() else np.empty(arr.size, dtype=object)
    if poly.any():
        pg = arr[poly]
        cen = shapely.centroid(pg)
        inset = np.minimum(PLACE_INSET_M, 0.05 * np.sqrt(shapely.area(pg)))
        inside = shapely.contains_properly(pg, cen) & (shapely.distance(shapely.boundary(pg), cen) >= inset)
        place = cen.copy()
        out = np.flatnonzero(~inside)
        if out.size:
            inner = shapely.buffer(pg[out], -inset[out])
            thin = shapely.is_empty(inner) | shapely.is_missing(inner)
            near = np.empty(out.size, dtype=object)
            ok = np.flatnonzero(~thin)
            if ok.size:
                # the first point of the shortest line from the shrunk polygon to the centroid
                line = shapely.shortest_line(inner[ok], cen[out[ok]])
                near[ok] = shapely.points(shapely.get_coordinates(line)[::2])
            near[thin] = shapely.point_on_surface(pg[out[thin]])
            place[out] = near
        pts[poly] = place
    return shapely.get_coordinates(pts)[:, :2].astype(float).reshape(-1, 2)


def _cluster_points(xy: np.ndarray, tol: float):
    """Labels (n,) and centroids (k, 2): points within ``tol`` (chained) share one label."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    if xy.shape[0] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    # unique points: one hash of x + iy (pandas factorize: linear, 5x faster than a sort at a
    # million vertices), numbered in order of first appearance
    inv, uz = pd.factorize(xy[:, 0] + 1j * xy[:, 1])
    uz = np.asarray(uz)
    u = np.column_stack([uz.real, uz.imag])
    inv = np.asarray(inv, dtype=np.int64).ravel()
    lab_u = np.arange(u.shape[0])
    if tol > 0 and u.shape[0] > 1:
        # an unbalanced tree builds 3x faster, the pairs are the same
        pairs = cKDTree(u, balanced_tree=False, compact_nodes=False).query_pairs(tol, output_type="ndarray")
        if pairs.size:
            m = u.shape[0]
            A = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
            _, lab_u = connected_components(A, directed=False)
    labels = lab_u[inv].astype(np.int64)
    k = int(labels.max()) + 1
    cnt = np.bincount(labels, minlength=k)
    cx = np.bincount(labels, weights=xy[:, 0], minlength=k) / cnt
    cy = np.bincount(labels, weights=xy[:, 1], minlength=k) / cnt
    return labels, np.column_stack([cx, cy])


def _node_lines(parts, part_feature, mon: Monitor):
    """Split lines at every geometric crossing (GEOS noding); keep the source feature and
    the digitised direction of each piece."""
    import shapely

    mon.progress(0, "Noding lines at intersections")
    noded = shapely.get_parts(shapely.union_all(parts))
    noded = noded[~shapely.is_empty(noded)]
    mid = shapely.line_interpolate_point(noded, 0.5, normalized=True)
    tree = shapely.STRtree(parts)
    qi, ti = tree.query_nearest(mid, all_matches=False)
    src = np.full(noded.size, -1, dtype=np.int64)
    src[qi] = ti
    src[src < 0] = 0
    # orient each piece as its source line
    a = shapely.line_locate_point(parts[src], shapely.get_point(noded, 0))
    b = shapely.line_locate_point(parts[src], shapely.get_point(noded, -1))
    rev = b < a
    if rev.any():
        noded[rev] = shapely.reverse(noded[rev])
    mon.progress(100)
    return noded, part_feature[src]


# =========================================================================== road graph
@dataclass
class RoadGraph:
    """A road network ready for routing.

    - ``graph``: the :class:`CostGraph` (time, length CSR, node ``xy``).
    - ``report``: counts (see :func:`build_road_graph`).
    - ``edges``: one row per kept road segment (in digitised direction): ``from``, ``to``
      (node ids), ``length_m``, ``speed_kmh``, ``time_min``, ``oneway`` (1 from->to only,
      -1 to->from only, 0 both), ``feature`` (index of the source feature in ``geoms``).
    - ``component``: weak connected-component label of every node (0 = largest).
    """
    graph: CostGraph
    report: dict
    edges: pd.DataFrame
    component: np.ndarray
    _coords: np.ndarray = field(default=None, repr=False)
    _vrange: np.ndarray = field(default=None, repr=False)

    @property
    def node_xy(self) -> np.ndarray:
        return self.graph.xy

    def edge_geometries(self) -> np.ndarray:
        """Shapely LineStrings of the kept segments (same order as ``edges``)."""
        import shapely

        if self._coords is None or len(self.edges) == 0:
            return np.empty(0, dtype=object)
        a, b = self._vrange[:, 0], self._vrange[:, 1]
        n = b - a + 1
        idx = np.repeat(a - np.cumsum(np.r_[0, n[:-1]]), n) + np.arange(n.sum())
        ids = np.repeat(np.arange(len(a)), n)
        return shapely.linestrings(self._coords[idx], indices=ids)


def _feature_label(attrs, k):
    if attrs is not None:
        lab = attrs.index[k]
        if not (isinstance(lab, (int, np.integer)) and lab == k):
            return f"feature {k} (id {plain(lab)!r})"
    return f"feature {k}"


def _feature_speeds(n_feat, attrs, speed_field, default_speed_kmh, use_osm, valid=None):
    """Per-feature speed (km/h), one-way code from OSM, and a source code per feature."""
    speed = np.full(n_feat, np.nan)
    source = np.full(n_feat, "default", dtype=object)
    osm_oneway = np.full(n_feat, None, dtype=object)
    counts = {}
    if speed_field is not None:
        if attrs is None or speed_field not in attrs.columns:
            raise InputError(f"Speed field {plain(speed_field)!r} not found in the road layer "
                             f"(fields: {list(attrs.columns) if attrs is not None else []})")
        raw = attrs[speed_field].to_numpy(dtype=object)
        num = np.array(pd.to_numeric(pd.Series(raw), errors="coerce"), dtype=float)  # writable (pandas 3)
        isnull = np.asarray(pd.isna(raw), dtype=bool)
        odd = np.flatnonzero(~isnull & ~np.isfinite(num))       # text numbers ("50,5", "1 234") or blanks
        if odd.size:
            from .values import parse_number_column             # the plugin's one reader of text numbers
            num[odd] = parse_number_column(raw[odd], speed_field).values
            isnull[odd] = [isinstance(raw[k], str) and not raw[k].strip() for k in odd]
        bad = np.flatnonzero(~isnull & ~np.isfinite(num))
        if bad.size:
            k = int(bad[0])
            raise InputError(f"Speed field {plain(speed_field)!r}: {_feature_label(attrs, k)} has a "
                             f"non-numeric speed {plain(raw[k])!r} ({bad.size} such feature(s))")
        bad = np.flatnonzero(~isnull & (num <= 0))
        if bad.size:
            k = int(bad[0])
            raise InputError(f"Speed field {plain(speed_field)!r}: {_feature_label(attrs, k)} has speed "
                             f"{num[k]:g} km/h; speeds must be positive ({bad.size} such feature(s)). "
                             f"Remove closed roads or leave the speed empty to use the default.")
        ok = ~isnull
        speed[ok] = num[ok]
        source[ok] = "field"
    if use_osm:
        cols = attrs.columns
        tags_col = attrs["other_tags"].to_numpy(dtype=object) if "other_tags" in cols else None
        tag_cols = {c: attrs[c].to_numpy(dtype=object) for c in ("highway", "maxspeed", "oneway", "junction")
                 if c in cols}
        n_maxspeed = n_class = 0
        for k in range(n_feat):
            tags = parse_hstore(tags_col[k]) if tags_col is not None else {}
            for c, vals in tag_cols.items():
                if not _is_null(vals[k]):
                    tags[c] = vals[k]
            hw = tags.get("highway")
            hw = None if _is_null(hw) else str(hw)
            ow = parse_oneway(tags.get("oneway"))
            if ow is None and ("oneway" not in tags or _is_null(tags.get("oneway"))):
                if hw in OSM_IMPLIED_ONEWAY or str(tags.get("junction", "")).lower() in ("roundabout", "circular"):
                    ow = 1
            elif ow is None:
                ow = "?"
            osm_oneway[k] = ow
            if source[k] == "field":
                continue
            ms = parse_maxspeed(tags.get("maxspeed"))
            if ms is not None:
                speed[k] = ms
                source[k] = "osm_maxspeed"
                n_maxspeed += 1
            elif hw in OSM_DEFAULT_SPEEDS_KMH:
                speed[k] = OSM_DEFAULT_SPEEDS_KMH[hw]
                source[k] = "osm_highway"
                n_class += 1
        counts["n_speed_osm_maxspeed"] = n_maxspeed
        counts["n_speed_osm_highway"] = n_class
    dflt = ~np.isfinite(speed)
    speed[dflt] = default_speed_kmh
    counts["n_speed_defaulted"] = int((dflt if valid is None else dflt & valid).sum())
    counts["n_speed_field"] = int((source == "field").sum())
    return speed, osm_oneway, counts


def _feature_oneway(n_feat, attrs, oneway_field, osm_oneway):
    ow = np.zeros(n_feat, dtype=np.int8)
    n_unrec = 0
    field_v = np.full(n_feat, None, dtype=object)
    if oneway_field is not None:
        if attrs is None or oneway_field not in attrs.columns:
            raise InputError(f"One-way field {plain(oneway_field)!r} not found in the road layer")
        raw = attrs[oneway_field].to_numpy(dtype=object)
        # a road layer holds a handful of distinct codes: parse each once
        inv, codes = pd.factorize(pd.Series(raw), use_na_sentinel=True)
        parsed = np.array([parse_oneway(c) for c in codes] + [None], dtype=object)
        field_v = parsed[inv]                                 # -1 (null) -> the trailing None
        null = inv < 0
        unrec = ~null & np.array([v is None for v in field_v])
        n_unrec += int(unrec.sum())
        field_v[unrec] = 0
    for k in np.flatnonzero(np.array([v is None for v in field_v], dtype=bool)) if n_feat else []:
        o = osm_oneway[k]
        if o == "?":
            n_unrec += 1
            field_v[k] = 0
        else:
            field_v[k] = 0 if o is None else o
    ow[:] = field_v.astype(np.int8) if n_feat else ow
    return ow, n_unrec


def build_road_graph(geoms, attrs: Optional[pd.DataFrame] = None, speed_field: Optional[str] = None,
                     default_speed_kmh: float = 50.0, oneway_field: Optional[str] = None,
                     use_osm_tags: Optional[bool] = None, snap_tolerance_m: float = 1.0,
                     split_at_intersections: Union[bool, str] = False,
                     monitor: Optional[Monitor] = None) -> RoadGraph:
    """Build a routable road graph from lines in a metric CRS.

    Parameters
    ----------
    geoms : sequence of shapely LineString / MultiLineString (GeoSeries accepted). Null or
        empty geometries are skipped and counted; any other geometry type -> InputError.
    attrs : DataFrame aligned with ``geoms`` (same length, same order), optional.
    speed_field : column of speeds in km/h. Null -> default (counted), <= 0 or text -> InputError.
    default_speed_kmh : speed of features with no usable speed.
    oneway_field : column of one-way codes (see :func:`parse_oneway`); null/unknown -> two-way.
    use_osm_tags : read OSM ``highway``/``maxspeed``/``oneway``/``junction`` from columns of
        those names and from the ``other_tags`` hstore column. ``None`` = auto (when
        ``attrs`` has a ``highway`` or ``other_tags`` column). ``speed_field``/``oneway_field``
        values, when not null, take precedence over OSM tags.
    snap_tolerance_m : end points (and shared vertices) closer than this are merged (chained
        clustering with a KD-tree); 0 = exact coordinates only.
    split_at_intersections : False | True/"vertices" | "noding" (see module docstring).

    Returns
    -------
    RoadGraph with ``report`` keys: n_features, n_null_geometries, n_parts, n_nodes,
    n_edges (kept segments), n_arcs (directed), n_oneway, n_zero_length, n_self_loops,
    n_parallel_dropped, n_speed_defaulted, n_speed_field, n_speed_osm_maxspeed,
    n_speed_osm_highway, n_oneway_unrecognised, n_components, component_sizes (largest
    first, at most 20), largest_component_share, n_strong_components,
    largest_strong_component_share, total_length_km, split_mode, use_osm_tags.
    """
    import shapely
    from scipy.sparse.csgraph import connected_components

    mon = _monitor(monitor)
    mon.progress(0, "Reading road lines")
    arr = _as_geom_array(geoms, "road layer")
    n_feat = arr.size
    if n_feat == 0:
        raise InputError("The road layer is empty (no line features)")
    if attrs is not None:
        if not isinstance(attrs, pd.DataFrame):
            attrs = pd.DataFrame(attrs)
        if len(attrs) != n_feat:
            raise InputError(f"Road attributes have {len(attrs)} rows for {n_feat} geometries")
    if not (default_speed_kmh is not None and np.isfinite(default_speed_kmh) and default_speed_kmh > 0):
        raise InputError(f"default_speed_kmh must be positive (got {plain(default_speed_kmh)!r})")
    if snap_tolerance_m is None or snap_tolerance_m < 0:
        raise InputError(f"snap_tolerance_m must be >= 0 (got {plain(snap_tolerance_m)!r})")
    if split_at_intersections is True:
        split_mode = "vertices"
    elif split_at_intersections in (False, None, "none", "endpoints"):
        split_mode = "endpoints"
    elif split_at_intersections in ("vertices", "noding"):
        split_mode = split_at_intersections
    else:
        raise InputError(f"split_at_intersections must be False, True, 'vertices' or 'noding' "
                         f"(got {plain(split_at_intersections)!r})")

    missing = shapely.is_missing(arr)
    empty = np.zeros(n_feat, dtype=bool)
    empty[~missing] = shapely.is_empty(arr[~missing])
    null = missing | empty
    tid = np.full(n_feat, -1)
    tid[~null] = shapely.get_type_id(arr[~null])
    bad = np.flatnonzero(~null & ~np.isin(tid, list(_LINE_TYPES)))
    if bad.size:
        k = int(bad[0])
        raise InputError(f"Road layer: {_feature_label(attrs, k)} is a {arr[k].geom_type}, not a line "
                         f"({bad.size} non-line feature(s)); the network must be a line layer")
    if null.all():
        raise InputError("The road layer has no non-empty line geometry")

    if use_osm_tags is None:
        use_osm_tags = attrs is not None and ("highway" in attrs.columns or "other_tags" in attrs.columns)
    if use_osm_tags and attrs is None:
        raise InputError("use_osm_tags needs the attribute table (attrs)")
    speed_f, osm_oneway, counts = _feature_speeds(n_feat, attrs, speed_field, float(default_speed_kmh),
                                                  bool(use_osm_tags), valid=~null)
    oneway_f, n_unrec = _feature_oneway(n_feat, attrs, oneway_field, osm_oneway)
    mon.check()
    mon.progress(10, "Splitting lines into parts")

    idx_ok = np.flatnonzero(~null)
    parts, pidx = shapely.get_parts(arr[idx_ok], return_index=True)
    part_feature = idx_ok[pidx]
    parts = np.asarray(parts, dtype=object)
    if split_mode == "noding":
        parts, part_feature = _node_lines(parts, part_feature, mon.sub(10, 30))
    mon.check()
    plen = shapely.length(parts)
    zero_part = ~(plen > ZERO_LENGTH_M)
    n_zero = int(zero_part.sum())
    parts, part_feature = parts[~zero_part], part_feature[~zero_part]
    n_parts = int(parts.size)
    if n_parts == 0:
        raise InputError(f"The road layer has no line of non-zero length ({n_zero} zero-length segment(s))")

    coords, vpart = shapely.get_coordinates(parts, return_index=True)
    coords = coords[:, :2].astype(float)
    # drop consecutive duplicate vertices within a part
    keep = np.ones(coords.shape[0], dtype=bool)
    keep[1:] = ~((vpart[1:] == vpart[:-1]) & np.all(coords[1:] == coords[:-1], axis=1))
    coords, vpart = coords[keep], vpart[keep]
    nv = coords.shape[0]
    first = np.ones(nv, dtype=bool)
    first[1:] = vpart[1:] != vpart[:-1]
    last = np.ones(nv, dtype=bool)
    last[:-1] = vpart[1:] != vpart[:-1]
    is_end = first | last
    mon.progress(35, "Snapping end points")
    mon.check()

    label = np.full(nv, -1, dtype=np.int64)
    if split_mode == "vertices":
        lab_all, cxy = _cluster_points(coords, float(snap_tolerance_m))
        k = cxy.shape[0]
        pair = np.unique(lab_all * (n_parts + 1) + vpart)
        nparts_in = np.bincount(pair // (n_parts + 1), minlength=k)
        has_end = np.zeros(k, dtype=bool)
        has_end[lab_all[is_end]] = True
        flag = is_end | (nparts_in[lab_all] >= 2) | has_end[lab_all]
        label[flag] = lab_all[flag]
    else:
        flag = is_end
        lab_e, cxy = _cluster_points(coords[flag], float(snap_tolerance_m))
        label[flag] = lab_e
    mon.progress(55, "Building segments")
    mon.check()

    seg = np.zeros(nv)
    d = np.hypot(np.diff(coords[:, 0]), np.diff(coords[:, 1]))
    same = vpart[1:] == vpart[:-1]
    seg[:-1] = np.where(same, d, 0.0)
    cum = np.concatenate([[0.0], np.cumsum(seg)[:-1]])
    F = np.flatnonzero(flag)
    ok = vpart[F[1:]] == vpart[F[:-1]]
    va, vb = F[:-1][ok], F[1:][ok]
    e_from, e_to = label[va], label[vb]
    e_len = cum[vb] - cum[va]
    e_feat = part_feature[vpart[va]]
    zl = ~(e_len > ZERO_LENGTH_M)
    n_zero += int(zl.sum())
    sl = ~zl & (e_from == e_to)
    n_self = int(sl.sum())
    kept = ~zl & ~sl
    va, vb, e_from, e_to, e_len, e_feat = va[kept], vb[kept], e_from[kept], e_to[kept], e_len[kept], e_feat[kept]
    if e_from.size == 0:
        raise InputError(f"No usable road segment: {n_zero} zero-length segment(s) and {n_self} "
                         f"self-loop(s) (snap tolerance {snap_tolerance_m} m may be too large)")

    # compact node ids over the nodes actually used
    used, inv = np.unique(np.concatenate([e_from, e_to]), return_inverse=True)
    e_from, e_to = inv[: e_from.size], inv[e_from.size:]
    node_xy = cxy[used]
    n_nodes = used.size

    e_speed = speed_f[e_feat]
    e_time = e_len / 1000.0 / e_speed * 60.0
    e_ow = oneway_f[e_feat].astype(np.int8)
    fwd = e_ow >= 0
    bwd = e_ow <= 0
    ai = np.concatenate([e_from[fwd], e_to[bwd]])
    aj = np.concatenate([e_to[fwd], e_from[bwd]])
    at = np.concatenate([e_time[fwd], e_time[bwd]])
    al = np.concatenate([e_len[fwd], e_len[bwd]])
    mon.progress(75, "Assembling the graph")
    mon.check()
    g = CostGraph.from_edges(ai, aj, at, al, n_nodes=n_nodes, xy=node_xy)
    n_arcs = int(g.time.nnz)

    n_comp, comp = connected_components(g.time, directed=True, connection="weak")
    sizes = np.bincount(comp, minlength=n_comp)
    order = np.argsort(-sizes, kind="stable")
    relabel = np.empty(n_comp, dtype=np.int64)
    relabel[order] = np.arange(n_comp)
    comp = relabel[comp]
    sizes = sizes[order]
    n_strong, scomp = connected_components(g.time, directed=True, connection="strong")
    ssizes = np.bincount(scomp)

    edges = pd.DataFrame({
        "from": e_from.astype(np.int64), "to": e_to.astype(np.int64), "length_m": e_len,
        "speed_kmh": e_speed, "time_min": e_time, "oneway": e_ow, "feature": e_feat.astype(np.int64),
    })
    report = {
        "n_features": int(n_feat), "n_null_geometries": int(null.sum()), "n_parts": n_parts,
        "n_nodes": int(n_nodes), "n_edges": int(e_from.size), "n_arcs": n_arcs,
        "n_oneway": int((e_ow != 0).sum()), "n_zero_length": n_zero, "n_self_loops": n_self,
        "n_parallel_dropped": int(ai.size - n_arcs),
        **counts,
        "n_oneway_unrecognised": int(n_unrec),
        "n_components": int(n_comp), "component_sizes": sizes[:20].astype(int).tolist(),
        "largest_component_share": float(sizes[0] / n_nodes),
        "n_strong_components": int(n_strong),
        "largest_strong_component_share": float(ssizes.max() / n_nodes),
        "total_length_km": float(e_len.sum() / 1000.0),
        "split_mode": split_mode, "use_osm_tags": bool(use_osm_tags),
        "snap_tolerance_m": float(snap_tolerance_m),
    }
    g.info.update({"kind": "road", "report": report})
    mon.log(f"Road graph: {n_nodes:,} nodes, {e_from.size:,} segments ({report['n_oneway']:,} one-way), "
            f"{n_comp} component(s), largest holds {100 * report['largest_component_share']:.1f}% of nodes; "
            f"dropped {n_zero:,} zero-length, {n_self:,} self-loop(s); "
            f"{counts['n_speed_defaulted']:,} feature(s) at the default speed")
    mon.progress(100, "Road graph ready")
    return RoadGraph(graph=g, report=report, edges=edges, component=comp,
                     _coords=coords, _vrange=np.column_stack([va, vb]))


# ============================================================================ terminals
@dataclass
class Terminals:
    """Places joined to a network.

    - ``graph``: new CostGraph = network + one node per terminal (appended after the
      network nodes), linked both ways to ``road_node`` by a straight access edge.
    - ``nodes``: index of each terminal in ``graph``.
    - ``road_node``: network node each terminal is snapped to, or with segment snapping the
      nearer end of its segment (-1 when too far).
    - ``snap_dist_m``: distance to the nearest (eligible) road segment, or node with
      ``snap="node"``.
    - ``too_far``: terminals beyond ``max_snap_m``: NOT joined, so every time to/from them
      is inf (NaN in :func:`travel_time_matrix`).
    - ``report``: n_terminals, n_too_far, snap distance max/mean/median, access_speed_kmh.
    """
    graph: CostGraph
    nodes: np.ndarray
    road_node: np.ndarray
    snap_dist_m: np.ndarray
    too_far: np.ndarray
    report: dict


def _as_xy(xy, what="xy") -> np.ndarray:
    a = np.asarray(xy, dtype=float)
    if a.ndim == 1 and a.size == 2:
        a = a.reshape(1, 2)
    if a.ndim != 2 or a.shape[1] < 2:
        raise InputError(f"{what} must be an (M, 2) array of coordinates (got shape {a.shape})")
    a = a[:, :2]
    bad = np.flatnonzero(~np.isfinite(a).all(axis=1))
    if bad.size:
        raise InputError(f"{what}: point {int(bad[0])} has no valid coordinates")
    return a


def connect_terminals(network, xy, access_speed_kmh: float = DEFAULT_ACCESS_SPEED_KMH,
                      max_snap_m: Optional[float] = None, snap_to_largest: bool = False,
                      monitor: Optional[Monitor] = None, snap: str = "segment") -> Terminals:
    """Join points (M, 2) to a road graph.

    ``network`` is a :class:`RoadGraph` or a :class:`CostGraph` with ``xy``.

    ``snap="segment"`` (default, RoadGraph only): each place is joined to the nearest point
    of the nearest road segment; from there it reaches both ends of that segment for the
    matching share of the segment's time, in the directions the segment allows (a place
    beside a one-way street enters it downstream and leaves it upstream). ``snap="node"``
    (and any bare CostGraph): joined to the nearest road node. The access leg (place ->
    road) is straight, time = distance / ``access_speed_kmh`` (default 20 km/h, see module
    docstring). Places farther than ``max_snap_m`` from the road are flagged in
    ``too_far`` and left unconnected. ``snap_to_largest=True`` snaps only to the largest
    (weakly) connected component, so that a place next to a stray fragment is not cut off.
    """
    if snap not in ("segment", "node"):
        raise InputError(f"snap must be 'segment' or 'node' (got {plain(snap)!r})")
    mon = _monitor(monitor)
    g = network.graph if isinstance(network, RoadGraph) else network
    if not isinstance(g, CostGraph):
        raise InputError("connect_terminals needs a RoadGraph or a CostGraph")
    if g.xy is None or g.n_nodes == 0:
        raise InputError("The network has no node coordinates to snap to")
    if not (access_speed_kmh and access_speed_kmh > 0):
        raise InputError(f"access_speed_kmh must be positive (got {plain(access_speed_kmh)!r})")
    if max_snap_m is not None and max_snap_m < 0:
        raise InputError(f"max_snap_m must be >= 0 (got {plain(max_snap_m)!r})")
    pts = _as_xy(xy, "terminal points")
    M, N = pts.shape[0], g.n_nodes
    tn = N + np.arange(M)
    segment = snap == "segment" and isinstance(network, RoadGraph) and len(network.edges) > 0
    mon.progress(0, "Snapping places to the road segments" if segment else "Snapping places to the network")
    if segment:
        dist, road, near, f = _nearest_segments(network, pts, snap_to_largest)
    else:
        dist, road = _nearest_nodes(network, g, pts, snap_to_largest)
    mon.check()
    too_far = np.zeros(M, dtype=bool) if max_snap_m is None else dist > max_snap_m
    ok = np.flatnonzero(~too_far)
    acc = dist / 1000.0 / access_speed_kmh * 60.0
    if segment:
        legs = _segment_legs(network, tn[ok], near[ok], f[ok], acc[ok], dist[ok])
    else:   # straight access link, both ways
        legs = [(tn[ok], road[ok], acc[ok], dist[ok]), (road[ok], tn[ok], acc[ok], dist[ok])]
    i0, j0, t0, l0 = g.arcs()
    if l0 is None:
        l0 = np.full(t0.size, np.nan)
    ai, aj, at, al = (np.concatenate([base] + [q[c] for q in legs]) for c, base in enumerate((i0, j0, t0, l0)))
    new = CostGraph.from_edges(ai, aj, at, al, n_nodes=N + M, xy=np.vstack([g.xy, pts]), info=dict(g.info))
    if segment:
        # where each place meets the road (segment, share from its start): to draw paths
        new.info["snapped"] = {int(tn[i]): (int(near[i]), float(f[i])) for i in ok}
    road_node = np.where(too_far, -1, road)
    report = {
        "n_terminals": int(M), "n_too_far": int(too_far.sum()),
        "max_snap_m": None if max_snap_m is None else float(max_snap_m),
        "snap_dist_max_m": float(dist.max()) if M else 0.0,
        "snap_dist_mean_m": float(dist.mean()) if M else 0.0,
        "snap_dist_median_m": float(np.median(dist)) if M else 0.0,
        "access_speed_kmh": float(access_speed_kmh),
        "access_min_max": float(acc[ok].max()) if ok.size else 0.0,
        "snap": "segment" if segment else "node",
        "too_far_index": np.flatnonzero(too_far).tolist(),
    }
    new.info.update({"terminals": report})
    if ok.size:
        mon.log(f"{ok.size:,} place(s) joined to the {'nearest point of the nearest road segment (split there)' if segment else 'nearest road node'}"
                f" by a straight access link at {access_speed_kmh:g} km/h: {np.median(dist[ok]):.0f} m median, "
                f"{dist[ok].max():.0f} m longest ({acc[ok].max():.1f} min)")
    if too_far.any():
        mon.log(f"{int(too_far.sum())} place(s) farther than {max_snap_m} m from the network were not "
                f"connected (their times are empty)")
    mon.progress(100)
    return Terminals(graph=new, nodes=tn, road_node=road_node, snap_dist_m=dist, too_far=too_far,
                     report=report)


def _nearest_nodes(network, g: CostGraph, pts, snap_to_largest):
    """(distance, node) of the nearest (eligible) network node of each point."""
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    cand = np.arange(g.n_nodes)
    if snap_to_largest:
        if isinstance(network, RoadGraph):
            cand = np.flatnonzero(network.component == 0)
        else:
            _, comp = connected_components(g.time, directed=True, connection="weak")
            cand = np.flatnonzero(comp == np.bincount(comp).argmax())
    dist, k = cKDTree(g.xy[cand]).query(pts, k=1)
    return np.atleast_1d(dist).astype(float), cand[np.atleast_1d(k)]


def _nearest_segments(rg: RoadGraph, pts, snap_to_largest):
    """(distance, nearer end node, segment, share along it) of the nearest point of the
    nearest (eligible) road segment of each point."""
    import shapely

    e = rg.edges
    a, b = e["from"].to_numpy(np.int64), e["to"].to_numpy(np.int64)
    lines = rg.edge_geometries()
    eid = np.arange(len(e))
    if snap_to_largest:
        eid = eid[(rg.component[a] == 0) & (rg.component[b] == 0)]
    P = shapely.points(pts)
    (qi, ti), dq = shapely.STRtree(lines[eid]).query_nearest(P, return_distance=True, all_matches=False)
    near = np.full(len(pts), -1, dtype=np.int64)
    dist = np.full(len(pts), np.inf)
    near[qi] = eid[ti]
    dist[qi] = dq
    ln = lines[near]
    L = shapely.length(ln)
    f = np.clip(np.where(L > 0, shapely.line_locate_point(ln, P) / np.where(L > 0, L, 1.0), 0.0), 0.0, 1.0)
    # the nearer end of the segment, for display and compatibility
    return dist, np.where(f <= 0.5, a[near], b[near]), near, f


def _segment_legs(rg: RoadGraph, T, near, f, acc, d):
    """Arcs (from, to, minutes, metres) joining places T to both ends of their segment: the
    access leg plus the share of the segment, in the directions the segment allows; a place
    projected onto an end reaches that node both ways."""
    e = rg.edges
    ea, eb = e["from"].to_numpy(np.int64)[near], e["to"].to_numpy(np.int64)[near]
    et, el = e["time_min"].to_numpy(float)[near], e["length_m"].to_numpy(float)[near]
    eo = e["oneway"].to_numpy(np.int64)[near]
    fwd, bwd = eo >= 0, eo <= 0          # a -> b allowed, b -> a allowed
    at_a, at_b = f <= 0.0, f >= 1.0

    def leg(src, dst, share, m):
        return src[m], dst[m], acc[m] + share[m] * et[m], d[m] + share[m] * el[m]
    # place -> b (downstream along a->b), place -> a (along b->a), a -> place, b -> place
    return [leg(T, eb, 1 - f, fwd | at_b), leg(T, ea, f, bwd | at_a),
            leg(ea, T, f, fwd | at_a), leg(eb, T, 1 - f, bwd | at_b)]


# ========================================================================== adjacency
def _poly_array(geoms, what="polygon layer"):
    import shapely

    arr = _as_geom_array(geoms, what)
    if arr.size == 0:
        raise InputError(f"The {what} is empty")
    missing = shapely.is_missing(arr)
    if missing.any():
        raise InputError(f"{what}: feature {int(np.flatnonzero(missing)[0])} has no geometry")
    tid = shapely.get_type_id(arr)
    bad = np.flatnonzero(~np.isin(tid, list(_POLY_TYPES)))
    if bad.size:
        k = int(bad[0])
        raise InputError(f"{what}: feature {k} is a {arr[k].geom_type}, not a polygon")
    return arr


DEFAULT_ADJ_TOLERANCE_M = 5.0


def adjacency_pairs(geoms, mode: str = "edge", min_shared_m: float = 0.0,
                    tolerance_m: float = DEFAULT_ADJ_TOLERANCE_M, report: Optional[dict] = None):
    """Neighbouring polygons: arrays ``(i, j, shared_length_m)`` with ``i < j``, sorted.

    One bulk STRtree query finds every pair of polygons closer than ``tolerance_m``; for the
    pairs that touch, the shared border length is ``length(boundary_i ∩ boundary_j)``,
    computed for all pairs in one vectorised GEOS call.

    - ``mode="edge"`` (rook): keep pairs sharing a border longer than ``min_shared_m``
      (and > 0): corners only do not count.
    - ``mode="point"`` (queen): keep every touching pair, corners included (length 0).

    Borders that are not topologically clean (a reprojection, a simplification, a digitised
    layer: neighbours a metre apart or overlapping) are snapped with ``tolerance_m`` (5 m;
    0 = exact topology only). A pair that does not share an exact border is a neighbour when
    (overlap) the part of each one's boundary lying inside the other is longer than
    2 x ``tolerance_m``, or (gap, the two not overlapping) the part of each one's boundary
    within ``tolerance_m`` of the other is longer than 4 x ``tolerance_m`` -- corners (the
    ends of a border, crossed at any angle) stay below both. In ``point`` mode any pair
    closer than ``tolerance_m`` is a neighbour. Pairs sharing an exact border are kept as
    they are, so a clean layer gives the same pairs with any tolerance. The snapped pairs
    get the measured length as their shared length.

    ``report`` (a dict, filled when given): ``n_exact``, ``n_gap`` (pairs joined across a
    gap), ``n_overlap`` (pairs joined through an overlap), ``n_corner_ignored`` (pairs within
    the tolerance that only meet at a corner, edge mode), ``n_sliver`` (overlaps thinner than
    the tolerance), ``max_overlap_m2`` and ``max_overlap_pair``, ``gap_pairs``,
    ``overlap_pairs`` (index pairs), ``tolerance_m``.
    """
    import shapely

    if mode not in ("edge", "point"):
        raise InputError(f"adjacency mode must be 'edge' or 'point' (got {plain(mode)!r})")
    tol = float(tolerance_m or 0.0)
    if not (tol >= 0 and math.isfinite(tol)):
        raise InputError(f"adjacency tolerance must be >= 0 m (got {plain(tolerance_m)!r})")
    arr = _poly_array(geoms)
    invalid = ~shapely.is_valid(arr)
    if invalid.any():       # self-intersections etc.: repair a copy so GEOS overlay cannot fail
        arr = arr.copy()
        arr[invalid] = shapely.make_valid(arr[invalid])
    shapely.prepare(arr)
    tree = shapely.STRtree(arr)
    if tol > 0:
        a, b = tree.query(arr, predicate="dwithin", distance=tol)
    else:
        a, b = tree.query(arr, predicate="intersects")
    m = a < b
    a, b = a[m], b[m]
    order = np.lexsort((b, a))
    a, b = a[order].astype(np.int64), b[order].astype(np.int64)
    touch = shapely.intersects(arr[a], arr[b]) if (tol > 0 and a.size) else np.ones(a.size, dtype=bool)
    bnd = shapely.boundary(arr)
    shared = np.zeros(a.size)
    if touch.any():
        shared[touch] = shapely.length(shapely.intersection(bnd[a[touch]], bnd[b[touch]]))
    exact = touch & (shared > 0) if mode == "edge" else touch
    rep = {"tolerance_m": tol, "n_exact": 0, "n_gap": 0, "n_overlap": 0, "n_corner_ignored": 0,
           "n_sliver": 0, "max_overlap_m2": 0.0, "max_overlap_pair": None,
           "gap_pairs": (np.zeros(0, np.int64), np.zeros(0, np.int64)),
           "overlap_pairs": (np.zeros(0, np.int64), np.zeros(0, np.int64))}
    snapped = np.zeros(a.size, dtype=bool)
    if tol > 0 and a.size:
        # overlaps: interiors crossing. Pairs sharing an exact border longer than 2 x tol are kept
        # whatever else they do, so only the other touching pairs are measured (a handful on a
        # clean layer; an overlapping copy can share a few metres of collinear border by chance)
        cand = np.flatnonzero(touch & ~(shared > 2 * tol))
        ov_area = np.zeros(a.size)
        if cand.size:
            ov_area[cand] = shapely.area(shapely.intersection(arr[a[cand]], arr[b[cand]]))
        ov = ov_area > 0
        rest = np.flatnonzero(~exact | ov) if mode == "edge" else np.flatnonzero(~exact)
        if rest.size:
            ra, rb = a[rest], b[rest]
            over = ov[rest]
            length = np.zeros(rest.size)
            if over.any():
                o = np.flatnonzero(over)
                l1 = shapely.length(shapely.intersection(bnd[ra[o]], arr[rb[o]]))
                l2 = shapely.length(shapely.intersection(bnd[rb[o]], arr[ra[o]]))
                length[o] = np.minimum(l1, l2)
            # a pair that touches exactly at points only, without overlapping, meets at a corner
            gap = np.flatnonzero(~over & ~touch[rest])
            if gap.size and mode == "edge":
                used = np.unique(np.r_[ra[gap], rb[gap]])
                grown = np.empty(arr.size, dtype=object)
                grown[used] = shapely.buffer(arr[used], tol, quad_segs=2)
                l1 = shapely.length(shapely.intersection(bnd[ra[gap]], grown[rb[gap]]))
                l2 = shapely.length(shapely.intersection(bnd[rb[gap]], grown[ra[gap]]))
                length[gap] = np.minimum(l1, l2)
            if mode == "edge":
                ok = np.where(over, length > max(2 * tol, min_shared_m), length > max(4 * tol, min_shared_m))
                ok &= over | ~touch[rest]
            else:
                ok = np.ones(rest.size, dtype=bool)
            newly = ok & ~exact[rest]
            snapped[rest[newly]] = True
            shared[rest[ok]] = np.maximum(shared[rest[ok]], length[ok])
            g_ = rest[newly & ~over]
            o_ = rest[over & (ok | exact[rest])]
            rep["gap_pairs"] = (a[g_], b[g_])
            rep["overlap_pairs"] = (a[o_], b[o_])
            rep["n_gap"] = int(g_.size)
            rep["n_overlap"] = int(o_.size)
            rep["n_corner_ignored"] = int((~ok & ~exact[rest]).sum())
            if o_.size:
                # a sliver: an overlap whose mean width (area / border length) is below the tolerance
                width = ov_area[o_] / np.maximum(np.maximum(shared[o_], length[np.searchsorted(rest, o_)]), 1e-9)
                rep["n_sliver"] = int((width < tol).sum())
                k = int(o_[np.argmax(ov_area[o_])])
                rep["max_overlap_m2"] = float(ov_area[k])
                rep["max_overlap_pair"] = (int(a[k]), int(b[k]))
    keep = exact | snapped
    if mode == "edge":
        keep &= shared > max(float(min_shared_m), 0.0)
    o_pairs = set(zip(rep["overlap_pairs"][0].tolist(), rep["overlap_pairs"][1].tolist()))
    rep["n_exact"] = int(sum(1 for x, y in zip(a[exact & keep].tolist(), b[exact & keep].tolist())
                             if (x, y) not in o_pairs))
    if report is not None:
        report.update(rep)
    a, b, shared = a[keep], b[keep], shared[keep]
    return a, b, np.asarray(shared, dtype=float)


@dataclass
class ProxyNetwork:
    """Proxy network over polygons (no road layer): one node per polygon.

    - ``graph``: symmetric CostGraph, node k = polygon k, ``xy`` = representative points.
    - ``edges``: DataFrame ``i, j, length_m, time_min, kind`` ("adjacent" | "ferry"),
      ``shared_m`` (border length; 0 for ferries); one row per undirected edge, i < j.
    - ``islands``: polygons with no neighbour (before ferry links).
    - ``lines``: shapely LineString between the representative points, per edge.
    - ``xy``: (N, 2) representative points.
    - ``report``: n_nodes, n_edges, n_islands, n_ferry, n_components, component_sizes,
      largest_component_share, detour_factor, speed_kmh, mode.
    """
    graph: CostGraph
    edges: pd.DataFrame
    islands: list
    lines: np.ndarray
    xy: np.ndarray
    report: dict

    def layer_table(self) -> pd.DataFrame:
        """Rows for writing a line layer that :func:`build_road_graph` can read back.

        Columns: ``i, j, kind, length_m, time_min, speed_kmh, geometry``. The geometry is the
        straight line between the representative points; ``speed_kmh`` is the speed that
        gives ``time_min`` over that straight line (so ``speed_field="speed_kmh"`` reproduces
        the times exactly; ``length_m`` keeps the detoured length).
        """
        straight = np.hypot(*(self.xy[self.edges["i"].to_numpy()] - self.xy[self.edges["j"].to_numpy()]).T)
        t = self.edges["time_min"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            spd = np.where(t > 0, straight / 1000.0 / (t / 60.0), np.nan)
        df = self.edges[["i", "j", "kind", "length_m", "time_min"]].copy()
        df["speed_kmh"] = spd
        df["geometry"] = self.lines
        return df


def _components(n, i, j):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    A = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return connected_components(A, directed=False)


def adjacency_network(geoms, detour_factor: float = DEFAULT_DETOUR,
                      speed_kmh: float = DEFAULT_PROXY_SPEED_KMH, min_shared_m: float = 0.0,
                      mode: str = "edge", link_islands: bool = False, ferry_min: float = 30.0,
                      monitor: Optional[Monitor] = None,
                      tolerance_m: float = DEFAULT_ADJ_TOLERANCE_M) -> ProxyNetwork:
    """Proxy travel network between neighbouring polygons (communes).

    Edge between each pair from :func:`adjacency_pairs`; length = straight distance between
    representative points x ``detour_factor`` (1.3); time = length / ``speed_kmh`` (60 km/h).
    Polygons with no neighbour are listed in ``islands``. With ``link_islands``, every
    connected component other than the largest is linked to the nearest polygon outside it
    (representative points; repeated until one component remains) by a "ferry" edge of
    ``ferry_min`` minutes -- for a lone island commune this is its nearest commune.
    ``tolerance_m``: snapping tolerance of :func:`adjacency_pairs` (unclean borders); its
    diagnosis is ``report["borders"]``.
    """
    import shapely
    from scipy.spatial import cKDTree

    mon = _monitor(monitor)
    if not (detour_factor and detour_factor >= 1.0):
        raise InputError(f"detour_factor must be >= 1 (got {plain(detour_factor)!r})")
    if not (speed_kmh and speed_kmh > 0):
        raise InputError(f"speed_kmh must be positive (got {plain(speed_kmh)!r})")
    if link_islands and not (ferry_min is not None and ferry_min >= 0):
        raise InputError(f"ferry_min must be >= 0 (got {plain(ferry_min)!r})")
    mon.progress(0, "Finding neighbouring polygons")
    arr = _poly_array(geoms, "polygon layer")
    n = arr.size
    xy = representative_points(arr)
    borders: dict = {}
    a, b, shared = adjacency_pairs(arr, mode=mode, min_shared_m=min_shared_m, tolerance_m=tolerance_m,
                                   report=borders)
    mon.check()
    mon.progress(60, "Building the proxy network")
    deg = np.bincount(np.concatenate([a, b]), minlength=n)
    islands = np.flatnonzero(deg == 0).tolist()
    straight = np.hypot(*(xy[a] - xy[b]).T) if a.size else np.zeros(0)
    length = straight * detour_factor
    time = length / 1000.0 / speed_kmh * 60.0
    kind = ["adjacent"] * a.size
    fa, fb, fl = [], [], []
    if link_islands and n > 1:
        ci, cj = list(a), list(b)
        while True:
            mon.check()
            n_comp, lab = _components(n, np.array(ci, dtype=np.int64), np.array(cj, dtype=np.int64))
            if n_comp <= 1:
                break
            sizes = np.bincount(lab)
            big = sizes.argmax()
            for c in range(n_comp):
                if c == big:
                    continue
                inside = np.flatnonzero(lab == c)
                outside = np.flatnonzero(lab != c)
                d, k = cKDTree(xy[outside]).query(xy[inside], k=1)
                best = int(np.argmin(d))
                u, v = int(inside[best]), int(outside[k[best]])
                u, v = min(u, v), max(u, v)
                fa.append(u)
                fb.append(v)
                fl.append(float(d[best]))
                ci.append(u)
                cj.append(v)
    if fa:
        a = np.concatenate([a, np.array(fa, dtype=np.int64)])
        b = np.concatenate([b, np.array(fb, dtype=np.int64)])
        shared = np.concatenate([shared, np.zeros(len(fa))])
        length = np.concatenate([length, np.array(fl)])
        time = np.concatenate([time, np.full(len(fa), float(ferry_min))])
        kind = kind + ["ferry"] * len(fa)
    edges = pd.DataFrame({"i": a.astype(np.int64), "j": b.astype(np.int64), "length_m": length,
                          "time_min": time, "kind": kind, "shared_m": shared})
    edges = edges.drop_duplicates(subset=["i", "j"], keep="first").reset_index(drop=True)
    lines = shapely.linestrings(np.stack([xy[edges["i"].to_numpy()], xy[edges["j"].to_numpy()]], axis=1)) \
        if len(edges) else np.empty(0, dtype=object)
    g = CostGraph.from_edges(edges["i"], edges["j"], edges["time_min"], edges["length_m"],
                             n_nodes=n, xy=xy, symmetric=True)
    n_comp, lab = _components(n, edges["i"].to_numpy(), edges["j"].to_numpy())
    sizes = np.sort(np.bincount(lab, minlength=n_comp))[::-1]
    report = {
        "n_nodes": int(n), "n_edges": int(len(edges)), "n_islands": len(islands),
        "n_ferry": int((edges["kind"] == "ferry").sum()), "n_components": int(n_comp),
        "component_sizes": sizes[:20].astype(int).tolist(),
        "largest_component_share": float(sizes[0] / n),
        "detour_factor": float(detour_factor), "speed_kmh": float(speed_kmh), "mode": mode,
        "ferry_min": float(ferry_min) if link_islands else None,
        "tolerance_m": float(tolerance_m or 0.0), "borders": borders,
    }
    adj = (edges["kind"] != "ferry").to_numpy()
    g.info.update({"kind": "proxy_adjacency", "report": report,
                   "adjacent_pairs": (edges["i"].to_numpy()[adj], edges["j"].to_numpy()[adj])})
    if islands:
        mon.log(f"{len(islands)} polygon(s) with no neighbour" +
                (" linked by ferry edges" if link_islands else " (unreachable: use link_islands)"))
    mon.progress(100)
    return ProxyNetwork(graph=g, edges=edges, islands=islands, lines=np.asarray(lines, dtype=object),
                        xy=xy, report=report)


# ============================================================================= matrices
def _check_nodes(nodes, n, what):
    a = np.asarray(nodes, dtype=np.int64).ravel()
    bad = np.flatnonzero((a < 0) | (a >= n))
    if bad.size:
        raise InputError(f"{what}: node index {int(a[bad[0]])} (position {int(bad[0])}) is not in "
                         f"the graph (0..{n - 1})")
    return a


def _long_table(T, D, cutoff_min, nearest_k, n_unreach, n_beyond, extra):
    """Shared output format for travel_time_matrix and straight_line_matrix."""
    n_o, n_d = T.shape
    if nearest_k is not None:
        k = int(min(max(int(nearest_k), 0), n_d))
        Tm = np.where(np.isfinite(T), T, np.inf)
        if k == 0 or n_d == 0:
            idx = np.zeros((n_o, 0), dtype=np.int64)
        else:
            idx = np.argsort(Tm, axis=1, kind="stable")[:, :k]
        rows = np.repeat(np.arange(n_o), idx.shape[1])
        cols = idx.ravel()
        t = Tm[rows, cols]
        keep = np.isfinite(t)
        rows, cols = rows[keep], cols[keep]
        rank = (np.tile(np.arange(1, idx.shape[1] + 1), n_o))[keep]
        df = pd.DataFrame({"origin_idx": rows.astype(np.int64), "dest_idx": cols.astype(np.int64),
                           "time_min": T[rows, cols], "dist_km": D[rows, cols], "rank": rank})
    else:
        Tn = np.where(np.isfinite(T), T, np.nan)
        Dn = np.where(np.isfinite(T) & np.isfinite(D), D, np.nan)
        df = pd.DataFrame({"origin_idx": np.repeat(np.arange(n_o, dtype=np.int64), n_d),
                           "dest_idx": np.tile(np.arange(n_d, dtype=np.int64), n_o),
                           "time_min": Tn.ravel(), "dist_km": Dn.ravel()})
    stats = {"n_origins": int(n_o), "n_destinations": int(n_d), "n_pairs": int(n_o * n_d),
             "n_unreachable": int(n_unreach), "n_beyond_cutoff": int(n_beyond),
             "n_rows": int(len(df)), "cutoff_min": cutoff_min, "nearest_k": nearest_k}
    stats.update(extra)
    return df, stats


MATRIX_BATCH = 64          # trees per batch of travel_time_matrix (at most)


def travel_time_matrix(graph: CostGraph, origin_nodes, dest_nodes, cutoff_min: Optional[float] = None,
                       nearest_k: Optional[int] = None, with_distance: bool = True,
                       monitor: Optional[Monitor] = None, return_arrays: bool = False,
                       direction: str = "auto"):
    """Fastest travel times between graph nodes, as a long table.

    Runs scipy's compiled dijkstra in memory-bounded batches (``limit=cutoff_min``) from the
    unique origins, or -- ``direction="auto"`` when there are fewer distinct destinations
    than origins -- from the destinations on the transposed graph (same answers, one-ways
    respected; ``"forward"``/``"reverse"`` force a side). Returns ``(df, stats)``:

    - ``df`` columns ``origin_idx``, ``dest_idx`` (POSITIONS in ``origin_nodes`` /
      ``dest_nodes``, not node ids), ``time_min``, ``dist_km`` (length of the fastest path;
      NaN if the graph has no lengths or ``with_distance=False``).
      Without ``nearest_k``: every pair, one row each (row-major, origins then
      destinations), ``NaN`` time and distance for pairs unreachable or beyond the cutoff.
      With ``nearest_k``: only the k fastest reachable (within cutoff) destinations per
      origin, plus a ``rank`` column (1 = nearest; ties by destination position).
    - ``stats``: n_origins, n_destinations, n_pairs, n_unreachable (no path at all),
      n_beyond_cutoff (a path exists but is longer than the cutoff), n_rows, cutoff_min,
      nearest_k, seconds.

    ``return_arrays=True`` also returns the dense (n_origins, n_destinations) time and
    distance arrays (inf where missing) as a third element.
    """
    import time as _time
    from scipy.sparse.csgraph import connected_components, dijkstra

    t0 = _time.perf_counter()
    mon = _monitor(monitor)
    if not isinstance(graph, CostGraph):
        raise InputError("travel_time_matrix needs a CostGraph")
    N = graph.n_nodes
    o = _check_nodes(origin_nodes, N, "origin_nodes")
    dn = _check_nodes(dest_nodes, N, "dest_nodes")
    if cutoff_min is not None and not (cutoff_min >= 0):
        raise InputError(f"cutoff_min must be >= 0 (got {plain(cutoff_min)!r})")
    if nearest_k is not None and int(nearest_k) < 0:
        raise InputError(f"nearest_k must be >= 0 (got {plain(nearest_k)!r})")
    if direction not in ("auto", "forward", "reverse"):
        raise InputError(f"direction must be 'auto', 'forward' or 'reverse' (got {plain(direction)!r})")
    limit = np.inf if cutoff_min is None else float(cutoff_min)
    want_len = with_distance and graph.length is not None
    # the nodes no path between the places needs are taken out first (exact, see reduce_graph)
    graph, nid = reduced_graph(graph, np.union1d(o, dn), monitor=mon)
    o, dn = nid[o], nid[dn]
    N = graph.n_nodes
    uo, inv_o = np.unique(o, return_inverse=True)
    ud, inv_d = np.unique(dn, return_inverse=True)
    reverse = direction == "reverse" or (direction == "auto" and ud.size < uo.size)
    if reverse:
        # fewer destinations: one dijkstra per destination on the transposed graph
        cg = CostGraph(time=graph.time.T.tocsr(),
                       length=None if graph.length is None else graph.length.T.tocsr())
        src_nodes, tgt_nodes = ud, uo
    else:
        cg = graph
        src_nodes, tgt_nodes = uo, ud
    csr = cg.time.tocsr()
    Tu = np.full((src_nodes.size, tgt_nodes.size), np.inf)
    Du = np.full((src_nodes.size, tgt_nodes.size), np.nan)
    # memory-bounded, and small enough that a cancel is seen within about a second
    batch = int(max(1, min(src_nodes.size, MATRIX_BATCH, 48_000_000 // (12 * max(N, 1)))))
    starts = range(0, src_nodes.size, batch)
    workers = parallel.worker_count(len(starts), float(src_nodes.size) * N)
    if want_len:
        cg.prepare_length_lookup()      # once, before the workers start (they inherit it)

    def trees(s):
        src = src_nodes[s:s + batch]
        if want_len:
            d, pred = dijkstra(csr, directed=True, indices=src, limit=limit, return_predecessors=True)
            d, pred = np.atleast_2d(d), np.atleast_2d(pred)
            return d[:, tgt_nodes], cg.path_lengths(src, pred, tgt_nodes) / 1000.0
        return np.atleast_2d(dijkstra(csr, directed=True, indices=src, limit=limit))[:, tgt_nodes], None

    def put(s, res):
        Tu[s:s + batch] = res[0]
        if res[1] is not None:
            Du[s:s + batch] = res[1]
        mon.progress(100.0 * min(src_nodes.size, s + batch) / max(src_nodes.size, 1))
        mon.check()

    side = "destination" if reverse else "origin"
    if workers > 1:
        mon.progress(0, f"Shortest paths from {src_nodes.size} {side}(s) on {workers} processes")
    else:
        mon.progress(0, f"Shortest paths from {src_nodes.size} {side}(s)")
    mon.check()
    parallel.run_batches(trees, starts, workers, put)
    if reverse:
        Tu, Du = Tu.T, Du.T
    T = Tu[inv_o][:, inv_d]
    D = Du[inv_o][:, inv_d]
    csr = graph.time.tocsr()
    missing = ~np.isfinite(T)
    n_missing = int(missing.sum())
    n_unreach, n_beyond = n_missing, 0
    if n_missing and cutoff_min is not None:
        # a pair beyond the cutoff still has a path: tell them apart cheaply
        _, weak = connected_components(csr, directed=True, connection="weak")
        _, strong = connected_components(csr, directed=True, connection="strong")
        r, c = np.nonzero(missing)
        on, dd = o[r], dn[c]
        unreach = weak[on] != weak[dd]
        reach = ~unreach & (strong[on] == strong[dd])
        amb = ~unreach & ~reach
        if amb.any():
            from scipy.sparse.csgraph import breadth_first_order
            for src in np.unique(on[amb]):
                mon.check()
                seen = np.zeros(N, dtype=bool)
                seen[breadth_first_order(csr, int(src), directed=True, return_predecessors=False)] = True
                sel = amb & (on == src)
                reach[sel] = seen[dd[sel]]
                unreach[sel] = ~seen[dd[sel]]
        n_unreach, n_beyond = int(unreach.sum()), int(reach.sum())
    df, stats = _long_table(T, D, cutoff_min, nearest_k, n_unreach, n_beyond,
                            {"seconds": _time.perf_counter() - t0,
                             "direction": "reverse" if reverse else "forward"})
    if n_missing:
        mon.log(f"Travel times: {n_unreach} unreachable pair(s), {n_beyond} beyond the cutoff")
    mon.progress(100)
    if return_arrays:
        return df, stats, (T, np.where(np.isfinite(T), D, np.inf))
    return df, stats


REDUCE_MIN_NODES = 2_000
# A change of what build_road_graph or reduce_graph (REDUCE_* in graph.py) produce must bump
# graph_cache.FORMAT_VERSION: graphs kept on disk by earlier versions are then ignored.


def reduced_graph(graph: CostGraph, keep, monitor: Optional[Monitor] = None):
    """``(graph, new id of every node)`` for routing between the ``keep`` nodes: the graph with
    its dead ends, chains and small junctions bypassed (:func:`.graph.reduce_graph_in_parts`, exact), or
    the graph itself (ids unchanged) when it is small or little comes out. The result
    is kept on the graph for the next call with the same nodes (the steps of a run share it)."""
    import hashlib

    from .graph import reduce_graph_in_parts

    n = graph.n_nodes
    keep = np.unique(np.asarray(keep, dtype=np.int64))
    same = (graph, np.arange(n))
    if n < REDUCE_MIN_NODES or keep.size >= n or graph.info.get("kind") == "reduced":
        return same
    key = (hashlib.blake2b(keep.tobytes(), digest_size=16).hexdigest(), id(graph.time), graph.time.nnz)
    cache = graph.__dict__.setdefault("_reduced", {})
    if key in cache:
        return cache[key] if cache[key] is not None else same
    from . import graph_cache as gc

    # on disk between runs for large graphs (graph_cache: bump FORMAT_VERSION with reduce_graph)
    dkey = gc.reduced_key(graph, keep) if gc.folder() is not None and n >= gc.MIN_REDUCED_NODES else None
    got = gc.load_reduced(dkey) if dkey else None
    if got is not None:
        r, nid, _ = got                             # r None: the reduction did not pay
    else:
        r, nid = reduce_graph_in_parts(graph, keep)
        if r.n_nodes >= 0.95 * n:
            r = None
        if dkey:
            gc.save_reduced(dkey, r, nid)
    cache.clear()                                   # one reduction kept per graph
    if r is None:
        cache[key] = None
        return same
    r.info.update({k: v for k, v in graph.info.items() if k not in ("road_graph", "road_shapes")})
    r.info["kind"] = "reduced"
    cache[key] = (r, nid)
    if got is not None:
        _monitor(monitor).log(f"Reduced routing graph read from the cache: {n:,} nodes -> {r.n_nodes:,} (same times)")
    else:
        _monitor(monitor).log(f"Routing graph: {n:,} nodes -> {r.n_nodes:,} (dead ends, chains and small junctions "
                              f"bypassed by direct arcs; same times)")
    return r, nid


def straight_line_matrix(orig_xy, dest_xy, detour_factor: float = DEFAULT_DETOUR,
                         speed_kmh: float = DEFAULT_PROXY_SPEED_KMH, cutoff_min: Optional[float] = None,
                         nearest_k: Optional[int] = None):
    """Crow-fly distance x detour at a constant speed, same ``(df, stats)`` format as
    :func:`travel_time_matrix` (``dist_km`` = detoured distance; nothing is unreachable)."""
    import time as _time

    t0 = _time.perf_counter()
    if not (detour_factor and detour_factor >= 1.0):
        raise InputError(f"detour_factor must be >= 1 (got {plain(detour_factor)!r})")
    if not (speed_kmh and speed_kmh > 0):
        raise InputError(f"speed_kmh must be positive (got {plain(speed_kmh)!r})")
    A = _as_xy(orig_xy, "origin points")
    B = _as_xy(dest_xy, "destination points")
    D = np.empty((A.shape[0], B.shape[0]))
    step = max(1, 4_000_000 // max(B.shape[0], 1))
    for s in range(0, A.shape[0], step):
        a = A[s:s + step]
        D[s:s + step] = np.hypot(a[:, None, 0] - B[None, :, 0], a[:, None, 1] - B[None, :, 1])
    D = D * detour_factor / 1000.0
    T = D / speed_kmh * 60.0
    n_beyond = 0
    if cutoff_min is not None:
        over = T > cutoff_min
        n_beyond = int(over.sum())
        T = np.where(over, np.inf, T)
    return _long_table(T, D, cutoff_min, nearest_k, 0, n_beyond,
                       {"seconds": _time.perf_counter() - t0})


def shortest_path_nodes(graph: CostGraph, source: int, target):
    """Node ids along the fastest path ``source -> target`` (both included).

    ``target`` an int -> a list (empty when unreachable); a sequence -> a list of such lists
    (one dijkstra for all). Use ``graph.xy[path]`` to draw the path.
    """
    from scipy.sparse.csgraph import dijkstra

    N = graph.n_nodes
    s = int(_check_nodes([source], N, "source")[0])
    single = np.isscalar(target) or isinstance(target, (int, np.integer))
    tg = _check_nodes([target] if single else target, N, "target")
    d, pred = dijkstra(graph.time.tocsr(), directed=True, indices=s, return_predecessors=True)
    out = []
    for t in tg:
        t = int(t)
        if not np.isfinite(d[t]):
            out.append([])
            continue
        path = [t]
        while path[-1] != s:
            path.append(int(pred[path[-1]]))
        out.append(path[::-1])
    return out[0] if single else out


def road_shapes(rg: RoadGraph) -> dict:
    """Geometry of every road arc, for drawing paths along the roads: sorted arc keys
    ``u * n_nodes + v`` with the segment drawn for each (``edge``, ``reversed``) and the
    segments' LineStrings; of parallel segments the fastest one (the one the graph keeps)."""
    e = rg.edges
    n = max(int(rg.graph.n_nodes), 1)
    if len(e) == 0:
        return {"key": np.empty(0, np.int64), "edge": np.empty(0, np.int64), "rev": np.empty(0, bool),
                "geoms": np.empty(0, dtype=object), "n": n}
    a, b = e["from"].to_numpy(np.int64), e["to"].to_numpy(np.int64)
    t, ow = e["time_min"].to_numpy(float), e["oneway"].to_numpy(np.int64)
    idx = np.arange(len(e))
    key = np.concatenate([a[ow >= 0] * n + b[ow >= 0], b[ow <= 0] * n + a[ow <= 0]])
    eid = np.concatenate([idx[ow >= 0], idx[ow <= 0]])
    rev = np.concatenate([np.zeros(int((ow >= 0).sum()), bool), np.ones(int((ow <= 0).sum()), bool)])
    order = np.lexsort((t[eid], key))                  # by arc, fastest first
    key, eid, rev = key[order], eid[order], rev[order]
    first = np.r_[True, key[1:] != key[:-1]]
    return {"key": key[first], "edge": eid[first], "rev": rev[first], "geoms": rg.edge_geometries(), "n": n}


def _road_arc(shapes, u, v):
    """(edge, reversed) drawn for the arc u -> v, or None (nodes past the road graph's are
    places, joined by access legs)."""
    if u >= shapes["n"] or v >= shapes["n"]:
        return None
    k = u * shapes["n"] + v
    i = int(np.searchsorted(shapes["key"], k))
    if i < shapes["key"].size and shapes["key"][i] == k:
        return int(shapes["edge"][i]), bool(shapes["rev"][i])
    return None


def path_line(graph: CostGraph, path, start_xy=None, end_xy=None):
    """A LineString along a node path: each road arc drawn with its own geometry when the graph
    knows it (:func:`road_shapes`, road networks), straight otherwise (access legs, proxy
    networks); optional start and end points are joined straight. None for an empty path."""
    import shapely

    if path is None or len(path) == 0:
        return None
    from shapely.ops import substring

    info = getattr(graph, "info", None) or {}
    shapes, snapped = info.get("road_shapes"), info.get("snapped", {})
    if shapes is None and info.get("road_graph") is not None:
        shapes = info["road_shapes"] = road_shapes(info["road_graph"])     # built once, when drawing
    pts = [] if start_xy is None else [np.asarray(start_xy, dtype=float)[:2]]
    pts.append(graph.xy[path[0]])

    def along(k, f0, f1):
        """coordinates of segment k from share f0 to share f1 (either order)"""
        if abs(f0 - f1) < 1e-12:
            return shapely.get_coordinates(shapely.line_interpolate_point(shapes["geoms"][k], f0, normalized=True))
        c = shapely.get_coordinates(substring(shapes["geoms"][k], min(f0, f1), max(f0, f1), normalized=True))
        return c[::-1] if f0 > f1 else c

    for u, v in zip(path[:-1], path[1:]):
        u, v = int(u), int(v)
        hit = _road_arc(shapes, u, v) if shapes else None
        if hit is not None:
            k, rev = hit
            c = shapely.get_coordinates(shapes["geoms"][k])
            pts.extend((c[::-1] if rev else c)[1:])
            continue
        leg = snapped.get(u) if shapes else None
        end = 1.0
        if leg is None and shapes and v in snapped:
            leg, end = snapped[v], 0.0
        if leg is not None:
            k, f = leg
            a_xy, b_xy = shapely.get_coordinates(shapes["geoms"][k])[[0, -1]]
            other = v if end == 1.0 else u
            share = 0.0 if np.allclose(graph.xy[other], a_xy) else (1.0 if np.allclose(graph.xy[other], b_xy)
                                                                     else None)
            if share is not None:
                c = along(k, f, share) if end == 1.0 else along(k, share, f)
                pts.extend(c if end == 1.0 else c[1:])
                if end == 0.0:
                    pts.append(graph.xy[v])
                continue
        pts.append(graph.xy[v])
    if end_xy is not None:
        pts.append(np.asarray(end_xy, dtype=float)[:2])
    xy = np.vstack(pts)
    if len(xy) == 1:
        xy = np.vstack([xy, xy])
    return shapely.linestrings(xy)


# ========================================================================== one entry
@dataclass
class NetworkOptions:
    """The one set of network parameters shared by every algorithm.

    Road network: ``speed_field``, ``default_speed_kmh``, ``oneway_field``, ``use_osm_tags``,
    ``snap_tolerance_m``, ``split_at_intersections`` (see :func:`build_road_graph`);
    ``max_snap_m``, ``access_speed_kmh``, ``snap_to_largest`` (see :func:`connect_terminals`).
    Proxy network (no road layer): ``detour_factor``, ``proxy_speed_kmh``, ``adjacency_mode``,
    ``min_shared_m``, ``link_islands``, ``ferry_min``, ``adjacency_tolerance_m`` (see
    :func:`adjacency_network`).
    """
    speed_field: Optional[str] = None
    default_speed_kmh: float = 50.0
    oneway_field: Optional[str] = None
    snap_tolerance_m: float = 1.0
    max_snap_m: Optional[float] = None
    access_speed_kmh: float = DEFAULT_ACCESS_SPEED_KMH
    detour_factor: float = DEFAULT_DETOUR
    split_at_intersections: Union[bool, str] = False
    use_osm_tags: Optional[bool] = None
    snap_to_largest: bool = False
    proxy_speed_kmh: float = DEFAULT_PROXY_SPEED_KMH
    adjacency_mode: str = "edge"
    min_shared_m: float = 0.0
    link_islands: bool = True
    ferry_min: float = 30.0
    adjacency_tolerance_m: float = DEFAULT_ADJ_TOLERANCE_M


POINT_MERGE_M = 1.0


def _point_proxy_graph(xy, detour, speed, merge_m: float = POINT_MERGE_M):
    """Proxy graph over points without roads: complete graph up to 300 distinct places
    (exact crow-fly x detour), else the Delaunay triangulation (paths along triangle edges
    are a few percent longer than crow-fly).

    Coincident and near-coincident places (closer than ``merge_m``, chained: a town hall given
    both as demand and as candidate, two services at one address) are one place for the
    triangulation, which would otherwise drop all but one of them (Qhull ignores duplicate
    points): each other one is joined to it by its straight line (0 min when coincident).
    A set of points all on one line (no triangle) is joined in order along the line."""
    n = xy.shape[0]
    lab, _ = _cluster_points(xy, float(merge_m)) if n else (np.zeros(0, dtype=np.int64), None)
    m = int(lab.max()) + 1 if n else 0
    first = np.full(m, n, dtype=np.int64)
    np.minimum.at(first, lab, np.arange(n))
    u = xy[first]
    if m <= 300:
        ii, jj = np.triu_indices(m, k=1)
        mode = "proxy_complete"
    else:
        from scipy.spatial import Delaunay
        try:
            tri = Delaunay(u).simplices
            e = np.vstack([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [0, 2]]])
            mode = "proxy_delaunay"
        except Exception:  # all points on one line: no triangle, chain them along the line
            c = u - u.mean(axis=0)
            axis = np.linalg.svd(c, full_matrices=False)[2][0]
            order = np.argsort(c @ axis, kind="stable")
            e = np.column_stack([order[:-1], order[1:]])
            mode = "proxy_chain"
        e = np.unique(np.sort(e, axis=1), axis=0)
        ii, jj = e[:, 0], e[:, 1]
    i, j = first[ii], first[jj]
    dup = np.flatnonzero(first[lab] != np.arange(n))
    if dup.size:
        i = np.concatenate([i, first[lab[dup]]])
        j = np.concatenate([j, dup])
    L = np.hypot(*(xy[i] - xy[j]).T) * detour
    g = CostGraph.from_edges(i, j, L / 1000.0 / speed * 60.0, L, n_nodes=n, xy=xy, symmetric=True)
    g.info["n_merged_places"] = int(dup.size)
    return g, mode


# one road graph per layer content, kept between runs in this process (see road_graph_cached)
ROAD_CACHE_SIZE = 2
_ROAD_CACHE: "dict" = {}

# the columns build_road_graph reads besides the speed and one-way fields
OSM_COLUMNS = ("highway", "maxspeed", "oneway", "junction", "other_tags")


def road_columns(options: Optional[NetworkOptions] = None, available=None) -> list:
    """Attribute columns a road graph is built from: the speed and one-way fields, plus the
    OpenStreetMap tag columns (present in ``available``, when given)."""
    opt = options or NetworkOptions()
    cols = [c for c in (opt.speed_field, opt.oneway_field) if c]
    if opt.use_osm_tags is not False:
        cols += [c for c in OSM_COLUMNS if available is None or c in available]
    return list(dict.fromkeys(cols))


def road_layer_key(geoms, attrs=None, options: Optional[NetworkOptions] = None) -> str:
    """Content key of a road layer for the graph cache: a hash of every geometry (coordinates), of
    the attribute columns the graph is built from, and of the build options."""
    import hashlib

    import shapely

    opt = options or NetworkOptions()
    h = hashlib.blake2b(digest_size=20)
    arr = _as_geom_array(geoms, "road layer")
    h.update(str(len(arr)).encode())
    # lines (nearly all): their type, vertex counts and x, y as they are (4x faster than WKB);
    # anything else (multi-part lines, other types): its WKB
    tid = shapely.get_type_id(arr)
    h.update(np.ascontiguousarray(tid, dtype=np.int64).tobytes())
    line = tid == 1
    h.update(np.ascontiguousarray(shapely.get_num_coordinates(arr[line]), dtype=np.int64).tobytes())
    h.update(np.ascontiguousarray(shapely.get_coordinates(arr[line]), dtype=np.float64).tobytes())
    other = arr[~line & (tid >= 0)]
    if other.size:
        wkb = shapely.to_wkb(other, hex=False, output_dimension=2)
        h.update(np.array([len(w) for w in wkb], dtype=np.int64).tobytes())
        h.update(b"".join(wkb))
    if attrs is not None:
        for c in road_columns(opt, list(attrs.columns)):
            if c in attrs.columns:
                h.update(c.encode())
                h.update(pd.util.hash_pandas_object(attrs[c].astype(str), index=False).to_numpy().tobytes())
        h.update(repr(list(attrs.index[:1]) + list(attrs.index[-1:]) + [len(attrs)]).encode())
    h.update(repr((opt.speed_field, opt.default_speed_kmh, opt.oneway_field, opt.use_osm_tags,
                   opt.snap_tolerance_m, opt.split_at_intersections)).encode())
    return h.hexdigest()


def road_graph_cached(geoms, attrs=None, options: Optional[NetworkOptions] = None,
                      monitor: Optional[Monitor] = None, key: Optional[str] = None, where: Optional[dict] = None):
    """:func:`build_road_graph` once per layer content: ``(RoadGraph, cache_hit)``.

    The last ``ROAD_CACHE_SIZE`` graphs are kept in memory, keyed by :func:`road_layer_key`
    (geometries, used attributes, build options), so every step of a run, the scenarios of
    a comparison and the next runs on the same unchanged layer reuse one graph; an edited
    layer has another key and is built again. The cached graph is shared: never modify it.
    Large graphs are also kept on disk between runs when a folder is set (:mod:`.graph_cache`);
    ``where`` (a dict), when given, gets ``from_disk``: the build date of a graph read from disk.
    """
    opt = options or NetworkOptions()
    key = key or road_layer_key(geoms, attrs, opt)
    rg = _ROAD_CACHE.pop(key, None)
    hit = rg is not None
    if rg is None:
        from . import graph_cache as gc

        disk = gc.folder() is not None and len(geoms) >= gc.MIN_ROAD_SEGMENTS
        got = gc.load_road_graph(key) if disk else None
        if got is not None:
            rg, meta = got
            hit = True
            if where is not None:
                where["from_disk"] = meta.get("built_at", "?")
            _monitor(monitor).log(f"Road graph read from the cache (built on {meta.get('built_at', '?')}): "
                                  f"{rg.graph.n_nodes:,} nodes, {len(rg.edges):,} segments")
        else:
            rg = build_road_graph(geoms, attrs, speed_field=opt.speed_field, default_speed_kmh=opt.default_speed_kmh,
                                  oneway_field=opt.oneway_field, use_osm_tags=opt.use_osm_tags,
                                  snap_tolerance_m=opt.snap_tolerance_m,
                                  split_at_intersections=opt.split_at_intersections, monitor=monitor)
            if disk:
                gc.save_road_graph(key, rg)
    _ROAD_CACHE[key] = rg                                    # most recent last
    while len(_ROAD_CACHE) > max(int(ROAD_CACHE_SIZE), 0):
        _ROAD_CACHE.pop(next(iter(_ROAD_CACHE)))
    return rg, hit


def clear_road_cache() -> None:
    _ROAD_CACHE.clear()


def terminal_closure(graph: CostGraph, nodes, with_length: bool = False,
                     monitor: Optional[Monitor] = None):
    """The places' own graph: ``(CostGraph over the places, node of each place)``.

    One node per place (in the order of ``nodes``), one arc between every two places that can
    reach each other, weighted by the fastest road time (and its length): the shortest times
    in this complete graph are exactly those of the road graph (a shortest time never beats
    the direct arc), and a Dijkstra on it costs a few thousand arcs per place instead of the
    whole road graph. For the steps that route between the places again and again
    (territories); the road geometry is not kept (no path drawing)."""
    nodes = np.asarray(nodes, dtype=np.int64)
    n = nodes.size
    _, _, (T, D) = travel_time_matrix(graph, nodes, nodes, with_distance=with_length, monitor=monitor,
                                      return_arrays=True)
    ok = np.isfinite(T)
    np.fill_diagonal(ok, False)
    i, j = np.nonzero(ok)
    g = CostGraph.from_edges(i, j, T[i, j], D[i, j] * 1000.0 if with_length else None, n_nodes=n,
                             xy=None if graph.xy is None else graph.xy[nodes],
                             info={**graph.info, "kind": "closure", "closure_of": int(graph.n_nodes)})
    return g, np.arange(n)


def terminal_graph(options: Optional[NetworkOptions] = None, road_geoms=None, road_attrs=None,
                   terminal_geoms=None, monitor: Optional[Monitor] = None, log_places: bool = True):
    """The travel graph for a set of places: ``(CostGraph, terminal_nodes, report)``.

    - Road layer given: :func:`build_road_graph` then :func:`connect_terminals` on the
      representative points of the places (a point inside each polygon); places beyond
      ``max_snap_m`` are unconnected (``report["too_far_index"]``), their times inf.
    - No road layer, polygon places: the proxy :func:`adjacency_network`; terminal k is node k.
    - No road layer, point places: straight lines x ``detour_factor`` at ``proxy_speed_kmh``
      (complete graph up to 300 points, Delaunay triangulation beyond); terminal k is node k.

    ``report["mode"]`` is "road", "proxy_adjacency", "proxy_complete" or "proxy_delaunay";
    the other keys are those of the underlying reports (road ``report`` under "road",
    terminals under "terminals", proxy under "proxy"). ``log_places=False``: the lines of
    :func:`connect_terminals` (access links, places too far) are not logged -- for a caller that
    says them from ``report["terminals"]``.
    """
    import shapely

    opt = options or NetworkOptions()
    mon = _monitor(monitor)
    arr = _as_geom_array(terminal_geoms, "places layer")
    if arr.size == 0:
        raise InputError("The places layer is empty")
    if road_geoms is not None:
        src: dict = {}
        rg, hit = road_graph_cached(road_geoms, road_attrs, opt, monitor=mon.sub(0, 80), where=src)
        xy = representative_points(arr)
        term = connect_terminals(rg, xy, access_speed_kmh=opt.access_speed_kmh, max_snap_m=opt.max_snap_m,
                                 snap_to_largest=opt.snap_to_largest, monitor=mon.sub(80, 100, silent=not log_places))
        report = {"mode": "road", "road": rg.report, "terminals": term.report,
                  "too_far_index": term.report["too_far_index"], "road_graph_cached": hit,
                  "road_graph_from_disk": src.get("from_disk")}
        term.graph.info.update({"kind": "road+terminals", "report": report, "road_graph": rg})
        return term.graph, term.nodes, report
    missing = shapely.is_missing(arr)
    if missing.any():
        raise InputError(f"places layer: feature {int(np.flatnonzero(missing)[0])} has no geometry")
    tid = shapely.get_type_id(arr)
    if np.isin(tid, list(_POLY_TYPES)).all():
        pn = adjacency_network(arr, detour_factor=opt.detour_factor, speed_kmh=opt.proxy_speed_kmh,
                               min_shared_m=opt.min_shared_m, mode=opt.adjacency_mode,
                               link_islands=opt.link_islands, ferry_min=opt.ferry_min, monitor=mon,
                               tolerance_m=opt.adjacency_tolerance_m)
        report = {"mode": "proxy_adjacency", "proxy": pn.report, "islands": pn.islands, "too_far_index": [],
                  "adjacent_pairs": pn.graph.info["adjacent_pairs"], "adjacency_mode": opt.adjacency_mode,
                  "min_shared_m": opt.min_shared_m, "adjacency_tolerance_m": opt.adjacency_tolerance_m}
        return pn.graph, np.arange(arr.size), report
    xy = representative_points(arr)
    g, mode = _point_proxy_graph(xy, float(opt.detour_factor), float(opt.proxy_speed_kmh))
    report = {"mode": mode, "proxy": {"n_nodes": int(xy.shape[0]), "detour_factor": opt.detour_factor,
                                      "speed_kmh": opt.proxy_speed_kmh}, "too_far_index": []}
    g.info.update({"kind": mode, "report": report})
    mon.progress(100)
    return g, np.arange(arr.size), report


def road_connected_pairs(polygons, i, j, road_geoms, buffer_m: float = 1.0, tolerance_m: float = 0.0):
    """Keep the neighbour pairs ``(i, j)`` whose shared border is crossed by a road.

    Two communes that touch across a ridge with no road between them are not neighbours
    for the "connected by the road network" contiguity. A pair is kept when a road line
    intersects the shared border (buffered by ``buffer_m`` to absorb digitising noise).
    A pair that shares no exact border (joined by :func:`adjacency_pairs` across a gap or
    an overlap, ``tolerance_m`` > 0) is kept when a road crosses the strip where the two
    polygons, grown by ``tolerance_m``, meet.
    Returns a boolean mask over the pairs.
    """
    import shapely

    polys = np.asarray(polygons, dtype=object)
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    if i.size == 0:
        return np.zeros(0, dtype=bool)
    roads = np.asarray([g for g in road_geoms if g is not None and not g.is_empty], dtype=object)
    if roads.size == 0:
        return np.zeros(i.size, dtype=bool)
    border = shapely.intersection(shapely.boundary(polys[i]), shapely.boundary(polys[j]))
    tol = float(tolerance_m or 0.0)
    unclean = np.flatnonzero(shapely.length(border) <= 0) if tol > 0 else np.zeros(0, dtype=np.int64)
    border = shapely.buffer(border, buffer_m)
    if unclean.size:
        used = np.unique(np.r_[i[unclean], j[unclean]])
        grown = np.empty(polys.size, dtype=object)
        grown[used] = shapely.buffer(polys[used], tol, quad_segs=2)
        border[unclean] = shapely.intersection(grown[i[unclean]], grown[j[unclean]])
    tree = shapely.STRtree(roads)
    b_i, _ = tree.query(border, predicate="intersects")
    keep = np.zeros(i.size, dtype=bool)
    keep[np.unique(b_i)] = True
    return keep


# ====================================================================== point in polygon
def locate_points_in_polygons(points, polygons, nearest_if_outside: bool = True):
    """Which polygon holds each point: ``(index, distance_m)`` arrays, one per point.

    ``points``: shapely geometries (points; a polygon or line place is taken at its
    ``point_on_surface``); ``polygons``: shapely (multi)polygons, same metric CRS.
    One bulk STRtree query (predicate ``intersects``, so a point exactly on a shared
    border belongs to the polygon of smallest index). A point inside no polygon gets
    the nearest polygon (``nearest_if_outside``, distance > 0) or ``-1`` (distance inf).
    Null/empty points raise :class:`InputError` naming the feature.
    """
    import shapely

    pts = _as_geom_array(points, "point layer")
    bad = np.flatnonzero(shapely.is_missing(pts) | shapely.is_empty(pts)) if pts.size else np.zeros(0, int)
    if bad.size:
        raise InputError(f"point layer: feature {int(bad[0])} has no geometry ({bad.size} such feature(s))")
    polys = _poly_array(polygons, "polygon layer")
    if pts.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    tid = shapely.get_type_id(pts)
    pts = np.where(np.isin(tid, list(_POINT_TYPES)), pts, shapely.point_on_surface(pts))
    tree = shapely.STRtree(polys)
    a, b = tree.query(pts, predicate="intersects")
    idx = np.full(pts.size, -1, dtype=np.int64)
    if a.size:
        order = np.lexsort((b, a))
        a, b = a[order], b[order]
        first = np.ones(a.size, dtype=bool)
        first[1:] = a[1:] != a[:-1]
        idx[a[first]] = b[first]
    dist = np.where(idx >= 0, 0.0, np.inf)
    out = np.flatnonzero(idx < 0)
    if out.size and nearest_if_outside:
        qi, qj = tree.query_nearest(pts[out], all_matches=False)
        idx[out[qi]] = qj
        dist[out[qi]] = shapely.distance(pts[out[qi]], polys[qj])
    return idx, dist

"""On-disk cache of the large graphs of a run: the built road graph of a layer and the
reduced routing graph of a set of places, kept between runs (two ``qgis_process`` calls on
the same unchanged road layer build them once).

Pure numpy: one uncompressed ``.npz`` per graph (read with ``allow_pickle=False``; the small
dicts as JSON text), written to a temporary file in the cache folder then moved into place
(``os.replace``, atomic: two processes may write the same entry at once). A file that cannot
be read, or of another format version, is ignored (and removed, when it is one of ours) and
the graph is built again. The folder keeps at most ``MAX_FILES`` files and ``MAX_MB``
megabytes of ours, the least recently used removed first; no other file is ever touched.

Keys: a road graph by :func:`.network.road_layer_key` (every geometry, the fields read, the
build options); a reduced graph by a hash of the graph it comes from (every arc: index,
time, length; the node coordinates) and of the kept nodes. ``FORMAT_VERSION`` enters every
key and file name: bump it on any change of what ``build_road_graph`` or ``reduce_graph``
produce (their constants included) or of what is stored here.

Nothing is cached unless a folder is set (:func:`set_folder`, done by the QGIS side).
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from typing import Optional

import numpy as np

FORMAT_VERSION = 2             # 2: reduced graphs cut in parts (graph.reduce_graph_in_parts)
MIN_ROAD_SEGMENTS = 20_000     # smaller road layers build in well under a second: not cached
MIN_REDUCED_NODES = 20_000     # same for the graph a reduction starts from
MAX_FILES = 8
MAX_MB = 500

PREFIX = "optima-graph-"
_NAME = re.compile(r"^optima-graph-v(\d+)-(road|reduced)-([0-9a-f]{16,64})\.npz$")
_TMP = re.compile(r"^\.optima-graph-tmp-[0-9a-f]+\.npz$")

_state = {"folder": None}
_lock = threading.Lock()


def set_folder(folder: Optional[str]) -> None:
    """Where the graphs are kept (created when needed); None = no disk cache."""
    _state["folder"] = str(folder) if folder else None


def folder() -> Optional[str]:
    return _state["folder"]


def file_name(kind: str, key: str) -> str:
    return f"{PREFIX}v{FORMAT_VERSION}-{kind}-{key}.npz"


def _is_ours(name: str) -> bool:
    return bool(_NAME.match(name) or _TMP.match(name))


# ---------------------------------------------------------------------- low level
def _csr_arrays(prefix: str, m) -> dict:
    return {f"{prefix}_indptr": m.indptr, f"{prefix}_indices": m.indices, f"{prefix}_data": m.data,
            f"{prefix}_shape": np.asarray(m.shape, dtype=np.int64)}


def _csr(prefix: str, z):
    import scipy.sparse as sp

    return sp.csr_matrix((z[f"{prefix}_data"], z[f"{prefix}_indices"], z[f"{prefix}_indptr"]),
                         shape=tuple(int(v) for v in z[f"{prefix}_shape"]))


def _graph_arrays(g) -> dict:
    out = _csr_arrays("time", g.time)
    if g.length is not None:
        out.update(_csr_arrays("length", g.length))
    if g.xy is not None:
        out["xy"] = np.asarray(g.xy)
    return out


def _graph(z, info: dict):
    from .graph import CostGraph

    return CostGraph(time=_csr("time", z), length=_csr("length", z) if "length_data" in z else None,
                     xy=np.array(z["xy"]) if "xy" in z else None, info=info)


def _json(obj) -> np.ndarray:
    return np.array(json.dumps(obj, default=_plain))


def _plain(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    raise TypeError(f"not JSON: {type(v).__name__}")


def save(kind: str, key: str, arrays: dict, meta: dict, where: Optional[str] = None) -> Optional[str]:
    """Write one entry atomically; the path, or None when the folder cannot be written."""
    where = where or folder()
    if not where:
        return None
    try:
        os.makedirs(where, exist_ok=True)
        meta = {**meta, "format_version": FORMAT_VERSION, "kind": kind, "key": key,
                "built_at": time.strftime("%Y-%m-%d %H:%M", time.localtime())}
        tmp = os.path.join(where, f".optima-graph-tmp-{uuid.uuid4().hex}.npz")
        try:
            with open(tmp, "wb") as f:
                np.savez(f, meta=_json(meta), **arrays)
            path = os.path.join(where, file_name(kind, key))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        prune(where)
        return path
    except (OSError, ValueError, TypeError):
        return None                              # a full or read-only disk: no cache, same results


def load(kind: str, key: str, where: Optional[str] = None):
    """``(arrays, meta)`` of an entry, or None (absent, unreadable, other version or key)."""
    where = where or folder()
    if not where:
        return None
    path = os.path.join(where, file_name(kind, key))
    if not os.path.isfile(path):
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(str(arrays.pop("meta")))
        if meta.get("format_version") != FORMAT_VERSION or meta.get("kind") != kind or meta.get("key") != key:
            raise ValueError("another entry")
    except Exception:                             # corrupt, truncated, foreign: built again
        _remove(path)
        return None
    try:
        os.utime(path)                            # most recently used
    except OSError:
        pass
    return arrays, meta


def _remove(path: str) -> None:
    if _is_ours(os.path.basename(path)):
        try:
            os.remove(path)
        except OSError:
            pass


def prune(where: Optional[str] = None, max_files: Optional[int] = None, max_mb: Optional[float] = None) -> list:
    """Remove our files of another format version, our temporary files older than an hour, then
    our least recently used files beyond ``max_files`` / ``max_mb``. Returns the removed names."""
    where = where or folder()
    max_files = MAX_FILES if max_files is None else int(max_files)
    max_bytes = (MAX_MB if max_mb is None else float(max_mb)) * 1e6
    removed = []
    with _lock:
        try:
            names = os.listdir(where)
        except OSError:
            return removed
        entries = []
        now = time.time()
        for name in names:
            path = os.path.join(where, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            m = _NAME.match(name)
            if m is None:
                if _TMP.match(name) and now - st.st_mtime > 3600:
                    _remove(path)
                    removed.append(name)
                continue
            if int(m.group(1)) != FORMAT_VERSION:
                _remove(path)
                removed.append(name)
                continue
            entries.append((st.st_mtime, st.st_size, name))
        entries.sort(reverse=True)                 # newest first
        total = 0
        for k, (_, size, name) in enumerate(entries):
            total += size
            if k >= max_files or (total > max_bytes and k > 0):
                _remove(os.path.join(where, name))
                removed.append(name)
    return removed


# ---------------------------------------------------------------------- road graphs
def save_road_graph(key: str, rg, where: Optional[str] = None) -> Optional[str]:
    e = rg.edges
    arrays = _graph_arrays(rg.graph)
    arrays["component"] = np.asarray(rg.component)
    for c in e.columns:
        arrays[f"edge_{c}"] = e[c].to_numpy()
    if rg._coords is not None:
        arrays["coords"] = np.asarray(rg._coords)
        arrays["vrange"] = np.asarray(rg._vrange)
    meta = {"report": rg.report, "edge_columns": [str(c) for c in e.columns],
            "edge_index": e.index.tolist() if not _is_range(e.index) else None,
            "info": {k: v for k, v in rg.graph.info.items() if k != "report"}}
    return save("road", key, arrays, meta, where)


def _is_range(index) -> bool:
    import pandas as pd

    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def load_road_graph(key: str, where: Optional[str] = None):
    """``(RoadGraph, meta)`` as built, or None."""
    import pandas as pd

    from .network import RoadGraph

    got = load("road", key, where)
    if got is None:
        return None
    z, meta = got
    try:
        report = meta["report"]
        g = _graph(z, {**meta.get("info", {}), "report": report})
        edges = pd.DataFrame({c: z[f"edge_{c}"] for c in meta["edge_columns"]})
        if meta.get("edge_index") is not None:
            edges.index = meta["edge_index"]
        rg = RoadGraph(graph=g, report=report, edges=edges, component=z["component"],
                       _coords=z.get("coords"), _vrange=z.get("vrange"))
    except Exception:
        _remove(os.path.join(where or folder(), file_name("road", key)))
        return None
    return rg, meta


# ---------------------------------------------------------------------- reduced graphs
def reduced_key(graph, keep) -> str:
    """Hash of what :func:`.graph.reduce_graph` reads: every arc (row pointers, targets, times,
    lengths), the node coordinates (they order the result) and the kept nodes."""
    import hashlib

    from . import graph as gm

    h = hashlib.blake2b(digest_size=20)
    h.update(repr((FORMAT_VERSION, gm.REDUCE_MAX_DEGREE, gm.REDUCE_MAX_ARC_GROWTH, gm.REDUCE_MAX_ROUNDS,
                   gm.REDUCE_NEXT_DEGREE_SHARE, gm.REDUCE_SPLIT_MIN_NODES,
                   gm.REDUCE_PARTS, graph.time.shape)).encode())
    T = graph.time.tocsr()
    for a in (T.indptr, T.indices, T.data):
        h.update(np.ascontiguousarray(a, dtype=np.float64 if a is T.data else np.int64).tobytes())
    if graph.length is not None:
        h.update(b"L")
        h.update(np.ascontiguousarray(graph.length.tocsr().data, dtype=np.float64).tobytes())
    if graph.xy is not None:
        h.update(b"X")
        h.update(np.ascontiguousarray(graph.xy, dtype=np.float64).tobytes())
    h.update(b"K")
    h.update(np.ascontiguousarray(keep, dtype=np.int64).tobytes())
    return h.hexdigest()


def save_reduced(key: str, reduced, new_id, where: Optional[str] = None) -> Optional[str]:
    """``reduced`` None: the reduction does not pay for this graph (the graph is used as is)."""
    arrays = {"new_id": np.asarray(new_id)}
    if reduced is not None:
        arrays.update(_graph_arrays(reduced))
    meta = {"same": reduced is None, "info": {} if reduced is None else dict(reduced.info)}
    return save("reduced", key, arrays, meta, where)


def load_reduced(key: str, where: Optional[str] = None):
    """``(reduced graph or None, new ids, meta)``, or None when absent."""
    got = load("reduced", key, where)
    if got is None:
        return None
    z, meta = got
    try:
        g = None if meta["same"] else _graph(z, dict(meta["info"]))
        return g, z["new_id"], meta
    except Exception:
        _remove(os.path.join(where or folder(), file_name("reduced", key)))
        return None

"""OPTIMA core: the science, free of QGIS.

Every module here works on plain Python, numpy, pandas, shapely and scipy objects.
Long-running functions accept ``progress(pct: float, msg: str = "")`` and
``is_canceled() -> bool`` callables (see :mod:`.progress`).
Nothing in this package may import ``qgis``.
"""

"""Small helpers shared by the territories modules."""
from __future__ import annotations


import numpy as np


_EPS = 1e-9


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


def _no_value(v, minus_one=False) -> bool:
    """None or NaN (and -1 when ``minus_one``): a commune without a group / lock / code."""
    return v is None or (isinstance(v, float) and np.isnan(v)) or (minus_one and v == -1)


def _out_of_band(P, lo, hi) -> bool:
    """Is some territory population of ``P`` outside ``[lo, hi]`` (beyond rounding)?"""
    P = np.asarray(P, dtype=float)
    return bool(np.any((P < lo - 1e-9 * hi) | (P > hi * (1 + 1e-9))))


def _clash(lab, v, lb) -> bool:
    """Would unit ``v`` bring a second label into a set labelled ``lb`` (-1 = none yet)?"""
    return lab[v] >= 0 and lb >= 0 and lab[v] != lb


def _flood(start, allowed: set, nb) -> set:
    """Units reached from ``start`` moving only through ``allowed`` units (adjacency lists ``nb``)."""
    got = {start}
    stack = [start]
    while stack:
        x = stack.pop()
        for y in nb[x]:
            if y in allowed and y not in got:
                got.add(y)
                stack.append(y)
    return got

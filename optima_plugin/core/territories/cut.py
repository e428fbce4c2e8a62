"""A cut of one connected sub-problem, as the search returns it (:meth:`_Solver._core`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np


@dataclass
class Cut:
    """The territories of a sub-problem (its units ``S``, local indices 0..|S|-1) and what the
    later steps (balance polish, bounds, report) need to know about it."""
    lab: np.ndarray                 # (|S|,) local territory 0..k_r-1 of each unit
    hubs: np.ndarray                # (k_r,) hub commune of each local territory
    C: np.ndarray                   # (k_r, |S|) cost unit -> hub, stability penalty included
    S: np.ndarray                   # the sub-problem's units (global unit indices)
    labels: List[int]               # global territory label of each local territory
    T: float                        # target population of a territory here
    kind: str                       # "core", "heavy" (one unit alone), "one" (k_r = 1), "each" (a unit each)
    nb: list                        # adjacency lists of the units, local indices
    home: Optional[np.ndarray]      # (k_r,) today's territory code matched to each territory, or None
    cS: np.ndarray                  # the communes of the sub-problem
    seg: np.ndarray                 # (|cS|,) local unit of each of these communes
    fixed: np.ndarray               # (|S|,) local territory a unit is locked to, or -1
    lo: float                       # balance band [lo, hi] of a territory
    hi: float
    limit: float                    # Dijkstra limit used for the times (inf on small graphs)
    Ct: Optional[np.ndarray] = None  # (k_r, |S|) travel cost only (None: ``C`` has no penalty part)
    dev_floor: float = 0.0          # smallest maximum deviation any contiguous cut can have (proof)
    set_labels: Optional[np.ndarray] = None  # (|S|,) territory each unit is bound to (locks, hubs) or -1
    bound_merge: Optional[np.ndarray] = None  # units merged in the bounds (see _BoundMixin._bound_merge)
    bound_merge_done: bool = False

    @property
    def travel(self) -> np.ndarray:
        """(k_r, |S|) travel cost unit -> hub (without the stability penalty)."""
        return self.C if self.Ct is None else self.Ct

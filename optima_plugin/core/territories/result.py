"""The result of a cut (:class:`ClusterResult`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np


# --------------------------------------------------------------------------- result
@dataclass
class ClusterResult:
    labels: np.ndarray              # (n,) territory 0..k-1 per commune
    hubs: np.ndarray                # (k,) commune index (position in `nodes`) of each hub
    time_to_hub: np.ndarray         # (n,) minutes from each commune to its hub (inf: unreachable)
    objective: float                # sum pop * time_to_hub (inhabitant-minutes, finite part)
    pop: np.ndarray                 # (k,) population per territory
    target: float                   # total / k
    targets: np.ndarray             # (k,) target actually used (recomputed after forced territories)
    dev_pct: np.ndarray             # (k,) signed deviation from `target` in %
    max_dev_pct: float              # max |dev| against total / k
    max_dev_pct_adjusted: float     # max |dev| against `targets` (excludes forced deviations)
    max_dev_pct_others: float       # max |dev| against total/k over territories not forced alone
    feasible_balance: bool          # every territory within tol of its target in `targets`
    balance_tol: float
    contiguous: np.ndarray          # (k,) bool, checked on the commune adjacency plus `links`
    forced: np.ndarray              # (k,) bool: territory made of one heavy unit (deviation unavoidable)
    lower_bound: Optional[float]    # LP bound of the balanced p-median (see module doc), or None
    assignment_bound: Optional[float]  # transportation LP with the final hubs (bound given the hubs)
    messages: List[str]
    reason: np.ndarray              # (n,) object array of strings
    mean_time: float = float("nan")  # population-weighted mean time to hub (minutes)
    stability_penalty: float = 0.0  # stability * number of communes that changed territory
    changed: Optional[np.ndarray] = None  # (n,) bool vs `existing` (after matching), or None
    existing_match: Optional[np.ndarray] = None  # (k,) today's code matched to each territory
    info: dict = field(default_factory=dict)
    # (m, 2) communes joined by a link the search added (K smaller than the separate parts of the
    # map: an island, a detached part), both in one territory: those territories are contiguous
    # only through these links ("contiguous with sea links")
    links: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    # (k,) bool: one piece on the adjacency given, without `links` (None: not computed)
    land_contiguous: Optional[np.ndarray] = None

    @property
    def k(self) -> int:
        return len(self.hubs)

    @property
    def gap_pct(self) -> Optional[float]:
        if self.lower_bound is None or self.lower_bound <= 0:
            return None
        return 100.0 * (self.objective - self.lower_bound) / self.lower_bound

    def why(self, i: int) -> str:
        """Plain-words reason of commune ``i``'s assignment."""
        return str(self.reason[int(i)])


# --------------------------------------------------------------------------- helpers

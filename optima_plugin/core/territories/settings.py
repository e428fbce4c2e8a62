"""The search-effort settings of :func:`cluster`, in one place.

Every setting is a count or a switch, never a time box: the same seed gives the same cut on
any machine. ``DEFAULT_EFFORT`` holds the defaults; each run works on its own copy
(``_Solver.effort``), changed by ``cluster(effort={...})`` for the names in ``EFFORT``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SearchEffort:
    #: restarts of the automatic effort for a sub-problem of at most 800 units
    auto_starts: int = 6
    #: ... raised for many territories to ceil(k / 2) + 1 starts, at most ``auto_starts_max``
    #: (more territories, more ways to place their hubs). Haute-Garonne K = 18, seeds 0-5: mean
    #: time to hub 6.255 min (worst 6.425) with 6 starts, 6.126 (worst 6.149) with 10, for 1.4x
    #: the time; K = 14: 6.995 -> 6.974 with 8; K <= 10 unchanged.
    auto_starts_max: int = 10
    #: starts added when neither the usual ones nor the tighter-band retry meet the balance
    #: (automatic effort only, at most 800 units, never when the balance is proven out of
    #: reach), and starts made after the first balanced one. Haute-Garonne K = 18, seed 10:
    #: the retry misses (6.2 %), the 7th start meets the balance (2.8 s). Where balance is out
    #: of reach (K = 24, 30, 40) the proof skips them.
    unbalanced_extra_starts: int = 6
    starts_after_balanced: int = 4
    #: balance missed by the usual starts: tighter bands tried, as fractions of the tolerance
    tight_scales: tuple = (0.8, 0.6)
    #: balance still missed (and not proven out of reach): the units that every balanced
    #: territory holds together (:func:`.balance._forced_groups`) are kept whole and the
    #: search runs once more (:func:`cluster`); the better balance is kept
    forced_retry: bool = True
    #: before any search: the units that every balanced contiguous territory holds together
    #: (the same proof) are kept whole from the start, so that no start falls into the trap of
    #: splitting them (with ``forced_retry``; every balanced cut is still reachable)
    forced_first: bool = True
    #: search budget of the proof that balance is out of reach (:func:`.balance._balance_floor`)
    floor_max_nodes: int = 20000
    #: ejection-chain search (balance repair): beam width, chain length, number of applied
    #: chains, starts, and whether the first improving length is taken
    chain_beam: int = 24
    chain_depth: int = 8
    chain_rounds: int = 60
    chain_starts: int = 3
    chain_first: bool = True
    #: number of perturbed transportation LPs the balance polish may solve
    rebalance_budget: int = 120
    #: exact neighbourhood repair of balance (a small MILP, HiGHS on one thread): largest
    #: number of (unit, territory) variables of one MILP, rings of neighbouring territories
    #: taken around an out-of-balance territory, hops a unit may travel into another
    #: territory, branch-and-bound nodes of one MILP, number of MILPs
    exact_max_pairs: int = 300
    exact_rings: int = 2
    exact_hops: int = 2
    exact_max_nodes: int = 200
    exact_max_solves: int = 4
    #: the assignment as a MILP (benchmarks), with this time limit in seconds per solve
    use_milp: bool = False
    milp_time: float = 0.3
    #: lower bound: "auto" (LP when small enough, else Lagrangian) or "ipm" (exact LP by
    #: interior point, benchmarks)
    bound_method: str = "auto"
    #: (hub candidate x unit) pairs above which not even the Lagrangian bound is computed
    lagrange_max_pairs: int = 4_000_000
    #: subgradient iterations of the Lagrangian bound; 0 = no Lagrangian bound. About 20 ms an
    #: iteration for 600 communes; 1,000 reach the LP value.
    lagrange_iterations: int = 0
    #: iterations without improvement before the step is halved
    lagrange_stall: int = 50
    #: strengthen the bounds with the units that every balanced contiguous territory puts
    #: together (:func:`.balance._forced_groups`; only when the cut found meets the balance,
    #: the bound being then one of the balanced contiguous cuts)
    bound_presolve: bool = True


#: the settings a caller may override for one run (``cluster(effort=...)``)
EFFORT = ("rebalance_budget", "unbalanced_extra_starts", "auto_starts", "auto_starts_max", "tight_scales",
          "starts_after_balanced", "forced_retry", "forced_first")

#: the defaults every run starts from (a copy per run: a run never changes them)
DEFAULT_EFFORT = SearchEffort()

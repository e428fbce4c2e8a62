"""Territories: cut communes into K contiguous, population-balanced territories.

Problem
-------
Given n communes, their contiguity (``adjacency``), their population and the shared
travel-cost graph, build K territories that are

1. **contiguous** (each territory is one connected piece of the adjacency graph),
2. **balanced**: with ``target = total / K``, ``|pop_t - target| / target <= balance_tol``,
3. **compact in travel time**: the objective is ``sum_i pop_i * time(i -> hub(i))``
   (inhabitant-minutes), where the hub of a territory is one of its communes
   (a balanced, contiguous p-median).

Times are measured *from* each commune *to* its hub (reverse Dijkstra on the directed
graph), so a one-way road network is handled the right way round.

Method (see ``cluster``)
------------------------
- **units**: communes of the same ``keep_whole`` group are merged into one unit
  (a unit is never split). Everything below works on units.
- **connected parts** of the unit adjacency graph are treated explicitly: each part
  gets its own territories (largest-quotient allocation of K, at least one each). If
  K is smaller than the number of parts, the smallest parts are *bridged* to their
  nearest part (by travel time, else by straight-line distance) and this is reported.
- **heavy units**: a unit heavier than ``target * (1 + tol)`` (e.g. Toulouse at K = 8)
  becomes a territory on its own; the target of the rest is recomputed over the
  remaining territories (and reported). ``max_dev_pct`` is always measured against the
  global ``total / K`` (honest), ``max_dev_pct_adjusted`` against the recomputed
  targets.
- per connected sub-problem: hub seeding (k-means++ on travel time, weighted by
  population, deterministic for a given ``seed``; fixed hubs, locked communes and
  today's territories are used when given), then repeated
  *capacitated assignment* (transportation LP, HiGHS, each unit restricted to its
  nearest hubs on large instances) -> *contiguity repair* (the piece holding the hub
  keeps it, orphan pieces move to an adjacent territory) -> *local search* (boundary
  moves and swaps, contiguity checked by BFS; balance excess first, then cost) ->
  *hub re-optimisation* (1-median of each territory), until the hubs stop changing.
  A few restarts are made on small instances; the best is kept.
- **balance repair**, when balance is still off after the restarts: ejection chains,
  perturbed transportation LPs, then an exact re-assignment of the worst territory and its
  neighbouring territories: a small MILP (HiGHS, one thread, node-limited) with the balance
  as soft rows and contiguity written as "shortest-path" constraints around the hubs (a unit
  joins a territory only with a neighbour nearer to its hub), which can exchange several
  units at once where every single move would cut a territory.
- **lower bound**: the LP relaxation of the balanced p-median (every commune a
  candidate hub, capacities ``target (1 +/- tol)``, no contiguity), solved with HiGHS
  with lazily added linking constraints ``x_hu <= y_h``. It is computed for the
  sub-problems left after the forced decisions above (parts, heavy units), when small
  enough (``bound_max_pairs``), or its Lagrangian relaxation beyond; otherwise
  ``lower_bound`` is None and ``assignment_bound`` (the transportation LP with the final
  hubs, a bound *given those hubs* only) is reported. When the cut meets the balance, the
  units that every balanced contiguous territory puts together (:func:`_forced_groups`:
  e.g. a heavy commune whose only light-enough neighbours lead through one path) are
  merged first: the bound is then one of the balanced contiguous cuts, and stronger.

Stability
---------
``existing`` gives today's territory code per commune and ``stability`` is a penalty
expressed in **inhabitant-minutes per commune that changes territory** (the unit of
the objective): a value of 1000 means "moving one commune must save at least 1000
inhabitant-minutes of travel (e.g. 100 inhabitants x 10 minutes)". Result territories
are matched with today's codes (maximum population overlap).
"""
# The method, one file per step (see each file's docstring):
#   units.py      units (groups kept whole), locks, fixed hubs; the plan (parts, heavy units)
#   seeding.py    travel costs unit -> hub, 1-medians, hub seeding
#   transport.py  the capacitated assignment LP (transportation problem, HiGHS)
#   moves.py      contiguity repair, boundary moves and swaps (local search)
#   balance.py    balance proofs (floor, forced groups) and balance repair; chains.py: ejection
#                 chains; exact.py: exact neighbourhood re-assignment (MILP)
#   bound.py      lower bounds (LP relaxation, Lagrangian, interior point)
#   solver.py     one run: the search of a sub-problem and the driver over the plan
#   report.py     the result of a run (times, bounds, deviations, reasons)
#   driver.py     cluster(): one run, several runs, the forced-group retry
#   regions.py    cluster_by_region(): one cut per region
#   settings.py   the search-effort settings (SearchEffort), in one place
#   result.py     ClusterResult (territory_contiguity: ..contiguity, the core's one checker)
from ..progress import as_monitor  # noqa: F401  (re-exported: callers build monitors from here)
from .balance import _balance_floor, _forced_groups  # noqa: F401
from .bound import _lagrange_value  # noqa: F401
from .common import _flood, _fmt, _no_value  # noqa: F401
from .driver import _best_of_runs, _run_rank, cluster  # noqa: F401
from .regions import allocate_k, cluster_by_region
from ..contiguity import territory_contiguity
from .result import ClusterResult
from .seeding import _Times  # noqa: F401
from .settings import DEFAULT_EFFORT, EFFORT, SearchEffort
from .solver import _Solver  # noqa: F401
from .transport import _highs, _run_lp, _run_lp_cols, _transport_lp, _TransportModel  # noqa: F401

__all__ = ["ClusterResult", "cluster", "cluster_by_region", "allocate_k", "territory_contiguity",
           "SearchEffort", "DEFAULT_EFFORT", "EFFORT"]

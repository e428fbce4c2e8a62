"""Lower bounds of the balanced p-median: LP relaxation with lazy linking rows, its
Lagrangian relaxation, and the exact LP by interior point."""
from __future__ import annotations


import numpy as np
from scipy import sparse

from .common import _out_of_band
from .. import highs
from .transport import _run_lp
from .balance import _forced_groups


def _lagrange_value(C, p, lo, hi, fixed, k, lam, subgradient=False):
    """Lagrangian relaxation of the assignment rows of the balanced p-median LP. For any
    multipliers ``lam`` (one per unit),

        L(lam) = sum_u lam_u + sum of the k smallest g_h(lam) (fixed hubs always taken),
        g_h(lam) = min { sum_u (C_hu - lam_u) z_u : lo <= sum_u p_u z_u <= hi, 0 <= z <= 1 },

    is a lower bound of that LP (so of the problem); g_h is a continuous knapsack solved
    exactly by sorting on (C_hu - lam_u) / p_u (units without population are taken when
    they lower the value). Returns (L, subgradient 1 - sum_h y_h z_hu or None)."""
    nH, nS = C.shape
    rows = np.arange(nH)
    pos = p > 0
    R = C - lam[None, :]
    free_val = np.where(~pos[None, :] & (R < 0), R, 0.0).sum(axis=1)
    ratio = np.where(pos[None, :], R / np.where(pos, p, 1.0)[None, :], np.inf)
    order = np.argsort(ratio, axis=1, kind="stable")
    r_s = np.take_along_axis(ratio, order, axis=1)
    fin = np.isfinite(r_s)
    w_s = np.where(fin, p[order], 0.0)
    cw = np.cumsum(w_s, axis=1)
    cc = np.cumsum(np.where(fin, np.take_along_axis(R, order, axis=1), 0.0), axis=1)
    W = np.minimum(np.clip(np.where(r_s < 0, w_s, 0.0).sum(axis=1), lo, hi), cw[:, -1])
    kidx = np.minimum((cw < W[:, None] - 1e-12).sum(axis=1), nS - 1)     # item taken partly
    prev_w = np.where(kidx > 0, cw[rows, kidx - 1], 0.0)
    prev_c = np.where(kidx > 0, cc[rows, kidx - 1], 0.0)
    g = prev_c + (W - prev_w) * np.where(fin[rows, kidx], r_s[rows, kidx], 0.0) + free_val
    g = np.where(cw[:, -1] >= lo - 1e-9, g, np.inf)
    choose = fixed.copy()
    cand = np.flatnonzero(~fixed)
    n_free = k - int(fixed.sum())
    if n_free > 0:
        choose[cand[np.argsort(g[cand], kind="stable")[:n_free]]] = True
    val = float(lam.sum() + g[choose].sum())
    if not subgradient:
        return val, None
    ch = np.flatnonzero(choose)
    ts = (np.arange(nS)[None, :] < kidx[ch, None]).astype(float)
    wk = w_s[ch, kidx[ch]]
    ts[np.arange(ch.size), kidx[ch]] = np.where(
        wk > 0, np.clip((W[ch] - prev_w[ch]) / np.where(wk > 0, wk, 1.0), 0.0, 1.0), 0.0)
    ts = np.where(fin[ch], ts, 0.0)
    take = np.zeros((ch.size, nS))
    np.put_along_axis(take, order[ch], ts, axis=1)
    take[:, ~pos] = (R[ch][:, ~pos] < 0).astype(float)
    return val, 1.0 - take.sum(axis=0)


class _BoundMixin:
    """Lower bounds of :class:`_Solver`'s sub-problems."""

    # ------------------------------------------------------------------ lower bound
    def _bound(self, sol):
        """LP relaxation of the balanced p-median on the sub-problem (lazy linking rows)."""
        S, cS, seg = sol.S, sol.cS, sol.seg
        k_r = len(sol.labels)
        nS = S.size
        H = cS
        if H.size * nS > self.bound_max_pairs:
            return None
        C = self._unit_costs(H, S, cS, seg, np.inf)      # (|H|, nS)
        if not np.isfinite(C).all():
            C = np.where(np.isfinite(C), C, 1e12)
        p = self.upop[S]
        M = self._bound_merge(sol)
        if M is not None:
            C, p = C @ M, p @ M
            nS = C.shape[1]
        lo, hi = sol.lo, sol.hi
        nH = H.size
        nx = nH * nS
        scale = max(float(C.max()), 1e-12)
        cost = np.concatenate([C.ravel() / scale, np.zeros(nH)])        # x[h, u] at h*nS+u
        col_lo = np.zeros(nx + nH)
        col_hi = np.concatenate([np.full(nx, 1.0), np.full(nH, 1.0)])
        for t, hcom in enumerate(sol.hubs):
            if sol.labels[t] in self.fixed_hub:
                col_lo[nx + int(np.flatnonzero(H == hcom)[0])] = 1.0
        hh, uu = np.meshgrid(np.arange(nH), np.arange(nS), indexing="ij")
        hh, uu = hh.ravel(), uu.ravel()
        xcol = hh * nS + uu
        # rows: assignment (nS), capacity low/high (2 nH), sum y (1)
        r1 = uu
        r2 = nS + hh
        r3 = nS + nH + hh
        rows = np.concatenate([r1, r2, r3, nS + np.arange(nH), nS + nH + np.arange(nH),
                               np.full(nH, nS + 2 * nH)])
        cols = np.concatenate([xcol, xcol, xcol, nx + np.arange(nH), nx + np.arange(nH), nx + np.arange(nH)])
        vals = np.concatenate([np.ones(nx), p[uu], p[uu], np.full(nH, -lo), np.full(nH, -hi), np.ones(nH)])
        A = sparse.csc_matrix((vals, (rows, cols)), shape=(nS + 2 * nH + 1, nx + nH))
        row_lo = np.concatenate([np.ones(nS), np.zeros(nH), np.full(nH, -np.inf), [k_r]])
        row_hi = np.concatenate([np.ones(nS), np.full(nH, np.inf), np.zeros(nH), [k_r]])
        # initial linking rows: each unit with the hub candidates inside it
        x, obj, h = _run_lp(cost, A, row_lo, row_hi, col_lo, col_hi)
        if x is None:
            return None
        added = np.zeros(nx, dtype=bool)
        for _ in range(60):
            self.mon.check()
            y = x[nx:]
            viol = np.flatnonzero((x[:nx] > y[hh] + 1e-7) & ~added)
            if viol.size == 0:
                break
            if viol.size > 20000:
                viol = viol[np.argsort(-(x[viol] - y[hh[viol]]))[:20000]]
            added[viol] = True
            nr = viol.size
            starts = (2 * np.arange(nr)).astype(np.int32)
            idx = np.empty(2 * nr, dtype=np.int32)
            idx[0::2] = viol
            idx[1::2] = nx + hh[viol]
            val = np.tile([1.0, -1.0], nr)
            h.addRows(nr, np.full(nr, -np.inf), np.zeros(nr), 2 * nr, starts, idx, val)
            got = highs.solve(h)
            if not got.optimal:
                return None             # no bound rather than one HiGHS did not prove
            x = got.x
        return float(h.getInfo().objective_function_value) * scale


    def _bound_data(self, sol):
        """(C (hub candidates x units, finite), p, lo, hi, fixed mask, k) of a sub-problem."""
        S, cS, seg = sol.S, sol.cS, sol.seg
        C = self._unit_costs(cS, S, cS, seg, np.inf)
        big = 1e3 * max(float(C[np.isfinite(C)].max()) if np.isfinite(C).any() else 1.0, 1.0)
        C = np.where(np.isfinite(C), C, big)
        fixed = np.zeros(cS.size, dtype=bool)
        for t, hcom in enumerate(sol.hubs):
            if sol.labels[t] in self.fixed_hub:
                fixed[np.flatnonzero(cS == hcom)[0]] = True
        p = np.asarray(self.upop[S], dtype=float)
        M = self._bound_merge(sol)
        if M is not None:
            C, p = C @ M, p @ M
        return (C, p, float(sol.lo), float(sol.hi), fixed, len(sol.labels))


    def _bound_merge(self, sol):
        """(units x merged units) 0/1 matrix joining the groups that balance and contiguity force
        together in this sub-problem, or None. Cached in ``sol``; the groups are logged once."""
        if sol.bound_merge_done:
            return sol.bound_merge
        M = None
        S, lab = sol.S, sol.lab
        k_r = len(sol.labels)
        p = np.asarray(self.upop[S], dtype=float)
        P = np.bincount(lab, weights=p, minlength=k_r)
        balanced = not _out_of_band(P, sol.lo, sol.hi)
        if self.effort.bound_presolve and balanced and k_r > 1 and sol.T > 0 and sol.set_labels is not None:
            groups = _forced_groups(p, sol.nb, sol.T, sol.lo, sol.hi, sol.set_labels)
            if groups:
                col = np.arange(S.size)
                for g in groups:
                    col[g] = g[0]
                _, col = np.unique(col, return_inverse=True)
                M = sparse.csr_matrix((np.ones(S.size), (np.arange(S.size), col)),
                                      shape=(S.size, int(col.max()) + 1)).toarray()
                self.log("lower bound: balance and contiguity force together "
                         + "; ".join(" + ".join(self.unit_name(int(S[u])) for u in g) for g in groups)
                         + " (every territory within the band that holds one holds the others): "
                           "merged in the bound, which is then a bound of the balanced cuts")
        sol.bound_merge, sol.bound_merge_done = M, True
        return M

    def _lagrangian_bound(self, sol):
        """A valid lower bound of the balanced p-median LP relaxation (so of the problem),
        by Lagrangian relaxation of the assignment rows (see :func:`_lagrange_value`): every
        L(lam) is a lower bound; subgradient steps (a fixed count) raise it. Used where the
        LP itself is too large (hundreds of communes and more)."""
        nS = sol.S.size
        if sol.cS.size * nS > self.effort.lagrange_max_pairs:
            return None
        C, p, lo, hi, fixed, k_r = self._bound_data(sol)
        Ct = sol.travel
        ub = float(np.sum(Ct[sol.lab, np.arange(nS)]))
        M = self._bound_merge(sol)
        if not np.isfinite(ub) or ub <= 0:
            ub = float(np.sum(np.min(C, axis=0))) * 2 + 1.0
        # start: each unit's cost to its own hub in the solution (much closer to the optimal
        # multipliers than the cheapest hub: 1,000 steps then reach 0.2 % of the exact LP on
        # Haute-Garonne K = 18, against 2 % from the cheapest hub)
        own = np.asarray(Ct[sol.lab, np.arange(nS)], dtype=float)
        if M is not None:
            own = own @ M
        lam = np.where(np.isfinite(own), own, np.min(C, axis=0)).astype(float)
        best = -np.inf
        theta, stall = 2.0, 0
        for it in range(self.effort.lagrange_iterations):
            if it % 10 == 0:
                self.mon.check()
            val, sub = _lagrange_value(C, p, lo, hi, fixed, k_r, lam, subgradient=True)
            if not np.isfinite(val):
                return None if not np.isfinite(best) else best
            if val > best + 1e-9 * abs(best if np.isfinite(best) else 1.0):
                best, stall = val, 0
            else:
                stall += 1
                if stall >= self.effort.lagrange_stall:
                    theta, stall = theta / 2.0, 0
            if theta < 1e-4:
                break
            norm = float(sub @ sub)
            if norm < 1e-12:
                break
            lam = lam + theta * max(ub - val, 1e-9 * ub) / norm * sub
        return best

    def _ipm_bound(self, sol):
        """The exact LP relaxation of the balanced p-median (every commune a candidate hub,
        linking rows x_hu <= y_h all present), solved by HiGHS's interior point method without
        crossover; the value reported is the Lagrangian value at the LP's assignment duals,
        a bound that stays valid whatever the solver's accuracy. Slow (about 5 minutes for
        600 communes): meant for benchmarks (``bound_method="ipm"``)."""
        C, p, lo, hi, fixed, k_r = self._bound_data(sol)
        nH, nS = C.shape
        scale = max(float(C.max()), 1e-12)
        hh, uu = np.meshgrid(np.arange(nH), np.arange(nS), indexing="ij")
        hh, uu = hh.ravel(), uu.ravel()
        nx, r0 = hh.size, nS + 2 * nH + 1
        cx = nH + np.arange(nx)
        rows = np.concatenate([uu, nS + hh, nS + nH + hh, r0 + np.arange(nx), nS + np.arange(nH),
                               nS + nH + np.arange(nH), np.full(nH, nS + 2 * nH), r0 + np.arange(nx)])
        cols = np.concatenate([cx, cx, cx, cx, np.arange(nH), np.arange(nH), np.arange(nH), hh])
        vals = np.concatenate([np.ones(nx), p[uu], p[uu], np.ones(nx), np.full(nH, -lo), np.full(nH, -hi),
                               np.ones(nH), -np.ones(nx)])
        A = sparse.csc_matrix((vals, (rows, cols)), shape=(r0 + nx, nH + nx))
        col_lo = np.zeros(nH + nx)
        col_lo[:nH][fixed] = 1.0
        h, hp = highs.new(solver="ipm", run_crossover="off")
        A.sort_indices()
        highs.pass_model(h, hp, np.r_[np.zeros(nH), C[hh, uu] / scale], col_lo, np.ones(nH + nx),
                         np.r_[np.ones(nS), np.zeros(nH), np.full(nH, -np.inf), [k_r], np.full(nx, -np.inf)],
                         np.r_[np.ones(nS), np.full(nH, np.inf), np.zeros(nH), [k_r], np.zeros(nx)],
                         A.indptr, A.indices, A.data)
        highs.solve(h)      # without crossover the status may not be optimal: the duals are
        # used whatever it is, the Lagrangian value at any multipliers being a valid bound
        pi = np.asarray(h.getSolution().row_dual)[:nS]
        if pi.size != nS or not np.isfinite(pi).all():
            return None
        return _lagrange_value(C, p, lo, hi, fixed, k_r, pi * scale)[0]

"""Tests of core.contiguity, the one contiguity checker."""
import numpy as np
from scipy import sparse

from optima.optima_plugin.core import contiguity


def _path(n):
    i = np.arange(n - 1)
    return sparse.csr_matrix((np.ones(2 * (n - 1)), (np.r_[i, i + 1], np.r_[i + 1, i])), shape=(n, n))


def test_pieces_per_territory_counts_pieces_and_empty_territories():
    A = _path(6)                                   # 0-1-2-3-4-5
    lab = np.array([0, 1, 0, 0, 2, 2])             # territory 0 in two pieces
    assert contiguity.pieces_per_territory(lab, A, 4).tolist() == [2, 1, 1, 0]
    assert contiguity.territory_contiguity(lab, A, 4).tolist() == [False, True, True, False]
    # a label outside 0..k-1 belongs to no territory, and does not join the others
    lab2 = np.array([0, 0, -1, 1, 1, 7])
    assert contiguity.pieces_per_territory(lab2, A, 2).tolist() == [1, 1]


def test_adjacency_forms_agree():
    A = _path(5)
    pairs = np.array([[0, 1], [1, 2], [2, 3], [3, 4]])
    tup = (pairs[:, 0], pairs[:, 1])
    lab = np.array([0, 0, 1, 0, 1])
    for adj in (A, pairs, tup):
        assert contiguity.pieces_per_territory(lab, adj, 2).tolist() == [2, 2]
    assert contiguity.is_contiguous([1, 2, 3], 5, pairs)
    assert not contiguity.is_contiguous([0, 2], 5, tup)
    assert contiguity.is_contiguous([4], 5, A) and not contiguity.is_contiguous([], 5, A)


def test_same_answer_as_connected_components_per_territory():
    from scipy.sparse.csgraph import connected_components
    rng = np.random.default_rng(4)
    n, k = 80, 6
    M = sparse.random(n, n, density=0.05, random_state=4, format="csr")
    A = ((M + M.T) > 0).astype(float)
    lab = rng.integers(0, k, n)
    want = []
    for t in range(k):
        idx = np.flatnonzero(lab == t)
        want.append(connected_components(A[idx][:, idx], directed=False)[0] if idx.size else 0)
    assert contiguity.pieces_per_territory(lab, A, k).tolist() == want

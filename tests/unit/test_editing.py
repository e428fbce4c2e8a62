"""The territory editor's core: incremental indicators against hand-computed values on a chain
and a grid, invariants (population conserved, undo returns exactly to before, incremental =
recomputed from scratch), validation, realignment, locks and label matching."""
from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from shapely.geometry import box

from optima.optima_plugin.core import editing as ed
from optima.optima_plugin.core.errors import InputError


def chain(n=6):
    """n communes in a row, 10 minutes between neighbours."""
    idx = np.arange(n)
    T = np.abs(idx[:, None] - idx[None, :]) * 10.0
    adj = ed.adjacency_matrix(idx[:-1], idx[1:], n)
    return ed.MatrixTimes(T), adj


def chain_model(**kw):
    times, adj = chain(6)
    labels = ["A", "A", "A", "B", "B", "B"]
    pop = [100, 300, 100, 100, 100, 200]
    kw.setdefault("tolerance_pct", 10.0)
    kw.setdefault("threshold_min", 10.0)
    return ed.EditModel(labels, pop, times, adj, ids=[f"c{i}" for i in range(6)], **kw)


def test_chain_values_by_hand():
    m = chain_model()
    a, b = m.stats[m.code_of("A")], m.stats[m.code_of("B")]
    assert m.target == 450.0
    # A = {0, 1, 2}: medoid 1 (cost 100*10 + 100*10 = 2000, vs 0: 300*10 + 100*20 = 5000)
    assert a.hub == 1 and a.pop == 500 and a.n == 3
    assert a.dev_pct == pytest.approx(100 * 50 / 450) and a.band == ed.ABOVE
    assert a.time_mean == pytest.approx((100 * 10 + 0 + 100 * 10) / 500) and a.time_max == 10
    # B = {3, 4, 5}: hub 4 (cost 100*10 + 200*10 = 3000) vs 5 (100*20 + 100*10 = 3000): tie -> lowest index
    assert b.hub == 4 and b.pop == 400 and b.band == ed.BELOW
    assert b.dev_pct == pytest.approx(-100 * 50 / 450)
    assert a.contiguous and b.contiguous
    o = m.overall()
    assert o["mean_time"] == pytest.approx((1000 + 1000 + 1000 + 2000) / 900)
    assert o["share_within"] == pytest.approx(1.0)
    # Gini of the times 10,0,10,10,0,10 weighted 100,300,100,100,100,200
    x = np.array([10, 0, 10, 10, 0, 10.0])
    w = np.array([100, 300, 100, 100, 100, 200.0])
    brute = (w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (2 * w.sum() ** 2 * (w @ x / w.sum()))
    assert o["gini"] == pytest.approx(brute)


def test_move_then_undo_returns_exactly():
    m = chain_model()
    before = m.snapshot()
    changed = m.assign([2], "B")
    assert set(changed) == {"A", "B"}
    a, b = m.stats[m.code_of("A")], m.stats[m.code_of("B")]
    assert a.pop == 400 and b.pop == 500 and a.n == 2 and b.n == 4
    # B = {2, 3, 4, 5}: medoid 4 (costs: 2 -> 100*10+100*20+200*10... ) computed by brute force
    T = m.times.T.astype(float)
    mem = np.array([2, 3, 4, 5])
    cost = m.pop[mem] @ T[np.ix_(mem, mem)]
    assert b.hub == mem[np.argmin(cost)]
    assert sum(s.pop for s in m.stats) == pytest.approx(m.pop.sum())
    assert m.moved().tolist() == [2]
    m.set_labels([2], ["A"])   # the undo, as the layer's undo stack sends it
    after = m.snapshot()
    assert after.overall == before.overall
    assert {k: v.as_dict() for k, v in after.territories.items()} == \
        {k: v.as_dict() for k, v in before.territories.items()}
    assert m.moved().size == 0


def test_fixed_hubs_and_known_times():
    times, adj = chain(6)
    labels = ["A", "A", "A", "B", "B", "B"]
    known = [5.0, 7.0, 3.0, 1.0, 2.0, 4.0]
    m = ed.EditModel(labels, [1] * 6, times, adj, hubs={"A": 0, "B": 5}, known_time=known)
    assert m.stats[0].hub == 0 and m.stats[1].hub == 5
    assert m.t.tolist() == known            # unchanged communes keep their known (road) times
    m.assign([3], "A")
    assert m.t[3] == 30.0                   # a moved commune: proxy time to its new hub 0
    assert m.t[2] == 3.0 and m.t[4] == 2.0


def test_contiguity_and_validation():
    m = chain_model()
    m.assign([1], "B")                        # A = {0, 2}: two pieces; B = {1, 3, 4, 5}: two pieces
    a = m.stats[m.code_of("A")]
    assert not a.contiguous and a.pieces == 2
    issues = m.validate()
    kinds = [(i.kind, i.territory) for i in issues]
    assert ("non_contiguous", "A") in kinds and ("non_contiguous", "B") in kinds
    cut_a = next(i for i in issues if i.kind == "non_contiguous" and i.territory == "A")
    assert len(cut_a.communes) == 1 and cut_a.communes[0] in (0, 2)
    m.assign([0, 2], None)                    # A emptied, two communes without territory
    kinds = {(i.kind, i.territory) for i in m.validate()}
    assert ("empty", "A") in kinds
    none = next(i for i in m.validate() if i.kind == "no_territory")
    assert none.communes == [0, 2] and "c0" in none.message
    assert m.overall()["n_unassigned"] == 2 and m.overall()["n_empty"] == 1
    assert m.stats[m.code_of("A")].band == ed.EMPTY


def test_preview_does_not_change_the_model():
    m = chain_model()
    snap = m.snapshot()
    p = m.preview([2], "B")
    assert p["communes"] == [2]
    before_a, after_a = p["territories"]["A"]
    assert before_a.pop == 500 and after_a.pop == 400
    assert p["territories"]["B"][1].pop == 500
    assert m.snapshot().overall == snap.overall and m.code.tolist() == [0, 0, 0, 1, 1, 1]
    assert m.preview([0], "A")["communes"] == []       # already there: nothing would change


def test_new_territory_and_target():
    m = chain_model()
    m.assign([5], "C")
    assert m.k == 3 and m.target == pytest.approx(900 / 3)
    c = m.stats[m.code_of("C")]
    assert c.pop == 200 and c.hub == 5 and c.time_mean == 0
    assert m.stats[m.code_of("A")].dev_pct == pytest.approx(100 * (500 - 300) / 300)


def test_bad_input_is_named():
    times, adj = chain(3)
    with pytest.raises(InputError, match="c1"):
        ed.EditModel(["A", "A", "B"], [1, -2, 3], times, adj, ids=["c0", "c1", "c2"])
    with pytest.raises(InputError, match="3 communes"):
        ed.EditModel(["A", "A"], [1, 2], times, adj)


def grid(nx=6, ny=5):
    geoms = [box(x * 1000, y * 1000, (x + 1) * 1000, (y + 1) * 1000) for y in range(ny) for x in range(nx)]
    return geoms


def test_random_edits_match_a_fresh_model_and_graph_times_match_matrix():
    geoms = grid()
    n = len(geoms)
    times, adj = ed.proxy_times(geoms)
    gtimes, adj2 = ed.proxy_times(geoms, matrix_max=0)
    assert isinstance(times, ed.MatrixTimes) and isinstance(gtimes, ed.GraphTimes)
    assert (adj != adj2).nnz == 0 and adj.nnz == 2 * (5 * 5 + 6 * 4)
    rng = np.random.default_rng(3)
    pop = rng.integers(0, 1000, n).astype(float)
    labels = [str(1 + (i % 6) // 2) for i in range(n)]      # 3 vertical bands
    m = ed.EditModel(labels, pop, times, adj, tolerance_pct=5)
    g = ed.EditModel(labels, pop, gtimes, adj, tolerance_pct=5)
    first = m.snapshot()
    for _ in range(40):
        idx = rng.integers(0, n, rng.integers(1, 4))
        lab = str(rng.integers(1, 4))
        m.assign(idx, lab)
        g.assign(idx, lab)
        assert sum(s.pop for s in m.stats) == pytest.approx(pop.sum())
    fresh = ed.EditModel(m.current_labels(), pop, times, adj, tolerance_pct=5)
    for s, f, q in zip(m.stats, [fresh.stats[fresh.code_of(x)] for x in m.labels], g.stats):
        d, e, h = s.as_dict(), f.as_dict(), q.as_dict()
        for key in d:
            if isinstance(d[key], float):
                assert d[key] == pytest.approx(e[key], nan_ok=True), key
            else:
                assert d[key] == e[key], key
        # on-demand times: same figures but the hub (chosen on paths inside the territory)
        for key in ("label", "pop", "n", "dev_pct", "band", "contiguous", "pieces"):
            assert d[key] == h[key], key
    # ... and each commune's time is the full-graph time to its territory's hub
    has = g.code >= 0
    assert np.allclose(g.t[has], times.T[np.flatnonzero(has), g.hub[g.code[has]]])
    # every move undone in one go: back to the first figures
    m.set_labels(range(n), labels)
    assert m.snapshot().overall == first.overall and m.moved().size == 0


def test_realignment_table_csv_and_html(tmp_path):
    m = chain_model(names=["Un", "Deux", "Trois", "Quatre", "Cinq", "Six"])
    m.assign([2], "B")
    rows = m.realignment()
    assert len(rows) == 1
    r = rows[0]
    assert (r["id"], r["name"], r["from"], r["to"], r["pop"]) == ("c2", "Trois", "A", "B", 100.0)
    assert r["time_before"] == 10.0 and r["time_after"] == m.t[2]
    assert r["time_change"] == pytest.approx(m.t[2] - 10.0)
    assert m.realignment_flows() == [{"from": "A", "to": "B", "n_communes": 1, "pop": 100.0}]
    p = ed.write_realignment_csv(rows, str(tmp_path / "r.csv"))
    with open(p, encoding="utf-8-sig") as f:
        got = list(csv.reader(f, delimiter=";"))
    assert got[0][:4] == ["Commune", "Nom", "De", "Vers"] and got[1][:4] == ["c2", "Trois", "A", "B"]
    html = ed.realignment_html(rows, m.realignment_flows())
    assert html.startswith('<section id="realignment">') and "Trois" in html and "1 commune(s)" in html
    assert "Aucune commune" in ed.realignment_html([])
    x = ed.write_realignment_xlsx(rows, str(tmp_path / "r.xlsx"))
    assert x is None or (tmp_path / "r.xlsx").exists()


def test_lock_values_and_label_matching():
    labels = ["1", "1", "2", "2", None, "3"]
    assert ed.lock_values(labels, locked_communes=[0], locked_territories=["2"]) == ["1", None, "2", "2", None, None]
    # a new cut numbered differently: names follow locks first, then the largest population overlap
    new = [7, 7, 5, 5, 9, 9]
    got = ed.match_labels(labels, new, [10, 10, 10, 10, 10, 10], locks=["1", None, None, None, None, None])
    assert got == ["1", "1", "2", "2", "3", "3"]
    got = ed.match_labels(["1", "1", "2"], [0, 1, 2], [5, 1, 1])
    assert got[0] == "1" and got[2] == "2" and got[1] == "3"      # territory 1 is new: next number
    # an old label left without territory (emptied, or known but unused) is taken before a new number
    got = ed.match_labels(["1", "1", "1"], [0, 1, 2], [5, 1, 1], known=["1", "2", "3"])
    assert got == ["1", "2", "3"]
    got = ed.match_labels(["1", "1", "1"], [0, 1, 2], [5, 1, 1], known=["1", "x"])
    assert got == ["1", "x", "2"]


def test_label_text():
    assert ed.label_text(31.0) == "31" and ed.label_text(" a ") == "a"
    assert ed.label_text(None) is None and ed.label_text(math.nan) is None and ed.label_text("") is None


def test_graph_times_limit_is_lifted_when_a_member_lies_beyond():
    geoms = [box(x * 1000, 0, (x + 1) * 1000, 1000) for x in range(40)]    # a 40 km strip
    full, adj = ed.proxy_times(geoms)
    from optima.optima_plugin.core.network import adjacency_network
    g = ed.GraphTimes(adjacency_network(geoms).graph, limit_min=5.0)
    near = g.to_hub(0, need=[1, 2])
    assert np.isinf(near[39]) and near[2] == pytest.approx(full.T[2, 0])    # stopped at 5 min
    far = g.to_hub(0, need=[39])
    assert np.allclose(far, full.T[:, 0])                                    # searched again, whole strip
    m = ed.EditModel(["A"] * 40, [1] * 40, g, adj)
    assert np.isfinite(m.t).all() and m.stats[0].time_max == pytest.approx(full.T[:, m.hub[0]].max())


def test_a_lone_heavy_commune_is_left_out_of_the_target():
    times, adj = chain(6)
    # territory H is one commune of 1000 inhabitants: the others share 600 among 3 territories
    labels = ["H", "A", "A", "B", "C", "C"]
    pop = [1000, 100, 100, 200, 100, 100]
    m = ed.EditModel(labels, pop, times, adj, tolerance_pct=10)
    assert m.forced == {m.code_of("H"): 0}
    assert m.target == pytest.approx(200)
    h = m.stats[m.code_of("H")]
    assert h.band == ed.FORCED and h.dev_pct == pytest.approx(400)
    assert all(s.band == ed.WITHIN for s in m.stats if s.label != "H")
    assert m.overall()["max_dev_pct"] == pytest.approx(0) and m.overall()["n_out_of_band"] == 0
    assert not [i for i in m.validate() if i.territory == "H"]
    m.assign([1], "H")                      # no longer alone: an ordinary territory, far above
    assert m.stats[m.code_of("H")].band == ed.ABOVE


def test_territory_shapes_patched_equal_dissolved_again():
    import shapely
    geoms = grid(8, 6)
    shapes = ed.TerritoryShapes(geoms, max_delta=3)
    rng = np.random.default_rng(5)
    mem = set(range(0, 20))
    shapes.shape("A", sorted(mem))
    for _ in range(25):
        if rng.random() < 0.5 and len(mem) > 2:
            mem.discard(int(rng.choice(sorted(mem))))
        else:
            mem.add(int(rng.integers(len(geoms))))
        got = shapes.shape("A", sorted(mem))
        want = shapely.union_all(np.asarray(geoms, dtype=object)[sorted(mem)])
        assert shapely.symmetric_difference(got, want).area < 1e-6 * want.area
    assert shapes.shape("B", []) is None

"""One label table and one language rule for the spreadsheets and the report; one scalar
unwrapper for every table written."""
import math

import numpy as np

from optima.optima_plugin.core import report_html as rh
from optima.optima_plugin.core import spreadsheets as ss
from optima.optima_plugin.core.labels import lang_code, pick
from optima.optima_plugin.core.values import plain_scalar


def test_lang_code_and_pick():
    for lang in ("fr", "Français", 0, None, "", "FR"):
        assert lang_code(lang) == "fr"
    for lang in ("en", "English", 1, " en "):
        assert lang_code(lang) == "en"
    assert pick(("Territoire", "Territory"), "en") == "Territory"
    assert pick(("Territoire", "Territory"), 0) == "Territoire"


def test_report_headers_come_from_the_one_column_table():
    # no report entry repeats a column label: the report's own entries are its short forms
    for key, pair in rh.STRINGS.items():
        if key[:2] in ("c_", "e_", "s_"):
            assert ss.COLUMN_LABELS.get(key[2:]) != pair, key
    assert rh.column_header("c", "territory", "fr") == "Territoire"
    assert rh.column_header("c", "pop", "en") == "Population"
    assert rh.column_header("e", "coverage_pct", "fr") == "Population sous le seuil (%)"
    assert rh.column_header("s", "cost_total", "en") == "Total cost (€/year)"
    # a short form of the report wins over the column label
    assert rh.column_header("c", "time_max", "fr") == "Temps max (min)"
    assert ss.column_label("time_max", "fr") == "Temps maximal (min)"
    # an unknown column keeps its name
    assert rh.column_header("s", "my_field", "fr") == "my_field"


def test_plain_scalar():
    assert plain_scalar(np.int64(3)) == 3 and type(plain_scalar(np.int64(3))) is int
    assert type(plain_scalar(np.float32(2.5))) is float
    assert math.isnan(plain_scalar(np.float64("nan")))
    assert plain_scalar(np.bool_(True)) is True
    assert plain_scalar("05023") == "05023" and plain_scalar(b"x") == b"x"
    assert plain_scalar([1, 2]) == [1, 2] and plain_scalar(None) is None
    # the spreadsheets' cells: integers stay integers, NaN is empty
    cols, rows = ss.records((["a"], [[np.int64(3)], [np.float64(2.0)], [np.float64("nan")]]))
    assert cols == ["a"] and rows == [[3], [2], [None]]

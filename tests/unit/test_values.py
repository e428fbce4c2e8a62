"""core.values: one reader for numbers written as text, and one key for identifiers and labels."""
import math

import numpy as np
import pytest

from optima.optima_plugin.core.errors import InputError
from optima.optima_plugin.core.values import (
    label_key,
    parse_number,
    parse_number_column,
    read_numbers,
)


@pytest.mark.parametrize("text,value", [
    ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1\u202f234,5", 1234.5), ("1.234,5", 1234.5),
    ("1,234.5", 1234.5), ("1,234,567", 1234567), ("1.234.567", 1234567), ("1 234 567", 1234567),
    ("2,5", 2.5), ("2.5", 2.5), ("0,279", 0.279), ("1234,567", 1234.567), ("-3,5", -3.5),
    ("\u22123", -3), ("+7", 7), (",5", 0.5), ("1e3", 1000), ("05023", 5023), (" 42 ", 42),
])
def test_unambiguous_values_read_alone(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "12 34", "1,23,4", "1.234,5,6", "1,234 567", "--3", "3-"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_blank_and_null_are_nan():
    for v in (None, "", "  ", "NULL", "nan", float("nan")):
        assert math.isnan(parse_number(v))


def test_single_ambiguous_value_is_refused_alone():
    with pytest.raises(ValueError):
        parse_number("2,279")


@pytest.mark.parametrize("column,expected", [
    (["2,279", "141,284", "523"], [2279, 141284, 523]),          # consistent thousands grouping
    (["2,279", "1,5"], [2.279, 1.5]),                           # the comma is a decimal elsewhere
    (["2,279", "1,234,567"], [2279, 1234567]),                  # the comma groups thousands elsewhere
    (["2,279", "2.5"], [2279, 2.5]),                            # the point is the decimal mark
    (["2.279", "1.234.567"], [2279, 1234567]),
    (["2.279", "3,25"], [2279, 3.25]),                          # the comma is the decimal mark
    (["2.279", "0.5"], [2.279, 0.5]),
])
def test_ambiguous_values_decided_by_their_column(column, expected):
    col = parse_number_column(column, "pop")
    assert not col.ambiguous and not col.not_numbers
    assert col.values.tolist() == pytest.approx(expected)


def test_truly_ambiguous_values_are_refused_naming_the_feature():
    with pytest.raises(InputError) as e:
        read_numbers(["2,279", "100", 12.0], "pop", ["31555", "31001", "31002"])
    msg = str(e.value)
    assert "pop" in msg and "31555" in msg and "2279" in msg and "2.279" in msg
    # a column using the comma both ways
    with pytest.raises(InputError, match="both ways"):
        read_numbers(["2,279", "1,5", "1,234,567"], "pop", ["a", "b", "c"])


def test_summary_says_how_text_was_read():
    logged = []
    vals, null = read_numbers(["2,279", "141,284", 7, None], "pop", list("abcd"), log=logged.append)
    assert vals[:3].tolist() == [2279, 141284, 7] and np.isnan(vals[3]) and null.tolist() == [0, 0, 0, 1]
    assert len(logged) == 1 and "'pop'" in logged[0] and "thousands" in logged[0] and "'2,279' -> 2279" in logged[0]
    logged.clear()
    read_numbers([1.0, 2.0], "pop", ["a", "b"], log=logged.append)
    assert logged == []  # nothing was text


def test_not_a_number_names_the_feature():
    with pytest.raises(InputError) as e:
        read_numbers(["12", "douze"], "pop", ["A", "B"])
    assert "B" in str(e.value) and "douze" in str(e.value)


@pytest.mark.parametrize("value,key", [
    (31, "31"), (31.0, "31"), ("31", "31"), (" 31 ", "31"), ("05023", "05023"), (2.5, "2.5"),
    (True, "1"), (False, "0"), (np.int64(7), "7"), (np.float64(7.0), "7"), (np.bool_(True), "1"),
    (None, None), (float("nan"), None), ("", None), ("   ", None),
])
def test_label_key_one_rule(value, key):
    assert label_key(value) == key


def test_every_label_site_uses_the_same_key():
    from optima.optima_plugin.core import indicators, pipeline, scenarios
    for v in (31, 31.0, "31", True, None, " x "):
        k = label_key(v)
        assert indicators.label_key(v) == k
        assert scenarios.label_keys([v]) == [k]
        assert pipeline.label_text(v) == ("" if k is None else k)

"""Messages show plain values whatever the numpy: numpy 2 writes ``np.int64(4)`` as the repr of a
numpy integer, where a GIS officer expects ``4`` (core/errors.plain, used by every ``!r`` of the
core)."""
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString

from optima.optima_plugin.core import catalogue as cat
from optima.optima_plugin.core import network as nw
from optima.optima_plugin.core.errors import InputError, plain

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, expected", [
    (np.int64(4), 4), (np.int32(-2), -2), (np.float64(0.5), 0.5), (np.bool_(True), True),
    (np.str_("T1"), "T1"), (np.array([1, 2]), [1, 2]), ((np.float64(1.0), np.float64(0.5)), (1.0, 0.5)),
    ([np.int64(3), "a"], [3, "a"]), ({np.str_("k"): np.int64(1)}, {"k": 1}), ("x", "x"), (None, None),
])
def test_plain_turns_numpy_into_python(value, expected):
    out = plain(value)
    assert out == expected and type(out) is type(expected)
    assert "np." not in repr(out) and "array(" not in repr(out)


def test_speed_error_names_the_feature_by_its_plain_id():
    geoms = [LineString([(0, 0), (1000, 0)]), LineString([(1000, 0), (2000, 0)])]
    attrs = pd.DataFrame({"speed": [50.0, -30.0]}, index=np.array([3, 4], dtype=np.int64))
    with pytest.raises(InputError) as e:
        nw.build_road_graph(geoms, attrs, speed_field="speed")
    msg = str(e.value)
    assert "feature 1 (id 4)" in msg and "np." not in msg, msg


def test_number_error_shows_the_plain_value():
    with pytest.raises(InputError) as e:
        cat._merged_numbers({"a": 1.0}, {"a": np.float64(-2.0)}, "weight")
    msg = str(e.value)
    assert "got -2.0." in msg and "np." not in msg, msg


# The ``!r`` formats of these expressions are of parameters that are plain str/int by construction
# (checked where they are parsed); every other ``!r`` of the core goes through plain().
_PLAIN_BY_CONSTRUCTION = {"runs", "bound_method", "key"}


def test_every_repr_in_core_messages_goes_through_plain():
    bad = []
    files = sorted((ROOT / "optima_plugin" / "core").rglob("*.py")) + sorted((ROOT / "processing_algorithms").glob("*.py"))
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            for expr in re.findall(r"\{([^{}!]+)!r\}", line):
                if not expr.startswith("plain(") and expr not in _PLAIN_BY_CONSTRUCTION:
                    bad.append(f"{f.relative_to(ROOT)}:{n}: {{{expr}!r}}")
            for expr in re.findall(r"repr\(([^()]*)\)", line):
                if "%" not in line and not expr.startswith("plain(") and expr not in ("f",):
                    bad.append(f"{f.relative_to(ROOT)}:{n}: repr({expr})")
    assert not bad, "write {plain(x)!r} (core/errors.plain) so numpy 2 prints plain values:\n" + "\n".join(bad)

"""Values written by people: numbers typed as text, identifiers and labels. One reader for the
whole plugin, so that "2,279", "2 279", "2.279" and "1 234,5" mean the same thing everywhere.

Numbers (:func:`read_numbers`, :func:`parse_number_column`)
    Thousands separators: space, no-break space (U+00A0), narrow no-break space (U+202F), thin
    space, comma, point. Decimal marks: comma or point. A value is read alone when it can be:

    - "1 234,5", "1.234,5", "1,234.5", "1,234,567", "2,5", "0,279", "1234,567" are unambiguous
      (a thousands group has exactly three digits, the first group one to three and no leading 0);
    - "2,279" or "2.279" (one to three digits, one separator, three digits) is ambiguous, and is
      decided by its column: the same separator used elsewhere in the column as a decimal mark
      ("1,5") or as a thousands separator ("1,234,567", "1,234.5"), or the other separator used as
      the decimal mark ("2.5" makes "2,279" a thousands comma); failing that, when two or more
      values of the column fit the thousands grouping and none contradicts it, it is a thousands
      separator. A single ambiguous value with no evidence, or a column contradicting itself, is
      refused with the feature named.

    Every reading returns a summary of how text values were read, for the log.

Identifiers and labels (:func:`label_key`)
    31, 31.0 and "31" are one key; True is "1" and False "0" (as QGIS writes a boolean in an
    integer field); blanks and NULL are None. Text is kept as written apart from surrounding
    blanks, so a code "05023" stays "05023".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .errors import InputError

_SPACES = " \u00a0\u202f\u2009"
_MINUS = "\u2212\u2013"
_SCI = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")
_TOKENS = re.compile(r"\d+|[^\d]")
NULL_TEXTS = ("", "nan", "na", "n/a", "null")

PLAIN, DECIMAL, THOUSANDS, AMBIGUOUS, NOT_A_NUMBER, NULL = (
    "plain", "decimal", "thousands", "ambiguous", "not_a_number", "null")


def _few(labels, k=10):
    labels = [str(x) for x in labels]
    return ", ".join(labels[:k]) + (f" … (+{len(labels) - k})" if len(labels) > k else "")


def _is_null(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd
        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _groups_ok(runs: Sequence[str]) -> bool:
    """Digit runs split by thousands separators: first 1-3 digits without a leading 0, then 3."""
    if not runs or not (1 <= len(runs[0]) <= 3) or (len(runs) > 1 and runs[0].startswith("0")):
        return False
    return all(len(r) == 3 for r in runs[1:])


@dataclass
class _Read:
    kind: str                     # PLAIN, DECIMAL, THOUSANDS, AMBIGUOUS, NOT_A_NUMBER, NULL
    value: float = math.nan       # the value (for AMBIGUOUS: read with a decimal mark)
    alt: float = math.nan         # for AMBIGUOUS: read with a thousands separator
    sep: str = ""                 # the punctuation that was read ("," or ".")
    dec_evidence: str = ""        # a separator this value shows to be a decimal mark
    thou_evidence: str = ""       # a separator this value shows to be a thousands separator


def read_text_number(v) -> _Read:
    """How one value reads; see the module docstring."""
    if _is_null(v):
        return _Read(NULL)
    if isinstance(v, (bool, np.bool_)):
        return _Read(PLAIN, float(v))
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        return _Read(PLAIN, x) if math.isfinite(x) else _Read(NOT_A_NUMBER)
    s = str(v).strip()
    if s.lower() in NULL_TEXTS:
        return _Read(NULL)
    for m in _MINUS:
        s = s.replace(m, "-")
    sign = 1.0
    if s[:1] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:].lstrip(_SPACES)
    if not s:
        return _Read(NOT_A_NUMBER)
    if s.isdigit():
        return _Read(PLAIN, sign * float(s))
    if _SCI.match(s):
        return _Read(PLAIN, sign * float(s))
    if s[0] in ".," and s[1:].isdigit():  # ",5"
        return _Read(DECIMAL, sign * float("0." + s[1:]), sep=s[0], dec_evidence=s[0])
    toks = _TOKENS.findall(s)
    runs = toks[0::2]
    seps = [" " if t in _SPACES else t for t in toks[1::2]]
    if (not toks or not all(r.isdigit() for r in runs) or len(runs) != len(seps) + 1
            or any(t not in " ,." for t in seps)):
        return _Read(NOT_A_NUMBER)
    punct = [t for t in seps if t != " "]
    kinds = set(punct)

    def num(int_runs, frac=""):
        return sign * float("".join(int_runs) + ("." + frac if frac else ""))

    if not punct:  # "1 234 567"
        return _Read(THOUSANDS, num(runs), sep=" ") if _groups_ok(runs) else _Read(NOT_A_NUMBER)
    if len(kinds) == 2:  # "1,234.5" / "1.234,5": the last one is the decimal mark, once, at the end
        dec = seps[-1]
        if dec == " " or punct.count(dec) != 1:
            return _Read(NOT_A_NUMBER)
        thou = ({",", "."} - {dec}).pop()
        if not _groups_ok(runs[:-1]):
            return _Read(NOT_A_NUMBER)
        return _Read(DECIMAL, num(runs[:-1], runs[-1]), sep=dec, dec_evidence=dec, thou_evidence=thou)
    p = punct[0]
    if len(punct) >= 2:  # "1,234,567" (a decimal mark appears once)
        if _groups_ok(runs):
            return _Read(THOUSANDS, num(runs), sep=p, thou_evidence=p)
        return _Read(NOT_A_NUMBER)
    # one comma or point
    if seps[-1] != p:  # "1,234 567": a punctuation before spaces
        return _Read(NOT_A_NUMBER)
    head, frac = runs[:-1], runs[-1]
    if len(head) > 1:  # "1 234,5": spaces group the thousands, the comma is the decimal mark
        if not _groups_ok(head):
            return _Read(NOT_A_NUMBER)
        return _Read(DECIMAL, num(head, frac), sep=p, dec_evidence=p)
    if len(frac) != 3 or not _groups_ok(runs):  # "2,5", "0,279", "1234,567"
        return _Read(DECIMAL, num(head, frac), sep=p, dec_evidence=p)
    return _Read(AMBIGUOUS, num(head, frac), alt=num(runs), sep=p)


@dataclass
class NumberColumn:
    values: np.ndarray           # floats, NaN where the value is NULL / blank / refused
    null: np.ndarray             # bool: NULL or blank
    not_numbers: List[int]       # rows whose text is not a number
    ambiguous: List[int]         # rows refused as truly ambiguous
    why_ambiguous: str           # a sentence explaining the refusal (English)
    summary: str                 # how text values were read (English), "" when none was text


def parse_number_column(values, field: str = "") -> NumberColumn:
    """Read a column of numbers, numeric or text; see the module docstring."""
    vals = list(values)
    reads = [read_text_number(v) for v in vals]
    dec_ev = {",": [], ".": []}
    thou_ev = {",": [], ".": []}
    for i, r in enumerate(reads):
        if r.dec_evidence:
            dec_ev[r.dec_evidence].append(i)
        if r.thou_evidence:
            thou_ev[r.thou_evidence].append(i)
    amb = {",": [i for i, r in enumerate(reads) if r.kind == AMBIGUOUS and r.sep == ","],
           ".": [i for i, r in enumerate(reads) if r.kind == AMBIGUOUS and r.sep == "."]}
    decision, refused, why = {}, [], []
    for p in (",", "."):
        if not amb[p]:
            continue
        q = "." if p == "," else ","
        says_dec = dec_ev[p] or thou_ev[q]
        says_thou = thou_ev[p] or dec_ev[q]
        ex = f"'{vals[amb[p][0]]}'"
        if says_dec and says_thou:
            refused += amb[p]
            why.append(f"{ex} could be {_fmt(reads[amb[p][0]].alt)} or {_fmt(reads[amb[p][0]].value)}, and the "
                       f"column uses '{p}' both ways (e.g. '{vals[(says_dec)[0]]}' and '{vals[(says_thou)[0]]}')")
        elif says_dec:
            decision[p] = DECIMAL
        elif says_thou or len(amb[p]) >= 2:
            decision[p] = THOUSANDS
        else:
            refused += amb[p]
            why.append(f"{ex} could be {_fmt(reads[amb[p][0]].alt)} or {_fmt(reads[amb[p][0]].value)} and no other "
                       f"value of the column tells which")
    n = len(vals)
    out = np.full(n, np.nan)
    null = np.zeros(n, dtype=bool)
    bad, counts = [], {}
    refused_set = set(refused)
    for i, r in enumerate(reads):
        if r.kind == NULL:
            null[i] = True
            continue
        if r.kind == NOT_A_NUMBER:
            bad.append(i)
            continue
        if i in refused_set:
            continue
        kind, x = r.kind, r.value
        if kind == AMBIGUOUS:
            kind = decision[r.sep]
            x = r.value if kind == DECIMAL else r.alt
        out[i] = x
        if isinstance(vals[i], str):
            key = (kind, r.sep)
            c = counts.setdefault(key, [0, vals[i], x])
            c[0] += 1
    return NumberColumn(out, null, bad, sorted(refused_set), "; ".join(why), _summary(field, counts))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _summary(field: str, counts) -> str:
    if not counts:
        return ""
    parts = []
    names = {",": "comma", ".": "point", " ": "space"}
    for (kind, sep), (k, example, x) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        if kind == PLAIN:
            how = "as plain numbers"
        elif kind == DECIMAL:
            how = f"with a decimal {names.get(sep, sep)}"
        else:
            how = f"with a {names.get(sep, sep)} as thousands separator"
        parts.append(f"{k} {how} (e.g. '{example}' -> {_fmt(x)})")
    total = sum(c[0] for c in counts.values())
    return f"Field '{field}': {total} value(s) written as text read as numbers: " + ", ".join(parts) + "."


def read_numbers(values, field: str, ids: Sequence, what: str = "value", log=None) -> Tuple[np.ndarray, np.ndarray]:
    """(floats with NaN for NULL, null mask). Raises InputError naming the field and the features
    for text that is not a number or a truly ambiguous value; logs how text values were read."""
    col = parse_number_column(values, field)
    ids = list(ids)
    if col.not_numbers:
        i = col.not_numbers[0]
        raise InputError(f"Field '{field}': {len(col.not_numbers)} {what}(s) are not numbers "
                         f"(feature {_few([ids[k] for k in col.not_numbers])}: '{list(values)[i]}').")
    if col.ambiguous:
        raise InputError(f"Field '{field}': ambiguous number(s) for feature {_few([ids[k] for k in col.ambiguous])}: "
                         f"{col.why_ambiguous}. Write them without a thousands separator (2279) or with an "
                         f"unambiguous decimal (2,2790 or 2.2790).")
    if col.summary and log is not None:
        log(col.summary)
    return col.values, col.null


def parse_number(v) -> float:
    """One value alone (a parameter, a table cell): NaN for NULL/blank; ValueError when it is not a
    number or is ambiguous ("2,279" alone could be 2279 or 2.279)."""
    r = read_text_number(v)
    if r.kind == NULL:
        return math.nan
    if r.kind in (NOT_A_NUMBER, AMBIGUOUS):
        raise ValueError(v)
    return r.value


# ---------------------------------------------------------------------------- identifiers
def label_key(v) -> Optional[str]:
    """An identifier or label as the text key shared by every table: 31, 31.0 and "31" are "31";
    True/False are "1"/"0"; NULL, NaN and blanks are None; text is stripped, never re-read as a
    number ("05023" stays "05023")."""
    if _is_null(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return "1" if bool(v) else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isinf(f):
            return str(f)
        return str(int(f)) if f.is_integer() else repr(f)
    s = str(v).strip()
    return s or None


def blank_identifiers(values) -> List[int]:
    """Rows whose identifier is NULL or blank."""
    return [i for i, v in enumerate(values) if label_key(v) is None]


# ---------------------------------------------------------------------------- scalars
def plain_scalar(v):
    """A numpy / pandas scalar as the plain Python value it holds (``np.int64(3)`` -> 3,
    ``np.float64(nan)`` -> nan); any other value as it is."""
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            return v.item()
        except (ValueError, AttributeError, TypeError):
            pass
    return v

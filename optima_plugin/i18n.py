"""Translation helpers: every user-facing string goes through :func:`tr`, every number shown in
a sentence through :func:`fmt_num` (French: ``47 303 195`` and ``52,0``), and the messages of the
core (pure Python, English) through :func:`tr_core` at the boundary to QGIS."""
import os
import re

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "optima"
_translator = None
_lang = None


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the Qt name the extractor knows
    """Marks a literal for extraction; it is translated later with ``tr(variable)``."""
    return text


def locale_name() -> str:
    """Two-letter UI locale QGIS uses (its override setting first, then the system)."""
    s = QSettings()
    override = s.value("locale/overrideFlag", False, type=bool)
    name = s.value("locale/userLocale", "", type=str) if override else ""
    if not name:
        name = s.value("locale/globalLocale", "", type=str) or QLocale.system().name()
    return (name or "en")[:2]


def language() -> str:
    """The language of the installed translation ("fr"), "en" when none is installed."""
    return _lang if (_translator is not None and _lang) else "en"


# --------------------------------------------------------------------------- numbers
def fmt_num(value, decimals: int = 0, lang: str = None) -> str:
    """A number for a sentence in the interface language: ``fmt_num(47303195)`` is
    ``47 303 195`` in French (narrow no-break space between thousands) and ``47,303,195`` in
    English; ``fmt_num(52, 1)`` is ``52,0`` / ``52.0``. None and NaN give an en dash."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–" if value is None else str(value)
    if v != v:  # NaN
        return "–"
    if v in (float("inf"), float("-inf")):
        return "∞" if v > 0 else "-∞"
    text = f"{v:,.{int(decimals)}f}"
    if (lang or language()) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def fmt_pct(value, decimals: int = 1, lang: str = None) -> str:
    """``fmt_pct(8.66)`` -> ``8,7 %`` (French: a no-break space before %)."""
    s = fmt_num(value, decimals, lang)
    return s + ("\u00a0%" if (lang or language()) == "fr" else "%")


_NUMBER = re.compile(r"(?<![\w.,])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]*\d)|(?<![\w.,])[-+]?\d+\.\d+(?![\w.])")


def french_numbers(text: str) -> str:
    """English-formatted numbers inside ``text`` (``841,524``, ``52.0``) in French format,
    when the interface is French; other text unchanged."""
    if language() != "fr" or not text:
        return text

    def one(m):
        s = m.group(0)
        return s.replace(",", "\u202f").replace(".", ",")
    return _NUMBER.sub(one, text)


# --------------------------------------------------------------------------- core messages
_CORE_PATTERNS = None
#: single words the core puts into its messages as values ("balance {} at ..." -> met / NOT met)
CORE_WORDS = (
    QT_TRANSLATE_NOOP("optima", "met"),
    QT_TRANSLATE_NOOP("optima", "NOT met"),
    QT_TRANSLATE_NOOP("optima", "exact"),
    QT_TRANSLATE_NOOP("optima", "heuristic"),
    QT_TRANSLATE_NOOP("optima", "optimal"),
    QT_TRANSLATE_NOOP("optima", "destination"),
    QT_TRANSLATE_NOOP("optima", "origin"),
    QT_TRANSLATE_NOOP("optima", "LP relaxation"),
    QT_TRANSLATE_NOOP("optima", "LP or Lagrangian relaxation"),
    QT_TRANSLATE_NOOP("optima", "a kept-whole group in several pieces"),
    QT_TRANSLATE_NOOP("optima", "locked communes"),
    QT_TRANSLATE_NOOP("optima", "a kept-whole group in several pieces and locked communes"),
    QT_TRANSLATE_NOOP("optima", "see above"),
    QT_TRANSLATE_NOOP("optima", "nearest point of the nearest road segment (split there)"),
    QT_TRANSLATE_NOOP("optima", "nearest road node"),
)


#: words the core and the algorithms hand to error messages as values ("The {} is empty",
#: "{} feature(s) have no {} (NULL)", "No {} given (empty layer)")
ERROR_WORDS = (
    QT_TRANSLATE_NOOP("optima", "value"),
    QT_TRANSLATE_NOOP("optima", "weight"),
    QT_TRANSLATE_NOOP("optima", "capacity"),
    QT_TRANSLATE_NOOP("optima", "population"),
    QT_TRANSLATE_NOOP("optima", "commune"),
    QT_TRANSLATE_NOOP("optima", "site"),
    QT_TRANSLATE_NOOP("optima", "target"),
    QT_TRANSLATE_NOOP("optima", "ratio"),
    QT_TRANSLATE_NOOP("optima", "criterion weight"),
    QT_TRANSLATE_NOOP("optima", "service catalogue"),
    QT_TRANSLATE_NOOP("optima", "scored catalogue"),
    QT_TRANSLATE_NOOP("optima", "survey"),
    QT_TRANSLATE_NOOP("optima", "site table"),
    QT_TRANSLATE_NOOP("optima", "road layer"),
    QT_TRANSLATE_NOOP("optima", "places layer"),
    QT_TRANSLATE_NOOP("optima", "point layer"),
    QT_TRANSLATE_NOOP("optima", "polygon layer"),
    QT_TRANSLATE_NOOP("optima", "terminal geometry"),
    QT_TRANSLATE_NOOP("optima", "terminal points"),
    QT_TRANSLATE_NOOP("optima", "origin points"),
    QT_TRANSLATE_NOOP("optima", "destination points"),
    QT_TRANSLATE_NOOP("optima", "service"),
)
#: pieces the core builds inside its error messages (a row named in a table, the end of a long
#: list), not found by the extraction (they are not whole messages)
ERROR_PIECES = (
    QT_TRANSLATE_NOOP("optima", "line {}"),
    QT_TRANSLATE_NOOP("optima", "line {} ({} '{}')"),
    QT_TRANSLATE_NOOP("optima", "and {} more"),
    QT_TRANSLATE_NOOP("optima", " (give a score between {} and {})"),
    QT_TRANSLATE_NOOP("optima", " (expected {} to {})"),
)
_ERROR_PATTERNS = None


def _patterns(templates):
    """[(regex, template)] of message templates, the most specific first."""
    pats = []
    for t in templates:
        parts = t.split("{}")
        rx = "(.*?)".join(re.escape(p) for p in parts)
        pats.append((re.compile("^" + rx + "$", re.S), t, len(t) - 2 * t.count("{}")))
    pats.sort(key=lambda p: -p[2])
    return [(rx, t) for rx, t, _n in pats]


def _core_patterns():
    """[(regex, template)] of the core's message templates (optima_plugin/core_messages.py)."""
    global _CORE_PATTERNS
    if _CORE_PATTERNS is None:
        from .core_messages import TEMPLATES
        _CORE_PATTERNS = _patterns(TEMPLATES)
    return _CORE_PATTERNS


def _error_patterns():
    """[(regex, template)] of the exception messages (core_messages.ERRORS, then TEMPLATES)."""
    global _ERROR_PATTERNS
    if _ERROR_PATTERNS is None:
        from .core_messages import ERRORS, TEMPLATES
        _ERROR_PATTERNS = _patterns(ERRORS) + [p for p in _patterns(TEMPLATES) if p[1] not in ERRORS] \
            + _patterns(ERROR_PIECES)
    return _ERROR_PATTERNS


def _quoted(text: str) -> bool:
    """``'Brest'`` (one quoted value, as repr() writes it)."""
    return len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and text[0] not in text[1:-1]


def tr_error(msg, _depth: int = 0) -> str:
    """The message of an exception a user reads (``InputError("Field 'POP': 2 feature(s) have no
    population (NULL): Lyon, Brest. ...")``) in the interface language: its template
    (core_messages.ERRORS) is translated with :func:`tr` and the values put back -- numbers in the
    local format, value words ("population") translated, quoted values (the user's own text)
    untouched. A message matching no template (already translated, or unknown) is returned as is."""
    text = "" if msg is None else str(msg)
    if not text or language() == "en":
        return text
    for rx, tmpl in _error_patterns():
        mm = rx.match(text)
        if not mm:
            continue
        if "{}" not in tmpl:
            return tr(tmpl)
        values = []
        for i, g in enumerate(mm.groups()):
            before, after = mm.string[:mm.start(i + 1)], mm.string[mm.end(i + 1):]
            if g in CORE_WORDS or g in ERROR_WORDS:
                values.append(tr(g))
            elif _quoted(g):
                values.append("« " + g[1:-1] + " »")  # the user's own value, as typed, in French quotes
            elif before[-1:] in "'\"«" and before[-1:] and after[:1] == before[-1:]:
                values.append(g)  # the user's own value, as typed
            elif _depth < 2 and (sum(c.isalpha() for c in g) >= 8 and " " in g or g.startswith(("line ", "and "))):
                # a message inside the message, or its problems joined by "; "
                values.append(_each_part(g, lambda x: tr_error(x, _depth + 1)))
            else:
                values.append(french_numbers(g))
        try:
            return tr(tmpl).format(*values)
        except (IndexError, KeyError, ValueError):
            return text
    return text


def _each_part(text: str, translate) -> str:
    """``text`` translated whole, else part by part when it is sentences joined by "; " (the
    core's lists of problems); numbers localised in the parts no template knows."""
    parts = text.split("; ")
    if len(parts) > 1:
        out, known = [], 0
        for p in parts:
            q = translate(p)
            known += q not in (p, french_numbers(p))
            out.append(q if q != p else french_numbers(p))
        if known:
            return " ; ".join(out)
    whole = translate(text)
    return whole if whole != text else french_numbers(text)


def tr_core(msg: str, _depth: int = 0) -> str:
    """A core message (English, numbers formatted in English) in the interface language: its
    template is looked up (``"auto: {} pairs -> exact"``), translated with :func:`tr` and the
    values put back, numbers in the local format. Unknown messages keep their text (numbers
    localised)."""
    if not msg or language() == "en":
        return msg
    text = str(msg)
    m = re.match(r"^(\w{1,12}: )(?=.)", text)  # "3: auto: ..." (a per-territory prefix)
    for prefix, body in (("", text),) + (((m.group(1), text[m.end():]),) if m else ()):
        for rx, tmpl in _core_patterns():
            mm = rx.match(body)
            if not mm:
                continue
            values = []
            for g in mm.groups():
                if g in CORE_WORDS:
                    values.append(tr(g))
                    continue
                if _depth < 1 and g and sum(c.isalpha() for c in g) >= 4:
                    # a message inside ("kept with its group (..); {}"), or sentences joined by "; "
                    values.append(_each_part(g, lambda x: tr_core(x, _depth + 1)))
                    continue
                values.append(french_numbers(g))
            try:
                return prefix + tr(tmpl).format(*values)
            except (IndexError, KeyError, ValueError):
                return prefix + french_numbers(body)
    return french_numbers(text)


# --------------------------------------------------------------------------- translator
def install_translator() -> str:
    """Load resources/i18n/optima_<lang>.qm once; returns the language used. Also hands
    :func:`tr_core` to the core's progress messages."""
    global _translator, _lang
    lang = locale_name()
    if _translator is not None:
        return lang
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "i18n", f"optima_{lang}.qm")
    if os.path.exists(path):
        t = QTranslator()
        if t.load(path):
            QCoreApplication.installTranslator(t)
            _translator = t
            _lang = lang
    try:
        from .core import progress
        progress.set_translator(tr_core if _translator is not None else None)
    except (ImportError, AttributeError):  # pragma: no cover - an older core
        pass
    return lang


def remove_translator() -> None:
    global _translator, _lang
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
        _lang = None
    try:
        from .core import progress
        progress.set_translator(None)
    except (ImportError, AttributeError):  # pragma: no cover
        pass

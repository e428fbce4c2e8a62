"""The language of a label, and a label from its (French, English) pair: one rule for the
spreadsheets (:data:`.spreadsheets.COLUMN_LABELS`, the one table of column labels) and the
report (:data:`.report_html.STRINGS`)."""
from __future__ import annotations


def lang_code(lang) -> str:
    """'fr' or 'en' from 'fr', 'en', 'English', 'Français', 0 (French) or 1 (English)."""
    if isinstance(lang, int):
        return "en" if lang == 1 else "fr"
    s = str(lang or "fr").strip().lower()
    return "en" if s.startswith("en") else "fr"


def pick(pair, lang="fr") -> str:
    """The label of a ``(French, English)`` pair in ``lang``."""
    return pair[1] if lang_code(lang) == "en" else pair[0]

#!/usr/bin/env python3
"""Extract the user-facing strings of OPTIMA and update the Qt translation file.

Every string passed as a literal to ``tr("...")`` / ``self.tr("...")`` (or to
``QCoreApplication.translate("optima", "...")`` / ``QT_TRANSLATE_NOOP("optima", "...")`` for
labels kept in a table and translated later with ``tr(label)``) in ``optima_plugin/`` and
``processing_algorithms/`` is collected with the ``ast`` module (implicit concatenation and
``"a" "b"`` / ``"a" + "b"`` of literals included), then ``resources/i18n/optima_fr.ts``
(Qt TS XML, context ``optima``) is rewritten:

- existing translations are kept;
- new strings get ``<translation type="unfinished"/>``;
- strings that left the code are marked ``type="vanished"`` (ignored by ``lrelease``;
  ``--drop-obsolete`` deletes them). A new string very close to a vanished one (a fixed typo)
  gets the old translation as an unfinished suggestion.

No Qt tool is needed (``pylupdate5`` does not know ``self.tr`` of Processing algorithms in
context "optima"); ``lrelease`` (qttools5-dev-tools) then builds the ``.qm`` (``make translations``).

Usage (from the repository root)::

    python3 scripts/update_translations.py                   # update optima_fr.ts
    python3 scripts/update_translations.py --check           # exit 1 if out of date / unfinished
    python3 scripts/update_translations.py --export-unfinished todo.json
    python3 scripts/update_translations.py --apply todo.json # {"English": "Français", ...}
    python3 scripts/update_translations.py --drop-obsolete

The translator's loop: ``--export-unfinished todo.json``, fill the values of the JSON object
(or edit the .ts in Qt Linguist), ``--apply todo.json``, ``make translations``.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = "optima"
SCAN_DIRS = ("optima_plugin", "processing_algorithms")
DEFAULT_TS = ROOT / "resources" / "i18n" / "optima_fr.ts"
TR_NAMES = {"tr"}
#: feedback methods whose text the user reads in the Processing log: a literal there must be tr()'d
LOG_METHODS = {"pushInfo", "pushWarning", "reportError", "setProgressText", "pushCommandInfo",
               "pushConsoleInfo", "pushFormattedMessage"}
#: the core (pure Python, no tr) speaks English through Monitor.progress(pct, msg) / .log(msg);
#: its message templates are gathered into CORE_MESSAGES and translated at the QGIS boundary
CORE_DIR = "optima_plugin/core"
CORE_MESSAGES = "optima_plugin/core_messages.py"
CORE_MIN_LETTERS = 4  # "{}: {}" is no sentence: templates with fewer letters are left as they are
#: exceptions whose English text reaches the user (shown by the algorithm boundary, base.py): the
#: templates of ``raise InputError(f"...")`` in the core and of any untranslated one elsewhere
#: lists of the core whose sentences are joined into a log line or an error ("; ".join(problems))
PARTS_LISTS = {"messages", "notes", "problems", "why", "parts", "cause"}
ERROR_CLASSES = {"OptimaError", "InputError", "InfeasibleError", "Canceled", "SolverError"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\d+|[sdif])")


@dataclass
class Problem:
    file: str
    line: int
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Message:
    source: str
    translation: str = ""
    kind: str = ""  # "" (finished), "unfinished", "vanished"
    locations: list = field(default_factory=list)  # relative file paths (from the repo root)
    comment: str = ""  # translatorcomment kept as is


def _literal(node):
    """The string value of a literal, an implicit concatenation or a ``+`` of literals; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _literal(node.left), _literal(node.right)
        if a is not None and b is not None:
            return a + b
    return None


def _is_tr_call(call: ast.Call):
    """'tr' for tr(x) / self.tr(x) / anything.tr(x); 'translate' for QCoreApplication.translate(ctx, x)."""
    f = call.func
    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    if name in TR_NAMES:
        return "tr"
    if name == "translate" and isinstance(f, ast.Attribute):
        return "translate"
    if name == "QT_TRANSLATE_NOOP":  # marks a literal that is translated later through a variable
        return "translate"
    return None


def _relay_calls(tree):
    """ids of the calls inside a function named tr (``def tr(self, text): return tr(text)``)."""
    out = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name in TR_NAMES:
            out.update(id(n) for n in ast.walk(fn) if isinstance(n, ast.Call))
    return out


def _has_words(text: str) -> bool:
    return sum(c.isalpha() for c in re.sub(r"\{[^{}]*\}", "", text)) >= 2


def _untranslated_log(call: ast.Call):
    """The literal text of ``feedback.pushInfo("...")`` (or ``"...".format()``, an f-string) that
    a user would read in English; None when the message goes through tr() or is not a sentence."""
    f = call.func
    if not (isinstance(f, ast.Attribute) and f.attr in LOG_METHODS) or not call.args:
        return None
    arg = call.args[1] if len(call.args) >= 2 else call.args[0]  # messageBar().pushWarning(title, text)
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format":
        arg = arg.func.value
    if isinstance(arg, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
    else:
        text = _literal(arg)
    return text if text is not None and _has_words(text) else None


def _template(node):
    """The message template of a core call argument: literal text with "{}" for each formatted
    value; a list (both branches of ``a if c else b``); None when not a literal message."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = [[""]]
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append([v.value])
            elif isinstance(v, ast.FormattedValue):
                parts.append(["{}"])
        out = [""]
        for alts in parts:
            out = [a + b for a in out for b in alts]
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _template(node.left), _template(node.right)
        if a is not None and b is not None:
            return [x + y for x in a for y in b]
        if a is not None:
            return [x + "{}" for x in a]
        if b is not None:
            return ["{}" + y for y in b]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and _literal(node.func.value) is not None):  # "... {} ...".format(x): its fields become {}
        text = _literal(node.func.value)
        return [re.sub(r"\{[^{}]*\}", "{}", text.replace("{{", "\0").replace("}}", "\1"))
                .replace("\0", "{").replace("\1", "}")]
    if isinstance(node, ast.IfExp):
        a, b = _template(node.body), _template(node.orelse)
        if a is not None or b is not None:
            return (a or []) + (b or [])
    return None


def core_templates(root: Path = ROOT) -> list:
    """Sorted message templates of the core's ``.progress(pct, msg)`` / ``.log(msg)`` calls and the
    texts assigned in its ``_reasons`` functions (the "reason" column of the outputs); f-string
    values become ``{}``. The exception messages are :func:`core_error_templates`."""
    found = set()
    for path in sorted((root / CORE_DIR).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # sentences gathered in a list, then logged or put into a message
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in PARTS_LISTS
                    and len(node.args) == 1):
                for t in _template(node.args[0]) or []:
                    t = re.sub(r"\{\}(\{\})+", "{}", t)
                    if sum(c.isalpha() for c in t.replace("{}", "")) >= CORE_MIN_LETTERS and t[:1] != "<":
                        found.add(t)  # (HTML pieces of a page are no sentences)
        for fn in ast.walk(tree):  # values written into the outputs: the texts of a ``_reasons`` function
            if isinstance(fn, ast.FunctionDef) and "reason" in fn.name:
                for node in ast.walk(fn):
                    if isinstance(node, ast.Assign):
                        for t in _template(node.value) or []:
                            if sum(c.isalpha() for c in t.replace("{}", "")) >= CORE_MIN_LETTERS:
                                found.add(t)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            if name == "progress" and len(node.args) >= 2:
                arg = node.args[1]
            elif name in ("log", "_note", "_log", "note") and len(node.args) == 1:
                arg = node.args[0]
            else:
                continue
            for t in _template(arg) or []:
                t = re.sub(r"\{\}(\{\})+", "{}", t)
                if sum(c.isalpha() for c in t.replace("{}", "")) >= CORE_MIN_LETTERS and "{}" != t.strip():
                    found.add(t)
    return sorted(found)


def core_error_templates(root: Path = ROOT) -> list:
    """Sorted templates of the exceptions a user reads: ``InputError(f"Field '{field}': ...")``
    (and the other :data:`ERROR_CLASSES`) with a literal or f-string message, in the core and
    wherever else the message is not already given through tr() (f-string values become ``{}``)."""
    found = set()
    dirs = [CORE_DIR] + [d for d in SCAN_DIRS if d != CORE_DIR]
    seen = set()
    for d in dirs:
        for path in sorted((root / d).rglob("*.py")):
            if path in seen or "__pycache__" in path.parts:
                continue
            seen.add(path)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if name not in ERROR_CLASSES:
                    continue
                for t in _template(node.args[0]) or []:
                    t = re.sub(r"\{\}(\{\})+", "{}", t)
                    if sum(c.isalpha() for c in t.replace("{}", "")) >= CORE_MIN_LETTERS and "{}" != t.strip():
                        found.add(t)
    return sorted(found)


def render_core_messages(templates, errors=None) -> str:
    """The text of optima_plugin/core_messages.py: TEMPLATES (progress and log lines) and ERRORS
    (exception messages); ``errors`` None: those of the code (:func:`core_error_templates`)."""
    if errors is None:
        errors = core_error_templates()
    lines = ['"""Message templates of the core (English), translated at the QGIS boundary by',
             "``i18n.tr_core`` (progress and log lines, TEMPLATES) and ``i18n.tr_error`` (the messages",
             "of the exceptions a user reads, ERRORS). Generated by ``python3 scripts/update_translations.py``:",
             'do not edit.', '"""',
             "from .i18n import QT_TRANSLATE_NOOP", "", "TEMPLATES = ["]
    for t in templates:
        lines.append(f'    QT_TRANSLATE_NOOP("optima", {json.dumps(t, ensure_ascii=False)}),')
    lines += ["]", "", "ERRORS = ["]
    for t in errors:
        lines.append(f'    QT_TRANSLATE_NOOP("optima", {json.dumps(t, ensure_ascii=False)}),')
    lines += ["]", ""]
    return "\n".join(lines)


def write_core_messages(root: Path = ROOT) -> bool:
    """(Re)write optima_plugin/core_messages.py; True when it changed."""
    path = root / CORE_MESSAGES
    text = render_core_messages(core_templates(root), core_error_templates(root))
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if text != old:
        path.write_text(text, encoding="utf-8")
        return True
    return False


def extract_file(path: Path, rel: str):
    """(strings [(text, line)], problems) of one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    found, problems = [], []
    relays = _relay_calls(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        bare = _untranslated_log(node)
        if bare is not None:
            problems.append(Problem(rel, node.lineno, f"log message not through tr(): {bare[:60]!r}"))
        kind = _is_tr_call(node)
        if kind is None:
            continue
        if kind == "translate":
            if len(node.args) < 2 or _literal(node.args[0]) != CONTEXT:
                continue
            arg = node.args[1]
        else:
            if len(node.args) != 1 or node.keywords:
                continue
            arg = node.args[0]
        text = _literal(arg)
        if text is not None:
            if text.strip():
                found.append((text, node.lineno))
        elif isinstance(arg, ast.JoinedStr):
            problems.append(Problem(rel, node.lineno, "tr() of an f-string cannot be translated: "
                                    "use tr(\"... {} ...\").format(...)"))
        elif isinstance(arg, (ast.BinOp, ast.Call)):
            problems.append(Problem(rel, node.lineno, "tr() of a computed string cannot be translated: "
                                    "pass one literal and format the result"))
        elif id(node) not in relays:
            problems.append(Problem(rel, node.lineno, "tr() of a variable: mark its literals with "
                                    "QT_TRANSLATE_NOOP(\"optima\", \"...\") so that they are extracted"))
    found.sort(key=lambda t: t[1])
    return found, problems


def extract(root: Path = ROOT, dirs=SCAN_DIRS):
    """Ordered {source: [relative paths]} of every translatable literal, and the problems seen."""
    messages: dict[str, list] = {}
    problems = []
    for d in dirs:
        for path in sorted((root / d).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(root).as_posix()
            found, probs = extract_file(path, rel)
            problems.extend(probs)
            for text, _line in found:
                locs = messages.setdefault(text, [])
                if rel not in locs:
                    locs.append(rel)
    return messages, problems


def read_ts(path: Path) -> dict:
    """{source: Message} of the context 'optima' of a TS file (empty if it does not exist)."""
    if not path.exists():
        return {}
    out = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        if (ctx.findtext("name") or "") != CONTEXT:
            continue
        for m in ctx.iter("message"):
            src = m.findtext("source") or ""
            tr_el = m.find("translation")
            text = (tr_el.text or "") if tr_el is not None else ""
            kind = tr_el.get("type", "") if tr_el is not None else "unfinished"
            if kind == "obsolete":
                kind = "vanished"
            locs = [loc.get("filename", "") for loc in m.findall("location")]
            out[src] = Message(src, text, kind, locs, m.findtext("translatorcomment") or "")
    return out


def placeholders(text: str) -> list:
    return sorted(PLACEHOLDER.findall(text))


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def render_ts(messages, language="fr_FR") -> str:
    """Qt TS 2.1 XML, the layout lupdate writes (locations without line numbers: no churn)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en_US">', "<context>",
             f"    <name>{CONTEXT}</name>"]
    for m in messages:
        lines.append("    <message>")
        for loc in m.locations:
            lines.append(f'        <location filename="../../{_esc(loc)}"/>')
        lines.append(f"        <source>{_esc(m.source)}</source>")
        if m.comment:
            lines.append(f"        <translatorcomment>{_esc(m.comment)}</translatorcomment>")
        attr = f' type="{m.kind}"' if m.kind else ""
        if m.translation:
            lines.append(f"        <translation{attr}>{_esc(m.translation)}</translation>")
        else:
            lines.append(f"        <translation{attr}></translation>")
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def merge(extracted: dict, existing: dict, drop_obsolete=False, applied: dict | None = None):
    """The new message list and a stats dict. ``applied``: {source: translation} to set (finished)."""
    applied = applied or {}
    out, stats = [], {"total": 0, "new": 0, "unfinished": 0, "vanished": 0, "applied": 0, "suggested": 0}
    gone = {s: m for s, m in existing.items() if s not in extracted and m.translation}
    for src, locs in extracted.items():
        old = existing.get(src)
        m = Message(src, locations=list(locs))
        if old is not None:
            m.translation, m.comment = old.translation, old.comment
            m.kind = "unfinished" if (old.kind == "unfinished" or not old.translation) else ""
        else:
            stats["new"] += 1
            m.kind = "unfinished"
            close = difflib.get_close_matches(src, list(gone), n=1, cutoff=0.85)
            if close:
                m.translation = gone[close[0]].translation
                stats["suggested"] += 1
        if applied.get(src, "").strip():
            m.translation, m.kind = applied[src], ""
            stats["applied"] += 1
        if m.kind == "unfinished":
            stats["unfinished"] += 1
        out.append(m)
    stats["total"] = len(out)
    if not drop_obsolete:
        for src, old in existing.items():
            if src not in extracted and old.translation:
                out.append(Message(src, old.translation, "vanished", [], old.comment))
                stats["vanished"] += 1
    return out, stats


def check_translations(extracted: dict, existing: dict) -> list:
    """Human-readable problems: missing/unfinished/empty translations, lost placeholders."""
    errors = []
    for src in extracted:
        m = existing.get(src)
        short = src if len(src) < 70 else src[:67] + "..."
        if m is None:
            errors.append(f"not in the .ts: {short!r}")
        elif m.kind == "unfinished" or not m.translation.strip():
            errors.append(f"unfinished: {short!r}")
        elif placeholders(src) != placeholders(m.translation):
            errors.append(f"placeholders {placeholders(src)} != {placeholders(m.translation)} in {short!r}")
    return errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ts", type=Path, default=DEFAULT_TS)
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 if the .ts is out of date or a translation is missing")
    ap.add_argument("--drop-obsolete", action="store_true", help="delete strings no longer in the code")
    ap.add_argument("--apply", type=Path, help="JSON object {English: French} to merge (marked finished)")
    ap.add_argument("--export-unfinished", type=Path, help="write {English: suggestion or ''} of the "
                    "untranslated strings to this JSON file")
    args = ap.parse_args(argv)

    if not args.check and write_core_messages():
        print(f"{CORE_MESSAGES}: core message templates updated")
    extracted, problems = extract()
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    existing = read_ts(args.ts)

    if args.check:
        errors = check_translations(extracted, existing)
        gone = [s for s, m in existing.items() if s not in extracted and m.kind != "vanished"]
        errors += [f"no longer in the code: {s[:60]!r}" for s in gone]
        for e in errors:
            print(e, file=sys.stderr)
        if render_core_messages(core_templates(), core_error_templates()) != (ROOT / CORE_MESSAGES).read_text(encoding="utf-8"):
            errors.append(f"{CORE_MESSAGES} is out of date with the core's messages")
        hard = [p for p in problems if "variable" not in p.message]  # tr(label) may be QT_TRANSLATE_NOOP-marked
        print(f"{len(extracted)} strings, {len(errors)} problem(s), {len(problems)} warning(s)")
        return 1 if errors or hard else 0

    applied = json.loads(args.apply.read_text(encoding="utf-8")) if args.apply else None
    messages, stats = merge(extracted, existing, args.drop_obsolete, applied)
    text = render_ts(messages)
    args.ts.parent.mkdir(parents=True, exist_ok=True)
    old = args.ts.read_text(encoding="utf-8") if args.ts.exists() else None
    if text != old:
        args.ts.write_text(text, encoding="utf-8")
    print(f"{args.ts.relative_to(ROOT) if args.ts.is_relative_to(ROOT) else args.ts}: "
          f"{stats['total']} strings, {stats['new']} new, {stats['unfinished']} unfinished, "
          f"{stats['vanished']} vanished, {stats['applied']} applied"
          + (f", {stats['suggested']} suggested from a vanished string" if stats["suggested"] else "")
          + ("" if text != old else " (unchanged)"))
    if args.export_unfinished:
        todo = {m.source: m.translation for m in messages if m.kind == "unfinished"}
        args.export_unfinished.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
        print(f"{len(todo)} unfinished strings written to {args.export_unfinished}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

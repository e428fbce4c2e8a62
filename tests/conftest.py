"""Shared fixtures: real data paths (skipped cleanly when ../shared/data is absent)."""
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (a test run is reproducible); set
# HYPOTHESIS_PROFILE=explore to draw new random examples on each run.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def shared_file(name: str) -> Path:
    p = SHARED / name
    if not p.exists():
        pytest.skip(f"real data not available: {p} (../shared/data is absent)")
    return p


@pytest.fixture
def communes_31_path():
    return shared_file("communes_31.gpkg")


# The suite runs QGIS in this process (pytest-qgis) next to solver threads (HiGHS) and Qt widgets;
# tearing them down in the interpreter's own exit order can crash (SIGSEGV after "N passed"),
# which would turn a green run into a failure. Once pytest has printed its summary, the process
# leaves at once with pytest's own exit status.
_EXIT_STATUS = {"code": None}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["code"] = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    code = _EXIT_STATUS["code"]
    if code is None or os.environ.get("OPTIMA_PYTEST_NORMAL_EXIT"):
        return
    import sys
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

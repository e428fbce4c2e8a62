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

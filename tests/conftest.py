"""Shared fixtures: real data paths (skipped cleanly when ../shared/data is absent)."""
from pathlib import Path

import pytest

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

"""Reliability tests reuse the QGIS fixtures of tests/qgis/conftest.py (optima, run_alg).

The module is loaded by path under a private name (so it works with --import-mode=importlib
and without tests/ being a package); its fixtures are re-exported here, which is how pytest
finds them. Shared helpers: small memory layers, a cancelling feedback, GeoPackage readers.
"""
import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reliability_helpers
_QGIS_CONFTEST = Path(__file__).resolve().parents[1] / "qgis" / "conftest.py"
_NAME = "_optima_reliability_qgis_conftest"
if _NAME in sys.modules:
    _qc = sys.modules[_NAME]
else:
    _spec = importlib.util.spec_from_file_location(_NAME, _QGIS_CONFTEST)
    _qc = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _qc
    _spec.loader.exec_module(_qc)

optima = _qc.optima
run_alg = _qc.run_alg

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared():
    """shared(name) -> path of a real data file, or a clean skip when it is absent."""
    def _get(name):
        p = SHARED / name
        if not p.exists():
            pytest.skip(f"real data not available: {p} (../shared/data is absent)")
        return p
    return _get

"""QGIS fixtures: the OPTIMA provider registered once per session through the plugin itself."""
import os
import sys

import pytest

sys.path.insert(0, "/usr/share/qgis/python/plugins")  # QGIS's own processing plugin
sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture(scope="session")
def optima(qgis_app, qgis_processing):
    import optima as plugin_pkg
    from qgis.core import QgsApplication

    plugin = plugin_pkg.classFactory(None)
    plugin.initProcessing()
    assert QgsApplication.processingRegistry().providerById("optima") is not None
    yield plugin
    plugin.unload()


@pytest.fixture
def run_alg(optima):
    """processing.run with a fresh context; raises QgsProcessingException on failure."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.log = []

        def pushInfo(self, info):  # noqa: N802
            self.log.append(info)
            super().pushInfo(info)

        def pushWarning(self, warning):  # noqa: N802
            self.log.append(warning)
            super().pushWarning(warning)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803
            self.log.append(error)
            super().reportError(error, fatalError)

    def _run(alg_id, params, feedback=None):
        fb = feedback or Feedback()
        ctx = QgsProcessingContext()
        res = processing.run(alg_id, params, context=ctx, feedback=fb)
        res["_log"] = "\n".join(fb.log) if hasattr(fb, "log") else ""
        return res
    return _run


def layer(path, name=None):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(str(path) if name is None else f"{path}|layername={name}", "l", "ogr")
    assert lyr.isValid(), path
    return lyr


@pytest.fixture
def french(optima, tmp_path):
    """The French translation installed for one test (compiled from the .ts with lrelease)."""
    import shutil
    import subprocess
    from pathlib import Path

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    from optima.optima_plugin import i18n
    from optima.optima_plugin.core import progress

    exe = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    if not Path(exe).exists():
        pytest.skip("lrelease is not installed")
    ts = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "optima_fr.ts"
    qm = tmp_path / "fr.qm"
    subprocess.run([exe, "-silent", str(ts), "-qm", str(qm)], check=True)
    t = QTranslator()
    assert t.load(str(qm))
    old = (i18n._translator, i18n._lang)
    QCoreApplication.installTranslator(t)
    i18n._translator, i18n._lang = t, "fr"
    progress.set_translator(i18n.tr_core)
    yield i18n
    QCoreApplication.removeTranslator(t)
    i18n._translator, i18n._lang = old
    progress.set_translator(None)

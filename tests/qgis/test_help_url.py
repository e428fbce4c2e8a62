"""The Help button of every OPTIMA algorithm dialog opens the offline help shipped in the plugin
(resources/help/index.html) at the algorithm's own row: a file:// URL, no network."""
import re
from pathlib import Path

import pytest
from qgis.core import QgsApplication

HELP = Path(__file__).resolve().parents[2] / "resources" / "help" / "index.html"


def _algorithms():
    return list(QgsApplication.processingRegistry().providerById("optima").algorithms())


def test_every_help_url_is_the_offline_page_at_the_algorithm(optima):
    from qgis.PyQt.QtCore import QUrl
    ids = set(re.findall(r'<tr id="([^"]+)"', HELP.read_text(encoding="utf-8")))
    algs = [a for a in _algorithms() if hasattr(a, "NAME")]
    assert len(algs) >= 15
    for alg in algs:
        url = QUrl(alg.helpUrl())  # what QgsProcessingAlgorithmDialogBase::openHelp does with it
        assert url.isLocalFile() and url.scheme() == "file", alg.helpUrl()
        assert Path(url.toLocalFile()).resolve() == HELP.resolve(), url.toLocalFile()
        assert url.fragment() == alg.name() and alg.name() in ids, alg.name()


def test_help_url_survives_spaces_and_accents(optima, monkeypatch):
    from qgis.PyQt.QtCore import QUrl
    from optima.processing_algorithms import base
    monkeypatch.setattr(base, "HELP_FILE", "/home/agent SIG/extensions/optima é/resources/help/index.html")
    url = QUrl(base.help_url("cluster_territories"))
    assert url.toLocalFile() == "/home/agent SIG/extensions/optima é/resources/help/index.html"
    assert url.fragment() == "cluster_territories"


def test_dialog_help_button_opens_the_local_page(optima, monkeypatch):
    """The real dialog's openHelp slot: the URL it hands to QDesktopServices is our local page."""
    pytest.importorskip("processing.gui.AlgorithmDialog")
    from processing.gui import ParametersPanel
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.PyQt.QtCore import QMetaObject, QObject, QUrl, pyqtSlot
    from qgis.PyQt.QtGui import QDesktopServices

    class Catcher(QObject):
        def __init__(self):
            super().__init__()
            self.urls = []

        @pyqtSlot(QUrl)
        def open(self, url):
            self.urls.append(url)

    monkeypatch.setattr(ParametersPanel, "iface", None)  # the test's iface is a mock: no map canvas
    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        alg = QgsApplication.processingRegistry().createAlgorithmById("optima:cluster_territories")
        dlg = AlgorithmDialog(alg, False, None)
        QMetaObject.invokeMethod(dlg, "openHelp")
        dlg.deleteLater()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert len(catcher.urls) == 1
    url = catcher.urls[0]
    assert url.isLocalFile() and Path(url.toLocalFile()).resolve() == HELP.resolve()
    assert url.fragment() == "cluster_territories"

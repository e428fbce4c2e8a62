"""The Help button of every OPTIMA algorithm dialog opens the offline help shipped in the plugin
at the algorithm's own row: a file:// URL, no network. The page follows the interface language:
resources/help/index.html (French) with QGIS in French, index_en.html (English) otherwise; both
have the same anchors, and each names every algorithm in its language."""
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsApplication

HELP_DIR = Path(__file__).resolve().parents[2] / "resources" / "help"
HELP = HELP_DIR / "index.html"
HELP_EN = HELP_DIR / "index_en.html"
TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "optima_fr.ts"
PAGES = {"fr": HELP, "en": HELP_EN}


def _algorithms():
    return list(QgsApplication.processingRegistry().providerById("optima").algorithms())


def _rows(page: Path) -> dict:
    """{anchor: [cell texts]} of the anchored table rows of a help page."""
    text = page.read_text(encoding="utf-8")
    rows = {}
    for anchor, body in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', text, re.S):
        rows[anchor] = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                        for c in re.findall(r"<td>(.*?)</td>", body, re.S)]
    return rows


def _french() -> dict:
    """{English source: French translation} of the plugin's translation file."""
    out = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is not None and t.text and t.get("type") not in ("obsolete", "vanished"):
                out[m.findtext("source")] = t.text
    return out


@pytest.fixture
def ui_language(optima, monkeypatch):
    """Sets the interface language OPTIMA sees (i18n.language()) for one test."""
    from optima.optima_plugin import i18n

    def _set(lang):
        if lang == "fr":
            monkeypatch.setattr(i18n, "_translator", object())
            monkeypatch.setattr(i18n, "_lang", "fr")
        else:
            monkeypatch.setattr(i18n, "_translator", None)
            monkeypatch.setattr(i18n, "_lang", None)
        assert i18n.language() == lang
    return _set


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_url_is_the_offline_page_at_the_algorithm(optima, ui_language, lang):
    from qgis.PyQt.QtCore import QUrl
    ui_language(lang)
    page = PAGES[lang]
    ids = set(re.findall(r'<tr id="([^"]+)"', page.read_text(encoding="utf-8")))
    algs = _algorithms()  # the algorithms and the model
    assert len(algs) >= 16 and any(a.name() == "territorialisation" for a in algs)
    for alg in algs:
        url = QUrl(alg.helpUrl())  # what QgsProcessingAlgorithmDialogBase::openHelp does with it
        assert url.isLocalFile() and url.scheme() == "file", alg.helpUrl()
        assert Path(url.toLocalFile()).resolve() == page.resolve(), (lang, url.toLocalFile())
        assert url.fragment() == alg.name() and alg.name() in ids, alg.name()


def test_help_url_follows_the_language(optima, ui_language):
    from qgis.PyQt.QtCore import QUrl
    from optima.processing_algorithms import base
    for lang, page in (("fr", HELP), ("en", HELP_EN)):
        ui_language(lang)
        assert Path(QUrl(base.help_url("print_atlas")).toLocalFile()).resolve() == page.resolve(), lang
        assert QUrl(base.help_url("print_atlas")).fragment() == "print_atlas"
        assert Path(QUrl(base.help_url()).toLocalFile()).resolve() == page.resolve(), lang
        assert QUrl(base.help_url()).fragment() == ""
    # an explicit language wins over the interface's; a language without its own page reads English
    assert QUrl(base.help_url("x", lang="fr")).toLocalFile().endswith("/resources/help/index.html")
    assert QUrl(base.help_url("x", lang="de")).toLocalFile().endswith("/resources/help/index_en.html")


def test_documentation_entry_follows_the_language(optima, ui_language, monkeypatch):
    """Vector > OPTIMA > Documentation opens the page of the interface language."""
    from qgis.PyQt.QtGui import QDesktopServices
    from optima.optima_plugin import gui
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    for lang, page in (("fr", HELP), ("en", HELP_EN)):
        ui_language(lang)
        assert Path(gui.documentation_url().toLocalFile()).resolve() == page.resolve(), lang
        assert gui.open_documentation() is True
        assert opened[-1].isLocalFile() and Path(opened[-1].toLocalFile()).resolve() == page.resolve()
        entry = [e for e in gui.menu_entries(None) if e[2] == "optimaDocumentation"][0]
        entry[1]()
        assert Path(opened[-1].toLocalFile()).resolve() == page.resolve(), lang


def test_english_page_missing_falls_back_to_french(optima, ui_language, monkeypatch, tmp_path):
    from qgis.PyQt.QtCore import QUrl
    from optima.processing_algorithms import base
    ui_language("en")
    monkeypatch.setattr(base, "HELP_FILE_EN", str(tmp_path / "index_en.html"))  # not there
    assert Path(QUrl(base.help_url("cluster_territories")).toLocalFile()).resolve() == HELP.resolve()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_help_url_survives_spaces_and_accents(optima, ui_language, monkeypatch, tmp_path, lang):
    from qgis.PyQt.QtCore import QUrl
    from optima.processing_algorithms import base
    ui_language(lang)
    folder = tmp_path / "agent SIG" / "extensions" / "optima é" / "resources" / "help"
    folder.mkdir(parents=True)
    for name in ("index.html", "index_en.html"):
        (folder / name).write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr(base, "HELP_FILE", str(folder / "index.html"))
    monkeypatch.setattr(base, "HELP_FILE_EN", str(folder / "index_en.html"))
    url = QUrl(base.help_url("cluster_territories"))
    assert url.toLocalFile() == str(folder / ("index.html" if lang == "fr" else "index_en.html"))
    assert url.fragment() == "cluster_territories"


def test_english_page_names_every_algorithm_in_its_row(optima, ui_language):
    """index_en.html: one anchored row per algorithm (and the model), its English group and
    display name, as the toolbox shows them in an English QGIS."""
    ui_language("en")
    rows = _rows(HELP_EN)
    algs = _algorithms()
    assert len(algs) >= 16 and any(a.name() == "territorialisation" for a in algs)
    for alg in algs:
        assert alg.name() in rows, alg.name()
        group, name = rows[alg.name()][:2]
        assert group == alg.group(), (alg.name(), group, alg.group())
        assert name == alg.displayName() or name == alg.displayName() + " (model)", (name, alg.displayName())
        assert rows[alg.name()][2], alg.name()  # what it does
    assert set(rows) == {a.name() for a in algs}  # no row for an algorithm that does not exist


def test_french_page_names_every_algorithm_in_its_row(optima, ui_language):
    """index.html: the same rows, with the French group and display name of the translation."""
    ui_language("en")
    french = _french()
    rows = _rows(HELP)
    for alg in _algorithms():
        assert alg.name() in rows, alg.name()
        group, name = rows[alg.name()][:2]
        assert group == french.get(alg.group(), alg.group()), (alg.name(), group)
        fr_name = french.get(alg.displayName(), alg.displayName())
        assert name == fr_name or name.startswith(fr_name.split(" (")[0]), (alg.name(), name, fr_name)


def test_both_pages_have_the_same_anchors_and_styles():
    fr, en = HELP.read_text(encoding="utf-8"), HELP_EN.read_text(encoding="utf-8")
    anchors_fr = re.findall(r'id="([^"]+)"', fr)
    anchors_en = re.findall(r'id="([^"]+)"', en)
    assert anchors_fr and anchors_en == anchors_fr  # every anchor, in the same order
    assert re.findall(r'href="#([^"]+)"', en) == re.findall(r'href="#([^"]+)"', fr)
    assert set(re.findall(r'href="#([^"]+)"', en)) <= set(anchors_en)  # no dead link inside the page
    style = re.compile(r"<style>(.*?)</style>", re.S)
    assert style.search(en).group(1) == style.search(fr).group(1)
    assert '<html lang="en">' in en and '<html lang="fr">' in fr
    assert "http" not in en  # offline: nothing to fetch
    assert "Vector › OPTIMA" in en and "Documentation" in en


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dialog_help_button_opens_the_local_page(optima, ui_language, monkeypatch, lang):
    """The real dialog's openHelp slot: the URL it hands to QDesktopServices is our local page,
    in the interface language."""
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

    ui_language(lang)
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
    assert url.isLocalFile() and Path(url.toLocalFile()).resolve() == PAGES[lang].resolve()
    assert url.fragment() == "cluster_territories"

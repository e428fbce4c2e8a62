"""Translation helpers: every user-facing string goes through :func:`tr`."""
import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "optima"
_translator = None


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def locale_name() -> str:
    """Two-letter UI locale QGIS uses (its override setting first, then the system)."""
    s = QSettings()
    override = s.value("locale/overrideFlag", False, type=bool)
    name = s.value("locale/userLocale", "", type=str) if override else ""
    if not name:
        name = s.value("locale/globalLocale", "", type=str) or QLocale.system().name()
    return (name or "en")[:2]


def install_translator() -> str:
    """Load resources/i18n/optima_<lang>.qm once; returns the language used."""
    global _translator
    lang = locale_name()
    if _translator is not None:
        return lang
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "i18n", f"optima_{lang}.qm")
    if os.path.exists(path):
        t = QTranslator()
        if t.load(path):
            QCoreApplication.installTranslator(t)
            _translator = t
    return lang


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None

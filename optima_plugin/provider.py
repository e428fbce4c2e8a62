"""The OPTIMA Processing provider (id ``optima``)."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..processing_algorithms.base import GROUP_IDS, group_name
from .i18n import tr

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))


LOAD_ERRORS = []


def algorithm_classes():
    """Every algorithm class of ``processing_algorithms`` (modules import only QGIS at load:
    heavy libraries are imported inside the algorithms), sorted by name."""
    import importlib
    import pkgutil

    from .. import processing_algorithms as pkg
    from ..processing_algorithms.base import OptimaAlgorithm

    found = {}
    LOAD_ERRORS.clear()
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name in ("base", "network_params") or info.name.startswith("_"):
            continue
        try:
            mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        except Exception as e:  # one broken module must not hide the others; the error is logged
            LOAD_ERRORS.append(f"{info.name}: {type(e).__name__}: {e}")
            continue
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, OptimaAlgorithm) and obj.NAME and \
                    obj.__module__ == mod.__name__:
                found[obj.NAME] = obj
    return [found[k] for k in sorted(found)]


class OptimaProvider(QgsProcessingProvider):
    def id(self):
        return "optima"

    def name(self):
        return "OPTIMA"

    def longName(self):
        return tr("OPTIMA — territorialisation of local public services")

    def icon(self):
        return QIcon(os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg"))

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        if LOAD_ERRORS:
            from qgis.core import Qgis, QgsMessageLog
            for err in LOAD_ERRORS:
                QgsMessageLog.logMessage(tr("Algorithm module not loaded: {}").format(err), "OPTIMA", Qgis.MessageLevel.Critical)
        self._load_models()

    def _load_models(self):
        folder = os.path.join(PLUGIN_DIR, "resources", "models")
        if not os.path.isdir(folder):
            return
        from qgis.core import QgsApplication
        # A model resolves its children's algorithms (optima:...) through the registry, and this
        # provider is only in it once loaded: loaded earlier, the model would lose its outputs.
        # So the models are added on a second load, right after the provider is registered.
        reg = QgsApplication.processingRegistry()
        if reg.providerById(self.id()) is not self:
            if not getattr(self, "_models_pending", False):
                self._models_pending = True
                reg.providerAdded.connect(self._registered)
            return
        for fn in sorted(os.listdir(folder)):
            if fn.endswith(".model3"):
                m = optima_model_class()()
                if m.fromFile(os.path.join(folder, fn)):
                    # the file holds the group id ("scenarios"); show the translated group name
                    m.setGroup(group_name(m.groupId()) if m.groupId() in GROUP_IDS else m.group())
                    self.addAlgorithm(m)

    def _registered(self, provider_id):
        if provider_id != self.id():
            return
        from qgis.core import QgsApplication
        try:
            QgsApplication.processingRegistry().providerAdded.disconnect(self._registered)
        except (TypeError, RuntimeError):
            pass
        self._models_pending = False
        self.refreshAlgorithms()


_MODEL_CLASS = None


def optima_model_class():
    """QgsProcessingModelAlgorithm with the OPTIMA icon whose id stays the lower-case file name
    (``optima:territorialisation``: an API for scripts) while the toolbox shows the model's own
    title ("Territorialisation")."""
    global _MODEL_CLASS
    if _MODEL_CLASS is not None:
        return _MODEL_CLASS
    from qgis.core import QgsProcessingModelAlgorithm

    class OptimaModel(QgsProcessingModelAlgorithm):
        def name(self):
            return super().name().lower()

        def displayName(self):  # noqa: N802 - QGIS API
            return super().name()

        def icon(self):
            return QIcon(os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg"))

        def svgIconPath(self):  # noqa: N802
            return os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg")

        def helpUrl(self):  # noqa: N802 - the offline help at the model's row (a .model3 holds no local path)
            from ..processing_algorithms.base import help_url
            return help_url(self.name())

        def createInstance(self):  # noqa: N802
            m = OptimaModel()
            m.loadVariant(self.toVariant())
            m.setSourceFilePath(self.sourceFilePath())
            m.setGroup(self.group())
            return m

    _MODEL_CLASS = OptimaModel
    return _MODEL_CLASS

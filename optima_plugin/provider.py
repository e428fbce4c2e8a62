"""The OPTIMA Processing provider (id ``optima``)."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .i18n import tr

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))


def algorithm_classes():
    """Every algorithm class. Modules import only QGIS at load: heavy libraries are lazy."""
    from ..processing_algorithms.check_dependencies import CheckDependencies
    from ..processing_algorithms.load_french_communes import LoadFrenchCommunes
    return [CheckDependencies, LoadFrenchCommunes]


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
        self._load_models()

    def _load_models(self):
        folder = os.path.join(PLUGIN_DIR, "resources", "models")
        if not os.path.isdir(folder):
            return
        from qgis.core import QgsProcessingModelAlgorithm
        for fn in sorted(os.listdir(folder)):
            if fn.endswith(".model3"):
                m = QgsProcessingModelAlgorithm()
                if m.fromFile(os.path.join(folder, fn)):
                    self.addAlgorithm(m)

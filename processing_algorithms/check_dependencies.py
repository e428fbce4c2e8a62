"""optima:check_dependencies — says which libraries are missing and how to install them."""
from qgis.core import QgsProcessingOutputString

from ..optima_plugin import deps
from .base import OptimaAlgorithm


class CheckDependencies(OptimaAlgorithm):
    NAME = "check_dependencies"
    GROUP = "tools"
    NEEDS_DEPENDENCIES = False

    def display_name(self):
        return self.tr("Check dependencies")

    def help(self):
        return self.tr("Lists the Python libraries OPTIMA needs, says which are missing and gives the "
                       "command that installs them into QGIS's Python (Windows OSGeo4W, Debian/Ubuntu, macOS).")

    def initAlgorithm(self, config=None):
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report")))

    def execute_optima(self, parameters, context, feedback):
        miss = deps.missing()
        if miss:
            report = deps.install_instructions(miss)
            feedback.reportError(report)
        else:
            report = self.tr("All dependencies are installed.")
            feedback.pushInfo(report)
        return {"REPORT": report}

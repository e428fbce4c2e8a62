"""optima:check_dependencies — says which libraries are missing and how to install them; installs
them into QGIS's own Python on request (INSTALL)."""
from qgis.core import QgsProcessingOutputBoolean, QgsProcessingOutputString, QgsProcessingParameterBoolean

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
                       "command that installs them into QGIS's Python (Windows OSGeo4W, Debian/Ubuntu, macOS). "
                       "INSTALL: install the missing ones now with pip into QGIS's own Python, in the versions "
                       "OPTIMA is tested with (needs an internet connection; the log shows pip's output). "
                       "numpy and pyproj always come with QGIS.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterBoolean(
            "INSTALL", self.tr("Install the missing libraries now (pip, into QGIS's Python)"), defaultValue=False))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report")))
        self.addOutput(QgsProcessingOutputBoolean("ALL_INSTALLED", self.tr("All dependencies installed")))

    def execute_optima(self, parameters, context, feedback):
        miss = deps.missing()
        if miss and self.parameterAsBoolean(parameters, "INSTALL", context):
            ok, report = deps.install_missing(log=feedback.pushConsoleInfo, progress=feedback.setProgress,
                                              is_canceled=feedback.isCanceled)
            (feedback.pushInfo if ok else feedback.reportError)(report)
            return {"REPORT": report, "ALL_INSTALLED": ok}
        if miss:
            report = deps.install_instructions(miss)
            feedback.reportError(report)
        else:
            report = self.tr("All dependencies are installed.")
            feedback.pushInfo(report)
        return {"REPORT": report, "ALL_INSTALLED": not miss}

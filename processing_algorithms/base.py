"""The base class of every OPTIMA algorithm: naming, help, icon, errors, progress."""
from __future__ import annotations

import os
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..optima_plugin import deps
from ..optima_plugin.i18n import tr

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "optima.svg")

GROUP_IDS = ("data", "network", "territories", "location", "indicators", "scenarios", "organisation", "tools")


def group_name(gid: str) -> str:
    return {
        "data": tr("1 - Data"),
        "network": tr("2 - Network analysis"),
        "territories": tr("3 - Territories"),
        "location": tr("4 - Service sites"),
        "indicators": tr("5 - Indicators"),
        "scenarios": tr("6 - Scenarios and report"),
        "organisation": tr("7 - Organisation"),
        "tools": tr("Tools"),
    }[gid]


class FeedbackMonitor:
    """Adapts QgsProcessingFeedback to the core's progress / is_canceled / log callables."""

    def __init__(self, feedback, lo: float = 5.0, hi: float = 90.0):
        self.feedback = feedback
        self.lo, self.hi = lo, hi

    def progress(self, pct, msg=""):
        if self.feedback is not None:
            self.feedback.setProgress(int(self.lo + (self.hi - self.lo) * float(pct) / 100.0))
            if msg:
                self.feedback.setProgressText(msg)

    def is_canceled(self):
        return self.feedback is not None and self.feedback.isCanceled()

    def log(self, msg):
        if self.feedback is not None:
            self.feedback.pushInfo(msg)

    def kwargs(self):
        return {"progress": self.progress, "is_canceled": self.is_canceled, "log": self.log}

    def core(self):
        """The core's Monitor object over these callbacks."""
        from ..optima_plugin.core.progress import Monitor
        return Monitor(self.progress, self.is_canceled, self.log)


class OptimaAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME, GROUP (a key of GROUPS), and implement display_name(), help(),
    initAlgorithm() and execute_optima(parameters, context, feedback) -> dict."""

    NAME = ""
    GROUP = "tools"
    NEEDS_DEPENDENCIES = True

    def tr(self, text):
        return tr(text)

    def name(self):
        return self.NAME

    def displayName(self):
        return self.display_name()

    def display_name(self):  # pragma: no cover - overridden
        return self.NAME

    def group(self):
        return group_name(self.GROUP)

    def groupId(self):
        return self.GROUP

    def icon(self):
        return QIcon(ICON)

    def shortHelpString(self):
        return self.help()

    def help(self):  # pragma: no cover - overridden
        return ""

    def helpUrl(self):
        return "https://github.com/optima-territoires/optima#readme"

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):
        if self.NEEDS_DEPENDENCIES:
            miss = deps.missing()
            if miss:
                raise QgsProcessingException(deps.install_instructions(miss))
        from ..optima_plugin.core.errors import Canceled, OptimaError
        try:
            return self.execute_optima(parameters, context, feedback)
        except Canceled:
            raise QgsProcessingException(tr("Canceled by the user: no output was written."))
        except OptimaError as e:
            raise QgsProcessingException(str(e))
        except QgsProcessingException:
            raise
        except MemoryError:
            raise QgsProcessingException(tr("Not enough memory for this run: try fewer communes or a cutoff."))
        except Exception as e:  # a bug: keep the trace in the log, give a readable message
            if feedback is not None:
                feedback.pushDebugInfo(traceback.format_exc())
            raise QgsProcessingException(tr("Unexpected error in {}: {}").format(self.NAME, e))

    def execute_optima(self, parameters, context, feedback):  # pragma: no cover - overridden
        raise NotImplementedError

    def monitor(self, feedback, lo=5.0, hi=90.0) -> FeedbackMonitor:
        return FeedbackMonitor(feedback, lo, hi)

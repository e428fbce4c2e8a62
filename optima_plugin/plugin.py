"""OptimaPlugin: registers the Processing provider; in the desktop adds the Vector > OPTIMA menu and
the OPTIMA toolbar button (entries listed once in gui.menu_entries)."""
from qgis.core import QgsApplication

from .i18n import install_translator, remove_translator


class OptimaPlugin:
    def __init__(self, iface=None):
        # nothing touches iface here: qgis_process calls initProcessing() only
        self.iface = iface
        self.provider = None
        self.actions = []

    def initProcessing(self):
        install_translator()
        if self.provider is None:
            from .provider import OptimaProvider
            provider = OptimaProvider()
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self):
        self.initProcessing()
        from qgis.PyQt.QtCore import QTimer

        from .threads import warm_solver
        QTimer.singleShot(0, warm_solver)  # before any algorithm runs in a QGIS task thread
        if self.iface is not None:
            try:
                from .gui import add_menu
                self.actions = add_menu(self.iface, self)
            except ImportError:
                self.actions = []
            from .editor import add_editor_action  # the territory editor: menu entry + toolbar button
            self.actions.append(add_editor_action(self.iface, self))

    def unload(self):
        if self.iface is not None and self.actions:
            from .gui import remove_menu
            remove_menu(self.iface, self.actions)
        dlg = getattr(self, "_guided_dialog", None)
        if dlg is not None:
            try:
                dlg.cancel()
                dlg.close()
            except RuntimeError:  # already deleted with the main window
                pass
            self._guided_dialog = None
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()

"""The territory editor (« Éditeur de territoires »): a dock to move communes between territories
by hand with live indicators. The science is in :mod:`optima_plugin.core.editing`; this package
is the desktop side (dock, map tools, live layers).

:func:`add_editor_action` is the one entry point the plugin calls from ``initGui``: it adds the
menu entry and the toolbar button, and closes the dock when the plugin unloads.
"""
from __future__ import annotations

import os

ACTION_NAME = "optimaTerritoryEditor"
DOCK_NAME = "optimaTerritoryEditorDock"
ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "resources", "icons",
                    "optima.svg")


def add_editor_action(iface, plugin=None):
    """Plugins > Vector > OPTIMA > Territory editor… and a toolbar button; returns the QAction
    (the plugin's ``unload`` removes it with the other actions)."""
    from qgis.PyQt.QtGui import QIcon
    from ..compat import QAction

    from ..i18n import tr

    a = QAction(QIcon(ICON), tr("Territory editor…"), iface.mainWindow())
    a.setObjectName(ACTION_NAME)
    a.setToolTip(tr("Edit a cut by hand with live indicators"))
    a.triggered.connect(lambda _checked=False: open_editor(iface, plugin))
    iface.addPluginToVectorMenu("OPTIMA", a)
    iface.addToolBarIcon(a)
    if plugin is not None and not getattr(plugin, "_editor_unload_hooked", False):
        unload = plugin.unload

        def unload_with_editor():
            close_editor(plugin)
            unload()
        plugin.unload = unload_with_editor
        plugin._editor_unload_hooked = True
    return a


def open_editor(iface, plugin=None, layer=None):
    """Shows the dock (created once), on ``layer`` or the active layer."""
    from qgis.PyQt.QtCore import Qt

    from .dock import EditorDock

    dock = getattr(plugin, "_editor_dock", None) if plugin is not None else None
    if dock is None:
        dock = iface.mainWindow().findChild(EditorDock, DOCK_NAME)
    if dock is None:
        dock = EditorDock(iface, iface.mainWindow())
        iface.addDockWidget(Qt.RightDockWidgetArea, dock)
        if plugin is not None:
            plugin._editor_dock = dock
    dock.set_layer(layer or iface.activeLayer())
    dock.show()
    dock.raise_()
    return dock


def close_editor(plugin):
    dock = getattr(plugin, "_editor_dock", None)
    if dock is not None:
        try:
            dock.stop()
            dock.iface.removeDockWidget(dock)
            dock.setObjectName("")          # not found again by open_editor before it is deleted
            dock.setParent(None)
            dock.deleteLater()
        except RuntimeError:  # already deleted with the main window
            pass
        plugin._editor_dock = None

"""OPTIMA QGIS plugin entry point."""


def classFactory(iface):  # noqa: N802 - QGIS API
    from .optima_plugin.plugin import OptimaPlugin
    return OptimaPlugin(iface)

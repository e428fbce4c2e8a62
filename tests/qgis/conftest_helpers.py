"""Small readers used by QGIS tests."""
from qgis.core import QgsVectorLayer


def read_gpkg_ids(path, field):
    lyr = QgsVectorLayer(str(path), "l", "ogr")
    assert lyr.isValid(), path
    return sorted(f[field] for f in lyr.getFeatures())

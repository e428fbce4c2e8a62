"""One code base for QGIS 3.22 .. 4.x (Qt5 and Qt6): the QGIS enums and constructors that changed
after 3.22, under one name each.

- ``SourceType``, ``NumberType``, ``FieldParamType``, ``ParamFlag``: processing source types,
  number parameter types, field parameter data types and parameter flags (``Qgis.Processing*``
  since 3.36; the ``QgsProcessing*`` class enums before), with the 3.36 member names:
  ``SourceType.VectorPolygon``, ``NumberType.Double``, ``FieldParamType.Numeric``, ``ParamFlag.Optional``.
- ``WkbType`` and ``GeometryType`` (``Qgis.WkbType`` / ``Qgis.GeometryType`` since 3.30):
  ``WkbType.MultiPolygon``, ``GeometryType.Polygon``.
- ``FieldType``: attribute types (``QMetaType.Type`` since 3.38, whose ``QgsField`` constructor
  deprecates ``QVariant.Type``; PyQt6 has no ``QVariant.Type`` at all): ``FieldType.Int``,
  ``LongLong``, ``Double``, ``String``, ``Bool``, ``Date``, ``DateTime``; ``make_field(name, type)``.
- ``QAction``: in QtWidgets with Qt5, in QtGui with Qt6.
- ``set_null(rect)``: an empty QgsRectangle to grow (``setNull`` since 3.34, ``setMinimal`` before).

The plugin's code never names the old forms (tests/unit/test_qt6_ready.py scans for them).
"""
from qgis.core import (
    Qgis,
    QgsField,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

try:  # Qt6
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

__all__ = ["QAction", "SourceType", "NumberType", "FieldParamType", "ParamFlag", "WkbType", "GeometryType",
           "FieldType", "make_field", "set_null", "QGIS_VERSION_INT"]

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT

if hasattr(Qgis, "ProcessingSourceType"):  # QGIS >= 3.36
    SourceType = Qgis.ProcessingSourceType
    NumberType = Qgis.ProcessingNumberParameterType
    FieldParamType = Qgis.ProcessingFieldParameterDataType
    ParamFlag = Qgis.ProcessingParameterFlag
else:
    class SourceType:
        MapLayer = QgsProcessing.SourceType.TypeMapLayer
        VectorAnyGeometry = QgsProcessing.SourceType.TypeVectorAnyGeometry
        VectorPoint = QgsProcessing.SourceType.TypeVectorPoint
        VectorLine = QgsProcessing.SourceType.TypeVectorLine
        VectorPolygon = QgsProcessing.SourceType.TypeVectorPolygon
        Raster = QgsProcessing.SourceType.TypeRaster
        File = QgsProcessing.SourceType.TypeFile
        Vector = QgsProcessing.SourceType.TypeVector

    class NumberType:
        Integer = QgsProcessingParameterNumber.Type.Integer
        Double = QgsProcessingParameterNumber.Type.Double

    class FieldParamType:
        Any = QgsProcessingParameterField.DataType.Any
        Numeric = QgsProcessingParameterField.DataType.Numeric
        String = QgsProcessingParameterField.DataType.String
        DateTime = QgsProcessingParameterField.DataType.DateTime

    class ParamFlag:
        Advanced = QgsProcessingParameterDefinition.Flag.FlagAdvanced
        Hidden = QgsProcessingParameterDefinition.Flag.FlagHidden
        Optional = QgsProcessingParameterDefinition.Flag.FlagOptional

if hasattr(Qgis, "WkbType"):  # QGIS >= 3.30
    WkbType = Qgis.WkbType
    GeometryType = Qgis.GeometryType
else:
    WkbType = QgsWkbTypes.Type

    class GeometryType:
        Point = QgsWkbTypes.GeometryType.PointGeometry
        Line = QgsWkbTypes.GeometryType.LineGeometry
        Polygon = QgsWkbTypes.GeometryType.PolygonGeometry
        Unknown = QgsWkbTypes.GeometryType.UnknownGeometry
        Null = QgsWkbTypes.GeometryType.NullGeometry

# QgsField takes a QMetaType.Type since 3.38 (the QVariant.Type form is deprecated there)
_FIELD_TYPES = QMetaType.Type if QGIS_VERSION_INT >= 33800 else QVariant.Type


class FieldType:
    Int = _FIELD_TYPES.Int
    LongLong = _FIELD_TYPES.LongLong
    Double = _FIELD_TYPES.Double
    String = _FIELD_TYPES.QString if _FIELD_TYPES is QMetaType.Type else _FIELD_TYPES.String
    Bool = _FIELD_TYPES.Bool
    Date = _FIELD_TYPES.QDate if _FIELD_TYPES is QMetaType.Type else _FIELD_TYPES.Date
    DateTime = _FIELD_TYPES.QDateTime if _FIELD_TYPES is QMetaType.Type else _FIELD_TYPES.DateTime


def make_field(name, field_type, type_name="", length=0, precision=0):
    """A QgsField of ``field_type`` (a :class:`FieldType` member) on every QGIS."""
    return QgsField(name, field_type, type_name, length, precision)


def set_null(rect):
    """Make ``rect`` the empty rectangle that ``combineExtentWith`` grows; returns it."""
    (rect.setNull if hasattr(rect, "setNull") else rect.setMinimal)()
    return rect


def save_style_to_database(layer, name, description, use_as_default=True) -> str:
    """Save ``layer``'s style in its data source (a GeoPackage's ``layer_styles``); returns the
    error message, "" on success. QGIS 3.44 deprecates ``saveStyleToDatabase`` for
    ``saveStyleToDatabaseV2`` (a result flag and a message)."""
    v2 = getattr(layer, "saveStyleToDatabaseV2", None)
    if v2 is None:
        return layer.saveStyleToDatabase(name, description, use_as_default, "") or ""
    results, message = v2(name, description, use_as_default, "")
    # the QML style is what QGIS loads: an SLD it could not also write (SldGenerationFailed, e.g.
    # a categorized renderer on an expression) does not make the style unsaved
    fatal = 1 | 4  # QgsMapLayer.SaveStyleResult QmlGenerationFailed | DatabaseWriteFailed
    failed = bool(_as_int(results) & fatal)
    return (message or "style not written") if failed else ""


def _as_int(flag) -> int:
    """A Qt flag or enum member as an int (sip wrappers, Python enum.Flag on Qt6)."""
    try:
        return int(flag)
    except TypeError:
        return int(flag.value)

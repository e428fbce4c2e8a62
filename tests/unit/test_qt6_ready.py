"""QGIS 4 (Qt6) readiness, checked on the sources (no QGIS needed): the plugin never names a form
that only Qt5 / QGIS 3.22 have. The replacements live in optima_plugin/compat.py;
`python3 scripts/qt6_port.py` rewrites the old forms into them."""
import configparser
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (what, pattern): each one fails under Qt6 / QGIS 4, or is deprecated since QGIS 3.30-3.40
QT5_ONLY = [
    ("processing source type (SourceType.*)", r"\bQgsProcessing\.Type[A-Z]\w*"),
    ("number parameter type (NumberType.*)", r"\bQgsProcessingParameterNumber\.(Integer|Double)\b"),
    ("field parameter type (FieldParamType.*)", r"\bQgsProcessingParameterField\.(Any|Numeric|String|DateTime)\b"),
    ("parameter flag (ParamFlag.*)", r"\bQgsProcessingParameterDefinition\.Flag\w+"),
    ("QVariant field type (FieldType.*)", r"\bQVariant\.(Int|UInt|LongLong|ULongLong|Double|String|Bool|Date|DateTime|Time)\b"),
    ("geometry type (GeometryType.*)", r"\bQgsWkbTypes\.\w+Geometry\b"),
    ("WKB type (WkbType.*)", r"\bQgsWkbTypes\.(NoGeometry|Unknown|Point|LineString|Polygon|Multi\w+)\b"),
    ("setMinimal (compat.set_null)", r"\.setMinimal\(\)"),
    ("unscoped Qt enum", r"(?<![\w.])Qt\.[a-z]\w*\b(?!\()|(?<![\w.])Qt\.(Align|Keep|Ignore|Smooth|Fast|Checked|Unchecked|User|Display|Edit|Wait|Arrow|Horizontal|Vertical)\w*\b(?!\.)"),
    ("unscoped enum of a Qt class", r"(?<![\w.])Q(?!gs)[A-Z][A-Za-z]+\.(Format_\w+|[A-Z][a-z]+Role|ReadOnly|WriteOnly|ReadWrite|Yes|No|Ok|Cancel|Expanding|Preferred|Fixed|Minimum|Maximum|HLine|VLine)\b(?!\.)"),
    ("unscoped Qgis message level (Qgis.MessageLevel.*)", r"\bQgis\.(Info|Warning|Critical|Success|NoLevel)\b"),
    ("unscoped QgsFeatureSink flag (QgsFeatureSink.Flag.*)", r"\bQgsFeatureSink\.FastInsert\b"),
    ("QAction from QtWidgets or QtGui (compat.QAction)", r"^\s*from qgis\.PyQt\.Qt(Widgets|Gui) import .*\bQAction\b"),
    ("PyQt5 imported directly (qgis.PyQt)", r"^\s*(from|import) PyQt5\b"),
]


def plugin_sources():
    yield ROOT / "__init__.py"
    for sub in ("optima_plugin", "processing_algorithms"):
        for f in sorted((ROOT / sub).rglob("*.py")):
            if f.name != "compat.py":
                yield f


def test_no_qt5_only_forms_in_the_plugin():
    bad = []
    for f in plugin_sources():
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for what, pat in QT5_ONLY:
                if re.search(pat, code):
                    bad.append(f"{f.relative_to(ROOT)}:{n}: {what}: {line.strip()}")
    assert not bad, "Qt5 / QGIS 3.22-only forms (fix with python3 scripts/qt6_port.py):\n" + "\n".join(bad)


def test_the_scan_finds_the_old_forms():
    """The patterns catch what they are meant to catch (and leave the new forms alone)."""
    old = ["QgsProcessing.TypeVectorPolygon", "QgsProcessingParameterNumber.Double", "QVariant.Int",
           "QgsProcessingParameterField.Numeric", "QgsProcessingParameterDefinition.FlagOptional",
           "QgsWkbTypes.PolygonGeometry", "QgsWkbTypes.MultiPolygon", "ext.setMinimal()", "Qt.white",
           "Qt.AlignLeft", "QDialogButtonBox.AcceptRole", "QImage.Format_ARGB32", "QIODevice.WriteOnly",
           "Qgis.Critical", "QgsFeatureSink.FastInsert", "from qgis.PyQt.QtWidgets import QAction, QDialog"]
    new = ["SourceType.VectorPolygon", "NumberType.Double", "FieldType.Int", "Qt.GlobalColor.white",
           "Qt.AlignmentFlag.AlignLeft", "QDialogButtonBox.ButtonRole.AcceptRole", "QIODevice.OpenModeFlag.WriteOnly",
           "Qgis.MessageLevel.Critical", "QgsFeatureSink.Flag.FastInsert", "QgsWkbTypes.geometryType(w)",
           "from qgis.PyQt.QtCore import Qt", "QCoreApplication.translate(", "from .compat import QAction"]
    for s in old:
        assert any(re.search(p, s) for _, p in QT5_ONLY), s
    for s in new:
        assert not any(re.search(p, s) for _, p in QT5_ONLY), s


def test_the_port_script_leaves_nothing_to_do():
    spec = importlib.util.spec_from_file_location("qt6_port", ROOT / "scripts" / "qt6_port.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0


def test_metadata_accepts_qgis_4():
    cp = configparser.ConfigParser()
    cp.read(ROOT / "metadata.txt", encoding="utf-8")
    g = cp["general"]
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["qgisMaximumVersion"] == "4.99"
    assert g.get("supportsQt6", "").lower() in ("true", "yes")

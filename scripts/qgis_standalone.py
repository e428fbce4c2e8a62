"""A standalone offscreen QGIS for the scripts and benchmarks (not used by the plugin).

    import qgis_standalone as qs
    qs.start()              # QgsApplication + Processing + the OPTIMA provider
    ...                     # processing.run(...)
    qs.run(main)            # in ``if __name__ == "__main__"``: main's exit code, a clean exit

Why: a QgsApplication held by a local variable is collected when its function returns, while
layers, projects and the processing registry still refer to it; QGIS 3.40+ then dies with a
segmentation fault after all the work is done (exit 139 from a good run). Here the application
lives in this module until the process ends; ``finish`` collects the script's objects while QGIS
is still up, unloads the plugin, calls ``exitQgis()`` and ends the process with ``os._exit`` so the
interpreter's own teardown never deletes Qt objects in the wrong order.
"""
import gc
import os
import sys
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_STATE = {}


def start(processing=True, optima=True):
    """Start QGIS once (later calls return the same application); ``processing``: initialise
    QGIS's Processing framework; ``optima``: also register the OPTIMA provider (implies processing)."""
    if "app" in _STATE:
        return _STATE["app"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
    for extra in ("/usr/share/qgis/python/plugins", os.path.join(ROOT, "build", "qgis-plugins")):
        if extra not in sys.path:
            sys.path.insert(0, extra)
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    _STATE["app"] = app
    if processing or optima:
        from processing.core.Processing import Processing
        Processing.initialize()
    if optima:
        import optima as plugin_pkg
        plugin = plugin_pkg.classFactory(None)
        plugin.initProcessing()
        _STATE["plugin"] = plugin
    return app


def plugin():
    """The OPTIMA plugin object registered by :func:`start`, or None."""
    return _STATE.get("plugin")


def finish(code=0):
    """Unload the plugin, exit QGIS and end the process with ``code`` (never returns)."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()  # layers and projects the script dropped are deleted while QGIS is still up
    p = _STATE.pop("plugin", None)
    if p is not None:
        p.unload()
    app = _STATE.get("app")
    if app is not None:
        app.exitQgis()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run(main, *args, **kwargs):
    """``main(*args, **kwargs)``, then :func:`finish` with its exit code: 0 for None, 1 (with the
    traceback printed) for an exception, the code or message of a SystemExit."""
    try:
        code = main(*args, **kwargs)
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:  # noqa: BLE001 - printed, then a non-zero exit
        traceback.print_exc()
        code = 1
    finish(int(code or 0))

"""The HiGHS solver (highspy, a pybind11 module) and QGIS's task threads.

QGIS runs Processing algorithms in worker threads it starts itself (QgsTask). When highspy is
first used in such a thread, its binding state belongs to that thread; once the thread has
ended, the next solve in another worker thread crashes QGIS (second run of "Regrouper les
communes en territoires" from its dialog, or after any other algorithm ran). Touching highspy
once in the main thread, which lives as long as QGIS, avoids it: :func:`warm_solver` is called
when the desktop plugin starts (deferred, so QGIS's start is not slowed) and before the guided
dialog's first run. Nothing happens when highspy is not installed.
"""
_warm = False


def warm_solver() -> bool:
    """Create and free one HiGHS instance in the calling (main) thread, once. True when done."""
    global _warm
    if _warm:
        return True
    from qgis.PyQt.QtCore import QCoreApplication, QThread
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        return False  # only the main thread outlives every task
    try:
        import highspy
    except Exception:  # not installed: check_dependencies says so
        return False
    try:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        del h
    except Exception:  # pragma: no cover - a broken install is reported by the algorithms
        return False
    _warm = True
    return True

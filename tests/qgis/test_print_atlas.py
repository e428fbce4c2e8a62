"""optima:print_atlas: a print layout with an atlas added to the project, exported to one PDF of
1 + N pages (pdfinfo), pages rendered to PNG (pdftoppm) and checked: the cover and the
territory pages are drawn, each territory page shows its own territory."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ALG = "optima:print_atlas"
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
ARTIFACTS = ROOT / "tests" / "artifacts"


def pdf_pages(path):
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    data = Path(path).read_bytes()   # no poppler: count the page objects
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def render(pdf, tmp_path, dpi=40):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm missing (apt-get install poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(tmp_path / "p")], check=True)
    return sorted(tmp_path.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def colours(png):
    from qgis.PyQt.QtGui import QImage
    img = QImage(str(png))
    return {img.pixelColor(x, y).name().upper() for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)}


def test_small_case_cover_plus_one_page_per_territory(run_alg, tmp_path):
    from qgis.core import QgsProject
    from test_report import T1_COLOR, T2_COLOR, make_layers
    c, t, s = make_layers()
    logo = tmp_path / "logo.png"
    from qgis.PyQt.QtGui import QColor, QImage
    img = QImage(80, 40, QImage.Format_RGB32)
    img.fill(QColor("#00FF00"))
    img.save(str(logo), "PNG")
    res = run_alg(ALG, {"TERRITORIES": t, "COMMUNES": c, "SITES": s, "TITLE": "Essai", "LOGO": str(logo),
                        "LAYOUT_NAME": "Atlas essai", "OUTPUT_PDF": str(tmp_path / "atlas.pdf")})
    assert res["N_PAGES"] == 3 and pdf_pages(res["OUTPUT_PDF"]) == 3
    layout = QgsProject.instance().layoutManager().layoutByName("Atlas essai")
    assert layout is not None and layout.atlas().enabled() and layout.atlas().count() == 2
    assert layout.pageCollection().pageCount() == 2
    pages = render(res["OUTPUT_PDF"], tmp_path)
    assert len(pages) == 3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for k, p in enumerate(pages):
        shutil.copy(p, ARTIFACTS / f"atlas-small-{k + 1}.png")
    cover, p1, p2 = (colours(p) for p in pages)
    # the cover map shows both territories, each territory page its own colour; the logo on every page
    assert {T1_COLOR, T2_COLOR} <= cover
    def green(cols):
        return any(int(c[1:3], 16) < 10 and int(c[3:5], 16) > 245 and int(c[5:7], 16) < 10 for c in cols)
    assert green(cover) and green(p1) and green(p2)
    # a second run replaces the layout of the same name
    run_alg(ALG, {"TERRITORIES": t, "LAYOUT_NAME": "Atlas essai", "OUTPUT_PDF": str(tmp_path / "b.pdf")})
    assert [lay.name() for lay in QgsProject.instance().layoutManager().printLayouts()].count("Atlas essai") == 1


def test_bad_inputs(run_alg, tmp_path):
    from qgis.core import QgsProcessingException, QgsVectorLayer
    empty = QgsVectorLayer("Polygon?crs=EPSG:2154&field=territory:string", "t", "memory")
    with pytest.raises(QgsProcessingException, match="empty"):
        run_alg(ALG, {"TERRITORIES": empty, "OUTPUT_PDF": str(tmp_path / "x.pdf")})
    no_field = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string", "t", "memory")
    with pytest.raises(QgsProcessingException, match="territory"):
        run_alg(ALG, {"TERRITORIES": no_field, "OUTPUT_PDF": str(tmp_path / "x.pdf")})


@pytest.mark.skipif(not (SHARED / "communes_31.gpkg").exists(), reason="../shared/data is absent")
def test_haute_garonne_epci_atlas(run_alg, tmp_path):
    ind = run_alg("optima:territory_indicators", {
        "COMMUNES": str(SHARED / "communes_31.gpkg"), "TERRITORY_FIELD": "epci_siren",
        "POPULATION_FIELD": "population", "TERRITORY_NAME_FIELD": "epci_nom",
        "SITES": str(SHARED / "france_services_31.gpkg"), "SITE_ID_FIELD": "id_fs", "THRESHOLD_MIN": 20,
        "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"), "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg"),
        "OUTPUT_SITES": str(tmp_path / "s.gpkg")})
    res = run_alg(ALG, {"TERRITORIES": ind["OUTPUT_TERRITORIES"], "COMMUNES": ind["OUTPUT_COMMUNES"],
                        "SITES": ind["OUTPUT_SITES"], "TITLE": "Haute-Garonne : EPCI",
                        "OUTPUT_PDF": str(tmp_path / "atlas31.pdf")})
    assert res["N_PAGES"] == 19 and pdf_pages(res["OUTPUT_PDF"]) == 19
    pages = render(res["OUTPUT_PDF"], tmp_path, dpi=30)
    assert len(pages) == 19
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for k in (0, 1, 18):
        shutil.copy(pages[k], ARTIFACTS / f"atlas-{k + 1}.png")
    # every page is drawn (a map: many colours), not blank
    assert all(len(colours(p)) > 20 for p in pages)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", res["OUTPUT_PDF"], "-"], capture_output=True,
                              text=True).stdout
        pages_text = text.split("\f")
        assert "Haute-Garonne : EPCI" in pages_text[0] and "Toulouse Métropole" in pages_text[0]
        toulouse = next(p for p in pages_text[1:] if "Toulouse Métropole" in p.split("\n", 3)[0] + p[:200])
        # figures in French whatever the locale QGIS runs in: 841 524 inhabitants, decimal comma
        assert re.search(r"Population : 841\s?524", toulouse), toulouse[:800]
        assert re.search(r"Temps moyen jusqu'au site : \d+,\d min", toulouse)
        assert "Communes : 37" in toulouse and "Sources : INSEE" in toulouse

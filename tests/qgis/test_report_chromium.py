"""The report as a person sees it: headless Chromium opens the HTML offline, every image decodes,
nothing is fetched from outside; a screenshot is kept in tests/artifacts/report.png
(OPTIMA_UPDATE_DOCS=1 also refreshes docs/img/report.png, the README's picture).

Real data when ../shared/data is there: Haute-Garonne's 586 communes grouped by their real EPCI,
served by the real France services sites; else the small hand-built case of test_report."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                  # any host name resolves nowhere: an external fetch could not succeed silently
                  "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    pytest.skip("chromium is not installed (apt-get install chromium)")


def run_chromium(args, tmp_path, timeout=120):
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    p = subprocess.run([chromium()] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + args,
                       capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                       env=dict(os.environ, HOME=str(tmp_path)))
    return p


def full_scenario_table():
    """A scenario table with every column of core.scenarios.TABLE_COLUMNS, 12 rows, long labels."""
    from qgis.core import QgsFeature, QgsVectorLayer
    from optima.optima_plugin.core.scenarios import TABLE_COLUMNS, scenario_label
    kinds = {"scenario": "string", "problem": "string", "status": "string"}
    uri = "None?field=fid:integer&" + "&".join(f"field={c}:{kinds.get(c, 'double')}" for c in TABLE_COLUMNS)
    layer = QgsVectorLayer(uri, "scenarios", "memory")
    feats = []
    k = 0
    for prob in ("p_median", "p_center"):
        for kw in (True, False):
            for n in (6, 10, 14):
                k += 1
                row = {"fid": k, "scenario": scenario_label(n, 10, kw, prob), "n_territories": n, "balance_tol": 10,
                       "keep_whole": int(kw), "problem": prob, "n_offices": n, "objective": 123456.7 * n,
                       "time_mean": 30 - n, "time_p90": 45 - n, "time_max": 80 - n, "pct_pop_within": 40 + 3 * n,
                       "max_dev_pct": 97.5 - n, "gini_time": 0.31, "inhab_min": 1.2e7 / n, "n_unreachable": 0,
                       "cost_fixed": 180000.0 * n, "cost_travel": 2.1e7 / n, "cost_total": 180000.0 * n + 2.1e7 / n,
                       "pareto": int(kw), "n_changed": 12 * n, "pop_changed": 1234.0 * n, "status": "ok"}
                f = QgsFeature(layer.fields())
                f.setAttributes([row[c] for c in ["fid"] + TABLE_COLUMNS])
                feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


@pytest.fixture
def report_html(run_alg, tmp_path):
    out = tmp_path / "rapport.html"
    communes, epci, sites = (SHARED / n for n in ("communes_31.gpkg", "epci_31.gpkg", "france_services_31.gpkg"))
    if communes.exists() and sites.exists():
        ind = run_alg("optima:territory_indicators", {
            "COMMUNES": str(communes), "TERRITORY_FIELD": "epci_siren", "POPULATION_FIELD": "population",
            "TERRITORY_NAME_FIELD": "epci_nom", "SITES": str(sites), "SITE_ID_FIELD": "id_fs",
            "THRESHOLD_MIN": 20, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
            "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg"), "OUTPUT_SITES": str(tmp_path / "s.gpkg")})
        res = run_alg("optima:territorialisation_report", {
            "COMMUNES": ind["OUTPUT_COMMUNES"], "TERRITORIES": ind["OUTPUT_TERRITORIES"],
            "SITES": ind["OUTPUT_SITES"], "THRESHOLD_MIN": 20, "SCENARIOS": full_scenario_table(),
            "TITLE": "Haute-Garonne : EPCI et France services", "OUTPUT_HTML": str(out)})
        assert res["N_TERRITORIES"] == 18 and res["N_COMMUNES"] == 586
    else:
        from test_report import run_report
        run_report(run_alg, tmp_path, name="rapport.html")
    return out


def test_report_opens_offline_with_every_image(report_html, tmp_path):
    from optima.optima_plugin.core.report_html import external_references
    text = report_html.read_text(encoding="utf-8")
    assert external_references(text) == [] and not re.search(r"https?://", text)
    n_img = text.count("<img ")
    assert n_img >= 2

    p = run_chromium(["--dump-dom", report_html.as_uri()], tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    body = re.search(r"<body[^>]*>", p.stdout)
    assert body, p.stdout[:500]
    assert 'data-images-ok="true"' in body.group(0), body.group(0)
    assert f'data-images="{n_img}"' in body.group(0)
    assert "Indicateurs par territoire" in p.stdout


def test_screenshot(report_html, tmp_path):
    shot = tmp_path / "report.png"
    p = run_chromium([f"--screenshot={shot}", "--window-size=1280,2400", report_html.as_uri()], tmp_path)
    assert p.returncode == 0 and shot.exists(), p.stderr[-2000:]
    from qgis.PyQt.QtGui import QImage
    img = QImage(str(shot))
    assert (img.width(), img.height()) == (1280, 2400)
    # a real page: many colours (maps), not a blank or error page
    colors = {img.pixelColor(x, y).name() for x in range(0, 1280, 8) for y in range(0, 2400, 8)}
    assert len(colors) > 50
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "report.png")
    if os.environ.get("OPTIMA_UPDATE_DOCS") == "1":
        (ROOT / "docs" / "img").mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, ROOT / "docs" / "img" / "report.png")


def test_print_to_pdf_fits_a4(report_html, tmp_path):
    """Printed from the browser: A4 pages, nothing cut at the right edge (the tables fit the
    width), the summary on the first page; page images kept in tests/artifacts/report_pdf-*.png."""
    if not shutil.which("pdftoppm") or not shutil.which("pdfinfo"):
        pytest.skip("pdftoppm/pdfinfo missing (apt-get install poppler-utils)")
    pdf = tmp_path / "report.pdf"
    p = run_chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_html.as_uri()], tmp_path)
    assert p.returncode == 0 and pdf.exists(), p.stderr[-2000:]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2, info
    n_pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 2 <= n_pages <= 12
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True)
    from qgis.PyQt.QtGui import QImage
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == n_pages
    for png in pages:
        img = QImage(str(png))
        w, h = img.width(), img.height()
        # the right margin (10 mm = 20 px at 50 dpi; 12 px checked) stays white on every page
        edge = [img.pixelColor(x, y).lightness() for x in range(w - 12, w) for y in range(0, h, 2)]
        assert min(edge) > 200, (png.name, min(edge))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("report_pdf-*.png"):
        old.unlink()
    for png in pages:
        shutil.copy(png, ARTIFACTS / f"report_pdf-{png.name.split('-')[-1]}")

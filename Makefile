# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench lint typecheck demo clean system-deps package bundle-smoke bench-bundle constraints \
	screenshots translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install takes its versions from constraints.txt (regenerate with `make constraints`).
$(STAMP): pyproject.toml setup.py constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,enchant]'
	touch $(STAMP)

PACKAGE_STAMP := $(VENV)/.package-stamp
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,enchant,package]'
	touch $(PACKAGE_STAMP)

# One-folder PyInstaller bundle: dist/redes-desktop/redes-desktop (packaging/linux/).
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/linux/redes-desktop.spec
	@du -sh dist/redes-desktop

# Runs the bundle with a clean environment (CI), then its size and first paint.
bundle-smoke: $(STAMP)
	$(BIN)/python -m tests.install_smoke dist/redes-desktop/redes-desktop

bench-bundle: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks --only bundle $(ARGS)

constraints: $(STAMP)
	( sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --all --exclude-editable \
		| grep -v -E '^(pip|redes-desktop)==' ) > constraints.new && mv constraints.new constraints.txt

# Optional system libraries (Spanish hunspell dictionary through enchant). Installed with
# apt-get when we are root on Debian/Ubuntu and they are missing; the program works without
# them (the spelling check then uses the dictionary shipped in resources/).
system-deps:
	@bash packaging/install-system-deps.sh

run: $(STAMP) system-deps
	$(BIN)/redes-desktop $(ARGS)

demo: $(STAMP)
	$(BIN)/redes-desktop demo $(ARGS)

test: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(ARGS)

# A screenshot of every section (and tab) in each role at 1366×768, from the demo, offscreen:
# build/screenshots/<role>/<section>.png (tests/screenshots.py; ARGS="--roles revisor" etc.).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.screenshots --out build/screenshots $(ARGS)

# The Qt Linguist catalogue (resources/i18n/*.ts) from the code, its Spanish plural forms and the
# compiled .qm the program loads (PySide6's lupdate and lrelease; tests/test_translations.py).
translations: $(STAMP)
	$(BIN)/python -m redes_desktop.ui.i18n_catalogue

lint: $(STAMP)
	$(BIN)/ruff check redes_desktop tests benchmarks

# mypy over redes_desktop/ ([tool.mypy] in pyproject.toml); any error fails the target (and CI).
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache

# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench lint demo clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

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

lint: $(STAMP)
	$(BIN)/ruff check redes_desktop tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

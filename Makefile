# Review Day: `make run` to start on SQLite with the sample curriculum, `make test` for the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test chromium dictionary lint vendor bench clean

$(BIN)/review-app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(BIN)/review-app
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/review-app

install-test: $(VENV)/.test-installed chromium dictionary

# Debian's Chromium drives the browser tests (Playwright's own download is not used).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; }

# Debian's en-GB Hunspell dictionary for the uk-spelling check (skipped, with a message, if absent).
dictionary:
	@test -f /usr/share/hunspell/en_GB.dic || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-en-gb; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-en-gb; fi; }

run: install
	$(BIN)/review-app init-db
	$(BIN)/review-app load-samples
	$(BIN)/review-app serve --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

vendor:
	$(PYTHON) scripts/vendor_frontend.py

bench: install-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) instance .pytest_cache

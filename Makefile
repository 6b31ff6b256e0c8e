# The README's two commands: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint install chromium db

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

install: $(VENV)/.installed

db: install
	$(BIN)/flask --app webapp db upgrade
	$(BIN)/flask --app webapp demo

run: db
	KLIENTWEBB_ENV=development $(BIN)/flask --app webapp run --host 127.0.0.1 --port $(PORT)

chromium:
	@[ -x "$(CHROMIUM)" ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint chromium
	$(BIN)/pytest

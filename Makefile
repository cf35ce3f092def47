# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
Q ?= Where did the second round of talks take place?

.PHONY: setup run test clean

setup: $(VENV)/.installed

# llama-cpp-python compiles from source (~10 min on 2 cores) the first time; pip caches the wheel.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -c constraints.txt -e '.[dev]'
	touch $@

run: setup
	$(VENV)/bin/newsrag ingest
	$(VENV)/bin/newsrag search "$(Q)"

test: setup
	$(PY) -m pytest

clean:
	rm -rf $(VENV) data

# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test eval bench clean

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

# The page test drives Debian's Chromium (a browser download by playwright does not work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "install Debian's chromium package for the page test"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: setup browser
	$(PY) -m pytest

# Scores answers on eval/questions.jsonl and fails when a headline metric regresses (CI runs it after the tests).
eval: setup
	$(VENV)/bin/newsrag eval --gate eval/baseline.json

# Prints the benchmark table and writes bench/results/latest.{json,md} (about 10 minutes; FULL=1 for 100k chunks).
bench: setup
	$(PY) bench/run.py $(if $(FULL),--full,)

clean:
	rm -rf $(VENV) data

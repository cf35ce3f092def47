# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test eval bench clean

setup: $(VENV)/.installed

# llama-cpp-python compiles from source (~4-10 min on 2 cores) the first time; pip caches the wheel.
# A portable AVX2 build, not -march=native: the native build on Sapphire Rapids CPUs (AMX, AVX-512)
# segfaults in llama_decode on the first token with the bundled SmolLM2 GGUF (seen 2026-11-23).
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
$(VENV)/.installed: pyproject.toml constraints.txt Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install --progress-bar off -c constraints.txt -e '.[dev]'
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

# Scores the seeds, paraphrase, rgb and chat suites and fails when a gated metric regresses (CI runs it after the
# tests, ~2 minutes); COMPARE=1 also runs the naive LlamaIndex baseline side by side (~9 minutes in all).
eval: setup
	$(VENV)/bin/newsrag eval --suite all --gate eval/baseline.json $(if $(COMPARE),--compare naive,)

# Prints the benchmark table and writes bench/results/latest.{json,md} (about 10 minutes; FULL=1 for 100k chunks).
bench: setup
	$(PY) bench/run.py $(if $(FULL),--full,)

clean:
	rm -rf $(VENV) data

# Two commands matter (see README): `make report` and `make test`.
# Both build the virtual environment first, from the pinned lock file.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Same inputs, same bytes: hash seed fixed for every tool that runs our code.
export PYTHONHASHSEED := 0
# Headless matplotlib everywhere (CI has no display).
export MPLBACKEND := Agg

# Topic notebooks (NN-topic) and the per-unit template; all are validated by nbval.
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# e.g. make report REPORT_ARGS="--lang zh --force"
REPORT_ARGS ?=
# e.g. make lab LAB_ARGS="--no-browser --port 8890"
LAB_ARGS ?=
# The kernel the notebooks name and analysis.report.execute runs (KERNEL_NAME): the venv's.
KERNEL := python3
KERNELSPEC := $(VENV)/share/jupyter/kernels/$(KERNEL)/kernel.json

.PHONY: help venv test test-fast unit nbval lint format report notebooks data lock clean bench lab kernel

help:
	@echo "make lab       JupyterLab on notebooks/ with the project's kernel (LAB_ARGS=--no-browser …)"
	@echo "make report    build HTML reports from the shipped data into reports/ (REPORT_ARGS=--force …)"
	@echo "make test      lint, unit and data tests, strict nbval on every notebook"
	@echo "make test-fast the inner loop (under a minute): lint, and the tests not marked slow"
	@echo "make notebooks re-execute notebooks in place (after changing code or data)"
	@echo "make data      regenerate the synthetic datasets and data/datapackage.json"
	@echo "make lock      re-resolve requirements.lock from pyproject.toml"
	@echo "make bench     benchmarks against the issue-8 targets (BENCH_MAX_ROWS=10000000 for the full run)"

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	# --compile: this machine sets PYTHONDONTWRITEBYTECODE; precompiled imports are ~3x faster.
	$(PY) -m pip install --quiet --compile -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m ruff check analysis tests notebooks
	$(PY) -m ruff format --check analysis tests
	$(VENV)/bin/lint-imports --no-cache
	SHANGJIE_LEDGER_DIR= $(PY) -m pytest tests
	SHANGJIE_LEDGER_DIR= $(PY) -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider $(NOTEBOOKS)

# No kernels, site builds, bench or browser: tests/conftest.py marks those `slow`.
test-fast: $(STAMP)
	$(PY) -m ruff check analysis tests notebooks
	$(PY) -m ruff format --check analysis tests
	$(VENV)/bin/lint-imports --no-cache
	SHANGJIE_LEDGER_DIR= $(PY) -m pytest -q -p no:cacheprovider -m "not slow" tests

lint: $(STAMP)
	$(PY) -m ruff check analysis tests notebooks
	$(PY) -m ruff format --check analysis tests
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(PY) -m ruff format analysis tests
	$(PY) -m ruff check --fix analysis tests notebooks

report: $(STAMP)
	$(PY) -m analysis report $(REPORT_ARGS)

notebooks: $(STAMP)
	$(PY) -m analysis execute-notebooks

data: $(STAMP)
	$(PY) -m analysis generate

bench: $(STAMP)
	$(PY) benchmarks/run.py

# The notebooks' kernel, installed into the venv (ipykernel normally ships it there).
kernel: $(KERNELSPEC)

$(KERNELSPEC): $(STAMP)
	test -f $@ || $(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (ipykernel)"

# Explore: JupyterLab from the project environment, opened on notebooks/. The kernel runs
# this venv's Python; MPLBACKEND is unset so charts show inline (the notebooks also say
# %matplotlib inline); PYTHONHASHSEED stays 0, as in make notebooks and make report; the
# kernel's sockets are encrypted as report builds' are (no "running over TCP without
# encryption" warning) when pyzmq has CurveZMQ.
lab: $(KERNELSPEC)
	env -u MPLBACKEND $(PY) -m jupyter lab --notebook-dir=notebooks \
		--KernelManager.transport_encryption=$$($(PY) -c \
		"from analysis.report.execute import transport_encryption; print(transport_encryption())") \
		$(LAB_ARGS)

lock:
	$(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet uv
	.lockenv/bin/uv pip compile pyproject.toml --all-extras --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu \
		--no-header --no-annotate --index-url https://pypi.org/simple -o requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) reports .pytest_cache .cache

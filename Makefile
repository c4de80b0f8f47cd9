# The Flock's developer entry points. `make run` and `make test` each bring
# this machine to what they need by themselves (packages, venv, daemons).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
KS_VENV := .venv-keystone
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check -q
PYTEST := $(VENV)/bin/pytest
STAMP := $(VENV)/.installed
KS_STAMP := $(KS_VENV)/.installed

.PHONY: run stop status test unit functional lint bench docs genconfig host venv clean

host:
	@tools/ensure-host.sh

$(STAMP): setup.cfg setup.py requirements.txt test-requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the Flock into $(VENV) (log: $(VENV)/install.log)"
	@( $(PIP) install -U pip setuptools wheel && \
	   $(PIP) install -r requirements.txt -r test-requirements.txt && \
	   $(PIP) install --no-deps -e . ) > $(VENV)/install.log 2>&1 \
	  || { tail -30 $(VENV)/install.log; exit 1; }
	@$(PY) -c 'import stx_common, fm' && touch $@

venv: $(STAMP)

# Keystone lives in its own venv: it is a test peer, not a dependency.
$(KS_STAMP): tools/keystone-requirements.txt
	@test -x $(KS_VENV)/bin/python || $(PYTHON) -m venv $(KS_VENV)
	@echo "Installing Keystone into $(KS_VENV) (log: $(KS_VENV)/install.log)"
	@$(KS_VENV)/bin/pip --disable-pip-version-check -q install -r tools/keystone-requirements.txt > $(KS_VENV)/install.log 2>&1 \
	  || { tail -30 $(KS_VENV)/install.log; exit 1; }
	@$(KS_VENV)/bin/python -c 'import keystone' && touch $@

run: host venv
	@$(PY) tools/flock_run.py start

stop:
	@$(PY) tools/flock_run.py stop

status:
	@$(PY) tools/flock_run.py status

lint: venv
	$(VENV)/bin/ruff check .

unit: venv
	$(PYTEST) -q -m 'not functional and not lab'

functional: host venv $(KS_STAMP)
	$(PYTEST) -q -m 'functional or lab'

# Every test tree (pyproject's testpaths); pytest's exit code 5 (nothing
# collected) fails like any other non-zero code.
test: host venv $(KS_STAMP)
	$(VENV)/bin/ruff check .
	$(PY) tools/check_module_size.py
	$(PYTEST) -q --timeout=900

bench: host venv
	$(PY) -m benchmarks

docs: venv
	$(VENV)/bin/sphinx-build -q -W -b html doc/source doc/build/html

# Each service keeps <svc>/etc/<svc>-config-generator.conf and
# <svc>-policy-generator.conf; the samples are written beside them.
genconfig: venv
	@for f in */etc/*-config-generator.conf; do \
	  $(VENV)/bin/oslo-config-generator --config-file $$f || exit 1; done
	@for f in */etc/*-policy-generator.conf; do \
	  $(VENV)/bin/oslopolicy-sample-generator --config-file $$f || exit 1; done

clean:
	rm -rf $(VENV) $(KS_VENV) .run doc/build

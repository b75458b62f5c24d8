# Two commands for a new user: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistent.tar.gz
STAMP := $(VENV)/.installed
# The NLU components' own code and patterns count too: they shape what is learnt.
TRAINING_INPUTS := config.yml $(wildcard domain/*.yml) $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard bot/language/*.py bot/understanding/*.py bot/rasa_integration/components/*.py bot/safety/*.py bot/safety/*.yml)

# Quiet, offline-friendly defaults for every command below.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONHASHSEED := 0
export ACTION_PORT ?= 5055
export DATABASE_URL ?= sqlite:///$(CURDIR)/var/assistent.db

.PHONY: help install train run test lint-imports test-python test-rasa test-browser kb-check validate lock clean compare-classifiers bench test-scale eval test-fuzz fuzz

help:
	@echo "make run    - installer, tren (ved behov) og start assistenten på http://127.0.0.1:8080"
	@echo "make test   - installer, tren (ved behov) og kjør alle testene"
	@echo "make train  - tren modellen på nytt hvis data eller config er endret"
	@echo "make kb-check - sjekk filene i knowledge/ og si nøyaktig hva som er feil"
	@echo "make eval   - mål første svar på ekte spørsmål (tests/devset/)"
	@echo "make lock   - skriv constraints.txt på nytt fra virtuelt miljø"
	@echo "make clean  - slett virtuelt miljø, modeller og databaser"

$(STAMP): pyproject.toml constraints.txt scripts/find-python310.sh
	@python310=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x "$(PY)" ]; then \
	  echo "Lager virtuelt miljø i $(VENV) med $$python310 ..."; \
	  "$$python310" -m venv "$(VENV)" || exit 1; \
	fi
	@echo "Installerer låste avhengigheter (første gang tar dette et par minutter) ..."
	$(PY) -m pip install --quiet --upgrade "pip==24.2"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(STAMP)

$(MODEL): $(STAMP) $(TRAINING_INPUTS)
	@echo "Trener modellen ..."
	$(RASA) train --domain domain --fixed-model-name assistent --out models
	@touch $@

train: $(MODEL)

run: $(MODEL)
	$(PY) -m bot run

# The layers and boundaries in pyproject.toml ([tool.importlinter]).
lint-imports: $(STAMP)
	$(VENV)/bin/lint-imports

validate: $(STAMP)
	$(RASA) data validate --domain domain --fail-on-warnings

test-python: $(MODEL)
	$(PY) -m pytest -q

test-rasa: $(MODEL)
	$(PY) -m devtools.rasa_testing --model $(MODEL)

# Seeded random conversations through the whole assistant (python -m bot
# run, its own ports and database); every turn must get one answer. 1000 in `make
# test` (a few minutes); `make fuzz` runs 10000 and prints each broken one as a script.
test-fuzz: $(MODEL)
	RUN_FUZZ=1 FUZZ_CONVERSATIONS=1000 $(PY) -m pytest -q -s tests/fuzz

fuzz: $(MODEL)
	$(PY) -m tests.fuzz --conversations 10000

# Chromium (Debian) + Playwright + axe-core against the web server and a fake Rasa.
test-browser: $(STAMP)
	PYTHON=$(PY) tests/browser/run.sh

kb-check: $(STAMP)
	$(PY) -m bot kb check

test: validate kb-check lint-imports test-python test-rasa test-fuzz test-browser test-scale

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt
	@echo "constraints.txt er oppdatert."

clean:
	rm -rf $(VENV) models .rasa var results

# Real questions (tests/devset/) as the first message of new conversations.
# Prints the first-reply hit rate, the reading per field, held-out acute recall, confusions.
eval: $(MODEL)
	$(PY) -m devtools.evaluation.devset

compare-classifiers: $(STAMP)
	$(PY) -m devtools.evaluation.classifiers

# Our assistant against stock Rasa (trains both; several minutes).
# Prints the table and writes results/bench.md and results/bench.json.
bench: $(MODEL)
	$(PY) -m devtools.bench

# Two Rasa instances, two action servers, PostgreSQL and Redis (installed from
# Debian packages if missing); 200 conversations, one instance killed mid-run.
# About 3 minutes; part of `make test`. tests/scale is skipped without RUN_SCALE_TEST.
# The services' logs stay in var/scale-test until the next run.
test-scale: $(MODEL)
	@mkdir -p var
	RUN_SCALE_TEST=1 $(PY) -m pytest -q -s --basetemp=var/scale-test tests/scale

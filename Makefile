# Two entry points for a fresh machine (Debian, Python 3.11): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= lagebild.duckdb

.PHONY: install run test bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test]' 2>&1 | grep -v -e Warning -e '^ *[!*]' -e '^ *$$' -e '^ *[A-Z].*\.$$' || true
	touch $(STAMP)

install: $(STAMP)

# Analyse the bundled example articles into the embedded store and summarise it.
run: $(STAMP)
	mkdir -p out
	$(BIN)/lagebild analyze examples --db $(DB) --out out/examples.jsonl
	$(BIN)/lagebild summary --db $(DB)
	@echo "full analysis (JSON lines): out/examples.jsonl"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Accuracy and speed on ../shared (skipped parts say so when it is missing).
bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

schema: $(STAMP)
	$(BIN)/python -m lagebild.schema > lagebild/schema/analysis.schema.json

clean:
	rm -rf $(VENV) out $(DB) $(DB).wal $(DB).fts .pytest_cache

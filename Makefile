# The CICA Think Tank Forum handbook pipeline.
# `make all` sets everything up on a fresh machine and builds what can be built; `make test` runs the tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
EDITION_FLAG = $(if $(EDITION),--edition $(EDITION))
PREVIEW_PUB = $(or $(PUB),sme-handbook)
PREVIEW_EDITION = $(or $(EDITION),en)

.PHONY: all html epub pdf offprints site serve preview setup validate test lint typecheck unit rules-doc bench clean

## Everything: check every chapter, then build every publication (or PUB=<id>) in every language
## edition (or EDITION=<lang>) and every format, and every chapter on its own (offprints) in every format,
## in one process: the workers, Typst and EPUBCheck's JVM stay warm from the first book to the last offprint.
all: validate
	$(BIN)/handbook build $(PUB) $(EDITION_FLAG) --format all --offprints
	$(BIN)/handbook site

## HTML (sphinx-book-theme) into _build/<id>/<lang>/html/.
html: setup
	$(BIN)/handbook build $(PUB) $(EDITION_FLAG) --format html

## EPUB 3 into _build/<id>/<lang>/<id>.<lang>.epub, checked with EPUBCheck.
epub: setup
	$(BIN)/handbook build $(PUB) $(EDITION_FLAG) --format epub

## Tagged PDF/UA-1 (Typst) into _build/<id>/<lang>/<id>.<lang>.pdf.
pdf: setup
	$(BIN)/handbook build $(PUB) $(EDITION_FLAG) --format pdf

## The download site: every built book, landing pages (en, ru), an OPDS feed and SHA256SUMS, in _build/site/.
site: setup
	$(BIN)/handbook site

## Serve _build/site/ on http://127.0.0.1:8000/ (PORT=...).
serve: setup
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/site $(or $(PORT),8000)

## Live preview while editing: `handbook watch` builds PUB (default sme-handbook) in EDITION (default en) in
## every format (FORMAT=html for the HTML alone), serves the HTML on http://127.0.0.1:$(or $(PORT),8000)/, and
## builds again, with warm engines, each time a chapter is saved; open pages reload after each build.
preview: setup
	$(BIN)/handbook watch $(PREVIEW_PUB) --edition $(PREVIEW_EDITION) --port $(or $(PORT),8000) --format $(or $(FORMAT),all)

## One PDF per chapter into _build/<id>/<lang>/offprints/<id>-<cc>.<lang>.pdf (FORMAT=all for EPUB and HTML too).
offprints: setup
	$(BIN)/handbook offprints $(PUB) $(EDITION_FLAG) --format $(or $(FORMAT),pdf)

setup: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml build_tools/bootstrap-system.sh
	bash build_tools/bootstrap-system.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

# The accessibility checkers (axe-core, Ace by DAISY) from npm; they use Debian's chromium, never a download.
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## Check every chapter against the schemas and rules.
validate: setup
	$(BIN)/handbook validate

## Lint, type-check and run the test suite.
test: lint typecheck unit

lint: setup
	$(BIN)/ruff check build_tools tests
	$(BIN)/ruff format --check build_tools tests

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

## Benchmark, not part of the tests: validation and builds against plain Sphinx and pandoc on a
## generated corpus (28 SME chapters and 28 papers; BENCH="--scale 2 --runs 5 --scaling 1" to vary).
## Prints a table and writes _build/bench/results.json; exits 1 if a target is missed.
bench: setup
	$(BIN)/handbook bench $(BENCH)

## Regenerate the rule table in the contributor guide.
rules-doc: setup
	$(BIN)/handbook rules --format markdown > contrib/rules.md

clean:
	rm -rf _build .pytest_cache .mypy_cache .ruff_cache

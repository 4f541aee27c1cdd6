# Two entry points, each installing what it needs on a fresh machine:
#   make publish   lint the sample catalog, render its forms into out/forms and build the public site into out/site
#   make test      run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: pdf-tools publish test lint bench bench-compare clean lint-reports review deploy

# The site offers each form as PDF too (phones open PDFs more easily than Word files), which needs
# LibreOffice and CJK fonts: installed here where missing (Debian/Ubuntu CI images; as root, or with sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
pdf-tools:
	@command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui fontconfig fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming >/dev/null; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

publish: $(STAMP) pdf-tools
	$(BIN)/akq lint catalog
	$(BIN)/akq render -o out/forms --format docx,pdf
	$(BIN)/akq export --catalog catalog -o out/site --forms out/forms

# CI jobs (.gitlab-ci.yml, .github/workflows/publish.yml) call these, so the pipelines stay thin.
# Lint with SARIF (GitHub code scanning) and Code Quality (GitLab) reports beside the text.
lint-reports: $(STAMP)
	mkdir -p out/reports
	$(BIN)/akq lint catalog --format text --format sarif=out/reports/akq-lint.sarif --format gitlab=out/reports/gl-code-quality.json

# What changed against BASE (default origin/main), as Markdown for the merge-request comment.
BASE ?= origin/main
review: $(STAMP)
	mkdir -p out
	$(BIN)/akq review --base $(BASE) --format markdown -o out/review.md

# Switch the served folder DEST to the site built by `make publish` (atomic; `akq publish --rollback DEST` undoes it).
deploy: $(STAMP)
	@test -n "$(DEST)" || { echo "make deploy DEST=/path/served/by/the/web/server"; exit 2; }
	$(BIN)/akq publish out/site $(DEST)

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -n 2 tests

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The same benchmark for the code at git revision BEFORE and this checkout's, run by run in turn, with ratios.
bench-compare: $(STAMP)
	@test -n "$(BEFORE)" || { echo "make bench-compare BEFORE=<git revision>"; exit 2; }
	$(BIN)/python bench/run.py --before $(BEFORE)

# The lint cache lives in the user's cache folder (akq_cli.lint.cache); .akq_cache is where earlier versions kept it.
clean:
	rm -rf out .akq_cache .pytest_cache
	-$(BIN)/python -m akq_cli.lint.cache --clear

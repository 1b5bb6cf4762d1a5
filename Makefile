# Two commands for clinic staff and developers:
#   make run    set everything up, then start the kiosk
#   make test   set everything up, then lint, type-check and run the tests (what CI runs)
# and, for developers: make lint, make typecheck, make bench.
.PHONY: setup run test lint typecheck bench
PY := .venv/bin/python
CODE := kiosk tests benchmarks scripts run_kiosk.py

setup:
	@bash scripts/setup.sh

# The staff PIN is set here, on the computer, the first time (only from a terminal: never
# at the kiosk's screen). A staff exit (code 10) is a normal end, not a make error. make
# itself always exits with 2 when a command fails, so the kiosk's own code (11 window
# could not be shown, 12 no display, 13 already running: see README) is printed; scripts
# and services that need the code run run_kiosk.py (or kiosk/supervisor.py) directly.
run: setup
	@if [ -t 0 ]; then $(PY) -m kiosk pin-hash --if-missing || true; fi
	@code=0; $(PY) run_kiosk.py $(ARGS) || code=$$?; \
	if [ $$code -eq 10 ]; then echo "The kiosk was closed by staff."; \
	elif [ $$code -ne 0 ]; then echo "The kiosk ended with exit code $$code (see README)."; \
	exit $$code; fi

lint: setup
	$(PY) -m ruff check $(CODE)
	$(PY) -m ruff format --check $(CODE)

# Strict on kiosk/core, actions, content, layout, settings; default mode on the rest of
# kiosk/ (configured in pyproject.toml).
typecheck: setup
	$(PY) -m mypy

# The tests run on one worker more than the cores (tests/conftest.py: a third of the time
# is waiting), one test module per worker (a module's fixtures are built once);
# PYTEST_ARGS="-p no:xdist" runs them in one process. Bytecode is cached even where the
# machine says not to (PYTHONDONTWRITEBYTECODE): every worker and every kiosk the tests
# start would compile the same modules again.
PYTEST_ARGS ?= -n auto --dist loadfile
test: lint typecheck
	PYTHONDONTWRITEBYTECODE= SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q -rs $(PYTEST_ARGS)

bench: setup
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy .venv/bin/python benchmarks/run_all.py

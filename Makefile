# Two commands for clinic staff and developers:
#   make run    set everything up, then start the kiosk
#   make test   set everything up, then run the tests
.PHONY: setup run test lint bench

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/python run_kiosk.py $(ARGS)

test: setup
	.venv/bin/python -m ruff check kiosk tests benchmarks scripts run_kiosk.py
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy .venv/bin/python -m pytest -q -rs $(PYTEST_ARGS)

bench: setup
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy .venv/bin/python benchmarks/run_all.py

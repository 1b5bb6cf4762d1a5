"""Fact-sheet import: a 30-page PDF and the saved page, each imported as staff run it.

Target: a 30-page PDF in under 5 s and under 300 MB. Each run is a fresh
`python -m kiosk import FILE --out ...` process (the whole tool: start, read, check with
the font, write); its wall time and its peak resident memory are measured.

The 30-page PDF is the shipped sheet's PDF fixture (7 pages, made from content/als.md by
scripts/make_import_fixtures.py) with its pages repeated by pypdfium2.

    nice -n 10 .venv/bin/python benchmarks/bench_import.py [runs]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import percentile_table  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "sheet_import"
PAGES = 30


def thirty_pages(folder: Path) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(FIXTURES / "als.pdf")
    target = pdfium.PdfDocument.new()
    while len(target) < PAGES:
        count = min(len(source), PAGES - len(target))
        target.import_pages(source, list(range(count)), index=len(target))
    path = folder / "thirty_pages.pdf"
    target.save(path)
    return path


def run_import(source: Path, folder: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one import in its own process."""
    out = folder / "out.md"
    out.unlink(missing_ok=True)
    script = (
        "import resource, sys; from kiosk.__main__ import main; code = main(sys.argv[1:]); "
        "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(code)"
    )
    environment = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", script, "import", str(source), "--out", str(out), "--source", "X"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    seconds = time.perf_counter() - started
    if finished.returncode != 0:
        raise SystemExit(f"import failed:\n{finished.stdout}\n{finished.stderr}")
    peak_kb = int(finished.stdout.split("PEAK")[-1].split()[0])
    return seconds, peak_kb / 1024


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        big = thirty_pages(folder)
        rows = []
        for name, source in (
            (f"{PAGES}-page PDF", big),
            ("7-page PDF (als.pdf)", FIXTURES / "als.pdf"),
            ("saved page (als_page.html)", FIXTURES / "als_page.html"),
        ):
            results = [run_import(source, folder) for _ in range(runs)]
            rows.append((f"{name}: seconds", [s for s, _ in results], 5.0))
            rows.append((f"{name}: peak MB", [m for _, m in results], 300.0))
    print(f"Fact-sheet import, whole tool per run ({runs} runs each)")
    print(percentile_table(rows))


if __name__ == "__main__":
    main()

"""Import a page, PDF or text file and compare it with a sheet, sentence by sentence.

    .venv/bin/python scripts/import_diff.py tests/data/sheet_import/als_page.html content/als.md

Prints how many of the sheet's sentences came back in order, whether the headings are in
place, the front matter side by side, and every sentence missing or added.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content import load_fact_sheet, parse_fact_sheet  # noqa: E402
from kiosk.sheet_import import read_file, to_markdown  # noqa: E402
from kiosk.sheet_import.compare import compare, headings  # noqa: E402


def main(source: Path, original_path: Path) -> int:
    original = load_fact_sheet(original_path)
    draft = read_file(source)
    draft.source = draft.source or "(none found)"
    imported = parse_fact_sheet(to_markdown(draft), Path(source.stem + ".md"))
    result = compare(original, imported)
    print(f"{source.name} vs {original_path.name}")
    print(
        f"  sentences back in order: {result.kept}/{result.original} "
        f"({100 * result.kept_share:.1f} %); missing {len(result.missing)}, "
        f"added {len(result.added)}"
    )
    print(
        f"  headings in place: {'yes' if result.headings_same else 'no'} "
        f"({len(headings(imported))} imported, {len(headings(original))} in the original)"
    )
    for field in ("title", "source", "publication", "date"):
        print(f"  {field:<12} {getattr(original, field)!r:<60} -> {getattr(imported, field)!r}")
    for sentence in result.missing:
        print(f"  - {sentence}")
    for sentence in result.added:
        print(f"  + {sentence}")
    for line in draft.unplaced:
        print(f"  not placed: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

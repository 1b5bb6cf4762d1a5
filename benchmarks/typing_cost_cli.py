"""`python benchmarks/typing_cost_cli.py --cost FILE --input gaze|switch --layout LAYOUT`

The typing cost model's command line (a measuring tool: it ships with the benchmarks, not
in the kiosk). Prints one JSON line per message of FILE (one message a line) and a summary
line; see benchmarks/typing_cost.py for the model. `--no-prediction` types every letter
(the predictions ignored); `--order alphabet` lays the letters out alphabetically.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks.typing_cost import cost_of_messages, summary  # noqa: E402
from kiosk.content import load_library  # noqa: E402
from kiosk.layout import GAZE_LAYOUTS  # noqa: E402

CONTENT = ROOT / "content"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/typing_cost_cli.py", description=__doc__
    )
    parser.add_argument("--cost", metavar="FILE", required=True, help="messages, one a line")
    parser.add_argument("--input", choices=("gaze", "switch"), default="gaze")
    parser.add_argument("--layout", choices=GAZE_LAYOUTS, default="tiles")
    parser.add_argument("--no-prediction", action="store_true", help="ignore the predictions")
    parser.add_argument("--order", choices=("frequency", "alphabet"), default="frequency")
    parser.add_argument("--content", metavar="FOLDER", default=str(CONTENT))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        text = Path(args.cost).read_text(encoding="utf-8")
    except OSError as error:
        print(f"cannot read the messages file {args.cost}: {error}", file=sys.stderr)
        return 2
    messages = [line.strip() for line in text.splitlines() if line.strip()]
    if not messages:
        print(f"{args.cost} holds no messages (one a line)", file=sys.stderr)
        return 2
    library = load_library(Path(args.content))
    costs, skipped = [], 0
    for number, message in enumerate(messages, start=1):
        try:
            (cost,) = cost_of_messages(
                [message], library, args.input, args.layout, not args.no_prediction, args.order
            )
        except ValueError as error:  # a character no key types: say which, go on
            print(f"{args.cost}, message {number} left out: {error}", file=sys.stderr)
            skipped += 1
            continue
        costs.append(cost)
        print(cost.as_json(), flush=True)
    if not costs:
        print("no message could be typed", file=sys.stderr)
        return 2
    print(json.dumps(summary(costs)))
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Start the hands-free information kiosk. Staff exit: Ctrl+Shift+Q. See README.md."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())

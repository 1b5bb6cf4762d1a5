"""Helpers for tests, benchmarks and scripts (speech clips, clocks).

Not used by the kiosk at run time."""

"""The key plan and its geometry: every letter reachable, no key below its layout's rule."""

from __future__ import annotations

import itertools

import pytest

from kiosk.layout import MARGIN
from kiosk.screens.typing.geometry import typing_geometry
from kiosk.screens.typing.keys import ALPHABET, EYE, MAIN, Key, plan_for

# The smallest target each layout allows at 1920x1080 (kiosk/layout.py).
RULE = {"tiles": (300, 200), "large": (364, 264), "halves": (364, 364), "edges": (364, 364)}


@pytest.mark.parametrize("layout", list(RULE))
@pytest.mark.parametrize("order", ["frequency", "alphabet"])
def test_every_letter_and_control_is_on_some_page_and_each_page_fills_the_grid(layout, order):
    plan = plan_for(layout, order)
    keys = [k for page in plan.pages.values() for k in page if isinstance(k, Key)]
    letters = {k.value for k in keys if k.kind == "letter"}
    assert set(ALPHABET) <= letters and {".", ",", "?"} <= letters
    kinds = {k.kind for k in keys}
    assert {"speak", "delete", "delete word", "clear", "leave", "space", "word"} <= kinds
    for name, page in plan.pages.items():
        assert len(page) == plan.columns * plan.rows, name
        assert page[-1] == EYE, f"{name}: the eye pause keeps its corner"
    # every page is reachable from the first, and leads back to it
    for name, page in plan.pages.items():
        opens = {k.value for k in page if isinstance(k, Key) and k.kind == "page"}
        assert MAIN in opens or name == MAIN
    main_opens = {k.value for k in plan.pages[MAIN] if isinstance(k, Key) and k.kind == "page"}
    assert main_opens == set(plan.pages) - {MAIN}


@pytest.mark.parametrize("layout", list(RULE))
def test_no_key_is_smaller_than_its_layouts_targets_and_none_overlap(layout):
    plan = plan_for(layout)
    geometry = typing_geometry((1920, 1080), plan)
    least_w, least_h = RULE[layout]
    for x, y, w, h in geometry.slots:
        assert w >= least_w and h >= least_h
        assert x >= 0 and y >= 0 and x + w <= 1920 and y + h <= 1080
    for a, b in itertools.combinations(geometry.slots, 2):
        apart_x = max(a[0], b[0]) - min(a[0] + a[2], b[0] + b[2])
        apart_y = max(a[1], b[1]) - min(a[1] + a[3], b[1] + b[3])
        assert max(apart_x, apart_y) >= MARGIN  # 16 px between keys
    mx, my, mw, mh = geometry.message
    assert my + mh <= geometry.slots[0][1] and geometry.message_px >= 52
    assert geometry.feedback[1] >= geometry.slots[-1][1] + geometry.slots[-1][3]


def test_the_usual_layout_puts_the_predictions_in_the_first_row_and_groups_elsewhere():
    usual = plan_for("tiles")
    assert [k.kind for k in usual.pages[MAIN][:5]] == ["word"] * 5  # type: ignore[union-attr]
    for layout in ("large", "halves", "edges"):
        page = plan_for(layout).pages[MAIN]
        assert page[0] == Key("word", "0")
        assert any(
            isinstance(k, Key) and k.kind == "page" and k.value.startswith("g") for k in page
        )

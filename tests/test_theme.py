"""Both themes keep every text colour pair at 7:1 contrast or better (WCAG AAA)."""

import pytest

from kiosk.view.theme import THEMES, contrast_ratio, text_pairs


def test_contrast_ratio_known_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_pair_is_at_least_7_to_1(name):
    for role, (fg, bg) in text_pairs(THEMES[name]).items():
        assert contrast_ratio(fg, bg) >= 7.0, (name, role, contrast_ratio(fg, bg))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_focus_ring_and_dwell_fill_stand_out_from_the_background(name):
    theme = THEMES[name]
    assert contrast_ratio(theme.focus, theme.background) >= 3.0
    assert contrast_ratio(theme.dwell, theme.tile) >= 3.0

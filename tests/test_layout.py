"""Screen geometry: gaze-sized targets with gaps, at every supported window size."""

import itertools

import pytest

from kiosk.layout import compute_layout, hit_test

SIZES = [
    (1024, 600),
    (1280, 720),
    (1366, 768),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
    (1024, 768),
]


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _gap(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    dx = max(bx - (ax + aw), ax - (bx + bw), 0)
    dy = max(by - (ay + ah), ay - (by + bh), 0)
    return max(dx, dy)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6])
def test_targets_are_gaze_sized_at_1080p(count):
    layout = compute_layout((1920, 1080), count)
    rects = list(layout.tiles) + list(layout.bar.values()) + [layout.gaze_pause]
    for x, y, w, h in rects:
        assert w >= 300 and h >= 200, (x, y, w, h)
    for a, b in itertools.combinations(rects, 2):
        assert _gap(a, b) >= 16, (a, b)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("help_screen", [False, True])
def test_layout_scales_and_stays_on_screen(size, help_screen):
    layout = compute_layout(size, 6, help_screen=help_screen)
    width, height = size
    scale = min(width / 1920, height / 1080)
    rects = list(layout.tiles) + list(layout.bar.values()) + [layout.gaze_pause, layout.body]
    for x, y, w, h in rects:
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
    for a, b in itertools.combinations(list(layout.tiles) + list(layout.bar.values()), 2):
        assert not _overlap(a, b)
    for _, _, w, h in list(layout.tiles) + list(layout.bar.values()):
        assert w >= 300 * width / 1920 - 1 and h >= 200 * height / 1080 - 1
    assert layout.text_px == max(14, round(44 * scale))


def test_body_text_is_at_least_40px_at_1080p_and_scales():
    assert compute_layout((1920, 1080), 6).text_px >= 40
    assert compute_layout((3840, 2160), 6).text_px >= 80
    assert compute_layout((1920, 1080), 6, text_scale=1.5).text_px >= 60


def test_hit_test_finds_the_tile_under_a_point():
    layout = compute_layout((1920, 1080), 6)
    rects = layout.all_targets(
        ["tile:1", "tile:2", "tile:3", "tile:4", "tile:5", "tile:6", "bar:back", "bar:help"]
    )
    x, y, w, h = rects["tile:5"]
    assert hit_test(rects, (x + w / 2, y + h / 2)) == "tile:5"
    x, y, w, h = rects["bar:help"]
    assert hit_test(rects, (x + 1, y + 1)) == "bar:help"
    assert hit_test(rects, (1, 1)) is None

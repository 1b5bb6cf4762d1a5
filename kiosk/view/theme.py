"""Colour themes as data, with the contrast check that keeps them at 7:1 or better."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    name: str
    background: Color
    text: Color
    muted: Color  # secondary text (credit, page numbers): still >= 7:1 on background
    tile: Color
    tile_text: Color
    tile_border: Color
    bar_tile: Color
    focus: Color  # keyboard focus ring and dwell fill
    highlight: Color  # background of the sentence being read
    highlight_text: Color
    dwell: Color
    warning: Color  # background of plain-words notices
    warning_text: Color
    ok: Color  # indicator: device in use


DARK = Theme(
    name="dark",
    background=(0, 0, 0),
    text=(255, 255, 255),
    muted=(215, 215, 215),
    tile=(22, 34, 52),
    tile_text=(255, 255, 255),
    tile_border=(150, 180, 220),
    bar_tile=(40, 40, 46),
    focus=(255, 221, 0),
    highlight=(255, 221, 0),
    highlight_text=(0, 0, 0),
    dwell=(0, 200, 255),
    warning=(120, 20, 0),
    warning_text=(255, 255, 255),
    ok=(0, 230, 118),
)

LIGHT = Theme(
    name="light",
    background=(255, 255, 255),
    text=(0, 0, 0),
    muted=(50, 50, 50),
    tile=(226, 234, 245),
    tile_text=(0, 0, 0),
    tile_border=(40, 70, 120),
    bar_tile=(235, 235, 235),
    focus=(0, 70, 200),
    highlight=(255, 221, 0),
    highlight_text=(0, 0, 0),
    dwell=(0, 90, 200),
    warning=(140, 20, 0),
    warning_text=(255, 255, 255),
    ok=(0, 110, 40),
)

THEMES = {"dark": DARK, "light": LIGHT}


def relative_luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Color, b: Color) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs(theme: Theme) -> dict[str, tuple[Color, Color]]:
    """Every foreground/background pair the view draws text with."""
    return {
        "body": (theme.text, theme.background),
        "muted": (theme.muted, theme.background),
        "tile": (theme.tile_text, theme.tile),
        "bar": (theme.tile_text, theme.bar_tile),
        "highlight": (theme.highlight_text, theme.highlight),
        "warning": (theme.warning_text, theme.warning),
    }

"""Issue 16: losing the content folder (removed, or a USB stick or share unmounted) must
not empty the kiosk: a reload keeps the last good sheets. Real files, copied from content/."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content import load_library, merge_reload

SHIPPED = Path(__file__).resolve().parent.parent / "content"
SAMPLE = Path(__file__).resolve().parent / "data" / "content" / "good" / "sample.md"


def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(SHIPPED / "als.md", folder / "als.md")
    shutil.copy(SAMPLE, folder / "sample.md")
    return folder


def test_a_removed_folder_is_reported_as_missing_and_the_last_sheets_stay(tmp_path):
    folder = good_folder(tmp_path)
    before = load_library(folder)
    assert len(before.sheets) == 2 and not before.folder_missing
    shutil.rmtree(folder)
    fresh = load_library(folder)
    assert fresh.folder_missing and not fresh.sheets
    after = merge_reload(before, fresh)
    assert after.sheets == before.sheets
    assert "does not exist" in str(after.errors[0])  # staff still see why


def test_an_unmounted_share_leaves_an_empty_folder_and_the_sheets_stay(tmp_path):
    folder = good_folder(tmp_path)
    before = load_library(folder)
    for path in folder.iterdir():
        path.unlink()
    fresh = load_library(folder)
    assert fresh.folder_missing
    assert merge_reload(before, fresh).sheets == before.sheets


def test_a_file_instead_of_the_folder_counts_as_missing(tmp_path):
    folder = good_folder(tmp_path)
    before = load_library(folder)
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    assert merge_reload(before, load_library(folder)).sheets == before.sheets


def test_a_broken_file_keeps_its_last_good_version_and_a_deleted_one_goes(tmp_path):
    folder = good_folder(tmp_path)
    before = load_library(folder)
    (folder / "als.md").write_text("no front matter at all\n", encoding="utf-8")
    fresh = load_library(folder)
    assert not fresh.folder_missing and len(fresh.sheets) == 1
    after = merge_reload(before, fresh)
    assert [s.path.name for s in after.sheets] == ["als.md", "sample.md"]
    assert after.sheets[0] is before.sheets[0] and after.errors == fresh.errors
    (folder / "als.md").unlink()  # staff removed it on purpose: it goes
    assert [s.path.name for s in merge_reload(after, load_library(folder)).sheets] == ["sample.md"]


def test_a_folder_with_only_broken_files_is_not_missing(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "bad.md").write_text("nothing\n", encoding="utf-8")
    library = load_library(folder)
    assert not library.folder_missing and library.errors


def test_the_first_load_from_a_missing_folder_has_nothing_to_keep(tmp_path):
    fresh = load_library(tmp_path / "nope")
    empty = load_library(tmp_path / "nope")
    assert merge_reload(empty, fresh).sheets == ()

"""The log rotates and stays under its size cap however long the kiosk runs."""

import logging

from kiosk.logs import LOG_BACKUPS, LOG_BYTES, file_handler


def test_log_files_rotate_and_are_capped(tmp_path):
    handler = file_handler(tmp_path / "logs" / "kiosk.log")
    logger = logging.getLogger("kiosk.test-rotation")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        for number in range(40_000):  # about 3.5 times the cap
            logger.info("action next page from voice, event number %06d %s", number, "x" * 60)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted((tmp_path / "logs").iterdir())
    assert len(files) == LOG_BACKUPS + 1
    assert all(f.stat().st_size <= LOG_BYTES for f in files)
    assert sum(f.stat().st_size for f in files) <= LOG_BYTES * (LOG_BACKUPS + 1)


# ------------------------------------------------------------------ issue 16: privacy, full disk
import os  # noqa: E402
import stat  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from kiosk.logs import PrivateRotatingFileHandler  # noqa: E402


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_log_files_and_folder_are_readable_by_their_owner_only(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    old = folder / "kiosk.log.1"
    old.write_text("from an older version\n")
    old.chmod(0o644)
    previous = os.umask(0o022)
    try:
        handler = file_handler(folder / "kiosk.log")
        handler.emit(logging.LogRecord("kiosk", logging.INFO, __file__, 1, "hello", None, None))
        handler.close()
    finally:
        os.umask(previous)
    assert mode(folder) == 0o700
    assert mode(folder / "kiosk.log") == 0o600 and mode(old) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_rotated_files_stay_private(tmp_path):
    handler = PrivateRotatingFileHandler(tmp_path / "kiosk.log", maxBytes=200, backupCount=2)
    for _ in range(20):
        handler.emit(logging.LogRecord("k", logging.INFO, __file__, 1, "x" * 50, None, None))
    handler.close()
    files = list(tmp_path.iterdir())
    assert len(files) == 3 and all(mode(f) == 0o600 for f in files)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_costs_one_console_line_not_a_traceback_per_log_line(tmp_path, capsys):
    """Issue 16: a traceback on stderr for every log line. /dev/full fails every write with
    'No space left on device', as a full disk does."""
    handler = file_handler(tmp_path / "kiosk.log")
    handler._open = lambda: open("/dev/full", "w", encoding="utf-8")  # type: ignore[method-assign]
    handler.stream.close()
    handler.stream = None  # type: ignore[assignment]
    logger = logging.getLogger("kiosk.test-full-disk")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(50):
            logger.warning("camera 0 not found, line %d", number)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.count("\n") == 1 and "No space left on device" in err
        # Space again: one line says so, and the log carries on.
        del handler._open  # back to the class's own
        logger.warning("after the disk was cleared")
        handler.flush()
        assert "can be written again" in capsys.readouterr().err
        assert "after the disk was cleared" in (tmp_path / "kiosk.log").read_text()
    finally:
        logger.removeHandler(handler)
        handler.close()


def test_log_times_are_to_the_second():
    from kiosk.logs import DATE_FORMAT, LOG_FORMAT

    formatter = logging.Formatter(LOG_FORMAT, DATE_FORMAT)
    record = logging.LogRecord("kiosk", logging.INFO, __file__, 1, "started", None, None)
    assert "," not in formatter.format(record).split(" kiosk")[0]

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

"""The staff PIN: a salted, slow hash in the settings file, and a lockout after wrong guesses.

Pure functions and one small class, no pygame: the staff screen, the settings check and
`python -m kiosk pin-hash` use them.

Stored format (self-describing, so its cost can be raised later without breaking old
lines):

    scrypt$n=32768,r=8,p=1$<salt, base64>$<key, base64>

scrypt with these costs takes ~0.1 s and 32 MB per guess, so a stolen settings file
does not give the PIN away in a fraction of a second as an unsalted SHA-256 did.

Old unsalted SHA-256 hashes (64 hex digits, made by earlier versions) are still
accepted, so an upgrade does not lock staff out of a kiosk on site, but they are
reported as a problem by the settings check and `--check` until replaced with a new
line from `pin-hash`. Anything else (a plain PIN typed into the file, a cut-off line)
is not a hash: it is reported, and no PIN matches it, so staff mode stays locked rather
than open to anyone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import words
from kiosk.files import write_atomically
from kiosk.timings import FIRST_DELAY_S, LOCKOUT_S, MAX_LOCKOUT_S

log = logging.getLogger("kiosk.pin")

SCHEME = "scrypt"
COST_N = 2**15  # CPU and memory cost (32 MB with r = 8)
BLOCK_R = 8
PARALLEL_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PIN_CHARS = 4
MAX_PIN_CHARS = 32  # `pin-hash` refuses longer PINs and the kiosk's PIN box holds no more
_MAX_N = 2**20  # refuse absurd costs in a settings file (1 GB of memory)
_SCRYPT = re.compile(
    r"^scrypt\$n=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$"
)
_LEGACY_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# The PIN's value when its settings line (or the whole file) could not be read: no PIN
# matches it, so staff mode stays locked instead of opening as if no PIN were set.
UNREADABLE = "!unreadable"


def normalized(pin: str) -> str:
    """The PIN as compared: outer spaces dropped, Unicode in NFC, so "é" typed as one
    character or as "e" plus an accent is the same PIN."""
    return unicodedata.normalize("NFC", pin.strip())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        normalized(pin).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=128 * r * n * p + 4 * 1024 * 1024,
        dklen=length,
    )


def hash_pin(pin: str, salt: bytes | None = None, n: int = COST_N) -> str:
    """The settings value for a PIN: scheme, costs, random salt and derived key."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    key = _derive(pin, salt, n, BLOCK_R, PARALLEL_P, KEY_BYTES)
    return f"{SCHEME}$n={n},r={BLOCK_R},p={PARALLEL_P}${_b64(salt)}${_b64(key)}"


@dataclass(frozen=True)
class _Parsed:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def _parse(stored: str) -> _Parsed | None:
    match = _SCRYPT.match(stored.strip())
    if not match:
        return None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or n > _MAX_N or not 1 <= r <= 64 or not 1 <= p <= 16:
        return None
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        key = base64.b64decode(match.group(5), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) < 8 or len(key) < 16:
        return None
    return _Parsed(n, r, p, salt, key)


def hash_problem(stored: str) -> str | None:
    """Why a `staff_pin_hash` value is not usable as it is, in plain words; None if it is fine.

    Empty means "no PIN" and is fine. A legacy SHA-256 hash works but is reported.
    """
    value = stored.strip()
    if not value or value == UNREADABLE or _parse(value) is not None:
        return None  # (an unreadable line was reported where it was read)
    if _LEGACY_SHA256.match(value.lower()):
        return (
            "'staff_pin_hash' is an old unsalted hash that is easy to reverse; it still "
            "works, but make a new line with `python -m kiosk pin-hash` and replace it"
        )
    return (
        "'staff_pin_hash' is not a PIN hash (is it the PIN itself?): staff mode stays "
        "locked until it is replaced with the line `python -m kiosk pin-hash` prints"
    )


def is_pin_hash(stored: str) -> bool:
    """True for a value `pin_matches` can check a PIN against (scrypt, or legacy SHA-256)."""
    value = stored.strip()
    return _parse(value) is not None or bool(_LEGACY_SHA256.match(value.lower()))


def pin_matches(pin: str, stored: str) -> bool:
    """Whether the typed PIN is the one stored. Never true for a value that is not a hash."""
    value = stored.strip()
    parsed = _parse(value)
    if parsed is not None:
        try:
            normalized(pin).encode("utf-8")
        except UnicodeEncodeError:
            return False  # not text (bytes that were not UTF-8): no PIN is that
        key = _derive(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.key))
        return hmac.compare_digest(key, parsed.key)
    if _LEGACY_SHA256.match(value.lower()):
        try:
            typed = hashlib.sha256(normalized(pin).encode("utf-8")).hexdigest()
        except UnicodeEncodeError:
            return False
        return hmac.compare_digest(typed, value.lower())
    return False


def pin_problem(pin: str) -> str | None:
    """Why a new PIN is not acceptable, or None."""
    try:
        normalized(pin).encode("utf-8")
    except UnicodeEncodeError:
        return words.PIN_NOT_TEXT
    if any(not c.isprintable() for c in pin.strip()):
        return words.PIN_CONTROL_CHARACTERS
    if len(normalized(pin)) < MIN_PIN_CHARS:
        return words.pin_too_short(MIN_PIN_CHARS)
    if len(normalized(pin)) > MAX_PIN_CHARS:
        return words.pin_too_long(MAX_PIN_CHARS)
    return None


# ---------------------------------------------------------------- lockout
# The waits and lockouts (FIRST_DELAY_S, LOCKOUT_S, MAX_LOCKOUT_S) are in kiosk/timings.py.
FREE_TRIES = 2  # wrong PINs before any wait (a typo should not punish staff)
LOCK_AFTER = 5  # wrong PINs in a row before a lockout


@dataclass(frozen=True)
class LockoutState:
    """What the staff screen shows and says; `wait_s` 0 means a PIN may be typed now."""

    failures: int
    wait_s: float
    locked: bool  # a lockout (LOCK_AFTER wrong PINs), not just a short delay

    def message(self) -> str:
        if self.wait_s <= 0:
            return ""
        seconds = int(self.wait_s + 0.999)
        if self.locked:
            return words.staff_locked((seconds + 59) // 60)
        return words.pin_wait(seconds)


class PinLockout:
    """Growing delays after wrong PINs and a lockout after several, on an injectable clock.

    With 5 tries per lockout (5 minutes, doubling to MAX_LOCKOUT_S), guessing a 4-digit
    PIN takes about three weeks instead of the 102 s a keyboard brute force needed with no
    limit. With a `store`
    (a file in the data folder, 0600) the count and the lockout survive a restart, so
    pulling the plug does not buy a visitor five fresh guesses.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        store: Path | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock
        self.store = store
        self.wall = wall  # the store keeps wall-clock times: the monotonic clock restarts
        self.failures = 0  # wrong PINs since the last right one
        self.lockouts = 0
        self.blocked_until = 0.0
        # The store's (inode, mtime) when last read or written: each write is a new file.
        self._stored_version: tuple[int, int] | None = None
        self._load()

    def _version(self) -> tuple[int, int] | None:
        if self.store is None:
            return None
        try:
            found = self.store.stat()
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns

    def reload(self) -> None:
        """Read the store again if something else wrote it (`unlock-staff` on the computer)."""
        version = self._version()
        if version is not None and version != self._stored_version:
            self._load()

    def _load(self) -> None:
        if self.store is None:
            return
        self._stored_version = self._version()
        try:
            saved = json.loads(self.store.read_text(encoding="utf-8"))
            failures, lockouts = int(saved["failures"]), int(saved["lockouts"])
            until = float(saved["blocked_until"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged record must not hand out fresh tries: treat it as one lockout.
            failures, lockouts, until = 0, 1, self.wall() + LOCKOUT_S
        remaining = min(max(0.0, until - self.wall()), MAX_LOCKOUT_S)
        self.failures, self.lockouts = max(0, failures), max(0, lockouts)
        self.blocked_until = self.clock() + remaining

    def _save(self) -> None:
        if self.store is None:
            return
        remaining = max(0.0, self.blocked_until - self.clock())
        record = {
            "failures": self.failures,
            "lockouts": self.lockouts,
            "blocked_until": self.wall() + remaining,
        }
        try:
            write_atomically(self.store, json.dumps(record))
        except OSError as error:
            log.warning("the staff PIN lockout could not be saved (%s): kept in memory", error)
        self._stored_version = self._version()

    def state(self) -> LockoutState:
        wait = max(0.0, self.blocked_until - self.clock())
        return LockoutState(self.failures, wait, locked=wait > 0 and self.lockouts > 0)

    def may_try(self) -> bool:
        return self.clock() >= self.blocked_until

    def failed(self) -> LockoutState:
        """Record a wrong PIN; returns what to show and say."""
        now = self.clock()
        if self.lockouts and now - self.blocked_until >= MAX_LOCKOUT_S:
            self.lockouts = 0  # long quiet since the last wait: start again from LOCKOUT_S
        self.failures += 1
        if self.failures >= LOCK_AFTER:
            lockout = min(MAX_LOCKOUT_S, LOCKOUT_S * 2 ** min(self.lockouts, 16))
            self.lockouts += 1
            self.failures = 0
            self.blocked_until = now + lockout
            self._save()
            return LockoutState(LOCK_AFTER, lockout, True)
        if self.failures > FREE_TRIES:
            delay = FIRST_DELAY_S * 2 ** (self.failures - FREE_TRIES - 1)
            self.blocked_until = now + delay
            self._save()
            return LockoutState(self.failures, delay, False)
        self._save()
        return LockoutState(self.failures, 0.0, False)

    def succeeded(self) -> None:
        self.failures = 0
        self.lockouts = 0
        self.blocked_until = 0.0
        self._save()

    def attempt(self, pin: str, stored: str) -> tuple[bool, LockoutState]:
        """Check a PIN if one may be tried now. A try during a wait is refused unchecked."""
        self.reload()
        if not self.may_try():
            return False, self.state()
        if pin_matches(pin, stored):
            self.succeeded()
            return True, self.state()
        return False, self.failed()


def clear_lockout(store: Path) -> bool:
    """Staff, at the computer: end a lockout and forget the wrong PINs. True if one was kept.

    A zero record is written rather than the file removed, so a running kiosk reads it
    (PinLockout.reload) instead of keeping its lockout in memory."""
    try:
        saved = json.loads(store.read_text(encoding="utf-8"))
        had = bool(saved.get("failures") or saved.get("lockouts"))
    except FileNotFoundError:
        had = False
    except (OSError, ValueError, AttributeError):
        had = True  # a damaged record counts as a lockout (see _load)
    write_atomically(store, json.dumps({"failures": 0, "lockouts": 0, "blocked_until": 0.0}))
    return had

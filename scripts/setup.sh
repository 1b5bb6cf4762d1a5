#!/usr/bin/env bash
# Make this machine ready to run the kiosk: system packages (Debian/Ubuntu), then a
# virtual environment in .venv with the Python dependencies. Safe to run again:
# it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
SYSTEM_PACKAGES=(espeak-ng libportaudio2 libgl1 libglib2.0-0)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
  if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing system packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "Some system packages are missing. Please run this, then try again:"
      echo
      echo "    sudo apt-get install -y ${missing[*]}"
      echo
      exit 1
    fi
  fi
else
  echo "Not a Debian/Ubuntu system: make sure espeak-ng (Linux) and PortAudio are installed."
fi

STAMP=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "Installing Python packages (the first time takes a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$STAMP"
fi

# Voice: Vosk's small US English model, a larger acoustic model than the built-in
# PocketSphinx one. Fetched when the download can be reached (a few seconds at most;
# SHA-256 checked) and unpacked into the data folder; otherwise one line says voice uses
# the built-in engine. Never fails setup. Tried at most once a day (KIOSK_NO_DOWNLOAD=1:
# never).
VOSK_STAMP=.venv/.vosk-tried
if [ -z "$(find "$VOSK_STAMP" -mtime -1 2>/dev/null)" ]; then
  .venv/bin/python -m kiosk.voice.models --setup || true
  touch "$VOSK_STAMP"
fi

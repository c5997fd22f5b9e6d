#!/usr/bin/env bash
# Install the system packages the pipeline needs, where apt is available; otherwise say what to install.
# Called by `make` before the Python environment is created. Safe to run again: it installs only what is missing.
set -euo pipefail

# Fonts for every script; pdftotext for PDF tests; chromium for the browser and accessibility tests.
packages=(fonts-noto-core fonts-noto-cjk fonts-noto-mono poppler-utils chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)   # EPUBCheck runs on Java
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)              # axe-core and Ace by DAISY

python_ok=$(python3 -c 'import sys; print(int(sys.version_info >= (3, 11)))' 2>/dev/null || echo 0)
if [ "$python_ok" != 1 ]; then
  echo "bootstrap: Python 3.11 or newer is needed as python3 (found: $(python3 --version 2>&1 || echo none))." >&2
  exit 1
fi
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "bootstrap: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "bootstrap: installing ${missing[*]} with sudo apt-get"
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  cat >&2 <<MSG
bootstrap: these system packages are missing and cannot be installed automatically here:
  ${missing[*]}
Install them with your system's package manager (on Debian or Ubuntu, as root:
  apt-get install ${missing[*]}
on other systems: the Noto fonts (Noto Sans, Noto Serif, Noto Sans CJK, Noto Naskh Arabic...) and a Java 11+ runtime),
then run make again. Validation works without them; building PDF and checking EPUB does not.
MSG
fi

#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser test (test/browser), and prints its
# path on the last line. Playwright's own browser download cannot work offline, so the test
# drives this one through playwright-core. Installs from Debian's packages when missing (root).
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium not found; installing it from Debian's packages" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
command -v chromium

#!/usr/bin/env bash
# Make sure the browser tests (tests/e2e) have Debian's Chromium. A test tool's own
# browser download needs the internet, which hubs' closed networks and CI do not give.
# Never fails the build: without a browser those tests skip and say why.
set -u

CHROMIUM="${ECHO_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

cannot() {
    echo "== No Chromium at $CHROMIUM: $1"
    echo "   The browser tests will be skipped. To run them: apt-get install chromium (as root)."
    exit 0
}

[ "$(id -u)" = 0 ] || cannot "installing it needs root"
command -v apt-get >/dev/null || cannot "installing it needs apt-get"

echo "== Installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
# Try the package lists already here first; refresh them only if that fails.
install 2>/dev/null || { apt-get update -qq >/dev/null && install; } \
    || cannot "apt-get could not install the chromium package"
[ -x "$CHROMIUM" ] || cannot "the chromium package did not provide it"

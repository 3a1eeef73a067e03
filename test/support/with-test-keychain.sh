#!/usr/bin/env bash
# Runs a command against a real, private keychain: its own D-Bus session, a
# fresh GNOME Keyring unlocked with a throwaway password, and HOME in a
# temporary folder, so tests never touch a person's own keychain.
set -euo pipefail

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "The keychain tests need $tool: apt-get install dbus gnome-keyring (bash .ci/run does this)." >&2
    exit 1
  fi
done

keychain_home="$(mktemp -d)"
trap 'rm -rf "$keychain_home"' EXIT
export HOME="$keychain_home"
export FERRY_KEYCHAIN_SERVICE="${FERRY_KEYCHAIN_SERVICE:-FerryTest}"

dbus-run-session -- bash -c '
  printf "ferry-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' keychain-session "$@" 2> >(grep -v -e "Failed to set fd limit" -e "^dbus-daemon\[" >&2)

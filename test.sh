#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests use, installed only when missing.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v python3 >/dev/null 2>&1 || missing+=(python3)  # tests/report-failures.py
# Real mail servers for the e-mail source's tests: Dovecot (IMAP) and aiosmtpd (SMTP).
[ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || missing+=(dovecot-imapd)
command -v aiosmtpd >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The official Slack and Adaptive Cards packages the conformance tests check our output with,
# and Twilio's and X's own counting (sms-segments-calculator, twitter-text).
npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore ChatOpsReply.sln
dotnet build ChatOpsReply.sln --no-restore -c Release
# The failures are repeated at the very end (from a .trx), where a CI log's tail shows them.
results="$(mktemp -d)"
status=0
dotnet test ChatOpsReply.sln --no-build -c Release --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  python3 tests/report-failures.py "$results"/*.trx || true
fi
exit "$status"

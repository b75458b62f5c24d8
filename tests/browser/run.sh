#!/usr/bin/env bash
# Browser tests of the chat page and the widget: Debian's Chromium driven by
# Playwright and checked with axe-core, against our web server and a fake Rasa
# (fake_backend.py), all on 127.0.0.1. Screenshots go to results/browser/.
#
#   tests/browser/run.sh            (PYTHON=... to pick the interpreter)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

if [ -z "${PYTHON:-}" ]; then
  if [ -x "$ROOT/.venv/bin/python" ]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "Installerer Chromium fra Debian (første gang) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$HERE/node_modules" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

WORK="$(mktemp -d)"
STARTED_PIDS=()
stop_started_processes() {
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop_started_processes EXIT

# Below the range for outgoing connections (devtools/bench/stack.py says why).
read -r FAKE_PORT WEB_PORT < <("$PYTHON" -c \
  'from devtools.bench.stack import free_port_run; first = free_port_run(2); print(first, first + 1)')
FAKE_URL="http://127.0.0.1:$FAKE_PORT"
WEB_URL="http://127.0.0.1:$WEB_PORT"

"$PYTHON" "$HERE/fake_backend.py" --port "$FAKE_PORT" --web-url "$WEB_URL" >"$WORK/fake.log" 2>&1 &
STARTED_PIDS+=($!)

# The real knowledge base: the chat's config (municipality, logo, BTI levels) comes from it.
DATABASE_URL="sqlite:///$WORK/web.db" "$PYTHON" -m bot kb load >"$WORK/kb.log" 2>&1 \
  || { cat "$WORK/kb.log" >&2; exit 1; }

# The fake plays both Rasa and the action server; the tests' own requests all
# come from 127.0.0.1, so the rate limit is raised for them.
RASA_PORT="$FAKE_PORT" ACTION_PORT="$FAKE_PORT" WEB_PORT="$WEB_PORT" WEB_HOST=127.0.0.1 \
DATABASE_URL="sqlite:///$WORK/web.db" WEB_CORS_ORIGINS="$FAKE_URL" \
WEB_RATE_LIMIT_PER_MINUTE=6000 WEB_RATE_LIMIT_BURST=1000 DEMO_MODE=true \
MUNICIPALITY_NAME="Eksempel kommune" \
  "$PYTHON" -m bot.servers.web_server >"$WORK/web.log" 2>&1 &
STARTED_PIDS+=($!)

if ! "$PYTHON" - "$WEB_URL/healthz" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + 90  # the web server loads the language models before it answers
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
then
  echo "Nettserveren eller den falske Rasa-tjenesten startet ikke:" >&2
  cat "$WORK/web.log" "$WORK/fake.log" >&2
  exit 1
fi

mkdir -p "$ROOT/results/browser"
status=0
WEB_URL="$WEB_URL" HOST_URL="$FAKE_URL" SCREENSHOT_DIR="$ROOT/results/browser" \
  node --test --test-concurrency=1 "$HERE/reply_format.test.mjs" "$HERE/chat.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- logg fra nettserveren ---" >&2
  tail -n 40 "$WORK/web.log" >&2
fi
exit "$status"

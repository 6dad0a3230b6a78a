#!/usr/bin/env bash
# Schema-driven fuzz (issues 12 and 14): schemathesis, from PyPI at a pinned version in a venv
# of the checkout, against a started Lognest, every operation of /api/openapi.json, a bounded
# number of examples each. Any 5xx fails the run. Usage: bash .ci/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV="$PWD/.ci/.venv"
PORT=${LOGNEST_FUZZ_PORT:-7391}
# Examples per operation and per phase; ~160 operations, so a few thousand requests in all.
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-10}
TIME_LIMIT=${SCHEMATHESIS_TIME_LIMIT:-420}

venv_works() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' 2>/dev/null; }
if ! [ -x "$VENV/bin/schemathesis" ] || [ "$("$VENV/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  rm -rf "$VENV"
  # Debian's python3 has no venv (ensurepip) without the python3-venv package.
  if ! python3 -m venv "$VENV" >/dev/null 2>&1 || ! venv_works; then
    rm -rf "$VENV"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

npm run build --silent
WORK=$(mktemp -d)
PASSWORD=fuzz-admin-password-1
LOGNEST_DATA_DIR="$WORK/data" LOGNEST_UPLOADS_DIR="$WORK/uploads" PORT="$PORT" HOST=127.0.0.1 \
  LOGNEST_ADMIN_PASSWORD="$PASSWORD" LOGNEST_SESSION_SECRET=schemathesis-session-secret-0123 \
  LOGNEST_RATE_LIMITS=off LOGNEST_BCRYPT_ROUNDS=4 LOGNEST_LOG_LEVEL=warn \
  node dist/src/main.js >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

BASE="http://127.0.0.1:$PORT"
# An admin API token (not a login token: POST /api/logout must not end the run's own
# credentials), and some records, so the reads run over data.
API_TOKEN=$(BASE="$BASE" PASSWORD="$PASSWORD" node -e '
  const { BASE, PASSWORD } = process.env;
  const call = async (path, init = {}) => {
    const res = await fetch(BASE + path, init);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  (async () => {
    for (let i = 0; ; i++) {
      try { await call("/api/health"); break; } catch (err) { if (i > 120) throw err; await new Promise((r) => setTimeout(r, 500)); }
    }
    const json = (token, body) => ({ method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const login = await call("/api/auth/login", json("", { username: "admin", password: PASSWORD }));
    const { token } = await call("/api/tokens", json(login.token, { name: "schemathesis", scope: "admin" }));
    const now = Date.now();
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({
      timestamp: new Date(now - i * 60_000).toISOString(), level: ["info", "warn", "error"][i % 3], message: `request ${i} served`,
      service: ["api", "web"][i % 2], endpoint: `/api/items/${i % 7}`, status_code: i % 9 === 0 ? 500 : 200, response_time_ms: i % 300, user_id: `u${i % 13}`,
    }));
    await call("/api/logs/bulk", { method: "POST", headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${token}` }, body: lines.join("\n") });
    console.log(token);
  })().catch((err) => { console.error(err.message); process.exit(1); });
')

echo "schemathesis $SCHEMATHESIS_VERSION against $BASE: at most $MAX_EXAMPLES examples per operation and phase, $TIME_LIMIT s"
status=0
# From the run's own directory: schemathesis keeps a cache of what it found in the working directory.
# One worker: on Python 3.11 two worker threads compiling at once can trip CPython's shared AST
# recursion counter (gh-106905, "SystemError: AST constructor recursion depth mismatch"), which
# hypothesis reports as a flaky failure and fails the run though Lognest answered every request.
cd "$WORK"
timeout "$TIME_LIMIT" "$VENV/bin/schemathesis" run "$BASE/api/openapi.json" \
  --header "Authorization: Bearer $API_TOKEN" \
  --checks not_a_server_error \
  --max-examples "$MAX_EXAMPLES" \
  --phases examples,coverage,fuzzing \
  --exclude-path /api/logs/tail \
  --request-timeout 30 \
  --workers 1 \
  --generation-database none \
  --suppress-health-check all \
  --no-color || status=$?
if [ "$status" -ne 0 ]; then
  echo "== schemathesis failed ($status); server log:"
  tail -n 80 "$WORK/server.log"
fi
exit "$status"

#!/usr/bin/env bash
# Starts the servers that the PostgreSQL and Redis store tests run against (Debian, as root): redis-server on
# 127.0.0.1:6379 and a PostgreSQL cluster on 127.0.0.1:5432 with database funnel_test owned by user funnel
# (password funnel). Installs them when missing, and Chromium with its chromedriver, which the dashboard's browser
# tests drive (/usr/bin/chromium, /usr/bin/chromedriver). Idempotent: does nothing but check when they already run.
# The tests read FUNNEL_TEST_POSTGRES_URL, FUNNEL_TEST_POSTGRES_USER/_PASSWORD and FUNNEL_TEST_REDIS; the defaults
# match what this script sets up, so it exports nothing.
set -euo pipefail

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d-less containers may refuse to start services on install; we start them ourselves below.
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Redis: daemonized, loopback only, no persistence (tests need none).
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting redis-server on 127.0.0.1:6379"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
    --logfile /tmp/funnel-redis.log --dir /tmp
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "redis-server does not answer on 6379 (see /tmp/funnel-redis.log)" >&2; exit 1; }

# PostgreSQL: the Debian cluster of the newest installed version (created when there is none), on port 5432.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    echo "creating PostgreSQL $version cluster main"
    pg_createcluster --port 5432 "$version" main >/dev/null
  fi
  echo "starting PostgreSQL $version cluster main on port 5432"
  pg_ctlcluster "$version" main start
  for _ in $(seq 100); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL does not answer on 5432 (see pg_lsclusters)" >&2; exit 1; }

# Role and database, as the postgres superuser over the local socket (peer authentication).
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p 5432 $*"; }
if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'funnel'\"")" != 1 ]]; then
  echo "creating role funnel"
  psql_admin "-c \"CREATE ROLE funnel LOGIN PASSWORD 'funnel'\""
fi
if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = 'funnel_test'\"")" != 1 ]]; then
  echo "creating database funnel_test"
  psql_admin "-c \"CREATE DATABASE funnel_test OWNER funnel\""
fi
# Debian's default pg_hba.conf allows password (scram) logins over 127.0.0.1, which is how the tests connect.
PGPASSWORD=funnel psql -qAt -h 127.0.0.1 -p 5432 -U funnel -d funnel_test -c 'SELECT 1' >/dev/null
echo "services ready: redis 127.0.0.1:6379, postgresql 127.0.0.1:5432/funnel_test, $(chromium --version 2>/dev/null)"

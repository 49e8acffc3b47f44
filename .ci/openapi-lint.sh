#!/usr/bin/env bash
# Lints funnel-server's openapi.json with Redocly's recommended rules and fails on any error. Node and npm come from
# Debian when missing; the pinned CLI is installed once into a cache directory under /tmp. The warnings left are
# deliberate: no license (the project declares none yet) and no 4xx on /v1/health, /metrics and /v1/openapi.json
# (open reads that refuse nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

version=2.77.0
cache="/tmp/funnel-redocly-$version"
if ! command -v npm >/dev/null; then
  echo "installing nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
if [[ ! -x "$cache/node_modules/.bin/redocly" ]]; then
  npm install --prefix "$cache" --no-audit --no-fund --silent "@redocly/cli@$version"
fi
"$cache/node_modules/.bin/redocly" lint --extends recommended --format summary \
  funnel-server/src/main/resources/openapi.json

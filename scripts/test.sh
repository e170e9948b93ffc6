#!/usr/bin/env bash
# Runs every test of the platform against real parts: an embedded KRaft Kafka broker, the machine's Redis and MariaDB
# (started or installed first where missing), and local fakes of the partners.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/ensure-infra.sh
exec ./mvnw -B -ntp verify "$@"

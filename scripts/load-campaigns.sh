#!/usr/bin/env bash
# Loads DSP campaigns into the bidders: validates and publishes a JSON array of CampaignConfig to config.campaigns through
# a bidder's internal API (every bidder instance then reads them from the topic). All or nothing: a 400 names each field
# at fault and loads nothing. The admin platform will publish campaigns itself; this is the local and scripted way in.
#   scripts/load-campaigns.sh campaigns.json          (e.g. docs/examples/bidder-campaigns.json)
# Environment: BIDDER (default http://127.0.0.1:8086), ADPLATFORM_SERVICE_TOKEN (default local-dev-service-token).
set -euo pipefail
file="${1:?usage: scripts/load-campaigns.sh campaigns.json}"
bidder="${BIDDER:-http://127.0.0.1:8086}"
token="${ADPLATFORM_SERVICE_TOKEN:-local-dev-service-token}"
status=$(curl -sS -o /tmp/load-campaigns.$$ -w '%{http_code}' -X POST -H "X-Service-Token: $token" \
  -H 'Content-Type: application/json' --data-binary "@$file" "$bidder/internal/v1/bidder/campaigns")
cat /tmp/load-campaigns.$$; echo; rm -f /tmp/load-campaigns.$$
[ "$status" = 202 ] || { echo "refused (HTTP $status)" >&2; exit 1; }

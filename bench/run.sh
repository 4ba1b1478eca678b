#!/usr/bin/env bash
# Benchmarks that print numbers; record them in docs/benchmarks.md. Assumes ./pozytywka setup has run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
configuration=${POZYTYWKA_CONFIGURATION:-Release}
trainer() { dotnet "$root/src/Trainer/bin/$configuration/net10.0/Pozytywka.Trainer.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

events_target=${BENCH_GENERATOR_SESSIONS:-450000}
echo "== generator: $events_target sessions (about 10 million events), 500 listeners, on $(nproc) cores"
trainer generate --out "$work/gen" --users 500 --sessions "$events_target" --seed 1 2>/dev/null

echo "== analyze (read + reconstruct) of that export"
start=$(date +%s.%N)
trainer analyze --data "$work/gen" >/dev/null 2>&1
end=$(date +%s.%N)
lines=$(wc -l < "$work/gen/sessions.jsonl")
awk -v s="$start" -v e="$end" -v n="$lines" 'BEGIN { printf "analyze: %d events in %.1f s (%.0f events/s)\n", n, e - s, n / (e - s) }'

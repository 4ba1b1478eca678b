#!/usr/bin/env bash
# Benchmarks that print numbers; record them in docs/benchmarks.md. Assumes ./pozytywka setup has run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
configuration=${POZYTYWKA_CONFIGURATION:-Release}
# shellcheck source=../setup/signals.sh
source "$root/setup/signals.sh"
trainer() { run_forwarding_signals dotnet "$root/src/Trainer/bin/$configuration/net10.0/Pozytywka.Trainer.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sessions_target=${BENCH_GENERATOR_SESSIONS:-450000}
echo "== generator: $sessions_target sessions (about 10 million events), 500 listeners, on $(nproc) cores"
trainer generate --out "$work/gen" --users 500 --sessions "$sessions_target" --seed 1 2>/dev/null

echo "== analyze (read + reconstruct) of that export"
start=$(date +%s.%N)
trainer analyze --data "$work/gen" >/dev/null 2>&1
end=$(date +%s.%N)
lines=$(wc -l < "$work/gen/sessions.jsonl")
awk -v s="$start" -v e="$end" -v n="$lines" 'BEGIN { printf "analyze: %d events in %.1f s (%.0f events/s)\n", n, e - s, n / (e - s) }'

real_export=${POZYTYWKA_REAL_EXPORT:-$root/../shared/data/pozytywka-v2}
if [[ -f "$real_export/sessions.jsonl" ]]; then
  for balance in classweights auto; do
    echo "== train advanced on the real export, --balance $balance (fit + temporal test + random-split comparison)"
    start=$(date +%s.%N)
    trainer train --data "$real_export" --model advanced --out "$work/models-$balance" --device cpu --balance "$balance" --version bench 2>/dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time including start-up: %.1f s\n", e - s }'
  done
else
  echo "== real export not found at $real_export: training benchmark skipped"
fi

devtools() { run_forwarding_signals dotnet "$root/src/DevTools/bin/$configuration/net10.0/Pozytywka.DevTools.dll" "$@"; }
stream_sessions=${BENCH_STREAM_SESSIONS:-6000}
echo "== stream processor: export of $stream_sessions sessions, 200 listeners; advanced and advanced-v1 trained on it"
trainer generate --out "$work/stream" --users 200 --sessions "$stream_sessions" --seed 7 2>/dev/null
for model in advanced advanced-v1; do
  trainer train --data "$work/stream" --model "$model" --out "$work/stream-models" --device cpu --balance classweights --version bench >/dev/null 2>&1
done
devtools bench --data "$work/stream" --models "$work/stream-models" --rate 5000 2000 --paced-events 40000 2>/dev/null

memory_sessions=${BENCH_MEMORY_SESSIONS:-194000}
echo "== memory: export of $memory_sessions sessions (about 5 million events), 2,000 listeners, through one serve process"
trainer generate --out "$work/memory" --users 2000 --sessions "$memory_sessions" --seed 5 2>/dev/null
devtools bench --data "$work/memory" --models "$work/stream-models" --only memory 2>/dev/null

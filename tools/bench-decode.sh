#!/usr/bin/env bash
# Builds and runs the event-decoder micro-benchmark (tools/bench-decode/main.swift)
# as one optimised module with the LeadstreamCore sources and the load generator's
# seeded random numbers, outside SwiftPM.
# Usage: tools/bench-decode.sh [events]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-bench
mapfile -t sources < <(find Sources/LeadstreamCore -name '*.swift' | sort)
swiftc -O -wmo -module-name BenchDecode "${sources[@]}" Sources/LeadstreamLoad/Generator/SeededRandom.swift \
    tools/bench-decode/main.swift -o .build-bench/bench-decode
exec .build-bench/bench-decode "$@"

#!/usr/bin/env bash
# Seeded mutation fuzzing of the tokenizer, the config readers and the .dev/.seq reader.
#   bench/fuzz.sh [iterations] [seed]     (default 1,000,000 inputs per target, seed 1)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$root/UpsPS.Fuzz/UpsPS.Fuzz.csproj" -c Release -o "$root/out/fuzz" --nologo -v q >/dev/null
/usr/bin/time -f "max_rss_kb=%M wall_s=%e" dotnet "$root/out/fuzz/UpsPS.Fuzz.dll" "$root/fuzz/corpus" \
  --iterations "${1:-1000000}" --seed "${2:-1}"

#!/usr/bin/env bash
# make bench-bank: a regional bank of 500 schools × ~20 practices, release build, wall time and peak memory.
# Usage: Benchmarks/bank.sh [SCHOOLS]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
SCHOOLS=${1:-500}
WORK=Benchmarks/.corpus/bank
command -v /usr/bin/time >/dev/null || $( [ "$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq time >/dev/null
swift build -c release --product nastavnik >/dev/null
BIN=$(swift build -c release --show-bin-path)/nastavnik
mkdir -p "$WORK"
python3 Benchmarks/gen_bank.py "$WORK" "$SCHOOLS"
# The last run's output is moved aside and removed at the end (see Benchmarks/run.sh: a large
# `rm -rf` just before would slow the file system's making of new files for a minute).
TRASH=Benchmarks/.trash-bank
mkdir -p "$TRASH"
for old in public report .nastavnik-cache; do [ -e "$WORK/$old" ] && mv "$WORK/$old" "$TRASH/$old-$$"; done
# Nothing left to write to disk when a timed build starts (see Benchmarks/run.sh).
sync
start=$(date +%s.%N)
NASTAVNIK_TODAY=2026-11-26 /usr/bin/time -f "%M" -o "$WORK/mem" "$BIN" build --content "$WORK/content" --out "$WORK/public" > "$WORK/log" 2>&1 \
  || { tail -20 "$WORK/log"; exit 1; }
end=$(date +%s.%N)
printf "bank of %s schools: %.2f s, peak %d MiB, %s HTML files\n" "$SCHOOLS" "$(echo "$end - $start" | bc -l)" \
  "$(( $(cat "$WORK/mem") / 1024 ))" "$(find "$WORK/public" -name '*.html' | wc -l)"
grep -E "^Банк практик|^  исключена|^Готово" "$WORK/log"

# One school changed overnight: a case's text edited, then the bank built again from its cache.
school="$WORK/content/schools/s0002/content/cases"
case=$(ls "$school" | sed -n 1p)
echo "Абзац, добавленный для замера." >> "$school/$case"
sync
start=$(date +%s.%N)
NASTAVNIK_TODAY=2026-11-26 /usr/bin/time -f "%M" -o "$WORK/mem" "$BIN" build --content "$WORK/content" --out "$WORK/public" > "$WORK/log" 2>&1 \
  || { tail -20 "$WORK/log"; exit 1; }
end=$(date +%s.%N)
printf "bank, one school changed: %.2f s, peak %d MiB\n" "$(echo "$end - $start" | bc -l)" "$(( $(cat "$WORK/mem") / 1024 ))"
grep -E "^Готово|^Собрано" "$WORK/log"
rm -rf "$TRASH"

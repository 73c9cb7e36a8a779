#!/usr/bin/env bash
# make bench: the generated corpus built by nastavnik (release) and by Debian's hugo, paired in
# one run; then nastavnik's rebuilds from its cache, the 50,000-page scale run and serve.
# Usage: Benchmarks/run.sh [PAGES]   (default 10000; BENCH_SCALE=0 skips the 50,000-page run)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
WORK=Benchmarks/.corpus
for tool in hugo bc:bc time:/usr/bin/time; do
  pkg=${tool%%:*}; cmd=${tool#*:}
  command -v "$cmd" >/dev/null || { echo "Устанавливаю $pkg"; $( [ "$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq "$pkg" >/dev/null; }
done
swift build -c release --product nastavnik >/dev/null
BIN=$(swift build -c release --show-bin-path)/nastavnik

# The last run's files are moved aside, and removed once everything is timed: ext4 without a
# journal (this machine's) passes over inodes freed in the last minute when it makes new ones,
# which would charge the first build for the benchmark's own `rm -rf` (docs/benchmarks.md).
TRASH=Benchmarks/.trash
mkdir -p "$TRASH"
[ -e "$WORK" ] && mv "$WORK" "$TRASH/corpus-$$"
mkdir -p "$WORK"
python3 ../shared/bench/gen_corpus.py --out "$WORK" --pages "$PAGES" 2>/dev/null
echo "corpus: $PAGES pages in $WORK/content"

# Hugo gets the same Markdown files as its content sections, twice: the lean site of
# Benchmarks/hugo-site (no taxonomies, HTML and RSS only) and Hugo's defaults (taxonomies,
# every default output), which is what a new Hugo user gets.
for variant in lean default; do
  site="$WORK/hugo-$variant"
  mkdir -p "$site/content"
  cp -r Benchmarks/hugo-site/layouts "$site/"
  if [ "$variant" = lean ]; then
    cp Benchmarks/hugo-site/config.toml "$site/"
  else
    grep -vE '^(disableKinds|\[outputs\]|  (home|section) =)' Benchmarks/hugo-site/config.toml > "$site/config.toml"
  fi
  for s in cases news mentors; do cp -r "$WORK/content/$s" "$site/content/$s"; done
done

now() { date +%s.%N; }
# timed NAME COMMAND...: wall seconds into $NAME.s, peak KiB into $NAME.mem.
timed() {
  local name=$1; shift
  local t0; t0=$(now)
  /usr/bin/time -f "%M" -o "$WORK/$name.mem" "$@" > "$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log"; exit 1; }
  echo "$(now) - $t0" | bc -l > "$WORK/$name.s"
}
secs() { printf "%.2f" "$(cat "$WORK/$1.s")"; }
mib() { echo $(( $(cat "$WORK/$1.mem") / 1024 )); }

export NASTAVNIK_TODAY=2026-11-26
# Each timed step starts with nothing left to write to disk (`sync`): the kernel writes dirty
# pages back 30 s after they were made, which on this machine would fall into the cached
# rebuilds with the hundreds of megabytes the cold builds before them wrote.
sync
timed nastavnik "$BIN" build --no-cache --content "$WORK/content" --out "$WORK/public-nastavnik"
timed hugo-lean hugo --quiet -s "$WORK/hugo-lean" -d "$(pwd)/$WORK/public-hugo-lean"
timed hugo-default hugo --quiet -s "$WORK/hugo-default" -d "$(pwd)/$WORK/public-hugo-default"

html() { find "$WORK/$1" -name '*.html' | wc -l; }
bytes() { du -sm "$WORK/$1" | cut -f1; }
printf "nastavnik:          %6.2f s  peak %5d MiB  %6s HTML files, %4s MB\n" "$(secs nastavnik)" "$(mib nastavnik)" "$(html public-nastavnik)" "$(bytes public-nastavnik)"
printf "hugo (lean site):   %6.2f s  peak %5d MiB  %6s HTML files, %4s MB\n" "$(secs hugo-lean)" "$(mib hugo-lean)" "$(html public-hugo-lean)" "$(bytes public-hugo-lean)"
printf "hugo (defaults):    %6.2f s  peak %5d MiB  %6s HTML files, %4s MB\n" "$(secs hugo-default)" "$(mib hugo-default)" "$(html public-hugo-default)" "$(bytes public-hugo-default)"
printf "ratio nastavnik / hugo: %.2f (lean), %.2f (defaults); the target is 0.4\n" \
  "$(echo "$(cat $WORK/nastavnik.s) / $(cat $WORK/hugo-lean.s)" | bc -l)" "$(echo "$(cat $WORK/nastavnik.s) / $(cat $WORK/hugo-default.s)" | bc -l)"

# Rebuilds from the cache (.nastavnik-cache beside the content): nothing changed, then one
# news item and one case edited.
sync
timed nochange "$BIN" build --content "$WORK/content" --out "$WORK/public-nastavnik"
# Five rebuilds, each after one more news body changed: on a shared two-core machine one run
# moves by a fifth either way, so the median is what is compared with the target.
for n in 1 2 3 4 5; do
  news=$(ls "$WORK/content/news" | sed -n ${n}p)
  sleep 2
  echo "Абзац, добавленный для замера." >> "$WORK/content/news/$news"
  timed onenews$n "$BIN" build --content "$WORK/content" --out "$WORK/public-nastavnik"
done
onenews=$(for n in 1 2 3 4 5; do secs onenews$n; echo; done | sort -n | tr '\n' ' ')
case=$(ls "$WORK/content/cases" | sed -n 1p)
sed -i '0,/^title: "/s//title: "Правка: /' "$WORK/content/cases/$case"
timed onecase "$BIN" build --content "$WORK/content" --out "$WORK/public-nastavnik"
printf "cached rebuild, nothing changed:   %6.2f s  peak %5d MiB\n" "$(secs nochange)" "$(mib nochange)"
printf "cached rebuild, one news body:     %6.2f s  (the median of five runs: %s s) (%s)\n" "$(echo $onenews | cut -d' ' -f3)" "$onenews" \
  "$(grep '^Собрано заново' "$WORK/onenews1.log" || true)"
printf "cached rebuild, one case's title:  %6.2f s  (%s)\n" "$(secs onecase)" "$(grep '^Собрано заново' "$WORK/onecase.log" || true)"

if [ "${BENCH_SCALE:-1}" != 0 ]; then
  python3 ../shared/bench/gen_corpus.py --out "$WORK/scale" --pages 50000 2>/dev/null
  sync
  timed scale "$BIN" build --no-cache --content "$WORK/scale/content" --out "$WORK/scale/public"
  printf "50,000 pages:       %6.2f s  peak %5d MiB  (%.1f× the %s-page time; limits: 5.5×, 1024 MiB)\n" "$(secs scale)" "$(mib scale)" \
    "$(echo "$(cat $WORK/scale.s) / $(cat $WORK/nastavnik.s)" | bc -l)" "$PAGES"
  mv "$WORK/scale" "$TRASH/scale-$$"
fi

# serve: one news item edited, until the tab has the reload event and the new HTML.
sync
rm -rf "$WORK/serve"; mkdir -p "$WORK/serve"
python3 ../shared/bench/gen_corpus.py --out "$WORK/serve" --pages 1000 2>/dev/null
echo "serve, 1,000 pages:"
python3 Benchmarks/serve_rebuild.py "$BIN" "$WORK/serve/content" 30
echo "serve, $PAGES pages:"
python3 Benchmarks/serve_rebuild.py "$BIN" "$WORK/content" 15
rm -rf "$TRASH"

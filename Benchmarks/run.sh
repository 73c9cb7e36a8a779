#!/usr/bin/env bash
# make bench: the same generated corpus built by nastavnik (release) and by Debian's hugo.
# Usage: Benchmarks/run.sh [PAGES]   (default 10000)
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

rm -rf "$WORK"; mkdir -p "$WORK"
python3 ../shared/bench/gen_corpus.py --out "$WORK" --pages "$PAGES" 2>/dev/null
echo "corpus: $PAGES pages in $WORK/content"

# Hugo gets the same Markdown files as its content sections.
HUGO="$WORK/hugo"
mkdir -p "$HUGO"
cp -r Benchmarks/hugo-site/config.toml Benchmarks/hugo-site/layouts "$HUGO/"
mkdir -p "$HUGO/content"
for s in cases news mentors; do cp -r "$WORK/content/$s" "$HUGO/content/$s"; done

now() { date +%s.%N; }
t0=$(now)
NASTAVNIK_TODAY=2026-11-26 /usr/bin/time -f "%M" -o "$WORK/nastavnik.mem" "$BIN" build --content "$WORK/content" --out "$WORK/public-nastavnik" > "$WORK/nastavnik.log" 2>&1 || { cat "$WORK/nastavnik.log"; exit 1; }
t1=$(now)
/usr/bin/time -f "%M" -o "$WORK/hugo.mem" hugo --quiet -s "$HUGO" -d "$(pwd)/$WORK/public-hugo" > "$WORK/hugo.log" 2>&1 || { cat "$WORK/hugo.log"; exit 1; }
t2=$(now)

n=$(echo "$t1 - $t0" | bc -l); h=$(echo "$t2 - $t1" | bc -l)
printf "nastavnik: %6.2f s  (%s pages written, peak %d MiB)\n" "$n" "$(find "$WORK/public-nastavnik" -name '*.html' | wc -l)" "$(( $(cat "$WORK/nastavnik.mem") / 1024 ))"
printf "hugo:      %6.2f s  (%s pages written, peak %d MiB)\n" "$h" "$(find "$WORK/public-hugo" -name '*.html' | wc -l)" "$(( $(cat "$WORK/hugo.mem") / 1024 ))"
printf "ratio:     hugo / nastavnik = %.1f×\n" "$(echo "$h / $n" | bc -l)"
tail -1 "$WORK/nastavnik.log"

# serve: one news item edited on a 1,000-page site, until the tab has the reload event and the new HTML.
rm -rf "$WORK/serve"; mkdir -p "$WORK/serve"
python3 ../shared/bench/gen_corpus.py --out "$WORK/serve" --pages 1000 2>/dev/null
python3 Benchmarks/serve_rebuild.py "$BIN" "$WORK/serve/content" 30

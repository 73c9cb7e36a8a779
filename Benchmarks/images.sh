#!/usr/bin/env bash
# make bench-images: the demo site with 50 camera-sized photos (4000×3000 JPEG with EXIF and
# GPS, as a phone writes them) as news covers and pictures in the text: a cold build (empty
# image cache) and a warm one (every picture from the cache). See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=Benchmarks/.images
swift build -c release --product nastavnik >/dev/null
BIN=$(swift build -c release --show-bin-path)/nastavnik
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r content "$WORK/content"
python3 - "$WORK/content" <<'PY'
import random, sys
from PIL import Image
root = sys.argv[1]
random.seed(7)
exif = Image.Exif()
exif[0x0112] = 6
exif[0x8825] = {1: "N", 2: (58.0, 36.0, 0.0), 3: "E", 4: (49.0, 40.0, 0.0)}
base = Image.effect_noise((4000, 3000), 60).convert("RGB")
for i in range(50):
    tint = Image.new("RGB", (4000, 3000), (random.randrange(256), random.randrange(256), random.randrange(256)))
    Image.blend(base, tint, 0.5).save(f"{root}/images/photo-{i:02}.jpg", quality=92, exif=exif.tobytes())
    with open(f"{root}/news/2024-10-{i % 28 + 1:02}-foto-{i:02}.md", "w") as f:
        f.write(f'---\ntitle: "Фоторепортаж {i + 1}"\ndate: 2024-10-{i % 28 + 1:02}\ncover: images/photo-{i:02}.jpg\n'
                f'cover_alt: "Занятие наставнической пары, снимок {i + 1}"\n---\nРепортаж.\n\n![Снимок {i + 1}](/images/photo-{i:02}.jpg)\n')
PY
echo "photos: $(du -sh "$WORK/content/images" | cut -f1) in $(ls "$WORK/content/images" | wc -l) files"
run() {
  local start end
  start=$(date +%s.%N)
  NASTAVNIK_TODAY=2026-11-26 /usr/bin/time -f "%M" -o "$WORK/mem" "$BIN" build --content "$WORK/content" --out "$WORK/public" > "$WORK/log" 2>&1 \
    || { cat "$WORK/log"; exit 1; }
  end=$(date +%s.%N)
  printf "%s: %.2f s, peak %d MiB\n" "$1" "$(echo "$end - $start" | bc)" "$(( $(cat "$WORK/mem") / 1024 ))"
}
rm -rf "$WORK/.nastavnik-cache"
run "cold (empty cache)"
run "warm (from the cache)"
echo "published pictures: $(du -sh "$WORK/public/images" | cut -f1) in $(ls "$WORK/public/images" | wc -l) files"

#!/usr/bin/env bash
# The program the way a school's web person gets it: unpacked from the tarball (and installed
# from the .deb) into a temporary root, run with the Swift toolchain made invisible — a private
# mount namespace in which the toolchain's folder is covered by an empty one — from an empty
# folder: init, build, --version, help, serve. Also `make install PREFIX=…`.
# Usage: Tests/dist/check.sh   (after Scripts/dist.sh; needs root for the namespace)
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/nastavnik/Version.swift)
tarball="dist/nastavnik-$version-linux-$(uname -m).tar.xz"
deb="dist/nastavnik_${version}_$(dpkg --print-architecture).deb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
ok() { echo "  ok: $1"; passed=$((passed + 1)); }
bad() { echo "  НЕ ПРОЙДЕНО: $1"; failed=$((failed + 1)); }

tar -C "$work" -xJf "$tarball"
unpacked="$work/nastavnik-$version-linux-$(uname -m)"
dpkg-deb -x "$deb" "$work/debroot"
make --no-print-directory install PREFIX="$work/prefix" BINARY="$unpacked/nastavnik" >/dev/null

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
echo "Скрываю набор Swift: $toolchain"
port=$(( 20000 + RANDOM % 20000 ))
# Everything below runs where the toolchain's folder is empty.
unshare -m bash -euo pipefail -s "$toolchain" "$port" "$work" "$unpacked" > "$work/log" 2>&1 <<'INNER' || true
toolchain=$1; port=$2; work=$3; unpacked=$4
mount --make-rprivate /
mount -t tmpfs none "$toolchain"
[ -z "$(ls -A "$toolchain")" ] && echo "hidden: yes"
for bin in "$unpacked/nastavnik" "$work/debroot/usr/bin/nastavnik" "$work/prefix/bin/nastavnik"; do
  mkdir -p "$work/empty" && cd "$work/empty" && rm -rf s
  echo "== $bin"
  PATH="$(dirname "$bin"):/usr/bin:/bin" nastavnik --version
  PATH="$(dirname "$bin"):/usr/bin:/bin" nastavnik init s >/dev/null 2>&1
  (cd s && PATH="$(dirname "$bin"):/usr/bin:/bin" nastavnik build 2>&1 | tail -1)
  [ -f s/public/index.html ] && echo "built: yes"
  grep -q "<html lang=\"ru\"" s/public/index.html && echo "page: yes"
  { PATH="$(dirname "$bin"):/usr/bin:/bin" nastavnik help content || true; } | head -1
done
cd "$work/empty/s"
"$unpacked/nastavnik" serve --port "$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q "Сайт: http://127.0.0.1:$port/" "$work/serve.log" && break; sleep 0.1; done
code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/")
echo "serve: $code"
kill -INT $pid; wait $pid || true
INNER

log=$(cat "$work/log")
grep -q "hidden: yes" <<<"$log" && ok "набор Swift скрыт ($toolchain)" || bad "набор Swift не скрыт: $log"
for what in "$unpacked/nastavnik" "$work/debroot/usr/bin/nastavnik" "$work/prefix/bin/nastavnik"; do
  block=$(awk -v b="== $what" '$0==b{f=1;next} /^== /{f=0} f' <<<"$log")
  label=${what#"$work/"}
  grep -q "^nastavnik $version$" <<<"$block" && ok "$label --version" || bad "$label --version: $block"
  grep -q "built: yes" <<<"$block" && grep -q "page: yes" <<<"$block" && ok "$label: init + build → public/index.html" || bad "$label build: $block"
  grep -q "^# Материалы сайта" <<<"$block" && ok "$label help content" || bad "$label help content: $block"
done
grep -q "serve: 200" <<<"$log" && ok "serve отвечает на 127.0.0.1" || bad "serve: $log"
if ldd "$unpacked/nastavnik" | grep -qE "swift|cmark|curl|jpeg|png|webp"; then bad "зависит от библиотек Swift или cmark: $(ldd "$unpacked/nastavnik")"; else ok "только системные библиотеки (ldd)"; fi
for f in README.md docs/content.md licenses/cmark-gfm.txt licenses/swift.txt; do
  [ -s "$unpacked/$f" ] && ok "в архиве есть $f" || bad "в архиве нет $f"
done
echo "dist: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Builds the self-contained Linux release: dist/nastavnik-<version>-linux-x86_64.tar.xz and
# dist/nastavnik_<version>_amd64.deb. The Swift standard library and libcmark-gfm are linked
# statically (Debian's .a files), so the program runs without a Swift toolchain; it needs only
# libc, libstdc++, libgcc and zlib, which every Debian and Ubuntu has.
#
# Usage: Scripts/dist.sh [release|debug]   (debug: the quick build `make test` packages and checks)
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-release}"
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/nastavnik/Version.swift)
arch=$(uname -m)
scratch=".build-static"
[ "$config" = release ] && scratch=".build-release"

# libcmark-gfm statically: a pkg-config file whose -L names a folder holding only the .a
# files, searched before the system folder that also has the .so.
libs="$PWD/$scratch-libs"
mkdir -p "$libs/pkgconfig"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo "$arch-linux-gnu")
# The picture codecs the same way (zlib stays shared: every system has it).
for lib in libcmark-gfm libcmark-gfm-extensions libjpeg libpng16 libwebp libstemmer; do ln -sf "/usr/lib/$multiarch/$lib.a" "$libs/$lib.a"; done
sed -e "s|^Libs:.*|Libs: -L$libs -lcmark-gfm -lcmark-gfm-extensions|" "/usr/lib/$multiarch/pkgconfig/libcmark-gfm.pc" > "$libs/pkgconfig/libcmark-gfm.pc"

started=$(date +%s)
PKG_CONFIG_PATH="$libs/pkgconfig" swift build -c "$config" --static-swift-stdlib --scratch-path "$scratch" --product nastavnik
binary="$scratch/$config/nastavnik"
strip -o "$scratch/nastavnik.stripped" "$binary"
binary="$scratch/nastavnik.stripped"
echo "Сборка: $(( $(date +%s) - started )) с, размер программы: $(du -k "$binary" | cut -f1) КБ" >&2
if ldd "$binary" | grep -E "swift|cmark|Foundation|curl|jpeg|png|webp|stemmer"; then
  echo "ошибка: программа зависит от библиотек выше — она не самодостаточна" >&2
  exit 1
fi

name="nastavnik-$version-linux-$arch"
stage="dist/$name"
rm -rf "$stage" && mkdir -p "$stage/docs" "$stage/licenses"
cp "$binary" "$stage/nastavnik"
cp README.md "$stage/"
cp docs/content.md docs/rules.md docs/themes.md "$stage/docs/"
# Licences of everything linked into the program.
cp /opt/swift/usr/share/swift/LICENSE.txt "$stage/licenses/swift.txt" 2>/dev/null || true
cp "/usr/share/doc/libcmark-gfm0.29.0.gfm.6/copyright" "$stage/licenses/cmark-gfm.txt" 2>/dev/null \
  || cp /usr/share/doc/libcmark-gfm*/copyright "$stage/licenses/cmark-gfm.txt" 2>/dev/null || true
for doc in libjpeg62-turbo libpng16-16 libwebp7 libstemmer0d; do
  [ -f "/usr/share/doc/$doc/copyright" ] && cp "/usr/share/doc/$doc/copyright" "$stage/licenses/$doc.txt"
done
for package in "$scratch"/checkouts/*; do
  for file in "$package"/LICENSE*; do [ -f "$file" ] && cp "$file" "$stage/licenses/$(basename "$package").txt"; done
done
# The quick debug package for the tests needs no strong compression.
level=-9; [ "$config" = debug ] && level=-0
XZ_OPT="$level -T0" tar -C dist -cJf "dist/$name.tar.xz" "$name"

# The .deb: the same program in /usr/bin, the documentation in /usr/share/doc/nastavnik.
debarch=$(dpkg --print-architecture)
deb="dist/deb"
rm -rf "$deb" && mkdir -p "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/doc/nastavnik"
cp "$binary" "$deb/usr/bin/nastavnik"
cp README.md docs/content.md docs/rules.md docs/themes.md "$deb/usr/share/doc/nastavnik/"
cat "$stage"/licenses/*.txt > "$deb/usr/share/doc/nastavnik/copyright"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: nastavnik
Version: $version
Architecture: $debarch
Maintainer: nastavnik <nastavnik@localhost>
Depends: libc6, libstdc++6, libgcc-s1, zlib1g
Section: web
Priority: optional
Description: генератор сайта «Наставничество» для школ и региональных центров
 Проверяет материалы (Markdown и YAML) по целевой модели наставничества и собирает
 статический сайт. Справка: nastavnik help content.
CONTROL
dpkg-deb --build --root-owner-group "$deb" "dist/nastavnik_${version}_$debarch.deb" >/dev/null
rm -rf "$deb"
ls -l "dist/$name.tar.xz" "dist/nastavnik_${version}_$debarch.deb" >&2

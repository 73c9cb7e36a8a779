#!/usr/bin/env python3
"""A regional bank for benchmarks: N schools, each a content folder made by
../shared/bench/gen_corpus.py (about 30 cases, 20 or more of them distinct practices, 37 news and 7 mentors
per school with the default 75 pages), plus the bank's own site.yml and indicators.yml. One school is broken
(a YAML error) and one is ten times larger, to show that neither holds up the rest.
Usage: gen_bank.py OUT [SCHOOLS] [PAGES_PER_SCHOOL]
"""
import importlib.util
import os
import pathlib
import shutil
import sys

here = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("gen_corpus", here.parent.parent / "shared/bench/gen_corpus.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)


def main():
    out = pathlib.Path(sys.argv[1])
    schools = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    pages = int(sys.argv[3]) if len(sys.argv) > 3 else 75
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "schools").mkdir(parents=True)
    stderr = sys.stderr
    sys.stderr = open(os.devnull, "w")
    try:
        for n in range(1, schools + 1):
            size = pages * 10 if n == 2 else pages
            gen.generate(str(content / "schools" / f"s{n:04d}"), size, n)
    finally:
        sys.stderr = stderr
    # Generated schools draw names from a small pool; the centre's schools have their own.
    for n in range(1, schools + 1):
        settings = content / "schools" / f"s{n:04d}" / "content" / "site.yml"
        lines = settings.read_text(encoding="utf-8").splitlines()
        lines = [f'  name: "Школа № {n} (образец для банка)"' if l.startswith("  name:") else l for l in lines]
        settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = sorted((content / "schools" / "s0001" / "content" / "cases").glob("*.md"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    (content / "site.yml").write_text("""kind: bank
title: "Банк лучших практик наставничества"
organization:
  name: "Региональный наставнический центр"
  kind: regional_center
  region: "Самарская область"
base_url: "https://bank.example.ru/"
sources: ["schools/*/content"]
""", encoding="utf-8")
    (content / "indicators.yml").write_text("""territory: "Самарская область"
indicators:
  - id: mentees_10_19
    targets: { 2020: 10, 2021: 20, 2022: 35, 2023: 50, 2024: 70 }
  - id: mentors_15_19
    targets: { 2020: 10, 2021: 15, 2022: 20, 2023: 25, 2024: 30 }
""", encoding="utf-8")
    print(f"bank: {schools} schools in {content}", file=sys.stderr)


if __name__ == "__main__":
    main()

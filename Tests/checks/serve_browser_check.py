#!/usr/bin/env python3
"""`nastavnik serve` as an editor sees it, in Chromium: the open tab reloads by itself after
an edit, shows the error overlay with file and line after a bad edit, and drops it once the
file is fixed. Usage: serve_browser_check.py NASTAVNIK_BINARY CONTENT_DIR (a copy: it is edited)
"""
import pathlib
import socket
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch, report


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    binary, content = sys.argv[1], pathlib.Path(sys.argv[2])
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--content", str(content), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    problems = []
    try:
        while "Сайт: " not in (server.stderr.readline() or "Сайт: "):
            pass
        news = sorted((content / "news").glob("*.md"))[-1]
        original = news.read_text(encoding="utf-8")
        slug = news.stem
        with sync_playwright() as pw:
            browser = browser_launch(pw)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/news/{slug}/")
            page.wait_for_timeout(500)  # the event stream connects

            news.write_text(original.replace("\n---\n", "\n---\n\nПравка из проверки браузером.\n", 1), encoding="utf-8")
            try:
                page.wait_for_function("document.body.innerText.replace(/\\u00a0/g, ' ').includes('Правка из проверки браузером.')", timeout=10000)
            except Exception:
                problems.append("вкладка не обновилась сама после правки")

            broken = content / "news" / "2024-01-01-slomano.md"
            broken.write_text("---\ntitle: [не закрыто\n---\nТекст\n", encoding="utf-8")
            try:
                page.wait_for_selector("#nastavnik-overlay", timeout=10000)
                text = page.inner_text("#nastavnik-overlay")
                if "2024-01-01-slomano.md:3:1" not in text or "yaml.syntax" not in text:
                    problems.append(f"в окне ошибки нет файла и строки: {text[:200]!r}")
            except Exception:
                problems.append("окно с ошибкой не появилось")

            broken.unlink()
            try:
                page.wait_for_selector("#nastavnik-overlay", state="detached", timeout=10000)
            except Exception:
                problems.append("окно с ошибкой не исчезло после исправления")
            browser.close()
        news.write_text(original, encoding="utf-8")
    finally:
        server.send_signal(2)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            problems.append("serve не остановился по Ctrl+C")
    return report(problems, "serve в браузере")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""One-edit rebuild latency of `nastavnik serve` on a generated corpus.

Starts the server, listens to its event stream like a browser tab, then repeatedly edits
one news item and measures from the moment the file is written until the browser has
both the reload event and the changed HTML. Prints the median, p90 and max in ms.
Usage: serve_rebuild.py BINARY CONTENT_DIR [RUNS]
"""
import http.client
import pathlib
import socket
import statistics
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, content = sys.argv[1], pathlib.Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--content", str(content), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True, env={"NASTAVNIK_TODAY": "2026-11-26", "PATH": "/usr/bin:/bin"})
    first = ""
    while "Сайт: " not in first:
        line = server.stderr.readline()
        if not line:
            sys.exit("serve stopped: " + first)
        first += line
    log = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stderr], daemon=True).start()
    pages = int(first.split("пересобрано ")[1].split(" из ")[1].split()[0])

    reloads = []
    cond = threading.Condition()

    def listen():
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", "/__nastavnik/events")
        response = conn.getresponse()
        while True:
            line = response.fp.readline()
            if not line:
                return
            if line.startswith(b"event: reload"):
                with cond:
                    reloads.append(time.perf_counter())
                    cond.notify_all()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.5)

    news = sorted((content / "news").glob("*.md"))[len(list((content / "news").glob("*.md"))) // 2]
    slug = news.stem
    original = news.read_text(encoding="utf-8")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    timings = []
    try:
        for run in range(runs):
            marker = f"Правка номер {run}"
            text = original.replace("\n---\n", f"\n---\n\n{marker}\n", 1)
            with cond:
                seen = len(reloads)
            started = time.perf_counter()
            news.write_text(text, encoding="utf-8")
            with cond:
                if not cond.wait_for(lambda: len(reloads) > seen, timeout=10):
                    sys.exit("no reload event; serve said:\n" + "".join(log[-20:]))
            conn.request("GET", f"/news/{slug}/")
            body = conn.getresponse().read().decode("utf-8")
            if marker not in body:
                sys.exit("the page does not show the edit")
            timings.append((time.perf_counter() - started) * 1000)
            time.sleep(0.15)
    finally:
        news.write_text(original, encoding="utf-8")
        server.send_signal(2)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            print("serve did not stop on Ctrl+C", file=sys.stderr)
    timings.sort()
    print(f"pages: {pages}, runs: {runs}")
    print(f"edit → reload event → changed HTML: median {statistics.median(timings):.0f} ms, "
          f"p90 {timings[int(len(timings) * 0.9) - 1]:.0f} ms, max {timings[-1]:.0f} ms")


if __name__ == "__main__":
    main()

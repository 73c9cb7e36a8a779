"""Headless Chromium for the checks: Debian's package (or $CHROMIUM), never a download."""
import os
import shutil

CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"]


def launch(pw):
    path = os.environ.get("CHROMIUM") or next((p for p in CANDIDATES if os.path.exists(p)), None) or shutil.which("chromium")
    if not path:
        raise SystemExit("Chromium не найден: поставьте пакет chromium или укажите путь в переменной CHROMIUM")
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    return pw.chromium.launch(executable_path=path, args=["--no-sandbox"])

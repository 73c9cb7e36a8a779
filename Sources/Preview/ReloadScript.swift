import Foundation

/// The script `serve` adds to every page: reloads the tab after a rebuild and shows the
/// diagnostics over the page after a bad edit. Never part of a built site.
enum ReloadScript {
    static let path = "/__nastavnik/reload.js"
    static let tag = "<script src=\"\(path)\"></script>"

    /// Inserts the script before `</body>` (or at the end).
    static func inject(into html: Data) -> Data {
        let marker = Data("</body>".utf8)
        guard let range = html.range(of: marker, options: .backwards) else { return html + Data(tag.utf8) }
        var out = html
        out.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(tag.utf8))
        return out
    }

    static let source = #"""
    // nastavnik serve: live reload and the error overlay.
    (function () {
      var box = null;
      function hide() { if (box) { box.remove(); box = null; } }
      function show(status) {
        hide();
        box = document.createElement("div");
        box.id = "nastavnik-overlay";
        box.setAttribute("role", "alertdialog");
        box.setAttribute("aria-label", "Ошибки в материалах");
        box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;" +
          "font:16px/1.5 system-ui,sans-serif;padding:2rem";
        var h = document.createElement("h2");
        h.textContent = "Сайт не обновлён: исправьте ошибки (" + status.errors.length + ")";
        h.style.cssText = "color:#ff8a80;margin-top:0";
        box.appendChild(h);
        status.errors.forEach(function (e) {
          var p = document.createElement("pre");
          p.style.cssText = "white-space:pre-wrap;background:#2b2b2b;padding:1rem;border-left:4px solid #ff5252;font:14px/1.5 monospace";
          p.textContent = e.file + (e.line ? ":" + e.line + ":" + e.column : "") + (e.message ? ": " + e.message : "") +
            (e.rule ? " [" + e.rule + "]" : "") + (e.hint ? "\n" + e.hint : "");
          box.appendChild(p);
        });
        var note = document.createElement("p");
        note.textContent = "Показана последняя удачная версия. Окно закроется само, когда файл будет исправлен.";
        box.appendChild(note);
        document.body.appendChild(box);
      }
      var wasBroken = false;
      var source = new EventSource("/__nastavnik/events");
      source.addEventListener("status", function (ev) {
        var status = JSON.parse(ev.data);
        if (status.ok) { if (wasBroken) location.reload(); hide(); } else { wasBroken = true; show(status); }
      });
      source.addEventListener("reload", function () { location.reload(); });
    })();
    """#
}

// Version for the visually impaired, refined with JavaScript. Without JavaScript the link
// in the header leads to the pre-rendered copy of the site under sv/ (class "vision").
// Here the settings become classes on <html>, remembered in localStorage per version.
(function () {
  var root = document.documentElement;
  var vision = root.getAttribute("data-vision") === "on";
  var KEY = vision ? "nastavnik-a11y-sv" : "nastavnik-a11y";
  var state = vision ? { size: 1, contrast: true, spacing: true } : {};
  try { var saved = localStorage.getItem(KEY); if (saved) state = JSON.parse(saved); } catch (e) {}
  function apply() {
    root.classList.remove("vision");
    root.classList.toggle("a11y-large", state.size === 1);
    root.classList.toggle("a11y-xlarge", state.size === 2);
    root.classList.toggle("a11y-contrast", !!state.contrast);
    root.classList.toggle("a11y-noimages", !!state.noimages);
    root.classList.toggle("a11y-spacing", !!state.spacing);
  }
  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("a11y");
    if (!panel) return;
    var controls = [
      ["size", "Крупный шрифт", function () { state.size = ((state.size || 0) + 1) % 3; }],
      ["contrast", "Высокий контраст", function () { state.contrast = !state.contrast; }],
      ["noimages", "Без картинок", function () { state.noimages = !state.noimages; }],
      ["spacing", "Разреженный текст", function () { state.spacing = !state.spacing; }]
    ];
    // The buttons fold behind one «Настройки» disclosure, so that on a phone the header keeps
    // to a single row of tools; the panel opens over the page, under the header.
    var more = document.createElement("details");
    more.className = "a11y-more";
    var summary = document.createElement("summary");
    summary.innerHTML = '<span class="a11y-more-icon" aria-hidden="true">Аа</span><span class="a11y-more-text">Настройки</span>';
    var box = document.createElement("div");
    box.className = "a11y-buttons";
    more.appendChild(summary);
    more.appendChild(box);
    controls.forEach(function (c) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = c[1];
      var sync = function () { b.setAttribute("aria-pressed", String(!!state[c[0]])); };
      sync();
      b.addEventListener("click", function () {
        c[2](); apply(); sync();
        try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {}
      });
      box.appendChild(b);
    });
    panel.appendChild(more);
    // The panel covers the top of the page: it closes when focus or a click goes elsewhere,
    // so it never hides what has focus. Escape closes either header disclosure.
    more.addEventListener("focusout", function (e) {
      if (more.open && e.relatedTarget && !more.contains(e.relatedTarget)) more.open = false;
    });
    document.addEventListener("click", function (e) {
      if (more.open && !more.contains(e.target)) more.open = false;
    });
    [].forEach.call(document.querySelectorAll(".site-header details"), function (d) {
      d.addEventListener("keydown", function (e) {
        if (e.key !== "Escape" || !d.open) return;
        d.open = false;
        d.querySelector("summary").focus();
      });
    });
  });
})();

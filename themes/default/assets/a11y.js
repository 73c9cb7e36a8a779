// Version for the visually impaired: settings are classes on <html>, kept in localStorage.
(function () {
  var KEY = "nastavnik-a11y";
  var root = document.documentElement;
  var state = {};
  try { state = JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) {}
  function apply() {
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
    panel.innerHTML = "";
    var controls = [
      ["size", "Крупный шрифт", function () { state.size = ((state.size || 0) + 1) % 3; }],
      ["contrast", "Высокий контраст", function () { state.contrast = !state.contrast; }],
      ["noimages", "Без картинок", function () { state.noimages = !state.noimages; }],
      ["spacing", "Разреженный текст", function () { state.spacing = !state.spacing; }]
    ];
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
      panel.appendChild(b);
    });
  });
})();

// Practices of a bank: filter by form, role model, level, municipality and year and search
// words over all of them at once. Without JavaScript the pre-rendered facet pages do this.
(function () {
  var form = document.querySelector("form.practice-filter");
  if (!form) return;
  form.hidden = false;
  var out = document.getElementById("practice-results");
  var list = document.getElementById("practice-static");
  var index = null;
  var ENDINGS = ["иями","ями","ами","ией","иях","ого","его","ому","ему","ыми","ими","ая","яя","ое","ее","ые","ие","ий","ый","ой","ей","ом","ем","ах","ях","ов","ев","ам","ям","ию","ия","ии","ы","и","а","я","о","е","у","ю","ь"];
  function fold(s) { return s.toLowerCase().replace(/ё/g, "е"); }
  function stem(w) {
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (w.length - e.length >= 3 && w.slice(-e.length) === e) return w.slice(0, -e.length);
    }
    return w;
  }
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }
  function run() {
    var data = new FormData(form);
    var stems = fold(data.get("q") || "").split(/[^a-zа-я0-9]+/).filter(Boolean).map(stem);
    var picked = ["f", "r", "l", "m", "y"].filter(function (k) { return data.get(k); });
    if (!stems.length && !picked.length) { out.innerHTML = ""; list.hidden = false; return; }
    var hits = index.filter(function (p) {
      return picked.every(function (k) { return p[k] === data.get(k); }) &&
        stems.every(function (s) { return p.x.indexOf(s) !== -1; });
    });
    list.hidden = true;
    out.innerHTML = "";
    out.appendChild(text("p", "Найдено практик: " + hits.length + (hits.length > 200 ? " (показаны первые 200)" : "")));
    var ul = document.createElement("ul");
    ul.className = "cards";
    hits.slice(0, 200).forEach(function (p) {
      var li = document.createElement("li");
      li.className = "card";
      var h = document.createElement("h3");
      var a = text("a", p.t);
      a.href = form.dataset.root + p.u;
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(text("p", p.o + ", " + p.m + " · " + p.f + (p.y ? " · " + p.y : ""), "meta"));
      if (p.s) li.appendChild(text("p", p.s));
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  // The choices of each list come from the data, sorted, with their counts.
  function fillChoices() {
    ["f", "r", "l", "m", "y"].forEach(function (k) {
      var select = form.elements[k];
      if (!select) return;
      var counts = {};
      index.forEach(function (p) { if (p[k]) counts[p[k]] = (counts[p[k]] || 0) + 1; });
      Object.keys(counts).sort(function (a, b) { return k === "y" ? b.localeCompare(a) : a.localeCompare(b, "ru"); })
        .forEach(function (v) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v + " (" + counts[v] + ")";
          select.appendChild(o);
        });
    });
  }
  var waiting = null;
  // A script, not fetch(): it also loads when the site is opened from disk.
  function load(then) {
    if (index) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var s = document.createElement("script");
    s.src = form.dataset.index;
    s.onload = function () {
      index = window.nastavnikPractices || [];
      fillChoices();
      waiting.forEach(function (f) { f(); });
    };
    s.onerror = function () { out.textContent = "Не удалось загрузить список практик; пользуйтесь фильтрами слева."; };
    document.head.appendChild(s);
  }
  form.addEventListener("focusin", function () { load(function () {}); }, { once: true });
  form.addEventListener("input", function () { load(run); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(run); });
})();

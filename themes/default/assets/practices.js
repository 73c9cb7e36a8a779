// Practices of a bank: pick by form, role model, level, municipality and year and search words,
// all at once. Without JavaScript the pre-rendered facet pages and their links do this.
// The choice is kept in the URL query under the names of the facet pages' paths
// (?form=uchenik-uchenik&municipality=g-kirov&q=…), so that it can be shared and Back undoes it;
// on a facet page a key in the query overrides the page's own choice (?form= clears it).
(function () {
  var form = document.getElementById("pf-form");
  var facets = document.getElementById("practice-facets");
  if (!form || !facets || !window.history || !window.URLSearchParams) return;
  var panel = document.getElementById("pf-panel");
  var out = document.getElementById("practice-results");
  var list = document.getElementById("practice-static");
  var count = document.getElementById("practice-count");
  var toggle = document.querySelector(".pf-toggle");
  var reset = document.querySelector(".pf-reset");
  var nojs = document.querySelectorAll(".pf-nojs");
  // URL key → field of practices-index.js and name of the form's list.
  var KEYS = { form: "f", role: "r", level: "l", municipality: "m", year: "y" };
  var NAMES = Object.keys(KEYS);
  var LIMIT = 200;
  var labels = {}; // key → slug → the value as practices-index.js spells it
  var base = {}; // the choice the page itself stands for: a facet page is one already
  var state = null;
  var index = null;
  var shown = 0;
  var hits = [];
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
  // «Найдена 21 практика», «Найдено 3 практики», «Найдено 11 практик».
  function found(n) {
    var d = n % 10, h = n % 100, s = n.toLocaleString("ru-RU");
    if (!n) return "Практик не найдено";
    if (d === 1 && h !== 11) return "Найдена " + s + " практика";
    return "Найдено " + s + (d >= 2 && d <= 4 && (h < 12 || h > 14) ? " практики" : " практик");
  }
  // The pages bind «ученик – ученик» with a no-break space, the index may not.
  function same(s) { return s.replace(/\s+/g, " "); }
  function say(value) { if (count.textContent !== value) count.textContent = value; }

  // The lists are filled from the facet links already on the page (label, count and the
  // slug of their path), so that the index is loaded only when someone filters.
  Array.prototype.forEach.call(facets.querySelectorAll("a"), function (a) {
    var m = /\/practices\/([a-z]+)\/([^\/?#]+)\/(?:index\.html)?$/.exec(a.getAttribute("href"));
    var select = m && KEYS.hasOwnProperty(m[1]) && form.elements[KEYS[m[1]]];
    if (!select) return;
    var o = text("option", a.parentNode.textContent.replace(/\s+/g, " ").trim());
    o.value = m[2];
    select.appendChild(o);
    (labels[m[1]] = labels[m[1]] || {})[m[2]] = same(a.textContent);
    if (a.getAttribute("aria-current") === "page") base[m[1]] = m[2];
  });
  function known(key, slug) { return labels[key] && labels[key].hasOwnProperty(slug) ? slug : ""; }
  function fromURL() {
    var query = new URLSearchParams(location.search), s = { q: query.get("q") || "" };
    NAMES.forEach(function (k) { s[k] = query.has(k) ? known(k, query.get(k)) : base[k] || ""; });
    return s;
  }
  function toURL(s) {
    var parts = [];
    NAMES.forEach(function (k) { if (s[k] !== (base[k] || "")) parts.push(k + "=" + encodeURIComponent(s[k])); });
    if (s.q) parts.push("q=" + encodeURIComponent(s.q));
    return location.pathname + (parts.length ? "?" + parts.join("&") : "");
  }
  // pushState for a choice, replaceState while words are typed; file:// allows both as the
  // path stays the same, and a browser that refuses still filters.
  function remember(push) {
    var url = toURL(state);
    if (url === location.pathname + location.search) return;
    try { history[push ? "pushState" : "replaceState"](null, "", url); } catch (e) {}
  }
  function controls() {
    form.elements.q.value = state.q;
    NAMES.forEach(function (k) { var el = form.elements[KEYS[k]]; if (el) el.value = state[k]; });
  }
  function picked(s) { return NAMES.filter(function (k) { return s[k]; }).length + (s.q.trim() ? 1 : 0); }
  function isBase(s) {
    return !s.q.trim() && NAMES.every(function (k) { return s[k] === (base[k] || ""); });
  }

  function card(p) {
    var li = text("li", "", "card"), h = document.createElement("h3"), a = text("a", p.t), dl = text("dl", "", "facts");
    a.href = form.dataset.root + p.u;
    h.appendChild(a);
    li.appendChild(h);
    var meta = text("p", "", "meta"), org = text(p.h ? "a" : "span", p.o);
    if (p.h) org.href = form.dataset.root + p.h;
    meta.appendChild(org);
    meta.appendChild(document.createTextNode(", " + p.m));
    li.appendChild(meta);
    [["Форма", p.f], ["Ролевая модель", p.r], ["Уровень", p.l && p.l.charAt(0).toUpperCase() + p.l.slice(1)],
     p.p ? ["Сроки", p.p] : ["Год", p.y]].forEach(function (f) {
      if (!f[1]) return;
      dl.appendChild(text("dt", f[0]));
      dl.appendChild(text("dd", f[1]));
    });
    li.appendChild(dl);
    if (p.s) li.appendChild(text("p", p.s));
    return li;
  }
  function more() {
    var ul = out.querySelector("ul") || out.appendChild(text("ul", "", "cards"));
    hits.slice(shown, shown + LIMIT).forEach(function (p) { ul.appendChild(card(p)); });
    shown = Math.min(hits.length, shown + LIMIT);
    var button = out.querySelector(".pf-more");
    if (shown < hits.length && !button) {
      button = out.appendChild(text("button", "", "pf-more"));
      button.type = "button";
      button.addEventListener("click", function () {
        var next = ul.children.length;
        more();
        // The first new card takes the focus, as the button may be gone.
        if (ul.children[next]) ul.children[next].querySelector("a").focus();
      });
    }
    if (button && shown >= hits.length) button.remove();
    else if (button) button.textContent = "Показать ещё " + Math.min(LIMIT, hits.length - shown);
  }
  function run() {
    if (isBase(state)) { show(); return; }
    var stems = fold(state.q).split(/[^a-z0-9а-я]+/).filter(Boolean).map(stem);
    var want = NAMES.filter(function (k) { return state[k]; });
    hits = index.filter(function (p) {
      return want.every(function (k) { return p[KEYS[k]] && same(p[KEYS[k]]) === labels[k][state[k]]; }) &&
        stems.every(function (s) { return p.x.indexOf(s) !== -1; });
    });
    list.hidden = true;
    out.hidden = false;
    out.textContent = "";
    shown = 0;
    say(found(hits.length));
    if (hits.length) more();
    else out.appendChild(text("p", "Уберите часть условий или сбросьте фильтр."));
  }
  function show() {
    var n = picked(state);
    toggle.textContent = "Фильтр (выбрано: " + n + ")";
    reset.hidden = !n;
    if (!isBase(state)) { load(run); return; }
    out.hidden = true;
    out.textContent = "";
    list.hidden = false;
    say(found(Number(count.dataset.count)));
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
      waiting.forEach(function (f) { f(); });
    };
    // Back to the page as it is without the script: its list and the facet links.
    s.onerror = function () {
      panel.hidden = toggle.hidden = reset.hidden = out.hidden = true;
      facets.hidden = list.hidden = false;
      Array.prototype.forEach.call(nojs, function (el) { el.hidden = false; });
      say("Подбор не загрузился: выбирайте практики по ссылкам раздела «Фильтры».");
    };
    document.head.appendChild(s);
  }

  panel.hidden = toggle.hidden = false;
  facets.hidden = true;
  Array.prototype.forEach.call(nojs, function (el) { el.hidden = true; });
  // Where the picker cannot stand beside the list (a phone, or large text in the
  // accessibility panel, which no media query sees) it folds behind its button, so that the
  // results come first. Beside it the list keeps 60 % (site.css): 17rem + 1.5rem gap ≤ 40 %.
  var ui = document.getElementById("practices-ui");
  var phone = window.matchMedia("(max-width: 700px)");
  function fit() {
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    ui.classList.toggle("pf-narrow", phone.matches || ui.clientWidth < 46.25 * rem);
  }
  fit();
  if (window.ResizeObserver) new ResizeObserver(fit).observe(count);
  window.addEventListener("resize", fit);
  panel.classList.add("pf-folded");
  state = fromURL();
  controls();
  show();

  toggle.addEventListener("click", function () {
    var open = panel.classList.toggle("pf-folded") === false;
    toggle.setAttribute("aria-expanded", String(open));
  });
  reset.addEventListener("click", function () {
    state = { q: "" };
    NAMES.forEach(function (k) { state[k] = ""; });
    controls();
    remember(true);
    show();
    // The button hides itself; the focus goes where the choice starts again.
    (toggle.offsetParent ? toggle : form.elements.q).focus();
  });
  form.addEventListener("focusin", function () { load(function () {}); }, { once: true });
  form.addEventListener("input", function (ev) {
    if (ev.target.name !== "q") return;
    // The first letter makes one history entry; the rest of the word replaces it.
    var push = !state.q;
    state.q = ev.target.value;
    remember(push);
    show();
  });
  form.addEventListener("change", function (ev) {
    var k = NAMES.filter(function (n) { return KEYS[n] === ev.target.name; })[0];
    if (!k) return;
    state[k] = ev.target.value;
    remember(true);
    show();
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    // Enter on a phone: fold the panel, the results are right under it.
    if (toggle.offsetParent && !panel.classList.contains("pf-folded")) toggle.click();
  });
  window.addEventListener("popstate", function () {
    state = fromURL();
    controls();
    show();
  });
})();

// Site search over search-index.js: whole words, Russian word forms by the Snowball stemmer
// (stemmer-ru.js), the same algorithm that stemmed each page's words (`w`) at build time, so
// a query word and a page word meet only as equal stems: «год» never hits «благодарность».
// Index data is only ever put into the page through textContent.
(function () {
  var form = document.querySelector("form.search");
  var S = window.nastavnikStemmer;
  if (!form || !S) return;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results-list");
  var LIMIT = 50, WINDOW = 200, LEAD = 70;
  // Words as in the excerpt text, original case kept so that positions stay those of `x`.
  var WORD = /[0-9A-Za-zА-яЁё]+/g;
  var docs = null, waiting = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function setOf(list) {
    var s = Object.create(null);
    for (var i = 0; i < list.length; i++) s[list[i]] = true;
    return s;
  }
  function stemsOf(text) { return S.words(text).map(S.stem); }
  function count(set, stems) {
    var n = 0;
    for (var i = 0; i < stems.length; i++) if (set[stems[i]]) n++;
    return n;
  }
  function plural(n, one, few, many) {
    var d = n % 10, h = n % 100;
    return d === 1 && h !== 11 ? one : d >= 2 && d <= 4 && (h < 12 || h > 14) ? few : many;
  }
  function pages(n) {
    return plural(n, "Найдена ", "Найдено ", "Найдено ") + n + plural(n, " страница", " страницы", " страниц");
  }

  // A script, not fetch(): it also loads when the site is opened from disk (file://).
  function withIndex(then) {
    if (docs) return then();
    waiting.push(then);
    if (waiting.length > 1) return;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.onload = function () {
      var index = window.nastavnikSearchIndex;
      if (!index || !index.docs) return s.onerror();
      docs = index.docs;
      var queue = waiting; waiting = [];
      queue.forEach(function (f) { f(); });
    };
    s.onerror = function () {
      waiting = [];
      clear();
      status.textContent = "Не удалось загрузить поисковый индекс. Нужная страница найдётся в разделах сайта ниже.";
    };
    document.head.appendChild(s);
  }

  // Every query stem must be among the page's stems. Title hits first, then pages where the
  // words come earlier (`w` lists stems in the order they first occur on the page), then the
  // site's own order. (Counting matched stems would not rank: a hit has all of them.)
  function find(stems) {
    var hits = [];
    next: for (var i = 0; i < docs.length; i++) {
      var d = docs[i], at = 0;
      if (!d._w) {
        d._w = Object.create(null);
        var list = d.w.split(" ");
        for (var j = list.length - 1; j >= 0; j--) d._w[list[j]] = j + 1;
      }
      for (var k = 0; k < stems.length; k++) {
        if (!d._w[stems[k]]) continue next;
        at += d._w[stems[k]];
      }
      if (!d._t) d._t = setOf(stemsOf(d.t));
      hits.push({ d: d, i: i, t: count(d._t, stems), at: at });
    }
    return hits.sort(function (a, b) { return b.t - a.t || a.at - b.at || a.i - b.i; });
  }

  // Appends text[from, to) to parent, each word with a query stem wrapped in <mark>.
  function marked(parent, text, from, to, want) {
    var m, at = from;
    WORD.lastIndex = from;
    while ((m = WORD.exec(text)) && m.index + m[0].length <= to) {
      if (!want[S.stem(S.fold(m[0]))]) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      parent.appendChild(el("mark", null, m[0]));
      at = m.index + m[0].length;
    }
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
    return parent;
  }

  // About WINDOW characters of the page text around its first query word, cut between words.
  function excerpt(x, want) {
    var m, first = -1, firstEnd = 0;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(x))) {
      if (want[S.stem(S.fold(m[0]))]) { first = m.index; firstEnd = first + m[0].length; break; }
    }
    var start = Math.max(0, first - LEAD), end = Math.min(x.length, start + WINDOW), cut;
    if (start > 0) { cut = x.indexOf(" ", start); start = cut >= 0 && cut < first ? cut + 1 : first; }
    if (end < x.length) { cut = x.lastIndexOf(" ", end); if (cut > start && cut >= firstEnd) end = cut; }
    var p = el("p", "search-excerpt");
    if (start > 0) p.appendChild(document.createTextNode("… "));
    marked(p, x, start, end, want);
    if (end < x.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function clear() {
    status.textContent = "";
    while (out.firstChild) out.removeChild(out.firstChild);
  }

  // Nothing found: what to try, the words that do find something alone, and the sections.
  function empty(query, stems, words) {
    status.textContent = "По запросу «" + query + "» ничего не найдено.";
    out.appendChild(el("p", null, words.length > 1
      ? "Проверьте, нет ли в словах опечатки, или уберите лишние слова: находятся только страницы, где есть все слова запроса."
      : "Проверьте, нет ли в слове опечатки, или попробуйте другое слово с тем же смыслом."));
    var alone = [];
    for (var i = 0; i < words.length; i++) {
      var n = find([stems[i]]).length;
      if (n && stems.indexOf(stems[i]) === i) alone.push([words[i], n]);
    }
    if (words.length > 1 && alone.length) {
      out.appendChild(el("p", null, "По отдельности находятся:"));
      var ul = el("ul", "search-alone");
      alone.forEach(function (a) {
        var li = el("li"), link = el("a", null, a[0]);
        link.href = "?q=" + encodeURIComponent(a[0]);
        link.addEventListener("click", function (ev) { ev.preventDefault(); go(a[0]); });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" — " + a[1] + plural(a[1], " страница", " страницы", " страниц")));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    // The sections are listed right below the results: point there rather than repeat them.
    if (document.getElementById("sections")) {
      var p = el("p", null, "Или выберите нужный раздел в "), link = el("a", null, "списке разделов сайта");
      link.href = "#sections";
      p.appendChild(link);
      p.appendChild(document.createTextNode(" ниже."));
      out.appendChild(p);
    }
  }

  function run(query) {
    query = query.replace(/\s+/g, " ").trim();
    var words = S.words(query), stems = words.map(S.stem);
    var unique = stems.filter(function (s, i) { return stems.indexOf(s) === i; });
    clear();
    if (!words.length) {
      if (query) status.textContent = "Введите слово или несколько слов: знаки препинания не ищутся.";
      return;
    }
    var hits = find(unique);
    if (!hits.length) return empty(query, stems, words);
    var want = setOf(unique);
    status.textContent = pages(hits.length) + " по запросу «" + query + "»" +
      (hits.length > LIMIT ? ". Показаны первые " + LIMIT + ": уточните запрос, добавив слово." : ".");
    var list = el("ol", "search-hits");
    hits.slice(0, LIMIT).forEach(function (h) {
      var li = el("li"), a = el("a");
      a.href = form.getAttribute("data-root") + h.d.u;
      marked(a, h.d.t, 0, h.d.t.length, want);
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "search-kind", h.d.k));
      li.appendChild(excerpt(h.d.x, want));
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function queryInURL() {
    var m = /[?&]q=([^&#]*)/.exec(location.search);
    if (!m) return "";
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }

  // The query goes into the address (?q=) so that a search can be shared and Back returns to it.
  function go(query) {
    input.value = query;
    if (query !== queryInURL()) {
      try { history.pushState(null, "", "?q=" + encodeURIComponent(query)); } catch (e) { /* some file:// setups refuse */ }
    }
    withIndex(function () { run(query); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    go(input.value);
  });
  function fromURL() {
    var q = queryInURL();
    input.value = q;
    if (q) withIndex(function () { run(q); }); else clear();
  }
  window.addEventListener("popstate", fromURL);
  fromURL();
})();

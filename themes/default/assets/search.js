// Static search: case-insensitive, ё = е, Russian word forms by simple suffix stripping.
(function () {
  var form = document.querySelector("form.search");
  if (!form) return;
  var out = document.getElementById("search-results");
  var index = null;
  var ENDINGS = ["иями","ями","ами","ией","иях","ого","его","ому","ему","ыми","ими","ать","ять","ить","ешь","ует","ют","ют","ая","яя","ое","ее","ые","ие","ий","ый","ой","ей","ом","ем","ах","ях","ов","ев","ам","ям","ию","ия","ии","ть","ы","и","а","я","о","е","у","ю","ь"];
  function fold(s) { return s.toLowerCase().replace(/ё/g, "е"); }
  function stem(w) {
    if (w.length <= 3) return w;
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (w.length - e.length >= 3 && w.slice(-e.length) === e) return w.slice(0, -e.length);
    }
    return w;
  }
  function words(s) { return fold(s).split(/[^a-zа-я0-9]+/).filter(Boolean); }
  function run(q) {
    var stems = words(q).map(stem);
    out.innerHTML = "";
    if (!stems.length) return;
    var hits = index.filter(function (e) {
      return stems.every(function (s) { return e.x.indexOf(s) !== -1; });
    });
    var p = document.createElement("p");
    p.textContent = "Найдено: " + hits.length;
    out.appendChild(p);
    var ul = document.createElement("ul");
    hits.slice(0, 100).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = form.dataset.root + e.u;
      a.textContent = e.t;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" — " + e.s));
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("q").value;
    if (index) { run(q); return; }
    // A script, not fetch(): it also loads when the site is opened from disk.
    var s = document.createElement("script");
    s.src = form.dataset.index;
    s.onload = function () { index = window.nastavnikSearchIndex || []; run(q); };
    s.onerror = function () { out.textContent = "Не удалось загрузить поисковый индекс."; };
    document.head.appendChild(s);
  });
})();

// The Russian Snowball stemmer, ported line by line from Snowball 2.2.0's generated
// russian_stemmer.py and basestemmer.py (PyPI snowballstemmer 2.2.0). The site's index is stemmed
// at build time by Debian's libstemmer 2.2.0, the same algorithm: a query word must get exactly the
// stem the page's word got, or the search misses the page. Tests/checks/stem_parity.py compares
// the two over the whole demo vocabulary; keep this a mechanical port so that check stays meaningful.
// Only the BaseStemmer routines the Russian stemmer calls are ported; it has no among-functions.
(function (root) {
  "use strict";
  // Among tables as [string, substring_i, result], in the generated order (find_among_b
  // binary-searches them, so the order is part of the algorithm).
  var a_0 = [["в", -1, 1], ["ив", 0, 2], ["ыв", 0, 2], ["вши", -1, 1], ["ивши", 3, 2], ["ывши", 3, 2],
    ["вшись", -1, 1], ["ившись", 6, 2], ["ывшись", 6, 2]];
  var a_1 = [["ее", -1, 1], ["ие", -1, 1], ["ое", -1, 1], ["ые", -1, 1], ["ими", -1, 1], ["ыми", -1, 1],
    ["ей", -1, 1], ["ий", -1, 1], ["ой", -1, 1], ["ый", -1, 1], ["ем", -1, 1], ["им", -1, 1], ["ом", -1, 1],
    ["ым", -1, 1], ["его", -1, 1], ["ого", -1, 1], ["ему", -1, 1], ["ому", -1, 1], ["их", -1, 1],
    ["ых", -1, 1], ["ею", -1, 1], ["ою", -1, 1], ["ую", -1, 1], ["юю", -1, 1], ["ая", -1, 1], ["яя", -1, 1]];
  var a_2 = [["ем", -1, 1], ["нн", -1, 1], ["вш", -1, 1], ["ивш", 2, 2], ["ывш", 2, 2], ["щ", -1, 1],
    ["ющ", 5, 1], ["ующ", 6, 2]];
  var a_3 = [["сь", -1, 1], ["ся", -1, 1]];
  var a_4 = [["ла", -1, 1], ["ила", 0, 2], ["ыла", 0, 2], ["на", -1, 1], ["ена", 3, 2], ["ете", -1, 1],
    ["ите", -1, 2], ["йте", -1, 1], ["ейте", 7, 2], ["уйте", 7, 2], ["ли", -1, 1], ["или", 10, 2],
    ["ыли", 10, 2], ["й", -1, 1], ["ей", 13, 2], ["уй", 13, 2], ["л", -1, 1], ["ил", 16, 2], ["ыл", 16, 2],
    ["ем", -1, 1], ["им", -1, 2], ["ым", -1, 2], ["н", -1, 1], ["ен", 22, 2], ["ло", -1, 1], ["ило", 24, 2],
    ["ыло", 24, 2], ["но", -1, 1], ["ено", 27, 2], ["нно", 27, 1], ["ет", -1, 1], ["ует", 30, 2],
    ["ит", -1, 2], ["ыт", -1, 2], ["ют", -1, 1], ["уют", 34, 2], ["ят", -1, 2], ["ны", -1, 1],
    ["ены", 37, 2], ["ть", -1, 1], ["ить", 39, 2], ["ыть", 39, 2], ["ешь", -1, 1], ["ишь", -1, 2],
    ["ю", -1, 2], ["ую", 44, 2]];
  var a_5 = [["а", -1, 1], ["ев", -1, 1], ["ов", -1, 1], ["е", -1, 1], ["ие", 3, 1], ["ье", 3, 1],
    ["и", -1, 1], ["еи", 6, 1], ["ии", 6, 1], ["ами", 6, 1], ["ями", 6, 1], ["иями", 10, 1], ["й", -1, 1],
    ["ей", 12, 1], ["ией", 13, 1], ["ий", 12, 1], ["ой", 12, 1], ["ам", -1, 1], ["ем", -1, 1],
    ["ием", 18, 1], ["ом", -1, 1], ["ям", -1, 1], ["иям", 21, 1], ["о", -1, 1], ["у", -1, 1],
    ["ах", -1, 1], ["ях", -1, 1], ["иях", 26, 1], ["ы", -1, 1], ["ь", -1, 1], ["ю", -1, 1], ["ию", 30, 1],
    ["ью", 30, 1], ["я", -1, 1], ["ия", 33, 1], ["ья", 33, 1]];
  var a_6 = [["ост", -1, 1], ["ость", -1, 1]];
  var a_7 = [["ейше", -1, 1], ["н", -1, 2], ["ейш", -1, 1], ["ь", -1, 3]];
  var g_v = [33, 65, 8, 232]; // а е и о у ы э ю я, as bits from U+0430 (1072) to U+044F (1103)

  // The stemmer's state (BaseStemmer's fields); one word at a time, as JavaScript runs.
  var current = "", cursor = 0, limit = 0, limit_backward = 0, bra = 0, ket = 0, I_p2 = 0, I_pV = 0;

  // --- BaseStemmer ---
  function go_in_grouping(s, min, max) {
    while (cursor < limit) {
      var ch = current.charCodeAt(cursor);
      if (ch > max || ch < min) return true;
      ch -= min;
      if ((s[ch >> 3] & (0x1 << (ch & 0x7))) === 0) return true;
      cursor += 1;
    }
    return false;
  }
  function go_out_grouping(s, min, max) {
    while (cursor < limit) {
      var ch = current.charCodeAt(cursor);
      if (ch <= max && ch >= min) {
        ch -= min;
        if (s[ch >> 3] & (0x1 << (ch & 0x7))) return true;
      }
      cursor += 1;
    }
    return false;
  }
  function eq_s(s) {
    if (limit - cursor < s.length) return false;
    if (current.slice(cursor, cursor + s.length) !== s) return false;
    cursor += s.length;
    return true;
  }
  function eq_s_b(s) {
    if (cursor - limit_backward < s.length) return false;
    if (current.slice(cursor - s.length, cursor) !== s) return false;
    cursor -= s.length;
    return true;
  }
  function find_among_b(v) {
    var i = 0, j = v.length, c = cursor, lb = limit_backward;
    var common_i = 0, common_j = 0, first_key_inspected = false, w;
    while (true) {
      var k = i + ((j - i) >> 1), diff = 0;
      var common = Math.min(common_i, common_j);
      w = v[k];
      for (var i2 = w[0].length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) { diff = -1; break; }
        diff = current.charCodeAt(c - 1 - common) - w[0].charCodeAt(i2);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      w = v[i];
      if (common_i >= w[0].length) {
        cursor = c - w[0].length;
        return w[2];
      }
      i = w[1];
      if (i < 0) return 0;
    }
  }
  function replace_s(c_bra, c_ket, s) {
    var adjustment = s.length - (c_ket - c_bra);
    current = current.slice(0, c_bra) + s + current.slice(c_ket);
    limit += adjustment;
    if (cursor >= c_ket) cursor += adjustment;
    else if (cursor > c_bra) cursor = c_bra;
    return adjustment;
  }
  function slice_check() {
    return !(bra < 0 || bra > ket || ket > limit || limit > current.length);
  }
  function slice_from(s) {
    if (!slice_check()) return false;
    replace_s(bra, ket, s);
    return true;
  }
  function slice_del() { return slice_from(""); }

  // --- RussianStemmer ---
  function r_mark_regions() {
    I_pV = limit;
    I_p2 = limit;
    var v_1 = cursor;
    lab0: {
      if (!go_out_grouping(g_v, 1072, 1103)) break lab0;
      cursor += 1;
      I_pV = cursor;
      if (!go_in_grouping(g_v, 1072, 1103)) break lab0;
      cursor += 1;
      if (!go_out_grouping(g_v, 1072, 1103)) break lab0;
      cursor += 1;
      if (!go_in_grouping(g_v, 1072, 1103)) break lab0;
      cursor += 1;
      I_p2 = cursor;
    }
    cursor = v_1;
    return true;
  }
  function r_R2() { return I_p2 <= cursor; }
  // perfective_gerund and verb share one shape: group 1 endings only after а or я.
  function delete_after_a_ya(table) {
    ket = cursor;
    var among_var = find_among_b(table);
    if (among_var === 0) return false;
    bra = cursor;
    if (among_var === 1) {
      lab0: {
        var v_1 = limit - cursor;
        if (eq_s_b("а")) break lab0;
        cursor = limit - v_1;
        if (!eq_s_b("я")) return false;
      }
      if (!slice_del()) return false;
    } else {
      if (!slice_del()) return false;
    }
    return true;
  }
  function r_perfective_gerund() { return delete_after_a_ya(a_0); }
  function r_verb() { return delete_after_a_ya(a_4); }
  function delete_among(table) {
    ket = cursor;
    if (find_among_b(table) === 0) return false;
    bra = cursor;
    return slice_del();
  }
  function r_adjective() { return delete_among(a_1); }
  function r_reflexive() { return delete_among(a_3); }
  function r_noun() { return delete_among(a_5); }
  function r_adjectival() {
    if (!r_adjective()) return false;
    var v_1 = limit - cursor;
    lab0: {
      ket = cursor;
      var among_var = find_among_b(a_2);
      if (among_var === 0) { cursor = limit - v_1; break lab0; }
      bra = cursor;
      if (among_var === 1) {
        lab1: {
          var v_2 = limit - cursor;
          if (eq_s_b("а")) break lab1;
          cursor = limit - v_2;
          if (!eq_s_b("я")) { cursor = limit - v_1; break lab0; }
        }
        if (!slice_del()) return false;
      } else {
        if (!slice_del()) return false;
      }
    }
    return true;
  }
  function r_derivational() {
    ket = cursor;
    if (find_among_b(a_6) === 0) return false;
    bra = cursor;
    if (!r_R2()) return false;
    return slice_del();
  }
  function r_tidy_up() {
    ket = cursor;
    var among_var = find_among_b(a_7);
    if (among_var === 0) return false;
    bra = cursor;
    if (among_var === 1) {
      if (!slice_del()) return false;
      ket = cursor;
      if (!eq_s_b("н")) return false;
      bra = cursor;
      if (!eq_s_b("н")) return false;
      if (!slice_del()) return false;
    } else if (among_var === 2) {
      if (!eq_s_b("н")) return false;
      if (!slice_del()) return false;
    } else {
      if (!slice_del()) return false;
    }
    return true;
  }
  function r_stem() {
    var v_1 = cursor;
    // ё → е everywhere
    while (true) {
      var v_2 = cursor, found = false;
      while (true) {
        var v_3 = cursor;
        bra = cursor;
        if (eq_s("ё")) { ket = cursor; cursor = v_3; found = true; break; }
        cursor = v_3;
        if (cursor >= limit) break;
        cursor += 1;
      }
      if (!found) { cursor = v_2; break; }
      if (!slice_from("е")) return false;
    }
    cursor = v_1;
    r_mark_regions();
    limit_backward = cursor;
    cursor = limit;
    if (cursor < I_pV) return false;
    var v_6 = limit_backward;
    limit_backward = I_pV;
    var v_7 = limit - cursor;
    lab4: {
      lab5: {
        var v_8 = limit - cursor;
        if (r_perfective_gerund()) break lab5;
        cursor = limit - v_8;
        var v_9 = limit - cursor;
        if (!r_reflexive()) cursor = limit - v_9;
        lab8: {
          var v_10 = limit - cursor;
          if (r_adjectival()) break lab8;
          cursor = limit - v_10;
          if (r_verb()) break lab8;
          cursor = limit - v_10;
          if (!r_noun()) break lab4;
        }
      }
    }
    cursor = limit - v_7;
    var v_11 = limit - cursor;
    lab11: {
      ket = cursor;
      if (!eq_s_b("и")) { cursor = limit - v_11; break lab11; }
      bra = cursor;
      if (!slice_del()) return false;
    }
    var v_12 = limit - cursor;
    r_derivational();
    cursor = limit - v_12;
    var v_13 = limit - cursor;
    r_tidy_up();
    cursor = limit - v_13;
    limit_backward = v_6;
    cursor = limit_backward;
    return true;
  }

  // BaseStemmer.stemWord: whatever _stem returns, the word as it stands is the stem.
  function stem(word) {
    current = word; cursor = 0; limit = word.length; limit_backward = 0; bra = 0; ket = limit;
    r_stem();
    return current;
  }

  // How the index's words are cut (the Swift side, RussianStemmer.words, does the same):
  // lower case, ё → е, then maximal runs of 0–9, a–z, а–я; anything else separates words.
  function fold(text) { return String(text).toLowerCase().replace(/ё/g, "е"); }
  function words(text) { return fold(text).match(/[0-9a-zа-я]+/g) || []; }

  var api = { stem: stem, fold: fold, words: words };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.nastavnikStemmer = api;
})(this);

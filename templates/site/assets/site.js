/* Search and filters on the catalog index page.
   Progressive enhancement: without this script the page lists every item (or
   links to one page per department), and every link works. With it, the list
   is drawn from assets/search-index.js, 50 rows at a time, so that a phone
   copes with thousands of items. Written as plain ES5 for old office PCs;
   text is always set through textContent, never as HTML. */
(function () {
  "use strict";
  var data = window.AKQ_INDEX;
  var form = document.getElementById("filters");
  var list = document.getElementById("list");
  var status = document.getElementById("result-count");
  if (!data || !form || !list || !status || !document.createElement("table").createTBody) { return; }

  var PAGE = 50;
  // Ranked search results come best first: 20 fill a phone's screen several times over,
  // and drawing fewer rows keeps each keystroke fast at 10,000 items ("显示更多" draws the rest).
  var RESULTS_PAGE = 20;
  var KINDS = ["证明事项", "涉企经营许可事项"];
  var METHODS = [[1, "书面承诺"], [2, "电子承诺"]];
  var VERIFY = [[1, "在线核查"], [2, "现场核查"], [4, "协助核查"], [8, "“双随机、一公开”抽查"]];
  var COLUMNS = ["事项名称", "申请事项", "设定依据", "承诺方式", "可否代为承诺", "核查方式", "告知承诺书"];
  var root = list.getAttribute("data-root") || "";
  // The data file holds one list per field (gzip shrinks like next to like best, see
  // akq_cli.site.search); the rest of this script reads one row per item, in the order of
  // search.COLUMNS: id, title, matter, dept, area, kind, bases, method, proxy, verify, forms, aliases.
  var COLS = ["id", "title", "matter", "dept", "cat", "kind", "bases", "method", "proxy", "verify", "forms", "aliases"];
  var items = [];
  for (var ri = 0; ri < data.items.id.length; ri++) {
    var rowData = [];
    for (var ki = 0; ki < COLS.length; ki++) { rowData.push(data.items[COLS[ki]][ri]); }
    items.push(rowData);
  }

  // Same folding as akq_cli.core.searchtext.fold: NFKC (full/half width), lower
  // case, traditional -> simplified (OpenCC's table, Apache-2.0, shipped in the
  // index as data.t2s), Chinese numerals of article numbers as digits
  // (第四十一条 -> 第41条), letters and digits only. Chinese needs no word
  // splitting: a query matches wherever its characters appear.
  var strip;
  try {
    strip = new RegExp("[^\\p{L}\\p{N}]+", "gu");
  } catch (e) {
    strip = /[\s\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u2000-\u206f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;
  }
  var T2S = {};
  var t2s = data.t2s || ["", ""];
  var tradChars = "";
  for (var ti = 0; ti < t2s[0].length; ti++) {
    var tc = t2s[0].charAt(ti);
    if (/[\u3400-\u9fff\uf900-\ufaff]/.test(tc)) { T2S[tc] = t2s[1].charAt(ti); tradChars += tc; }
  }
  // One regular expression finds the traditional characters: a native scan, where a loop over
  // every character of 10,000 titles would slow the page's start.
  var TRAD = tradChars ? new RegExp("[" + tradChars + "]", "g") : null;
  function toSimplified(c) { return T2S[c]; }
  var HAN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9};
  var HAN_UNIT = {"十": 10, "百": 100, "千": 1000};
  var ARTICLE = /第([零〇一二两三四五六七八九十百千]+)|([零〇一二两三四五六七八九十百千]+)(?=[条款项])/g;
  function hanNumber(text) {
    var total = 0, digit = 0;
    for (var k = 0; k < text.length; k++) {
      var ch = text.charAt(k);
      if (HAN_DIGIT.hasOwnProperty(ch)) { digit = HAN_DIGIT[ch]; } else { total += (digit || 1) * HAN_UNIT[ch]; digit = 0; }
    }
    return total + digit;
  }
  // Exposed so that tests/export/test_search_queries.py can hold it to akq_cli.core.searchtext.fold.
  window.AKQ_FOLD = fold;
  function fold(s) {
    s = String(s);
    if (s.normalize) { s = s.normalize("NFKC"); }
    var out = s.toLowerCase();
    if (TRAD) { out = out.replace(TRAD, toSimplified); }
    out = out.replace(ARTICLE, function (m, a, b) { return a ? "第" + hanNumber(a) : String(hanNumber(b)); });
    return out.replace(strip, "");
  }

  // Words that say what the citizen wants to do, not which item: 我要开民办职业培训学校,
  // 低保怎么申请. Stripped from the start and end of each search word while
  // at least two characters are left (开 alone stays a word).
  var LEADING = ["我想要", "我要", "我想", "想要", "请问", "帮我", "怎么样", "怎么", "怎样", "如何", "去哪里", "去哪儿",
    "在哪里", "在哪儿", "在哪", "哪里", "到哪里", "需要", "办理", "申请", "申领", "领取", "开具", "补办", "查询",
    "开个", "开一个", "开一家", "开家", "开", "办个", "办", "领", "要"];
  var TRAILING = ["需要什么材料", "要什么材料", "需要什么", "要什么", "什么材料", "怎么办理", "怎么申请", "怎么开具",
    "怎么办", "怎么开", "怎么领", "怎么弄", "怎么", "如何办理", "如何申请", "如何", "在哪里办", "在哪办", "去哪办",
    "哪里办", "在哪里", "在哪", "哪里", "的材料", "材料", "流程", "手续", "吗", "呢", "啊", "办理", "申请", "领取",
    "开具", "办", "领", "开", "的"];
  function strip1(word, list, atEnd) {
    for (var k = 0; k < list.length; k++) {
      var w = list[k];
      if (word.length - w.length < 2) { continue; }
      if (atEnd ? word.slice(-w.length) === w : word.slice(0, w.length) === w) {
        return atEnd ? word.slice(0, word.length - w.length) : word.slice(w.length);
      }
    }
    return word;
  }
  function intentless(word) {
    var before;
    do {
      before = word;
      word = strip1(strip1(word, LEADING, false), TRAILING, true);
    } while (word !== before);
    return word;
  }

  // What is searched, folded once, one column per field: all items' text in one
  // string (each item's part ends in "\n"), so that a search word is looked for
  // with one native indexOf per field rather than once per item; 10,000 items
  // take a few milliseconds. Weights: a hit in the title or an alias ranks first,
  // then the id, matter, department and area, then the legal basis, content and
  // conditions.
  var W_EXACT = 150, W_TITLE = 100, W_ID = 90, W_MATTER = 60, W_ORDER_TITLE = 50, W_DEPT = 40, W_CAT = 40,
    W_ORDER_MATTER = 30, W_BASIS = 30, W_TEXT = 20;
  var N = items.length;
  var deptHay = [];
  var deptNames = [];  // [folded name, department number], longest first
  for (var di = 0; di < data.depts.length; di++) {
    var names = [data.depts[di][1]].concat(data.depts[di][3] || []);
    var folded = [];
    for (var ni = 0; ni < names.length; ni++) {
      var fn = fold(names[ni]);
      if (fn) { folded.push(fn); deptNames.push([fn, di]); }
    }
    deptHay.push(folded.join("|"));
  }
  deptNames.sort(function (x, y) { return y[0].length - x[0].length; });
  var catHay = [];
  for (var ci = 0; ci < data.cats.length; ci++) { catHay.push(fold(data.cats[ci])); }
  // The filters' options carry a department's code and an area's name as text: their numbers in the
  // index are looked up by those, not by the options' positions, so the two lists may differ in order.
  var deptNumber = {}, catNumber = {};
  for (var dn = 0; dn < data.depts.length; dn++) { deptNumber[data.depts[dn][0]] = dn; }
  for (var cn = 0; cn < data.cats.length; cn++) { catNumber[data.cats[cn]] = cn; }

  function Column() { this.parts = []; this.starts = new Int32Array(N + 1); this.text = ""; }
  Column.prototype.add = function (m, text) { this.starts[m] = this.parts.length ? this.size : 0; this.parts.push(text); this.size = (this.size || 0) + text.length + 1; };
  Column.prototype.done = function () { this.starts[N] = this.size || 0; this.text = this.parts.join("\n") + "\n"; this.parts = null; };
  // The item whose part holds position ``at``.
  Column.prototype.item = function (at) {
    var lo = 0, hi = N - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (this.starts[mid] <= at) { lo = mid; } else { hi = mid - 1; } }
    return lo;
  };
  // Give each item holding ``word`` at least ``weight``.
  Column.prototype.scan = function (word, weight, best) {
    var at = this.text.indexOf(word);
    while (at >= 0) {
      var m = this.item(at);
      if (best[m] < weight) { best[m] = weight; }
      at = this.text.indexOf(word, this.starts[m + 1]);
    }
  };

  var names1 = [];  // title and aliases, folded, per item
  var matter = [];  // folded, per item
  var cNames = new Column(), cId = new Column(), cMatter = new Column(), cBasis = new Column(), cText = new Column();
  cText.done();  // empty until the bodies arrive

  // Content, conditions and materials (folded, "|" between texts) are a file of their own,
  // three quarters of the search data at 10,000 items: fetched when someone starts to search
  // (the box gets focus, or a search comes in the address), so that browsing waits only for
  // names. Until they arrive, words are found in everything else; then the search runs again.
  var bodiesAsked = false;
  function loadBodies() {
    if (bodiesAsked || typeof data.text !== "string") { return; }
    bodiesAsked = true;
    var tag = document.createElement("script");
    tag.src = root + data.text;
    tag.onload = function () {
      var bodies = window.AKQ_TEXT || [];
      cText = new Column();
      for (var i = 0; i < N; i++) { cText.add(i, bodies[i] || ""); }
      cText.done();
      if (q.value.replace(/\s+/g, "")) { apply(); }
    };
    tag.onerror = function () { bodiesAsked = false; };  // offline for a moment: asked again at the next search
    document.head.appendChild(tag);
  }
  var deptOf = new Int32Array(N), catOf = new Int32Array(N);
  var built = false;
  // Folding 10,000 items' names takes a moment: done once, just after the page has
  // drawn its list (or at the first search, if that comes sooner).
  function build() {
    if (built) { return; }
    built = true;
    var docFold = [];
    for (var di2 = 0; di2 < data.docs.length; di2++) { docFold.push(fold(data.docs[di2])); }
    for (var i = 0; i < N; i++) { buildItem(i, docFold); }
    cNames.done(); cId.done(); cMatter.done(); cBasis.done();
  }
  function buildItem(i, docFold) {
    var it = items[i];
    var own = [fold(it[1])];
    var aliases = it[11] || [];
    for (var a = 0; a < aliases.length; a++) { own.push(fold(aliases[a])); }
    var basis = [];
    for (var b = 0; b < it[6].length; b++) { basis.push(docFold[it[6][b][0]] + fold(it[6][b][1])); }
    names1.push(own);
    matter.push(fold(it[2]));
    cNames.add(i, own.join("|"));
    cId.add(i, fold(it[0]));
    cMatter.add(i, matter[i]);
    cBasis.add(i, basis.join("|"));
    deptOf[i] = it[3];
    catOf[i] = it[4];
  }

  // The characters of ``word`` in order within ``text``, spread over at most twice its length
  // (无犯罪证明 in 无犯罪记录证明).
  function inOrder(word, text) {
    var start = text.indexOf(word.charAt(0));
    while (start >= 0) {
      var at = start, k = 1;
      for (; k < word.length; k++) {
        at = text.indexOf(word.charAt(k), at + 1);
        if (at < 0 || at - start >= 2 * word.length) { break; }
      }
      if (k === word.length) { return true; }
      start = text.indexOf(word.charAt(0), start + 1);
    }
    return false;
  }

  // best[m]: the weight of ``word`` (or, with ``loose``, its characters in order) in item m, 0 when absent.
  function weigh(word, best, loose) {
    if (loose) {
      if (word.length < 3) { return; }
      // candidates hold the first character in a name or the matter
      var first = word.charAt(0);
      var seen = new Uint8Array(N);
      var cols = [cNames, cMatter];
      for (var c = 0; c < 2; c++) {
        var col = cols[c];
        var at = col.text.indexOf(first);
        while (at >= 0) {
          var m = col.item(at);
          if (!seen[m] && !best[m]) {
            seen[m] = 1;
            var w = 0;
            for (var o = 0; o < names1[m].length && !w; o++) { if (inOrder(word, names1[m][o])) { w = W_ORDER_TITLE; } }
            if (!w && inOrder(word, matter[m])) { w = W_ORDER_MATTER; }
            best[m] = w;
          }
          at = col.text.indexOf(first, col.starts[m + 1]);
        }
      }
      return;
    }
    cNames.scan(word, W_TITLE, best);
    cId.scan(word, W_ID, best);
    cMatter.scan(word, W_MATTER, best);
    var dHit = [], cHit = [], any = false;
    for (var d = 0; d < deptHay.length; d++) { dHit.push(deptHay[d].indexOf(word) >= 0); any = any || dHit[d]; }
    for (var k = 0; k < catHay.length; k++) { cHit.push(catHay[k].indexOf(word) >= 0); any = any || cHit[k]; }
    if (any) {
      for (var n = 0; n < N; n++) {
        if (best[n] < W_DEPT && (dHit[deptOf[n]] || (catOf[n] >= 0 && cHit[catOf[n]]))) { best[n] = W_DEPT; }
      }
    }
    cBasis.scan(word, W_BASIS, best);
    cText.scan(word, W_TEXT, best);
    // an alias or title that is exactly the word
    at = cNames.text.indexOf(word);
    while (at >= 0) {
      m = cNames.item(at);
      if (best[m] < W_EXACT && names1[m].indexOf(word) >= 0) { best[m] = W_EXACT; }
      at = cNames.text.indexOf(word, cNames.starts[m + 1]);
    }
  }

  // Items having every word (or one of its alternatives), each with the sum of its weights.
  function score(want, allowed, loose) {
    var total = new Int32Array(N);
    var best = new Int32Array(N);
    for (var w = 0; w < want.length; w++) {
      best = new Int32Array(N);
      for (var k = 0; k < want[w].length; k++) { weigh(want[w][k], best, false); }
      if (loose) { for (k = 0; k < want[w].length; k++) { weigh(want[w][k], best, true); } }
      for (var m = 0; m < N; m++) { total[m] = best[m] && (w === 0 || total[m]) ? total[m] + best[m] : 0; }
    }
    var out = [];
    for (m = 0; m < N; m++) { if (total[m] && allowed(items[m])) { out.push(m); } }
    out.sort(function (x, y) { return total[y] - total[x] || x - y; });
    return out;
  }

  // catalog.yaml search_terms: an everyday word and the catalog's own words for it.
  var TERMS = [];
  for (var si = 0; si < (data.terms || []).length; si++) {
    var said = fold(data.terms[si][0]);
    var meant = [];
    for (var mi = 0; mi < data.terms[si][1].length; mi++) { meant.push(fold(data.terms[si][1][mi])); }
    if (said) { TERMS.push([said, meant]); }
  }
  // One search word and what else it may be written as: 社保 -> 社会保险, 办低保证明 -> 办最低生活保障证明.
  function alternatives(word) {
    var out = [word];
    for (var k = 0; k < TERMS.length; k++) {
      if (word.indexOf(TERMS[k][0]) < 0) { continue; }
      for (var j = 0; j < TERMS[k][1].length; j++) { out.push(word.split(TERMS[k][0]).join(TERMS[k][1][j])); }
    }
    return out;
  }

  // Search words from what was typed: split at spaces, folded, intent words
  // stripped, and a department name inside a word (公安局无犯罪记录证明) made a word of its own.
  // Each word comes with its alternatives (search_terms, also of the word as typed: 开公司).
  function words(typed) {
    var parts = typed.split(/\s+/);
    var out = [];
    var plain = [];
    for (var p = 0; p < parts.length; p++) {
      var raw = fold(parts[p]);
      if (!raw) { continue; }
      plain.push([raw]);
      var f = intentless(raw);
      for (var k = 0; k < deptNames.length; k++) {
        var at = f.indexOf(deptNames[k][0]);
        if (at >= 0 && f.length > deptNames[k][0].length && deptNames[k][0].length >= 3) {
          out.push([deptNames[k][0]]);
          f = intentless(f.slice(0, at) + f.slice(at + deptNames[k][0].length));
          break;
        }
      }
      if (f) { out.push(alternatives(f).concat(f === raw ? [] : alternatives(raw).slice(1))); }
    }
    return out.length ? out : plain;
  }

  // When nothing matches every word: items sharing the most characters and
  // character pairs with what was typed (typos such as 居住正), best first:
  // 2 for each one found in a name, 1 in the matter.
  function closest(want, allowed) {
    var text = "";
    for (var t = 0; t < want.length; t++) { text += want[t][0]; }
    var grams = [];
    var seen = {};
    for (var k = 0; k < text.length; k++) {
      var one = text.charAt(k), two = text.substr(k, 2);
      if (!seen[one]) { seen[one] = 1; grams.push(one); }
      if (two.length === 2 && !seen[two]) { seen[two] = 1; grams.push(two); }
    }
    var total = new Int32Array(N);
    var mark = new Int32Array(N);
    for (var g = 0; g < grams.length; g++) {
      var cols = [[cNames, 2], [cMatter, 1]];
      for (var c = 0; c < 2; c++) {
        var col = cols[c][0];
        var at = col.text.indexOf(grams[g]);
        while (at >= 0) {
          var m = col.item(at);
          if (mark[m] !== g + 1) { mark[m] = g + 1; total[m] += cols[c][1]; }
          at = col.text.indexOf(grams[g], col.starts[m + 1]);
        }
      }
    }
    var scored = [];
    for (m = 0; m < N; m++) { if (total[m] >= grams.length && allowed(items[m])) { scored.push(m); } }
    scored.sort(function (x, y) { return total[y] - total[x] || x - y; });
    return scored.slice(0, 5);
  }

  var q = document.getElementById("q");
  var fDept = document.getElementById("f-dept");
  var fCat = document.getElementById("f-cat");
  var fKind = document.getElementById("f-kind");
  var matches = [];
  var shown = 0;
  var section = null;
  var tbody = null;
  var lastDept = -1;
  var more = null;
  var ranked = false;  // a search is typed: one list, best first

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function bits(value, table) {
    var out = [];
    for (var k = 0; k < table.length; k++) { if (value & table[k][0]) { out.push(table[k][1]); } }
    return out.join("、");
  }

  function row(it) {
    var tr = el("tr");
    var th = el("th", "", "");
    th.setAttribute("scope", "row");
    th.setAttribute("data-label", COLUMNS[0]);
    var a = el("a", it[1]);
    a.href = root + "items/" + it[0] + ".html";
    th.appendChild(a);
    var meta = [it[5] >= 0 ? KINDS[it[5]] : "", it[4] >= 0 ? data.cats[it[4]] : "", it[0]];
    if (ranked) { meta.unshift(data.depts[it[3]][1]); }
    th.appendChild(el("span", meta.join(" · "), "meta"));
    tr.appendChild(th);
    function cell(label, text) {
      var td = el("td", text);
      td.setAttribute("data-label", label);
      tr.appendChild(td);
      return td;
    }
    cell(COLUMNS[1], it[2]);
    var bases = cell(COLUMNS[2], "");
    for (var k = 0; k < it[6].length; k++) { bases.appendChild(el("span", data.docs[it[6][k][0]] + it[6][k][1], "basis")); }
    cell(COLUMNS[3], bits(it[7], METHODS));
    cell(COLUMNS[4], it[8] ? "可以" : "不可以");
    cell(COLUMNS[5], bits(it[9], VERIFY));
    var forms = cell(COLUMNS[6], "");
    if (it[10]) {
      var ul = el("ul", "", "forms");
      var kinds = [[1, "docx", "Word 文档"], [2, "pdf", "PDF 文档"]];
      for (k = 0; k < kinds.length; k++) {
        if (!(it[10] & kinds[k][0])) { continue; }
        var li = el("li");
        var link = el("a");
        link.href = root + "forms/" + it[0] + "." + kinds[k][1];
        if (kinds[k][1] === "docx") { link.setAttribute("download", ""); }
        link.appendChild(el("span", it[1] + "告知承诺书", "vh"));
        link.appendChild(document.createTextNode(kinds[k][2]));
        li.appendChild(link);
        ul.appendChild(li);
      }
      forms.appendChild(ul);
    } else {
      forms.appendChild(el("span", "暂未提供", "none"));
    }
    return tr;
  }

  // d < 0: one section for search results, best first (not grouped by department).
  function startSection(d) {
    var dept = d >= 0 ? data.depts[d] : null;
    section = el("section", "", "dept");
    var h2 = el("h2", dept ? "" : "搜索结果");
    h2.id = dept ? "r-" + dept[0] : "r-results";
    section.setAttribute("aria-labelledby", h2.id);
    if (dept) {
      var a = el("a", dept[1]);
      a.href = root + "departments/" + dept[0] + ".html";
      h2.appendChild(a);
    }
    section.appendChild(h2);
    var table = el("table", "", "items");
    table.appendChild(el("caption", dept ? dept[1] + "实行告知承诺制的事项" : "搜索结果（按相关程度排列）", "vh"));
    var head = table.createTHead().insertRow();
    for (var c = 0; c < COLUMNS.length; c++) {
      var th = el("th", COLUMNS[c]);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    }
    tbody = table.createTBody();
    section.appendChild(table);
    list.insertBefore(section, more);
    lastDept = d;
  }

  function showMore() {
    var end = Math.min(matches.length, shown + (ranked ? RESULTS_PAGE : PAGE));
    var first = null;
    for (var k = shown; k < end; k++) {
      var it = items[matches[k]];
      if (ranked ? !section : it[3] !== lastDept) { startSection(ranked ? -1 : it[3]); }
      var tr = row(it);
      tbody.appendChild(tr);
      if (!first) { first = tr; }
    }
    shown = end;
    var left = matches.length - shown;
    more.hidden = left <= 0;
    more.textContent = "显示更多（还有 " + left + " 项）";
    return first;
  }

  // No item has every word: the closest items ("您是不是要找"), then every
  // department with its telephone number, so that nobody is left without a next step.
  function helpSection(suggested) {
    var box = el("section", "", "no-result");
    var h2;
    if (suggested.length) {
      h2 = el("h2", "您是不是要找：");
      h2.id = "h-suggest";
      box.setAttribute("aria-labelledby", h2.id);
      box.appendChild(h2);
      var ul = el("ul", "", "suggest");
      for (var k = 0; k < suggested.length; k++) {
        var it = items[suggested[k]];
        var li = el("li");
        var a = el("a", it[1]);
        a.href = root + "items/" + it[0] + ".html";
        li.appendChild(a);
        li.appendChild(el("span", " " + [data.depts[it[3]][1], it[2], it[0]].join(" · "), "meta"));
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
    var h3 = el(suggested.length ? "h3" : "h2", "也可以打电话问办理机关：");
    h3.id = "h-ask";
    if (!suggested.length) { box.setAttribute("aria-labelledby", h3.id); }
    box.appendChild(h3);
    var phones = el("ul", "", "dept-phones");
    for (var d = 0; d < data.depts.length; d++) {
      var dept = data.depts[d];
      var item = el("li");
      var link = el("a", dept[1]);
      link.href = root + "departments/" + dept[0] + ".html";
      item.appendChild(link);
      if (dept[2]) {
        item.appendChild(document.createTextNode(" 电话 "));
        var tel = el("a", dept[2], "tel");
        tel.href = "tel:" + dept[2].replace(/[^0-9+]/g, "");
        item.appendChild(tel);
      }
      phones.appendChild(item);
    }
    box.appendChild(phones);
    list.insertBefore(box, more);
  }

  function apply() {
    var want = words(q.value);
    // Options carry codes (dept=SFJ, area=a1b2c3d4), so a shared link survives a new
    // department. An option the index does not know (-2) matches nothing rather than everything.
    var d = fDept.value === "" ? -1 : (fDept.value in deptNumber ? deptNumber[fDept.value] : -2);
    var cText = fCat.selectedIndex > 0 ? fCat.options[fCat.selectedIndex].text : "";
    var c = cText === "" ? -1 : (cText in catNumber ? catNumber[cText] : -2);
    var k = fKind.value === "" ? -1 : +fKind.value;
    var allowed = function (it) {
      return !((d !== -1 && it[3] !== d) || (c !== -1 && it[4] !== c) || (k >= 0 && it[5] !== k));
    };
    ranked = want.length > 0;
    if (ranked) {
      loadBodies();
      build();
      matches = score(want, allowed, false);
      // few exact hits: also the items whose name or matter has the characters in order
      if (matches.length < 3) { matches = score(want, allowed, true); }
    } else {
      matches = [];
      for (var m = 0; m < N; m++) { if (allowed(items[m])) { matches.push(m); } }
    }
    var suggested = !matches.length && want.length ? closest(want, allowed) : [];
    section = null;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    more = el("button", "", "more");
    more.type = "button";
    more.onclick = function () {
      var first = showMore();
      if (first) { var a = first.querySelector("a"); if (a) { a.focus(); } }
    };
    list.appendChild(more);
    shown = 0;
    lastDept = -1;
    showMore();
    var filtered = want.length || d !== -1 || c !== -1 || k >= 0;
    if (!matches.length) {
      status.textContent = suggested.length
        ? "没有找到完全符合的事项，下面是名称相近的 " + suggested.length + " 项。"
        : "没有找到符合条件的事项。请换一个词、减少搜索词，或清除条件。";
      if (want.length) { helpSection(suggested); }
    } else {
      status.textContent = (filtered ? "找到 " : "共 ") + matches.length + " 项事项" +
        (matches.length > shown ? "，先显示前 " + shown + " 项" : "") + "。";
    }
    remember();
  }

  function remember() {
    if (!window.history || !history.replaceState) { return; }
    var pairs = [];
    var fields = [["q", q.value], ["dept", fDept.value], ["area", fCat.value], ["kind", fKind.value]];
    for (var p = 0; p < fields.length; p++) {
      if (fields[p][1]) { pairs.push(fields[p][0] + "=" + encodeURIComponent(fields[p][1])); }
    }
    try {
      history.replaceState(null, "", pairs.length ? "?" + pairs.join("&") : location.pathname);
    } catch (e) { /* file:// in some browsers */ }
  }

  function restore() {
    var search = location.search.replace(/^\?/, "").split("&");
    for (var p = 0; p < search.length; p++) {
      var kv = search[p].split("=");
      var value;
      try { value = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { continue; }
      if (kv[0] === "q") { q.value = value; }
      if (kv[0] === "dept") { fDept.value = value; }
      if (kv[0] === "area") { fCat.value = value; }
      if (kv[0] === "kind") { fKind.value = value; }
    }
  }

  var composing = false;
  var timer = null;
  function later() {
    if (composing) { return; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(apply, 120);
  }
  q.addEventListener("compositionstart", function () { composing = true; });
  q.addEventListener("compositionend", function () { composing = false; later(); });
  q.addEventListener("input", later);
  q.addEventListener("focus", loadBodies);
  fDept.addEventListener("change", apply);
  fCat.addEventListener("change", apply);
  fKind.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  form.hidden = false;
  restore();
  apply();
  setTimeout(build, 0);
}());

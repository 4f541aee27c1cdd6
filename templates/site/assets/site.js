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
  var KINDS = ["证明事项", "涉企经营许可事项"];
  var METHODS = [[1, "书面承诺"], [2, "电子承诺"]];
  var VERIFY = [[1, "在线核查"], [2, "现场核查"], [4, "协助核查"], [8, "“双随机、一公开”抽查"]];
  var COLUMNS = ["事项名称", "申请事项", "设定依据", "承诺方式", "可否代为承诺", "核查方式", "告知承诺书"];
  var root = list.getAttribute("data-root") || "";
  var items = data.items;

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
  for (var ti = 0; ti < t2s[0].length; ti++) { T2S[t2s[0].charAt(ti)] = t2s[1].charAt(ti); }
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
  function fold(s) {
    s = String(s);
    if (s.normalize) { s = s.normalize("NFKC"); }
    s = s.toLowerCase();
    var out = "";
    for (var k = 0; k < s.length; k++) { var ch = s.charAt(k); out += T2S.hasOwnProperty(ch) ? T2S[ch] : ch; }
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

  // What is searched, folded once. Weights: a hit in the title or an alias ranks
  // first, then the id, matter, department and area, then the legal basis,
  // content and conditions.
  var W_EXACT = 150, W_TITLE = 100, W_ID = 90, W_MATTER = 60, W_ORDER_TITLE = 50, W_DEPT = 40, W_CAT = 40,
    W_ORDER_MATTER = 30, W_BASIS = 30, W_TEXT = 20;
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
  var segs = data.segs || [];
  var names1 = [];  // title and aliases, folded, per item
  var hay = [];  // [id, matter, basis, text] folded, per item
  var all = [];  // everything of an item in one string, to rule items out fast
  for (var i = 0; i < items.length; i++) {
    var it = items[i];
    var own = [fold(it[1])];
    var aliases = it[11] || [];
    for (var a = 0; a < aliases.length; a++) { own.push(fold(aliases[a])); }
    var basis = [];
    for (var b = 0; b < it[6].length; b++) { basis.push(fold(data.docs[it[6][b][0]] + it[6][b][1])); }
    var text = [];
    var refs = it[12] || [];
    for (var r = 0; r < refs.length; r++) { text.push(segs[refs[r]]); }
    names1.push(own);
    hay.push([fold(it[0]), fold(it[2]), basis.join("|"), text.join("|")]);
    all.push(own.join("|") + "|" + hay[i].join("|") + "|" + deptHay[it[3]] + "|" + (it[4] >= 0 ? catHay[it[4]] : ""));
  }

  // The characters of ``word`` in order within ``text``, spread over at most twice its length
  // (无犯罪证明 in 无犯罪记录证明); -1 when not.
  function inOrder(word, text) {
    if (word.length < 3) { return false; }
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

  // The best weight in item m of a search word or one of its alternatives.
  function weighAny(m, alts) {
    var best = 0;
    for (var k = 0; k < alts.length; k++) { var w = weigh(m, alts[k]); if (w > best) { best = w; } }
    return best;
  }

  // The best weight of one search word in item m, 0 when it is not there.
  function weigh(m, word) {
    var own = names1[m];
    var best = 0;
    if (all[m].indexOf(word) >= 0) {
      for (var k = 0; k < own.length; k++) {
        if (own[k] === word) { return W_EXACT; }
        if (own[k].indexOf(word) >= 0) { best = W_TITLE; }
      }
      if (best) { return best; }
      var h = hay[m];
      if (h[0].indexOf(word) >= 0) { return W_ID; }
      if (h[1].indexOf(word) >= 0) { return W_MATTER; }
      if (deptHay[items[m][3]].indexOf(word) >= 0) { return W_DEPT; }
      if (items[m][4] >= 0 && catHay[items[m][4]].indexOf(word) >= 0) { return W_CAT; }
      if (h[2].indexOf(word) >= 0) { return W_BASIS; }
      if (h[3].indexOf(word) >= 0) { return W_TEXT; }
    }
    for (var o = 0; o < own.length; o++) { if (inOrder(word, own[o])) { return W_ORDER_TITLE; } }
    if (inOrder(word, hay[m][1])) { return W_ORDER_MATTER; }
    return 0;
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
  // character pairs with what was typed (typos such as 居住正), best first.
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
    var scored = [];
    for (var m = 0; m < items.length; m++) {
      if (!allowed(items[m])) { continue; }
      var own = names1[m].join("|");
      var score = 0;
      for (var g = 0; g < grams.length; g++) {
        if (own.indexOf(grams[g]) >= 0) { score += 2; } else if (hay[m][1].indexOf(grams[g]) >= 0) { score += 1; }
      }
      if (score >= grams.length) { scored.push([score, m]); }
    }
    scored.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
    var out = [];
    for (var s2 = 0; s2 < scored.length && s2 < 5; s2++) { out.push(scored[s2][1]); }
    return out;
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
    var end = Math.min(matches.length, shown + PAGE);
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
    var d = fDept.value === "" ? -1 : +fDept.value;
    var c = fCat.value === "" ? -1 : +fCat.value;
    var k = fKind.value === "" ? -1 : +fKind.value;
    var allowed = function (it) {
      return !((d >= 0 && it[3] !== d) || (c >= 0 && it[4] !== c) || (k >= 0 && it[5] !== k));
    };
    matches = [];
    var score = {};
    outer: for (var m = 0; m < items.length; m++) {
      if (!allowed(items[m])) { continue; }
      var sum = 0;
      for (var w = 0; w < want.length; w++) {
        var one = weighAny(m, want[w]);
        if (!one) { continue outer; }
        sum += one;
      }
      score[m] = sum;
      matches.push(m);
    }
    ranked = want.length > 0;
    if (ranked) { matches.sort(function (x, y) { return score[y] - score[x] || x - y; }); }
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
    var filtered = want.length || d >= 0 || c >= 0 || k >= 0;
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
    var fields = [["q", q.value], ["dept", fDept.value], ["cat", fCat.value], ["kind", fKind.value]];
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
      if (kv[0] === "cat") { fCat.value = value; }
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
  fDept.addEventListener("change", apply);
  fCat.addEventListener("change", apply);
  fKind.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  form.hidden = false;
  restore();
  apply();
}());

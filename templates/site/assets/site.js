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

  // Same folding as akq_cli.site.search.normalise: NFKC (full/half width), lower
  // case, letters and digits only. Chinese needs no word splitting: a query
  // matches wherever its characters appear in that order.
  var strip;
  try {
    strip = new RegExp("[^\\p{L}\\p{N}]+", "gu");
  } catch (e) {
    strip = /[\s\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u2000-\u206f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;
  }
  function norm(s) {
    s = String(s);
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.toLowerCase().replace(strip, "");
  }

  var hay = [];
  for (var i = 0; i < items.length; i++) {
    var it = items[i];
    var parts = [norm(it[0]), norm(it[1]), norm(it[2])];
    for (var b = 0; b < it[6].length; b++) { parts.push(norm(data.docs[it[6][b][0]] + it[6][b][1])); }
    hay.push(parts.join("|"));
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

  function startSection(d) {
    var dept = data.depts[d];
    section = el("section", "", "dept");
    var h2 = el("h2");
    h2.id = "r-" + dept[0];
    section.setAttribute("aria-labelledby", h2.id);
    var a = el("a", dept[1]);
    a.href = root + "departments/" + dept[0] + ".html";
    h2.appendChild(a);
    section.appendChild(h2);
    var table = el("table", "", "items");
    table.appendChild(el("caption", dept[1] + "实行告知承诺制的事项", "vh"));
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
      if (it[3] !== lastDept) { startSection(it[3]); }
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

  function apply() {
    var terms = q.value.split(/\s+/);
    var want = [];
    for (var t = 0; t < terms.length; t++) { var n = norm(terms[t]); if (n) { want.push(n); } }
    // Options carry codes (dept=SFJ, area=a1b2c3d4), so a shared link survives a new
    // department; they are listed in the index's order, so the position gives the number.
    var d = fDept.selectedIndex > 0 ? fDept.selectedIndex - 1 : -1;
    var c = fCat.selectedIndex > 0 ? fCat.selectedIndex - 1 : -1;
    var k = fKind.value === "" ? -1 : +fKind.value;
    matches = [];
    outer: for (var m = 0; m < items.length; m++) {
      var it = items[m];
      if ((d >= 0 && it[3] !== d) || (c >= 0 && it[4] !== c) || (k >= 0 && it[5] !== k)) { continue; }
      for (var w = 0; w < want.length; w++) { if (hay[m].indexOf(want[w]) < 0) { continue outer; } }
      matches.push(m);
    }
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
      status.textContent = "没有找到符合条件的事项。请换一个词、减少搜索词，或清除条件。";
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
  fDept.addEventListener("change", apply);
  fCat.addEventListener("change", apply);
  fKind.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  form.hidden = false;
  restore();
  apply();
}());

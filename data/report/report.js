/* report.js: sorting the tables and zooming the diagram of a
 * `peerplan report` page (docs/review.md).  Inlined into the page and
 * allowed by its Content-Security-Policy hash; no network, no eval. */
(function () {
  "use strict";
  function key(row, col) {
    var c = row.cells[col];
    return c.hasAttribute("data-key") ? c.getAttribute("data-key") : c.textContent;
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.hasAttribute("data-numeric");
    rows.forEach(function (r, i) { r.pp_index = i; });
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col), d;
      d = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      if (d === 0) return a.pp_index - b.pp_index;
      return asc ? d : -d;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(table, col, th); });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".zoom"), function (box) {
    var svg = box.querySelector("svg"), tools = box.previousElementSibling;
    if (!svg || !tools) return;
    var w = parseFloat(svg.getAttribute("width")), h = parseFloat(svg.getAttribute("height"));
    var scale = 1;
    function set(s) {
      scale = Math.min(8, Math.max(0.1, s));
      svg.setAttribute("width", (w * scale).toFixed(1) + "pt");
      svg.setAttribute("height", (h * scale).toFixed(1) + "pt");
    }
    function fit() { set(box.clientWidth / (w * 4 / 3)); }
    tools.querySelector("[data-zoom=in]").addEventListener("click", function () { set(scale * 1.25); });
    tools.querySelector("[data-zoom=out]").addEventListener("click", function () { set(scale / 1.25); });
    tools.querySelector("[data-zoom=fit]").addEventListener("click", fit);
    tools.querySelector("[data-zoom=one]").addEventListener("click", function () { set(1); });
    box.addEventListener("wheel", function (ev) {
      if (!ev.ctrlKey) return;
      ev.preventDefault();
      set(ev.deltaY < 0 ? scale * 1.1 : scale / 1.1);
    }, { passive: false });
    if (w * 4 / 3 > box.clientWidth) fit();
  });
}());

/* Tables marked sortable (class "sortable"): a click (or Enter) on a header sorts the rows
   by that column, numerically by the cells' data-v values when they have one, else as
   text in the page's language; a filter box above the table hides the rows that do not
   contain what is typed. No network, no library. REPORT_WORDS is set just above. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  function key(cell) {
    if (!cell) return { n: null, t: "" };
    var v = cell.getAttribute("data-v");
    var n = v === null || v === "" ? NaN : Number(v);
    return { n: isFinite(n) ? n : null, t: (cell.textContent || "").trim() };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n;
    return a.t.localeCompare(b.t, lang, { numeric: true });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter";
    input.placeholder = REPORT_WORDS.filter;
    input.setAttribute("aria-label", REPORT_WORDS.filter);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
    var block = table.closest(".table-block") || table;
    block.parentNode.insertBefore(input, block);
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    var cells = Array.prototype.slice.call(head.cells);
    cells.forEach(function (th, column) {
      th.tabIndex = 0;
      th.title = REPORT_WORDS.sort;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        cells.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        rows.map(function (row, i) { return { row: row, i: i, k: key(row.cells[column]) }; })
          .sort(function (a, b) {
            /* missing values and small-cell marks last, whichever the direction */
            if ((a.k.n === null) !== (b.k.n === null)) return a.k.n === null ? 1 : -1;
            return (up ? 1 : -1) * compare(a.k, b.k) || a.i - b.i;
          })
          .forEach(function (item) { body.appendChild(item.row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  });
})();

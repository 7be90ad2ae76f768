/* A sortable, filterable table built from data: the report list of index.html and the side
   table of a report page (pipeline/review). Rows are built once; filtering hides them and
   sorting moves them, so that thousands of rows stay quick. */
var Review = window.Review = window.Review || {};

Review.esc = function (value) {
  return String(value === null || value === undefined ? "" : value).replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
};

Review.compare = function (a, b, numeric) {
  var emptyA = a === "" || a === null || a === undefined, emptyB = b === "" || b === null || b === undefined;
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : (emptyA ? 1 : -1);  // empty cells last
  if (numeric) return parseFloat(a) - parseFloat(b);
  return String(a).localeCompare(String(b), "zh");
};

/* columns: [{key, label, num, nowrap}]; items: objects; opts.cell(item, key) gives a cell's HTML,
   opts.rowClass(item) a row's class; returns {filter(keep) -> number shown, row(n)}. */
Review.table = function (table, columns, items, opts) {
  opts = opts || {};
  var esc = Review.esc;
  var head = "<thead><tr>" + columns.map(function (c, i) {
    return '<th data-col="' + i + '" title="sort">' + esc(c.label) + "</th>";
  }).join("") + "</tr></thead>";
  var rows = items.map(function (item, n) {
    var cls = opts.rowClass ? opts.rowClass(item) : "";
    return '<tr data-n="' + n + '" class="' + cls + '">' + columns.map(function (c) {
      var html = opts.cell ? opts.cell(item, c.key) : esc(item[c.key]);
      var cls = c.num ? "num" : (c.nowrap ? "nowrap" : "");
      return (cls ? '<td class="' + cls + '">' : "<td>") + html + "</td>";
    }).join("") + "</tr>";
  });
  table.innerHTML = head + "<tbody>" + rows.join("") + "</tbody>";
  var body = table.tBodies[0], trs = Array.prototype.slice.call(body.rows);
  var sortCol = -1, direction = 1;

  table.tHead.addEventListener("click", function (event) {
    var th = event.target.closest("th");
    if (!th) return;
    var i = +th.dataset.col, column = columns[i];
    direction = sortCol === i ? -direction : 1;
    sortCol = i;
    var order = trs.map(function (_, n) { return n; });
    order.sort(function (a, b) {
      return Review.compare(items[a][column.key], items[b][column.key], column.num) * direction || a - b;
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (n) { fragment.appendChild(trs[n]); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.classList.remove("sorted-asc", "sorted-desc");
    });
    th.classList.add(direction > 0 ? "sorted-asc" : "sorted-desc");
  });

  return {
    filter: function (keep) {
      var shown = 0;
      for (var n = 0; n < trs.length; n++) {
        var ok = keep(items[n]);
        if (trs[n].hidden === ok) trs[n].hidden = !ok;
        shown += ok ? 1 : 0;
      }
      return shown;
    },
    row: function (n) { return trs[n]; }
  };
};

/* The words a search box looks for, lower-cased; an item matches when every word is in
   one of its `keys`. */
Review.matcher = function (text, keys) {
  var words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return function () { return true; };
  return function (item) {
    var hay = keys.map(function (k) { return item[k] === null || item[k] === undefined ? "" : item[k]; })
      .join(" ").toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) >= 0; });
  };
};

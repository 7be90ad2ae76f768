/* index.html (pipeline/review): the run's reports, sortable by any column and filterable by
   status, gold and words. The page's data is the JSON in <script id="data">. */
(function () {
  var esc = Review.esc;
  var data = JSON.parse(document.getElementById("data").textContent);
  var items = data.rows.map(function (row) {
    var item = {};
    data.fields.forEach(function (name, i) { item[name] = row[i]; });
    return item;
  });
  var columns = [{ key: "doc_id", label: "report" }, { key: "status", label: "status" },
                 { key: "title", label: "title" }, { key: "date", label: "date" },
                 { key: "region", label: "region" }, { key: "issuer", label: "issuer" },
                 { key: "year", label: "year", num: true }, { key: "n_indicators", label: "indicators", num: true }];
  if (data.gold) {
    columns.push({ key: "matched", label: "matched", num: true }, { key: "missed", label: "missed", num: true },
                 { key: "extra", label: "extra", num: true });
  }
  if (items.some(function (item) { return item.duplicate_of; })) columns.push({ key: "duplicate_of", label: "duplicate of" });
  columns.push({ key: "warnings", label: "warnings" });

  var list = Review.table(document.getElementById("reports"), columns, items, {
    cell: function (item, key) {
      if (key === "doc_id") return item.href ? '<a href="' + esc(item.href) + '">' + esc(item.doc_id) + "</a>" : esc(item.doc_id);
      if (key === "status") return '<span class="status-' + esc(item.status) + '">' + esc(item.status) + "</span>" +
        (item.error ? "<br><small>" + esc(item.error) + "</small>" : "");
      if (key === "warnings") return '<span class="warn">' + esc(item.warnings) + "</span>";
      return esc(item[key]);
    }
  });

  var status = document.getElementById("f-status"), gold = document.getElementById("f-gold");
  var search = document.getElementById("f-search");
  function apply() {
    var words = Review.matcher(search.value, ["doc_id", "title", "region", "issuer", "date", "year", "warnings", "error"]);
    var shown = list.filter(function (item) {
      return (!status.value || item.status === status.value) &&
        (!gold || !gold.value || (item.matched !== "" &&
          (gold.value === "differs" ? item.missed + item.extra > 0 : item.missed + item.extra === 0))) &&
        words(item);
    });
    document.getElementById("shown").textContent = shown + " of " + items.length + " reports shown";
  }
  [status, gold].forEach(function (c) { if (c) c.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
})();

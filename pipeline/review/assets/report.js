/* One report's page (pipeline/review): the card of an indicator on hover or click, the side
   table and its filters. The page's data is the JSON in <script id="data">; every highlight
   in the text is a <mark data-n="…"> pointing at its item there. */
(function () {
  var esc = Review.esc;
  var data = JSON.parse(document.getElementById("data").textContent);
  var items = data.rows.map(function (row, n) {
    var item = { n: n };
    data.fields.forEach(function (name, i) { item[name] = row[i]; });
    return item;
  });
  var byId = {};
  items.forEach(function (item) { if (item.type === "ind") byId[item.indicator_id] = item; });
  var text = document.getElementById("text");
  var marks = [];
  Array.prototype.forEach.call(text.querySelectorAll("mark[data-n]"), function (m) { marks[+m.dataset.n] = m; });

  // ------------------------------------------------------------------ the card
  var card = document.getElementById("card"), pinned = null;
  var LABELS = [["value", "value"], ["value_high", "up to"], ["unit", "unit"], ["dimension", "dimension"],
                ["currency", "currency"], ["qualifier", "qualifier"], ["basis", "basis"],
                ["category", "category"], ["kind", "kind"], ["year", "year"], ["counted", "counted"],
                ["action", "action"], ["period", "period"], ["part_of", "part of"],
                ["repeat_of", "repeat of"], ["sentence_id", "sentence"], ["page", "page"]];

  function link(id) {
    var target = byId[id];
    if (!target) return esc(id);
    return '<a href="#" data-go="' + target.n + '">' + esc(target.mention) + "</a> <small>" + esc(id) + "</small>";
  }

  function cell(item, name) {
    var value = item[name];
    if (name === "category" && item.category_confidence !== "" && item.category_confidence !== null)
      return esc(value) + " <small>(confidence " + esc(item.category_confidence) + ")</small>";
    if ((name === "part_of" || name === "repeat_of") && value) return link(value);
    return esc(value);
  }

  function cardHtml(item) {
    var wrong = item.wrong || {};
    var rows = LABELS.filter(function (l) {
      return (item[l[0]] !== "" && item[l[0]] !== null && item[l[0]] !== undefined) || l[0] in wrong;
    }).map(function (l) {
      var gold = l[0] in wrong ? ' <span class="gold">gold: ' + (esc(wrong[l[0]]) || "(empty)") + "</span>" : "";
      return '<tr data-field="' + l[0] + '"><th>' + l[1] + "</th><td>" + cell(item, l[0]) + gold + "</td></tr>";
    });
    var status = {
      extra: '<p class="status extra">extra: found, not in the gold</p>',
      miss: '<p class="status miss">missed: in the gold (line ' + esc(item.gold_row) + "), not found" +
            (item.near ? "; it overlaps " + link(item.near) : "") + "</p>",
      matched: '<p class="status">in the gold' + (Object.keys(wrong).length ? ", fields differ" : "") + "</p>"
    }[item.gold] || "";
    return '<button class="close" title="close">×</button><h3>' + esc(item.mention) + "</h3>" +
      (item.type === "ind" ? "<small>" + esc(item.indicator_id) + "</small>" : "") +
      "<table>" + rows.join("") + "</table>" + status;
  }

  function show(item, anchor) {
    card.innerHTML = cardHtml(item);
    card.dataset.for = item.type === "ind" ? item.indicator_id : "gold:" + item.gold_row;
    card.hidden = false;
    var box = anchor.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8);
    card.style.left = Math.max(window.scrollX + 4, left) + "px";
    var below = box.bottom + 6 + card.offsetHeight <= document.documentElement.clientHeight || box.top < card.offsetHeight + 6;
    card.style.top = window.scrollY + (below ? box.bottom + 6 : box.top - card.offsetHeight - 6) + "px";
  }

  function hide() { card.hidden = true; pinned = null; }

  function markOf(event) {
    var m = event.target.closest && event.target.closest("mark[data-n]");
    return m && text.contains(m) ? m : null;
  }

  text.addEventListener("mouseover", function (event) {
    var m = markOf(event);
    if (m && !pinned) show(items[+m.dataset.n], m);
  });
  text.addEventListener("mouseout", function (event) {
    var m = markOf(event);
    if (m && !pinned && !(event.relatedTarget && m.contains(event.relatedTarget))) card.hidden = true;
  });
  text.addEventListener("click", function (event) {
    var m = markOf(event);
    if (!m) return hide();
    pinned = m;
    show(items[+m.dataset.n], m);
    event.stopPropagation();
  });
  text.addEventListener("focusin", function (event) {
    var m = markOf(event);
    if (m && !pinned) show(items[+m.dataset.n], m);
  });
  card.addEventListener("click", function (event) {
    if (event.target.closest("button.close")) return hide();
    var go = event.target.closest("[data-go]");
    if (go) { event.preventDefault(); jump(items[+go.dataset.go]); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });

  /* Show an item's figure in the text with its card; a miss not found in the text has its
     card by its row of the side table (`fallback`). */
  function jump(item, fallback) {
    var m = marks[item.n] || (item.near && byId[item.near] && marks[byId[item.near].n]);
    if (!m) {
      if (fallback) { pinned = fallback; show(item, fallback); }
      return;
    }
    m.scrollIntoView({ block: "center" });
    m.classList.remove("flash");
    void m.offsetWidth;  // restart the animation
    m.classList.add("flash");
    pinned = m;
    show(item, m);
  }

  // ------------------------------------------------------------ the side table
  // the columns a run fills in (kind, year and confidence may be empty in every row)
  var columns = [{ key: "n", label: "#", num: true }, { key: "mention", label: "mention" },
                 { key: "value", label: "value", num: true }, { key: "category", label: "category", nowrap: true },
                 { key: "category_confidence", label: "conf.", num: true }, { key: "kind", label: "kind" },
                 { key: "year", label: "year", num: true }, { key: "counted", label: "counted" },
                 { key: "gold", label: "gold", nowrap: true }].filter(function (c) {
    return items.some(function (item) { return item[c.key] !== "" && item[c.key] !== null; });
  });
  var list = Review.table(document.getElementById("rows"), columns, items, {
    rowClass: function (item) { return "pick " + (item.gold === "extra" || item.gold === "miss" ? item.gold : ""); },
    cell: function (item, key) {
      if (key === "n") return item.n + 1;
      if (key === "category") return '<span class="swatch c' + item.color + '"></span>' + esc(item.category);
      if (key === "gold") return esc(item.gold) + (item.wrong && Object.keys(item.wrong).length ? " ≠" : "");
      return esc(item[key]);
    }
  });
  document.getElementById("rows").addEventListener("click", function (event) {
    var tr = event.target.closest("tbody tr");
    if (tr) { jump(items[+tr.dataset.n], tr); event.stopPropagation(); }
  });

  var controls = ["f-category", "f-kind", "f-gold", "f-search"].map(function (id) { return document.getElementById(id); });
  function apply() {
    var category = controls[0].value, kind = controls[1].value, gold = controls[2] ? controls[2].value : "";
    var search = Review.matcher(controls[3].value, ["mention", "counted", "action", "unit", "period", "indicator_id"]);
    var keep = function (item) {
      return (!category || item.category === category) &&
        (!kind || (kind === "-" ? !item.kind : item.kind === kind)) &&
        (!gold || (gold === "wrong" ? item.wrong && Object.keys(item.wrong).length > 0 : item.gold === gold)) &&
        search(item);
    };
    var shown = list.filter(keep);
    var all = !category && !kind && !gold && !controls[3].value;
    for (var n = 0; n < marks.length; n++) {
      if (marks[n]) marks[n].classList.toggle("dim", !all && !keep(items[n]));
    }
    document.getElementById("shown").textContent = shown + " of " + items.length + " shown";
  }
  controls.forEach(function (c) { if (c) c.addEventListener(c.tagName === "INPUT" ? "input" : "change", apply); });
  document.querySelectorAll(".legend [data-category]").forEach(function (el) {
    el.addEventListener("click", function () {
      controls[0].value = controls[0].value === el.dataset.category ? "" : el.dataset.category;
      apply();
    });
  });
  apply();
})();

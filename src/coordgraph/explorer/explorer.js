/* coordgraph explorer: displays the findings the library computed for each date.
   No rule is applied here; the page filters and draws what the data block holds. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("coordgraph-data").textContent);
  var COLORS = { linked: "#1a9850", "legal basis only": "#7fbf7b", unlinked: "#b2182b", unresolved: "#8c8c8c" };
  /* a pair linked only by a legal basis (link kind legal_basis) is drawn apart from
     operational links: a lighter, dashed line */
  function drawn(f) { return f.link_status === "linked" && f.link_kind === "legal_basis" ? "legal basis only" : f.link_status; }
  var SEVERITY = { high: "#b2182b", medium: "#ef8a62", low: "#999999", info: "#4393c3" };
  var KIND_SYMBOL = { Country: "circle", Network: "square", Agreement: "triangle-up", FocalPoint: "diamond" };
  var KIND_COLOR = { Country: "#2166ac", Network: "#762a83", Agreement: "#5aae61", FocalPoint: "#e08214" };
  var CONFIG = { displaylogo: false, responsive: true, showLink: false, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] };
  var state = { step: D.steps.length - 1, country: "", network: "", kinds: {}, selected: null, reveal: false, note: "" };
  var MAX_ARROWS = 400;
  D.kinds.forEach(function (k) { state.kinds[k] = true; });

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function label(node) { return D.labels[node] || node; }
  /* a word of the interface in the page's language (D.words), its {params} filled */
  function W(key, params) {
    var text = D.words[key] !== undefined ? D.words[key] : key;
    Object.keys(params || {}).forEach(function (p) { text = text.split("{" + p + "}").join(String(params[p])); });
    return text;
  }
  /* plotly reads a few HTML tags in its texts: what the data holds is shown as typed */
  function inert(text) { return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function explain(text) {
    return { text: wrap(inert(text), 46), xref: "paper", yref: "paper", x: 0.5, y: 0.5, showarrow: false, align: "center",
      font: { size: 13, color: "#444" }, bgcolor: "#fff7e6", bordercolor: "#e0a040", borderpad: 8 };
  }
  function wrap(text, width) {
    var out = [], line = "";
    String(text).split(" ").forEach(function (w) {
      if (line && (line + " " + w).length > width) { out.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    if (line) { out.push(line); }
    return out.join("<br>");
  }
  /* a stored text marks the step's date with U+E000 (see explorer/data.py) */
  function dated(f, text) { return f.dated ? text.split("\ue000").join(D.steps[state.step].as_of) : text; }

  function visible() {
    var step = D.steps[state.step];
    var ids = state.network ? step.networks[state.network] : step.findings;
    return ids.map(function (i) { return { id: i, f: D.findings[i] }; }).filter(function (x) {
      if (!state.kinds[x.f.kind]) { return false; }
      if (state.country && x.f.countries.indexOf(state.country) < 0) { return false; }
      return true;
    });
  }

  function holds(item, day) {
    return (!item.start || item.start <= day) && (!item.end || item.end >= day);
  }

  function selectedFinding() {
    return state.selected === null ? null : D.findings[state.selected];
  }

  function drawMap(items) {
    var sel = selectedFinding();
    var land = { x: [], y: [] }, ours = { x: [], y: [] }, lit = { x: [], y: [] };
    var chosen = sel ? sel.countries : [];
    var inData = {};
    D.countries.forEach(function (c) { inData[c.iso3] = true; });
    function rings(target, outline) {
      outline.forEach(function (ring) {
        ring.forEach(function (p) { target.x.push(p[0]); target.y.push(p[1]); });
        target.x.push(null); target.y.push(null);
      });
    }
    /* every country in view, from the outlines shipped with coordgraph: a basemap */
    D.basemap.forEach(function (c) { if (!inData[c.iso3]) { rings(land, c.outline); } });
    D.countries.forEach(function (c) {
      rings(chosen.indexOf(c.iso3) >= 0 || c.iso3 === state.country ? lit : ours, c.outline);
    });
    var traces = [
      { x: land.x, y: land.y, mode: "lines", fill: "toself", fillcolor: "#ececec", line: { color: "#c4c4c4", width: 0.5 }, hoverinfo: "skip", name: W("ex.other_countries"), showlegend: false },
      { x: ours.x, y: ours.y, mode: "lines", fill: "toself", fillcolor: "#f4efe4", line: { color: "#9c8f78", width: 0.7 }, hoverinfo: "skip", name: W("ex.states_in_data"), showlegend: false },
      { x: lit.x, y: lit.y, mode: "lines", fill: "toself", fillcolor: "#fdd49e", line: { color: "#d7301f", width: 1.2 }, hoverinfo: "skip", name: "selected States", showlegend: false }
    ];
    var arrows = [], pairs = 0;
    ["linked", "legal basis only", "unlinked", "unresolved"].forEach(function (status) {
      var t = { x: [], y: [], text: [] };
      items.forEach(function (x) {
        var f = x.f;
        if (drawn(f) !== status) { return; }
        var a = D.places[f.subjects[0]], b = D.places[f.subjects[1]];
        if (!a || !b) { return; }
        pairs += 1;
        t.x.push(a[0], b[0], null); t.y.push(a[1], b[1], null);
        t.text.push(inert(dated(f, f.message)), inert(dated(f, f.message)), null);
        if (arrows.length < MAX_ARROWS && (a[0] !== b[0] || a[1] !== b[1])) {
          /* the direction of the route: an arrowhead at the destination end */
          arrows.push({ x: b[0], y: b[1], ax: a[0], ay: a[1], xref: "x", yref: "y", axref: "x", ayref: "y",
            text: "", showarrow: true, arrowhead: 2, arrowsize: 0.9, arrowwidth: status === "unlinked" ? 1.6 : 1.2,
            arrowcolor: COLORS[status], standoff: 5, opacity: 0.9 });
        }
      });
      traces.push({ x: t.x, y: t.y, text: t.text, mode: "lines", hoverinfo: "text", name: W("ex.status." + status),
        line: { color: COLORS[status], width: status === "unlinked" ? 2.4 : 1.6, dash: status === "unresolved" ? "dot" : (status === "legal basis only" ? "dash" : "solid") } });
    });
    var hl = { x: [], y: [] };
    if (sel) {
      sel.routes.forEach(function (r) {
        (D.routes[r] ? D.routes[r].coords : []).forEach(function (p) { hl.x.push(p[0]); hl.y.push(p[1]); });
        hl.x.push(null); hl.y.push(null);
      });
    }
    traces.push({ x: hl.x, y: hl.y, mode: "lines+markers", name: W("ex.selected_routes"), line: { color: "rgba(255,190,0,0.85)", width: 7 }, marker: { size: 9 }, hoverinfo: "skip" });
    var worst = {};
    items.forEach(function (x) {
      if (!x.f.gap) { return; }
      x.f.countries.forEach(function (c) {
        var order = ["info", "low", "medium", "high"];
        if (!worst[c] || order.indexOf(x.f.severity) > order.indexOf(worst[c])) { worst[c] = x.f.severity; }
      });
    });
    var pts = D.countries.filter(function (c) { return c.point; });
    traces.push({
      x: pts.map(function (c) { return c.point[0]; }), y: pts.map(function (c) { return c.point[1]; }),
      text: pts.map(function (c) { return inert(c.label); }), mode: "markers+text", textposition: "top center",
      textfont: { size: 9, color: "#333" }, name: W("ex.states"), showlegend: false,
      hovertext: pts.map(function (c) { return inert(c.label + (worst[c.iso3] ? W("ex.worst", { severity: W("severity." + worst[c.iso3]) }) : "")); }),
      hoverinfo: "text",
      marker: { size: 8, color: pts.map(function (c) { return worst[c.iso3] ? SEVERITY[worst[c.iso3]] : "#4393c3"; }), line: { color: "#fff", width: 1 } }
    });
    if (!pairs) {
      arrows.push(explain(W(items.length ? "ex.no_pairs_draw" : "ex.no_pairs_recorded", {
        day: D.steps[state.step].as_of,
        selection: state.country || state.network ? W("ex.for_selection") : ""
      })));
    }
    var box = $("map");
    var layout = {
      margin: { l: 5, r: 5, t: 30, b: 5 }, title: { text: W("ex.map_title", { day: D.steps[state.step].as_of }), x: 0.01, xanchor: "left", font: { size: 13 } },
      autosize: true, height: box.clientHeight || 450, annotations: arrows,
      xaxis: { visible: false, range: [D.view[0], D.view[2]], constrain: "domain" },
      yaxis: { visible: false, scaleanchor: "x", range: [D.view[1], D.view[3]], constrain: "domain" },
      legend: { orientation: "h", y: 0, font: { size: 10 } }, plot_bgcolor: "#dfe9f2", dragmode: "pan", uirevision: "map"
    };
    Plotly.react("map", traces, layout, CONFIG);
  }

  function drawNetwork(items) {
    var day = D.steps[state.step].as_of;
    var sel = selectedFinding();
    var focus = {};
    if (sel) {
      sel.subjects.concat(sel.evidence).forEach(function (n) { focus[n] = true; });
      sel.countries.forEach(function (c) { focus["Country:" + c] = true; });
    }
    var missing = {};
    items.forEach(function (x) {
      /* the first subject of a focal-point finding is the State that lacks one */
      if (x.f.kind.indexOf("without_focal_point") >= 0 && x.f.subjects[0].indexOf("Country:") === 0) { missing[x.f.subjects[0]] = true; }
    });
    var pos = {}, shown = {};
    D.network.nodes.forEach(function (n) { pos[n.id] = { id: n.id, kind: n.kind, label: n.label, name: n.name, x: n.x, y: n.y, start: n.start, end: n.end }; });
    /* members or parties outside the States of the data: a count on the day, not drawn */
    var more = {};
    D.network.nodes.forEach(function (n) {
      var k = (n.more || []).filter(function (s) { return holds({ start: s[0], end: s[1] }, day); }).length;
      if (k) { more[n.id] = k; }
    });
    var netNode = state.network ? "Network:" + state.network : null;
    var edges = D.network.edges.filter(function (e) { return holds(e, day) && pos[e.u] && pos[e.v] && holds(pos[e.u], day) && holds(pos[e.v], day); });
    if (netNode) {
      var keep = {}; keep[netNode] = true;
      edges.forEach(function (e) { if (e.v === netNode && e.relation === "MEMBER_OF") { keep[e.u] = true; } });
      /* a member's focal point for this network: designated by the member, serving it */
      var serves = {};
      edges.forEach(function (e) { if (e.v === netNode && e.relation === "SERVES") { serves[e.u] = true; } });
      edges.forEach(function (e) { if (keep[e.u] && e.relation === "DESIGNATES" && serves[e.v]) { keep[e.v] = true; } });
      edges = edges.filter(function (e) { return keep[e.u] && keep[e.v]; });
      /* membership: the network in the middle, its members round it, focal points outside */
      var members = Object.keys(keep).filter(function (n) { return pos[n] && pos[n].kind === "Country"; })
        .sort(function (a, b) { return pos[a].label < pos[b].label ? -1 : 1; });
      pos[netNode] = Object.assign({}, pos[netNode] || { id: netNode, kind: "Network", label: label(netNode), name: label(netNode) }, { x: 0, y: 0 });
      members.forEach(function (m, i) {
        var angle = Math.PI / 2 - 2 * Math.PI * i / Math.max(1, members.length);
        pos[m] = Object.assign({}, pos[m], { x: Math.cos(angle), y: Math.sin(angle) });
      });
      edges.forEach(function (e) {
        if (e.relation === "DESIGNATES" && pos[e.u]) { pos[e.v] = Object.assign({}, pos[e.v], { x: 1.25 * pos[e.u].x, y: 1.25 * pos[e.u].y }); }
      });
    }
    edges.forEach(function (e) { shown[e.u] = true; shown[e.v] = true; });
    var plain = { x: [], y: [] }, bold = { x: [], y: [] };
    edges.forEach(function (e) {
      var t = focus[e.u] && focus[e.v] ? bold : plain;
      t.x.push(pos[e.u].x, pos[e.v].x, null); t.y.push(pos[e.u].y, pos[e.v].y, null);
    });
    var traces = [
      { x: plain.x, y: plain.y, mode: "lines", line: { color: "#c7c7c7", width: 1 }, hoverinfo: "skip", showlegend: false },
      { x: bold.x, y: bold.y, mode: "lines", line: { color: "#f0a000", width: 4 }, hoverinfo: "skip", showlegend: false }
    ];
    Object.keys(KIND_SYMBOL).forEach(function (kind) {
      var ns = Object.keys(pos).map(function (k) { return pos[k]; }).filter(function (n) { return n.kind === kind && shown[n.id]; });
      traces.push({
        x: ns.map(function (n) { return n.x; }), y: ns.map(function (n) { return n.y; }),
        /* names on the States and networks; agreements and focal points by hovering,
           except in one network's view, where every name fits */
        text: ns.map(function (n) { return kind === "FocalPoint" || (kind === "Agreement" && !netNode) ? "" : inert(n.label); }),
        hovertext: ns.map(function (n) { return inert(n.name + (missing[n.id] ? W("ex.no_focal_point") : "") + (more[n.id] ? W("ex.more_members", { n: more[n.id] }) : "")); }),
        hoverinfo: "text", mode: "markers+text", textposition: "bottom center", textfont: { size: 8 }, name: W("ex.node." + kind),
        marker: {
          symbol: KIND_SYMBOL[kind], size: ns.map(function (n) { return focus[n.id] ? 16 : 10; }),
          color: ns.map(function (n) { return missing[n.id] ? "#d6604d" : KIND_COLOR[kind]; }),
          line: { color: ns.map(function (n) { return focus[n.id] ? "#000" : "#fff"; }), width: ns.map(function (n) { return focus[n.id] ? 2.5 : 1; }) }
        }
      });
    });
    var notes = [];
    if (netNode && more[netNode]) {
      notes.push({ text: wrap(inert(W("ex.more_members", { n: more[netNode] }).trim()), 70), xref: "paper", yref: "paper", x: 0.01, y: 0.02, showarrow: false, xanchor: "left", font: { size: 10, color: "#555" } });
    }
    if (!edges.length) {
      notes.push(explain(netNode ? W("ex.empty_this_network", { name: label(netNode), day: day }) : W("ex.empty_network", { day: day })));
    }
    var layout = {
      margin: { l: 5, r: 5, t: 30, b: 5 }, title: { text: inert(W("ex.network_title") + (netNode ? ": " + label(netNode) : "")), x: 0.01, xanchor: "left", font: { size: 13 } },
      autosize: true, height: $("network").clientHeight || 450, annotations: notes,
      xaxis: { visible: false, range: [-1.6, 1.6] }, yaxis: { visible: false, scaleanchor: "x", range: [-1.5, 1.5] }, legend: { orientation: "h", y: 0, font: { size: 10 } },
      dragmode: "pan", uirevision: "net"
    };
    Plotly.react("network", traces, layout, CONFIG);
  }

  function drawList(items) {
    var list = $("findings");
    list.textContent = "";
    var gaps = items.filter(function (x) { return x.f.gap; }).length;
    $("count").textContent = String(items.length);
    $("gaps").textContent = String(gaps);
    items.forEach(function (x) {
      var f = x.f;
      var li = el("li", { "class": "finding sev-" + f.severity + (state.selected === x.id ? " selected" : ""), "data-finding": String(x.id), tabindex: "0" });
      li.appendChild(el("span", { "class": "badge" }, W("severity." + f.severity)));
      li.appendChild(el("span", { "class": "kind" }, W("kind." + f.kind)));
      li.appendChild(el("div", { "class": "message" }, dated(f, f.message)));
      if (state.selected === x.id) {
        var more = el("div", { "class": "more" });
        if (f.near_misses.length) { more.appendChild(el("div", {}, W("ex.nearest") + f.near_misses.map(function (t) { return dated(f, t); }).join("; "))); }
        if (f.evidence.length) { more.appendChild(el("div", {}, W("ex.evidence") + f.evidence.map(label).join("; "))); }
        if (f.routes.length) { more.appendChild(el("div", {}, W("ex.routes") + f.routes.map(label).join("; "))); }
        if (f.sources.length) { more.appendChild(el("div", {}, W("ex.sources") + f.sources.join(", "))); }
        if (f.criteria_missing && f.criteria_missing.length) { more.appendChild(el("div", {}, W("ex.criteria_missing") + f.criteria_missing.map(function (c) { return W("criterion." + c); }).join(", "))); }
        if (f.criteria_unknown && f.criteria_unknown.length) { more.appendChild(el("div", {}, W("ex.criteria_unknown") + f.criteria_unknown.map(function (c) { return W("criterion." + c); }).join(", "))); }
        if (f.gap_type) { more.appendChild(el("div", {}, W("ex.gap_type") + W("gap_type." + f.gap_type))); }
        more.appendChild(el("div", {}, W("ex.rule") + f.rule));
        li.appendChild(more);
      }
      li.addEventListener("click", function () {
        state.selected = state.selected === x.id ? null : x.id;
        render();
      });
      list.appendChild(li);
    });
  }

  /* the chosen State's expected structures on this step: expected, status, record
     (rows computed by the library, the report's table) */
  function drawExpected() {
    var box = $("expected");
    box.textContent = "";
    var step = D.steps[state.step];
    if (!state.country) {
      box.appendChild(el("p", { "class": "small" }, W("ex.expected.pick")));
      return;
    }
    var name = label("Country:" + state.country);
    var rows = (step.expected || {})[state.country] || [];
    box.appendChild(el("h2", {}, W("ex.expected.title", { name: name })));
    if (!rows.length) {
      box.appendChild(el("p", { "class": "small" }, W("ex.expected.none", { name: name, day: step.as_of })));
      return;
    }
    var table = el("table", {}), head = el("tr", {});
    ["structure", "status", "record"].forEach(function (k) { head.appendChild(el("th", {}, W("ex.expected." + k))); });
    table.appendChild(head);
    rows.forEach(function (i) {
      var row = D.expected_rows[i];
      var tr = el("tr", { "class": row[3] ? "gap" : "ok" });
      tr.appendChild(el("td", {}, row[0]));
      tr.appendChild(el("td", {}, row[1]));
      tr.appendChild(el("td", {}, row[2]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    document.body.setAttribute("data-expected", String(rows.length));
  }

  function render() {
    var step = D.steps[state.step];
    var items = visible();
    if (state.selected !== null && !items.some(function (x) { return x.id === state.selected; })) { state.selected = null; }
    $("asof").textContent = step.as_of;
    $("year").textContent = step.label;
    $("note").textContent = state.note;
    document.body.setAttribute("data-note", state.note);
    drawMap(items);
    drawNetwork(items);
    drawList(items);
    drawExpected();
    if (state.reveal) {
      state.reveal = false;
      var chosen = document.querySelector(".finding.selected");
      if (chosen) { chosen.scrollIntoView({ block: "center" }); }
    }
    var hash = "#year=" + encodeURIComponent(step.label) + (state.country ? "&state=" + state.country : "") + (state.selected !== null ? "&finding=" + state.selected : "");
    if (location.hash !== hash) { history.replaceState(null, "", hash); }
    document.body.setAttribute("data-year", step.label);
    document.body.setAttribute("data-shown", String(items.length));
    document.body.setAttribute("data-map-size", $("map").clientWidth + "x" + $("map").clientHeight);
  }

  /* "#year=2008&finding=12" opens the page at a step, with a finding selected. */
  function readHash() {
    var y = /year=([^&]+)/.exec(location.hash);
    state.note = "";
    if (y) {
      var asked = decodeURIComponent(y[1]), found = -1;
      D.steps.forEach(function (s, i) { if (s.label === asked) { found = i; } });
      if (found < 0 && /^[0-9]{4}$/.test(asked)) {
        /* no step that year: the nearest year with one (the earlier of two as near), said so */
        D.steps.forEach(function (s, i) {
          var d = Math.abs(Number(s.label.slice(0, 4)) - Number(asked));
          if (found < 0 || d < Math.abs(Number(D.steps[found].label.slice(0, 4)) - Number(asked))) { found = i; }
        });
        state.note = W("ex.nearest_year", { asked: asked, shown: D.steps[found].label });
      } else if (found < 0) {
        state.note = W("ex.no_step", { asked: asked, shown: D.steps[D.steps.length - 1].label });
      }
      if (found >= 0) { state.step = found; }
    }
    /* "&state=ROU" opens the page on a State: its findings and expected structures */
    var st = /state=([A-Z]{3})/.exec(location.hash);
    if (st && D.countries.some(function (c) { return c.iso3 === st[1]; })) { state.country = st[1]; }
    var f = /finding=(\d+)/.exec(location.hash);
    state.selected = f && D.findings[Number(f[1])] ? Number(f[1]) : null;
    state.reveal = state.selected !== null;
  }

  function setup() {
    var slider = $("slider");
    slider.max = String(D.steps.length - 1);
    var ticks = $("ticks");
    D.steps.forEach(function (s) { ticks.appendChild(el("option", { value: String(D.steps.indexOf(s)), label: s.label })); });
    readHash();
    slider.value = String(state.step);
    slider.addEventListener("input", function () { state.step = Number(slider.value); state.note = ""; render(); });
    var pending = null;
    window.addEventListener("resize", function () {
      /* the panels keep their shape: draw again at the new size */
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(render, 150);
    });
    var country = $("country");
    D.countries.slice().sort(function (a, b) { return a.label < b.label ? -1 : 1; }).forEach(function (c) {
      country.appendChild(el("option", { value: c.iso3 }, c.label));
    });
    country.value = state.country;
    country.addEventListener("change", function () { state.country = country.value; render(); });
    var network = $("network-filter");
    D.networks.forEach(function (n) { network.appendChild(el("option", { value: n.id }, n.label)); });
    network.addEventListener("change", function () { state.network = network.value; render(); });
    var kinds = $("kinds");
    D.kinds.forEach(function (k) {
      var lab = el("label", {});
      var box = el("input", { type: "checkbox", value: k });
      box.checked = true;
      box.addEventListener("change", function () { state.kinds[k] = box.checked; render(); });
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(" " + W("kind." + k)));
      kinds.appendChild(lab);
    });
    window.addEventListener("hashchange", function () { readHash(); slider.value = String(state.step); country.value = state.country; render(); });
    render();
    document.body.setAttribute("data-ready", "true");
  }

  setup();
})();

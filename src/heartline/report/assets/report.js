// heartline report: draws the graph, the arcs, the table and the evidence from the
// JSON embedded in the page.  Everything from the story goes in as text nodes
// (textContent / createTextNode), never as markup; no network, no library.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("heartline-data").textContent);
  var KINDS = ["romantic", "affection", "dislike", "hatred"];
  var byId = {};
  data.characters.forEach(function (c) { byId[c.id] = c; });
  var state = { sel: null };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function name(id) { return byId[id] ? byId[id].name : "?"; }
  // Scenes and chapters come numbered from 1 (the JSON's numbers, as the terminal and ask show them).
  function sceneLabel(n) { return "scene " + n; }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function activate(node, fn) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.addEventListener("click", fn);
    node.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(ev); }
    });
  }
  function relationState(r) {
    // r.ending is worked out with the analysis (report/ending.py): "ends as dislike" when the arc turned.
    var end = !r.current ? " (past)" : r.ending.indexOf("ends as") === 0 ? " (" + r.ending + ")" : "";
    return r.kind + end + " · " + r.how;
  }

  // ------------------------------------------------------------------ header
  function header() {
    var s = data.story, n = data.relations.length;
    document.getElementById("stats").textContent = [
      fmt(s.words) + " words", s.scenes.length + (s.scenes.length === 1 ? " scene" : " scenes"),
      data.characters.length + (data.characters.length === 1 ? " character" : " characters"),
      n + (n === 1 ? " feeling" : " feelings")].join(" · ");
    var tags = document.getElementById("tags");
    [["Relationships", data.tags.relationships, "tag-rel"], ["Characters", data.tags.characters, "tag-char"]]
      .forEach(function (group) {
        var row = el("p", "tag-row");
        row.appendChild(el("span", "tag-label", group[0] + ":"));
        if (!group[1].length) row.appendChild(el("span", "tag none", "none"));
        group[1].forEach(function (t) { row.appendChild(el("span", "tag " + group[2], t)); });
        tags.appendChild(row);
      });
  }

  // ------------------------------------------------------------------ legend
  function legend() {
    var box = document.getElementById("legend");
    function sample(kind, extra, label) {
      var item = el("span", "legend-item");
      var s = svg("svg", { width: "34", height: "12", viewBox: "0 0 34 12", "aria-hidden": "true" });
      var line = svg("line", { x1: "2", y1: "6", x2: "32", y2: "6", "class": "edge-line k-" + kind + " " + extra });
      s.appendChild(line);
      if (extra.indexOf("denied") >= 0) {
        s.appendChild(svg("circle", { cx: "17", cy: "6", r: "4.5", "class": "deny-mark k-" + kind }));
        s.appendChild(svg("line", { x1: "14", y1: "9", x2: "20", y2: "3", "class": "deny-slash k-" + kind }));
      }
      item.appendChild(s);
      item.appendChild(el("span", "", label));
      return item;
    }
    var kinds = el("div", "legend-row");
    KINDS.forEach(function (k) { kinds.appendChild(sample(k, "", k)); });
    var hows = el("div", "legend-row");
    hows.appendChild(sample("neutral", "", "said or narrated"));
    hows.appendChild(sample("neutral", "how-implied", "only implied"));
    hows.appendChild(sample("neutral", "how-denied", "denied by its owner"));
    hows.appendChild(sample("neutral", "past", "past, over by the end"));
    var sizes = el("div", "legend-row legend-note",
      "Arrows point from the one who feels to the one felt for; thicker means surer. Bigger circles are mentioned more.");
    box.appendChild(kinds); box.appendChild(hows); box.appendChild(sizes);
  }

  // ------------------------------------------------------------------ graph
  var graphBox = document.getElementById("graph");
  var lastWidth = -1;
  var LOOSE_CAPTION = "No feeling found to or from:";

  function radius(c, most) {
    return Math.min(most, 9 + 17 * Math.sqrt(Math.max(0, Math.min(1, c.centrality || 0))));
  }

  // Characters with no feeling in the graph sit in rows under it, left to right by mentions,
  // instead of being spread over the picture (where they pinned its corners and squeezed the rest).
  function looseRows(ids, width, top, measure) {
    var gap = 18, margin = 12, rowHeight = 64, rows = [[]], used = [0];
    ids.forEach(function (id) {
      var c = byId[id], r = radius(c, 14);
      var slot = Math.max(2 * r, measure(c.name)) + gap;
      var last = rows.length - 1;
      if (rows[last].length && used[last] + slot > width - 2 * margin) { rows.push([]); used.push(0); last++; }
      rows[last].push({ id: id, r: r, slot: slot });
      used[last] += slot;
    });
    var placed = {};
    rows.forEach(function (row, k) {
      var x = Math.max(margin, (width - used[k]) / 2);
      row.forEach(function (n) {
        placed[n.id] = { x: x + n.slot / 2, y: top + 38 + k * rowHeight, r: n.r, loose: true };
        x += n.slot;
      });
    });
    return { nodes: placed, height: ids.length ? 22 + rows.length * rowHeight : 0 };
  }

  // Points along every drawn line, every few pixels: what a name label must keep clear of.
  function edgePoints(edgeLayer) {
    var points = [];
    edgeLayer.querySelectorAll(".edge-line").forEach(function (p) {
      var length = p.getTotalLength();
      for (var t = 0; t <= length; t += 3) { var q = p.getPointAtLength(t); points.push([q.x, q.y]); }
    });
    return points;
  }

  // Put each name where no line runs through it: under its circle when that is free, else
  // above, beside, at a corner, slid sideways or a line further out; a long name with no
  // free place is tried again on two lines.  A name cut at the picture's edge is shifted inside.
  var LINE = 14;

  function placeLabels(root, nodes, width, height, points) {
    var boxes = [];
    function hits(b) {
      var n = 0, pad = 2.5;
      points.forEach(function (q) {
        if (q[0] > b.x0 - pad && q[0] < b.x1 + pad && q[1] > b.y0 - pad && q[1] < b.y1 + pad) n++;
      });
      return n;
    }
    function overlaps(b) {  // other names already placed, and circles (the name's own too)
      var n = 0;
      boxes.forEach(function (o) { if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) n++; });
      Object.keys(nodes).forEach(function (id) {
        var m = nodes[id];
        var cx = Math.max(b.x0, Math.min(m.x, b.x1)), cy = Math.max(b.y0, Math.min(m.y, b.y1));
        if (Math.hypot(m.x - cx, m.y - cy) < m.r + 2) n++;
      });
      return n;
    }
    // The best place for a name ``w`` wide in ``lines`` lines: {score, x, y (first baseline), box};
    // a score under 40 means no line and no circle or name in the way.
    function bestSpot(n, w, lines) {
      var r = n.r, d = r * 0.72, extra = (lines - 1) * LINE;
      // [x of the middle, first baseline] relative to the circle; an earlier one wins a tie.
      var spots = n.loose ? [[0, r + 14]] : [[0, r + 14], [0, -r - 6 - extra], [r + 8 + w / 2, 4 - extra / 2],
        [-r - 8 - w / 2, 4 - extra / 2], [d + 4 + w / 2, d + 12], [-d - 4 - w / 2, d + 12],
        [d + 4 + w / 2, -d - 4 - extra], [-d - 4 - w / 2, -d - 4 - extra]];
      if (!n.loose) {
        [r + 14, -r - 6 - extra, r + 28, -r - 20 - extra].forEach(function (y) {
          [w / 3, -w / 3, 2 * w / 3, -2 * w / 3, 0].forEach(function (x) { spots.push([x, y]); });
        });
      }
      var best = null;
      spots.forEach(function (s, k) {
        var mid = n.x + s[0];
        mid += Math.max(0, w / 2 + 3 - mid) - Math.max(0, mid + w / 2 + 3 - width);  // keep it inside
        var b = { x0: mid - w / 2, x1: mid + w / 2, y0: n.y + s[1] - 10, y1: n.y + s[1] + 3 + extra };
        var outside = b.y0 < 0 || b.y1 > height ? 1 : 0;
        var score = hits(b) * 100 + overlaps(b) * 40 + outside * 1000 + k;
        if (!best || score < best.score) best = { score: score, x: mid - n.x, y: s[1], box: b };
      });
      return best;
    }
    function twoLines(text) {  // split at the space nearest the middle
      var at = -1;
      for (var i = 0; i < text.length; i++) {
        if (/\s/.test(text.charAt(i)) && (at < 0 || Math.abs(i - text.length / 2) < Math.abs(at - text.length / 2))) at = i;
      }
      return at > 0 ? [text.slice(0, at), text.slice(at + 1)] : null;
    }
    root.querySelectorAll(".node").forEach(function (g) {
      var id = g.getAttribute("data-id"), n = nodes[id], label = g.querySelector(".node-label");
      var best = bestSpot(n, label.getComputedTextLength(), 1), whole = label.textContent, parts = null;
      if (best.score >= 40 && !n.loose && (parts = twoLines(whole))) {
        var spans = parts.map(function (part, k) {
          var t = svg("tspan", k ? { dy: String(LINE) } : {});
          t.textContent = part;
          return t;
        });
        clear(label);
        spans.forEach(function (t) { label.appendChild(t); });
        var two = bestSpot(n, Math.max(spans[0].getComputedTextLength(), spans[1].getComputedTextLength()), 2);
        if (two.score < best.score) {
          best = two;
        } else {
          label.textContent = whole;
          parts = null;
        }
      }
      label.setAttribute("x", best.x.toFixed(1));
      label.setAttribute("y", best.y.toFixed(1));
      if (parts) label.querySelectorAll("tspan").forEach(function (t) { t.setAttribute("x", best.x.toFixed(1)); });
      boxes.push(best.box);
    });
  }

  function drawGraph() {
    var width = Math.max(280, Math.round(graphBox.clientWidth || 600));
    if (width === lastWidth) return;
    lastWidth = width;
    var wide = width >= 560;
    var layout = data.graph.layout[wide ? "wide" : "tall"];
    var linked = data.graph.nodes.filter(function (id) { return layout[id]; });
    var loose = data.graph.loose || [];
    // A few linked people do not need the whole box: it grows with them up to its full size.
    var full = wide ? Math.min(620, width / 1.25) : Math.min(720, width / 0.65);
    var mainHeight = linked.length ? Math.round(full * Math.min(1, 0.5 + 0.1 * linked.length)) : 0;
    var mx = wide ? 70 : 48, my = 40;
    var nodes = {};
    linked.forEach(function (id) {
      var p = layout[id];
      nodes[id] = { x: mx + p[0] * (width - 2 * mx), y: my + p[1] * (mainHeight - 2 * my), r: radius(byId[id], 26) };
    });
    clear(graphBox);
    var root = svg("svg", { width: String(width), "class": "graph-svg" });
    graphBox.appendChild(root);  // in the page first, so names can be measured
    var probe = svg("text", { "class": "node-label" });
    root.appendChild(probe);
    var looseTop = linked.length ? mainHeight + 12 : 0;  // room for the names of the lowest circles
    var row = looseRows(loose, width, looseTop, function (text) {
      probe.textContent = text;
      return probe.getComputedTextLength();
    });
    root.removeChild(probe);
    Object.keys(row.nodes).forEach(function (id) { nodes[id] = row.nodes[id]; });
    var height = Math.max(60, looseTop + row.height);
    root.setAttribute("viewBox", "0 0 " + width + " " + height);
    root.setAttribute("height", String(height));

    var defs = svg("defs");
    KINDS.forEach(function (k) {
      var m = svg("marker", { id: "arrow-" + k, viewBox: "0 0 10 10", refX: "9", refY: "5",
                              markerWidth: "11", markerHeight: "11", markerUnits: "userSpaceOnUse",
                              orient: "auto" });
      m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", "class": "arrow k-" + k }));
      defs.appendChild(m);
    });
    root.appendChild(defs);
    if (loose.length) {
      var top = looseTop + 4;
      if (linked.length) root.appendChild(svg("line", { x1: "12", x2: String(width - 12), y1: String(top), y2: String(top),
                                                        "class": "loose-rule" }));
      var caption = svg("text", { x: "12", y: String(top + 14), "class": "loose-caption" });
      caption.textContent = LOOSE_CAPTION;
      root.appendChild(caption);
    }
    var edgeLayer = svg("g", { "class": "edges" }), nodeLayer = svg("g", { "class": "nodes" });
    root.appendChild(edgeLayer); root.appendChild(nodeLayer);

    var pairs = {};
    data.relations.forEach(function (r) { pairs[r.from + "\u0000" + r.to] = true; });
    // Draw the faint ones first so the strong ones lie on top.
    var order = data.relations.map(function (r, i) { return i; }).sort(function (a, b) {
      return data.relations[a].confidence - data.relations[b].confidence;
    });
    order.forEach(function (i) {
      var r = data.relations[i], a = nodes[r.from], b = nodes[r.to];
      if (!a || !b) return;
      var bend = pairs[r.to + "\u0000" + r.from] ? 26 : 0;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
      var cx = (a.x + b.x) / 2 - dy / d * bend, cy = (a.y + b.y) / 2 + dx / d * bend;
      function toward(p, q, dist) {
        var ex = q.x - p.x, ey = q.y - p.y, l = Math.hypot(ex, ey) || 1;
        return { x: p.x + ex / l * dist, y: p.y + ey / l * dist };
      }
      var s = toward(a, { x: cx, y: cy }, a.r + 3), e = toward(b, { x: cx, y: cy }, b.r + 4);
      var path = "M" + s.x.toFixed(1) + "," + s.y.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) +
                 " " + e.x.toFixed(1) + "," + e.y.toFixed(1);
      var g = svg("g", { "class": "edge" + (r.current ? "" : " past"), "data-rel": String(i),
                         "data-from": r.from, "data-to": r.to, "data-kind": r.kind, "data-how": r.how });
      g.setAttribute("aria-label", name(r.from) + " to " + name(r.to) + ": " + relationState(r));
      var tip = svg("title"); tip.textContent = name(r.from) + " \u2192 " + name(r.to) + ": " + relationState(r) +
        ", confidence " + r.confidence.toFixed(2);
      g.appendChild(tip);
      g.appendChild(svg("path", { d: path, "class": "edge-hit" }));
      var line = svg("path", { d: path, "class": "edge-line k-" + r.kind + " how-" + r.how,
                               "marker-end": "url(#arrow-" + r.kind + ")" });
      line.style.strokeWidth = (1.6 + 3.2 * r.confidence).toFixed(2) + "px";
      g.appendChild(line);
      if (r.how === "denied") {
        var mx2 = 0.25 * s.x + 0.5 * cx + 0.25 * e.x, my2 = 0.25 * s.y + 0.5 * cy + 0.25 * e.y;
        g.appendChild(svg("circle", { cx: mx2.toFixed(1), cy: my2.toFixed(1), r: "6.5", "class": "deny-mark k-" + r.kind }));
        g.appendChild(svg("line", { x1: (mx2 - 4).toFixed(1), y1: (my2 + 4).toFixed(1), x2: (mx2 + 4).toFixed(1),
                                    y2: (my2 - 4).toFixed(1), "class": "deny-slash k-" + r.kind }));
      }
      activate(g, function () { select({ type: "relation", index: i }, true); });
      edgeLayer.appendChild(g);
    });

    linked.concat(loose).forEach(function (id) {
      var n = nodes[id], c = byId[id];
      var g = svg("g", { "class": "node" + (n.loose ? " loose" : ""), "data-id": id,
                         transform: "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")" });
      g.setAttribute("aria-label", c.name);
      var tip = svg("title"); tip.textContent = c.name + " \u2014 " + fmt(c.mentions) + " mentions"; g.appendChild(tip);
      g.appendChild(svg("circle", { r: n.r.toFixed(1), "class": "node-dot g-" + c.gender }));
      if (n.r >= 15) {
        var initials = svg("text", { "class": "node-initials", dy: "0.35em" });
        initials.textContent = c.name.split(/\s+/).slice(0, 2).map(function (w) { return w.charAt(0); }).join("").toUpperCase();
        g.appendChild(initials);
      }
      var label = svg("text", { "class": "node-label", y: (n.r + 14).toFixed(1) });
      label.textContent = c.name;
      g.appendChild(label);
      activate(g, function () { select({ type: "character", id: id }, true); });
      nodeLayer.appendChild(g);
    });
    placeLabels(root, nodes, width, height, edgePoints(edgeLayer));
    markSelection();
  }

  // ------------------------------------------------------------------ arcs
  function arcs() {
    var box = document.getElementById("arcs"), scenes = data.story.scenes, n = Math.max(1, scenes.length);
    if (!data.relations.length) { box.appendChild(el("p", "hint", "No feelings were found in this story.")); return; }
    // A novel has a hundred scenes or more: narrower columns and smaller dots keep it on one screen.
    var cell = n <= 30 ? 18 : n <= 60 ? 10 : 6;
    if (n > 30) box.classList.add("dense");
    var cols = "repeat(" + n + ", minmax(" + cell + "px, 1fr))";
    var head = el("div", "arc-row arc-head");
    head.appendChild(el("div", "arc-who", ""));
    var headTrack = el("div", "arc-track");
    headTrack.style.gridTemplateColumns = cols;
    scenes.forEach(function (s, i) {
      var newChapter = i > 0 && s.chapter !== scenes[i - 1].chapter;
      var cell = el("span", "arc-cell arc-num" + (newChapter ? " chapter-start" : ""),
                    n <= 30 || i % (n <= 60 ? 5 : 10) === 0 ? String(s.index) : "");
      cell.title = (s.title ? s.title + " \u2014 " : "") + "chapter " + s.chapter + ", " + sceneLabel(s.index);
      headTrack.appendChild(cell);
    });
    head.appendChild(headTrack);
    box.appendChild(head);

    data.relations.forEach(function (r, i) {
      var row = el("div", "arc-row" + (r.current ? "" : " past"));
      row.setAttribute("data-rel", String(i));
      var who = el("div", "arc-who");
      who.appendChild(el("span", "swatch k-" + r.kind));
      who.appendChild(el("span", "arc-names", name(r.from) + " \u2192 " + name(r.to)));
      var steps = r.arc.length ? r.arc.map(function (a) { return a.label; }).join(" \u2192 ")
                               : relationState(r).replace(" · ", " ");
      who.appendChild(el("span", "arc-steps", steps));
      row.appendChild(who);
      var track = el("div", "arc-track");
      track.style.gridTemplateColumns = cols;
      var cells = scenes.map(function (s, j) {
        var newChapter = j > 0 && s.chapter !== scenes[j - 1].chapter;
        var cell = el("span", "arc-cell" + (newChapter ? " chapter-start" : ""));
        track.appendChild(cell);
        return cell;
      });
      if (!cells.length) { var only = el("span", "arc-cell"); track.appendChild(only); cells = [only]; }
      var perCell = {};
      r.evidence.forEach(function (e) {
        var j = Math.max(0, Math.min(cells.length - 1, e.scene - 1));
        perCell[j] = (perCell[j] || 0) + 1;
        if (perCell[j] > 4) return;
        var dot = el("span", "arc-dot k-" + e.kind + " how-" + e.how + (e.past ? " past" : ""));
        dot.title = sceneLabel(e.scene) + ": " + e.kind + " " + e.how + (e.past ? " (past)" : "") + " \u2014 \u201c" + e.cue + "\u201d";
        cells[j].appendChild(dot);
      });
      row.appendChild(track);
      activate(row, function () { select({ type: "relation", index: i }, true); });
      box.appendChild(row);
    });
  }

  // ------------------------------------------------------------------ people table
  function people() {
    var table = document.getElementById("people");
    var head = el("thead"), hr = el("tr");
    ["Character", "Also called", "Gender", "Mentions"].forEach(function (h) { hr.appendChild(el("th", "", h)); });
    head.appendChild(hr); table.appendChild(head);
    var body = el("tbody"), shown = 25;
    data.characters.forEach(function (c, k) {
      var tr = el("tr", "person" + (k >= shown ? " more" : ""));
      tr.setAttribute("data-id", c.id);
      tr.appendChild(el("td", "person-name", c.name));
      var others = c.aliases.filter(function (a) { return a !== c.name; });
      tr.appendChild(el("td", "aliases", others.join(", ")));
      tr.appendChild(el("td", "gender", c.gender));
      var m = el("td", "mentions");
      var bar = el("span", "bar");
      bar.style.width = Math.round(6 + 94 * Math.max(0, Math.min(1, c.centrality || 0))) + "%";
      m.appendChild(el("span", "num", fmt(c.mentions)));
      var track = el("span", "bar-track"); track.appendChild(bar); m.appendChild(track);
      tr.appendChild(m);
      activate(tr, function () { select({ type: "character", id: c.id }, true); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    if (data.characters.length > shown) {
      table.classList.add("collapsed");
      var button = el("button", "show-more", "Show all " + data.characters.length + " characters");
      button.type = "button";
      button.addEventListener("click", function () { table.classList.remove("collapsed"); button.remove(); });
      table.parentNode.parentNode.appendChild(button);
    }
  }

  // ------------------------------------------------------------------ evidence
  function paragraphWith(e) {
    var text = data.paragraphs[e.para] || e.text, s = e.at[0], t = e.at[1];
    var quote = el("blockquote", "ev-para");
    quote.appendChild(document.createTextNode(text.slice(0, s)));
    var mark = el("mark", "hl k-" + e.kind);
    var sentence = text.slice(s, t), cue = (e.cue || "").toLowerCase();
    var at = cue ? sentence.toLowerCase().indexOf(cue) : -1;
    if (at >= 0) {
      mark.appendChild(document.createTextNode(sentence.slice(0, at)));
      mark.appendChild(el("strong", "cue", sentence.slice(at, at + cue.length)));
      mark.appendChild(document.createTextNode(sentence.slice(at + cue.length)));
    } else {
      mark.textContent = sentence;
    }
    quote.appendChild(mark);
    quote.appendChild(document.createTextNode(text.slice(t)));
    return quote;
  }

  function evidenceList(r, limit) {
    var list = el("ol", "evidence-list");
    r.evidence.forEach(function (e, k) {
      var li = el("li", "evidence" + (k >= limit ? " more" : ""));
      var meta = el("p", "ev-meta");
      meta.appendChild(el("span", "badge k-" + e.kind, e.kind));
      meta.appendChild(el("span", "badge plain", e.how));
      if (e.past) meta.appendChild(el("span", "badge plain", "past"));
      meta.appendChild(el("span", "ev-where", sceneLabel(e.scene) + " \u00b7 cue \u201c" + e.cue + "\u201d"));
      li.appendChild(meta);
      li.appendChild(paragraphWith(e));
      list.appendChild(li);
    });
    if (r.evidence.length <= limit) return list;
    var wrap = el("div", "evidence-wrap collapsed");
    var button = el("button", "show-more", "Show all " + r.evidence.length + " sentences");
    button.type = "button";
    button.addEventListener("click", function () { wrap.classList.remove("collapsed"); button.remove(); });
    wrap.appendChild(list); wrap.appendChild(button);
    return wrap;
  }

  function relationHeader(r, i, asLink) {
    var h = el(asLink ? "h4" : "h3", "rel-title");
    h.appendChild(el("span", "swatch k-" + r.kind));
    h.appendChild(document.createTextNode(name(r.from) + " \u2192 " + name(r.to)));
    if (asLink) activate(h, function () { select({ type: "relation", index: i }, false); });
    return h;
  }

  function relationBadges(r) {
    var p = el("p", "badges");
    p.appendChild(el("span", "badge k-" + r.kind, r.kind));
    p.appendChild(el("span", "badge plain", r.how));
    p.appendChild(el("span", "badge plain", r.ending));
    p.appendChild(el("span", "badge plain", "confidence " + r.confidence.toFixed(2)));
    return p;
  }

  function showRelation(box, i) {
    var r = data.relations[i];
    box.appendChild(relationHeader(r, i, false));
    box.appendChild(relationBadges(r));
    if (r.arc.length) {
      box.appendChild(el("p", "arc-line", "Arc: " + r.arc.map(function (a) {
        return a.label + " (" + sceneLabel(a.scene) + ")"; }).join(" \u2192 ")));
    }
    box.appendChild(evidenceList(r, 8));
  }

  function showCharacter(box, id) {
    var c = byId[id];
    box.appendChild(el("h3", "char-title", c.name));
    var others = c.aliases.filter(function (a) { return a !== c.name; });
    box.appendChild(el("p", "char-meta", [c.gender, fmt(c.mentions) + " mentions"].concat(
      others.length ? ["also called " + others.join(", ")] : []).join(" \u00b7 ")));
    var mine = [];
    data.relations.forEach(function (r, i) { if (r.from === id || r.to === id) mine.push(i); });
    if (!mine.length) { box.appendChild(el("p", "hint", "No feelings to or from " + c.name + " were found.")); return; }
    mine.forEach(function (i) {
      var r = data.relations[i], part = el("section", "char-rel");
      part.appendChild(relationHeader(r, i, true));
      part.appendChild(relationBadges(r));
      part.appendChild(evidenceList(r, 2));
      box.appendChild(part);
    });
  }

  function markSelection() {
    var sel = state.sel;
    if (sel && sel.type === "character") {  // a chosen person must be visible in the table
      var row = document.querySelector('tr.person[data-id="' + CSS.escape(sel.id) + '"]');
      if (row && row.classList.contains("more")) document.getElementById("people").classList.remove("collapsed");
    }
    var involved = {}, chosenRel = -1;
    if (sel && sel.type === "relation") {
      chosenRel = sel.index;
      var r = data.relations[sel.index];
      involved[r.from] = involved[r.to] = true;
    } else if (sel && sel.type === "character") {
      involved[sel.id] = true;
    }
    document.querySelectorAll(".edge").forEach(function (g) {
      var i = Number(g.getAttribute("data-rel")), r = data.relations[i];
      var on = sel && (sel.type === "relation" ? i === chosenRel : (r.from === sel.id || r.to === sel.id));
      g.classList.toggle("selected", !!(sel && sel.type === "relation" && i === chosenRel));
      // A chosen character dims the rest; a chosen feeling only stands out.
      g.classList.toggle("dim", !!(sel && sel.type === "character" && !on));
    });
    document.querySelectorAll(".node").forEach(function (g) {
      var id = g.getAttribute("data-id");
      g.classList.toggle("selected", !!involved[id]);
    });
    document.querySelectorAll(".arc-row[data-rel]").forEach(function (row) {
      var i = Number(row.getAttribute("data-rel")), r = data.relations[i];
      var on = sel && (sel.type === "relation" ? i === chosenRel : (r.from === sel.id || r.to === sel.id));
      row.classList.toggle("selected", !!on);
    });
    document.querySelectorAll("tr.person").forEach(function (tr) {
      tr.classList.toggle("selected", !!(sel && sel.type === "character" && tr.getAttribute("data-id") === sel.id));
    });
  }

  function select(sel, fromClick) {
    state.sel = sel;
    var box = document.getElementById("detail");
    clear(box);
    if (sel.type === "relation") showRelation(box, sel.index); else showCharacter(box, sel.id);
    box.scrollTop = 0;
    markSelection();
    // On a phone the evidence sits below the graph: bring it into view.
    if (fromClick && window.innerWidth < 900) {
      document.querySelector(".evidence-card").scrollIntoView({ block: "start" });
    }
  }

  header();
  legend();
  drawGraph();
  arcs();
  people();
  if (data.relations.length) select({ type: "relation", index: 0 }, false);
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(drawGraph, 120);
  });
})();

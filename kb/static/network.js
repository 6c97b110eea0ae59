// kb's ego-network page: fetch the network JSON, draw it with cytoscape.js, filter it by year.
// After each drawing #kb-network gets data-ready="1", data-nodes and data-edges (the shown
// counts) and data-year ("all" or the slider's year), so scripts and tests can read the state.
(function () {
  "use strict";
  var box = document.getElementById("kb-network");
  var status = document.getElementById("kb-network-status");
  var slider = document.getElementById("kb-year");
  var allYears = document.getElementById("kb-all-years");
  var yearLabel = document.getElementById("kb-year-label");
  var title = document.getElementById("kb-network-title");

  function say(text) { status.textContent = text; }

  function years(edge) {
    return { from: edge.from_year, to: edge.to_year };
  }

  // A 'held' edge is shown in year Y when its tenure covers Y (undated ones only under "all");
  // a 'post of' edge when its post is shown; a node when it is the centre or has a shown edge.
  function visibleAt(cy, year) {
    var shown = cy.collection();
    cy.edges('[kind = "held"]').forEach(function (e) {
      var y = years(e.data());
      if (year === null || (y.from !== null && y.from !== undefined && y.from <= year && year <= y.to)) {
        shown = shown.union(e).union(e.source()).union(e.target());
      }
    });
    cy.edges('[kind = "post of"]').forEach(function (e) {
      if (shown.contains(e.source())) { shown = shown.union(e).union(e.target()); }
    });
    return shown.union(cy.nodes('[?center]'));
  }

  function apply(cy, year) {
    var shown = visibleAt(cy, year);
    cy.batch(function () {
      cy.elements().addClass("kb-hidden");
      shown.removeClass("kb-hidden");
    });
    var nodes = cy.nodes().not(".kb-hidden").length, edges = cy.edges().not(".kb-hidden").length;
    cy.fit(cy.elements().not(".kb-hidden"), 40);
    box.dataset.nodes = String(nodes);
    box.dataset.edges = String(edges);
    box.dataset.year = year === null ? "all" : String(year);
    yearLabel.textContent = year === null ? "all" : String(year);
    say(nodes + " nodes, " + edges + " edges" + (year === null ? " (all years)" : " in " + year));
  }

  function label(edge) {
    if (edge.kind !== "held") { return ""; }
    if (edge.start || edge.end) { return (edge.start || "?") + "–" + (edge.end || (edge.status === "current" ? "" : "?")); }
    return edge.status || "";
  }

  function draw(data) {
    title.textContent = "Network of " + data.center.name;
    document.title = "kb network: " + data.center.name;
    var elements = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label, kind: n.kind, center: n.center, url: n.url } };
    }).concat(data.edges.map(function (e) {
      return { group: "edges", data: Object.assign({}, e, { label: label(e) }) };
    }));
    var cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 1.5,  // a small network is not blown up to giant labels by fit()
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 12, "text-wrap": "wrap", "text-max-width": 140,
                                     "text-valign": "bottom", "text-margin-y": 3, "width": 16, "height": 16 } },
        { selector: 'node[kind = "person"]', style: { "background-color": "#e8a33d", "shape": "ellipse" } },
        { selector: 'node[kind = "position"]', style: { "background-color": "#2e8b57", "shape": "round-rectangle" } },
        { selector: 'node[kind = "organization"]', style: { "background-color": "#4a7bb7", "shape": "round-rectangle", "width": 22, "height": 22 } },
        { selector: "node[?center]", style: { "width": 30, "height": 30, "font-size": 13, "font-weight": "bold", "border-width": 3, "border-color": "#333" } },
        { selector: "edge", style: { "width": 1.5, "curve-style": "bezier", "line-color": "#aaa", "label": "data(label)",
                                     "font-size": 10, "color": "#444", "text-rotation": "autorotate" } },
        { selector: 'edge[kind = "held"]', style: { "target-arrow-shape": "triangle", "target-arrow-color": "#aaa" } },
        { selector: 'edge[kind = "post of"]', style: { "line-style": "dashed", "line-color": "#c9daf8" } },
        { selector: 'edge[status = "current"]', style: { "line-color": "#2e8b57", "target-arrow-color": "#2e8b57" } },
        { selector: ".kb-hidden", style: { "display": "none" } }
      ],
      // rings around the centre by distance: its posts (or an organisation's posts), then the
      // organisations and the other holders of those posts
      layout: { name: "breadthfirst", roots: "[?center]", circle: true, spacingFactor: 1.1,
                avoidOverlap: true, animate: false }
    });
    cy.on("tap", "node", function (evt) {
      var url = evt.target.data("url");
      if (url) { window.location.href = url; }
    });
    window.kbNetwork = { cy: cy, data: data, apply: function (year) { apply(cy, year); } };

    var first = data.first_year, last = data.last_year;
    if (first !== null && last !== null) {
      slider.min = String(first);
      slider.max = String(last);
      slider.value = String(last);
      slider.disabled = false;
    }
    function current() { return allYears.checked || slider.disabled ? null : parseInt(slider.value, 10); }
    slider.addEventListener("input", function () { allYears.checked = false; apply(cy, current()); });
    slider.addEventListener("change", function () { allYears.checked = false; apply(cy, current()); });
    allYears.addEventListener("change", function () { apply(cy, current()); });
    apply(cy, null);
    box.dataset.ready = "1";
  }

  if (!box.dataset.url || box.dataset.url.indexOf("?") < 0 || !/[?&](person|org)=/.test(box.dataset.url)) {
    say("Give a person or an organisation (an id, QID or exact name) and press Draw.");
    box.dataset.ready = "1";
    box.dataset.nodes = "0";
    box.dataset.edges = "0";
    return;
  }
  fetch(box.dataset.url).then(function (resp) {
    return resp.json().then(function (body) { return { ok: resp.ok, body: body }; });
  }).then(function (r) {
    if (!r.ok || !r.body.ok) {
      say(r.body.error || "could not load the network");
      box.dataset.ready = "1";
      box.dataset.nodes = "0";
      box.dataset.edges = "0";
      return;
    }
    draw(r.body);
  });
}());

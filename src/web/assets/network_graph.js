// The whole network of a wave, interactive (the programme lead's network page): zoom and pan,
// find a person, colour by any attribute with a legend whose colours never repeat, show one set.
// Built on cytoscape.js (cytoscape.min.js, pinned by src/web/vendor/package-lock.json). Without
// JavaScript, or if the data cannot be loaded, the page keeps the server's SVG; the SVG also
// stays for print. Positions come from the server (the SVG's layout), so nothing is laid out here.
(() => {
  "use strict";
  // Colours far apart in CIELAB (every pair differs by a delta E of 31 or more), none of them
  // the grey kept for "Other": past this many categories the smallest are grouped as Other.
  const PALETTE = [
    "#be0032", "#0067a5", "#008856", "#f3c300", "#875692", "#f38400", "#0000ff", "#00ee00",
    "#ff00dd", "#0066ff", "#00ddff", "#776600", "#aadd66", "#ff9999", "#ff0000", "#ee4499",
    "#ddccff", "#eecc88", "#7700aa", "#00ee99", "#773333", "#ee88ff", "#aaddbb", "#009900",
  ];
  const OTHER = "#848482";
  const NEW_TIE = "#c01c28";

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") e.textContent = v;
      else if (k.startsWith("aria-") || k === "role" || k === "for" || k === "list") e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) e.append(c);
    return e;
  }

  const fold = (s) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
  const title = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // Categories of VALUES (one per person) with their colours: the largest first, each with its
  // own colour while the palette lasts; the rest share OTHER. Returns { colourOf, legend, note }.
  function categorise(values, noun) {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    const cats = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const own = cats.length > PALETTE.length ? PALETTE.length - 1 : cats.length;
    const colourOf = new Map();
    const legend = [];
    cats.forEach(([name, count], i) => {
      const colour = i < own ? PALETTE[i] : OTHER;
      colourOf.set(name, colour);
      if (i < own) legend.push({ name, count, colour });
    });
    let note = "";
    if (own < cats.length) {
      const rest = cats.slice(own);
      const people = rest.reduce((s, c) => s + c[1], 0);
      legend.push({ name: `Other (${plural(rest.length, noun, noun + "s")})`, count: people, colour: OTHER, other: true });
      note = `There are ${cats.length} ${noun}s and ${PALETTE.length} colours that can be told apart: ` +
        `the ${own} largest have their own colour, the other ${rest.length} (${plural(people, "person", "people")}) are grey, as Other.`;
    }
    return { colourOf, legend, note };
  }

  async function start(root) {
    const timings = { start: performance.now() };
    const status = el("p", { className: "nv-status", role: "status", "aria-live": "polite" });
    root.prepend(status);
    // The SVG is hidden on screen and its download stopped at once (at 2,000 people it is the
    // slowest thing on the page); it comes back if the view cannot be built, and for print.
    const svg = root.querySelector("figure");
    const img = svg.querySelector("img");
    const src = img.getAttribute("src");
    svg.classList.add("nv-print");
    img.dataset.src = src; // kept on the element too, for print and for tests
    img.removeAttribute("src");
    const restore = () => { if (!img.getAttribute("src")) img.setAttribute("src", src); };
    window.addEventListener("beforeprint", restore);
    window.matchMedia("print").addEventListener("change", (e) => { if (e.matches) restore(); });
    const fallBack = (why) => { restore(); svg.classList.remove("nv-print"); status.textContent = why; };
    let data;
    try {
      const res = await fetch(root.dataset.graph, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      data = await res.json();
      timings.data = performance.now();
    } catch (e) {
      fallBack("The interactive view could not be loaded; the picture below shows the network.");
      return;
    }
    if (typeof window.cytoscape !== "function") { fallBack(""); return; }
    const n = data.nodes.length;
    const blank = "(not given)";
    const options = data.attributes.map((a, i) => ({ key: `a${i}`, label: title(a), noun: a,
      value: (node) => node.values[i] || blank }));
    if (data.sets.length)
      options.push({ key: "set", label: "Set", noun: "set", value: (node) => node.set === null ? "In no set" : data.sets[node.set] });
    options.push({ key: "answered", label: "Answered the survey", noun: "answer", value: (node) => node.answered ? "Answered" : "Did not answer" });

    // The controls: real labelled form fields, usable with the keyboard alone.
    const q = el("input", { type: "search", id: "nv-q", autocomplete: "off", list: "nv-names" });
    const names = el("datalist", { id: "nv-names" });
    for (const node of [...data.nodes].sort((a, b) => a.name.localeCompare(b.name))) names.append(el("option", { value: node.name }));
    const find = el("form", { className: "nv-find", role: "search" },
      el("label", { for: "nv-q", text: "Find a person" }), q, names, el("button", { type: "submit", text: "Find" }));
    const colourBy = el("select", { id: "nv-colour" });
    for (const o of options) colourBy.append(el("option", { value: o.key, text: o.label }));
    const dept = options.find((o) => o.noun === "department");
    if (dept) colourBy.value = dept.key;
    const setFilter = el("select", { id: "nv-set" }, el("option", { value: "", text: "Everyone" }));
    data.sets.forEach((s, i) => setFilter.append(el("option", { value: String(i), text: s })));
    if (data.sets.length) setFilter.append(el("option", { value: "none", text: "In no set" }));
    const zoomIn = el("button", { type: "button", text: "Zoom in" });
    const zoomOut = el("button", { type: "button", text: "Zoom out" });
    const fit = el("button", { type: "button", text: "Show everyone" });
    const controls = el("div", { className: "nv-controls" }, find,
      el("div", { className: "nv-field" }, el("label", { for: "nv-colour", text: "Colour by" }), colourBy),
      el("div", { className: "nv-field" }, el("label", { for: "nv-set", text: "Show" }), setFilter),
      el("div", { className: "nv-zoom" }, zoomIn, zoomOut, fit));
    const canvas = el("div", { className: "nv-canvas", id: "nv-canvas", tabIndex: 0, role: "img",
      "aria-label": `Interactive network of ${plural(n, "person", "people")} and ${plural(data.contacts, "contact", "contacts")}. ` +
        "Arrow keys pan, plus and minus zoom. The People table below lists everyone." });
    const legendHead = el("h3", { id: "nv-legend-h" });
    const legendList = el("ul", { className: "nv-legend-list" });
    const legendNote = el("p", { className: "nv-note" });
    const legend = el("div", { className: "nv-legend", role: "group", "aria-labelledby": "nv-legend-h" }, legendHead, legendList, legendNote);
    const counts = el("p", { className: "nv-counts" });
    const view = el("div", { className: "nv" }, controls, counts, canvas, legend);
    if (data.before) legend.append(el("p", { className: "nv-note", text: `Red lines: contacts new since wave ${data.before}.` }));
    root.insertBefore(view, svg);

    // Positions in [0,1] from the server, spread so that about 60 px of canvas per person.
    const spread = 60 * Math.sqrt(Math.max(n, 1));
    const elements = data.nodes.map((node, i) => ({ group: "nodes",
      data: { id: `p${node.id}`, i, name: node.name, colour: OTHER, size: 8 + Math.min(12, Math.sqrt(node.degree) * 2) },
      position: { x: node.x * spread, y: node.y * spread } }));
    // Names are measured for every labelled node, which at 2,000 people is most of the time to
    // first draw: a big network is named only once zoomed in far enough to read the names.
    const NAMED_ZOOM = 1.2;
    if (n <= 600) for (const e of elements) e.classes = "named";
    data.edges.forEach(([a, b, , fresh], k) => elements.push({ group: "edges",
      data: { id: `e${k}`, source: `p${data.nodes[a].id}`, target: `p${data.nodes[b].id}` }, classes: fresh ? "new" : "" }));
    const big = n > 600;
    // cytoscape adds an inline <style> unless an element with this id exists; the CSP forbids
    // inline styles, so its one rule is in style.css and this placeholder says it is there.
    if (!document.getElementById("__________cytoscape_stylesheet"))
      document.head.append(el("meta", { id: "__________cytoscape_stylesheet", name: "cytoscape-style", content: "style.css" }));
    const cy = window.cytoscape({
      container: canvas, elements, layout: { name: "preset" }, minZoom: 0.05, maxZoom: 6,
      textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false, pixelRatio: big ? 1 : "auto",
      boxSelectionEnabled: false, autoungrabify: true,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          "font-size": 7, color: "#1f2328", "min-zoomed-font-size": 9,
          "text-valign": "bottom", "text-margin-y": 2, "border-width": 0.6, "border-color": "#ffffff" } },
        { selector: "node.named", style: { label: "data(name)" } },
        { selector: "edge", style: { width: 0.7, "line-color": "#8c959f", opacity: big ? 0.35 : 0.55, "curve-style": "haystack" } },
        { selector: "edge.new", style: { "line-color": NEW_TIE, opacity: 0.8 } },
        { selector: "node.found", style: { label: "data(name)", "border-width": 3, "border-color": "#1f2328", width: 22, height: 22,
          "font-size": 12, "font-weight": 700, "min-zoomed-font-size": 0, "z-index": 10,
          "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2 } },
        { selector: "node.hidden", style: { display: "none" } },
      ],
    });
    timings.drawn = performance.now();
    if (n > 600) {
      let named = false;
      cy.on("zoom", () => {
        const want = cy.zoom() >= NAMED_ZOOM;
        if (want !== named) { named = want; cy.nodes().toggleClass("named", want); }
      });
    }
    const byIndex = cy.nodes().toArray().sort((a, b) => a.data("i") - b.data("i"));

    function colour() {
      const o = options.find((x) => x.key === colourBy.value) || options[0];
      const { colourOf, legend: items, note } = categorise(data.nodes.map(o.value), o.noun);
      cy.batch(() => data.nodes.forEach((node, i) => byIndex[i].data("colour", colourOf.get(o.value(node)))));
      legendHead.textContent = o.label;
      legendList.replaceChildren(...items.map((it) => el("li", { className: it.other ? "nv-other" : "" },
        el("span", { className: "nv-swatch", "aria-hidden": "true" }),
        `${it.name} (${it.count})`)));
      for (const [k, it] of items.entries()) legendList.children[k].firstChild.style.backgroundColor = it.colour;
      legendList.dataset.colours = items.map((it) => it.colour).join(" ");
      legendNote.textContent = note;
    }

    function showCounts(shown) {
      counts.textContent = shown === n ? `Showing all ${plural(n, "person", "people")}.`
        : `Showing ${shown} of ${plural(n, "person", "people")}: ${setFilter.selectedOptions[0].text}.`;
    }

    // Counted from the data: cytoscape's :visible follows the style, which updates later.
    function filter() {
      const v = setFilter.value;
      const kept = [];
      cy.batch(() => data.nodes.forEach((node, i) => {
        const keep = v === "" || (v === "none" ? node.set === null : node.set === Number(v));
        byIndex[i].toggleClass("hidden", !keep);
        if (keep) kept.push(byIndex[i]);
      }));
      showCounts(kept.length);
      cy.fit(cy.collection(kept), 30);
    }

    let lastQuery = "";
    let lastHit = -1;
    find.addEventListener("submit", (e) => {
      e.preventDefault();
      const needle = fold(q.value);
      cy.nodes(".found").removeClass("found");
      if (!needle) { status.textContent = "Type a name to find."; return; }
      const exact = [], part = [];
      data.nodes.forEach((node, i) => {
        const name = fold(node.name);
        if (name === needle) exact.push(i);
        else if (name.includes(needle)) part.push(i);
      });
      const hits = exact.concat(part);
      if (!hits.length) { status.textContent = `No one in this network is called “${q.value.trim()}”.`; return; }
      lastHit = needle === lastQuery ? (lastHit + 1) % hits.length : 0;
      lastQuery = needle;
      const i = hits[lastHit];
      const node = data.nodes[i], target = byIndex[i];
      if (target.hasClass("hidden")) { setFilter.value = ""; filter(); }
      target.addClass("found");
      // Centre the node itself (cy.center would centre its box, label included).
      const z = Math.max(cy.zoom(), 1.5), p = target.position();
      cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - p.x * z, y: cy.height() / 2 - p.y * z } });
      const dIdx = data.attributes.indexOf("department");
      const facts = [dIdx >= 0 && node.values[dIdx] ? node.values[dIdx] : null,
        node.set !== null ? data.sets[node.set] : "in no set", plural(node.degree, "contact", "contacts")].filter(Boolean);
      status.textContent = `Found ${node.name}: ${facts.join(", ")}.` +
        (hits.length > 1 ? ` Match ${lastHit + 1} of ${hits.length}; press Find again for the next.` : "");
    });
    colourBy.addEventListener("change", colour);
    setFilter.addEventListener("change", filter);
    const zoomBy = (f) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    zoomIn.addEventListener("click", () => zoomBy(1.4));
    zoomOut.addEventListener("click", () => zoomBy(1 / 1.4));
    fit.addEventListener("click", () => { setFilter.value = ""; filter(); cy.nodes(".found").removeClass("found"); });
    canvas.addEventListener("keydown", (e) => {
      const step = 60;
      const pans = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (pans[e.key]) cy.panBy({ x: pans[e.key][0], y: pans[e.key][1] });
      else if (e.key === "+" || e.key === "=") zoomBy(1.4);
      else if (e.key === "-") zoomBy(1 / 1.4);
      else return;
      e.preventDefault();
    });
    cy.on("tap", "node", (e) => {
      const node = data.nodes[e.target.data("i")];
      q.value = node.name;
      find.requestSubmit();
    });

    colour();
    showCounts(n);
    cy.fit(undefined, 30);
    status.textContent = "";
    // For the browser tests and for anyone scripting the page: the graph and its state.
    timings.ready = performance.now();
    window.setworkNetwork = { cy, data, palette: PALETTE, other: OTHER, timings, ready: true };
    root.dispatchEvent(new CustomEvent("network-ready"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("network-view");
    if (root && root.dataset.graph) start(root);
  });
})();

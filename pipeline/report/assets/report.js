// Draws every <svg class="chart"> from the JSON blob in <script id="report-data">. Labels and
// tooltips are set as text nodes, never parsed as markup, so the data needs no escaping here.
// Inlined into the page by pipeline/report/html.py: the report stays one self-contained file.
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const ROW = 26;
  const BAR = 18;
  const COLOUR = "#2f6db5";
  const MUTED = "#a7b0ba";
  const ROLES = { body: "#2f6db5", heading: "#79a8de", title: "#173f72", meta: "#8e6fd1",
    comment: "#e08a2e", boilerplate: "#b4bcc6" };
  const SPARE = ["#4aa39a", "#c0607f", "#8fb84f", "#d6b13c"];
  const data = JSON.parse(document.getElementById("report-data").textContent);

  const add = (parent, name, attrs, text) => {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  };
  const tip = (node, text) => add(node, "title", {}, text);
  // Shortens a label until it fits in `room` pixels, as measured with the page's own font.
  const fit = (node, text, room) => {
    let kept = text.length;
    while (kept > 1 && node.getComputedTextLength() > room) {
      kept -= 1;
      node.textContent = text.slice(0, kept).trimEnd() + "…";
    }
    if (kept < text.length) tip(node, text);
  };
  const frame = (svg, width, height) => {
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
  };
  // Labels take a third of the width, at most 260 px, the bars the rest.
  const labelRoom = (width) => Math.min(260, Math.round(width / 3));
  const rowLabel = (svg, label, room, y) => {
    const node = add(svg, "text", { x: room - 10, y, "text-anchor": "end",
      "dominant-baseline": "middle" }, label);
    fit(node, label, room - 14);
  };

  // Horizontal bars, one per item, the value written after the bar.
  const bars = (svg, chart, width) => {
    const items = chart.items;
    const room = labelRoom(width);
    const max = Math.max(...items.map((item) => item.value), 1);
    const scale = (width - room - 90) / max;
    frame(svg, width, items.length * ROW + 8);
    items.forEach((item, i) => {
      const y = 4 + i * ROW;
      rowLabel(svg, item.label, room, y + ROW / 2);
      const length = Math.max(item.value * scale, item.value > 0 ? 2 : 0);
      const bar = add(svg, "rect", { x: room, y: y + (ROW - BAR) / 2, width: length,
        height: BAR, rx: 2, fill: item.muted ? MUTED : COLOUR });
      tip(bar, `${item.label}: ${item.text}`);
      add(svg, "text", { class: "value", x: room + length + 6, y: y + ROW / 2,
        "dominant-baseline": "middle" }, item.text);
    });
    return items.length;
  };

  const niceStep = (rough) => {
    const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
    return Math.max([1, 2, 5, 10].find((m) => m * power >= rough) * power, 1);
  };

  // Vertical bars in time order over a value axis; month labels are thinned out (and turned)
  // when they would overlap, the "unknown" one is always shown.
  const columns = (svg, chart, width) => {
    const items = chart.items;
    const left = 44, top = 18, plot = 200;
    const slot = (width - left - 8) / items.length;
    const turn = slot < 58;
    const every = turn ? Math.ceil(16 / slot) : 1;
    frame(svg, width, top + plot + (turn ? 62 : 28));
    const max = Math.max(...items.map((item) => item.value), 1);
    const step = niceStep(max / 4);
    const ceiling = Math.ceil(max / step) * step;
    for (let tick = 0; tick <= ceiling; tick += step) {
      const y = top + plot - (tick / ceiling) * plot;
      add(svg, "line", { class: "grid", x1: left, x2: width - 8, y1: y, y2: y });
      add(svg, "text", { class: "axis", x: left - 6, y, "text-anchor": "end",
        "dominant-baseline": "middle" }, tick.toLocaleString("en"));
    }
    const thickness = Math.min(48, slot * 0.8);
    const last = items[items.length - 1];
    items.forEach((item, i) => {
      const x = left + i * slot + (slot - thickness) / 2;
      const height = (item.value / ceiling) * plot;
      const bar = add(svg, "rect", { x, y: top + plot - height, width: thickness, height, rx: 2,
        fill: item.muted ? MUTED : COLOUR });
      tip(bar, `${item.label}: ${item.text}`);
      if (thickness >= 16 && item.value > 0) {
        add(svg, "text", { class: "value", x: x + thickness / 2, y: top + plot - height - 4,
          "text-anchor": "middle" }, item.text);
      }
      // The "unknown" label is always shown, so the regular one just before it gives way.
      const beforeUnknown = last.muted && !item.muted && items.length - 1 - i < every;
      if (item.muted || (i % every === 0 && !beforeUnknown)) {
        const cx = x + thickness / 2, cy = top + plot + 14;
        add(svg, "text", turn
          ? { class: "axis", x: cx, y: cy, "text-anchor": "end",
            transform: `rotate(-45 ${cx} ${cy})` }
          : { class: "axis", x: cx, y: cy, "text-anchor": "middle" }, item.label);
      }
    });
    return items.length;
  };

  // One 100 % bar per item, split into its segments, under a legend of the roles.
  const stacks = (svg, chart, width) => {
    const colours = new Map(chart.roles.map((role, i) =>
      [role, ROLES[role] ?? SPARE[i % SPARE.length]]));
    const room = labelRoom(width);
    const full = width - room - 90;
    const top = 30;
    frame(svg, width, top + chart.items.length * ROW + 6);
    let x = room;
    for (const role of chart.roles) {
      add(svg, "rect", { x, y: 4, width: 12, height: 12, rx: 2, fill: colours.get(role) });
      const name = add(svg, "text", { x: x + 17, y: 10, "dominant-baseline": "middle" }, role);
      x += 17 + name.getComputedTextLength() + 16;
    }
    let drawn = 0;
    chart.items.forEach((item, i) => {
      const y = top + i * ROW;
      rowLabel(svg, item.label, room, y + ROW / 2);
      let start = room;
      for (const segment of item.segments) {
        const length = segment.share * full;
        const rect = add(svg, "rect", { x: start, y: y + (ROW - BAR) / 2, width: length,
          height: BAR, fill: colours.get(segment.role) });
        tip(rect, segment.tip);
        if (length >= 34) {
          add(svg, "text", { class: "inside", x: start + length / 2, y: y + ROW / 2,
            "text-anchor": "middle", "dominant-baseline": "middle" }, segment.text);
        }
        start += length;
        drawn += 1;
      }
      add(svg, "text", { class: "value", x: room + full + 6, y: y + ROW / 2,
        "dominant-baseline": "middle" }, item.text);
    });
    return drawn;
  };

  const draw = { bars, columns, stacks };
  for (const svg of document.querySelectorAll("svg.chart")) {
    const chart = data.charts[svg.dataset.chart];
    // Drawn at the size it is shown, so that text is as large as the page's own.
    const width = Math.max(Math.round(svg.getBoundingClientRect().width), 360);
    svg.replaceChildren();
    let drawn = 0;
    if (chart.items.length === 0) {
      frame(svg, width, 32);
      add(svg, "text", { class: "axis", x: 0, y: 20 }, "Nothing to show.");
    } else {
      drawn = draw[chart.kind](svg, chart, width);
    }
    svg.dataset.drawn = String(drawn);
  }
  document.body.dataset.chartsReady = "1";
})();

// Draws every <svg class="chart"> from the JSON blob in <script id="report-data">. Labels and
// tooltips are set as text nodes, never parsed as markup, so the data needs no escaping here.
// Inlined into the page by pipeline/report/html.py: the report stays one self-contained file.
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const ROW = 26;
  const BAR = 18;
  const LINE = 16; // height of one line of a label that wraps
  const LABEL_GAP = 56; // between the middles of two labels under a time line ("2023-04")
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
  // The width of the widest of `texts` written as values ("12,345 · 67%"), with a margin: the room
  // kept right of the longest bar.
  const valueRoom = (svg, texts) => {
    const probe = add(svg, "text", { class: "value" });
    const widest = Math.max(...texts.map((text) => {
      probe.textContent = text;
      return probe.getComputedTextLength();
    }), 0);
    probe.remove();
    return Math.ceil(widest) + 12;
  };

  // Splits `text` into lines of at most `room` pixels, as measured with the page's own font,
  // breaking at spaces where it can (a URL is broken anywhere). After `most` lines the last one
  // ends in "…": the whole text is then the label's tooltip, and it is in the table below.
  const lines = (probe, text, room, most) => {
    const width = (s) => { probe.textContent = s; return probe.getComputedTextLength(); };
    // The longest start of `s` that fits in `room` (at least one character).
    const fitting = (s) => {
      let low = 1, high = s.length;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (width(s.slice(0, middle)) <= room) low = middle; else high = middle - 1;
      }
      return low;
    };
    const found = [];
    let rest = text.trim().replace(/\s+/g, " ");
    while (rest && found.length < most) {
      let end = rest.length;
      if (width(rest) > room) {
        end = fitting(rest);
        const space = rest.lastIndexOf(" ", end);
        if (space > 0) end = space;
      }
      found.push(rest.slice(0, end).trim());
      rest = rest.slice(end).trim();
    }
    if (rest) {
      const last = found[found.length - 1];
      let kept = fitting(last);
      while (kept > 1 && width(last.slice(0, kept).trimEnd() + "…") > room) kept -= 1;
      found[found.length - 1] = last.slice(0, kept).trimEnd() + "…";
    }
    probe.textContent = "";
    return { found, cut: rest.length > 0 };
  };
  // A label of one or more lines around y = 0, to be moved in place with `at`; returns the
  // element and its number of lines.
  const label = (svg, text, room, most, attrs) => {
    const node = add(svg, "text", attrs);
    const { found, cut } = lines(node, text, room, most);
    found.forEach((line, i) => {
      add(node, "tspan", { x: 0, y: (i - (found.length - 1) / 2) * LINE,
        "dominant-baseline": "middle" }, line);
    });
    if (cut) tip(node, text);
    return { node, n: found.length };
  };
  const at = (node, x, y) => node.setAttribute("transform", `translate(${x} ${y})`);
  const frame = (svg, width, height) => {
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
  };
  // Labels take a third of the width, at most 260 px, the bars the rest.
  const labelRoom = (width) => Math.min(260, Math.round(width / 3));
  // The height of a row whose label has `n` lines.
  const rowHeight = (n) => Math.max(ROW, n * LINE + 8);

  // Horizontal bars, one per item, the value written after the bar. The label is left of the bar
  // (up to two lines) or, with chart.wide, above it across the whole width (up to four lines).
  const bars = (svg, chart, width) => {
    const room = chart.wide ? width - 4 : labelRoom(width);
    const start = chart.wide ? 0 : room;
    const max = Math.max(...chart.items.map((item) => item.value), 1);
    const scale = (width - start - valueRoom(svg, chart.items.map((item) => item.text))) / max;
    let y = 4;
    for (const item of chart.items) {
      let middle;
      if (chart.wide) {
        const { node, n } = label(svg, item.label, room, 4, {});
        at(node, 0, y + ((n - 1) / 2) * LINE + LINE / 2);
        y += n * LINE + 2;
        middle = y + BAR / 2;
        y += BAR + 14;
      } else {
        const { node, n } = label(svg, item.label, room - 14, 2, { "text-anchor": "end" });
        const height = rowHeight(n);
        middle = y + height / 2;
        at(node, room - 10, middle);
        y += height;
      }
      const length = Math.max(item.value * scale, item.value > 0 ? 2 : 0);
      const rect = add(svg, "rect", { x: start, y: middle - BAR / 2, width: length,
        height: BAR, rx: 2, fill: item.muted ? MUTED : COLOUR });
      tip(rect, `${item.label}: ${item.text}`);
      add(svg, "text", { class: "value", x: start + length + 6, y: middle,
        "dominant-baseline": "middle" }, item.text);
    }
    frame(svg, width, y + 4);
    return chart.items.length;
  };

  const niceStep = (rough) => {
    const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
    return Math.max([1, 2, 5, 10].find((m) => m * power >= rough) * power, 1);
  };

  // Vertical bars in time order over a value axis, its labels at least LABEL_GAP apart: months
  // when there is room for them, otherwise years, under their January; each with a tick.
  const columns = (svg, chart, width) => {
    const items = chart.items;
    const left = 52, top = 18, plot = 200;
    const slot = (width - left - 8) / items.length;
    frame(svg, width, top + plot + 30);
    const max = Math.max(...items.map((item) => item.value), 1);
    const step = niceStep(max / 4);
    const ceiling = Math.ceil(max / step) * step;
    for (let tick = 0; tick <= ceiling; tick += step) {
      const y = top + plot - (tick / ceiling) * plot;
      add(svg, "line", { class: "grid", x1: left, x2: width - 8, y1: y, y2: y });
      add(svg, "text", { class: "axis", x: left - 6, y, "text-anchor": "end",
        "dominant-baseline": "middle" }, tick.toLocaleString("en"));
    }
    const thickness = Math.max(Math.min(48, slot * 0.8), 1);
    // Months are named every 1, 2, 3 or 6 months when labels that far apart fit ("2023-04").
    const every = [1, 2, 3, 6].find((k) => slot * k >= LABEL_GAP);
    let lastLabel = -Infinity;
    items.forEach((item, i) => {
      const x = left + i * slot + (slot - thickness) / 2;
      const height = (item.value / ceiling) * plot;
      const bar = add(svg, "rect", { x, y: top + plot - height, width: thickness, height,
        rx: thickness > 4 ? 2 : 0, fill: COLOUR });
      tip(bar, `${item.label}: ${item.text}`);
      if (thickness >= 30 && item.value > 0) {
        add(svg, "text", { class: "value", x: x + thickness / 2, y: top + plot - height - 4,
          "text-anchor": "middle" }, item.text);
      }
      const month = /^(\d{4})-(\d{2})$/.exec(item.label);
      let name = item.label;
      if (month && every) {
        name = (Number(month[2]) - 1) % every === 0 ? item.label : "";
      } else if (month) {
        // Years under their January; a series that starts later names its first month in full,
        // so that the columns before the first year's label are not left unnamed.
        name = month[2] === "01" ? month[1] : i === 0 ? item.label : "";
      }
      const cx = month && !every ? left + i * slot : x + thickness / 2;
      if (name && cx - lastLabel >= LABEL_GAP) {
        add(svg, "line", { class: "grid", x1: cx, x2: cx, y1: top + plot, y2: top + plot + 5 });
        add(svg, "text", { class: "axis", x: cx, y: top + plot + 18, "text-anchor": "middle" },
          name);
        lastLabel = cx;
      }
    });
    return items.length;
  };

  // One 100 % bar per item, split into its segments, under a legend of the roles.
  const stacks = (svg, chart, width) => {
    const colours = new Map(chart.roles.map((role, i) =>
      [role, ROLES[role] ?? SPARE[i % SPARE.length]]));
    const room = labelRoom(width);
    const full = width - room - valueRoom(svg, chart.items.map((item) => item.text));
    // The legend over the bars, on as many lines as the width needs.
    let x = room, line = 0;
    for (const role of chart.roles) {
      const name = add(svg, "text", { "dominant-baseline": "middle" }, role);
      const needed = 17 + name.getComputedTextLength();
      if (x > room && x + needed > width) {
        x = room;
        line += 1;
      }
      name.setAttribute("x", x + 17);
      name.setAttribute("y", 10 + line * 20);
      add(svg, "rect", { x, y: 4 + line * 20, width: 12, height: 12, rx: 2,
        fill: colours.get(role) });
      x += needed + 16;
    }
    let drawn = 0;
    let y = 30 + line * 20;
    for (const item of chart.items) {
      const { node, n } = label(svg, item.label, room - 14, 2, { "text-anchor": "end" });
      const height = rowHeight(n);
      const middle = y + height / 2;
      at(node, room - 10, middle);
      let start = room;
      for (const segment of item.segments) {
        const length = segment.share * full;
        const rect = add(svg, "rect", { x: start, y: middle - BAR / 2, width: length,
          height: BAR, fill: colours.get(segment.role) });
        tip(rect, segment.tip);
        if (length >= 34) {
          add(svg, "text", { class: "inside", x: start + length / 2, y: middle,
            "text-anchor": "middle", "dominant-baseline": "middle" }, segment.text);
        }
        start += length;
        drawn += 1;
      }
      add(svg, "text", { class: "value", x: room + full + 6, y: middle,
        "dominant-baseline": "middle" }, item.text);
      y += height;
    }
    frame(svg, width, y + 6);
    return drawn;
  };

  // Small multiples: one row per item (its label on up to three lines), one column of bars per
  // metric, each on its own scale, under the metric's name. Muted items (a failed run) are grey.
  const panels = (svg, chart, width) => {
    const room = Math.min(240, Math.round(width / 4));
    const panel = (width - room) / chart.metrics.length;
    const maxima = chart.metrics.map((_, m) =>
      Math.max(...chart.items.map((item) => item.values[m]), 1));
    const rooms = chart.metrics.map((_, m) =>
      valueRoom(svg, chart.items.map((item) => item.texts[m])));
    chart.metrics.forEach((metric, m) => {
      add(svg, "text", { class: "metric", x: room + m * panel, y: 12 }, metric);
    });
    let y = 22;
    for (const item of chart.items) {
      const { node, n } = label(svg, item.label, room - 14, 3, { "text-anchor": "end" });
      const middle = y + rowHeight(n) / 2;
      at(node, room - 10, middle);
      y += rowHeight(n);
      chart.metrics.forEach((metric, m) => {
        const x = room + m * panel;
        const value = item.values[m];
        const length = Math.max((value / maxima[m]) * (panel - rooms[m] - 12),
          value > 0 ? 2 : 0);
        const rect = add(svg, "rect", { x, y: middle - BAR / 2, width: length, height: BAR,
          rx: 2, fill: item.muted ? MUTED : COLOUR });
        tip(rect, `${item.label} · ${metric}: ${item.texts[m]}`);
        add(svg, "text", { class: "value", x: x + length + 6, y: middle,
          "dominant-baseline": "middle" }, item.texts[m]);
      });
    }
    frame(svg, width, y + 4);
    return chart.items.length;
  };

  const draw = { bars, columns, stacks, panels };
  for (const svg of document.querySelectorAll("svg.chart")) {
    const chart = data.charts[svg.dataset.chart];
    // Drawn at the size it is shown, so that text is as large as the page's own.
    const width = Math.max(Math.round(svg.getBoundingClientRect().width), 360);
    svg.replaceChildren();
    let drawn = 0;
    if (chart.items.length === 0) {
      frame(svg, width, 28);
      add(svg, "text", { class: "empty", x: 0, y: 18 }, "Nothing to show.");
    } else {
      drawn = draw[chart.kind](svg, chart, width);
    }
    svg.dataset.drawn = String(drawn);
  }
  document.body.dataset.chartsReady = "1";
})();

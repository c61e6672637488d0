// A horizontal stacked bar chart in inline SVG: one bar per row, split into
// segments (e.g. a category's workers by selection result), with a legend.
// Colours are told apart by the legend's order and the white gaps between
// segments as well as by hue; the table beside it has the exact figures.
import "./charts.css";
import { h, uniqueId } from "../dom";
import { formatNumber } from "../format";
import { svg } from "./svg";

export interface Segment {
  key: string;
  label: string;
}

export interface StackedRow {
  key: string;
  label: string;
  values: number[]; // one per segment
}

const rowHeight = 46;
const barHeight = 18;
const maxWidth = 82;

export function stackedBarChart(title: string, segments: Segment[], rows: StackedRow[]): HTMLElement {
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const titleId = uniqueId("grafik");
  const summary = rows
    .map((r, i) => `${r.label}: ${formatNumber(totals[i])} (${segments.map((s, j) => `${s.label} ${formatNumber(r.values[j])}`).join(", ")})`)
    .join("; ");
  const chart = svg(
    "svg",
    { class: "bar-chart stacked", width: "100%", height: rows.length * rowHeight + 4, role: "img", "aria-labelledby": titleId },
    svg("title", { id: titleId }, `${title}. ${summary}.`),
  );
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    chart.append(svg("text", { x: 0, y: y + 15, class: "bar-label" }, row.label));
    let x = 0;
    row.values.forEach((value, j) => {
      if (value <= 0) return;
      const width = (value / max) * maxWidth;
      chart.append(
        svg(
          "rect",
          { x: `${x}%`, y: y + 21, width: `${width}%`, height: barHeight, class: `segment segment-${j}` },
          svg("title", {}, `${row.label}, ${segments[j].label}: ${formatNumber(value)}`),
        ),
      );
      x += width;
    });
    chart.append(svg("text", { x: `${x}%`, dx: 6, y: y + 35, class: "bar-value" }, formatNumber(totals[i])));
  });
  const legend = h(
    "ul",
    { class: "legend", "aria-hidden": "true" },
    segments.map((s, j) =>
      h("li", null, svgSwatch(j), s.label),
    ),
  );
  return h("div", null, chart, legend);
}

function svgSwatch(index: number): SVGSVGElement {
  return svg("svg", { width: 14, height: 14, class: "swatch", "aria-hidden": "true" }, svg("rect", { width: 14, height: 14, class: `segment segment-${index}` }));
}

// A horizontal bar chart in inline SVG: one bar per row, its label above it
// and its value at its end. Widths are percentages of the chart's own width,
// so the text keeps its size on a phone instead of shrinking with a viewBox.
// The SVG says its figures in its accessible name; the table beside it holds
// the same figures.
import "./charts.css";
import { h, uniqueId } from "../dom";
import { formatNumber } from "../format";
import { svg } from "./svg";

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const rowHeight = 46;
const barHeight = 18;
const maxWidth = 82; // percent: room for the value after the longest bar

export function barChart(title: string, bars: Bar[], options: { tone?: string } = {}): SVGSVGElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const titleId = uniqueId("grafik");
  const summary = bars.map((b) => `${b.label}: ${formatNumber(b.value)}`).join("; ");
  const chart = svg(
    "svg",
    {
      class: `bar-chart ${options.tone ?? ""}`.trim(),
      width: "100%",
      height: bars.length * rowHeight + 4,
      role: "img",
      "aria-labelledby": titleId,
    },
    svg("title", { id: titleId }, `${title}. ${summary}.`),
  );
  bars.forEach((bar, i) => {
    const y = i * rowHeight;
    const width = (bar.value / max) * maxWidth;
    chart.append(
      svg("text", { x: 0, y: y + 15, class: "bar-label" }, bar.label),
      svg("rect", { x: 0, y: y + 21, width: `${Math.max(width, bar.value > 0 ? 0.5 : 0)}%`, height: barHeight, rx: 2, class: "bar" }),
      svg("text", { x: `${width}%`, dx: 6, y: y + 35, class: "bar-value" }, formatNumber(bar.value)),
    );
  });
  return chart;
}

// A chart with its title and its table side by side (stacked on a phone).
// A wide table goes under its chart ({ stacked: true }).
export function chartFigure(title: string, chart: Element, table: HTMLElement, note?: string, options: { stacked?: boolean } = {}): HTMLElement {
  return h(
    "figure",
    { class: "chart-figure" },
    h("figcaption", null, h("h3", null, title), note && h("p", { class: "meta" }, note)),
    h("div", { class: options.stacked ? "chart-body stacked" : "chart-body" }, h("div", { class: "chart" }, chart), table),
  );
}

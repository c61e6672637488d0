// The table beside every chart: the same figures as text, for screen
// readers, for reading exact values and for copying. Rows and columns carry
// their codes (data-key) so a test can compare them with the API's JSON.
import "./charts.css";
import { h } from "../dom";
import { formatNumber } from "../format";

export interface Column {
  key: string;
  label: string;
}

export interface Row {
  key: string;
  label: string;
  values: number[]; // one per column
}

export interface TableOptions {
  caption: string;
  rowHeader: string; // the heading of the first column
  columns: Column[];
  rows: Row[];
  total?: Row; // shown in <tfoot>
  className?: string;
  testId?: string;
}

function line(row: Row, columns: Column[], cell: "td" | "th" = "td"): HTMLTableRowElement {
  return h(
    "tr",
    { "data-key": row.key },
    h("th", { scope: "row" }, row.label),
    row.values.map((value, i) =>
      h(cell, { class: "num", "data-key": columns[i].key, "data-label": columns[i].label }, formatNumber(value)),
    ),
  );
}

export function dataTable(options: TableOptions): HTMLElement {
  const { caption, rowHeader, columns, rows, total } = options;
  return h(
    "div",
    // A wide table scrolls inside its wrapper, so the page never does; the
    // wrapper is focusable so a keyboard can scroll it too.
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      { class: `data-table ${options.className ?? ""}`.trim(), "data-testid": options.testId },
      h("caption", null, caption),
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, rowHeader), columns.map((c) => h("th", { scope: "col", class: "num", "data-key": c.key }, c.label))),
      ),
      h("tbody", null, rows.map((row) => line(row, columns))),
      total && h("tfoot", null, line(total, columns)),
    ),
  );
}

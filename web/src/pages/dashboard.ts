// Dasbor pimpinan: the regency's rekap (GET /reports/rekap) as charts, each
// with a table of the same figures — categories, national selection
// results, verification status, proposed outcomes, per OPD with totals —
// and the open and overdue tasks per procedure (GET /reports/tasks); with
// downloads as CSV (the server's) and XLSX (built from the same JSON).
import "./dashboard.css";
import { barChart, chartFigure } from "../charts/bar-chart";
import { dataTable, type Column } from "../charts/data-table";
import { stackedBarChart } from "../charts/stacked-bar-chart";
import { clear, h } from "../dom";
import { formatDateTime, formatNumber } from "../format";
import type { PageContext } from "../main";
import { errorBox, loading } from "./common";
import {
  categoryColumns,
  categoryRows,
  loadDashboard,
  outcomeSource,
  opdRows,
  outcomeColumns,
  roleSummary,
  stageColumns,
  workflowLabel,
  type Dashboard,
  type TaskReport,
} from "./dashboard-data";
import { downloadCsv, downloadXlsx } from "./dashboard-export";

const countColumn: Column[] = [{ key: "jumlah", label: "Jumlah" }];

// A chart of one count per code, with its one-column table.
function countFigure(title: string, rowHeader: string, columns: Column[], counts: Record<string, number>, testId: string, note?: string): HTMLElement {
  const bars = columns.map((c) => ({ key: c.key, label: c.label, value: counts[c.key] ?? 0 }));
  const table = dataTable({
    caption: title,
    rowHeader,
    columns: countColumn,
    rows: bars.map((b) => ({ key: b.key, label: b.label, values: [b.value] })),
    testId,
  });
  return chartFigure(title, barChart(title, bars), table, note);
}

function keyFigures({ rekap, tasks }: Dashboard): HTMLElement {
  const figure = (label: string, value: number, key: string, warn = false) =>
    h("div", { class: warn && value > 0 ? "key-figure warn" : "key-figure", "data-key": key }, h("dt", null, label), h("dd", null, formatNumber(value)));
  return h(
    "dl",
    { class: "key-figures", "data-testid": "angka-utama" },
    figure("Tenaga non-ASN", rekap.total.jumlah, "jumlah"),
    categoryColumns(rekap).map((c) => figure(c.label, rekap.total.per_kategori[c.key] ?? 0, c.key)),
    figure("Tugas terlambat", tasks.overdue, "terlambat", true),
  );
}

function exportSection(dashboard: Dashboard): HTMLElement {
  const status = h("p", { class: "export-status", role: "status", "aria-live": "polite" });
  const run = async (button: HTMLButtonElement, what: string, job: () => Promise<void> | void) => {
    button.disabled = true;
    clear(status, `Menyiapkan berkas ${what}…`);
    status.className = "export-status";
    try {
      await job();
      clear(status, `Berkas ${what} sudah diunduh.`);
      status.className = "export-status success";
    } catch (error) {
      clear(status, errorBox(error));
    } finally {
      button.disabled = false;
    }
  };
  const csv: HTMLButtonElement = h("button", { type: "button", class: "secondary", onclick: () => run(csv, "CSV", () => downloadCsv(dashboard.rekap.regency)) }, "Unduh CSV");
  const xlsx: HTMLButtonElement = h("button", { type: "button", class: "secondary", onclick: () => run(xlsx, "XLSX", () => downloadXlsx(dashboard)) }, "Unduh XLSX (Excel)");
  // The print layout leaves out menus and buttons (style.css, @media print).
  const print = h("button", { type: "button", class: "secondary", onclick: () => window.print() }, "Cetak dasbor");
  return h(
    "section",
    { "aria-labelledby": "unduh-judul", class: "card export no-print" },
    h("h2", { id: "unduh-judul" }, "Unduh rekap"),
    h("p", { class: "meta" }, "CSV: tabel per OPD dari server. XLSX: lembar rekap, per OPD, dan tugas per prosedur."),
    h("div", { class: "buttons" }, csv, xlsx, print),
    status,
  );
}

function taskSection(tasks: TaskReport): HTMLElement {
  const title = "Tugas terlambat per prosedur";
  const bars = tasks.workflows.map((w) => ({ key: w.workflow, label: workflowLabel(w), value: w.overdue }));
  const table = h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Tugas terbuka dan terlambat per prosedur" },
    h(
      "table",
      { class: "data-table tasks", "data-testid": "tabel-tugas" },
      h("caption", null, "Tugas terbuka dan terlambat per prosedur"),
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, "Prosedur"), h("th", { scope: "col", class: "num" }, "Terbuka"), h("th", { scope: "col", class: "num" }, "Terlambat"), h("th", { scope: "col" }, "Per peran")),
      ),
      h(
        "tbody",
        null,
        tasks.workflows.map((w) =>
          h(
            "tr",
            { "data-key": w.workflow, class: w.overdue > 0 ? "late" : null },
            h("th", { scope: "row" }, workflowLabel(w)),
            h("td", { class: "num", "data-key": "open", "data-label": "Terbuka" }, formatNumber(w.open)),
            h("td", { class: "num", "data-key": "overdue", "data-label": "Terlambat" }, formatNumber(w.overdue)),
            h("td", { "data-key": "per_role", "data-label": "Per peran" }, roleSummary(w)),
          ),
        ),
      ),
      h(
        "tfoot",
        null,
        h(
          "tr",
          { "data-key": "jumlah" },
          h("th", { scope: "row" }, "Jumlah"),
          h("td", { class: "num", "data-key": "open", "data-label": "Terbuka" }, formatNumber(tasks.open)),
          h("td", { class: "num", "data-key": "overdue", "data-label": "Terlambat" }, formatNumber(tasks.overdue)),
          h("td", null, ""),
        ),
      ),
    ),
  );
  return h(
    "section",
    { "aria-labelledby": "tugas-judul" },
    h("h2", { id: "tugas-judul" }, "Tugas dan keterlambatan"),
    chartFigure(
      title,
      barChart(title, bars, { tone: "danger" }),
      table,
      `Semua peran di kabupaten ini, keadaan ${formatDateTime(tasks.at)}. Terlambat: melewati tenggat kerja.`,
      { stacked: true },
    ),
  );
}

function render(main: HTMLElement, dashboard: Dashboard): void {
  const { rekap } = dashboard;
  const selection = categoryRows(rekap);
  const results = selection.columns.slice(1); // without "Jumlah"
  const opd = opdRows(rekap);
  clear(
    main,
    h("h1", null, "Dasbor pimpinan"),
    h(
      "p",
      { class: "lead" },
      `Rekap tenaga non-ASN ${rekap.name} (${rekap.regency}), keadaan ${formatDateTime(dashboard.tasks.at)}.`,
    ),
    h("p", { class: "meta", "data-testid": "outcome-source" }, outcomeSource(dashboard)),
    keyFigures(dashboard),
    exportSection(dashboard),
    h(
      "section",
      { "aria-labelledby": "kategori-judul" },
      h("h2", { id: "kategori-judul" }, "Kategori dan hasil seleksi nasional"),
      countFigure("Tenaga non-ASN per kategori", "Kategori", categoryColumns(rekap), rekap.total.per_kategori, "tabel-kategori"),
      chartFigure(
        "Hasil seleksi nasional per kategori",
        stackedBarChart(
          "Hasil seleksi nasional per kategori",
          results,
          selection.rows.map((r) => ({ key: r.key, label: r.label, values: r.values.slice(1) })),
        ),
        dataTable({ caption: "Hasil seleksi nasional per kategori", rowHeader: "Kategori", ...selection, testId: "tabel-seleksi", className: "wide" }),
        undefined,
        { stacked: true },
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "proses-judul" },
      h("h2", { id: "proses-judul" }, "Verifikasi dan usulan"),
      countFigure("Status verifikasi berkas", "Status", stageColumns(rekap), rekap.total.status_verifikasi, "tabel-status"),
      countFigure(
        "Usulan hasil pemeringkatan",
        "Usulan",
        outcomeColumns(rekap),
        rekap.total.usulan,
        "tabel-usulan",
        rekap.putaran === null
          ? "Pekerja yang belum terverifikasi belum diperingkat."
          : "Pekerja yang belum terverifikasi, atau terverifikasi sesudah usulan putaran ini, belum diperingkat.",
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "opd-judul" },
      h("h2", { id: "opd-judul" }, "Per OPD"),
      h("p", { class: "meta" }, `${formatNumber(opd.rows.length)} OPD. Geser tabel ke samping untuk melihat semua kolom.`),
      dataTable({ caption: "Rekap per OPD", rowHeader: "OPD", ...opd, testId: "tabel-opd", className: "wide opd" }),
    ),
    taskSection(dashboard.tasks),
  );
}

export async function renderDashboard({ main }: PageContext): Promise<void> {
  clear(main, h("h1", null, "Dasbor pimpinan"), loading("Memuat rekap…"));
  try {
    render(main, await loadDashboard());
  } catch (error) {
    clear(main, h("h1", null, "Dasbor pimpinan"), errorBox(error));
  }
}

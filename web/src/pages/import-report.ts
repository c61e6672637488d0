// The answer of a roster import as a person reads it: how many rows were
// created, updated, unchanged, rejected (and flagged for a manual NIK
// review), and the rejected rows as a table (row, NIK as written, column,
// message) — the same report `tata import workers` prints, which can also be
// downloaded as text, line for line.
import { h } from "../dom";
import { formatNumber } from "../format";

export interface ProblemRow {
  row: number | null;
  nik: string | null;
  column: string | null;
  message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  problems: string[]; // "FILE:ROW: column: message", as the CLI prints them
  problem_rows: ProblemRow[];
}

// A bad file may have thousands of problems: the page shows the first ones
// and offers the whole report as a download.
const shownRows = 200;

const counts: Array<[keyof ImportReport, string, string]> = [
  ["created", "Baru", "baris menjadi berkas pekerja baru"],
  ["updated", "Diperbarui", "berkas pekerja yang datanya berubah"],
  ["unchanged", "Tidak berubah", "baris yang sama dengan data tersimpan"],
  ["rejected", "Ditolak", "baris yang tidak diimpor"],
  ["flagged", "Ditandai", "baris diterima tetapi NIK-nya perlu diperiksa manual"],
];

export function reportSummary(report: ImportReport): HTMLElement {
  return h(
    "dl",
    { class: "import-summary", "data-testid": "import-summary" },
    counts.map(([key, label, hint]) =>
      h(
        "div",
        { class: `import-count import-${key}` },
        h("dt", null, label),
        h("dd", null, h("span", { class: "import-number", "data-testid": `count-${key}` }, formatNumber(report[key] as number)), h("span", { class: "meta" }, hint)),
      ),
    ),
  );
}

function downloadLink(report: ImportReport, fileName: string): HTMLElement {
  const text = report.problems.join("\n") + "\n";
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const base = fileName.replace(/\.[^.]*$/, "");
  return h("a", { href: url, download: `laporan-impor-${base}.txt`, class: "import-download" }, "Unduh laporan baris bermasalah (teks)");
}

export function problemTable(report: ImportReport, fileName: string): HTMLElement {
  const rows = report.problem_rows;
  if (rows.length === 0) return h("p", { class: "success", "data-testid": "no-problems" }, "Tidak ada baris yang bermasalah.");
  const shown = rows.slice(0, shownRows);
  return h(
    "section",
    { "aria-labelledby": "masalah-judul" },
    h("h2", { id: "masalah-judul" }, "Baris bermasalah"),
    h(
      "p",
      { class: "meta" },
      rows.length > shown.length
        ? `${formatNumber(shown.length)} dari ${formatNumber(rows.length)} masalah ditampilkan. `
        : `${formatNumber(rows.length)} masalah. `,
      "Nomor baris seperti pada lembar kerja (baris judul = baris 1). ",
      downloadLink(report, fileName),
    ),
    h(
      "div",
      { class: "import-table-wrap", role: "region", "aria-labelledby": "masalah-judul", tabindex: "0" },
      h(
        "table",
        { class: "data-table import-problems", "data-testid": "import-problems" },
        h("caption", { class: "visually-hidden" }, `Baris bermasalah dalam ${fileName}`),
        h(
          "thead",
          null,
          h("tr", null, h("th", { scope: "col" }, "Baris"), h("th", { scope: "col" }, "NIK"), h("th", { scope: "col" }, "Kolom"), h("th", { scope: "col" }, "Pesan")),
        ),
        h(
          "tbody",
          null,
          shown.map((p) =>
            h(
              "tr",
              null,
              h("th", { scope: "row", "data-label": "Baris" }, p.row === null ? "—" : String(p.row)),
              h("td", { "data-label": "NIK", class: "nik" }, p.nik ?? "—"),
              h("td", { "data-label": "Kolom" }, p.column ?? "—"),
              h("td", { "data-label": "Pesan" }, p.message),
            ),
          ),
        ),
      ),
    ),
  );
}

// The answer of a roster import (or its preview) as a person reads it: how
// many rows were (or would be) created, updated, unchanged, rejected (and
// flagged for a manual NIK review), the rejected rows as a table (row, NIK as
// written, column, message) — the same report `tata import workers` prints,
// which can also be downloaded as text, line for line — and the rows taken
// that deserve a look (a NIK of another regency, an OPD not in the list).
import { h } from "../dom";
import type * as Api from "../generated/api";
import { formatNumber } from "../format";

// The import's answer (POST /workers/import): its type comes from the API's
// OpenAPI description (web/src/generated/api.ts).
export type ProblemRow = Api.ImportProblemRow;
export type ImportReport = Api.ImportReport;

// A bad file may have thousands of problems: the page shows the first ones
// and offers the whole report as a download.
const shownRows = 200;

// Each count with its words after an import, and before one (a preview).
const counts: Array<[keyof ImportReport, string, string, string]> = [
  ["created", "Baru", "baris menjadi berkas pekerja baru", "baris akan menjadi berkas pekerja baru"],
  ["updated", "Diperbarui", "berkas pekerja yang datanya berubah", "berkas pekerja yang datanya akan berubah"],
  ["unchanged", "Tidak berubah", "baris yang sama dengan data tersimpan", "baris yang sama dengan data tersimpan"],
  ["rejected", "Ditolak", "baris yang tidak diimpor", "baris yang tidak akan diimpor"],
  ["flagged", "Ditandai", "baris diterima tetapi NIK-nya perlu diperiksa manual", "baris akan diterima tetapi NIK-nya perlu diperiksa manual"],
];

export function reportSummary(report: ImportReport): HTMLElement {
  return h(
    "dl",
    { class: "import-summary", "data-testid": "import-summary" },
    counts.map(([key, label, done, ahead]) => [key, label, report.pratinjau ? ahead : done] as const).map(([key, label, hint]) =>
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

// Rows with what is wrong or worth a look: row, NIK as written, column, message.
function rowTable(
  rows: ProblemRow[],
  total: number,
  what: { title: string; id: string; testId: string; noun: string },
  fileName: string,
  extra: HTMLElement | null,
): HTMLElement {
  const shown = rows.slice(0, shownRows);
  return h(
    "section",
    { "aria-labelledby": what.id },
    h("h2", { id: what.id }, what.title),
    h(
      "p",
      { class: "meta" },
      total > shown.length
        ? `${formatNumber(shown.length)} dari ${formatNumber(total)} ${what.noun} ditampilkan. `
        : `${formatNumber(total)} ${what.noun}. `,
      "Nomor baris seperti pada lembar kerja (baris judul = baris 1). ",
      extra,
    ),
    h(
      "div",
      { class: "import-table-wrap", role: "region", "aria-labelledby": what.id, tabindex: "0" },
      h(
        "table",
        { class: "data-table import-problems", "data-testid": what.testId },
        h("caption", { class: "visually-hidden" }, `${what.title} dalam ${fileName}`),
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

export function problemTable(report: ImportReport, fileName: string): HTMLElement {
  const rows = report.problem_rows;
  if (rows.length === 0) return h("p", { class: "success", "data-testid": "no-problems" }, "Tidak ada baris yang bermasalah.");
  return rowTable(rows, rows.length, { title: "Baris bermasalah", id: "masalah-judul", testId: "import-problems", noun: "masalah" }, fileName, downloadLink(report, fileName));
}

// Rows taken that deserve a look, and what is said of the file as a whole
// (most NIKs of another regency: perhaps the wrong roster).
export function warningSection(report: ImportReport, fileName: string): HTMLElement | null {
  if (report.warning_count === 0 && report.file_warnings.length === 0) return null;
  return h(
    "div",
    { "data-testid": "import-warnings" },
    report.file_warnings.map((w) => h("p", { class: "warning", role: "alert", "data-testid": "file-warning" }, h("strong", null, "Perhatian: "), w)),
    report.warning_count > 0 &&
      rowTable(
        report.warning_rows,
        report.warning_count,
        { title: "Baris yang perlu diperhatikan", id: "peringatan-judul", testId: "import-warning-rows", noun: "peringatan" },
        fileName,
        null,
      ),
  );
}

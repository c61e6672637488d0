// One contract on the compliance overview: the vendor, where the contract
// stands on the regency's sanctions ladder, its latest monthly report
// (period, findings, total shortfall) with the findings per worker behind a
// disclosure, and the reports before it. The server found the findings and
// chose the step; this module only lays them out.
import type { CaseDetail } from "../api";
import { h } from "../dom";
import { formatDateTime, formatNumber, formatRupiah, humanize, statusNames } from "../format";
import { dueLine, errorBox } from "./common";
import { findingsTable } from "./vendor-findings";
import type { SentReport } from "./vendor-reports";
import "./vendor.css";

const sanctionNames: Record<string, string> = {
  peringatan_1: "Peringatan pertama",
  peringatan_2: "Peringatan kedua",
  denda: "Denda",
  pemutusan: "Pemutusan kontrak",
  daftar_hitam: "Daftar hitam",
};

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : typeof value === "number" ? String(value) : null;
}

function checker(actor: string): string {
  return actor === "pemeriksaan-otomatis" ? "pemeriksaan otomatis" : actor;
}

function fact(label: string, value: string | Node | null, testid?: string): Node[] {
  return [h("dt", null, label), h("dd", testid ? { "data-testid": testid } : null, value ?? "—")];
}

function resultLine(report: SentReport): string {
  const result = report.result;
  if (!result) return "Belum diperiksa";
  if (result.findings === 0) return "Patuh: tidak ada temuan";
  return `Tidak patuh: ${formatNumber(result.findings ?? 0)} temuan${result.serious ? " (pelanggaran berat)" : ""}`;
}

function latestReport(contract: CaseDetail, report: SentReport): HTMLElement {
  const result = report.result;
  const findings = report.check?.findings ?? [];
  const lines = (result?.details ?? "").split("\n").filter((line) => line.trim());
  return h(
    "section",
    { class: "latest-report", "aria-labelledby": `laporan-${contract.id}`, "data-testid": "latest-report" },
    h("h3", { id: `laporan-${contract.id}` }, `Laporan terakhir: periode ${report.periode}`),
    h(
      "dl",
      { class: "facts" },
      fact("Dikirim", `${formatDateTime(report.submitted_at)} oleh ${report.submitted_by}`),
      fact("Pekerja dilaporkan", report.workers === null ? null : formatNumber(report.workers)),
      fact("Hasil", h("span", { class: result && result.findings ? "verdict bad" : "verdict" }, resultLine(report)), "report-verdict"),
      fact("Jumlah temuan", result?.findings === null || result?.findings === undefined ? null : formatNumber(result.findings), "report-findings"),
      fact("Total kekurangan", result?.shortfall === null || result?.shortfall === undefined ? null : formatRupiah(result.shortfall), "report-shortfall"),
      result && fact("Diperiksa", `${formatDateTime(result.checked_at)} oleh ${checker(result.checked_by)}`),
    ),
    result && (result.findings ?? 0) > 0
      ? h(
          "details",
          { class: "findings-detail" },
          h("summary", null, `Temuan per pekerja (${formatNumber(result.findings ?? 0)})`),
          report.check
            ? findingsTable(report.check, `Temuan laporan periode ${report.periode}, ${contract.data.nama_penyedia ?? "penyedia"}`)
            : [
                h("p", { class: "meta" }, "Berkas laporan tidak tersimpan di server; rincian sebagaimana dicatat saat pemeriksaan:"),
                h("ul", { class: "detail-lines" }, lines.map((line) => h("li", null, line))),
              ],
          findings.length > 0 && report.document && h("p", null, h("a", { href: `/api/v1/documents/${report.document.replace(/^sha256:/, "")}`, download: true }, "Unduh berkas laporan (CSV)")),
        )
      : null,
  );
}

function earlierReports(reports: SentReport[]): HTMLElement | null {
  if (reports.length === 0) return null;
  return h(
    "details",
    { class: "earlier-reports" },
    h("summary", null, `Laporan sebelumnya (${formatNumber(reports.length)})`),
    h(
      "ul",
      null,
      reports.map((r) =>
        h(
          "li",
          null,
          `Periode ${r.periode}: ${resultLine(r)}`,
          r.result?.shortfall ? `, kekurangan ${formatRupiah(r.result.shortfall)}` : "",
        ),
      ),
    ),
  );
}

export function contractCard(contract: CaseDetail, reports: SentReport[] | { error: unknown }): HTMLElement {
  const data = contract.data;
  const number = text(data.nomor_kontrak);
  const sanction = text(data.sanksi_terakhir);
  const nonCompliant = data.status_kepatuhan === "tidak_patuh";
  return h(
    "li",
    { class: nonCompliant ? "card contract overdue" : "card contract", "data-contract": contract.id },
    h("h2", { class: "contract-title" }, h("a", { href: `/kasus/${contract.id}` }, number ? `Kontrak ${number}` : `Kontrak #${contract.id}`)),
    h(
      "dl",
      { class: "facts" },
      fact("Penyedia", text(data.nama_penyedia), "vendor-name"),
      fact(
        "Tahap",
        h(
          "span",
          null,
          nonCompliant && [h("strong", { class: "badge danger" }, "Tidak patuh"), " "],
          contract.state_title,
          contract.status !== "active" ? ` (${statusNames[contract.status] ?? contract.status})` : "",
        ),
        "contract-step",
      ),
      fact("Sanksi terakhir", sanction ? (sanctionNames[sanction] ?? humanize(sanction)) : "Belum ada"),
      fact("Pekerja menurut kontrak", typeof data.jumlah_pekerja_kontrak === "number" ? formatNumber(data.jumlah_pekerja_kontrak) : null),
      fact("Upah per bulan", typeof data.upah_bulanan === "number" ? formatRupiah(data.upah_bulanan) : null),
    ),
    contract.open_tasks.map((task) => h("div", { class: "task-line" }, h("p", null, task.title), dueLine(task))),
    !Array.isArray(reports)
      ? errorBox(reports.error)
      : reports.length === 0
        ? h("p", { class: "empty" }, "Belum ada laporan bulanan.")
        : [latestReport(contract, reports[0]), earlierReports(reports.slice(1))],
  );
}

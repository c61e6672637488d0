// The monthly reports a contract has received, newest first, each with the
// result recorded for it and, when the server still has the file, its
// findings per worker.
import { api } from "../api";
import { h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, formatNumber, formatRupiah } from "../format";
import { findingsTable } from "./vendor-findings";

export type SentReport = Api.ContractReport;

export async function loadReports(contractId: number): Promise<SentReport[]> {
  return (await api<Api.ApiAnswers["GET /api/v1/contracts/{id}/reports"]>(`/contracts/${contractId}/reports`)).data.reports;
}

function checker(actor: string): string {
  return actor === "pemeriksaan-otomatis" ? "pemeriksaan otomatis" : actor;
}

// The recorded details are lines "FILE:ROW: NIK …: rule: message"; the
// server's folder in FILE means nothing to the vendor.
function detailLines(details: string): string[] {
  return details
    .split("\n")
    .map((line) => line.trim().replace(/^\S*[\\/]/, ""))
    .filter(Boolean);
}

function reportItem(report: SentReport, index: number): HTMLElement {
  const result = report.result;
  const headline = result
    ? result.findings === 0
      ? "Patuh: tidak ada temuan."
      : `${result.findings === null ? "Ada" : formatNumber(result.findings)} temuan` +
        (result.shortfall ? `, total kekurangan ${formatRupiah(result.shortfall)}` : "") +
        (result.serious ? " (pelanggaran berat)" : "") +
        "."
    : "Belum diperiksa.";
  let findings: HTMLElement | null = null;
  if (report.check && report.check.findings.length) {
    findings = findingsTable(report.check, `Temuan laporan periode ${report.periode || "—"}`);
  } else if (result?.details && result.findings) {
    findings = h("ul", { class: "detail-lines" }, detailLines(result.details).map((line) => h("li", null, line)));
  }
  return h(
    "li",
    { class: "card report", "data-testid": "sent-report" },
    h("h3", null, `Laporan periode ${report.periode || "—"}`),
    h(
      "p",
      { class: "meta" },
      `Dikirim ${formatDateTime(report.submitted_at)} oleh ${report.submitted_by}`,
      report.workers !== null ? ` · ${formatNumber(report.workers)} pekerja` : "",
    ),
    h("p", { class: result && result.findings ? "verdict bad" : "verdict" }, h("strong", null, "Hasil: "), headline),
    result && h("p", { class: "meta" }, `Diperiksa ${formatDateTime(result.checked_at)} oleh ${checker(result.checked_by)}`),
    report.note && h("p", null, `Catatan: ${report.note}`),
    findings && h("details", { open: index === 0 ? true : null }, h("summary", null, "Temuan per pekerja"), findings),
  );
}

export function reportList(reports: SentReport[]): HTMLElement {
  if (!reports.length) return h("p", { class: "empty" }, "Belum ada laporan yang dikirim untuk kontrak ini.");
  return h("ol", { class: "cards", "data-testid": "sent-reports" }, reports.map(reportItem));
}

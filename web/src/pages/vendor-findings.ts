// A checked compliance report on screen: the summary (period, workers,
// wages, shortfall) and one line per finding with the rule in plain
// Indonesian. The findings themselves come from the server; this module
// only words and lays them out.
import { h } from "../dom";
import type * as Api from "../generated/api";
import { formatDate, formatNumber, formatRupiah, humanize } from "../format";

export type ComplianceFinding = Api.ComplianceFinding;
// pay_day: 1..31 of the next month (0: the month's last day), from the
// contract or the regency's rule (pay_day_from).
export type ComplianceReport = Api.ComplianceReport;

// The rule codes of the compliance check (examples/vendor/README.md), said
// the way a vendor's payroll clerk would.
export const ruleNames: Record<string, string> = {
  upah_minimum: "Upah di bawah UMK",
  bpjs_tk_terdaftar: "Belum terdaftar BPJS Ketenagakerjaan",
  bpjs_kesehatan_terdaftar: "Belum terdaftar BPJS Kesehatan",
  iuran_jht: "Iuran Jaminan Hari Tua (JHT) kurang",
  iuran_jp: "Iuran Jaminan Pensiun (JP) kurang",
  iuran_jkk: "Iuran Jaminan Kecelakaan Kerja (JKK) kurang",
  iuran_jkm: "Iuran Jaminan Kematian (JKM) kurang",
  iuran_kesehatan: "Iuran BPJS Kesehatan kurang",
  tanggal_bayar: "Upah dibayar terlambat",
  nik_ganda: "Pekerja tercantum lebih dari sekali",
  periode_campur: "Lebih dari satu periode dalam satu laporan",
  jumlah_pekerja: "Jumlah pekerja tidak sesuai kontrak",
  baris_tidak_valid: "Baris tidak dapat dibaca",
  format_berkas: "Format berkas tidak sesuai",
};

export function ruleName(code: string): string {
  return ruleNames[code] ?? humanize(code);
}

function shortfallText(f: ComplianceFinding): string {
  if (f.shortfall > 0) return formatRupiah(f.shortfall);
  if (f.days_late) return `Terlambat ${formatNumber(f.days_late)} hari`;
  return "—";
}

export function findingsTable(report: ComplianceReport, caption: string): HTMLElement {
  if (report.findings.length === 0) return h("p", { class: "success", "data-testid": "no-findings" }, "Tidak ada temuan: laporan ini patuh.");
  const cell = (label: string, ...content: (string | Node)[]) => h("td", { "data-label": label }, ...content);
  return h(
    "div",
    { class: "findings-wrap" },
    h(
      "table",
      { class: "findings", "data-testid": "findings" },
      h("caption", null, caption),
      h(
        "thead",
        null,
        h("tr", null, ["Baris", "NIK", "Nama", "Aturan", "Rincian", "Kekurangan"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        null,
        report.findings.map((f) =>
          h(
            "tr",
            { "data-testid": "finding" },
            h("th", { scope: "row", "data-label": "Baris" }, f.row === null ? "—" : String(f.row)),
            cell("NIK", f.nik ?? "—"),
            cell("Nama", f.nama ?? "—"),
            cell("Aturan", ruleName(f.rule)),
            cell("Rincian", f.message),
            cell("Kekurangan", h("span", { "data-testid": "shortfall" }, shortfallText(f))),
          ),
        ),
      ),
    ),
  );
}

export function reportSummary(report: ComplianceReport): HTMLElement {
  return h(
    "dl",
    { class: "facts report-facts" },
    h("dt", null, "Periode"),
    h("dd", null, report.periode ?? "—"),
    h("dt", null, "Pekerja dilaporkan"),
    h("dd", null, formatNumber(report.workers)),
    h("dt", null, "Total upah dibayar"),
    h("dd", null, formatRupiah(report.total_wage)),
    h("dt", null, "UMK yang berlaku"),
    h("dd", null, formatRupiah(report.umk)),
    report.pay_deadline && [
      h("dt", null, "Batas pembayaran upah"),
      h("dd", { "data-testid": "pay-deadline" }, `${formatDate(report.pay_deadline)} (${payDayRule(report)})`),
    ],
    h("dt", null, "Jumlah temuan"),
    h("dd", { "data-testid": "finding-count" }, formatNumber(report.findings.length)),
    h("dt", null, "Total kekurangan"),
    h("dd", { "data-testid": "total-shortfall" }, formatRupiah(report.total_shortfall)),
  );
}

// Which pay day applies, and whose it is.
export function payDayRule(report: ComplianceReport): string {
  const day = report.pay_day > 0 ? `tanggal ${report.pay_day} bulan berikutnya` : "hari terakhir bulan laporan";
  return report.pay_day_from === "contract" ? `${day}, menurut kontrak` : `${day}, menurut ketentuan kabupaten/kota`;
}

// The headline of a checked report, for the page and for screen readers.
export function verdict(report: ComplianceReport): string {
  if (report.compliant) return "Patuh: tidak ada temuan.";
  return `${formatNumber(report.findings.length)} temuan, total kekurangan ${formatRupiah(report.total_shortfall)}.`;
}

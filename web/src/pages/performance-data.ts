// The predikat per OPD (GET /performance/summary) as the leadership page
// reads it: which year to show first, the predikat columns in the table's
// order with the regency's labels and caps, and each predikat's share of
// the rated evaluations (announced or final), as the server counts it.
import { api } from "../api";
import type * as Api from "../generated/api";
import { humanize } from "../format";
import { orderedPredikat } from "./performance-words";

export type Counts = Api.PredikatCounts;
export type OpdCounts = Api.OpdPredikatCounts;
// total: not for an OPD head, who reads their own OPD only.
export type Summary = Api.PredikatSummary;

export const firstYear = 2024; // the first year the procedure evaluates

export async function loadSummary(year: number): Promise<Summary> {
  return (await api<Api.ApiAnswers["GET /api/v1/performance/summary"]>(`/performance/summary?tahun=${year}`)).data;
}

export function hasData(summary: Summary): boolean {
  return summary.per_opd.some((o) => o.jumlah > 0);
}

// The latest year with evaluations: this year, then the years before it,
// down to the first. Without any, this year's (empty) summary.
export async function latestSummary(thisYear: number): Promise<Summary> {
  let first: Summary | null = null;
  for (let year = thisYear; year >= firstYear; year--) {
    const summary = await loadSummary(year);
    first ??= summary;
    if (hasData(summary)) return summary;
  }
  return first ?? loadSummary(thisYear);
}

// The years the page offers: next year (it can be opened already) down to the first.
export function yearChoices(thisYear: number): number[] {
  const years: number[] = [];
  for (let year = thisYear + 1; year >= firstYear; year--) years.push(year);
  return years;
}

export interface PredikatColumn {
  key: string;
  label: string;
  cap: number | null; // percent
}

export function predikatColumns(summary: Summary): PredikatColumn[] {
  const codes = [
    ...Object.keys(summary.label_predikat),
    ...Object.keys(summary.batas_sebaran),
    ...summary.per_opd.flatMap((o) => Object.keys(o.predikat)),
  ];
  return orderedPredikat(codes).map((key) => ({
    key,
    label: summary.label_predikat[key] ?? humanize(key),
    cap: typeof summary.batas_sebaran[key] === "number" ? summary.batas_sebaran[key] : null,
  }));
}

// Rated evaluations: those with a predikat, announced or final.
export function ratedCount(counts: Counts): number {
  return Object.values(counts.predikat).reduce((a, b) => a + b, 0);
}

// A predikat's share of the rated evaluations, in percent (null: none rated).
export function shareOf(counts: Counts, key: string): number | null {
  const rated = ratedCount(counts);
  return rated ? (100 * (counts.predikat[key] ?? 0)) / rated : null;
}

const percentFormat = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });

// "75%", "33,3%"
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)}%`;
}

// The sum of the OPD rows (when the answer has no total of its own).
export function sumOf(rows: Counts[]): Counts {
  const total: Counts = { jumlah: 0, belum_dinilai: 0, diumumkan: 0, final: 0, keberatan: 0, keberatan_diterima: 0, predikat: {}, melebihi_batas: [] };
  for (const row of rows) {
    total.jumlah += row.jumlah;
    total.belum_dinilai += row.belum_dinilai;
    total.diumumkan += row.diumumkan;
    total.final += row.final;
    total.keberatan += row.keberatan;
    total.keberatan_diterima += row.keberatan_diterima;
    for (const [k, v] of Object.entries(row.predikat)) total.predikat[k] = (total.predikat[k] ?? 0) + v;
  }
  return total;
}

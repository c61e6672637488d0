// The rekap and the task counts as the API sends them, the words for their
// codes, and the rows of the dashboard's tables (shared by the page and the
// XLSX export, so both show the same figures).
import { api } from "../api";
import type * as Api from "../generated/api";
import { formatDate, formatNumber, humanize, roleNames, workflowNames } from "../format";
import type { Column, Row } from "../charts/data-table";

export type RekapCounts = Api.RekapCounts;
// putaran: the approved round whose frozen ranking the outcomes are; null:
// today's ranking.
export type Rekap = Api.Rekap;
export type TaskReport = Api.OpenTasksReport;
export type WorkflowTasks = TaskReport["workflows"][number];

// GET /rounds/approved: the newest round the Kepala BKPSDM approved, or
// { putaran: null } while there is none.
export type ApprovedRound = Api.ApprovedRound;

export interface Dashboard {
  rekap: Rekap;
  tasks: TaskReport;
  round: ApprovedRound;
}

export async function loadDashboard(): Promise<Dashboard> {
  const [rekap, tasks, round] = await Promise.all([
    api<Api.ApiAnswers["GET /api/v1/reports/rekap"]>("/reports/rekap"),
    api<Api.ApiAnswers["GET /api/v1/reports/tasks"]>("/reports/tasks"),
    api<Api.ApiAnswers["GET /api/v1/rounds/approved"]>("/rounds/approved"),
  ]);
  return { rekap: rekap.data, tasks: tasks.data, round: round.data };
}

// Which ranking the outcomes are, in one sentence: the approved round's (and
// where it stands), or today's while none is approved.
export function outcomeSource({ rekap, round }: Dashboard): string {
  // round.putaran === null also tells the type checker which of the
  // answer's two shapes round has.
  if (rekap.putaran === null || round.putaran === null || round.putaran !== rekap.putaran)
    return `Usulan sementara menurut pemeringkatan hari ini (${rekap.nomor_pemeringkatan}); belum ada putaran yang disetujui Kepala BKPSDM.`;
  const approval = round.nomor_persetujuan ? ` dengan nomor ${round.nomor_persetujuan}` : "";
  const objections = round.sanggahan
    ? ` Sanggahan: ${formatNumber(round.sanggahan.jumlah)} masuk, ${formatNumber(round.sanggahan.belum_selesai)} belum selesai.`
    : "";
  const announced = round.pengumuman
    ? ` Diumumkan ${formatDate(round.pengumuman.tanggal_pengumuman)}; masa sanggah ${round.pengumuman.masa_sanggah_terbuka ? "sampai" : "berakhir"} ${formatDate(round.pengumuman.batas_sanggah)}.${objections}`
    : " Belum diumumkan.";
  return `Usulan menurut putaran yang disetujui Kepala BKPSDM${approval} (${rekap.nomor_pemeringkatan}), tahap sekarang: ${round.tahap}.${announced}`;
}

// The server's codes in the order it lists them (rekap.hpp), with their words.
export const categoryNames: Array<[string, string]> = [
  ["eks_thk2", "Eks THK-II"],
  ["database_bkn", "Database BKN"],
  ["non_database", "Non-database"],
];
export const resultNames: Array<[string, string]> = [
  ["lulus_cpns", "Lulus CPNS"],
  ["lulus_pppk", "Lulus PPPK"],
  ["tidak_lulus", "Tidak lulus"],
  ["belum_ikut", "Belum ikut seleksi"],
  ["(kosong)", "Tidak tercatat"],
];
export const stageNames: Array<[string, string]> = [
  ["diproses", "Diproses"],
  ["terverifikasi", "Terverifikasi"],
  ["dikembalikan", "Dikembalikan ke OPD"],
  ["ditolak", "Ditolak"],
];
export const outcomeNames: Array<[string, string]> = [
  ["cpns", "CPNS"],
  ["pppk", "PPPK"],
  ["pppk_paruh_waktu", "PPPK paruh waktu"],
  ["alih_daya", "Alih daya"],
  ["dirumahkan", "Dirumahkan"],
  ["belum_diperingkat", "Belum diperingkat"],
];

// The known codes in order, then any code the server adds later.
export function columnsOf(known: Array<[string, string]>, ...maps: Array<Record<string, unknown>>): Column[] {
  const columns = known.map(([key, label]) => ({ key, label }));
  for (const map of maps)
    for (const key of Object.keys(map))
      if (!columns.some((c) => c.key === key)) columns.push({ key, label: humanize(key) });
  return columns;
}

const count = (map: Record<string, number> | undefined, key: string) => map?.[key] ?? 0;

// Selection results of all categories together (what the CSV's columns hold).
export function resultCount(c: RekapCounts, result: string): number {
  return Object.values(c.per_kategori_dan_hasil_seleksi).reduce((n, results) => n + count(results, result), 0);
}

export function categoryColumns(rekap: Rekap): Column[] {
  return columnsOf(categoryNames, rekap.total.per_kategori);
}

export function resultColumns(rekap: Rekap): Column[] {
  return columnsOf(resultNames, ...Object.values(rekap.total.per_kategori_dan_hasil_seleksi));
}

export function stageColumns(rekap: Rekap): Column[] {
  return columnsOf(stageNames, rekap.total.status_verifikasi);
}

export function outcomeColumns(rekap: Rekap): Column[] {
  return columnsOf(outcomeNames, rekap.total.usulan);
}

// Category × selection result: one row per category, the total first.
export function categoryRows(rekap: Rekap): { columns: Column[]; rows: Row[]; total: Row } {
  const results = resultColumns(rekap);
  const columns = [{ key: "jumlah", label: "Jumlah" }, ...results];
  const rows = categoryColumns(rekap).map(({ key, label }) => ({
    key,
    label,
    values: [count(rekap.total.per_kategori, key), ...results.map((r) => count(rekap.total.per_kategori_dan_hasil_seleksi[key], r.key))],
  }));
  const total = { key: "jumlah", label: "Jumlah", values: [rekap.total.jumlah, ...results.map((r) => resultCount(rekap.total, r.key))] };
  return { columns, rows, total };
}

// Per OPD: the columns of the server's CSV, in its order.
export function opdColumns(rekap: Rekap): Column[] {
  return [
    { key: "jumlah", label: "Jumlah" },
    ...categoryColumns(rekap).map((c) => ({ key: `kategori.${c.key}`, label: c.label })),
    ...resultColumns(rekap).map((c) => ({ key: `hasil.${c.key}`, label: c.label })),
    ...stageColumns(rekap).map((c) => ({ key: `status.${c.key}`, label: c.label })),
    ...outcomeColumns(rekap).map((c) => ({ key: `usulan.${c.key}`, label: `Usulan: ${c.label}` })),
  ];
}

// The value of an opdColumns() column in one OPD's counts.
export function opdValue(c: RekapCounts, column: string): number {
  const [group, key] = column.split(/\.(.*)/s);
  switch (group) {
    case "jumlah":
      return c.jumlah;
    case "kategori":
      return count(c.per_kategori, key);
    case "hasil":
      return resultCount(c, key);
    case "status":
      return count(c.status_verifikasi, key);
    case "usulan":
      return count(c.usulan, key);
    default:
      return 0;
  }
}

export function opdRows(rekap: Rekap): { columns: Column[]; rows: Row[]; total: Row } {
  const columns = opdColumns(rekap);
  // In the server's order, as in its CSV.
  const rows = Object.keys(rekap.per_opd).map((opd) => ({ key: opd, label: opd, values: columns.map((c) => opdValue(rekap.per_opd[opd], c.key)) }));
  const total = { key: "JUMLAH", label: "Jumlah", values: columns.map((c) => opdValue(rekap.total, c.key)) };
  return { columns, rows, total };
}

export function workflowLabel(w: WorkflowTasks): string {
  return workflowNames[w.workflow] ?? w.title ?? humanize(w.workflow);
}

// "Petugas: 2 (1 terlambat)" for each role holding tasks of a procedure.
export function roleSummary(w: WorkflowTasks): string {
  const parts = Object.entries(w.per_role).map(
    ([role, t]) => `${roleNames[role] ?? humanize(role)}: ${t.open.toLocaleString("id-ID")}${t.overdue ? ` (${t.overdue.toLocaleString("id-ID")} terlambat)` : ""}`,
  );
  return parts.length ? parts.join("; ") : "—";
}

// The ranking as GET /ranking and /ranking/{nik} answer it, and the words
// for its codes. The server ranks, allocates and explains; the page shows.
import type * as Api from "../generated/api";
import { humanize } from "../format";

export type Contribution = Api.RankedWorker["kontribusi"][number];
export type RankedWorker = Api.RankedWorker;
export type RankingPage = Api.RankingPage;

// In the order of DESIGN.md section 5's proposals.
export const outcomeNames: Record<string, string> = {
  cpns: "CPNS",
  pppk: "PPPK",
  pppk_paruh_waktu: "PPPK paruh waktu",
  alih_daya: "Alih daya",
  dirumahkan: "Dirumahkan",
};

export function outcomeName(code: string): string {
  return outcomeNames[code] ?? humanize(code);
}

// The national priority order's groups.
const groupNames: Record<string, string> = {
  R1: "R1 — pelamar prioritas",
  R2: "R2 — eks THK-II",
  R3: "R3 — database BKN",
  R4: "R4 — non-database, masa kerja ≥ 2 tahun",
  R5: "R5 — lulusan PPG",
  "hasil seleksi nasional": "Lulus seleksi nasional",
  "tidak termasuk prioritas": "Di luar urutan prioritas",
};

export function groupName(code: string): string {
  return groupNames[code] ?? code;
}

// The outcomes to count: the known ones (so a zero shows as zero), then any
// other the server answers.
export function outcomeCodes(counts: Record<string, number>): string[] {
  return [...Object.keys(outcomeNames), ...Object.keys(counts).filter((k) => !(k in outcomeNames))];
}

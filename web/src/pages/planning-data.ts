// The planning API's answers (docs/planning.md) and the tables the page
// and its downloads build from them: needs per OPD, scenarios side by side.
import type { Column, Row } from "../charts/data-table";
import type * as Api from "../generated/api";
import { outcomeName } from "./ranking-data";

export type OpdNeed = Api.PlanningOpdNeed;
export type JabatanNeed = Api.PlanningJabatanNeed;
export type Needs = Api.PlanningNeeds;
// A scenario file of the regency (GET /planning/scenarios → items).
export type ScenarioFile = Api.PlanningScenarios["items"][number];
// The scenario the regency adopted (GET /planning/scenarios → berlaku).
export type Adopted = Api.PlanningAdoptedScenario;
export type ScenarioResult = Api.PlanningScenarioResult;
export type Comparison = Api.PlanningSimulation;
export type Difference = NonNullable<Comparison["beda"]>["items"][number];

export const outcomeOrder = ["cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan", "tidak_memenuhi_masa_kerja"];

export function planningOutcomeName(code: string): string {
  return code === "tidak_memenuhi_masa_kerja" ? "Masa kerja kurang" : outcomeName(code);
}

export const needColumns: Column[] = [
  { key: "kebutuhan", label: "Kebutuhan" },
  { key: "pns", label: "PNS" },
  { key: "pppk", label: "PPPK" },
  { key: "non_asn", label: "Non-ASN" },
  { key: "kurang_asn", label: "Kekurangan ASN" },
];

export function needRows(needs: Needs): { rows: Row[]; total: Row } {
  const values = (n: Omit<OpdNeed, "opd">) => [n.kebutuhan, n.pns, n.pppk, n.non_asn, n.kurang_asn];
  return {
    rows: needs.opd.map((o) => ({ key: o.opd, label: o.opd, values: values(o) })),
    total: { key: "total", label: "Jumlah", values: values(needs.total) },
  };
}

// One row per measure, one column per scenario (whole numbers; money in
// millions of rupiah, shares in hundredths of a percent shown by the page).
export interface MeasureRow {
  key: string;
  label: string;
  values: Array<number | string>;
}

export function comparisonRows(comparison: Comparison): MeasureRow[] {
  const s = comparison.skenario;
  const rows: MeasureRow[] = outcomeOrder.map((code) => ({
    key: code,
    label: planningOutcomeName(code),
    values: s.map((r) => r.usulan[code] ?? 0),
  }));
  rows.push({ key: "tanpa_status", label: "Tanpa status", values: s.map((r) => r.tanpa_status) });
  rows.push({ key: "kebutuhan_terbuka", label: "Kebutuhan ASN belum terisi", values: s.map((r) => r.kebutuhan_terbuka) });
  if (s.every((r) => r.biaya)) {
    rows.push({ key: "biaya", label: "Biaya setahun (Rp)", values: s.map((r) => r.biaya!.total) });
    rows.push({ key: "belanja_pegawai_baru", label: "Tambahan belanja pegawai (Rp)", values: s.map((r) => r.biaya!.belanja_pegawai_baru) });
    rows.push({ key: "persen_sesudah", label: "Belanja pegawai sesudah (%)", values: s.map((r) => r.biaya!.persen_sesudah.toFixed(2).replace(".", ",")) });
  }
  return rows;
}

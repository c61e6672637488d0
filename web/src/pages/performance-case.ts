// A performance evaluation on the case page: the worker, the targets, the
// periods, the result and the objection as readable blocks (performance-
// view.ts) instead of the generic list of data fields; what is left over
// (checks, dates, the vendor's contract) follows as "Data lainnya". The
// supervisor, the OPD head, the worker and BKPSDM read the same page; a
// vendor's redacted view shows only what it holds.
import "./performance.css";
import { api, type CaseDetail, type DocumentInfo } from "../api";
import { h } from "../dom";
import type * as Api from "../generated/api";
import { fieldLabel, formatDateTime } from "../format";
import { currentSession } from "../session";
import { objectionBlock, periodsBlock, ratingBlock, targetsBlock, type ViewOptions } from "./performance-view";
import { employmentOf, performanceFields, resultNames, text } from "./performance-words";

// Fields the blocks show; the rest is listed under "Data lainnya".
const shown = new Set([
  "nik", "nama", "opd", "jabatan", "jenis_kepegawaian", "tahun",
  "indikator_1", "target_1", "indikator_2", "target_2", "indikator_3", "target_3",
  "catatan_target", "catatan_penetapan", "riwayat_target", "alasan_perubahan", "target_berlaku_pada",
  "riwayat_periode", "realisasi_1", "realisasi_2", "realisasi_3", "bukti_realisasi", "catatan_realisasi", "umpan_balik",
  "periode_ke", "jumlah_periode",
  "hasil_kerja", "perilaku_kerja", "catatan_evaluasi", "predikat", "status_predikat", "keputusan", "dinilai_pada", "final_pada",
  "keberatan", "alasan_keberatan", "alasan_putusan", "predikat_sebelum_keberatan", "keberatan_diajukan_pada", "keberatan_diputus_pada",
  "alasan_usulan", "lama_perpanjangan_tahun",
  "dokumen_unggahan", // the uploads: listed under Dokumen
]);

// Numbers that are names, not amounts: never "2.025".
const plainNumbers = new Set(["tahun", "id_kontrak", "lama_perpanjangan_tahun"]);

export function performanceResult(result: string): string | null {
  return resultNames[result] ?? null;
}

// The regency's predikat labels for the roles that may read the summary
// (the earlier predikat of an accepted objection is named with them).
export async function predikatLabels(record: CaseDetail): Promise<Record<string, string> | undefined> {
  const role = currentSession()?.user.role ?? "";
  const year = record.data.tahun;
  if (!["admin", "officer", "opd_head"].includes(role) || typeof year !== "number" || !record.data.keberatan) return undefined;
  try {
    const { data } = await api<Api.ApiAnswers["GET /api/v1/performance/summary"]>(`/performance/summary?tahun=${year}`);
    return data.label_predikat;
  } catch {
    return undefined; // the page reads without them
  }
}

export function performanceSections(
  record: CaseDetail,
  documents: DocumentInfo[],
  labels: Record<string, string> | undefined,
  generic: (name: string, value: unknown) => Node,
): HTMLElement[] {
  const data = record.data;
  const options: ViewOptions = {
    level: "h2",
    idPrefix: `kinerja-${record.id}`,
    labels,
    documentName: (reference) => documents.find((d) => d.reference === reference)?.name ?? null,
  };
  const kind = employmentOf(data);
  // A vendor's view holds the result only: no targets to say are missing.
  const vendor = currentSession()?.user.role === "vendor";
  const worker = h(
    "section",
    { "aria-labelledby": "pegawai-judul", "data-testid": "perf-worker" },
    h("h2", { id: "pegawai-judul" }, "Pegawai yang dinilai"),
    h(
      "dl",
      { class: "facts" },
      text(data.nama) && [h("dt", null, "Nama"), h("dd", null, text(data.nama))],
      text(data.nik) && [h("dt", null, "NIK"), h("dd", null, text(data.nik))],
      text(data.jabatan) && [h("dt", null, "Jabatan"), h("dd", null, text(data.jabatan))],
      text(data.opd) && [h("dt", null, "OPD"), h("dd", null, text(data.opd))],
      kind && [h("dt", null, "Jenis kepegawaian"), h("dd", null, kind)],
      typeof data.tahun === "number" && [h("dt", null, "Tahun penilaian"), h("dd", null, String(data.tahun))],
    ),
  );
  const followUp = text(data.alasan_usulan)
    ? h(
        "section",
        { "aria-labelledby": "usulan-judul", "data-testid": "follow-up" },
        h("h2", { id: "usulan-judul" }, "Usulan tindak lanjut"),
        record.result && resultNames[record.result] && h("p", null, h("strong", null, resultNames[record.result])),
        typeof data.lama_perpanjangan_tahun === "number" && h("p", null, `Lama perpanjangan: ${data.lama_perpanjangan_tahun} tahun.`),
        h("p", null, h("span", { class: "label" }, "Alasan: "), text(data.alasan_usulan)),
      )
    : null;
  const rest = Object.entries(data).filter(([k, v]) => !shown.has(k) && v !== null && v !== undefined && v !== "");
  const other = rest.length
    ? h(
        "section",
        { "aria-labelledby": "data-judul" },
        h("h2", { id: "data-judul" }, "Data lainnya"),
        h(
          "dl",
          { class: "facts data" },
          rest.map(([k, v]) => [
            h("dt", null, performanceFields[k] ?? fieldLabel(k)),
            h("dd", null, plainNumbers.has(k) && typeof v === "number" ? String(v) : typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : generic(k, v)),
          ]),
        ),
      )
    : null;
  return [
    worker,
    vendor ? null : targetsBlock(data, options),
    periodsBlock(data, options),
    ratingBlock(data, options),
    objectionBlock(data, options),
    followUp,
    other,
  ].filter((s): s is HTMLElement => s !== null);
}

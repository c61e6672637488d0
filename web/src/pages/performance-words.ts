// The performance evaluation (workflows/performance_evaluation.yaml) in the
// words people read: the kinds of worker, the ratings, where a predikat
// stands, the objection, the steps and decisions; and the case data read as
// typed pieces (targets, periods, the decision table's result) for the case
// page, the worker's page and the vendor's page. The predikat's words come
// from the decision table (data.keputusan.predikat_kinerja.label_hasil, or
// the summary's label_predikat), never from here: a regency may name them.
import { humanize } from "../format";

export const performanceWorkflow = "performance_evaluation";

export const employmentNames: Record<string, string> = {
  pppk: "PPPK",
  pppk_paruh_waktu: "PPPK paruh waktu",
  alih_daya: "Alih daya",
};

// The two ratings' options (the workflow's form); the decision table's own
// labels (label_masukan) win when the case has them.
export const ratingNames: Record<string, string> = {
  di_bawah_ekspektasi: "Di bawah ekspektasi",
  sesuai_ekspektasi: "Sesuai ekspektasi",
  di_atas_ekspektasi: "Di atas ekspektasi",
};

export const ratingStatusNames: Record<string, string> = {
  belum_dinilai: "Belum dinilai",
  diumumkan: "Diumumkan, masih dapat diajukan keberatan",
  final: "Final",
};

export const objectionNames: Record<string, string> = {
  diajukan: "Keberatan diajukan, menunggu putusan Kepala OPD",
  diterima: "Keberatan diterima: penilaian diubah dan predikat ditetapkan ulang",
  ditolak: "Keberatan ditolak: predikat tetap",
};

// The short outcome of an objection, for lists and tables.
export const objectionShort: Record<string, string> = {
  diajukan: "Menunggu putusan",
  diterima: "Diterima",
  ditolak: "Ditolak",
};

export const resultNames: Record<string, string> = {
  diperpanjang: "Diusulkan diperpanjang",
  diangkat_pppk: "Diusulkan diangkat menjadi PPPK",
  tidak_diperpanjang: "Diusulkan tidak diperpanjang",
  diteruskan_ke_penyedia: "Diteruskan ke penyedia",
  dibatalkan: "Dibatalkan",
};

// The predikat in the order of the national table (best first); codes a
// regency adds come after them.
export const predikatOrder = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"];

export function orderedPredikat(codes: Iterable<string>): string[] {
  const all = [...new Set(codes)];
  const rank = (code: string) => {
    const i = predikatOrder.indexOf(code);
    return i < 0 ? predikatOrder.length : i;
  };
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// The steps, as anyone reads them (the workflow's state titles, shortened).
export const performanceSteps: Record<string, string> = {
  pembukaan: "Penilaian kinerja dibuka",
  lengkapi_data: "Data pegawai dilengkapi oleh petugas BKPSDM",
  penyusunan_target: "Pejabat penilai menyusun target kinerja",
  eskalasi_target: "Penyusunan target terlambat, ditangani Kepala OPD",
  persetujuan_target: "Menunggu persetujuan target oleh pegawai",
  catat_permintaan_perubahan: "Permintaan perubahan target dicatat",
  persetujuan_terlambat: "Target belum ditanggapi pegawai, pejabat penilai memutuskan",
  target_disepakati: "Target kinerja berlaku",
  realisasi_periode: "Pencatatan realisasi periode berjalan",
  realisasi_terlambat: "Realisasi belum dicatat, pejabat penilai menindaklanjuti",
  umpan_balik: "Menunggu umpan balik pejabat penilai",
  eskalasi_umpan_balik: "Umpan balik terlambat, ditangani Kepala OPD",
  tutup_periode: "Periode ditutup",
  tutup_periode_kosong: "Periode ditutup tanpa realisasi",
  evaluasi_tahunan: "Evaluasi kinerja tahunan oleh pejabat penilai",
  eskalasi_evaluasi: "Evaluasi terlambat, ditangani Kepala OPD",
  penetapan_predikat: "Predikat kinerja ditetapkan",
  masa_keberatan: "Hasil diberitahukan, masa keberatan berjalan",
  keberatan_diajukan: "Keberatan diajukan",
  putusan_keberatan: "Menunggu putusan keberatan oleh Kepala OPD",
  eskalasi_keberatan: "Putusan keberatan terlambat, ditangani Kepala BKPSDM",
  keberatan_ditolak: "Keberatan ditolak",
  keberatan_diterima: "Keberatan diterima, predikat ditetapkan ulang",
  hasil_final: "Hasil penilaian final",
  usulan_pppk: "BKPSDM menyusun usulan tindak lanjut kontrak PPPK",
  usulan_paruh_waktu: "BKPSDM menyusun usulan tindak lanjut PPPK paruh waktu",
  eskalasi_usulan: "Usulan tindak lanjut terlambat, ditangani Kepala BKPSDM",
  diteruskan_ke_penyedia: "Hasil diteruskan ke penyedia alih daya",
  diusulkan_diperpanjang: "Diusulkan diperpanjang",
  diusulkan_diangkat: "Diusulkan diangkat menjadi PPPK",
  diusulkan_tidak_diperpanjang: "Diusulkan tidak diperpanjang",
  dibatalkan: "Penilaian dibatalkan",
};

// What a decision did, after who took it ("Pejabat penilai kinerja ...").
export const performanceDone: Record<string, string> = {
  simpan: "melengkapi data pegawai",
  batalkan: "membatalkan penilaian",
  tetapkan_target: "mengirim target kinerja",
  setuju: "menyetujui target kinerja",
  minta_perubahan: "meminta perubahan target",
  tetapkan: "menetapkan target tanpa tanggapan pegawai",
  ubah_target: "memilih mengubah target",
  catat_realisasi: "mencatat realisasi periode",
  catat_atas_nama: "mencatat realisasi yang diterima dari pegawai",
  tanpa_realisasi: "menutup periode tanpa realisasi",
  kirim_umpan_balik: "memberi umpan balik",
  nilai: "menilai hasil kerja dan perilaku kerja",
  terima_hasil: "menerima hasil penilaian",
  ajukan_keberatan: "mengajukan keberatan",
  tolak: "menolak keberatan",
  terima: "menerima keberatan dan mengubah penilaian",
  ingatkan: "meminta tahap yang terlambat diselesaikan",
  perpanjang: "mengusulkan perpanjangan kontrak",
  angkat_pppk: "mengusulkan pengangkatan menjadi PPPK",
  tidak_diperpanjang: "mengusulkan kontrak tidak diperpanjang",
};

// The case's data fields, named as people know them.
export const performanceFields: Record<string, string> = {
  jabatan: "Jabatan",
  jenis_kepegawaian: "Jenis kepegawaian",
  tahun: "Tahun penilaian",
  catatan_target: "Catatan pejabat penilai atas target",
  catatan_penetapan: "Catatan penetapan target",
  catatan_evaluasi: "Catatan evaluasi",
  hasil_kerja: "Rating hasil kerja",
  perilaku_kerja: "Rating perilaku kerja",
  predikat: "Predikat kinerja",
  status_predikat: "Status hasil",
  keberatan: "Keberatan",
  alasan_keberatan: "Alasan keberatan",
  alasan_putusan: "Alasan putusan keberatan",
  alasan_usulan: "Alasan usulan tindak lanjut",
  lama_perpanjangan_tahun: "Lama perpanjangan (tahun)",
  catatan_eskalasi: "Catatan eskalasi",
  alasan: "Alasan",
  dibuka_pada: "Dibuka",
  target_berlaku_pada: "Target berlaku sejak",
  dinilai_pada: "Hasil diberitahukan",
  keberatan_diajukan_pada: "Keberatan diajukan",
  keberatan_diputus_pada: "Keberatan diputus",
  final_pada: "Final sejak",
  diteruskan_pada: "Diteruskan ke penyedia",
  id_kontrak: "Nomor kontrak alih daya",
  id_penyedia: "Kode penyedia",
  nama_penyedia: "Nama penyedia",
  bukti_keberatan: "Bukti keberatan",
};

// --- the case data, read -------------------------------------------------

type Data = Record<string, unknown>;

export function text(value: unknown): string | null {
  if (typeof value === "string" && value.trim()) return value;
  if (typeof value === "number") return String(value);
  return null;
}

export interface Decision {
  sentence: string | null; // keterangan: the row that matched, in words
  reason: string | null; // catatan: the plain-words reason
  predikat: string | null; // the code
  predikatLabel: string | null;
  inputLabels: Record<string, string>;
  inputs: Record<string, string>;
}

export function decisionOf(data: Data): Decision | null {
  const all = data.keputusan;
  if (typeof all !== "object" || all === null) return null;
  const row = (all as Record<string, unknown>).predikat_kinerja;
  if (typeof row !== "object" || row === null) return null;
  const r = row as Record<string, unknown>;
  const record = (v: unknown) => (typeof v === "object" && v !== null ? (v as Record<string, string>) : {});
  return {
    sentence: text(r.keterangan),
    reason: text(r.catatan),
    predikat: text(record(r.hasil).predikat),
    predikatLabel: text(record(r.label_hasil).predikat),
    inputLabels: record(r.label_masukan),
    inputs: record(r.masukan),
  };
}

// The predikat's words: the decision table's label for the case's own
// predikat, else the regency's label list (the summary's), else the code in
// words. Null when there is no predikat yet.
export function predikatLabel(data: Data, labels?: Record<string, string>): string | null {
  const code = text(data.predikat);
  if (!code) return null;
  const decision = decisionOf(data);
  if (decision?.predikatLabel && decision.predikat === code) return decision.predikatLabel;
  return labels?.[code] ?? humanize(code);
}

// A rating's words (hasil_kerja or perilaku_kerja).
export function ratingLabel(data: Data, field: "hasil_kerja" | "perilaku_kerja"): string | null {
  const code = text(data[field]);
  if (!code) return null;
  const decision = decisionOf(data);
  if (decision && decision.inputs[field] === code && decision.inputLabels[field]) return decision.inputLabels[field];
  return ratingNames[code] ?? humanize(code);
}

export interface Indicator {
  number: number;
  indicator: string;
  target: string | null;
}

export function indicatorsOf(data: Data): Indicator[] {
  const found: Indicator[] = [];
  for (let n = 1; n <= 3; n++) {
    const indicator = text(data[`indikator_${n}`]);
    if (indicator) found.push({ number: n, indicator, target: text(data[`target_${n}`]) });
  }
  return found;
}

export interface Period {
  number: number;
  results: Array<{ number: number; value: string }>;
  evidence: string | null;
  note: string | null;
  feedback: string | null;
  closedAt: string | null;
  withoutRealisation: boolean;
}

function resultsOf(entry: Data): Period["results"] {
  const results: Period["results"] = [];
  for (let n = 1; n <= 3; n++) {
    const value = text(entry[`realisasi_${n}`]);
    if (value) results.push({ number: n, value });
  }
  return results;
}

export function periodsOf(data: Data): Period[] {
  const list = Array.isArray(data.riwayat_periode) ? (data.riwayat_periode as Data[]) : [];
  return list
    .filter((e) => typeof e === "object" && e !== null)
    .map((e, i) => ({
      number: typeof e.periode === "number" ? e.periode : i + 1,
      results: resultsOf(e),
      evidence: text(e.bukti_realisasi),
      note: text(e.catatan_realisasi),
      feedback: text(e.umpan_balik),
      closedAt: text(e.ditutup_pada),
      withoutRealisation: e.tanpa_realisasi === true,
    }));
}

// The period being recorded now: its realisation, when one waits for feedback.
export function currentPeriod(data: Data): Period | null {
  const results = resultsOf(data);
  if (!results.length) return null;
  return {
    number: typeof data.periode_ke === "number" ? data.periode_ke : 0,
    results,
    evidence: text(data.bukti_realisasi),
    note: text(data.catatan_realisasi),
    feedback: null,
    closedAt: null,
    withoutRealisation: false,
  };
}

export interface EarlierTargets {
  indicators: Indicator[];
  reason: string | null;
  at: string | null;
}

export function targetHistoryOf(data: Data): EarlierTargets[] {
  const list = Array.isArray(data.riwayat_target) ? (data.riwayat_target as Data[]) : [];
  return list
    .filter((e) => typeof e === "object" && e !== null)
    .map((e) => ({ indicators: indicatorsOf(e), reason: text(e.alasan_perubahan), at: text(e.dicatat_pada) }));
}

// "PPPK paruh waktu" for the data's kind of worker.
export function employmentOf(data: Data): string | null {
  const code = text(data.jenis_kepegawaian);
  return code ? (employmentNames[code] ?? humanize(code)) : null;
}

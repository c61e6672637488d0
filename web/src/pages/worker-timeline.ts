// A worker's file or grievance as a timeline in plain words: what happened,
// who did it (by role: a worker need not know officers' user names), the
// step it reached, and the reasons given. Automatic steps that follow a
// decision in the same moment are folded into it.
import type { AuditEvent } from "../api";
import { h } from "../dom";
import { formatDateTime, humanize } from "../format";
import { performanceDone, performanceSteps, performanceWorkflow } from "./performance-words";

// The steps of the verification and grievance workflows, as a worker reads
// them (workflows/verification.yaml and grievance.yaml).
export const stepWords: Record<string, string> = {
  pemeriksaan_otomatis: "Pemeriksaan otomatis berkas",
  tinjauan_manual: "Tinjauan data NIK oleh petugas BKPSDM",
  konfirmasi_opd: "Menunggu konfirmasi (SPTJM) dari kepala OPD",
  eskalasi_bkpsdm: "Konfirmasi OPD terlambat, ditangani BKPSDM",
  validasi_bkad: "Menunggu validasi slip gaji oleh BKAD",
  eskalasi_bkad: "Validasi BKAD terlambat, ditangani BKPSDM",
  dikembalikan: "Dikembalikan ke OPD untuk diperbaiki",
  terverifikasi: "Berkas terverifikasi",
  ditolak: "Berkas ditolak",
  kedaluwarsa: "Berkas tidak diperbaiki dalam batas waktu",
  pengajuan: "Pengaduan diajukan",
  registrasi: "Registrasi pengaduan",
  lengkapi_pengaduan: "Menunggu Anda melengkapi pengaduan",
  berkas_lengkap: "Pengaduan terdaftar lengkap",
  verifikasi: "Menunggu verifikasi pengaduan oleh petugas",
  eskalasi_verifikasi: "Verifikasi terlambat, ditangani Kepala BKPSDM",
  menunggu_informasi: "Menunggu informasi tambahan dari Anda",
  rute_pengaduan: "Diteruskan ke unit penanggung jawab",
  buka_pemeriksaan_kepatuhan: "Pemeriksaan kepatuhan penyedia dibuka",
  tindak_lanjut_opd: "Ditindaklanjuti oleh OPD",
  tindak_lanjut_bkpsdm: "Ditindaklanjuti oleh BKPSDM",
  tindak_lanjut_alih_daya: "Ditindaklanjuti oleh pengelola alih daya",
  eskalasi_tindak_lanjut: "Tindak lanjut terlambat, ditangani Kepala BKPSDM",
  penyelesaian_tercatat: "Penyelesaian dicatat",
  menunggu_konfirmasi: "Menunggu jawaban Anda atas penyelesaian",
  diterima_pelapor: "Anda menerima penyelesaian",
  dianggap_diterima: "Penyelesaian dianggap diterima",
  tinjau_banding: "Banding Anda ditinjau Kepala BKPSDM",
  selesai: "Pengaduan selesai",
  banding_ditolak: "Banding ditolak, pengaduan ditutup",
  dirujuk: "Dirujuk ke instansi yang berwenang",
  diarsipkan: "Pengaduan diarsipkan",
  tidak_lengkap: "Pengaduan tidak dilengkapi dalam batas waktu",
};

const doneWords: Record<string, string> = {
  data_sesuai: "menyatakan data Anda sesuai dokumen",
  kembalikan: "mengembalikan berkas untuk diperbaiki",
  setuju: "menyetujui berkas dan menerbitkan SPTJM",
  ingatkan_opd: "meminta kepala OPD menyelesaikan konfirmasi",
  valid: "menyatakan slip gaji sesuai",
  tidak_valid: "menyatakan slip gaji tidak sesuai",
  ingatkan_bkad: "meminta BKAD menyelesaikan validasi",
  ajukan_ulang: "mengajukan ulang berkas yang sudah diperbaiki",
  terima: "menerima pengaduan dan meneruskannya",
  perlu_info: "meminta informasi tambahan",
  bukan_kewenangan: "menyatakan pengaduan bukan kewenangan kabupaten/kota",
  arsip: "mengarsipkan pengaduan",
  tugaskan_kembali: "menugaskan kembali penanganannya",
  teruskan: "meneruskan pengaduan ke unit penanggung jawab",
  kirim_informasi: "mengirim informasi tambahan",
  lengkapi: "melengkapi pengaduan",
  selesaikan: "mencatat hasil tindak lanjut",
  alihkan: "mengalihkan pengaduan ke unit lain",
  ambil_alih: "menyelesaikan pengaduan langsung",
  konfirmasi: "menerima penyelesaian",
  banding: "mengajukan banding",
  tindak_lanjut_ulang: "meminta tindak lanjut ulang",
  tolak_banding: "menolak banding",
};

const actorWords: Record<string, string> = {
  worker: "Anda",
  officer: "Petugas BKPSDM",
  admin: "Kepala BKPSDM",
  opd_head: "Kepala OPD",
  supervisor: "Pejabat penilai kinerja",
  bkad: "BKAD",
  vendor: "Penyedia",
  import: "Impor data",
  system: "Sistem",
};

// Reasons and answers a worker should read, with their labels.
const reasonFields: Array<[string, string]> = [
  ["alasan", "Alasan"],
  ["informasi_diminta", "Informasi yang diminta"],
  ["informasi_tambahan", "Informasi tambahan"],
  ["instansi_berwenang", "Instansi yang berwenang"],
  ["hasil_penyelesaian", "Hasil tindak lanjut"],
  ["catatan_pelapor", "Catatan Anda"],
  ["alasan_banding", "Alasan banding"],
  ["catatan_banding", "Arahan tindak lanjut"],
  ["alasan_penolakan_banding", "Alasan penolakan banding"],
  ["alasan_pengalihan", "Alasan pengalihan"],
  // performance evaluation
  ["catatan_target", "Catatan pejabat penilai"],
  ["alasan_perubahan", "Perubahan yang diminta"],
  ["catatan_penetapan", "Catatan penetapan target"],
  ["catatan_realisasi", "Catatan pegawai"],
  ["umpan_balik", "Umpan balik"],
  ["catatan_evaluasi", "Catatan evaluasi"],
  ["alasan_keberatan", "Alasan keberatan"],
  ["alasan_putusan", "Alasan putusan"],
  ["alasan_usulan", "Alasan usulan"],
];

export function stepName(state: string, fallback?: string, workflow?: string): string {
  const words = workflow === performanceWorkflow ? performanceSteps : stepWords;
  return words[state] ?? fallback ?? humanize(state);
}

interface Entry {
  at: string;
  what: string;
  reasons: Array<[string, string]>;
  to: string;
}

function who(event: AuditEvent): string {
  if (event.actor.startsWith("case:")) return "Sistem";
  return actorWords[event.role] ?? event.role;
}

function describe(event: AuditEvent, workflow: string): string | null {
  const payload = event.payload ?? {};
  switch (event.type) {
    case "created":
      if (workflow === performanceWorkflow) return "Penilaian kinerja Anda dibuka.";
      if (workflow === "grievance") return event.role === "worker" ? "Anda mengajukan pengaduan." : "Petugas mencatat pengaduan Anda.";
      return event.role === "import" ? "Berkas Anda didaftarkan dari data impor." : "Berkas Anda didaftarkan.";
    case "fired":
    case "outcome": {
      const outcome = typeof payload.outcome === "string" ? payload.outcome : "";
      const words = workflow === performanceWorkflow ? performanceDone : doneWords;
      return `${who(event)} ${words[outcome] ?? `memutuskan «${humanize(outcome || "keputusan")}»`}.`;
    }
    case "escalated":
      return "Tenggat terlewati, penanganan diteruskan ke atasan.";
    case "timer":
      return "Batas waktu tahap ini berakhir.";
    case "claimed":
      return `${who(event)} mulai menangani.`;
    case "incident":
      return "Ada kendala teknis; petugas menanganinya.";
    case "signal":
      return "Pemberitahuan diterima dari proses lain.";
    case "auto":
      return null; // folded into the step before it
    default:
      return null; // bookkeeping a worker need not read
  }
}

function reasonsOf(event: AuditEvent): Array<[string, string]> {
  const input = (event.payload?.input ?? {}) as Record<string, unknown>;
  return reasonFields.filter(([name]) => typeof input[name] === "string" && input[name]).map(([name, label]) => [label, String(input[name])]);
}

export function entriesOf(events: AuditEvent[], workflow: string): Entry[] {
  const entries: Entry[] = [];
  for (const event of events) {
    const what = describe(event, workflow);
    const last = entries[entries.length - 1];
    if (what === null) {
      // An automatic step moves the last entry on to where it led.
      if (last && event.to) last.to = event.to;
      continue;
    }
    entries.push({ at: event.at, what, reasons: reasonsOf(event), to: event.to || last?.to || "" });
  }
  return entries;
}

export function workerTimeline(events: AuditEvent[], workflow: string): HTMLElement {
  const entries = entriesOf(events, workflow);
  if (!entries.length) return h("p", { class: "empty" }, "Belum ada riwayat.");
  return h(
    "ol",
    { class: "timeline worker-timeline", "data-testid": "timeline" },
    entries.map((e) =>
      h(
        "li",
        null,
        h("time", { datetime: e.at }, formatDateTime(e.at)),
        h("p", null, e.what),
        e.reasons.map(([label, text]) => h("p", { class: "reason" }, h("span", { class: "label" }, `${label}: `), text)),
        e.to && h("p", { class: "meta" }, `Tahap: ${stepName(e.to, undefined, workflow)}`),
      ),
    ),
  );
}

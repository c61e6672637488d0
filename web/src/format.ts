// Dates in the regency's time zone (the API writes them with the regency's
// UTC offset: the offset in the text is the one shown), rupiah the
// Indonesian way, and the words for codes.

const zoneNames: Record<string, string> = { "+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT" };

interface Parts {
  shifted: Date; // the wall-clock time of the regency, as a UTC date
  zone: string;
}

function parts(iso: string): Parts | null {
  const match = /([+-]\d{2}:\d{2}|Z)$/.exec(iso);
  const instant = Date.parse(iso);
  if (!match || Number.isNaN(instant)) return null;
  const offsetText = match[1] === "Z" ? "+00:00" : match[1];
  const sign = offsetText.startsWith("-") ? -1 : 1;
  const minutes = sign * (Number(offsetText.slice(1, 3)) * 60 + Number(offsetText.slice(4, 6)));
  return {
    shifted: new Date(instant + minutes * 60_000),
    zone: zoneNames[offsetText] ?? `UTC${offsetText}`,
  };
}

const dateFormat = new Intl.DateTimeFormat("id-ID", {
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("id-ID", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

// "12 Juni 2025 pukul 17.00 WIB"
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parts(iso);
  if (!p) return iso;
  return `${dateFormat.format(p.shifted)} pukul ${timeFormat.format(p.shifted)} ${p.zone}`;
}

// "12 Juni 2025" (dates of a form: YYYY-MM-DD, or a timestamp)
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const p = parts(iso);
  return p ? dateFormat.format(p.shifted) : iso;
}

const rupiahFormat = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

// "Rp 3.473.710"
export function formatRupiah(amount: number): string {
  return `Rp ${rupiahFormat.format(Math.round(amount))}`;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat("id-ID").format(n);
}

export const roleNames: Record<string, string> = {
  admin: "Admin BKPSDM",
  officer: "Petugas",
  opd_head: "Kepala OPD",
  supervisor: "Pejabat penilai kinerja",
  bkad: "BKAD",
  vendor: "Penyedia",
  worker: "Pekerja",
  system: "Sistem",
  import: "Impor data",
};

export const workflowNames: Record<string, string> = {
  verification: "Verifikasi data",
  prioritization: "Penetapan prioritas",
  vendor_selection: "Pemilihan penyedia",
  vendor_contract: "Kontrak penyedia",
  grievance: "Pengaduan",
  performance_evaluation: "Penilaian kinerja",
};

export const statusNames: Record<string, string> = {
  active: "Berjalan",
  incident: "Ada kendala",
  completed: "Selesai",
  withdrawn: "Ditarik (impor dibatalkan)",
};

export const grievanceCategories: Record<string, string> = {
  data_salah: "Data saya salah",
  keberatan_peringkat: "Keberatan atas peringkat",
  upah_tidak_dibayar: "Upah tidak dibayar",
  bpjs_tidak_terdaftar: "Tidak terdaftar BPJS",
  lainnya: "Lainnya",
};

// "nomor_sptjm" → "Nomor sptjm" when no label is known.
export function humanize(code: string): string {
  const text = code.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toLocaleString("id-ID", { maximumFractionDigits: 1 })} KB`;
  return `${(size / 1024 / 1024).toLocaleString("id-ID", { maximumFractionDigits: 1 })} MB`;
}

// The names of the data fields people read most, spelled as they know them;
// others are humanized from their code.
const fieldNames: Record<string, string> = {
  nik: "NIK",
  nama: "Nama",
  opd: "OPD",
  tmt: "TMT",
  sptjm: "SPTJM",
  nomor_sptjm: "Nomor SPTJM",
  wilayah_nik: "Wilayah menurut NIK",
  checks: "Hasil pemeriksaan otomatis",
  data_wajib: "Data wajib",
  masa_kerja: "Masa kerja",
  sumber_gaji: "Sumber gaji",
  reasons: "Alasan",
  failed: "Jumlah gagal",
  kolom_roster: "Kolom daftar",
  upah: "Upah",
  bpjs_tk: "BPJS Ketenagakerjaan",
  bpjs_kesehatan: "BPJS Kesehatan",
  umk: "UMK",
  id_penyedia: "ID penyedia",
  nama_penyedia: "Nama penyedia",
};

export function fieldLabel(code: string): string {
  return fieldNames[code] ?? humanize(code);
}

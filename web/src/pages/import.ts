// Impor data pekerja: an officer chooses a roster, CSV or the Excel workbook
// itself (DESIGN.md section 4)
// and sends it to POST /workers/import; the page shows the upload's
// progress, then that the server is processing, then the server's report.
// "Periksa dulu" sends it as a preview (?pratinjau=true): the same report and
// warnings, nothing written, and a button to import that very file. The
// server decides what a valid row is; a failed upload shows the problem and
// keeps the chosen file so it can be sent again. Below, the regency's past
// imports, each of which can be undone (import-history.ts).
import { ApiError, describe } from "../api";
import { clear, h } from "../dom";
import { formatBytes, formatNumber } from "../format";
import { announce, type PageContext } from "../main";
import "./import.css";
import { type ImportReport, problemTable, reportSummary, warningSection } from "./import-report";
import { importHistory } from "./import-history";
import { type UploadProgress, uploadFile } from "./import-upload";

const columns =
  "nik, nama, tanggal_lahir, jenis_kelamin, opd, jabatan, sektor, jenis_kontrak, tmt, kategori, sumber_gaji, honor_bulanan, pendidikan, nilai_kinerja";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A workbook by its name (browsers type .xlsx files inconsistently); the
// server tells a workbook by its first bytes anyway.
function isWorkbook(file: File): boolean {
  return file.type === xlsxType || /\.xlsx?$/i.test(file.name);
}

function formatHelp(): HTMLElement {
  return h(
    "details",
    { class: "import-help" },
    h("summary", null, "Format berkas roster"),
    h(
      "p",
      null,
      "Buku kerja Excel (.xlsx, lembar pertama) atau CSV berkode UTF-8 (dipisah koma atau titik koma), dengan baris judul di baris 1. Kolom wajib:",
    ),
    h("p", null, h("code", null, columns)),
    h(
      "ul",
      null,
      h("li", null, "tanggal_lahir dan tmt: sel bertipe tanggal di Excel, atau tanggal ISO (2025-06-10); jenis_kelamin: L atau P"),
      h("li", null, "nik: format kolomnya sebagai Teks di Excel; sebagai angka, Excel hanya menyimpan 15 angka pertama"),
      h("li", null, "sektor: pendidikan, kesehatan, teknis atau administrasi"),
      h("li", null, "kategori: eks_thk2, database_bkn atau non_database"),
      h("li", null, "honor_bulanan: rupiah bulat tanpa titik (2500000); nilai_kinerja: 0–100"),
    ),
    h("p", null, "Mengimpor berkas yang sama dua kali tidak mengubah apa pun: baris yang sama dihitung «tidak berubah»."),
  );
}

export async function renderImport({ main }: PageContext): Promise<void> {
  const fileError = h("p", { class: "field-error", id: "roster-galat", hidden: true });
  const file = h("input", {
    type: "file",
    id: "roster",
    name: "roster",
    accept: `.csv,.xlsx,text/csv,${xlsxType}`,
    required: true,
    "aria-describedby": "roster-petunjuk roster-galat",
  });
  const check = h("button", { type: "button", class: "secondary" }, "Periksa dulu");
  const submit = h("button", { type: "submit" }, "Unggah dan impor");
  const bar = h("progress", { id: "kemajuan", max: "100", class: "import-progress" });
  const progressText = h("p", { id: "kemajuan-teks", "data-testid": "import-progress-text" });
  const progress = h(
    "div",
    { class: "import-progress-box", hidden: true, "data-testid": "import-progress" },
    h("label", { for: "kemajuan" }, "Kemajuan impor"),
    bar,
    progressText,
  );
  const result = h("div", { class: "import-result", "data-testid": "import-result", tabindex: "-1" });
  const history = importHistory();

  const form = h(
    "form",
    { class: "card import-form", "aria-labelledby": "unggah-judul", novalidate: true },
    h("h2", { id: "unggah-judul" }, "Unggah roster"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "roster" }, "Berkas roster (Excel atau CSV)"),
      file,
      h("p", { class: "meta", id: "roster-petunjuk" }, "Satu berkas .xlsx atau .csv sesuai format di bawah; baris judul di baris 1."),
      fileError,
    ),
    h("div", { class: "buttons" }, check, submit),
    progress,
  );

  // Screen readers hear the phases, not every percent.
  const setStatus = announce;

  function showProgress(p: UploadProgress): void {
    progress.hidden = false;
    if (p.phase === "upload") {
      const percent = p.total > 0 ? Math.round((p.loaded / p.total) * 100) : 0;
      bar.value = percent;
      bar.textContent = `${percent}%`;
      progressText.textContent = `Mengunggah… ${percent}% (${formatBytes(p.loaded)} dari ${formatBytes(p.total)})`;
    } else {
      // The server reads, checks and stores every row now: no percent to show.
      bar.removeAttribute("value");
      bar.textContent = "";
      progressText.textContent = "Berkas terkirim. Server sedang memproses setiap baris…";
      setStatus("Berkas terkirim. Server sedang memproses.");
    }
  }

  function showFailure(error: unknown): void {
    progress.hidden = true;
    const fieldErrors = error instanceof ApiError ? error.errors : [];
    clear(
      result,
      h(
        "div",
        { class: "error", role: "alert", "data-testid": "import-error" },
        // The per-field errors say what the detail says, one by one.
        h("p", null, h("strong", null, "Impor gagal: "), fieldErrors.length > 0 ? (error as ApiError).title : describe(error)),
        fieldErrors.length > 0 &&
          h(
            "ul",
            null,
            fieldErrors.map((e) => h("li", null, e.field === "body" ? e.message : `${e.field}: ${e.message}`)),
          ),
        h("p", null, "Berkas yang dipilih tetap ada; perbaiki lalu unggah lagi."),
      ),
    );
  }

  async function send(chosen: File, preview: boolean): Promise<void> {
    submit.disabled = true;
    check.disabled = true;
    file.disabled = true;
    form.setAttribute("aria-busy", "true");
    clear(result);
    bar.value = 0;
    showProgress({ phase: "upload", loaded: 0, total: chosen.size });
    setStatus(`Mengunggah ${chosen.name}.`);
    try {
      const report = await uploadFile<ImportReport>(
        `/workers/import?name=${encodeURIComponent(chosen.name)}${preview ? "&pratinjau=true" : ""}`,
        chosen,
        isWorkbook(chosen) ? xlsxType : "text/csv",
        showProgress,
      );
      progress.hidden = true;
      const total = report.created + report.updated + report.unchanged + report.rejected;
      const importNow = h("button", { type: "button", "data-testid": "import-now" }, "Impor berkas ini");
      importNow.addEventListener("click", () => void send(chosen, false));
      clear(
        result,
        h("h2", { id: "hasil-judul" }, preview ? `Pratinjau ${chosen.name}` : `Hasil impor ${chosen.name}`),
        h(
          "p",
          { class: "meta" },
          `${formatNumber(total)} baris data dibaca.`,
          preview && h("strong", { "data-testid": "preview-note" }, " Belum ada yang disimpan."),
        ),
        reportSummary(report),
        warningSection(report, chosen.name),
        problemTable(report, chosen.name),
        preview
          ? h("div", { class: "buttons" }, importNow)
          : h("p", null, h("a", { href: "/peringkat" }, "Lihat peringkat"), " · ", h("a", { href: "/kotak-masuk" }, "Ke kotak masuk")),
      );
      const warned = report.warning_count > 0 ? `, ${report.warning_count} peringatan` : "";
      announce(
        preview
          ? `Pratinjau selesai, belum ada yang disimpan: ${report.created} akan baru, ${report.updated} akan diperbarui, ${report.rejected} ditolak${warned}.`
          : `Impor selesai: ${report.created} baru, ${report.updated} diperbarui, ${report.unchanged} tidak berubah, ${report.rejected} ditolak${warned}.`,
      );
      result.focus();
      if (!preview) void history.reload();
    } catch (error) {
      showFailure(error);
      setStatus("Impor gagal.");
    } finally {
      submit.disabled = false;
      check.disabled = false;
      file.disabled = false;
      form.removeAttribute("aria-busy");
    }
  }

  function chosenFile(): File | null {
    const chosen = file.files?.[0] ?? null;
    fileError.hidden = Boolean(chosen);
    if (!chosen) {
      fileError.textContent = "Pilih berkas roster (Excel atau CSV) terlebih dahulu.";
      file.setAttribute("aria-invalid", "true");
      file.focus();
      return null;
    }
    file.removeAttribute("aria-invalid");
    return chosen;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = chosenFile();
    if (chosen) void send(chosen, false);
  });
  check.addEventListener("click", () => {
    const chosen = chosenFile();
    if (chosen) void send(chosen, true);
  });

  clear(
    main,
    h("h1", null, "Impor data pekerja"),
    h(
      "p",
      { class: "lead" },
      "Setiap baris yang sah menjadi atau memperbarui berkas verifikasi pekerja. Baris yang ditolak tidak diimpor; daftar masalahnya muncul setelah impor. «Periksa dulu» menampilkan laporan yang sama tanpa menyimpan apa pun.",
    ),
    form,
    formatHelp(),
    result,
    history.element,
  );
  await history.reload();
}

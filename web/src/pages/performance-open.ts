// Opening a year of evaluations (officers and the admin): the list of who is
// evaluated as one CSV, sent to POST /performance/{tahun}/open. All or
// nothing: the answer counts what was opened and what was open already, or
// names every wrong row (FILE:ROW: kolom: pesan) and nothing is opened.
import { ApiError, api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatNumber } from "../format";
import { announce } from "../main";
import { errorBox } from "./common";

type Opened = Api.ApiAnswers["POST /api/v1/performance/{tahun}/open"];

export function openYearForm(years: number[], selected: number, opened: (year: number) => Promise<void>): HTMLElement {
  const status = h("div", { class: "open-status", "aria-live": "polite", "data-testid": "open-result" });
  const yearSelect = h(
    "select",
    { id: "buka-tahun", name: "tahun" },
    years.map((y) => h("option", { value: String(y), selected: y === selected }, String(y))),
  );
  const file = h("input", { id: "buka-berkas", name: "berkas", type: "file", accept: ".csv,text/csv", "aria-describedby": "buka-berkas-petunjuk buka-berkas-galat" });
  const fileError = h("p", { class: "field-error", id: "buka-berkas-galat" });
  const submit = h("button", { type: "submit" }, "Buka penilaian");
  const form = h(
    "form",
    { class: "open-year", "aria-labelledby": "buka-judul", novalidate: true },
    h("div", { class: "form-grid" }, h("div", { class: "field" }, h("label", { for: "buka-tahun" }, "Tahun yang dibuka"), yearSelect), h("div", { class: "field" }, h("label", { for: "buka-berkas" }, "Daftar pegawai yang dinilai (CSV)"), file, fileError)),
    h("div", { class: "buttons" }, submit),
    status,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(fileError);
    clear(status);
    const chosen = file.files?.[0];
    if (!chosen) {
      fileError.textContent = "Pilih berkas CSV terlebih dahulu.";
      file.setAttribute("aria-invalid", "true");
      file.focus();
      return;
    }
    file.removeAttribute("aria-invalid");
    const year = Number(yearSelect.value);
    submit.disabled = true;
    clear(status, h("p", { class: "loading", role: "status" }, `Memeriksa dan membuka ${chosen.name}…`));
    try {
      const { data } = await api<Opened>(`/performance/${year}/open?name=${encodeURIComponent(chosen.name)}`, {
        method: "POST",
        body: chosen,
        contentType: "text/csv",
      });
      const text = `Tahun ${data.tahun}: ${formatNumber(data.dibuka)} penilaian dibuka, ${formatNumber(data.sudah_ada)} sudah ada sebelumnya (dilewati).`;
      clear(status, h("p", { class: "success", role: "status", "data-testid": "open-success" }, text));
      announce(text);
      form.reset();
      yearSelect.value = String(year);
      await opened(year);
    } catch (error) {
      const rows = error instanceof ApiError ? error.errors.filter((e) => e.field === "body").map((e) => e.message) : [];
      if (rows.length) {
        clear(
          status,
          h(
            "div",
            { class: "error", role: "alert", "data-testid": "open-problems" },
            h("p", null, h("strong", null, `Daftar ditolak: ${formatNumber(rows.length)} masalah. Tidak ada penilaian yang dibuka.`)),
            h("p", null, "Perbaiki baris berikut (berkas:baris: kolom: masalah), lalu unggah lagi."),
            h("ul", { class: "row-problems" }, rows.map((m) => h("li", null, m))),
          ),
        );
        announce(`Daftar ditolak: ${rows.length} masalah.`);
      } else {
        clear(status, errorBox(error));
      }
    } finally {
      submit.disabled = false;
    }
  });

  return h(
    "section",
    { class: "card open-section", "aria-labelledby": "buka-judul", "data-testid": "open-year" },
    h("h2", { id: "buka-judul" }, "Buka penilaian satu tahun"),
    h(
      "div",
      { id: "buka-berkas-petunjuk", class: "meta" },
      h("p", null, "Satu baris per pegawai, dengan kepala kolom ", h("code", null, "nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak"), "."),
      h(
        "p",
        null,
        "Jenis kepegawaian ditulis ",
        h("code", null, "pppk"),
        ", ",
        h("code", null, "pppk_paruh_waktu"),
        " atau ",
        h("code", null, "alih_daya"),
        "; nomor kontrak diisi hanya untuk pekerja alih daya (nomor kasus kontrak penyedia).",
      ),
      h(
        "p",
        null,
        "Semua baris diperiksa lebih dulu: bila ada yang salah, tidak ada yang dibuka. Pegawai yang sudah dibuka pada tahun itu dilewati, jadi daftar yang sama boleh dikirim lagi dengan baris tambahan.",
      ),
    ),
    form,
  );
}

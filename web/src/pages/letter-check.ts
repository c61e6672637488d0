// Periksa keaslian surat: an officer given a printed letter types its
// verification code (POST /letters/verify) and reads, in words, whether the
// audit chain holds that event for that case, when the letter was made and
// whether the case changed since, with a link to the case.
import { ApiError, api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime } from "../format";
import type { PageContext } from "../main";
import { confirm, errorBox } from "./common";

type Verdict = Api.ApiAnswers["POST /api/v1/letters/verify"];

export function renderLetterCheck({ main }: PageContext): void {
  const error = h("p", { class: "field-error", id: "kode-galat", hidden: true });
  const input = h("input", { id: "kode", name: "kode", autocomplete: "off", spellcheck: "false", "aria-describedby": "kode-petunjuk kode-galat" });
  const result = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card", novalidate: true, "aria-labelledby": "periksa-judul" },
    h("h2", { id: "periksa-judul" }, "Kode verifikasi"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "kode" }, "Kode verifikasi pada kaki surat"),
      input,
      h("p", { class: "meta", id: "kode-petunjuk" }, "Contoh: 4875-16182-1B02CEC3"),
      error,
    ),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, "Periksa")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const kode = (input as HTMLInputElement).value.trim();
    if (!kode) {
      error.textContent = "Isi kode verifikasi.";
      error.hidden = false;
      input.focus();
      return;
    }
    try {
      const { data } = await api<Verdict>("/letters/verify", { method: "POST", json: { kode } });
      const note = h(
        "div",
        { class: data.sah ? "success" : "error", "data-testid": "verdict" },
        h("p", null, h("strong", null, data.sah ? "Sah. " : "Tidak sah. "), data.pesan),
        data.sah &&
          h(
            "p",
            null,
            `Dibuat dari keadaan berkas pada ${formatDateTime(data.dibuat_dari_keadaan_pada)}, tahap «${data.tahap_saat_itu}». `,
            h("a", { href: `/kasus/${data.nomor_berkas}` }, `Buka berkas ${data.nomor_berkas}`),
          ),
      );
      confirm(result, note);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        error.textContent = e.errors[0].message;
        error.hidden = false;
        input.focus();
      } else {
        clear(result, errorBox(e));
      }
    }
  });
  main.append(
    h("h1", null, "Periksa keaslian surat"),
    h("p", { class: "lead" }, "Setiap surat yang dicetak dari Tata memuat kode verifikasi di kaki halaman. Kode itu menunjuk keadaan berkas saat surat dibuat, tercatat dalam jejak audit."),
    form,
    result,
  );
}

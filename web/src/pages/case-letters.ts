// The letters one may print from a case now (GET /cases/{id}/letters): the
// regency's templates for this procedure, stage and role, each made by the
// server as a PDF with the case number and a verification code on every
// page. A button per letter saves it, named by its title and the case.
import { h } from "../dom";
import type * as Api from "../generated/api";
import { saveFile } from "./common";

export type LetterInfo = Api.CaseLetter;

export function lettersSection(caseId: number, letters: LetterInfo[], failed: (error: unknown) => void): HTMLElement | null {
  if (letters.length === 0) return null;
  return h(
    "section",
    { "aria-labelledby": "surat-judul" },
    h("h2", { id: "surat-judul" }, "Surat"),
    h("p", { class: "meta" }, "Dibuat dari data berkas saat ini, siap dicetak dan ditandatangani. Setiap halaman memuat nomor berkas dan kode verifikasi."),
    h(
      "ul",
      { class: "letters", "data-testid": "letters" },
      letters.map((letter) => {
        const button = h("button", { type: "button", class: "secondary" }, "Unduh PDF", h("span", { class: "visually-hidden" }, ` ${letter.judul}`));
        button.addEventListener("click", async () => {
          button.disabled = true;
          try {
            await saveFile(letter.url, `${letter.judul} - ${caseId}.pdf`);
          } catch (e) {
            failed(e);
          } finally {
            button.disabled = false;
          }
        });
        return h("li", null, h("span", { class: "doc-name" }, letter.judul), " ", button);
      }),
    ),
  );
}

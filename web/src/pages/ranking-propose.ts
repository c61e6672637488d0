// "Ajukan ke Kepala BKPSDM": an officer submits the current ranking as the
// regency's prioritization round (POST /ranking/propose). Whether that is
// allowed now is the server's word: a round still open answers 409 with the
// reason, which is shown as it is.
import { ApiError, api } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { announce } from "../main";
import { errorBox } from "./common";

type ProposeAnswer = Api.ApiAnswers["POST /api/v1/ranking/propose"];

export function proposeSection(rankingNumber: string): HTMLElement {
  const answer = h("div", { "aria-live": "polite", "data-testid": "propose-answer" });
  // A retry after a lost answer reuses the key, so the server answers it
  // once; the server remembers refusals too, so after an answer (a 409 for
  // a round still open) the next try is a new request with a new key.
  let key = randomKey();
  const button = h("button", { type: "submit" }, "Ajukan ke Kepala BKPSDM");
  const form = h(
    "form",
    { class: "card propose", "aria-labelledby": "usul-judul" },
    h("h2", { id: "usul-judul" }, "Ajukan usulan"),
    h(
      "p",
      null,
      `Hasil pemeringkatan ${rankingNumber} diajukan sebagai putaran penetapan prioritas untuk disetujui Kepala BKPSDM, lalu diumumkan dan dibuka masa sanggah.`,
    ),
    h("div", { class: "buttons" }, button),
    answer,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    clear(answer, h("p", { class: "loading" }, "Mengajukan…"));
    try {
      const { data, status } = await api<ProposeAnswer>("/ranking/propose", { method: "POST", headers: { "Idempotency-Key": key } });
      const text =
        status === 201
          ? `Usulan ${data.nomor_pemeringkatan} diajukan sebagai putaran baru (kasus #${data.id}, tahap: ${data.state_title}).`
          : `Hasil ${data.nomor_pemeringkatan} sudah diajukan sebelumnya (kasus #${data.id}, tahap: ${data.state_title}).`;
      clear(answer, h("p", { class: "success" }, text, " ", h("a", { href: `/kasus/${data.id}` }, `Buka kasus #${data.id}`)));
      announce(text);
      key = randomKey();
    } catch (error) {
      clear(answer, errorBox(error));
      if (!(error instanceof ApiError) || error.status !== 0) key = randomKey();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

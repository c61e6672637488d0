// "Skenario yang berlaku": the planning scenario the regency adopted, if
// any, and for the Kepala BKPSDM (admin) the form that adopts one of the
// regency's scenarios (POST /planning/adopt) or revokes the adoption
// (DELETE /planning/adopted). Adopting changes every ranking from then on,
// so it asks once more before sending; the server reloads the rules and
// records the decision as a case.
import { ApiError, api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime } from "../format";
import { announce } from "../main";
import { errorBox } from "./common";
import type { Adopted, ScenarioFile } from "./planning-data";

type AdoptAnswer = Api.PlanningAdoption;

function currentText(current: Adopted | null): HTMLElement {
  if (!current)
    return h("p", { "data-testid": "adopted" }, "Belum ada skenario yang ditetapkan: pemeringkatan memakai formasi dan kartu skor daerah.");
  return h(
    "p",
    { "data-testid": "adopted" },
    h("strong", null, current.nama),
    ` — ditetapkan ${formatDateTime(current.pada)} oleh ${current.oleh}`,
    current.catatan ? ` (${current.catatan})` : "",
    ". Pemeringkatan mengikuti formasi dan aturan skenario ini.",
  );
}

// The confirm step: the first click arms the button, the second sends.
function confirmingButton(label: string, confirmLabel: string, send: () => Promise<void>): HTMLButtonElement {
  const button = h("button", { type: "button" }, label);
  let armed = false;
  button.addEventListener("click", async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      return;
    }
    button.disabled = true;
    try {
      await send();
    } finally {
      armed = false;
      button.textContent = label;
      button.disabled = false;
    }
  });
  return button;
}

export function adoptionSection(
  current: Adopted | null,
  files: ScenarioFile[],
  isAdmin: boolean,
  refresh: (message: string) => Promise<void>,
  message = "",
): HTMLElement {
  const section = h(
    "section",
    { "aria-labelledby": "berlaku-judul", class: "card adoption" },
    h("h2", { id: "berlaku-judul" }, "Skenario yang berlaku"),
    currentText(current),
  );
  if (!isAdmin) return section;

  // After a change the section is drawn again, with what happened.
  const answer = h("div", { "aria-live": "polite", "data-testid": "adopt-answer" }, message && h("p", { class: "success" }, message));
  const done = async (text: string) => {
    announce(text);
    await refresh(text);
  };
  const failed = (error: unknown) =>
    clear(
      answer,
      error instanceof ApiError && error.status === 422
        ? h("p", { class: "error", role: "alert" }, "Penetapan ditolak: aturan daerah tidak valid setelah perubahan ini. Tidak ada yang berubah.")
        : errorBox(error),
    );

  const select = h("select", { id: "skenario-tetapkan" }, ...files.map((f) => h("option", { value: f.berkas }, f.nama)));
  const note = h("input", { id: "catatan-tetapkan", type: "text", maxlength: "500", placeholder: "Nomor keputusan atau alasan" });
  const adopt = confirmingButton("Tetapkan skenario", "Yakin? Klik lagi untuk menetapkan", async () => {
    try {
      const { data } = await api<AdoptAnswer>("/planning/adopt", {
        method: "POST",
        json: { skenario: select.value, catatan: note.value.trim() },
      });
      await done(`Skenario ditetapkan (kasus #${data.kasus}). Nomor pemeringkatan sekarang ${data.nomor_pemeringkatan}.`);
    } catch (error) {
      failed(error);
    }
  });
  section.append(
    h("p", { class: "meta" }, "Formasi dan aturan skenario yang ditetapkan berlaku untuk semua pemeringkatan berikutnya, sampai skenario lain ditetapkan atau penetapan dicabut. Penetapan dicatat dalam jejak audit."),
    h(
      "div",
      { class: "adopt-form" },
      h("label", { for: "skenario-tetapkan" }, "Skenario yang ditetapkan"),
      select,
      h("label", { for: "catatan-tetapkan" }, "Catatan penetapan"),
      note,
      h("div", { class: "buttons" }, adopt),
    ),
  );
  if (current) {
    const revoke = confirmingButton("Cabut penetapan", "Yakin? Klik lagi untuk mencabut", async () => {
      try {
        const { data } = await api<AdoptAnswer>("/planning/adopted", { method: "DELETE", json: { catatan: note.value.trim() } });
        await done(`Penetapan dicabut (kasus #${data.kasus}): pemeringkatan kembali memakai formasi dan kartu skor daerah.`);
      } catch (error) {
        failed(error);
      }
    });
    revoke.classList.add("secondary");
    section.querySelector(".buttons")!.append(" ", revoke);
  }
  section.append(answer);
  return section;
}

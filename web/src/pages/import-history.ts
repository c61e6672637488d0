// Riwayat impor: the regency's roster imports, newest first, and undoing
// one (GET /workers/imports, POST /workers/imports/{n}/undo). Undoing asks
// the server first what it would do (?pratinjau=true), says it in words —
// how many new files are withdrawn, how many put back, which are kept and
// why — and only then, on a second click, does it.
import { api, describe } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, formatNumber } from "../format";
import { announce } from "../main";
import { errorBox } from "./common";

type ImportBatch = Api.ImportBatch;
type UndoReport = Api.UndoReport;

function counts(b: ImportBatch): string {
  const parts = [`${formatNumber(b.created)} baru`, `${formatNumber(b.updated)} diperbarui`, `${formatNumber(b.unchanged)} tidak berubah`];
  if (b.rejected) parts.push(`${formatNumber(b.rejected)} ditolak`);
  return parts.join(", ") + (b.finished ? "" : " (impor terhenti di tengah)");
}

function undoWords(r: UndoReport, done: boolean): string {
  const will = done ? "" : "akan ";
  return `${formatNumber(r.withdrawn)} berkas baru ${will}ditarik, ${formatNumber(r.reverted)} berkas ${will}dikembalikan ke data sebelum impor, ${formatNumber(r.kept_count)} berkas ${done ? "dibiarkan" : "tetap"}.`;
}

function keptList(r: UndoReport): HTMLElement | false {
  if (r.kept.length === 0) return false;
  return h(
    "details",
    null,
    h("summary", null, `Berkas yang tidak diubah (${formatNumber(r.kept_count)})`),
    h(
      "ul",
      null,
      r.kept.map((k) => h("li", null, h("a", { href: `/kasus/${k.case_id}` }, `NIK ${k.nik}`), `: ${k.reason}`)),
    ),
  );
}

export function importHistory(): { element: HTMLElement; reload: () => Promise<void> } {
  const message = h("div", { "data-testid": "undo-message", tabindex: "-1" });
  const body = h("div", null);
  const element = h(
    "section",
    { class: "card import-history", "aria-labelledby": "riwayat-judul", "data-testid": "import-history" },
    h("h2", { id: "riwayat-judul" }, "Riwayat impor"),
    h("p", { class: "meta" }, "Impor yang salah berkas dapat dibatalkan: berkas pekerja yang dibuatnya ditarik, data yang diubahnya dikembalikan."),
    message,
    body,
  );

  async function askUndo(batch: ImportBatch, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const { data: preview } = await api<UndoReport>(`/workers/imports/${batch.id}/undo?pratinjau=true`, { method: "POST" });
      const yes = h("button", { type: "button" }, "Ya, batalkan impor") as HTMLButtonElement;
      const no = h("button", { type: "button", class: "secondary" }, "Tidak");
      const ask = h(
        "div",
        { class: "confirm", role: "alertdialog", "aria-labelledby": "tanya-batal-impor", "data-testid": "undo-confirm" },
        h("p", { id: "tanya-batal-impor" }, `Batalkan impor ${batch.file_name} (${formatDateTime(batch.imported_at)})? ${undoWords(preview, false)}`),
        keptList(preview),
        h("div", { class: "buttons" }, yes, no),
      );
      no.addEventListener("click", () => {
        clear(message);
        button.disabled = false;
        button.focus();
      });
      yes.addEventListener("click", async () => {
        yes.disabled = true;
        no.disabled = true;
        try {
          const { data: done } = await api<UndoReport>(`/workers/imports/${batch.id}/undo`, { method: "POST" });
          clear(
            message,
            h("div", { class: "success", role: "status", "data-testid": "undo-done" }, h("p", null, `Impor ${batch.file_name} dibatalkan: ${undoWords(done, true)}`), keptList(done)),
          );
          announce(`Impor dibatalkan. ${undoWords(done, true)}`);
          await reload();
          message.focus();
        } catch (e) {
          clear(message, h("div", { class: "error", role: "alert" }, h("p", null, `Impor tidak dapat dibatalkan: ${describe(e)}`)));
          message.focus();
          await reload();
        }
      });
      clear(message, ask);
      yes.focus();
    } catch (e) {
      clear(message, errorBox(e));
      button.disabled = false;
    }
  }

  function row(batch: ImportBatch): HTMLElement {
    let state: HTMLElement;
    if (batch.undo) {
      state = h("span", { class: "meta" }, `Dibatalkan ${formatDateTime(batch.undo.at)} oleh ${batch.undo.by}`);
    } else if (batch.created + batch.updated === 0) {
      state = h("span", { class: "meta" }, "Tidak ada yang diubah");
    } else {
      const undo = h("button", { type: "button", class: "secondary", "data-testid": `undo-${batch.id}` }, "Batalkan impor") as HTMLButtonElement;
      undo.addEventListener("click", () => void askUndo(batch, undo));
      state = undo;
    }
    return h(
      "tr",
      null,
      h("td", { "data-label": "Waktu" }, h("time", { datetime: batch.imported_at }, formatDateTime(batch.imported_at))),
      h("td", { "data-label": "Berkas" }, batch.file_name),
      h("td", { "data-label": "Oleh" }, batch.imported_by),
      h("td", { "data-label": "Hasil" }, counts(batch)),
      h("td", null, state),
    );
  }

  async function reload(): Promise<void> {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/workers/imports"]>("/workers/imports?per_page=20");
      if (data.items.length === 0) {
        clear(body, h("p", { class: "meta" }, "Belum ada impor."));
        return;
      }
      clear(
        body,
        h(
          "table",
          { class: "import-history-table" },
          h("caption", { class: "visually-hidden" }, "Impor terakhir"),
          h("thead", null, h("tr", null, ["Waktu", "Berkas", "Oleh", "Hasil", ""].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", null, data.items.map(row)),
        ),
        data.total > data.items.length && h("p", { class: "meta" }, `${formatNumber(data.items.length)} impor terakhir dari ${formatNumber(data.total)}.`),
      );
    } catch (e) {
      clear(body, errorBox(e));
    }
  }

  return { element, reload };
}

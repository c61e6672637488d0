// The reload button (POST /admin/reload): the new generation when the
// server takes it, or, when it refuses (422), each validation error with its
// file, line and column, while the old generation keeps serving.
import { ApiError, api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { announce } from "../main";
import { errorBox } from "./common";
import { shortPath } from "./admin-definitions";

// One entry of the 422 problem's errors (not a success answer, so it has no
// generated type): the server's fields, or only its text.
interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  message?: string;
  text?: string;
}

// Where an error points: the server's fields, or its "FILE:LINE:COL: error: …" text.
function located(d: Diagnostic): { file: string; line?: number; column?: number; message: string } {
  if (d.file) return { file: d.file, line: d.line, column: d.column, message: d.message ?? d.text ?? "" };
  const match = /^(.+?):(\d+):(\d+): (?:error: )?(.*)$/s.exec(d.text ?? "");
  if (match) return { file: match[1], line: Number(match[2]), column: Number(match[3]), message: match[4] };
  return { file: "", message: d.text ?? d.message ?? "" };
}

function diagnosticItem(d: Diagnostic): HTMLElement {
  const where = located(d);
  const place = where.file ? `${shortPath(where.file)}${where.line ? `:${where.line}` : ""}${where.column ? `:${where.column}` : ""}` : null;
  return h(
    "li",
    null,
    place && h("code", { class: "where" }, place),
    place && h("span", { class: "visually-hidden" }, where.line ? ` (baris ${where.line}, kolom ${where.column ?? "-"}) ` : " "),
    h("span", { class: "message" }, where.message),
  );
}

// `afterReload` refreshes the page's view of the generation that serves.
export function reloadSection(afterReload: () => Promise<number | null>): HTMLElement {
  const result = h("div", { class: "reload-result", "aria-live": "polite", "data-testid": "hasil-muat-ulang" });
  const button: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        button.disabled = true;
        clear(result, h("p", { class: "loading", role: "status" }, "Memuat ulang definisi…"));
        try {
          const { data } = await api<Api.ApiAnswers["POST /api/v1/admin/reload"]>("/admin/reload", { method: "POST", body: "" });
          // The page's view first, so that the message never stands beside
          // the generation it replaced.
          await afterReload();
          clear(result, h("p", { class: "success", role: "status" }, `Definisi dimuat ulang: generasi ${data.generation} kini berlaku.`));
          announce(`Generasi ${data.generation} kini berlaku.`);
        } catch (error) {
          if (error instanceof ApiError && error.status === 422) {
            const serving = await afterReload().catch(() => null);
            const diagnostics = error.errors as unknown as Diagnostic[];
            clear(
              result,
              h(
                "div",
                { class: "error reload-errors", role: "alert" },
                h("p", null, h("strong", null, "Definisi baru ditolak."), " ", serving !== null ? `Generasi ${serving} tetap berlaku.` : "Generasi lama tetap berlaku."),
                h("p", null, `${diagnostics.length} kesalahan. Perbaiki berkas berikut lalu muat ulang lagi:`),
                h("ol", { class: "diagnostics" }, diagnostics.map(diagnosticItem)),
              ),
            );
          } else {
            clear(result, errorBox(error));
          }
        } finally {
          button.disabled = false;
        }
      },
    },
    "Muat ulang definisi",
  );
  return h(
    "div",
    { class: "reload" },
    h(
      "p",
      { class: "meta" },
      "Memuat ulang prosedur, aturan daerah dan plugin dari berkasnya. Server juga memuat ulang sendiri saat berkas berubah; generasi yang tidak valid selalu ditolak dan generasi lama tetap berlaku.",
    ),
    h("div", { class: "buttons" }, button),
    result,
  );
}

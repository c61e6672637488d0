// One worker's explanation, from GET /ranking/{nik}: which rules gave how
// many points, the group, the proposed outcome and the server's reason for
// it. Opened from a button in the worker's row (aria-expanded), shown in a
// row right below it so the keyboard reaches it next.
import { api } from "../api";
import { clear, h } from "../dom";
import { formatNumber } from "../format";
import { errorBox, loading } from "./common";
import { type RankedWorker, groupName, outcomeName } from "./ranking-data";

export function explanationBody(worker: RankedWorker, headingId: string): HTMLElement[] {
  return [
    h("h3", { id: headingId, tabindex: "-1" }, `Penjelasan peringkat ${worker.peringkat}: ${worker.nama ?? worker.nik}`),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "NIK"),
      h("dd", null, worker.nik),
      h("dt", null, "Jabatan"),
      h("dd", null, [worker.jabatan, worker.opd].filter(Boolean).join(", ") || "—"),
      h("dt", null, "Kelompok"),
      h("dd", null, groupName(worker.kelompok)),
      h("dt", null, "Usulan"),
      h("dd", null, outcomeName(worker.usulan), worker.formasi ? ` (formasi ${worker.formasi})` : ""),
    ),
    worker.kontribusi.length === 0
      ? h("p", { class: "meta" }, "Tidak ada aturan kartu nilai yang memberi poin.")
      : h(
          "div",
          { class: "ranking-table-wrap" },
          h(
            "table",
            { class: "contributions", "data-testid": "contributions" },
            h("caption", null, "Kontribusi aturan"),
            h("thead", null, h("tr", null, h("th", { scope: "col" }, "Aturan"), h("th", { scope: "col", class: "num" }, "Poin"))),
            h(
              "tbody",
              null,
              worker.kontribusi.map((c) =>
                h(
                  "tr",
                  { "data-rule": c.aturan },
                  h("th", { scope: "row" }, c.label, h("span", { class: "meta rule-code" }, ` (${c.aturan})`)),
                  h("td", { class: "num", "data-testid": "rule-points" }, formatNumber(c.poin)),
                ),
              ),
            ),
            h(
              "tfoot",
              null,
              h("tr", null, h("th", { scope: "row" }, "Jumlah poin"), h("td", { class: "num", "data-testid": "total-points" }, formatNumber(worker.poin))),
            ),
          ),
        ),
    h("p", { class: "reason" }, h("strong", null, "Alasan: "), worker.penjelasan),
  ];
}

// Fills `panel` with the explanation of the worker with this NIK.
export async function loadExplanation(panel: HTMLElement, nik: string, headingId: string): Promise<void> {
  panel.setAttribute("aria-busy", "true");
  clear(panel, loading("Memuat penjelasan…"));
  try {
    const { data } = await api<RankedWorker>(`/ranking/${encodeURIComponent(nik)}`);
    clear(panel, ...explanationBody(data, headingId));
  } catch (error) {
    clear(panel, errorBox(error));
  } finally {
    panel.setAttribute("aria-busy", "false");
  }
}

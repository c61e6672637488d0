// "Siapa yang melihat data saya": the officials who read the worker's file
// (UU 27/2022 on personal data protection), newest first, from
// GET /me/access-log. The server words each role and action; the worker's
// own reads are not listed.
import { api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime } from "../format";
import { errorBox } from "./common";

export type AccessEntry = Api.AccessLogEntry;

const perPage = 20;

function row(entry: AccessEntry): HTMLElement {
  const who = [entry.role_text, entry.unit].filter(Boolean).join(", ");
  return h(
    "tr",
    null,
    h("td", null, formatDateTime(entry.at)),
    h("td", null, who, h("br"), h("span", { class: "meta" }, entry.username)),
    h("td", null, entry.whole_regency ? `${entry.action_text} (termasuk data Anda)` : entry.action_text),
  );
}

export function accessLogSection(): HTMLElement {
  const body = h("div", { "aria-busy": "true" });
  const section = h(
    "section",
    { "aria-labelledby": "akses-judul", "data-testid": "access-log" },
    h("h2", { id: "akses-judul" }, "Siapa yang melihat data saya"),
    h("p", { class: "meta" }, "Setiap kali petugas pemerintah membuka data Anda, hal itu dicatat dan ditampilkan di sini."),
    body,
  );
  let page = 1;
  async function load(): Promise<void> {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/me/access-log"]>(`/me/access-log?page=${page}&per_page=${perPage}`);
      body.setAttribute("aria-busy", "false");
      if (!data.items.length) {
        clear(body, h("p", { class: "empty" }, "Belum ada petugas yang membuka data Anda."));
        return;
      }
      const pages = Math.max(1, Math.ceil(data.total / perPage));
      clear(
        body,
        h(
          "div",
          { class: "table-scroll" },
          h(
          "table",
          { class: "access-log" },
          h("caption", { class: "visually-hidden" }, "Catatan akses data Anda"),
          h("thead", null, h("tr", null, h("th", { scope: "col" }, "Waktu"), h("th", { scope: "col" }, "Oleh"), h("th", { scope: "col" }, "Yang dilakukan"))),
          h("tbody", null, data.items.map(row)),
          ),
        ),
        pages > 1 &&
          h(
            "p",
            { class: "pager" },
            page > 1 && h("button", { type: "button", onclick: () => { page -= 1; void load(); } }, "Sebelumnya"),
            ` Halaman ${page} dari ${pages} `,
            page < pages && h("button", { type: "button", onclick: () => { page += 1; void load(); } }, "Berikutnya"),
          ),
      );
    } catch (e) {
      body.setAttribute("aria-busy", "false");
      clear(body, errorBox(e));
    }
  }
  void load();
  return section;
}

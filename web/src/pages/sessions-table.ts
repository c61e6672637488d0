// A user's sessions as a table (when, from where, until when), each with a
// button to end it; shared by the admin's user panel. Never shows a token.
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime } from "../format";
import { errorBox } from "./common";

export type SessionInfo = Api.ActiveSession;

export function sessionsTable(sessions: SessionInfo[], caption: string, end: (s: SessionInfo) => Promise<void>): HTMLElement {
  if (sessions.length === 0) return h("p", { class: "meta" }, "Tidak ada sesi yang masih berlaku.");
  const status = h("div", { "aria-live": "polite" });
  return h(
    "div",
    null,
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
      h(
        "table",
        { class: "data-table admin-table", "data-testid": "tabel-sesi" },
        h("caption", null, caption),
        h("thead", null, h("tr", null, ["Masuk pada", "Terakhir aktif", "Berakhir", "Alamat", "Tindakan"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          null,
          sessions.map((s) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, formatDateTime(s.created_at), s.current ? " (sesi ini)" : ""),
              h("td", { "data-label": "Terakhir aktif" }, formatDateTime(s.last_seen_at)),
              h("td", { "data-label": "Berakhir" }, formatDateTime(s.expires_at)),
              h("td", { "data-label": "Alamat" }, s.client || "—"),
              h(
                "td",
                { "data-label": "Tindakan" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    "aria-label": `Akhiri sesi yang masuk pada ${formatDateTime(s.created_at)}`,
                    onclick: async () => {
                      try {
                        await end(s);
                      } catch (error) {
                        clear(status, errorBox(error));
                      }
                    },
                  },
                  "Akhiri",
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    status,
  );
}

// Pemberitahuan (admin): what the regency's outbox holds (GET
// /admin/notifications): each message made by its notifications.yaml, to
// whom, by which channel, and whether it went, still waits (a mail server
// that is down: it is tried again, waiting longer each time) or was given up.
import { api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime } from "../format";
import { errorBox, loading } from "./common";

type OutboxItem = Api.NotificationOutboxEntry;
type OutboxPage = Api.NotificationOutboxPage;

const statusChoices: [string, string][] = [
  ["", "Semua"],
  ["pending", "Menunggu dikirim"],
  ["sent", "Terkirim"],
  ["failed", "Gagal"],
];

function channelName(channel: string): string {
  return channel === "email" ? "Surel" : "Gateway pesan daerah";
}

function stateText(item: OutboxItem): HTMLElement | string {
  if (item.status === "sent") return `Terkirim ${formatDateTime(item.sent_at)}`;
  if (item.status === "failed") return h("strong", { class: "badge danger" }, `Gagal setelah ${item.attempts} kali dicoba`);
  if (item.attempts === 0) return "Menunggu dikirim";
  return `Menunggu; sudah dicoba ${item.attempts} kali, dicoba lagi ${formatDateTime(item.next_attempt_at)}`;
}

function outboxTable(items: OutboxItem[]): HTMLElement {
  if (items.length === 0) return h("p", { class: "meta", "data-testid": "pemberitahuan-kosong" }, "Tidak ada pemberitahuan dengan keadaan ini.");
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Pemberitahuan daerah ini" },
    h(
      "table",
      { class: "data-table admin-table", "data-testid": "tabel-pemberitahuan" },
      h("caption", null, "Pemberitahuan, yang terbaru lebih dulu"),
      h("thead", null, h("tr", null, ["Dibuat", "Penerima", "Saluran", "Judul", "Keadaan"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        null,
        items.map((item) =>
          h(
            "tr",
            null,
            h("td", { "data-label": "Dibuat" }, formatDateTime(item.created_at)),
            h("td", { "data-label": "Penerima" }, item.recipient),
            h("td", { "data-label": "Saluran" }, channelName(item.channel)),
            h("th", { scope: "row", "data-label": "Judul" }, h("a", { href: `/kasus/${item.case}` }, item.subject)),
            h("td", { "data-label": "Keadaan" }, stateText(item)),
          ),
        ),
      ),
    ),
  );
}

export function notificationsSection(): HTMLElement {
  const list = h("div", { "aria-live": "polite" });
  const select = h(
    "select",
    { id: "pemberitahuan-keadaan", name: "status" },
    statusChoices.map(([value, label]) => h("option", { value }, label)),
  );
  let page = 1;
  const show = async () => {
    clear(list, loading("Memuat pemberitahuan…"));
    try {
      const query = new URLSearchParams({ page: String(page), per_page: "50" });
      if (select.value) query.set("status", select.value);
      const { data } = await api<OutboxPage>(`/admin/notifications?${query}`);
      const previous = h("button", { type: "button", class: "secondary", disabled: page === 1 }, "Sebelumnya");
      const next = h("button", { type: "button", class: "secondary", disabled: !data.more }, "Berikutnya");
      previous.addEventListener("click", () => {
        page -= 1;
        void show();
      });
      next.addEventListener("click", () => {
        page += 1;
        void show();
      });
      clear(list, outboxTable(data.items), h("div", { class: "buttons" }, previous, h("span", { class: "meta" }, `Halaman ${page}`), next));
    } catch (error) {
      clear(list, errorBox(error));
    }
  };
  select.addEventListener("change", () => {
    page = 1;
    void show();
  });
  void show();
  return h(
    "div",
    null,
    h(
      "p",
      null,
      "Pesan yang dibuat dari aturan pemberitahuan daerah (tugas baru, tenggat, jawaban pengaduan). Pesan yang belum terkirim dicoba lagi dengan jeda yang makin panjang; setelah sekitar satu hari pesan dinyatakan gagal.",
    ),
    h("div", { class: "field" }, h("label", { for: "pemberitahuan-keadaan" }, "Tampilkan"), select),
    list,
  );
}

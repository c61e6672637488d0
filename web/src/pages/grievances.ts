// Antrean pengaduan: the regency's grievances for the officer, nearest
// deadline first, filtered by status, stage, lateness and a name or NIK;
// each row leads to its case page, where the officer acts. An officer can
// also file a grievance for a worker here.
import "./grievances.css";
import type { StateCount } from "../api";
import { clear, h } from "../dom";
import { formatNumber } from "../format";
import { announce, navigate, type PageContext } from "../main";
import { errorBox, loading } from "./common";
import { grievanceForm } from "./grievances-form";
import { countOverdue, loadDetails, loadQueue, queueTable, type QueueFilter } from "./grievances-list";

const rowsPerPage = 25;

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

// Pages by number while the count is exact; past the last numbered page
// of a count that stopped at its cap, `beyond` follows the cursor.
function pager(page: number, pages: number, go: (page: number) => void, beyond: (() => void) | null): HTMLElement | null {
  if (pages <= 1 && !beyond) return null;
  const next = page < pages ? () => go(page + 1) : beyond;
  return h(
    "nav",
    { class: "pager", "aria-label": "Halaman antrean" },
    h("button", { type: "button", class: "secondary", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Sebelumnya"),
    h("span", null, `Halaman ${page} dari ${beyond ? "lebih dari " : ""}${pages}`),
    h("button", { type: "button", class: "secondary", disabled: !next, onclick: () => next?.() }, "Berikutnya ›"),
  );
}

// The pages after the numbered ones, one cursor at a time.
function cursorPager(next: (() => void) | null, restart: () => void): HTMLElement {
  return h(
    "nav",
    { class: "pager", "aria-label": "Halaman antrean" },
    h("button", { type: "button", class: "secondary", onclick: restart }, "‹ Kembali ke halaman pertama"),
    h("button", { type: "button", class: "secondary", disabled: !next, onclick: () => next?.() }, "Berikutnya ›"),
  );
}

// The stages to choose from: those the grievances of the other filters are in.
function stageOptions(states: StateCount[], chosen: string): Array<[string, string]> {
  const stages = new Map<string, string>();
  for (const s of states) stages.set(s.state, s.title);
  if (chosen && !stages.has(chosen)) stages.set(chosen, chosen);
  return [["", "Semua tahap"], ...[...stages.entries()].sort((a, b) => a[1].localeCompare(b[1], "id"))];
}

export async function renderGrievanceQueue({ main, query }: PageContext): Promise<void> {
  const q = (name: string) => query.get(name) ?? "";
  const filter: QueueFilter = {
    status: query.has("status") ? q("status") : "active",
    state: q("tahap"),
    overdue: q("terlambat") === "1",
    q: q("cari"),
  };
  const page = Math.max(1, Number(q("halaman")) || 1);
  const after = q("setelah"); // past the numbered pages: the cursor of the page before

  // Filters live in the address, so a reload or a shared link keeps them.
  const apply = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v || k === "status") next.set(k, v);
      else next.delete(k);
    }
    navigate(`/pengaduan${next.toString() ? `?${next}` : ""}`);
  };

  const stageSelect = h("select", { id: "tahap", name: "tahap" }, h("option", { value: filter.state }, filter.state ? "Memuat…" : "Semua tahap"));
  const filters = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Saring pengaduan" },
    field(
      "status",
      "Keadaan",
      h(
        "select",
        { id: "status", name: "status" },
        [
          ["active", "Sedang berjalan"],
          ["completed", "Sudah selesai"],
          ["incident", "Ada kendala"],
          ["", "Semua"],
        ].map(([value, text]) => h("option", { value, selected: value === filter.status }, text)),
      ),
    ),
    field("tahap", "Tahap", stageSelect),
    field("cari", "Cari nama atau NIK", h("input", { id: "cari", name: "cari", type: "search", value: filter.q })),
    h(
      "div",
      { class: "field check" },
      h("input", { type: "checkbox", id: "terlambat", name: "terlambat", checked: filter.overdue }),
      h("label", { for: "terlambat" }, "Hanya yang terlambat"),
    ),
    h("button", { type: "submit" }, "Terapkan"),
  );
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(filters);
    apply({
      status: String(form.get("status") ?? ""),
      tahap: String(form.get("tahap") ?? ""),
      cari: String(form.get("cari") ?? "").trim(),
      terlambat: form.get("terlambat") ? "1" : "",
      halaman: "",
      setelah: "",
    });
  });

  const list = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("Memuat pengaduan…"));

  const load = async () => {
    list.setAttribute("aria-busy", "true");
    try {
      // The server pages and sorts; the stage list counts the grievances of
      // the other filters, and a second count says how many are late.
      const [found, late] = await Promise.all([
        loadQueue(filter, page, rowsPerPage, after),
        filter.overdue ? Promise.resolve(null) : countOverdue(filter),
      ]);
      clear(stageSelect, stageOptions(found.states ?? [], filter.state).map(([v, t]) => h("option", { value: v, selected: v === filter.state }, t)));
      if (found.items.length === 0 && page === 1 && !after) {
        clear(list, h("p", { class: "empty", "data-testid": "queue-empty" }, "Tidak ada pengaduan yang cocok."));
        return;
      }
      const pages = Math.max(1, Math.ceil(found.total / rowsPerPage));
      const current = Math.min(page, pages);
      const rows = found.items;
      const details = await loadDetails(rows.map((c) => c.id));
      const overdue = late ? late.total : found.total;
      const more = (exact: boolean | undefined) => (exact === false ? "lebih dari " : "");
      const cursor = found.next_after == null ? null : String(found.next_after);
      const follow = cursor ? () => apply({ setelah: cursor, halaman: "" }) : null;
      if (after) {
        // Past the numbered pages the count is of those still to come.
        clear(
          list,
          h(
            "p",
            { class: "count", "data-testid": "queue-count" },
            `${more(found.total_exact)}${formatNumber(found.total)} pengaduan lagi. Tenggat terdekat lebih dulu.`,
          ),
          queueTable(rows, details, "Antrean pengaduan, lanjutan"),
          cursorPager(follow, () => apply({ setelah: "", halaman: "" })),
        );
        return;
      }
      clear(
        list,
        h(
          "p",
          { class: "count", "data-testid": "queue-count" },
          `${more(found.total_exact)}${formatNumber(found.total)} pengaduan`,
          overdue > 0 ? `, ${more(late ? late.total_exact : found.total_exact)}${formatNumber(overdue)} terlambat` : "",
          ". Tenggat terdekat lebih dulu.",
        ),
        queueTable(rows, details, `Antrean pengaduan, halaman ${current} dari ${found.total_exact === false ? "lebih dari " : ""}${pages}`),
        pager(current, pages, (p) => apply({ halaman: String(p) }), found.total_exact === false ? follow : null),
      );
    } catch (error) {
      clear(list, errorBox(error));
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  };

  const form = grievanceForm((filed) => {
    announce(`Pengaduan tercatat dengan nomor tiket ${filed.nomor_tiket}`);
    void load();
  });

  main.append(
    h("h1", null, "Antrean pengaduan"),
    h(
      "p",
      { class: "lead" },
      "Pengaduan diverifikasi paling lambat 3 hari kerja sejak lengkap, ditindaklanjuti unit penanggung jawab paling lambat 5 hari kerja, dan diselesaikan dalam 60 hari sejak berkas lengkap. Buka tiket untuk memprosesnya.",
    ),
    h("section", { "aria-labelledby": "antrean-judul" }, h("h2", { id: "antrean-judul" }, "Daftar pengaduan"), filters, list),
    h("section", { class: "file-grievance" }, form),
  );
  await load();
}

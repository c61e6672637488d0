// Kotak masuk: the open tasks the caller's role may take (by due date,
// overdue marked), filtered by procedure, claim and lateness; and a search
// of cases by name or NIK, OPD and state. Tasks are claimed and released
// here, and a stack of them decided at once (inbox-bulk.ts).
import { api, describe, type CaseSummary, type InboxItem } from "../api";
import { append, clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, formatNumber, statusNames, workflowNames } from "../format";
import { announce, navigate, type PageContext } from "../main";
import { currentSession } from "../session";
import { dueLine, errorBox, loading } from "./common";
import { bulkPanel } from "./inbox-bulk";
import { numberedPager } from "./pager";

const pageSizes = [20, 50, 100, 200];

function select(id: string, label: string, value: string, options: Array<[string, string]>): HTMLElement {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name: id }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))),
  );
}

function text(id: string, label: string, value: string, extra: Record<string, unknown> = {}): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, value, ...extra }));
}

// The stage filter offers the stages of the tasks on screen (and the one
// chosen): the caller picks from what is in front of them.
function stageSelect(current: string): HTMLElement {
  return select("tahap", "Tahap", current, [["", "Semua tahap"], ...(current ? [[current, current] as [string, string]] : [])]);
}

function offerStages(form: HTMLElement, items: InboxItem[]): void {
  const control = form.querySelector<HTMLSelectElement>("#tahap");
  if (!control) return;
  const known = new Map([...control.options].map((o) => [o.value, o]));
  for (const item of items) {
    const existing = known.get(item.state);
    if (existing) existing.textContent = item.title;
    else if (item.state) {
      const option = h("option", { value: item.state }, item.title);
      control.append(option);
      known.set(item.state, option);
    }
  }
}

const workflowOptions: Array<[string, string]> = [["", "Semua prosedur"], ...Object.entries(workflowNames)];

// The case's key in words: "NIK …", and an evaluation's year (its key is NIK/tahun).
function keyText(c: CaseSummary): string | null {
  if (!c.key) return null;
  const evaluation = /^(\d{16})\/(\d{4})$/.exec(c.key);
  return evaluation ? `NIK ${evaluation[1]} · tahun ${evaluation[2]}` : `NIK ${c.key}`;
}

function caseLine(c: CaseSummary): HTMLElement {
  return h("p", { class: "meta" }, [c.workflow_title, c.state_title, c.opd, keyText(c)].filter(Boolean).join(" · "));
}

// The inbox's orders: the value in the address and the API (empty: the
// default), the choice's words, and how the count line says it.
const orders: Array<[string, string, string]> = [
  ["", "Tenggat terdekat", "tenggat terdekat lebih dulu"],
  ["terbaru", "Terbaru masuk", "yang terbaru masuk lebih dulu"],
  ["terlama", "Terlama masuk", "yang terlama masuk lebih dulu"],
];

export async function renderInbox({ main, query }: PageContext): Promise<void> {
  const q = (name: string) => query.get(name) ?? "";
  const page = Math.max(1, Number(q("halaman")) || 1);
  const perPage = pageSizes.includes(Number(q("per_halaman"))) ? Number(q("per_halaman")) : pageSizes[0];
  const me = currentSession()?.user.username ?? "";

  // Filters live in the address, so a reload or a shared link keeps them.
  const apply = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    navigate(`/kotak-masuk${next.toString() ? `?${next}` : ""}`);
  };

  // The regency's OPDs to pick from (GET /opd); free text where it keeps no list.
  const opdList = await api<Api.ApiAnswers["GET /api/v1/opd"]>("/opd")
    .then(({ data }) => data.opd)
    .catch(() => [] as string[]);

  // One form filters the tasks; a name or NIK also searches every case the
  // caller may see (a file may have no task of theirs).
  const taskFilters = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Saring tugas" },
    text("cari", "Nama atau NIK", q("cari"), { type: "search", inputmode: "search" }),
    select("prosedur", "Prosedur", q("prosedur"), workflowOptions),
    opdList.length
      ? select("opd", "OPD", q("opd"), [["", "Semua OPD"], ...opdList.map((name): [string, string] => [name, name])])
      : text("opd", "OPD", q("opd"), { placeholder: "mis. Dinas Pendidikan" }),
    stageSelect(q("tahap")),
    select("milik", "Tugas", q("milik"), [
      ["", "Semua tugas peran saya"],
      ["saya", "Yang saya ambil"],
      ["bebas", "Belum diambil siapa pun"],
    ]),
    h(
      "div",
      { class: "field check" },
      h("input", { type: "checkbox", id: "terlambat", name: "terlambat", checked: q("terlambat") === "1" }),
      h("label", { for: "terlambat" }, "Hanya yang terlambat"),
    ),
    select("urut", "Urutkan", q("urut"), orders.map(([value, label]): [string, string] => [value, label])),
    select("per_halaman", "Tugas per halaman", String(perPage), pageSizes.map((n) => [String(n), String(n)])),
    h("button", { type: "submit" }, "Terapkan"),
  );
  taskFilters.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(taskFilters);
    apply({
      cari: String(form.get("cari") ?? "").trim(),
      prosedur: String(form.get("prosedur") ?? ""),
      opd: String(form.get("opd") ?? "").trim(),
      tahap: String(form.get("tahap") ?? ""),
      milik: String(form.get("milik") ?? ""),
      terlambat: form.get("terlambat") ? "1" : "",
      urut: String(form.get("urut") ?? ""),
      per_halaman: String(form.get("per_halaman") ?? "") === String(pageSizes[0]) ? "" : String(form.get("per_halaman") ?? ""),
      halaman: "",
      halaman_cari: "",
    });
  });

  const taskList = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("Memuat tugas…"));
  const searchResults = h("div", { "aria-live": "polite" });
  const searching = Boolean(q("cari"));

  append(main, [
    h("h1", null, "Kotak masuk"),
    taskFilters,
    h("section", { "aria-labelledby": "tugas-judul" }, h("h2", { id: "tugas-judul" }, "Tugas"), taskList),
    searching && h("section", { "aria-labelledby": "cari-judul" }, h("h2", { id: "cari-judul" }, `Semua kasus dengan «${q("cari")}»`), searchResults),
  ]);

  const taskQuery = new URLSearchParams({ page: String(page), per_page: String(perPage) });
  if (q("prosedur")) taskQuery.set("workflow", q("prosedur"));
  if (q("milik") === "saya") taskQuery.set("mine", "true");
  if (q("milik") === "bebas") taskQuery.set("unclaimed", "true");
  if (q("terlambat") === "1") taskQuery.set("overdue", "true");
  if (q("cari")) taskQuery.set("q", q("cari"));
  if (q("opd")) taskQuery.set("opd", q("opd"));
  if (q("tahap")) taskQuery.set("state", q("tahap"));
  const order = orders.find(([value]) => value === q("urut")) ?? orders[0];
  if (order[0]) taskQuery.set("urut", order[0]);

  // Selected tasks (for one decision on all of them) and the list's own
  // reload, which keeps the page, the filters and the last decision's results.
  const selected = new Map<number, InboxItem>();
  const bulk = bulkPanel(() => loadTasks());
  const selectionChanged = () => bulk.update([...selected.values()]);

  const claimButton = (task: InboxItem): HTMLElement | null => {
    const claim = !task.assignee;
    if (!claim && task.assignee !== me) return null;
    const name = task.case.nama ?? `${task.case.workflow_title}, nomor ${task.case_id}`;
    const button = h(
      "button",
      { type: "button", class: "secondary small" },
      claim ? "Ambil tugas" : "Lepas tugas",
      h("span", { class: "visually-hidden" }, ` ${name}`),
    ) as HTMLButtonElement;
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api(`/tasks/${task.id}/${claim ? "claim" : "unclaim"}`, { method: "POST" });
        announce(claim ? `Tugas ${name} Anda ambil.` : `Tugas ${name} Anda lepas.`);
        await loadTasks();
      } catch (e) {
        button.disabled = false;
        button.after(h("p", { class: "error", role: "alert" }, describe(e)));
      }
    });
    return button;
  };

  const taskCard = (task: InboxItem): HTMLElement => {
    const name = task.case.nama ?? `${task.case.workflow_title}, nomor ${task.case_id}`;
    // A task someone else took is theirs to decide.
    const decidable = !task.assignee || task.assignee === me;
    const box = h("input", { type: "checkbox", id: `pilih-${task.id}`, checked: selected.has(task.id), disabled: !decidable });
    box.addEventListener("change", () => {
      if ((box as HTMLInputElement).checked) selected.set(task.id, task);
      else selected.delete(task.id);
      selectionChanged();
    });
    return h(
      "li",
      { class: task.overdue ? "card task overdue" : "card task", "data-task": String(task.id) },
      h("div", { class: "select-task" }, box, h("label", { for: `pilih-${task.id}` }, h("span", { class: "visually-hidden" }, `Pilih tugas ${name}`))),
      h("h3", null, h("a", { href: `/kasus/${task.case_id}` }, name)),
      h("p", null, task.title),
      caseLine(task.case),
      dueLine(task),
      h("p", { class: "meta" }, "Masuk ", h("time", { datetime: task.opened_at }, formatDateTime(task.opened_at))),
      h("p", { class: "meta" }, task.assignee ? `Diambil oleh ${task.assignee === me ? "Anda" : task.assignee}` : "Belum diambil"),
      claimButton(task),
    );
  };

  async function loadTasks(): Promise<void> {
    selected.clear();
    selectionChanged();
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/tasks"]>(`/tasks?${taskQuery}`);
      taskList.setAttribute("aria-busy", "false");
      offerStages(taskFilters, data.items);
      if (data.items.length === 0) {
        clear(taskList, h("p", { class: "empty" }, "Tidak ada tugas yang cocok."));
        return;
      }
      const decidable = data.items.filter((t) => !t.assignee || t.assignee === me);
      const all = h("input", { type: "checkbox", id: "pilih-semua", disabled: decidable.length === 0 }) as HTMLInputElement;
      all.addEventListener("change", () => {
        for (const task of decidable) {
          if (all.checked) selected.set(task.id, task);
          else selected.delete(task.id);
          const box = taskList.querySelector<HTMLInputElement>(`#pilih-${task.id}`);
          if (box) box.checked = all.checked;
        }
        selectionChanged();
      });
      clear(
        taskList,
        h("p", { class: "count" }, `${data.total_exact === false ? "Sedikitnya " : ""}${formatNumber(data.total)} tugas, ${order[2]}.`),
        h("div", { class: "field check" }, all, h("label", { for: "pilih-semua" }, "Pilih semua tugas di halaman ini")),
        h("ol", { class: "cards", "data-testid": "tasks" }, data.items.map(taskCard)),
        numberedPager({
          page,
          pages: Math.max(1, Math.ceil(data.total / perPage)),
          exact: data.total_exact !== false,
          label: "Halaman tugas",
          id: "ke-halaman-tugas",
          go: (p) => apply({ halaman: String(p) }),
        }),
      );
    } catch (e) {
      clear(taskList, errorBox(e));
    }
  }
  taskList.before(bulk.element);
  const tasksLoaded = loadTasks();

  if (searching) {
    const searchPage = Math.max(1, Number(q("halaman_cari")) || 1);
    const caseQuery = new URLSearchParams({ page: String(searchPage), per_page: String(perPage) });
    if (q("cari")) caseQuery.set("q", q("cari"));
    if (q("opd")) caseQuery.set("opd", q("opd"));
    if (q("prosedur")) caseQuery.set("workflow", q("prosedur"));
    clear(searchResults, loading("Mencari…"));
    await api<Api.ApiAnswers["GET /api/v1/cases"]>(`/cases?${caseQuery}`)
      .then(({ data }) => {
        if (data.items.length === 0) {
          clear(searchResults, h("p", { class: "empty" }, "Tidak ada kasus yang cocok."));
          return;
        }
        clear(
          searchResults,
          h("p", { class: "count" }, `${data.total_exact === false ? "Lebih dari " : ""}${formatNumber(data.total)} kasus ditemukan.`),
          h(
            "ol",
            { class: "cards", "data-testid": "search-results" },
            data.items.map((c) =>
              h(
                "li",
                { class: "card" },
                h("h3", null, h("a", { href: `/kasus/${c.id}` }, c.nama ?? `${c.workflow_title}, nomor ${c.id}`)),
                caseLine(c),
                h("p", { class: "meta" }, `${statusNames[c.status] ?? c.status} · diperbarui ${formatDateTime(c.updated_at)}`),
              ),
            ),
          ),
          numberedPager({
            page: searchPage,
            pages: Math.max(1, Math.ceil(data.total / perPage)),
            exact: data.total_exact !== false,
            label: "Halaman hasil pencarian",
            id: "ke-halaman-cari",
            go: (p) => apply({ halaman_cari: String(p) }),
          }),
        );
      })
      .catch((e) => clear(searchResults, errorBox(e)));
  }
  await tasksLoaded;
}

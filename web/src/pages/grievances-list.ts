// The grievance queue's rows: a page of the grievances the filters find
// (the server filters and sorts, nearest deadline first), with what only the
// case itself holds (category, NIK, links) read for the rows shown.
import { api, type CaseDetail, type CaseSummary, type Task } from "../api";
import { h, type Child } from "../dom";
import type * as Api from "../generated/api";
import { formatDate, formatDateTime, grievanceCategories, humanize, statusNames } from "../format";

// A page of GET /cases (with the stages' counts and the cursor when asked).
type CasePage = Api.ApiAnswers["GET /api/v1/cases"];

export interface QueueFilter {
  status: string; // "" = every status
  state: string;
  overdue: boolean;
  q: string;
}

function queueQuery(filter: QueueFilter): URLSearchParams {
  const query = new URLSearchParams({ workflow: "grievance", sort: "deadline" });
  if (filter.status) query.set("status", filter.status);
  if (filter.state) query.set("state", filter.state);
  if (filter.overdue) query.set("overdue", "true");
  if (filter.q) query.set("q", filter.q);
  return query;
}

// One page of the matching grievances, nearest deadline first (the server
// sorts), with how many there are and the stages they are in: by page
// number, or after a cursor (the next_after of the page before) past the
// pages a capped count can number.
export async function loadQueue(filter: QueueFilter, page: number, perPage: number, after = ""): Promise<CasePage> {
  const query = queueQuery(filter);
  if (after) query.set("after", after);
  else query.set("page", String(page));
  query.set("per_page", String(perPage));
  query.set("states", "true");
  return (await api<CasePage>(`/cases?${query}`)).data;
}

// How many of the matching grievances are late.
export async function countOverdue(filter: QueueFilter): Promise<CasePage> {
  const query = queueQuery({ ...filter, overdue: true });
  query.set("per_page", "1");
  return (await api<CasePage>(`/cases?${query}`)).data;
}

// The open task with the nearest deadline, if any.
export function nextTask(c: CaseSummary): Task | null {
  const dated = c.open_tasks.filter((t) => t.due_at).sort((a, b) => Date.parse(a.due_at!) - Date.parse(b.due_at!));
  return dated[0] ?? c.open_tasks[0] ?? null;
}

// Reads the cases of the rows shown, a few at a time.
export async function loadDetails(ids: number[]): Promise<Map<number, CaseDetail>> {
  const details = new Map<number, CaseDetail>();
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        details.set(id, (await api<CaseDetail>(`/cases/${id}`)).data);
      } catch {
        /* the row shows what the list holds */
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return details;
}

// A cell with its column's name (shown before it when rows become cards)
// and its content in one box.
function cell(label: string, extra: Record<string, unknown>, ...children: Child[]): HTMLElement {
  return h("td", { "data-label": label, ...extra }, h("div", null, ...children));
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}

function whoCell(c: CaseSummary, detail?: CaseDetail): HTMLElement {
  const data = detail?.data ?? {};
  const by = data.diajukan_oleh === "petugas" ? "Diajukan petugas untuk pekerja" : data.diajukan_oleh === "pekerja" ? "Diajukan sendiri oleh pekerja" : null;
  return cell(
    "Pelapor",
    {},
    h("span", { class: "reporter" }, c.nama ?? "—"),
    text(data.nik) && h("span", { class: "meta block" }, `NIK ${data.nik}`),
    by && h("span", { class: "meta block" }, by),
  );
}

function linkCell(detail?: CaseDetail): HTMLElement {
  const data = detail?.data ?? {};
  const links: HTMLElement[] = [];
  if (typeof data.kasus_terkait === "number") links.push(h("a", { href: `/kasus/${data.kasus_terkait}`, class: "block" }, `Berkas terkait (nomor ${data.kasus_terkait})`));
  if (typeof data.kontrak_terkait === "number")
    links.push(h("a", { href: `/kasus/${data.kontrak_terkait}`, class: "block" }, `Kontrak #${data.kontrak_terkait}`));
  return cell("Terkait", {}, links.length ? links : h("span", { class: "meta" }, "—"));
}

// The 60-day overall limit (Perpres 76/2013) runs from the complete file the
// workflow stamps (berkas_lengkap_pada); it is shown, the workflow's stage
// deadlines are what the tasks enforce.
const overallLimitDays = 60;

function deadlineCell(c: CaseSummary, detail?: CaseDetail): HTMLElement {
  const task = nextTask(c);
  const complete = text(detail?.data.berkas_lengkap_pada);
  const limit = complete ? new Date(Date.parse(complete) + overallLimitDays * 86_400_000) : null;
  const limitText = complete && limit ? formatDate(shiftIso(complete, limit)) : null;
  return cell(
    "Tenggat",
    { class: task?.overdue ? "due overdue" : "due" },
    task?.overdue && [h("strong", { class: "badge danger" }, "Terlambat"), " "],
    task?.due_at ? h("time", { datetime: task.due_at }, formatDateTime(task.due_at)) : h("span", { class: "meta" }, c.status === "completed" ? "Selesai" : "Tanpa tenggat tugas"),
    task && h("span", { class: "meta block" }, task.title),
    limitText && h("span", { class: "meta block" }, `Batas 60 hari: ${limitText}`),
  );
}

// An instant as ISO text with the offset of `like` (the regency's), so that
// format.ts shows it in the regency's time zone.
function shiftIso(like: string, at: Date): string {
  const offset = /([+-]\d{2}):(\d{2})$/.exec(like);
  if (!offset) return at.toISOString();
  const minutes = (offset[1].startsWith("-") ? -1 : 1) * (Math.abs(Number(offset[1])) * 60 + Number(offset[2]));
  const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offset[1]}:${offset[2]}`;
}

export function queueTable(rows: CaseSummary[], details: Map<number, CaseDetail>, caption: string): HTMLElement {
  return h(
    "div",
    { class: "queue-wrap" },
    h(
      "table",
      { class: "queue", "data-testid": "grievance-queue" },
      h("caption", null, caption),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["Tiket", "Pelapor", "Kategori", "Terkait", "Tahap", "Tenggat"].map((title) => h("th", { scope: "col" }, title)),
        ),
      ),
      h(
        "tbody",
        null,
        rows.map((c) => {
          const detail = details.get(c.id);
          const category = text(detail?.data.kategori);
          const overdue = c.open_tasks.some((t) => t.overdue);
          return h(
            "tr",
            { class: overdue ? "overdue" : null, "data-ticket": c.id },
            h("th", { scope: "row", "data-label": "Tiket" }, h("div", null, h("a", { href: `/kasus/${c.id}`, "aria-label": `Tiket #${c.id}, ${c.nama ?? "pengaduan"}` }, `#${c.id}`))),
            whoCell(c, detail),
            cell("Kategori", {}, category ? (grievanceCategories[category] ?? humanize(category)) : "—"),
            linkCell(detail),
            cell(
              "Tahap",
              {},
              c.state_title,
              h("span", { class: "meta block" }, statusNames[c.status] ?? c.status),
            ),
            deadlineCell(c, detail),
          );
        }),
      ),
    ),
  );
}

// One decision on the tasks selected in the inbox (a stack of SPTJM
// reminders, a day's BKAD validations): the decisions their stage offers,
// the chosen one's fields once for all, one confirmation, then what
// happened to each case (POST /tasks/decisions decides each on its own, with
// the version the inbox showed).
import { ApiError, api, type CaseDetail, type FormField, type InboxItem, type Outcome } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { formatNumber, humanize } from "../format";
import { fieldInput, inputOf, type Value } from "./decision-fields";
import { confirm, errorBox } from "./common";
import { workflowWords, type WorkflowWords } from "../words";

type DecisionAnswer = Api.ApiAnswers["POST /api/v1/tasks/decisions"];
// Each case's result: decided (status 200, with its new stage) or refused
// (a problem: status, title, the per-field errors).
type CaseResult = Api.BulkDecisionResult;
type Decided = Extract<CaseResult, { status: 200 }>;
type Refused = Exclude<CaseResult, Decided>;

// A refusal's status is any number, so `status === 200` alone does not tell
// the type checker which shape a result has.
function isDecided(result: CaseResult): result is Decided {
  return result.status === 200;
}

// Why a case was not decided, in words a person acts on.
function reasonOf(result: Refused, fields: FormField[]): string {
  switch (result.status) {
    case 412:
      return "Berkas ini diubah orang lain sejak daftar dimuat; buka dan putuskan sendiri.";
    case 404:
      return "Berkas ini tidak ada atau tidak dapat Anda lihat.";
    case 403:
      return "Keputusan ini bukan wewenang Anda untuk berkas ini.";
    case 409:
      return "Tahap berkas ini sudah berubah; keputusan ini tidak berlaku lagi.";
    case 422:
      return (result.errors ?? [])
        .map((e) => `${fields.find((f) => f.name === e.field)?.label || (e.field ? humanize(e.field) : "Keputusan")}: ${e.message}`)
        .join(" ");
    default:
      return result.title ?? "Tidak dapat diputuskan.";
  }
}

// Outcomes a stage offers that can be taken for many cases at once: not
// sent through another page, and asking no document (each case has its own).
function sharedOutcomes(detail: CaseDetail): Outcome[] {
  return detail.allowed_outcomes.filter((o) => !o.via && !o.form.some((f) => f.type === "document"));
}

export interface BulkPanel {
  element: HTMLElement;
  // The selection changed.
  update(selected: InboxItem[]): void;
}

export function bulkPanel(decided: () => Promise<void>): BulkPanel {
  const element = h("section", { class: "card bulk", "aria-labelledby": "massal-judul", hidden: true, "data-testid": "bulk" });
  // What the last decision did: a summary (focused) and a line per case.
  const summarySlot = h("div");
  const listSlot = h("div");
  const results = h("div", null, summarySlot, listSlot);
  const outcomesOfState = new Map<string, Promise<{ outcomes: Outcome[]; words: WorkflowWords | null }>>();
  let selected: InboxItem[] = [];
  let generation = 0;
  // Fixed parts, so that re-rendering the choice never moves the results
  // (nor the focus on their summary).
  const heading = h("h2", { id: "massal-judul" }, "Putuskan beberapa tugas sekaligus");
  const body = h("div");
  element.append(heading, body, results);

  const decisionsFor = (item: InboxItem) => {
    let known = outcomesOfState.get(item.state);
    if (!known) {
      known = api<CaseDetail>(`/cases/${item.case_id}`).then(async ({ data }) => ({
        outcomes: sharedOutcomes(data),
        words: await workflowWords(data.workflow, data.workflow_version),
      }));
      known.catch(() => outcomesOfState.delete(item.state));
      outcomesOfState.set(item.state, known);
    }
    return known;
  };

  async function send(outcome: Outcome, input: Record<string, unknown>, items: InboxItem[]): Promise<void> {
    const { data } = await api<DecisionAnswer>("/tasks/decisions", {
      method: "POST",
      json: { outcome: outcome.name, input, cases: items.map((t) => ({ id: t.case_id, version: t.case.version })) },
      headers: { "Idempotency-Key": randomKey() },
    });
    const nameOf = new Map(items.map((t) => [t.case_id, t.case.nama ?? `${t.case.workflow_title}, nomor ${t.case_id}`]));
    const summary = h(
      "p",
      { class: data.refused ? "warning" : "success", role: "status", "data-testid": "bulk-summary" },
      `Keputusan «${outcome.label}»: ${formatNumber(data.decided)} berkas diputuskan` +
        (data.refused ? `, ${formatNumber(data.refused)} tidak (lihat alasannya di bawah).` : "."),
    );
    clear(
      listSlot,
      h(
        "ul",
        { class: "bulk-results", "data-testid": "bulk-results" },
        data.results.map((r) =>
          h(
            "li",
            { class: isDecided(r) ? "done" : "refused", "data-case": String(r.id) },
            h("a", { href: `/kasus/${r.id}` }, nameOf.get(r.id) ?? `Berkas nomor ${r.id}`),
            " — ",
            isDecided(r) ? `tahap sekarang: ${r.state_title}` : reasonOf(r, outcome.form),
          ),
        ),
      ),
    );
    confirm(summarySlot, summary);
    await decided();
  }

  function render(): void {
    const mine = ++generation;
    if (selected.length === 0) {
      element.hidden = summarySlot.childElementCount === 0;
      heading.textContent = "Hasil keputusan bersama";
      clear(body);
      return;
    }
    element.hidden = false;
    heading.textContent = `${formatNumber(selected.length)} tugas dipilih`;
    const states = new Set(selected.map((t) => t.state));
    if (states.size > 1) {
      clear(body, h("p", null, "Pilih tugas dari tahap yang sama untuk diputuskan bersama."));
      return;
    }
    clear(body, h("p", { class: "loading" }, "Memuat keputusan tahap ini…"));
    const items = [...selected];
    decisionsFor(items[0])
      .then(({ outcomes, words }) => {
        if (mine !== generation) return;
        if (!outcomes.length) {
          clear(body, h("p", null, "Keputusan tahap ini diambil satu per satu di halaman kasusnya."));
          return;
        }
        const values = new Map<string, Value>();
        const choice = h(
          "select",
          { id: "keputusan-massal", name: "keputusan-massal" },
          h("option", { value: "" }, "— pilih keputusan —"),
          outcomes.map((o) => h("option", { value: o.name }, o.label)),
        ) as HTMLSelectElement;
        const fields = h("div");
        const message = h("div", { "aria-live": "assertive" });
        const go = h("button", { type: "submit", disabled: true }, `Putuskan untuk ${formatNumber(items.length)} tugas`) as HTMLButtonElement;
        const chosen = () => outcomes.find((o) => o.name === choice.value);
        choice.addEventListener("change", () => {
          values.clear();
          const outcome = chosen();
          clear(fields, outcome ? outcome.form.map((f) => fieldInput(f, values, [], words)) : []);
          go.disabled = !outcome;
          clear(message);
        });
        const form = h(
          "form",
          { novalidate: true },
          h("div", { class: "field" }, h("label", { for: "keputusan-massal" }, "Keputusan"), choice),
          fields,
          message,
          go,
        );
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          const outcome = chosen();
          if (!outcome) return;
          const { input, missing } = inputOf(outcome, values);
          if (missing.length) {
            clear(message, h("p", { class: "error", role: "alert" }, `Lengkapi isian wajib: ${missing.map((f) => f.label).join(", ")}.`));
            return;
          }
          // One confirmation for the whole selection.
          const yes = h("button", { type: "button" }, "Ya, putuskan") as HTMLButtonElement;
          const no = h("button", { type: "button", class: "secondary" }, "Batal");
          const ask = h(
            "div",
            { class: "confirm", role: "alertdialog", "aria-labelledby": "tanya-massal", "data-testid": "bulk-confirm" },
            h("p", { id: "tanya-massal" }, `Putuskan «${outcome.label}» untuk ${formatNumber(items.length)} tugas? Setiap berkas diputuskan sendiri-sendiri; yang tidak dapat diputuskan disebutkan alasannya.`),
            yes,
            no,
          );
          no.addEventListener("click", () => {
            clear(message);
            go.focus();
          });
          yes.addEventListener("click", async () => {
            yes.disabled = true;
            go.disabled = true;
            try {
              await send(outcome, input, items);
            } catch (e) {
              clear(message, e instanceof ApiError && e.errors.length ? h("p", { class: "error", role: "alert" }, e.errors.map((x) => x.message).join(" ")) : errorBox(e));
              go.disabled = false;
            }
          });
          clear(message, ask);
          yes.focus();
        });
        clear(body, form);
      })
      .catch((e) => clear(body, errorBox(e)));
  }

  return {
    element,
    update(next: InboxItem[]) {
      selected = next;
      render();
    },
  };
}

// The worker's own turn on a case (e.g. accept a grievance's resolution or
// appeal it, send the information asked for): one small form per outcome
// the server allows this worker now, sent with the version seen.
import { ApiError, api, type CaseDetail, type FieldError, type FormField, type Outcome } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { grievanceCategories, humanize } from "../format";
import { errorBox } from "./common";

function control(field: FormField, id: string, describedBy: string): HTMLElement {
  const common = { id, name: field.name, "aria-describedby": describedBy, "aria-required": field.required ? "true" : null };
  switch (field.type) {
    case "text":
      return h("textarea", { ...common, rows: 3 });
    case "choice":
      return h(
        "select",
        common,
        h("option", { value: "" }, "— pilih —"),
        (field.options ?? []).map((o) => h("option", { value: o }, grievanceCategories[o] ?? humanize(o))),
      );
    case "document":
      return h("input", { ...common, type: "file" });
    case "integer":
    case "number":
      return h("input", { ...common, type: "number", inputmode: "numeric", min: field.min, max: field.max });
    case "date":
      return h("input", { ...common, type: "date" });
    default:
      return h("input", { ...common, type: "text" });
  }
}

function outcomeForm(record: CaseDetail, outcome: Outcome, done: (updated: CaseDetail, text: string) => Promise<void>): HTMLElement {
  const prefix = `c${record.id}-${outcome.name}`;
  const message = h("div", { "aria-live": "polite" });
  const slots = new Map<string, HTMLElement>();
  const fields = outcome.form.map((field) => {
    const id = `${prefix}-${field.name}`;
    const slot = h("p", { class: "field-error", id: `${id}-galat`, hidden: true });
    slots.set(field.name, slot);
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, `${field.label || humanize(field.name)}${field.required ? " (wajib)" : " (boleh kosong)"}`),
      control(field, id, `${id}-galat`),
      slot,
    );
  });
  const button = h("button", { type: "submit" }, outcome.label);
  const form = h(
    "form",
    { class: "outcome", "aria-label": outcome.label, novalidate: true },
    fields,
    message,
    h("div", { class: "buttons" }, button),
  );

  function showErrors(errors: FieldError[]): void {
    slots.forEach((slot) => (slot.hidden = true));
    let first: HTMLElement | null = null;
    for (const error of errors) {
      const name = error.field.split(".").pop() ?? error.field;
      const slot = slots.get(name);
      if (!slot) continue;
      slot.textContent = error.message;
      slot.hidden = false;
      first ??= form.querySelector<HTMLElement>(`#${CSS.escape(`${prefix}-${name}`)}`);
    }
    first?.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(message);
    const input: Record<string, unknown> = {};
    const missing: FieldError[] = [];
    button.disabled = true;
    try {
      for (const field of outcome.form) {
        const element = form.querySelector<HTMLInputElement>(`#${CSS.escape(`${prefix}-${field.name}`)}`)!;
        if (field.type === "document") {
          const file = element.files?.[0];
          if (!file) {
            if (field.required) missing.push({ field: field.name, message: `${field.label || humanize(field.name)} wajib dilampirkan.` });
            continue;
          }
          // The document goes up first; the outcome carries its reference.
          const { data } = await api<Api.ApiAnswers["POST /api/v1/cases/{id}/documents"]>(`/cases/${record.id}/documents?name=${encodeURIComponent(file.name)}`, {
            method: "POST",
            body: file,
            contentType: file.type || "application/octet-stream",
          });
          input[field.name] = data.reference;
          continue;
        }
        const value = element.value.trim();
        if (!value) {
          if (field.required) missing.push({ field: field.name, message: `${field.label || humanize(field.name)} wajib diisi.` });
          continue;
        }
        input[field.name] = field.type === "integer" ? Number.parseInt(value, 10) : field.type === "number" ? Number(value) : value;
      }
      if (missing.length) {
        showErrors(missing);
        clear(message, h("p", { class: "error", role: "alert" }, "Lengkapi isian yang ditandai."));
        return;
      }
      showErrors([]);
      const { data } = await api<Api.ApiAnswers["POST /api/v1/cases/{id}/outcomes/{outcome}"]>(`/cases/${record.id}/outcomes/${encodeURIComponent(outcome.name)}`, {
        method: "POST",
        json: { input },
        headers: { "If-Match": `"${record.version}"`, "Idempotency-Key": randomKey() },
      });
      await done(data, `«${outcome.label}» terkirim. Tahap sekarang: ${data.state_title}.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        clear(message, h("p", { class: "error", role: "alert" }, "Pengaduan ini baru saja berubah. Muat ulang halaman untuk melihat keadaan terbaru; isian Anda belum terkirim."));
      } else if (e instanceof ApiError && e.errors.length) {
        showErrors(e.errors);
        clear(message, h("p", { class: "error", role: "alert" }, `${e.title}: periksa isian yang ditandai.`));
      } else {
        clear(message, errorBox(e));
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// The worker's turn on `record`, or null when there is none.
export function workerTurn(record: CaseDetail, done: (updated: CaseDetail, text: string) => Promise<void>): HTMLElement | null {
  if (!record.allowed_outcomes.length) return null;
  return h(
    "div",
    { class: "your-turn", "data-testid": "your-turn" },
    h("h4", null, "Giliran Anda"),
    record.state_description && h("p", null, record.state_description),
    record.allowed_outcomes.map((o) => outcomeForm(record, o, done)),
  );
}

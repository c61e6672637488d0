// The fields of a decision, as inputs that keep what the person types, and
// the input a decision sends from them: the case page's form and the
// inbox's decision on many tasks share these.
import type { DocumentInfo, FormField, Outcome } from "../api";
import { h } from "../dom";
import { humanize } from "../format";
import { employmentNames, ratingNames } from "./performance-words";
import { valueWords, type WorkflowWords } from "../words";

export type Value = string | boolean;

// The words of a choice's options where the code is not what people read.
const optionWords: Record<string, Record<string, string>> = {
  jenis_kepegawaian: employmentNames,
  hasil_kerja: ratingNames,
  perilaku_kerja: ratingNames,
};

function optionLabel(field: FormField, option: string, words: WorkflowWords | null): string {
  return field.option_labels?.[option] ?? valueWords(words, field.name, option) ?? optionWords[field.name]?.[option] ?? humanize(option);
}

export function fieldId(name: string): string {
  return `isian-${name}`;
}

// One input for a form field, kept in `values` as the person types; a
// choice's options read in the workflow's words.
export function fieldInput(
  field: FormField,
  values: Map<string, Value>,
  documents: DocumentInfo[],
  words: WorkflowWords | null = null,
): HTMLElement {
  const id = fieldId(field.name);
  const label = `${field.label || humanize(field.name)}${field.required ? " (wajib)" : ""}`;
  const errorId = `${id}-galat`;
  const common = { id, name: field.name, "aria-describedby": errorId, "aria-required": field.required ? "true" : null };
  const current = values.get(field.name);
  const remember = (event: Event) => {
    const target = event.target as HTMLInputElement;
    values.set(field.name, target.type === "checkbox" ? target.checked : target.value);
  };
  let control: HTMLElement;
  switch (field.type) {
    case "boolean":
      return h(
        "div",
        { class: "field check" },
        h("input", { ...common, type: "checkbox", checked: current === true, onchange: remember }),
        h("label", { for: id }, label),
        h("p", { class: "field-error", id: errorId, hidden: true }),
      );
    case "text":
      control = h("textarea", { ...common, rows: 3, value: typeof current === "string" ? current : "", oninput: remember });
      break;
    case "choice":
      control = h(
        "select",
        { ...common, onchange: remember },
        h("option", { value: "" }, "— pilih —"),
        (field.options ?? []).map((o) => h("option", { value: o, selected: current === o }, optionLabel(field, o, words))),
      );
      break;
    case "document":
      control = h(
        "select",
        { ...common, onchange: remember },
        h("option", { value: "" }, documents.length ? "— pilih dokumen yang diunggah —" : "— unggah dokumen dulu (bagian Dokumen) —"),
        documents.map((d) => h("option", { value: d.reference, selected: current === d.reference }, d.name)),
      );
      break;
    default: {
      const type = field.type === "integer" || field.type === "number" ? "number" : field.type === "date" ? "date" : "text";
      control = h("input", {
        ...common,
        type,
        step: field.type === "integer" ? "1" : field.type === "number" ? "any" : null,
        inputmode: field.type === "integer" ? "numeric" : null,
        min: field.min,
        max: field.max,
        value: typeof current === "string" ? current : "",
        oninput: remember,
      });
    }
  }
  return h("div", { class: "field" }, h("label", { for: id }, label), control, h("p", { class: "field-error", id: errorId, hidden: true }));
}

export function inputOf(outcome: Outcome, values: Map<string, Value>): { input: Record<string, unknown>; missing: FormField[] } {
  const input: Record<string, unknown> = {};
  const missing: FormField[] = [];
  for (const field of outcome.form) {
    const value = values.get(field.name);
    if (field.type === "boolean") {
      input[field.name] = value === true;
      continue;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (!text) {
      if (field.required) missing.push(field);
      continue;
    }
    if (field.type === "integer") input[field.name] = Number.parseInt(text, 10);
    else if (field.type === "number") input[field.name] = Number(text);
    else input[field.name] = text;
  }
  return { input, missing };
}

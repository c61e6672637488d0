// The audit events of a case in plain words, oldest first. Steps and
// decisions are named in the workflow's words (its YAML's titles and
// labels); the performance evaluation's decisions read as sentences of their own.
import type { AuditEvent } from "../api";
import { h } from "../dom";
import { formatDateTime, humanize, roleNames } from "../format";
import { performanceDone, performanceSteps, performanceWorkflow } from "./performance-words";
import { outcomeWords, stateWords, type WorkflowWords } from "../words";

interface Words {
  steps: Record<string, string>;
  done: Record<string, string>;
}

const workflowWords: Record<string, Words> = {
  [performanceWorkflow]: { steps: performanceSteps, done: performanceDone },
};

function who(event: AuditEvent): string {
  if (event.role === "system" || event.actor === "system") return "Sistem";
  const role = roleNames[event.role] ?? event.role;
  return role ? `${event.actor} (${role})` : event.actor;
}

export function describeEvent(event: AuditEvent, workflow?: string, labels: WorkflowWords | null = null): string {
  const words = workflow ? workflowWords[workflow] : undefined;
  const step = (state: string) => words?.steps[state] ?? stateWords(labels, state);
  const move = (event: AuditEvent): string => {
    if (!event.from || !event.to || event.from === event.to) return event.to ? ` Tahap: ${step(event.to)}.` : "";
    return ` Dari tahap ${step(event.from)} ke ${step(event.to)}.`;
  };
  const payload = event.payload ?? {};
  const outcome = typeof payload.outcome === "string" ? payload.outcome : undefined;
  switch (event.type) {
    case "created":
      return `Kasus dibuat oleh ${who(event)}.${move(event)}`;
    case "fired":
    case "outcome":
      if (outcome && words?.done[outcome]) return `${who(event)} ${words.done[outcome]}.${move(event)}`;
      if (!outcome) return `${who(event)} mengambil keputusan.${move(event)}`;
      return `${who(event)} memutuskan «${outcomeWords(labels, event.from, outcome) ?? humanize(outcome)}».${move(event)}`;
    case "claimed":
      return `${who(event)} mengambil tugas ini.`;
    case "unclaimed":
      return `${who(event)} melepas tugas ini.`;
    case "escalated":
      return `Tenggat terlewati: tugas dieskalasi.${move(event)}`;
    case "timer":
      return `Waktu tunggu berakhir.${move(event)}`;
    case "incident":
      return `Terjadi kendala pada langkah otomatis${typeof payload.message === "string" ? `: ${payload.message}` : ""}.`;
    case "retried":
      return `${who(event)} mengulang langkah yang terkendala.${move(event)}`;
    case "data_updated":
      return `Data kasus diperbarui oleh ${who(event)}.`;
    case "signal":
      return `Pemberitahuan diterima.${move(event)}`;
    case "auto":
      return `Langkah otomatis dijalankan.${move(event)}`;
    default:
      return `${humanize(event.type)} oleh ${who(event)}.${move(event)}`;
  }
}

export function historyList(events: AuditEvent[], workflow?: string, labels: WorkflowWords | null = null): HTMLElement {
  if (events.length === 0) return h("p", { class: "empty" }, "Belum ada riwayat.");
  return h(
    "ol",
    { class: "timeline", "data-testid": "history" },
    events.map((event) =>
      h("li", null, h("time", { datetime: event.at }, formatDateTime(event.at)), h("p", null, describeEvent(event, workflow, labels))),
    ),
  );
}

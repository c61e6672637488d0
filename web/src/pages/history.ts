// The audit events of a case in plain words, oldest first.
import type { AuditEvent } from "../api";
import { h } from "../dom";
import { formatDateTime, humanize, roleNames } from "../format";

function who(event: AuditEvent): string {
  if (event.role === "system" || event.actor === "system") return "Sistem";
  const role = roleNames[event.role] ?? event.role;
  return role ? `${event.actor} (${role})` : event.actor;
}

function move(event: AuditEvent): string {
  if (!event.from || !event.to || event.from === event.to) return event.to ? ` Tahap: ${humanize(event.to)}.` : "";
  return ` Dari tahap ${humanize(event.from)} ke ${humanize(event.to)}.`;
}

export function describeEvent(event: AuditEvent): string {
  const payload = event.payload ?? {};
  const outcome = typeof payload.outcome === "string" ? payload.outcome : undefined;
  switch (event.type) {
    case "created":
      return `Kasus dibuat oleh ${who(event)}.${move(event)}`;
    case "fired":
    case "outcome":
      return `${who(event)} memutuskan «${humanize(outcome ?? "keputusan")}».${move(event)}`;
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

export function historyList(events: AuditEvent[]): HTMLElement {
  if (events.length === 0) return h("p", { class: "empty" }, "Belum ada riwayat.");
  return h(
    "ol",
    { class: "timeline", "data-testid": "history" },
    events.map((event) =>
      h("li", null, h("time", { datetime: event.at }, formatDateTime(event.at)), h("p", null, describeEvent(event))),
    ),
  );
}

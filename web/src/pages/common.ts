// Pieces the pages share: loading and error states, the due date of a task.
import { api, describe } from "../api";
import { h } from "../dom";
import { formatDateTime } from "../format";
import type { Task } from "../api";

export function errorBox(error: unknown): HTMLElement {
  return h("p", { class: "error", role: "alert" }, describe(error));
}

export function loading(text = "Memuat…"): HTMLElement {
  return h("p", { class: "loading", role: "status" }, text);
}

export function dueLine(task: Task): HTMLElement {
  return h(
    "p",
    { class: task.overdue ? "due overdue" : "due" },
    task.overdue && h("strong", { class: "badge danger" }, "Terlambat"),
    task.overdue ? " " : null,
    task.due_at ? `Tenggat: ${formatDateTime(task.due_at)}` : "Tanpa tenggat",
  );
}

// A confirmation the person must see: shown in `container`, then brought
// into view and focused (on a phone the form's button is far below it), so
// a screen reader reads it too.
export function confirm(container: HTMLElement, note: HTMLElement): void {
  note.tabIndex = -1;
  container.replaceChildren(note);
  note.focus({ preventScroll: true });
  note.scrollIntoView({ block: "center", behavior: "auto" });
}

// Downloads a file the API serves to a logged-in person (the bearer token
// goes with the request, so a plain link cannot fetch it) under `name`.
export async function saveFile(apiPath: string, name: string): Promise<void> {
  const { data } = await api<Blob>(apiPath.replace(/^\/api\/v1/, ""), { blob: true });
  const url = URL.createObjectURL(data);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

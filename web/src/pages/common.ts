// Pieces the pages share: loading and error states, the due date of a task.
import { describe } from "../api";
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

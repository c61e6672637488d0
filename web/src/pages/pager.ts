// Paging by number for long lists (the inbox, a search, the ranking): the
// first, previous, next and last pages, and a jump to any page by its
// number, so page 180 of a 9,000-task inbox is one step, not 179.
// `exact` false: the total is a lower bound (a search of a large inbox
// checks only its first tasks), so there may be pages past the last known
// and there is no "last" to jump to.
import { h } from "../dom";
import { formatNumber } from "../format";

export interface PagerOptions {
  page: number;
  pages: number;
  exact: boolean;
  label: string; // the navigation's name for a screen reader ("Halaman tugas")
  id: string; // unique on the page: the jump field's id
  go: (page: number) => void;
}

export function numberedPager({ page, pages, exact, label, id, go }: PagerOptions): HTMLElement | null {
  if (pages <= 1 && exact) return null;
  const last = exact ? pages : Number.MAX_SAFE_INTEGER;
  const input = h("input", {
    type: "number",
    id,
    name: id,
    min: "1",
    max: exact ? String(pages) : null,
    value: String(page),
    inputmode: "numeric",
    class: "page-number",
  }) as HTMLInputElement;
  const jump = h(
    "form",
    { class: "page-jump", novalidate: true },
    h("label", { for: id }, "Ke halaman"),
    input,
    h("button", { type: "submit", class: "secondary" }, "Buka"),
  );
  jump.addEventListener("submit", (event) => {
    event.preventDefault();
    const wanted = Math.min(last, Math.max(1, Math.trunc(Number(input.value)) || 1));
    if (wanted !== page) go(wanted);
    else input.value = String(page);
  });
  return h(
    "nav",
    { class: "pager", "aria-label": label },
    h("button", { type: "button", class: "secondary", disabled: page <= 1, onclick: () => go(1) }, "« Pertama"),
    h("button", { type: "button", class: "secondary", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Sebelumnya"),
    h("span", { "data-testid": "page-of" }, `Halaman ${formatNumber(page)} dari ${exact ? "" : "sedikitnya "}${formatNumber(pages)}`),
    h("button", { type: "button", class: "secondary", disabled: exact && page >= pages, onclick: () => go(page + 1) }, "Berikutnya ›"),
    exact && h("button", { type: "button", class: "secondary", disabled: page >= pages, onclick: () => go(pages) }, "Terakhir »"),
    jump,
  );
}

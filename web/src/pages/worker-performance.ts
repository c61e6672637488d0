// The worker's own performance evaluations on Status saya (phones first):
// for each year where it stands, the targets, each period's realisation and
// the supervisor's feedback, the predikat with its reason and whether it is
// final, the objection and its outcome, and the worker's turn as links to
// the case page, whose form sends it. Words only: no codes.
import "./performance.css";
import type { CaseDetail } from "../api";
import { h } from "../dom";
import { formatDateTime } from "../format";
import { objectionBlock, periodsBlock, ratingBlock, targetsBlock, type ViewOptions } from "./performance-view";
import { employmentOf, resultNames, text } from "./performance-words";

export function evaluationTitle(c: CaseDetail): string {
  return typeof c.data.tahun === "number" ? `Penilaian kinerja ${c.data.tahun}` : "Penilaian kinerja";
}

// "Guru Kelas · PPPK paruh waktu · Dinas Pendidikan"
export function evaluationMeta(c: CaseDetail): HTMLElement {
  const parts = [text(c.data.jabatan), employmentOf(c.data), text(c.data.opd)].filter(Boolean);
  return h("p", { class: "meta" }, parts.join(" · "));
}

// The worker's turn: what the step asks, and one link per decision they may
// take, to the case page where its form is.
export function evaluationTurn(c: CaseDetail): HTMLElement | null {
  const outcomes = c.allowed_outcomes.filter((o) => !o.via);
  if (!outcomes.length) return null;
  const objection = outcomes.some((o) => o.name === "ajukan_keberatan");
  return h(
    "div",
    { class: "your-turn", "data-testid": "perf-turn" },
    h("h4", null, "Giliran Anda"),
    c.state_description && h("p", null, c.state_description),
    objection && typeof c.data.dinilai_pada === "string" && h("p", null, `Hasil diberitahukan ${formatDateTime(c.data.dinilai_pada)}.`),
    h(
      "ul",
      { class: "perf-actions" },
      outcomes.map((o) =>
        h(
          "li",
          null,
          h("a", { class: "button-link", href: `/kasus/${c.id}`, "data-outcome": o.name }, o.label, h("span", { class: "visually-hidden" }, ` (${evaluationTitle(c)})`)),
        ),
      ),
    ),
    h("p", { class: "meta" }, "Tautan membuka halaman rincian, tempat isian dikirim."),
  );
}

// Before the rating: the targets and the periods. Once rated, the result
// comes first (a phone shows it without scrolling past the year), and the
// year's targets and periods fold under it.
export function evaluationBlocks(c: CaseDetail): HTMLElement {
  const options: ViewOptions = { level: "h4", idPrefix: `kinerja-${c.id}` };
  const result = c.result ? resultNames[c.result] : undefined;
  const rated = text(c.data.predikat) !== null;
  const year = [targetsBlock(c.data, options), periodsBlock(c.data, options)];
  return h(
    "div",
    { class: "perf-body" },
    !rated && year,
    ratingBlock(c.data, options),
    objectionBlock(c.data, options),
    result &&
      h(
        "section",
        { class: "perf-block", "aria-labelledby": `kinerja-${c.id}-tindak-lanjut`, "data-testid": "follow-up" },
        h("h4", { id: `kinerja-${c.id}-tindak-lanjut` }, "Tindak lanjut"),
        h("p", null, h("strong", null, result)),
        text(c.data.alasan_usulan) && h("p", null, h("span", { class: "label" }, "Alasan: "), text(c.data.alasan_usulan)),
      ),
    rated && h("details", { class: "perf-year" }, h("summary", null, "Target, realisasi dan umpan balik sepanjang tahun"), year),
  );
}

// The pieces of a performance evaluation as people read them, shared by the
// case page, the worker's page and the vendor's page: the targets (with the
// earlier versions and why they changed), each period's realisation and the
// supervisor's feedback, the rating with its predikat and reason, and the
// objection. Labels only: no codes, no field names.
import { h, type Child } from "../dom";
import { formatDate, formatDateTime } from "../format";
import {
  currentPeriod,
  decisionOf,
  indicatorsOf,
  objectionNames,
  periodsOf,
  predikatLabel,
  ratingLabel,
  ratingStatusNames,
  targetHistoryOf,
  text,
  type Indicator,
  type Period,
} from "./performance-words";

type Data = Record<string, unknown>;
type Level = "h2" | "h3" | "h4";

export interface ViewOptions {
  level: Level; // the heading of each block
  idPrefix: string; // unique per case on the page
  labels?: Record<string, string>; // the regency's predikat labels, when known
  documentName?: (reference: string) => string | null;
}

function lower(level: Level): "h3" | "h4" | "h5" {
  return level === "h2" ? "h3" : level === "h3" ? "h4" : "h5";
}

function block(options: ViewOptions, key: string, title: string, testId: string, ...children: Child[]): HTMLElement {
  const id = `${options.idPrefix}-${key}`;
  return h("section", { class: `perf-block perf-${key}`, "aria-labelledby": id, "data-testid": testId }, h(options.level, { id }, title), ...children);
}

// "Triwulan 1" when a year has four periods, "Semester 1" with two, else "Periode 1".
export function periodName(data: Data, number: number): string {
  const count = typeof data.jumlah_periode === "number" ? data.jumlah_periode : 0;
  const word = count === 4 ? "Triwulan" : count === 2 ? "Semester" : count === 12 ? "Bulan" : "Periode";
  return `${word} ${number}`;
}

function line(label: string, value: Child, className?: string): HTMLElement {
  return h("p", { class: className ?? null }, h("span", { class: "label" }, `${label}: `), value);
}

function indicatorList(indicators: Indicator[], testId?: string): HTMLElement {
  return h(
    "ol",
    { class: "perf-targets", "data-testid": testId ?? null },
    indicators.map((i) =>
      h(
        "li",
        null,
        h("p", { class: "indicator" }, i.indicator),
        h("p", { class: "target" }, h("span", { class: "label" }, "Target: "), i.target ?? "—"),
      ),
    ),
  );
}

export function targetsBlock(data: Data, options: ViewOptions): HTMLElement {
  const indicators = indicatorsOf(data);
  const earlier = targetHistoryOf(data);
  const note = text(data.catatan_target);
  const settled = text(data.target_berlaku_pada);
  return block(
    options,
    "target",
    "Target kinerja",
    "targets",
    indicators.length
      ? indicatorList(indicators, "target-list")
      : h("p", { class: "empty" }, "Target belum disusun oleh pejabat penilai."),
    note && line("Catatan pejabat penilai", note, "quote"),
    text(data.catatan_penetapan) && line("Catatan penetapan tanpa tanggapan pegawai", text(data.catatan_penetapan)),
    settled && h("p", { class: "meta" }, `Target berlaku sejak ${formatDate(settled)}.`),
    earlier.length > 0 &&
      h(
        "details",
        { class: "perf-earlier" },
        h("summary", null, `Target sebelumnya (${earlier.length})`),
        h(
          "ol",
          { class: "perf-history", "data-testid": "target-history" },
          earlier.map((e, i) =>
            h(
              "li",
              null,
              h("p", { class: "meta" }, `Usulan ke-${i + 1}${e.at ? `, dicatat ${formatDateTime(e.at)}` : ""}`),
              e.indicators.length ? indicatorList(e.indicators) : null,
              e.reason && line("Perubahan yang diminta pegawai", e.reason, "quote"),
            ),
          ),
        ),
      ),
  );
}

function periodItem(data: Data, period: Period, indicators: Indicator[], options: ViewOptions, waiting: boolean): HTMLElement {
  const name = (n: number) => indicators.find((i) => i.number === n)?.indicator ?? `Indikator ${n}`;
  const evidence = period.evidence ? (options.documentName?.(period.evidence) ?? "dilampirkan") : null;
  return h(
    "li",
    { class: waiting ? "perf-period waiting" : "perf-period", "data-testid": "period", "data-period": period.number },
    h(lower(options.level), null, periodName(data, period.number)),
    period.withoutRealisation
      ? h("p", null, "Ditutup tanpa realisasi.")
      : h(
          "ul",
          { class: "perf-results" },
          period.results.map((r) => h("li", null, h("span", { class: "label" }, `${name(r.number)}: `), r.value)),
        ),
    period.note && line("Catatan pegawai", period.note),
    evidence && line("Bukti dukung", evidence),
    period.feedback && line("Umpan balik pejabat penilai", period.feedback, "feedback"),
    waiting && h("p", { class: "meta" }, "Menunggu umpan balik pejabat penilai."),
    period.closedAt && h("p", { class: "meta" }, `Ditutup ${formatDateTime(period.closedAt)}.`),
  );
}

export function periodsBlock(data: Data, options: ViewOptions): HTMLElement | null {
  const periods = periodsOf(data);
  const now = currentPeriod(data);
  const indicators = indicatorsOf(data);
  const count = typeof data.jumlah_periode === "number" ? data.jumlah_periode : null;
  const at = typeof data.periode_ke === "number" ? data.periode_ke : null;
  if (!periods.length && !now && !indicators.length) return null;
  const rated = text(data.status_predikat) && data.status_predikat !== "belum_dinilai";
  return block(
    options,
    "periode",
    "Realisasi dan umpan balik",
    "periods",
    count !== null &&
      at !== null &&
      !rated &&
      h("p", { class: "meta" }, at > count ? `Semua ${count} periode sudah ditutup.` : `${periodName(data, at)} dari ${count} sedang berjalan.`),
    periods.length || now
      ? h("ol", { class: "perf-periods" }, periods.map((p) => periodItem(data, p, indicators, options, false)), now && periodItem(data, now, indicators, options, true))
      : h("p", { class: "empty" }, "Belum ada realisasi yang dicatat."),
  );
}

// The predikat with its reason and the two ratings; whether it is final.
export function ratingBlock(data: Data, options: ViewOptions): HTMLElement | null {
  const label = predikatLabel(data, options.labels);
  const work = ratingLabel(data, "hasil_kerja");
  const behaviour = ratingLabel(data, "perilaku_kerja");
  if (!label && !work) return null;
  const decision = decisionOf(data);
  const status = text(data.status_predikat);
  const announced = text(data.dinilai_pada);
  const final = text(data.final_pada);
  return block(
    options,
    "hasil",
    "Hasil penilaian",
    "rating",
    label && h("p", { class: "perf-predikat" }, h("span", { class: "label" }, "Predikat kinerja: "), h("strong", { "data-testid": "predikat" }, label)),
    decision?.reason && line("Alasan", decision.reason, "perf-reason"),
    h(
      "dl",
      { class: "facts perf-ratings" },
      work && [h("dt", null, "Hasil kerja"), h("dd", { "data-testid": "hasil-kerja" }, work)],
      behaviour && [h("dt", null, "Perilaku kerja"), h("dd", { "data-testid": "perilaku-kerja" }, behaviour)],
      status && [h("dt", null, "Status hasil"), h("dd", { "data-testid": "status-hasil" }, ratingStatusNames[status] ?? status)],
      announced && [h("dt", null, "Diberitahukan"), h("dd", null, formatDateTime(announced))],
      final && status === "final" && [h("dt", null, "Final sejak"), h("dd", null, formatDateTime(final))],
    ),
    text(data.catatan_evaluasi) && line("Catatan pejabat penilai", text(data.catatan_evaluasi), "quote"),
    decision?.sentence && h("p", { class: "meta perf-sentence" }, decision.sentence),
  );
}

export function objectionBlock(data: Data, options: ViewOptions): HTMLElement | null {
  const state = text(data.keberatan);
  if (!state) return null;
  const before = text(data.predikat_sebelum_keberatan);
  const beforeLabel = before ? options.labels?.[before] : undefined;
  return block(
    options,
    "keberatan",
    "Keberatan",
    "objection",
    h("p", { "data-testid": "objection-outcome" }, h("strong", null, objectionNames[state] ?? state)),
    state === "diterima" && beforeLabel && h("p", null, `Predikat semula: ${beforeLabel}.`),
    text(data.alasan_keberatan) && line("Alasan keberatan", text(data.alasan_keberatan), "quote"),
    text(data.keberatan_diajukan_pada) && h("p", { class: "meta" }, `Diajukan ${formatDateTime(text(data.keberatan_diajukan_pada))}.`),
    text(data.alasan_putusan) && line("Alasan putusan Kepala OPD", text(data.alasan_putusan), "quote"),
    text(data.keberatan_diputus_pada) && h("p", { class: "meta" }, `Diputus ${formatDateTime(text(data.keberatan_diputus_pada))}; putusan ini final.`),
  );
}

// Penilaian kinerja (admin, officers, OPD heads): the predikat per OPD for a
// year (GET /performance/summary), as a chart and a table with each
// predikat's count and share of the rated evaluations, the predikat above
// the regency's cap marked in words, and a total row; an OPD head reads
// their own OPD only. Officers and the admin also open a year from a CSV
// list (performance-open.ts).
import "./dashboard.css";
import "./performance.css";
import { chartFigure } from "../charts/bar-chart";
import { stackedBarChart } from "../charts/stacked-bar-chart";
import { clear, h } from "../dom";
import { formatNumber } from "../format";
import { navigate, type PageContext } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import {
  firstYear,
  formatPercent,
  hasData,
  latestSummary,
  loadSummary,
  predikatColumns,
  ratedCount,
  shareOf,
  sumOf,
  yearChoices,
  type Counts,
  type PredikatColumn,
  type Summary,
} from "./performance-data";
import { openYearForm } from "./performance-open";

function keyFigures(total: Counts): HTMLElement {
  const figure = (label: string, value: number, key: string) =>
    h("div", { class: "key-figure", "data-key": key }, h("dt", null, label), h("dd", null, formatNumber(value)));
  return h(
    "dl",
    { class: "key-figures", "data-testid": "angka-kinerja" },
    figure("Pegawai dinilai", total.jumlah, "jumlah"),
    figure("Belum dinilai", total.belum_dinilai, "belum_dinilai"),
    figure("Diumumkan, masa keberatan", total.diumumkan, "diumumkan"),
    figure("Final", total.final, "final"),
    figure("Keberatan", total.keberatan, "keberatan"),
  );
}

function capsNote(columns: PredikatColumn[]): HTMLElement {
  const capped = columns.filter((c) => c.cap !== null);
  return h(
    "section",
    { class: "card caps", "aria-labelledby": "batas-judul", "data-testid": "batas-sebaran" },
    h("h2", { id: "batas-judul" }, "Batas sebaran predikat"),
    capped.length
      ? [
          h(
            "p",
            null,
            "Aturan daerah ini membatasi sebaran predikat per OPD: ",
            capped.map((c, i) => [i ? (i === capped.length - 1 ? " dan " : ", ") : "", h("strong", null, c.label), ` paling banyak ${formatPercent(c.cap!)}`]),
            " dari pegawai yang sudah dinilai (diumumkan atau final).",
          ),
          h(
            "p",
            null,
            "Batas ini penanda bagi pimpinan, bukan larangan: penilaian pejabat penilai tetap berlaku, dan predikat yang melewati batasnya ditandai «melebihi batas» pada tabel (PermenPANRB 6/2022 mengaitkan sebaran predikat pegawai dengan predikat kinerja organisasi).",
          ),
        ]
      : h("p", null, "Aturan daerah ini tidak menetapkan batas sebaran predikat."),
  );
}

// One predikat's cell: the count, its share, and the cap's mark in words.
function predikatCell(counts: Counts, column: PredikatColumn): HTMLElement {
  const count = counts.predikat[column.key] ?? 0;
  const share = shareOf(counts, column.key);
  const over = counts.melebihi_batas.includes(column.key);
  return h(
    "td",
    { class: over ? "num over-cap" : "num", "data-key": column.key, "data-label": column.label },
    h("span", { class: "count" }, formatNumber(count)),
    share !== null && h("span", { class: "share" }, ` (${formatPercent(share)})`),
    over && column.cap !== null && h("strong", { class: "cap-mark", "data-testid": "melebihi-batas" }, `melebihi batas ${formatPercent(column.cap)}`),
  );
}

function countCell(key: string, label: string, value: number | string): HTMLElement {
  return h("td", { class: "num", "data-key": key, "data-label": label }, typeof value === "number" ? formatNumber(value) : value);
}

function summaryRow(tag: "th", name: string, counts: Counts, columns: PredikatColumn[], key: string): HTMLElement {
  return h(
    "tr",
    { "data-key": key },
    h(tag, { scope: "row" }, name),
    countCell("jumlah", "Pegawai", counts.jumlah),
    countCell("belum_dinilai", "Belum dinilai", counts.belum_dinilai),
    countCell("diumumkan", "Diumumkan", counts.diumumkan),
    countCell("final", "Final", counts.final),
    countCell("keberatan", "Keberatan (diterima)", `${formatNumber(counts.keberatan)} (${formatNumber(counts.keberatan_diterima)})`),
    columns.map((c) => predikatCell(counts, c)),
  );
}

function opdTable(summary: Summary, columns: PredikatColumn[]): HTMLElement {
  const caption = `Penilaian kinerja per OPD, tahun ${summary.tahun}`;
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      { class: "data-table wide opd perf-table", "data-testid": "tabel-kinerja" },
      h("caption", null, caption),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", { scope: "col" }, "OPD"),
          h("th", { scope: "col", class: "num" }, "Pegawai"),
          h("th", { scope: "col", class: "num" }, "Belum dinilai"),
          h("th", { scope: "col", class: "num" }, "Diumumkan"),
          h("th", { scope: "col", class: "num" }, "Final"),
          h("th", { scope: "col", class: "num" }, "Keberatan (diterima)"),
          columns.map((c) =>
            // "Kurang/Misconduct" may break after its slash.
            h("th", { scope: "col", class: "num", "data-key": c.key }, c.label.split("/").map((part, i) => (i ? ["/", h("wbr"), part] : part)), c.cap !== null && h("span", { class: "cap" }, ` (batas ${formatPercent(c.cap)})`)),
          ),
        ),
      ),
      h("tbody", null, summary.per_opd.map((o) => summaryRow("th", o.opd || "(tanpa OPD)", o, columns, o.opd))),
      summary.total && h("tfoot", null, summaryRow("th", "Jumlah", summary.total, columns, "jumlah")),
    ),
  );
}

function predikatFigure(summary: Summary, columns: PredikatColumn[]): HTMLElement {
  const title = "Sebaran predikat per OPD";
  const rows = summary.per_opd.map((o) => ({ key: o.opd, label: o.opd || "(tanpa OPD)", values: columns.map((c) => o.predikat[c.key] ?? 0) }));
  return chartFigure(
    title,
    stackedBarChart(title, columns.map((c) => ({ key: c.key, label: c.label })), rows),
    opdTable(summary, columns),
    "Persentase: bagian dari pegawai yang sudah dinilai (diumumkan atau final) di OPD itu. Keberatan: yang diajukan, dan dalam kurung yang diterima.",
    { stacked: true },
  );
}

function summaryView(summary: Summary): HTMLElement {
  const columns = predikatColumns(summary);
  const total = summary.total ?? sumOf(summary.per_opd);
  if (!hasData(summary))
    return h(
      "div",
      { "data-testid": "kinerja-kosong" },
      h("p", { class: "empty" }, `Belum ada penilaian kinerja untuk tahun ${summary.tahun}.`),
      capsNote(columns),
    );
  const rated = ratedCount(total);
  return h(
    "div",
    null,
    keyFigures(total),
    capsNote(columns),
    h(
      "section",
      { "aria-labelledby": "opd-kinerja-judul" },
      h("h2", { id: "opd-kinerja-judul" }, "Predikat per OPD"),
      h(
        "p",
        { class: "meta" },
        `${formatNumber(summary.per_opd.length)} OPD, ${formatNumber(rated)} pegawai sudah dinilai. Geser tabel ke samping untuk melihat semua kolom.`,
      ),
      predikatFigure(summary, columns),
    ),
  );
}

export async function renderPerformance({ main, query }: PageContext): Promise<void> {
  const session = currentSession()!;
  const role = session.user.role;
  const thisYear = new Date().getFullYear();
  const years = yearChoices(thisYear);
  const asked = Number(query.get("tahun"));
  const wanted = Number.isInteger(asked) && asked >= firstYear && asked <= thisYear + 1 ? asked : null;

  const lead = h("p", { class: "lead" }, "Predikat kinerja pegawai PPPK, PPPK paruh waktu dan alih daya per OPD.");
  const yearSelect = h("select", { id: "tahun", name: "tahun" }, years.map((y) => h("option", { value: String(y) }, String(y))));
  const yearForm = h(
    "form",
    { class: "year-form", "aria-label": "Pilih tahun penilaian" },
    h("div", { class: "field" }, h("label", { for: "tahun" }, "Tahun penilaian"), yearSelect),
    h("button", { type: "submit" }, "Tampilkan"),
  );
  yearForm.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(`/kinerja?tahun=${yearSelect.value}`);
  });
  const view = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("Memuat penilaian kinerja…"));
  const officer = role === "admin" || role === "officer";
  main.classList.add("perf-page");
  main.append(h("h1", null, "Penilaian kinerja"), lead, yearForm, view);

  async function show(load: () => Promise<Summary>): Promise<void> {
    view.setAttribute("aria-busy", "true");
    try {
      const summary = await load();
      yearSelect.value = String(summary.tahun);
      lead.textContent =
        role === "opd_head"
          ? `Predikat kinerja pegawai ${session.user.opd ?? "OPD Anda"}, tahun ${summary.tahun}.`
          : `Predikat kinerja pegawai PPPK, PPPK paruh waktu dan alih daya per OPD, tahun ${summary.tahun}.`;
      clear(view, summaryView(summary));
    } catch (error) {
      clear(view, errorBox(error));
    }
    view.setAttribute("aria-busy", "false");
  }

  await show(() => (wanted ? loadSummary(wanted) : latestSummary(thisYear)));
  if (officer)
    main.append(
      openYearForm(years, Number(yearSelect.value) || thisYear, async (year) => {
        history.replaceState(null, "", `/kinerja?tahun=${year}`);
        await show(() => loadSummary(year));
      }),
    );
}

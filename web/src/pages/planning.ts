// Perencanaan (admin and officers, for the regency's leadership): the needs
// by workload (ABK) per OPD as a chart and a table, with the formasi they
// propose to download; the regency's scenarios compared side by side (cost
// bars against the 30% cap, outcomes, needs left open) and the workers whose
// outcome differs between the first two, with why; CSV and XLSX downloads.
// Simulation writes nothing (POST /planning/simulate).
import "./planning.css";
import { api } from "../api";
import { barChart, chartFigure } from "../charts/bar-chart";
import { dataTable } from "../charts/data-table";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { saveFile } from "../export/download";
import { buildXlsx, xlsxType, type Cell } from "../export/xlsx";
import { formatNumber, formatRupiah } from "../format";
import { announce, type PageContext } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import { adoptionSection } from "./planning-adopt";
import { comparisonRows, needColumns, needRows, planningOutcomeName, type Comparison, type Needs, type ScenarioFile } from "./planning-data";
import { csvText } from "../export/csv";

function needsSection(needs: Needs, regency: string): HTMLElement {
  const { rows, total } = needRows(needs);
  const bars = needs.opd.filter((o) => o.kurang_asn > 0).map((o) => ({ key: o.opd, label: o.opd, value: o.kurang_asn }));
  const download = h("button", { type: "button", class: "secondary" }, "Unduh usulan formasi (YAML)");
  download.addEventListener("click", () =>
    saveFile(new Blob([needs.usulan_formasi_yaml], { type: "text/yaml" }), `usulan-formasi-${regency}.yaml`),
  );
  return h(
    "section",
    { "aria-labelledby": "kebutuhan-judul", "data-testid": "needs" },
    h("h2", { id: "kebutuhan-judul" }, "Kebutuhan menurut beban kerja (ABK)"),
    h(
      "p",
      { class: "meta" },
      `Waktu kerja efektif ${formatNumber(needs.wke_menit)} menit setahun. Kekurangan ASN: kebutuhan dikurangi PNS dan PPPK yang ada, per jabatan.`,
    ),
    chartFigure(
      "Kekurangan ASN per OPD",
      barChart("Kekurangan ASN per OPD", bars),
      dataTable({ caption: "Kebutuhan dan pegawai per OPD", rowHeader: "OPD", columns: needColumns, rows, total, testId: "needs-table" }),
    ),
    h(
      "p",
      null,
      `${needs.usulan_formasi.length} formasi diusulkan dari kekurangan ASN (${formatNumber(
        needs.usulan_formasi.reduce((sum, f) => sum + f.jumlah, 0),
      )} orang). `,
      download,
    ),
  );
}

function comparisonTable(comparison: Comparison): HTMLElement {
  const rows = comparisonRows(comparison);
  const money = new Set(["biaya", "belanja_pegawai_baru"]);
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Perbandingan skenario" },
    h(
      "table",
      { class: "data-table", "data-testid": "comparison" },
      h("caption", null, "Perbandingan skenario"),
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, "Ukuran"), comparison.skenario.map((s) => h("th", { scope: "col" }, s.nama))),
      ),
      h(
        "tbody",
        null,
        rows.map((row) =>
          h(
            "tr",
            { "data-key": row.key },
            h("th", { scope: "row" }, row.label),
            row.values.map((v) => h("td", { class: "num" }, typeof v === "number" ? (money.has(row.key) ? formatRupiah(v) : formatNumber(v)) : v)),
          ),
        ),
      ),
    ),
  );
}

function costFigure(comparison: Comparison): HTMLElement | null {
  const withCost = comparison.skenario.filter((s) => s.biaya);
  if (!withCost.length) return null;
  const limit = withCost[0].biaya!.batas_persen;
  const share = barChart(
    `Belanja pegawai sesudah, batas ${limit}%`,
    withCost.map((s) => ({ key: s.nama, label: `${s.nama}${s.biaya!.melewati_batas ? " (melewati batas)" : ""}`, value: Math.round(s.biaya!.persen_sesudah * 100) / 100 })),
  );
  const cost = barChart(
    "Biaya setahun (juta rupiah)",
    withCost.map((s) => ({ key: s.nama, label: s.nama, value: Math.round(s.biaya!.total / 1_000_000) })),
  );
  return h(
    "div",
    { class: "planning-charts" },
    h(
      "figure",
      { class: "chart-figure" },
      h(
        "figcaption",
        null,
        h("h3", null, "Belanja pegawai terhadap total belanja (%)"),
        h("p", { class: "meta", "data-testid": "cap-line" }, `Batas ${limit}% (UU 1/2022 Pasal 146); sebelum: ${withCost[0].biaya!.persen_sebelum.toFixed(2).replace(".", ",")}%.`),
      ),
      h("div", { class: "chart" }, share),
    ),
    h("figure", { class: "chart-figure" }, h("figcaption", null, h("h3", null, "Biaya setahun (juta rupiah)")), h("div", { class: "chart" }, cost)),
  );
}

function differencesSection(comparison: Comparison): HTMLElement | null {
  if (!comparison.beda || comparison.skenario.length < 2) return null;
  const [a, b] = comparison.skenario;
  const { total, items } = comparison.beda;
  return h(
    "section",
    { "aria-labelledby": "beda-judul", "data-testid": "differences" },
    h("h3", { id: "beda-judul" }, `Pekerja yang usulannya berbeda: ${a.nama} dan ${b.nama}`),
    h("p", { class: "meta" }, total > items.length ? `${formatNumber(total)} pekerja; ${items.length} pertama ditampilkan.` : `${formatNumber(total)} pekerja.`),
    items.length
      ? h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Pekerja yang usulannya berbeda" },
          h(
            "table",
            { class: "data-table" },
            h("caption", { class: "visually-hidden" }, "Pekerja yang usulannya berbeda"),
            h("thead", null, h("tr", null, ["Nama", "OPD", a.nama, b.nama, "Alasan"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              null,
              items.map((d) =>
                h("tr", null, h("td", null, d.nama), h("td", null, d.opd), h("td", null, planningOutcomeName(d.usulan_a)), h("td", null, planningOutcomeName(d.usulan_b)), h("td", null, d.penjelasan_b)),
              ),
            ),
          ),
        )
      : h("p", { class: "empty" }, "Tidak ada pekerja yang usulannya berbeda."),
  );
}

function downloads(comparison: Comparison, regency: string): HTMLElement {
  const rows = comparisonRows(comparison);
  const header: Cell[] = ["Ukuran", ...comparison.skenario.map((s) => s.nama)];
  const body: Cell[][] = rows.map((r) => [r.label, ...r.values]);
  const diffHeader: Cell[] = ["NIK", "Nama", "OPD", "Usulan A", "Usulan B", "Alasan"];
  const diffRows: Cell[][] = (comparison.beda?.items ?? []).map((d) => [d.nik, d.nama, d.opd, planningOutcomeName(d.usulan_a), planningOutcomeName(d.usulan_b), d.penjelasan_b]);
  const csv = h("button", { type: "button", class: "secondary" }, "Unduh CSV");
  csv.addEventListener("click", () =>
    saveFile(new Blob([csvText([header, ...body, [], diffHeader, ...diffRows])], { type: "text/csv" }), `skenario-${regency}.csv`),
  );
  const xlsx = h("button", { type: "button", class: "secondary" }, "Unduh XLSX");
  xlsx.addEventListener("click", () => {
    const bytes = buildXlsx([
      { name: "Perbandingan", rows: [header, ...body], boldRows: [0], widths: [34, ...comparison.skenario.map(() => 24)] },
      { name: "Pekerja berbeda", rows: [diffHeader, ...diffRows], boldRows: [0], widths: [18, 28, 34, 18, 18, 80] },
    ]);
    saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: xlsxType }), `skenario-${regency}.xlsx`);
  });
  return h("p", { class: "downloads" }, csv, " ", xlsx);
}

export async function renderPlanning({ main }: PageContext): Promise<void> {
  const { regency, role } = currentSession()!.user;
  const adoptionSlot = h("div");
  const needsSlot = h("div", { "aria-busy": "true" }, loading("Memuat analisis beban kerja…"));
  const choices = h("fieldset", { class: "scenario-choices" }, h("legend", null, "Skenario yang dibandingkan (paling banyak 5)"));
  const compare = h("button", { type: "submit" }, "Bandingkan");
  const result = h("div", { "aria-live": "polite" });
  const form = h("form", { "data-testid": "scenario-form" }, choices, compare);
  main.append(
    h("h1", null, "Perencanaan kebutuhan pegawai"),
    h("p", { class: "lead" }, "Kebutuhan menurut beban kerja, biaya setiap usulan terhadap APBD, dan skenario yang dibandingkan berdampingan. Simulasi tidak mengubah data."),
    needsSlot,
    adoptionSlot,
    h("section", { "aria-labelledby": "skenario-judul" }, h("h2", { id: "skenario-judul" }, "Skenario"), form, result),
  );

  try {
    const { data } = await api<Api.ApiAnswers["GET /api/v1/planning/needs"]>("/planning/needs");
    clear(needsSlot, needsSection(data, regency));
  } catch (e) {
    clear(needsSlot, errorBox(e));
  }
  needsSlot.setAttribute("aria-busy", "false");

  let files: ScenarioFile[] = [];
  const showAdoption = async (message = ""): Promise<void> => {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/planning/scenarios"]>("/planning/scenarios");
      files = data.items;
      clear(adoptionSlot, adoptionSection(data.berlaku, files, role === "admin", showAdoption, message));
    } catch (e) {
      clear(adoptionSlot, errorBox(e));
    }
  };
  await showAdoption();
  if (!files.length) choices.append(h("p", { class: "empty" }, "Daerah ini belum mempunyai berkas skenario."));
  files.forEach((f, i) => {
    const id = `skenario-${i}`;
    choices.append(
      h(
        "div",
        { class: "choice" },
        h("input", { type: "checkbox", id, name: "skenario", value: f.berkas, checked: i < 5 }),
        h("label", { for: id }, h("strong", null, f.nama), f.keterangan && h("span", { class: "meta" }, ` — ${f.keterangan}`)),
      ),
    );
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = [...choices.querySelectorAll<HTMLInputElement>("input[name=skenario]:checked")].map((c) => c.value);
    if (!chosen.length || chosen.length > 5) {
      clear(result, h("p", { class: "error", role: "alert" }, "Pilih satu sampai lima skenario."));
      return;
    }
    result.setAttribute("aria-busy", "true");
    clear(result, loading("Menjalankan simulasi…"));
    try {
      const { data } = await api<Api.ApiAnswers["POST /api/v1/planning/simulate"]>("/planning/simulate", { method: "POST", json: { skenario: chosen, beda_batas: 100 } });
      clear(result, comparisonTable(data), costFigure(data), differencesSection(data), downloads(data, regency));
      announce(`${data.skenario.length} skenario dibandingkan.`);
    } catch (e) {
      clear(result, errorBox(e));
    }
    result.setAttribute("aria-busy", "false");
  });
}

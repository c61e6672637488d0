// Peringkat: the regency's verified workers as the server ranks them (the
// national order and the regency's scorecard), with their proposed outcome
// and formasi; counts per outcome, the ranking's number, filters (outcome,
// OPD, name or NIK) and pages of 25, each worker's explanation on demand,
// and the officer's "propose to Kepala BKPSDM".
import { api, describe } from "../api";
import { clear, h } from "../dom";
import { formatDate, formatNumber } from "../format";
import { announce, type PageContext } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import { type RankedWorker, type RankingPage, groupName, outcomeCodes, outcomeName } from "./ranking-data";
import { loadExplanation } from "./ranking-explain";
import { downloadRankingXlsx } from "./ranking-export";
import { proposeSection } from "./ranking-propose";
import { numberedPager } from "./pager";
import "./ranking.css";

const perPage = 25;

interface Filters {
  usulan: string;
  opd: string;
  cari: string;
  halaman: number;
}

function filtersOf(query: URLSearchParams): Filters {
  return {
    usulan: query.get("usulan") ?? "",
    opd: query.get("opd") ?? "",
    cari: query.get("cari") ?? "",
    halaman: Math.max(1, Number(query.get("halaman")) || 1),
  };
}

function addressOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.usulan) q.set("usulan", f.usulan);
  if (f.opd) q.set("opd", f.opd);
  if (f.cari) q.set("cari", f.cari);
  if (f.halaman > 1) q.set("halaman", String(f.halaman));
  return `/peringkat${q.toString() ? `?${q}` : ""}`;
}

function apiQuery(f: Filters): string {
  const q = new URLSearchParams({ page: String(f.halaman), per_page: String(perPage) });
  if (f.usulan) q.set("usulan", f.usulan);
  if (f.opd) q.set("opd", f.opd);
  if (f.cari) q.set("q", f.cari);
  return q.toString();
}

function outcomeCounts(counts: Record<string, number>, testId: string, label: string): HTMLElement {
  return h(
    "ul",
    { class: "outcome-counts", "data-testid": testId, "aria-label": label },
    outcomeCodes(counts).map((code) =>
      h(
        "li",
        { class: `outcome outcome-${code}`, "data-outcome": code },
        h("span", { class: "outcome-name" }, outcomeName(code)),
        h("span", { class: "outcome-number" }, formatNumber(counts[code] ?? 0)),
      ),
    ),
  );
}

function summary(data: RankingPage, f: Filters): HTMLElement {
  const ranked = Object.values(data.per_usulan).reduce((a, b) => a + b, 0);
  const opdCounts = f.opd ? data.per_opd[f.opd] : undefined;
  const left = Object.entries(data.sisa_formasi);
  return h(
    "section",
    { class: "card ranking-summary", "aria-labelledby": "ringkasan-judul" },
    h("h2", { id: "ringkasan-judul" }, "Ringkasan"),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "Nomor hasil"),
      h("dd", { "data-testid": "ranking-number" }, data.nomor_pemeringkatan),
      h("dt", null, "Tanggal acuan"),
      h("dd", null, formatDate(data.tanggal_acuan)),
      h("dt", null, "Pekerja diperingkat"),
      h("dd", { "data-testid": "ranked-total" }, formatNumber(ranked)),
    ),
    h("h3", { id: "usulan-judul" }, "Usulan per jenis"),
    outcomeCounts(data.per_usulan, "outcome-counts", "Jumlah usulan per jenis"),
    opdCounts &&
      h(
        "div",
        null,
        h("h3", null, `Di ${f.opd}`),
        outcomeCounts(opdCounts, "opd-outcome-counts", `Jumlah usulan di ${f.opd}`),
      ),
    left.length > 0 &&
      h(
        "details",
        { class: "formasi-left" },
        h("summary", null, "Sisa formasi"),
        h(
          "ul",
          null,
          left.map(([id, n]) => h("li", null, `${id}: ${formatNumber(n)} tempat belum terisi`)),
        ),
      ),
  );
}

function select(id: string, label: string, value: string, options: Array<[string, string]>): HTMLElement {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name: id }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))),
  );
}

function filterForm(data: RankingPage, f: Filters, apply: (f: Filters) => void): HTMLElement {
  const outcomeOptions: Array<[string, string]> = [
    ["", "Semua usulan"],
    ...outcomeCodes(data.per_usulan).map((code): [string, string] => [code, `${outcomeName(code)} (${formatNumber(data.per_usulan[code] ?? 0)})`]),
  ];
  const opds = Object.keys(data.per_opd).sort((a, b) => a.localeCompare(b, "id"));
  if (f.opd && !opds.includes(f.opd)) opds.unshift(f.opd);
  const opdOptions: Array<[string, string]> = [
    ["", "Semua OPD"],
    ...opds.map((opd): [string, string] => {
      const n = Object.values(data.per_opd[opd] ?? {}).reduce((a, b) => a + b, 0);
      return [opd, `${opd} (${formatNumber(n)})`];
    }),
  ];
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Saring peringkat" },
    select("usulan", "Usulan", f.usulan, outcomeOptions),
    select("opd", "OPD", f.opd, opdOptions),
    h(
      "div",
      { class: "field" },
      h("label", { for: "cari" }, "Nama atau NIK"),
      h("input", { id: "cari", name: "cari", type: "search", value: f.cari, autocomplete: "off" }),
    ),
    h("button", { type: "submit" }, "Terapkan"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = new FormData(form);
    apply({
      usulan: String(values.get("usulan") ?? ""),
      opd: String(values.get("opd") ?? ""),
      cari: String(values.get("cari") ?? "").trim(),
      halaman: 1,
    });
  });
  return form;
}

function workerRow(worker: RankedWorker, columns: number): HTMLElement[] {
  const panelId = `penjelasan-${worker.nik}`;
  const headingId = `${panelId}-judul`;
  const panel = h("div", { id: panelId, class: "explanation", "aria-live": "polite", "data-testid": "explanation" });
  const panelRow = h("tr", { class: "explanation-row", hidden: true }, h("td", { colspan: String(columns) }, panel));
  const button = h(
    "button",
    { type: "button", class: "secondary small", "aria-expanded": "false", "aria-controls": panelId, "aria-label": `Penjelasan untuk ${worker.nama ?? worker.nik}` },
    "Penjelasan",
  );
  let loaded = false;
  button.addEventListener("click", async () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panelRow.hidden = !open;
    if (open && !loaded) {
      loaded = true;
      await loadExplanation(panel, worker.nik, headingId);
    }
    // The explanation is read next: its heading takes the focus (Escape
    // brings it back to the button).
    if (open) (panel.querySelector(`#${CSS.escape(headingId)}`) as HTMLElement | null)?.focus();
  });
  // Escape inside the panel closes it and gives the focus back to its button.
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    button.setAttribute("aria-expanded", "false");
    panelRow.hidden = true;
    button.focus();
  });
  const row = h(
    "tr",
    { "data-nik": worker.nik },
    h("td", { class: "num rank", "data-label": "Peringkat" }, formatNumber(worker.peringkat)),
    h(
      "th",
      { scope: "row", class: "who-cell", "data-label": "Nama" },
      h("span", { class: "worker-name" }, worker.nama ?? "—"),
      h("span", { class: "meta" }, [worker.jabatan, worker.opd].filter(Boolean).join(", ")),
    ),
    h("td", { class: "nik", "data-label": "NIK" }, worker.nik),
    h("td", { "data-label": "Kelompok" }, groupName(worker.kelompok)),
    h("td", { class: "num", "data-label": "Poin" }, formatNumber(worker.poin)),
    h("td", { "data-label": "Usulan" }, h("span", { class: `badge outcome-${worker.usulan}` }, outcomeName(worker.usulan))),
    h("td", { class: "formasi", "data-label": "Formasi" }, worker.formasi ?? "—"),
    h("td", { class: "actions" }, button),
  );
  return [row, panelRow];
}

function workerTable(data: RankingPage, f: Filters): HTMLElement {
  const pages = Math.max(1, Math.ceil(data.total / perPage));
  const headers = ["Peringkat", "Nama", "NIK", "Kelompok", "Poin", "Usulan", "Formasi", "Penjelasan"];
  return h(
    "div",
    { class: "ranking-table-wrap" },
    h(
      "table",
      { class: "ranking-table", "data-testid": "ranking-table" },
      h("caption", { id: "tabel-judul", tabindex: "-1" }, `Pekerja menurut peringkat, halaman ${f.halaman} dari ${pages}`),
      h("thead", null, h("tr", null, headers.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", null, data.items.map((w) => workerRow(w, headers.length))),
    ),
  );
}

export async function renderRanking({ main, query }: PageContext): Promise<void> {
  const isOfficer = currentSession()?.user.role === "officer";
  main.classList.add("ranking-wide");
  const top = h("div", null, loading("Memeringkat pekerja terverifikasi…"));
  const results = h("section", { "aria-labelledby": "daftar-judul", class: "ranking-results" });
  // A failed request shows its problem here and leaves the list (and the
  // filters as typed) as they were.
  const problem = h("div", { "data-testid": "ranking-error" });
  clear(
    main,
    h("h1", null, "Peringkat prioritas"),
    h(
      "p",
      { class: "lead" },
      "Pekerja terverifikasi diperingkat menurut urutan prioritas nasional dan kartu nilai daerah, lalu dialokasikan ke formasi. Setiap peringkat punya penjelasan.",
    ),
    top,
    problem,
    results,
  );

  let filters = filtersOf(query);
  let request = 0;

  // Shows the ranking for `f`; the filters live in the address, so a reload
  // or a shared link keeps them.
  async function show(f: Filters, moveFocus: boolean): Promise<void> {
    const mine = ++request;
    results.setAttribute("aria-busy", "true");
    try {
      const { data } = await api<RankingPage>(`/ranking?${apiQuery(f)}`);
      if (mine !== request) return;
      filters = f;
      clear(problem);
      clear(
        top,
        summary(data, f),
        isOfficer
          ? proposeSection(data.nomor_pemeringkatan)
          : h("p", { class: "notice" }, "Usulan diajukan oleh petugas; persetujuannya ada di kotak masuk Kepala BKPSDM."),
      );
      const filtering = Boolean(f.usulan || f.opd || f.cari);
      // The whole list with these filters, and a print of the page (print
      // layout: no menus or buttons).
      const exportStatus = h("span", { class: "meta", "aria-live": "polite", "data-testid": "export-status" });
      const exportButton = h("button", { type: "button", class: "secondary" }, "Unduh peringkat (XLSX)") as HTMLButtonElement;
      exportButton.addEventListener("click", async () => {
        exportButton.disabled = true;
        try {
          const all = new URLSearchParams(apiQuery(f));
          all.delete("page");
          all.delete("per_page");
          await downloadRankingXlsx(all, (done, total) => (exportStatus.textContent = `${formatNumber(done)} dari ${formatNumber(total)} pekerja…`));
          exportStatus.textContent = "Berkas peringkat diunduh.";
        } catch (e) {
          exportStatus.textContent = describe(e);
        } finally {
          exportButton.disabled = false;
        }
      });
      const printButton = h("button", { type: "button", class: "secondary" }, "Cetak halaman ini");
      printButton.addEventListener("click", () => window.print());
      clear(
        results,
        h("h2", { id: "daftar-judul" }, "Daftar peringkat"),
        filterForm(data, f, (next) => go(next)),
        h(
          "p",
          { class: "count", "aria-live": "polite", "data-testid": "match-count" },
          filtering ? `${formatNumber(data.total)} pekerja cocok dengan saringan.` : `${formatNumber(data.total)} pekerja diperingkat.`,
        ),
        h("div", { class: "buttons no-print" }, exportButton, printButton, exportStatus),
        data.items.length === 0 ? h("p", { class: "empty" }, "Tidak ada pekerja yang cocok.") : workerTable(data, f),
        numberedPager({
          page: f.halaman,
          pages: Math.max(1, Math.ceil(data.total / perPage)),
          exact: true,
          label: "Halaman peringkat",
          id: "ke-halaman-peringkat",
          go: (p) => go({ ...f, halaman: p }),
        }),
      );
      if (moveFocus) {
        (results.querySelector("#tabel-judul") as HTMLElement | null)?.focus();
        announce(`${formatNumber(data.total)} pekerja, halaman ${f.halaman}.`);
      }
    } catch (error) {
      if (mine !== request) return;
      if (top.querySelector(".loading")) clear(top);
      clear(problem, errorBox(error));
    } finally {
      if (mine === request) results.setAttribute("aria-busy", "false");
    }
  }

  function go(next: Filters): void {
    history.pushState(null, "", addressOf(next));
    void show(next, true);
  }

  await show(filters, false);
}

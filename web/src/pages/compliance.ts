// Kepatuhan penyedia: every outsourcing contract of the regency with its
// vendor, its step on the sanctions ladder and its latest monthly report;
// the findings per worker open on request. Each contract links to its case
// page, where the officer acts on it.
import "./compliance.css";
import { api, type CaseDetail, type CaseSummary } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatNumber } from "../format";
import type { PageContext } from "../main";
import { errorBox, loading } from "./common";
import { contractCard } from "./compliance-contract";
import { loadReports, type SentReport } from "./vendor-reports";

async function allContracts(): Promise<CaseSummary[]> {
  const items: CaseSummary[] = [];
  for (let page = 1; ; page++) {
    const { data } = await api<Api.ApiAnswers["GET /api/v1/contracts"]>(`/contracts?page=${page}&per_page=200`);
    items.push(...data.items);
    if (data.items.length === 0 || items.length >= data.total) return items;
  }
}

interface Loaded {
  contract: CaseDetail;
  reports: SentReport[] | { error: unknown };
}

async function loadContract(id: number): Promise<Loaded> {
  const [contract, reports] = await Promise.all([
    api<CaseDetail>(`/cases/${id}`).then((answer) => answer.data),
    loadReports(id).catch((error: unknown) => ({ error })),
  ]);
  return { contract, reports };
}

export async function renderCompliance({ main }: PageContext): Promise<void> {
  const list = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("Memuat kontrak…"));
  main.append(
    h("h1", null, "Kepatuhan penyedia"),
    h(
      "p",
      { class: "lead" },
      "Kontrak alih daya dengan laporan kepatuhan bulanan terakhirnya. Temuan dicatat oleh pemeriksaan otomatis; temuan membawa kontrak ke tahap sanksi (peringatan, denda, pemutusan, daftar hitam). Buka kontrak untuk menindaklanjuti.",
    ),
    list,
  );
  try {
    const summaries = await allContracts();
    if (summaries.length === 0) {
      clear(list, h("p", { class: "empty" }, "Belum ada kontrak alih daya."));
      return;
    }
    // Contracts needing action (findings, a sanction step) first.
    const loaded = await Promise.all(summaries.map((c) => loadContract(c.id)));
    const attention = (l: Loaded) => (l.contract.data.status_kepatuhan === "tidak_patuh" ? 0 : 1);
    loaded.sort((a, b) => attention(a) - attention(b) || b.contract.id - a.contract.id);
    const nonCompliant = loaded.filter((l) => attention(l) === 0).length;
    clear(
      list,
      h(
        "p",
        { class: "count", "data-testid": "contract-count" },
        `${formatNumber(loaded.length)} kontrak`,
        nonCompliant ? `, ${formatNumber(nonCompliant)} tidak patuh` : "",
        ".",
      ),
      h("ol", { class: "cards contracts", "data-testid": "contracts" }, loaded.map((l) => contractCard(l.contract, l.reports))),
    );
  } catch (error) {
    clear(list, errorBox(error));
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

// Kontrak saya: the vendor's own outsourcing contracts (the server lists
// only those of the vendor the account is bound to), and for the chosen
// contract the monthly compliance report (check first or send) and the
// reports sent so far with their findings; below, the final performance
// evaluations of its workers (vendor-performance.ts), the procurement
// packages and the vendor's own sealed bids (vendor-bids.ts).
import "./vendor.css";
import { api, type CaseDetail } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, formatNumber, formatRupiah, humanize, statusNames } from "../format";
import type { PageContext } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import { packagesSection } from "./vendor-bids";
import { uploadForm } from "./vendor-upload";
import { loadReports, reportList } from "./vendor-reports";
import { vendorEvaluationsSection } from "./vendor-performance";

const complianceWords: Record<string, string> = { patuh: "Patuh", tidak_patuh: "Tidak patuh" };
const sanctionWords: Record<string, string> = {
  peringatan_1: "Peringatan pertama",
  peringatan_2: "Peringatan kedua",
  denda: "Denda",
};

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

function contractName(c: CaseDetail): string {
  return `Kontrak ${text(c.data.nomor_kontrak) ?? `#${c.id}`}`;
}

function contractFacts(c: CaseDetail): HTMLElement {
  const d = c.data;
  const status = text(d.status_kepatuhan);
  const sanction = text(d.sanksi_terakhir);
  return h(
    "dl",
    { class: "facts" },
    h("dt", null, "Tahap"),
    h("dd", { "data-testid": "contract-state" }, c.state_title),
    h("dt", null, "Status"),
    h("dd", null, statusNames[c.status] ?? c.status),
    h("dt", null, "Kepatuhan terakhir"),
    h("dd", null, status ? (complianceWords[status] ?? humanize(status)) : "Belum diperiksa"),
    sanction && [h("dt", null, "Sanksi terakhir"), h("dd", null, sanctionWords[sanction] ?? humanize(sanction))],
    typeof d.jumlah_pekerja_kontrak === "number" && [
      h("dt", null, "Pekerja menurut kontrak"),
      h("dd", null, formatNumber(d.jumlah_pekerja_kontrak)),
    ],
    typeof d.upah_bulanan === "number" && [h("dt", null, "Upah per bulan"), h("dd", null, formatRupiah(d.upah_bulanan))],
    h("dt", null, "Diperbarui"),
    h("dd", null, formatDateTime(c.updated_at)),
  );
}

function contractCard(c: CaseDetail, selected: boolean): HTMLElement {
  const name = contractName(c);
  return h(
    "li",
    { class: selected ? "card contract selected" : "card contract", "data-testid": "contract" },
    h("h3", null, name),
    text(c.data.nama_penyedia) && h("p", { class: "meta" }, String(c.data.nama_penyedia)),
    contractFacts(c),
    h(
      "p",
      { class: "contract-links" },
      selected
        ? h("span", { class: "badge current" }, "Sedang dibuka")
        : h("a", { href: `/penyedia?kontrak=${c.id}` }, "Laporan bulanan", h("span", { class: "visually-hidden" }, ` ${name}`)),
      " ",
      h("a", { href: `/kasus/${c.id}` }, "Rincian kasus", h("span", { class: "visually-hidden" }, ` ${name}`)),
    ),
  );
}

export async function renderVendor({ main, query }: PageContext): Promise<void> {
  const session = currentSession()!;
  const lead = h("p", { class: "lead" }, session.user.vendor ? `Penyedia: ${session.user.vendor}` : "");
  const body = h("div", { "aria-busy": "true" }, loading("Memuat kontrak Anda…"));
  main.append(h("h1", null, "Kontrak saya"), lead, body, vendorEvaluationsSection(), packagesSection());

  let contracts: CaseDetail[];
  try {
    const { data } = await api<Api.ApiAnswers["GET /api/v1/contracts"]>("/contracts?per_page=200");
    contracts = await Promise.all(data.items.map(async (s) => (await api<CaseDetail>(`/cases/${s.id}`)).data));
  } catch (e) {
    body.setAttribute("aria-busy", "false");
    clear(body, errorBox(e));
    return;
  }
  body.setAttribute("aria-busy", "false");
  const vendorName = contracts.map((c) => text(c.data.nama_penyedia)).find(Boolean);
  if (vendorName) lead.textContent = `Penyedia: ${vendorName}`;
  if (!contracts.length) {
    clear(body, h("p", { class: "empty" }, "Belum ada kontrak alih daya atas nama perusahaan Anda. Hubungi BKPSDM bila ini keliru."));
    return;
  }

  const wanted = Number(query.get("kontrak"));
  const chosen = contracts.find((c) => c.id === wanted) ?? contracts[0];
  const listSection = h(
    "section",
    { "aria-labelledby": "kontrak-judul" },
    h("h2", { id: "kontrak-judul" }, `Daftar kontrak (${formatNumber(contracts.length)})`),
    h("ul", { class: "cards contracts" }, contracts.map((c) => contractCard(c, c.id === chosen.id))),
  );

  const history = h("div", { "aria-busy": "true" }, loading("Memuat riwayat laporan…"));
  async function loadHistory(): Promise<void> {
    try {
      clear(history, reportList(await loadReports(chosen.id)));
    } catch (e) {
      clear(history, errorBox(e));
    }
    history.setAttribute("aria-busy", "false");
  }

  const reportSection = h(
    "section",
    { "aria-labelledby": "laporan-judul", class: "contract-reports" },
    h("h2", { id: "laporan-judul" }, `Laporan bulanan — ${contractName(chosen)}`),
    uploadForm(chosen, {
      sent: async (updated) => {
        // The contract's card shows its new state; the history the new report.
        const index = contracts.findIndex((c) => c.id === updated.id);
        if (index >= 0) contracts[index] = updated;
        listSection.querySelector("ul")?.replaceChildren(...contracts.map((c) => contractCard(c, c.id === chosen.id)));
        await loadHistory();
      },
    }),
    h("h3", { id: "riwayat-laporan-judul" }, "Riwayat laporan"),
    history,
  );

  clear(body, listSection, reportSection);
  await loadHistory();
}

// Sealed bids on procurement packages (GET/POST /packages/{id}/bids).
// A vendor sees the packages, its own bid on each (and may send or replace
// it while the package takes bids) and, once awarded, the winner. The
// committee (officer, admin) sees on the package's case page that bids
// arrived (who, when, fingerprint) and, after opening, every bid in full.
import { ApiError, api, type CaseDetail, type CaseSummary } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDate, formatDateTime, formatRupiah } from "../format";
import { announce } from "../main";
import { errorBox, loading } from "./common";

type BidEntry = Api.PackageBid;
type PackageBids = Api.ApiAnswers["GET /api/v1/packages/{id}/bids"];

async function loadBids(id: number): Promise<PackageBids> {
  return (await api<PackageBids>(`/packages/${id}/bids`)).data;
}

function awardLine(bids: PackageBids): HTMLElement | null {
  if (!bids.award?.nama_pemenang) return null;
  const value = typeof bids.award.nilai_kontrak === "number" ? `, nilai kontrak ${formatRupiah(bids.award.nilai_kontrak)}` : "";
  return h("p", { class: "notice", "data-testid": "award" }, `Pemenang ditetapkan: ${bids.award.nama_pemenang}${value}.`);
}

function offerFacts(entry: BidEntry): HTMLElement {
  const offer = entry.bid!;
  return h(
    "dl",
    { class: "facts" },
    h("dt", null, "Nama penyedia"),
    h("dd", null, offer.nama_penyedia),
    h("dt", null, "NPWP"),
    h("dd", null, offer.npwp_penyedia),
    h("dt", null, "Harga penawaran"),
    h("dd", { "data-testid": "bid-price" }, formatRupiah(offer.harga_penawaran)),
    h("dt", null, "Upah pekerja per bulan"),
    h("dd", null, formatRupiah(offer.upah_ditawarkan)),
    h("dt", null, "Dikirim"),
    h("dd", null, `${formatDateTime(entry.at)} oleh ${entry.by} (versi ${entry.revision})`),
  );
}

// The vendor's form: a new bid, or one that replaces the earlier.
function bidForm(pkg: CaseDetail, own: BidEntry | undefined, done: () => Promise<void>): HTMLElement {
  const prefix = `penawaran-${pkg.id}`;
  const input = (name: string, label: string, type: string, value: string | number | undefined) =>
    h(
      "p",
      null,
      h("label", { for: `${prefix}-${name}` }, label),
      h("input", { id: `${prefix}-${name}`, name, type, required: true, value: value ?? "", min: type === "number" ? 0 : undefined }),
    );
  const file = h("input", { id: `${prefix}-berkas`, type: "file", required: !own });
  const message = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "bid-form", novalidate: true },
    input("nama_penyedia", "Nama penyedia", "text", own?.bid?.nama_penyedia),
    input("npwp_penyedia", "NPWP penyedia", "text", own?.bid?.npwp_penyedia),
    input("harga_penawaran", "Harga penawaran (Rp)", "number", own?.bid?.harga_penawaran),
    input("upah_ditawarkan", "Upah pekerja per bulan yang ditawarkan (Rp)", "number", own?.bid?.upah_ditawarkan),
    h(
      "p",
      null,
      h("label", { for: `${prefix}-berkas` }, own ? "Dokumen penawaran (kosongkan bila tidak diganti)" : "Dokumen penawaran"),
      file,
    ),
    h(
      "p",
      { class: "hint" },
      "Penawaran Anda tersegel: penyedia lain tidak dapat melihatnya, dan panitia baru membukanya setelah masa penawaran ditutup.",
    ),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, own ? "Ganti penawaran" : "Kirim penawaran")),
    message,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    try {
      let document = own?.bid?.berkas_penawaran ?? "";
      const chosen = file.files?.[0];
      if (chosen) {
        const uploaded = await api<Api.ApiAnswers["POST /api/v1/cases/{id}/documents"]>(`/cases/${pkg.id}/documents?name=${encodeURIComponent(chosen.name)}`, {
          method: "POST",
          body: chosen,
          contentType: chosen.type || "application/octet-stream",
        });
        document = uploaded.data.reference;
      }
      await api(`/packages/${pkg.id}/bids`, {
        method: "POST",
        json: {
          nama_penyedia: value("nama_penyedia"),
          npwp_penyedia: value("npwp_penyedia"),
          harga_penawaran: Number(value("harga_penawaran")),
          upah_ditawarkan: Number(value("upah_ditawarkan")),
          berkas_penawaran: document,
        },
      });
      announce("Penawaran tersimpan.");
      await done();
    } catch (error) {
      const fields = error instanceof ApiError && error.errors.length ? ` (${error.errors.map((f) => f.field).join(", ")})` : "";
      clear(message, errorBox(error), fields && h("p", { class: "field-error" }, `Periksa isian${fields}.`));
    }
  });
  return form;
}

function packageCard(pkg: CaseSummary): HTMLElement {
  const card = h("li", { class: "card package", "data-testid": "package" }, loading("Memuat penawaran…"));
  async function render(): Promise<void> {
    try {
      const fresh = (await api<CaseDetail>(`/cases/${pkg.id}`)).data;
      const bids = await loadBids(pkg.id);
      const own = bids.bids[0];
      const open = fresh.allowed_outcomes.some((o) => o.name === "ajukan_penawaran");
      const d = fresh.data;
      clear(
        card,
        h("h3", null, String(d.nama_paket ?? `Paket #${fresh.id}`)),
        h(
          "p",
          { class: "meta" },
          `Tahap: ${fresh.state_title}`,
          typeof d.batas_penawaran === "string" && ` · batas penawaran ${formatDate(d.batas_penawaran)}`,
          typeof d.pagu_anggaran === "number" && ` · pagu ${formatRupiah(d.pagu_anggaran)}`,
        ),
        awardLine(bids),
        own?.bid ? [h("h4", null, "Penawaran Anda"), offerFacts(own)] : h("p", null, "Anda belum mengirim penawaran."),
        open ? bidForm(fresh, own, render) : h("p", { class: "meta" }, "Paket ini tidak sedang menerima penawaran."),
      );
    } catch (e) {
      clear(card, errorBox(e));
    }
  }
  void render();
  return card;
}

// The vendor page's section: the regency's packages and the vendor's bids.
export function packagesSection(): HTMLElement {
  const list = h("div", { "aria-busy": "true" }, loading("Memuat paket pengadaan…"));
  void (async () => {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/packages"]>("/packages?per_page=200");
      const active = data.items.filter((p) => p.state !== "definisi_paket");
      clear(
        list,
        active.length
          ? h("ul", { class: "cards packages" }, active.map((p) => packageCard(p)))
          : h("p", { class: "empty" }, "Belum ada paket pengadaan yang diumumkan."),
      );
    } catch (e) {
      clear(list, errorBox(e));
    }
    list.setAttribute("aria-busy", "false");
  })();
  return h("section", { "aria-labelledby": "paket-judul" }, h("h2", { id: "paket-judul" }, "Paket pengadaan dan penawaran saya"), list);
}

// The committee's view on a package's case page.
export function bidsPanel(packageId: number): HTMLElement {
  const body = h("div", { "aria-busy": "true" }, loading("Memuat penawaran…"));
  void (async () => {
    try {
      const bids = await loadBids(packageId);
      const rows = bids.bids.map((b) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, b.bid?.nama_penyedia ?? b.id_penyedia),
          h("td", null, b.bid ? formatRupiah(b.bid.harga_penawaran) : "Tersegel"),
          h("td", null, b.bid ? formatRupiah(b.bid.upah_ditawarkan) : "Tersegel"),
          h("td", null, `${formatDateTime(b.at)} (versi ${b.revision})`),
          h("td", { class: "meta" }, h("code", null, b.sha256.slice(0, 16))),
        ),
      );
      clear(
        body,
        h(
          "p",
          { class: "meta" },
          bids.opened
            ? "Penawaran telah dibuka untuk pemeriksaan administrasi dan evaluasi."
            : "Penawaran masih tersegel: isinya terbuka setelah masa penawaran ditutup dan panitia melanjutkan ke pemeriksaan administrasi.",
        ),
        awardLine(bids),
        rows.length
          ? h(
              "div",
              { class: "findings-wrap" },
              h(
                "table",
                { class: "findings", "data-testid": "bids" },
                h("caption", null, `Penawaran masuk (${rows.length})`),
                h(
                  "thead",
                  null,
                  h("tr", null, ["Penyedia", "Harga", "Upah per bulan", "Diterima", "Sidik"].map((t) => h("th", { scope: "col" }, t))),
                ),
                h("tbody", null, rows),
              ),
            )
          : h("p", { class: "empty" }, "Belum ada penawaran."),
      );
    } catch (e) {
      clear(body, errorBox(e));
    }
    body.setAttribute("aria-busy", "false");
  })();
  return h("section", { "aria-labelledby": "penawaran-judul" }, h("h2", { id: "penawaran-judul" }, "Penawaran"), body);
}

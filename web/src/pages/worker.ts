// Status saya (phones first): the worker's own files as a plain-language
// timeline with what happens next and by when, and a grievance form.
import { api, type AuditEvent, type CaseDetail, type CaseSummary, type Page, ApiError } from "../api";
import { clear, h, randomKey } from "../dom";
import { grievanceCategories, statusNames } from "../format";
import { announce, type PageContext } from "../main";
import { currentSession } from "../session";
import { dueLine, errorBox, loading } from "./common";
import { historyList } from "./history";

async function caseCard(summary: CaseSummary): Promise<HTMLElement> {
  const [detail, history] = await Promise.all([
    api<CaseDetail>(`/cases/${summary.id}`),
    api<{ events: AuditEvent[] }>(`/cases/${summary.id}/history`),
  ]);
  const c = detail.data;
  const ticket = c.workflow === "grievance";
  const next =
    c.status === "completed"
      ? "Proses ini sudah selesai."
      : c.open_tasks.length
        ? `Berikutnya: ${c.open_tasks.map((t) => t.title).join(", ")}.`
        : null;
  return h(
    "li",
    { class: "card", "data-testid": ticket ? "grievance" : "own-case" },
    h("h3", null, ticket ? `Pengaduan nomor tiket ${c.id}` : c.workflow_title),
    h("p", { class: "state" }, h("span", { class: "label" }, "Tahap sekarang: "), h("strong", null, c.state_title)),
    h("p", { class: "meta" }, `Status: ${statusNames[c.status] ?? c.status}`),
    c.state_description && h("p", null, c.state_description),
    next && h("p", null, next),
    c.open_tasks.map((t) => dueLine(t)),
    h("details", null, h("summary", null, "Lihat riwayat"), historyList(history.data.events)),
  );
}

export async function renderWorker({ main }: PageContext): Promise<void> {
  const session = currentSession()!;
  const list = h("div", { "aria-busy": "true" }, loading("Memuat status Anda…"));
  const formMessage = h("div", { "aria-live": "polite" });
  let nama = "";

  const form = h(
    "form",
    { class: "card", "aria-labelledby": "aduan-judul", novalidate: true },
    h("h2", { id: "aduan-judul" }, "Ajukan pengaduan"),
    h("div", { class: "field" }, h("label", { for: "nama_pelapor" }, "Nama Anda (wajib)"), h("input", { id: "nama_pelapor", name: "nama_pelapor", autocomplete: "name", required: true })),
    h(
      "div",
      { class: "field" },
      h("label", { for: "kategori" }, "Jenis pengaduan (wajib)"),
      h("select", { id: "kategori", name: "kategori", required: true }, h("option", { value: "" }, "— pilih —"), Object.entries(grievanceCategories).map(([v, t]) => h("option", { value: v }, t))),
    ),
    h("div", { class: "field" }, h("label", { for: "uraian" }, "Uraian (wajib)"), h("textarea", { id: "uraian", name: "uraian", rows: 4, required: true })),
    h("div", { class: "field" }, h("label", { for: "kontak" }, "Nomor telepon atau surel (boleh kosong)"), h("input", { id: "kontak", name: "kontak", autocomplete: "tel", inputmode: "tel" })),
    formMessage,
    h("button", { type: "submit" }, "Kirim pengaduan"),
  );
  // One key per grievance being written: a double tap or a retry files it once.
  let idempotencyKey = randomKey();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const name of ["nama_pelapor", "kategori", "uraian", "kontak"]) {
      const value = String(data.get(name) ?? "").trim();
      if (value) body[name] = value;
    }
    const missing = ["nama_pelapor", "kategori", "uraian"].filter((n) => !body[n]);
    if (missing.length) {
      clear(formMessage, h("p", { class: "error", role: "alert" }, "Lengkapi nama, jenis pengaduan dan uraian."));
      form.querySelector<HTMLElement>(`#${missing[0]}`)?.focus();
      return;
    }
    const button = form.querySelector("button")!;
    button.disabled = true;
    try {
      const { data: created } = await api<CaseDetail & { nomor_tiket: number }>("/grievances", {
        method: "POST",
        json: body,
        headers: { "Idempotency-Key": idempotencyKey },
      });
      idempotencyKey = randomKey();
      form.reset();
      (form.querySelector("#nama_pelapor") as HTMLInputElement).value = nama;
      const text = `Pengaduan terkirim. Nomor tiket Anda: ${created.nomor_tiket}.`;
      clear(formMessage, h("p", { class: "success", role: "status", "data-testid": "ticket" }, text));
      announce(text);
      await loadCases();
    } catch (e) {
      clear(formMessage, e instanceof ApiError && e.errors.length
        ? h("p", { class: "error", role: "alert" }, e.errors.map((x) => `${x.field}: ${x.message}`).join("; "))
        : errorBox(e));
    } finally {
      button.disabled = false;
    }
  });

  main.append(
    h("h1", null, "Status saya"),
    h("p", { class: "lead" }, `NIK ${session.user.nik ?? "—"}`),
    h("section", { "aria-labelledby": "berkas-judul" }, h("h2", { id: "berkas-judul" }, "Berkas dan pengaduan saya"), list),
    form,
  );

  async function loadCases(): Promise<void> {
    try {
      const { data } = await api<Page<CaseSummary>>("/cases?per_page=50");
      const own = data.items.find((c) => c.workflow === "verification");
      if (own?.nama && !nama) {
        nama = own.nama;
        const input = form.querySelector<HTMLInputElement>("#nama_pelapor")!;
        if (!input.value) input.value = nama;
      }
      list.setAttribute("aria-busy", "false");
      if (!data.items.length) {
        clear(list, h("p", { class: "empty" }, "Belum ada berkas atas NIK Anda. Hubungi petugas BKPSDM bila ini keliru."));
        return;
      }
      const cards = await Promise.all(data.items.map(caseCard));
      clear(list, h("ul", { class: "cards" }, cards));
    } catch (e) {
      clear(list, errorBox(e));
    }
  }
  await loadCases();
}

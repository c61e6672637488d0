// A case: the worker's data, the open task and the caller's decisions (a
// form from the workflow's fields, one button per allowed outcome, sent
// with the version seen: If-Match), documents, and the history.
import {
  ApiError,
  api,
  type AuditEvent,
  type CaseDetail,
  type DocumentInfo,
  type FieldError,
  type FormField,
  type Outcome,
  describe,
} from "../api";
import { clear, h, randomKey } from "../dom";
import { fieldLabel, formatBytes, formatDate, formatDateTime, formatRupiah, humanize, statusNames } from "../format";
import { announce, type PageContext } from "../main";
import { dueLine, errorBox, loading } from "./common";
import { historyList } from "./history";
import { bidsPanel } from "./vendor-bids";
import { currentSession } from "../session";
import { performanceResult, performanceSections, predikatLabels } from "./performance-case";
import { employmentNames, performanceWorkflow, ratingNames } from "./performance-words";

type Value = string | boolean;

function formatValue(name: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map((v) => formatValue(name, v)).join(", ");
  if (typeof value === "boolean") return value ? "Ya" : "Tidak";
  if (typeof value === "number") {
    if (/(upah|honor|gaji|harga|nilai_kontrak|kekurangan|denda|iuran)/.test(name)) return formatRupiah(value);
    return value.toLocaleString("id-ID");
  }
  if (typeof value === "object") return Object.values(value as object).map((v) => formatValue(name, v)).join(", ");
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDateTime(text);
  return text;
}

// A check the engine recorded: {ok, pesan}.
function isCheck(value: unknown): value is { ok: boolean; pesan?: string } {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}

// A data value as the person reads it: nested objects as nested lists
// (checks as passed or failed with their message), never raw JSON.
function valueNode(name: string, value: unknown): Node {
  if (isCheck(value))
    return h("span", { class: value.ok ? "check-ok" : "check-failed" }, value.ok ? "Lolos" : "Tidak lolos", value.pesan ? `: ${value.pesan}` : "");
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, v]) => !(Array.isArray(v) && v.length === 0));
    return h(
      "ul",
      { class: "nested" },
      entries.map(([k, v]) => h("li", null, h("span", { class: "label" }, `${fieldLabel(k)}: `), valueNode(k, v))),
    );
  }
  return document.createTextNode(formatValue(name, value));
}

// The words of a choice's options where the code is not what people read.
const optionWords: Record<string, Record<string, string>> = {
  jenis_kepegawaian: employmentNames,
  hasil_kerja: ratingNames,
  perilaku_kerja: ratingNames,
};

function optionLabel(field: string, option: string): string {
  return optionWords[field]?.[option] ?? humanize(option);
}

function fieldId(name: string): string {
  return `isian-${name}`;
}

// One input for a form field, kept in `values` as the person types.
function fieldInput(field: FormField, values: Map<string, Value>, documents: DocumentInfo[]): HTMLElement {
  const id = fieldId(field.name);
  const label = `${field.label || humanize(field.name)}${field.required ? " (wajib)" : ""}`;
  const errorId = `${id}-galat`;
  const common = { id, name: field.name, "aria-describedby": errorId, "aria-required": field.required ? "true" : null };
  const current = values.get(field.name);
  const remember = (event: Event) => {
    const target = event.target as HTMLInputElement;
    values.set(field.name, target.type === "checkbox" ? target.checked : target.value);
  };
  let control: HTMLElement;
  switch (field.type) {
    case "boolean":
      return h(
        "div",
        { class: "field check" },
        h("input", { ...common, type: "checkbox", checked: current === true, onchange: remember }),
        h("label", { for: id }, label),
        h("p", { class: "field-error", id: errorId, hidden: true }),
      );
    case "text":
      control = h("textarea", { ...common, rows: 3, value: typeof current === "string" ? current : "", oninput: remember });
      break;
    case "choice":
      control = h(
        "select",
        { ...common, onchange: remember },
        h("option", { value: "" }, "— pilih —"),
        (field.options ?? []).map((o) => h("option", { value: o, selected: current === o }, optionLabel(field.name, o))),
      );
      break;
    case "document":
      control = h(
        "select",
        { ...common, onchange: remember },
        h("option", { value: "" }, documents.length ? "— pilih dokumen yang diunggah —" : "— unggah dokumen dulu (bagian Dokumen) —"),
        documents.map((d) => h("option", { value: d.reference, selected: current === d.reference }, d.name)),
      );
      break;
    default: {
      const type = field.type === "integer" || field.type === "number" ? "number" : field.type === "date" ? "date" : "text";
      control = h("input", {
        ...common,
        type,
        step: field.type === "integer" ? "1" : field.type === "number" ? "any" : null,
        inputmode: field.type === "integer" ? "numeric" : null,
        min: field.min,
        max: field.max,
        value: typeof current === "string" ? current : "",
        oninput: remember,
      });
    }
  }
  return h("div", { class: "field" }, h("label", { for: id }, label), control, h("p", { class: "field-error", id: errorId, hidden: true }));
}

function inputOf(outcome: Outcome, values: Map<string, Value>): { input: Record<string, unknown>; missing: FormField[] } {
  const input: Record<string, unknown> = {};
  const missing: FormField[] = [];
  for (const field of outcome.form) {
    const value = values.get(field.name);
    if (field.type === "boolean") {
      input[field.name] = value === true;
      continue;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (!text) {
      if (field.required) missing.push(field);
      continue;
    }
    if (field.type === "integer") input[field.name] = Number.parseInt(text, 10);
    else if (field.type === "number") input[field.name] = Number(text);
    else input[field.name] = text;
  }
  return { input, missing };
}

export async function renderCase({ main, params }: PageContext): Promise<void> {
  const id = Number(params.id);
  const values = new Map<string, Value>();
  const message = h("div", { class: "messages", "aria-live": "assertive" });
  const body = h("div", null, loading("Memuat kasus…"));
  const heading = h("h1", null, `Kasus #${id}`);
  main.append(heading, message, body);

  let record: CaseDetail;
  let documents: DocumentInfo[] = [];
  let labels: Record<string, string> | undefined; // the predikat's, for a performance evaluation

  // Shows each error beside its field; returns the messages no field shows
  // (a workflow's refusal of the decision as a whole).
  function showFieldErrors(errors: FieldError[]): string[] {
    main.querySelectorAll<HTMLElement>(".field-error").forEach((e) => (e.hidden = true));
    let first: HTMLElement | null = null;
    const unplaced: string[] = [];
    for (const error of errors) {
      const name = error.field.split(".").pop() ?? error.field;
      const slot = name ? main.querySelector<HTMLElement>(`#${CSS.escape(fieldId(name))}-galat`) : null;
      if (!slot) {
        unplaced.push(error.message);
        continue;
      }
      slot.textContent = error.message;
      slot.hidden = false;
      first ??= main.querySelector<HTMLElement>(`#${CSS.escape(fieldId(name))}`);
    }
    first?.focus();
    return unplaced;
  }

  async function fire(outcome: Outcome, button: HTMLButtonElement): Promise<void> {
    clear(message);
    const { input, missing } = inputOf(outcome, values);
    if (missing.length) {
      showFieldErrors(missing.map((f) => ({ field: f.name, message: `${f.label || humanize(f.name)} wajib diisi.` })));
      clear(message, h("p", { class: "error", role: "alert" }, `Lengkapi isian wajib untuk «${outcome.label}».`));
      return;
    }
    button.disabled = true;
    try {
      const { data } = await api<CaseDetail>(`/cases/${id}/outcomes/${encodeURIComponent(outcome.name)}`, {
        method: "POST",
        json: { input },
        headers: { "If-Match": `"${record.version}"`, "Idempotency-Key": randomKey() },
      });
      values.clear();
      await load();
      const text = `Keputusan «${outcome.label}» tersimpan. Tahap sekarang: ${data.state_title}.`;
      clear(message, h("p", { class: "success", role: "status" }, text));
      announce(text);
    } catch (e) {
      button.disabled = false;
      if (e instanceof ApiError && e.status === 412) {
        const reload = h("button", { type: "button", class: "secondary" }, "Muat versi terbaru (isian Anda tetap)");
        reload.addEventListener("click", async () => {
          clear(message);
          await load();
          heading.focus();
        });
        clear(
          message,
          h(
            "div",
            { class: "error", role: "alert", "data-testid": "conflict" },
            h("p", null, "Kasus ini baru saja diubah oleh orang lain, jadi keputusan Anda belum disimpan."),
            h("p", null, "Isian Anda tidak hilang. Muat versi terbaru, periksa perubahannya, lalu kirim lagi."),
            reload,
          ),
        );
        reload.focus();
      } else if (e instanceof ApiError && e.errors.length) {
        // Refused: what was typed stays, each reason beside its field.
        const unplaced = showFieldErrors(e.errors);
        const placed = unplaced.length < e.errors.length;
        clear(
          message,
          h(
            "div",
            { class: "error", role: "alert", "data-testid": "refused" },
            h("p", null, `Keputusan «${outcome.label}» belum disimpan.${placed ? " Periksa isian yang ditandai." : ""}`),
            ...unplaced.map((text) => h("p", null, text)),
          ),
        );
      } else {
        clear(message, errorBox(e));
      }
    }
  }

  function decisionSection(): HTMLElement | null {
    const outcomes = record.allowed_outcomes.filter((o) => !o.via);
    if (record.allowed_outcomes.some((o) => o.via && o.name === "kirim_laporan"))
      return h(
        "section",
        { class: "card decision", "aria-labelledby": "keputusan-judul" },
        h("h2", { id: "keputusan-judul" }, "Laporan bulanan"),
        h("p", null, "Laporan kepatuhan bulanan dikirim dari halaman kontrak, yang memeriksanya lebih dulu. ", h("a", { href: `/penyedia?kontrak=${record.id}` }, "Buka halaman Kontrak saya")),
      );
    if (record.allowed_outcomes.some((o) => o.via && o.name === "ajukan_penawaran"))
      return h(
        "section",
        { class: "card decision", "aria-labelledby": "keputusan-judul" },
        h("h2", { id: "keputusan-judul" }, "Penawaran"),
        h("p", null, "Penawaran tersegel dikirim dari halaman Kontrak saya. ", h("a", { href: "/penyedia" }, "Buka halaman Kontrak saya")),
      );
    if (!outcomes.length) return null;
    const fields = new Map<string, FormField>();
    for (const outcome of outcomes) for (const field of outcome.form) if (!fields.has(field.name)) fields.set(field.name, field);
    const form = h(
      "form",
      { class: "card decision", "aria-labelledby": "keputusan-judul", novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
      h("h2", { id: "keputusan-judul" }, "Keputusan Anda"),
      fields.size ? [...fields.values()].map((f) => fieldInput(f, values, documents)) : h("p", null, "Tidak ada isian untuk tahap ini."),
      fields.size && outcomes.some((o) => o.form.length !== fields.size)
        ? h("p", { class: "hint" }, "Setiap keputusan hanya mengirim isian yang dibutuhkannya.")
        : null,
      h(
        "div",
        { class: "buttons" },
        outcomes.map((outcome) => {
          const button = h("button", { type: "button", "data-outcome": outcome.name }, outcome.label);
          button.addEventListener("click", () => void fire(outcome, button));
          return button;
        }),
      ),
    );
    return form;
  }

  async function download(d: DocumentInfo): Promise<void> {
    try {
      const { data } = await api<Blob>(d.url.replace(/^\/api\/v1/, ""), { blob: true });
      const url = URL.createObjectURL(data);
      const link = h("a", { href: url, download: d.name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      clear(message, errorBox(e));
    }
  }

  function documentsSection(): HTMLElement {
    const file = h("input", { type: "file", id: "berkas", name: "berkas" });
    const status = h("p", { role: "status", class: "meta" });
    const upload = h(
      "form",
      { class: "upload" },
      h("div", { class: "field" }, h("label", { for: "berkas" }, "Unggah dokumen (PDF, gambar)"), file),
      h("button", { type: "submit" }, "Unggah"),
      status,
    );
    upload.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = file.files?.[0];
      if (!chosen) {
        status.textContent = "Pilih berkas terlebih dahulu.";
        file.focus();
        return;
      }
      status.textContent = "Mengunggah…";
      try {
        await api(`/cases/${id}/documents?name=${encodeURIComponent(chosen.name)}`, {
          method: "POST",
          body: chosen,
          contentType: chosen.type || "application/octet-stream",
        });
        // The upload is recorded in the case (a new version): the decision
        // sent next must carry that version, so the case is read again
        // (what was typed stays in `values`).
        await load();
        const text = `Dokumen ${chosen.name} terunggah.`;
        clear(message, h("p", { class: "success", role: "status" }, text));
      } catch (e) {
        status.textContent = describe(e);
      }
    });
    return h(
      "section",
      { "aria-labelledby": "dokumen-judul" },
      h("h2", { id: "dokumen-judul" }, "Dokumen"),
      documents.length
        ? h(
            "ul",
            { class: "documents", "data-testid": "documents" },
            documents.map((d) => {
              const button = h("button", { type: "button", class: "secondary" }, "Unduh", h("span", { class: "visually-hidden" }, ` ${d.name}`));
              button.addEventListener("click", () => void download(d));
              return h(
                "li",
                null,
                h("span", { class: "doc-name" }, d.name),
                h("span", { class: "meta" }, ` ${formatBytes(d.size)} · ${d.uploaded_by} · ${formatDateTime(d.uploaded_at)} `),
                button,
              );
            }),
          )
        : h("p", { class: "empty" }, "Belum ada dokumen."),
      upload,
    );
  }

  let events: AuditEvent[] = [];

  function rerender(): void {
    heading.textContent = record.nama ? `${record.nama}` : `Kasus #${record.id}`;
    document.title = `${heading.textContent} — Tata`;
    const data = Object.entries(record.data);
    const performance = record.workflow === performanceWorkflow;
    const result = record.result ? ((performance && performanceResult(record.result)) || humanize(record.result)) : null;
    clear(
      body,
      h(
        "section",
        { class: "card summary", "aria-label": "Ringkasan" },
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Nomor kasus"),
          h("dd", null, `#${record.id}`),
          h("dt", null, "Prosedur"),
          h("dd", null, record.workflow_title),
          h("dt", null, "Tahap"),
          h("dd", { "data-testid": "state" }, record.state_title),
          h("dt", null, "Status"),
          h("dd", null, `${statusNames[record.status] ?? record.status}${result ? ` (${result})` : ""}`),
          h("dt", null, "Diperbarui"),
          h("dd", null, formatDateTime(record.updated_at)),
        ),
        record.state_description && h("p", null, record.state_description),
      ),
      record.open_tasks.length
        ? h(
            "section",
            { "aria-labelledby": "tugas-judul" },
            h("h2", { id: "tugas-judul" }, "Tugas terbuka"),
            h(
              "ul",
              { class: "cards" },
              record.open_tasks.map((t) =>
                h(
                  "li",
                  { class: t.overdue ? "card task overdue" : "card task" },
                  h("p", null, h("strong", null, t.title)),
                  dueLine(t),
                  h("p", { class: "meta" }, t.assignee ? `Diambil oleh ${t.assignee}` : "Belum diambil"),
                ),
              ),
            ),
          )
        : null,
      decisionSection(),
      // The committee's view of the sealed bids (a vendor reads its own on Kontrak saya).
      record.workflow === "vendor_selection" && currentSession()?.user.role !== "vendor" && bidsPanel(record.id),
      performance
        ? performanceSections(record, documents, labels, valueNode)
        : h(
            "section",
            { "aria-labelledby": "data-judul" },
            h("h2", { id: "data-judul" }, "Data"),
            data.length
              ? h("dl", { class: "facts data" }, data.map(([k, v]) => [h("dt", null, fieldLabel(k)), h("dd", null, valueNode(k, v))]))
              : h("p", { class: "empty" }, "Tidak ada data yang dapat Anda lihat."),
          ),
      documentsSection(),
      h("section", { "aria-labelledby": "riwayat-judul" }, h("h2", { id: "riwayat-judul" }, "Riwayat"), historyList(events, record.workflow)),
    );
  }

  async function loadDocuments(): Promise<void> {
    documents = (await api<{ documents: DocumentInfo[] }>(`/cases/${id}/documents`)).data.documents;
  }

  async function load(): Promise<void> {
    try {
      const [caseAnswer, history] = await Promise.all([
        api<CaseDetail>(`/cases/${id}`),
        api<{ events: AuditEvent[] }>(`/cases/${id}/history`),
        loadDocuments(),
      ]);
      record = caseAnswer.data;
      events = history.data.events;
      if (record.workflow === performanceWorkflow && !labels) labels = await predikatLabels(record);
      rerender();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        heading.textContent = "Kasus tidak ditemukan";
        clear(body, h("p", null, "Kasus ini tidak ada atau tidak dapat Anda lihat."));
      } else {
        clear(body, errorBox(e));
      }
    }
  }

  await load();
}

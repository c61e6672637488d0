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
  type InboxItem,
  type Outcome,
  describe,
} from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { fieldLabel, formatBytes, formatDate, formatDateTime, formatRupiah, humanize, statusNames } from "../format";
import { announce, type PageContext } from "../main";
import { confirm, dueLine, errorBox, loading, saveFile } from "./common";
import { type LetterInfo, lettersSection } from "./case-letters";
import { fieldId, fieldInput, inputOf, type Value } from "./decision-fields";
import { historyList } from "./history";
import { bidsPanel } from "./vendor-bids";
import { currentSession } from "../session";
import { performanceResult, performanceSections, predikatLabels } from "./performance-case";
import { performanceWorkflow } from "./performance-words";
import { fieldWords, isHidden, resultWords, valueWords, workflowWords, type WorkflowWords } from "../words";

// The words of the workflow of the case on screen (its YAML's labels), set
// before each render: values and field names below are read through them.
let shownWords: WorkflowWords | null = null;

// A data field's name as people know it: the workflow's words first.
function dataFieldName(name: string): string {
  return fieldWords(shownWords, name) ?? fieldLabel(name);
}

function formatValue(name: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map((v) => formatValue(name, v)).join(", ");
  if (typeof value === "boolean") return value ? "Ya" : "Tidak";
  if (typeof value === "number") {
    // A number that names something (a ticket, a linked file): as written,
    // never "4.877".
    if (/^(nomor_|id_)|_terkait$|_id$/.test(name)) return String(value);
    if (/(upah|honor|gaji|harga|nilai_kontrak|kekurangan|denda|iuran)/.test(name)) return formatRupiah(value);
    return value.toLocaleString("id-ID");
  }
  if (typeof value === "object") return Object.values(value as object).map((v) => formatValue(name, v)).join(", ");
  const text = String(value);
  const words = valueWords(shownWords, name, text);
  if (words) return words;
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
      entries.map(([k, v]) => h("li", null, h("span", { class: "label" }, `${dataFieldName(k)}: `), valueNode(k, v))),
    );
  }
  return document.createTextNode(formatValue(name, value));
}

// The next task of the same stage in the caller's inbox (the one due
// first), so that a stack of files is worked through without going back to
// the list; null when there is none or the caller has no inbox.
async function nextTask(workflow: string, stage: string, decided: number): Promise<InboxItem | null> {
  const role = currentSession()?.user.role;
  if (!role || role === "vendor" || role === "worker") return null;
  try {
    const query = new URLSearchParams({ workflow, state: stage, per_page: "5" });
    const { data } = await api<Api.ApiAnswers["GET /api/v1/tasks"]>(`/tasks?${query}`);
    return data.items.find((t) => t.case_id !== decided && (!t.assignee || t.assignee === currentSession()?.user.username)) ?? null;
  } catch {
    return null;
  }
}

export async function renderCase({ main, params }: PageContext): Promise<void> {
  const id = Number(params.id);
  const values = new Map<string, Value>();
  const message = h("div", { class: "messages", "aria-live": "assertive" });
  const body = h("div", null, loading("Memuat kasus…"));
  const heading = h("h1", null, `Kasus nomor ${id}`);
  main.append(heading, message, body);

  let record: CaseDetail;
  let documents: DocumentInfo[] = [];
  let labels: Record<string, string> | undefined; // the predikat's, for a performance evaluation
  // The decision whose fields are shown; kept across reloads of the case (a
  // conflict) until a decision is saved.
  let chosenName: string | null = null;

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
    const decidedStage = record.state;
    try {
      const { data } = await api<Api.ApiAnswers["POST /api/v1/cases/{id}/outcomes/{outcome}"]>(`/cases/${id}/outcomes/${encodeURIComponent(outcome.name)}`, {
        method: "POST",
        json: { input },
        headers: { "If-Match": `"${record.version}"`, "Idempotency-Key": randomKey() },
      });
      values.clear();
      chosenName = null;
      await load();
      const text = `Keputusan «${outcome.label}» tersimpan. Tahap sekarang: ${data.state_title}.`;
      const saved = h("div", { class: "success", role: "status", "data-testid": "saved" }, h("p", null, text));
      confirm(message, saved);
      announce(text);
      const next = await nextTask(record.workflow, decidedStage, id);
      if (next) saved.append(h("p", null, h("a", { href: `/kasus/${next.case_id}`, "data-testid": "next-task" }, `Tugas berikutnya: ${next.case.nama ?? next.title}`)));
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
    // The fields every decision asks (the stage's own) are always shown; a
    // decision's own fields only once it is chosen (its button pressed), so
    // nobody reads "(wajib)" on a field the decision they take never sends.
    const fields = new Map<string, FormField>();
    for (const outcome of outcomes) for (const field of outcome.form) if (!fields.has(field.name)) fields.set(field.name, field);
    const asks = (outcome: Outcome, name: string) => outcome.form.some((f) => f.name === name);
    const common = new Set([...fields.keys()].filter((name) => outcomes.every((o) => asks(o, name))));
    const ownFields = (outcome: Outcome) => outcome.form.filter((f) => !common.has(f.name));
    let chosen: Outcome | null = outcomes.length === 1 ? outcomes[0] : (outcomes.find((o) => o.name === chosenName) ?? null);
    const inputs = new Map([...fields.values()].map((f) => [f.name, fieldInput(f, values, documents, shownWords)]));
    const hint = h("p", { class: "hint", "aria-live": "polite" });
    const buttons = new Map<Outcome, HTMLButtonElement>();
    const show = () => {
      for (const [name, input] of inputs) input.hidden = !(common.has(name) || (chosen !== null && asks(chosen, name)));
      for (const [outcome, button] of buttons) button.setAttribute("aria-pressed", String(outcome === chosen && outcomes.length > 1));
    };
    const choose = (outcome: Outcome, button: HTMLButtonElement) => {
      const own = ownFields(outcome);
      if (outcome !== chosen && own.length) {
        chosen = outcome;
        chosenName = outcome.name;
        show();
        // Optional fields only: let them be filled before it is sent (with
        // a required one, sending shows what is missing, or sends).
        if (!own.some((f) => f.required)) {
          hint.textContent = `Isi kolom untuk «${outcome.label}» bila perlu, lalu tekan «${outcome.label}» sekali lagi.`;
          inputs.get(own[0].name)?.querySelector<HTMLElement>("input, select, textarea")?.focus();
          return;
        }
      }
      hint.textContent = "";
      void fire(outcome, button);
    };
    const form = h(
      "form",
      { class: "card decision", "aria-labelledby": "keputusan-judul", novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
      h("h2", { id: "keputusan-judul" }, "Keputusan Anda"),
      fields.size ? [...inputs.values()] : h("p", null, "Tidak ada isian untuk tahap ini."),
      outcomes.length > 1 && outcomes.some((o) => ownFields(o).length)
        ? h("p", { class: "hint" }, "Pilih keputusan: isian yang dibutuhkannya akan muncul.")
        : null,
      hint,
      h(
        "div",
        { class: "buttons" },
        outcomes.map((outcome) => {
          const button = h("button", { type: "button", "data-outcome": outcome.name }, outcome.label) as HTMLButtonElement;
          button.addEventListener("click", () => choose(outcome, button));
          buttons.set(outcome, button);
          return button;
        }),
      ),
    );
    show();
    return form;
  }

  async function download(d: DocumentInfo): Promise<void> {
    try {
      await saveFile(d.url, d.name);
    } catch (e) {
      clear(message, errorBox(e));
    }
  }

  // The kinds of document the file declares (the roster's `dokumen`: ktp,
  // sk, bukti_gaji, ...), in the workflow's words: what the OPD head and
  // BKAD check, each with the files uploaded for it.
  function declaredKinds(): string[] {
    const declared = record.data.dokumen;
    return Array.isArray(declared) ? declared.filter((k): k is string => typeof k === "string") : [];
  }

  function kindName(kind: string): string {
    return valueWords(shownWords, "dokumen", kind) ?? humanize(kind);
  }

  function documentItem(d: DocumentInfo): HTMLElement {
    const button = h("button", { type: "button", class: "secondary" }, "Unduh", h("span", { class: "visually-hidden" }, ` ${d.name}`));
    button.addEventListener("click", () => void download(d));
    return h(
      "li",
      null,
      h("span", { class: "doc-name" }, d.name),
      h("span", { class: "meta" }, ` ${formatBytes(d.size)} · ${d.uploaded_by} · ${formatDateTime(d.uploaded_at)} `),
      button,
    );
  }

  function checklist(kinds: string[]): HTMLElement {
    return h(
      "dl",
      { class: "facts evidence", "data-testid": "evidence" },
      kinds.map((kind) => {
        const files = documents.filter((d) => d.dokumen === kind);
        return [
          h("dt", null, kindName(kind)),
          h(
            "dd",
            { "data-kind": kind },
            files.length ? h("ul", { class: "documents" }, files.map(documentItem)) : h("span", { class: "meta" }, "Belum diunggah"),
          ),
        ];
      }),
    );
  }

  function documentsSection(): HTMLElement {
    const kinds = declaredKinds();
    const file = h("input", { type: "file", id: "berkas", name: "berkas" });
    const kindSelect = h(
      "select",
      { id: "jenis-berkas", name: "jenis-berkas" },
      h("option", { value: "" }, "Dokumen lain"),
      kinds.map((kind) => h("option", { value: kind }, kindName(kind))),
    ) as HTMLSelectElement;
    const status = h("p", { role: "status", class: "meta" });
    const upload = h(
      "form",
      { class: "upload" },
      h("div", { class: "field" }, h("label", { for: "berkas" }, "Unggah dokumen (PDF, gambar)"), file),
      kinds.length > 0 && h("div", { class: "field" }, h("label", { for: "jenis-berkas" }, "Jenis dokumen"), kindSelect),
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
      const kind = kinds.length ? kindSelect.value : "";
      try {
        await api(`/cases/${id}/documents?name=${encodeURIComponent(chosen.name)}${kind ? `&dokumen=${encodeURIComponent(kind)}` : ""}`, {
          method: "POST",
          body: chosen,
          contentType: chosen.type || "application/octet-stream",
        });
        // The upload is recorded in the case (a new version): the decision
        // sent next must carry that version, so the case is read again
        // (what was typed stays in `values`).
        await load();
        const text = `Dokumen ${chosen.name} terunggah${kind ? ` sebagai ${kindName(kind)}` : ""}.`;
        clear(message, h("p", { class: "success", role: "status" }, text));
      } catch (e) {
        status.textContent = describe(e);
      }
    });
    const others = kinds.length ? documents.filter((d) => !d.dokumen || !kinds.includes(d.dokumen)) : documents;
    return h(
      "section",
      { "aria-labelledby": "dokumen-judul" },
      h("h2", { id: "dokumen-judul" }, "Dokumen"),
      kinds.length > 0 && [h("h3", null, "Dokumen yang diperiksa"), checklist(kinds), h("h3", null, "Dokumen lain")],
      others.length
        ? h("ul", { class: "documents", "data-testid": "documents" }, others.map(documentItem))
        : h("p", { class: "empty" }, kinds.length ? "Tidak ada dokumen lain." : "Belum ada dokumen."),
      upload,
    );
  }

  let events: AuditEvent[] = [];

  function rerender(): void {
    heading.textContent = record.nama ? `${record.nama}` : `${record.workflow_title}, nomor ${record.id}`;
    document.title = `${heading.textContent} — Tata`;
    const data = Object.entries(record.data).filter(([name]) => !isHidden(shownWords, name));
    const performance = record.workflow === performanceWorkflow;
    const result = record.result
      ? (resultWords(shownWords, record.result) ?? ((performance && performanceResult(record.result)) || humanize(record.result)))
      : null;
    clear(
      body,
      h(
        "section",
        { class: "card summary", "aria-label": "Ringkasan" },
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Nomor kasus"),
          h("dd", null, String(record.id)),
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
              ? h("dl", { class: "facts data" }, data.map(([k, v]) => [h("dt", null, dataFieldName(k)), h("dd", null, valueNode(k, v))]))
              : h("p", { class: "empty" }, "Tidak ada data yang dapat Anda lihat."),
          ),
      documentsSection(),
      lettersSection(id, printable, (e) => clear(message, errorBox(e))),
      h("section", { "aria-labelledby": "riwayat-judul" }, h("h2", { id: "riwayat-judul" }, "Riwayat"), historyList(events, record.workflow, shownWords)),
    );
  }

  async function loadDocuments(): Promise<void> {
    documents = (await api<Api.ApiAnswers["GET /api/v1/cases/{id}/documents"]>(`/cases/${id}/documents`)).data.documents;
  }

  let printable: LetterInfo[] = [];
  async function loadLetters(): Promise<void> {
    printable = (await api<Api.ApiAnswers["GET /api/v1/cases/{id}/letters"]>(`/cases/${id}/letters`)).data.letters;
  }

  async function load(): Promise<void> {
    try {
      const [caseAnswer, history] = await Promise.all([
        api<CaseDetail>(`/cases/${id}`),
        api<Api.ApiAnswers["GET /api/v1/cases/{id}/history"]>(`/cases/${id}/history`),
        loadDocuments(),
        loadLetters(),
      ]);
      record = caseAnswer.data;
      events = history.data.events;
      shownWords = await workflowWords(record.workflow, record.workflow_version);
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

// The grievance form of a worker: filed for themselves (the server sets the
// NIK from the login), once per key however often it is sent, and what was
// typed stays when the server refuses it.
import { ApiError, api, type CaseDetail, type FieldError } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { grievanceCategories } from "../format";
import { confirm, errorBox } from "./common";

export interface GrievanceFormOptions {
  name: string; // prefilled: the name on the worker's file
  ownCase: number | null; // the worker's verification case, to link
  filed(ticket: number, created: CaseDetail): Promise<void>;
}

const fieldNames = ["nama_pelapor", "kategori", "uraian", "kontak", "kasus_terkait"] as const;

function slot(name: string): HTMLElement {
  return h("p", { class: "field-error", id: `${name}-galat`, hidden: true });
}

export function grievanceForm(options: GrievanceFormOptions): HTMLFormElement {
  const message = h("div", { "aria-live": "polite" });
  const described = (name: string) => ({ "aria-describedby": `${name}-galat` });
  const form = h(
    "form",
    { class: "card grievance-form", "aria-labelledby": "aduan-judul", novalidate: true },
    h("h2", { id: "aduan-judul" }, "Ajukan pengaduan"),
    h("p", { class: "meta" }, "Pengaduan diverifikasi paling lambat 3 hari kerja, lalu ditindaklanjuti unit yang bertanggung jawab."),
    h(
      "div",
      { class: "field" },
      h("label", { for: "nama_pelapor" }, "Nama Anda (wajib)"),
      h("input", { id: "nama_pelapor", name: "nama_pelapor", autocomplete: "name", value: options.name, ...described("nama_pelapor") }),
      slot("nama_pelapor"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "kategori" }, "Jenis pengaduan (wajib)"),
      h(
        "select",
        { id: "kategori", name: "kategori", ...described("kategori") },
        h("option", { value: "" }, "— pilih —"),
        Object.entries(grievanceCategories).map(([v, t]) => h("option", { value: v }, t)),
      ),
      slot("kategori"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "uraian" }, "Uraian: apa yang terjadi dan sejak kapan (wajib)"),
      h("textarea", { id: "uraian", name: "uraian", rows: 4, ...described("uraian") }),
      slot("uraian"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "kontak" }, "Nomor telepon atau surel (boleh kosong)"),
      h("input", { id: "kontak", name: "kontak", autocomplete: "tel", inputmode: "tel", ...described("kontak") }),
      slot("kontak"),
    ),
    options.ownCase !== null &&
      h(
        "div",
        { class: "field check" },
        h("input", { type: "checkbox", id: "kasus_terkait", name: "kasus_terkait", checked: true, ...described("kasus_terkait") }),
        h("label", { for: "kasus_terkait" }, `Kaitkan dengan berkas verifikasi saya (nomor ${options.ownCase})`),
        slot("kasus_terkait"),
      ),
    message,
    h("button", { type: "submit" }, "Kirim pengaduan"),
  );

  function showErrors(errors: FieldError[]): void {
    form.querySelectorAll<HTMLElement>(".field-error").forEach((e) => (e.hidden = true));
    let first: HTMLElement | null = null;
    for (const error of errors) {
      const name = error.field.split(".").pop() ?? error.field;
      const target = form.querySelector<HTMLElement>(`#${CSS.escape(name)}-galat`);
      if (!target) continue;
      target.textContent = error.message;
      target.hidden = false;
      first ??= form.querySelector<HTMLElement>(`#${CSS.escape(name)}`);
    }
    first?.focus();
  }

  // One key per grievance being written: a double tap or a retry files it once.
  let idempotencyKey = randomKey();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body: Record<string, unknown> = {};
    for (const name of fieldNames) {
      if (name === "kasus_terkait") continue;
      const value = String(data.get(name) ?? "").trim();
      if (value) body[name] = value;
    }
    if (options.ownCase !== null && data.get("kasus_terkait")) body.kasus_terkait = options.ownCase;
    const labels: Record<string, string> = { nama_pelapor: "Nama", kategori: "Jenis pengaduan", uraian: "Uraian" };
    const missing = Object.keys(labels).filter((n) => !body[n]);
    if (missing.length) {
      showErrors(missing.map((n) => ({ field: n, message: `${labels[n]} wajib diisi.` })));
      clear(message, h("p", { class: "error", role: "alert" }, "Lengkapi isian yang ditandai."));
      return;
    }
    showErrors([]);
    clear(message);
    const button = form.querySelector("button")!;
    button.disabled = true;
    try {
      const { data: created } = await api<Api.ApiAnswers["POST /api/v1/grievances"]>("/grievances", {
        method: "POST",
        json: body,
        headers: { "Idempotency-Key": idempotencyKey },
      });
      idempotencyKey = randomKey();
      for (const name of ["kategori", "uraian", "kontak"]) (form.elements.namedItem(name) as HTMLInputElement).value = "";
      const ticket = h("p", { class: "success", role: "status", "data-testid": "ticket" }, `Pengaduan terkirim. Nomor tiket Anda: ${created.nomor_tiket}. Simpan nomor ini untuk menanyakan pengaduan Anda.`);
      await options.filed(created.nomor_tiket, created);
      confirm(message, ticket);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        showErrors(e.errors);
        clear(message, h("p", { class: "error", role: "alert" }, `${e.title}: periksa isian yang ditandai.`));
      } else {
        clear(message, errorBox(e));
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

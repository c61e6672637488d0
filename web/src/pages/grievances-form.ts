// The officer files a grievance on a worker's behalf (POST /grievances): the
// fields the grievance workflow starts with. The server decides what is
// valid; its per-field errors are shown next to the fields, and what was
// typed stays in the form.
import { ApiError, api, describe } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { grievanceCategories } from "../format";
import { confirm } from "./common";

export type FiledGrievance = Api.FiledGrievance;

interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
}

function fieldSpecs(): FieldSpec[] {
  const input = (name: string, extra: Record<string, unknown> = {}) =>
    h("input", { id: `aduan-${name}`, name, ...extra });
  return [
    { name: "nama_pelapor", label: "Nama pelapor", control: input("nama_pelapor", { required: true, autocomplete: "off" }) },
    {
      name: "nik",
      label: "NIK pekerja",
      hint: "16 angka, bila diketahui.",
      control: input("nik", { inputmode: "numeric", autocomplete: "off", maxlength: 16 }),
    },
    {
      name: "kategori",
      label: "Kategori",
      control: h(
        "select",
        { id: "aduan-kategori", name: "kategori", required: true },
        h("option", { value: "" }, "— Pilih kategori —"),
        Object.entries(grievanceCategories).map(([value, text]) => h("option", { value }, text)),
      ),
    },
    { name: "uraian", label: "Uraian pengaduan", control: h("textarea", { id: "aduan-uraian", name: "uraian", rows: 4, required: true }) },
    { name: "kontak", label: "Kontak pelapor", hint: "Nomor telepon atau surel, bila ada.", control: input("kontak", { autocomplete: "off" }) },
    {
      name: "nomor_kontrak",
      label: "Nomor kontrak penyedia",
      hint: "Bila pengaduan tentang upah atau BPJS dari penyedia, mis. 027/PBJ-ALIHDAYA/2025. Berkas verifikasi pekerja ditautkan sendiri menurut NIK.",
      control: input("nomor_kontrak", { autocomplete: "off", maxlength: 100 }),
    },
  ];
}

// The body as the API takes it: optional fields left out when empty. The
// worker's file and the contract are named by NIK and contract number; the
// server links their cases.
function bodyOf(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of new FormData(form).entries()) {
    const value = String(raw).trim();
    if (!value && !["nama_pelapor", "kategori", "uraian"].includes(name)) continue;
    body[name] = value;
  }
  return body;
}

export function grievanceForm(onFiled: (filed: FiledGrievance) => void): HTMLElement {
  const specs = fieldSpecs();
  const errorSlots = new Map<string, HTMLElement>();
  const status = h("div", { "aria-live": "polite", "data-testid": "filing-status" });
  const submit = h("button", { type: "submit" }, "Ajukan pengaduan");
  // One key per pengaduan being typed: a retry after a lost answer files it once.
  let idempotencyKey = randomKey();

  const form = h(
    "form",
    { class: "card grievance-form", novalidate: true, "aria-labelledby": "ajukan-judul" },
    h("h2", { id: "ajukan-judul" }, "Ajukan pengaduan untuk pekerja"),
    h("p", { class: "meta" }, "Nomor tiket diberikan saat pengaduan tercatat. Isian bertanda * wajib diisi."),
    specs.map((spec) => {
      const errorId = `${spec.control.id}-galat`;
      const hintId = `${spec.control.id}-petunjuk`;
      const slot = h("p", { class: "field-error", id: errorId, hidden: true });
      errorSlots.set(spec.name, slot);
      spec.control.setAttribute("aria-describedby", spec.hint ? `${hintId} ${errorId}` : errorId);
      const required = spec.control.hasAttribute("required");
      return h(
        "div",
        { class: "field" },
        h("label", { for: spec.control.id }, spec.label, required ? " *" : ""),
        spec.hint && h("p", { class: "meta", id: hintId }, spec.hint),
        spec.control,
        slot,
      );
    }),
    h("div", { class: "buttons" }, submit),
    status,
  );
  form.addEventListener("input", () => {
    idempotencyKey = randomKey(); // changed content is another request
  });

  const clearErrors = () => {
    for (const slot of errorSlots.values()) {
      slot.hidden = true;
      slot.textContent = "";
    }
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    clear(status, h("p", { class: "loading" }, "Mengirim pengaduan…"));
    try {
      const { data } = await api<FiledGrievance>("/grievances", {
        method: "POST",
        json: bodyOf(form),
        headers: { "Idempotency-Key": idempotencyKey },
      });
      form.reset();
      idempotencyKey = randomKey();
      const filed = h(
        "p",
        { class: "success", role: "status", "data-testid": "filed" },
        "Pengaduan tercatat dengan nomor tiket ",
        h("a", { href: `/kasus/${data.nomor_tiket}` }, `#${data.nomor_tiket}`),
        `. Tahap sekarang: ${data.state_title}.`,
      );
      onFiled(data);
      confirm(status, filed);
    } catch (error) {
      const unplaced: string[] = [];
      if (error instanceof ApiError) {
        for (const fieldError of error.errors) {
          const slot = errorSlots.get(fieldError.field);
          if (!slot) {
            unplaced.push(`${fieldError.field}: ${fieldError.message}`);
            continue;
          }
          slot.textContent = fieldError.message;
          slot.hidden = false;
          form.querySelector(`[name="${fieldError.field}"]`)?.setAttribute("aria-invalid", "true");
        }
      }
      clear(
        status,
        h(
          "div",
          { class: "error", role: "alert" },
          h("p", null, describe(error)),
          unplaced.length > 0 && h("ul", null, unplaced.map((text) => h("li", null, text))),
        ),
      );
      (form.querySelector("[aria-invalid]") as HTMLElement | null)?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

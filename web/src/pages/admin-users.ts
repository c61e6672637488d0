// The regency's users and their roles (GET /admin/users), and a form to add
// one (POST /admin/users): the server checks the input and answers per field.
// Each other user can be disabled or enabled, get a new random password
// (shown once), and have their sessions listed and ended.
import { ApiError, api } from "../api";
import { clear, h, uniqueId } from "../dom";
import type * as Api from "../generated/api";
import { roleNames } from "../format";
import { announce } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import { sessionsTable } from "./sessions-table";

type User = Api.AdminUser;

const roles = ["admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"];

function attachment(user: User): string {
  if (user.opd) return `OPD: ${user.opd}`;
  if (user.vendor) return `Penyedia: ${user.vendor}`;
  if (user.nik) return `NIK: ${user.nik}`;
  return "—";
}

// What an admin does to one user; `after` refreshes the list.
interface UserActions {
  toggle(user: User): Promise<void>;
  reset(user: User): Promise<void>;
  sessions(user: User): Promise<void>;
}

function actionButtons(user: User, actions: UserActions): HTMLElement {
  const self = currentSession()?.user.username === user.username;
  if (self) return h("span", { class: "meta" }, "Akun Anda (ubah lewat halaman Akun)");
  return h(
    "div",
    { class: "row-actions" },
    h("button", { type: "button", class: "secondary", "aria-label": `${user.disabled ? "Aktifkan" : "Nonaktifkan"} ${user.username}`, onclick: () => actions.toggle(user) }, user.disabled ? "Aktifkan" : "Nonaktifkan"),
    h("button", { type: "button", class: "secondary", "aria-label": `Atur ulang kata sandi ${user.username}`, onclick: () => actions.reset(user) }, "Atur ulang kata sandi"),
    h("button", { type: "button", class: "secondary", "aria-label": `Lihat sesi ${user.username}`, onclick: () => actions.sessions(user) }, "Sesi"),
  );
}

function usersTable(users: User[], actions: UserActions, highlight?: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Pengguna daerah ini" },
    h(
      "table",
      { class: "data-table admin-table", "data-testid": "tabel-pengguna" },
      h("caption", null, `Pengguna daerah ini (${users.length})`),
      h("thead", null, h("tr", null, ["Nama pengguna", "Peran", "Terkait dengan", "Status", "Tindakan"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        null,
        users.map((u) =>
          h(
            "tr",
            { class: u.username === highlight ? "new" : null },
            h("th", { scope: "row" }, u.username),
            h("td", { "data-label": "Peran" }, roleNames[u.role] ?? u.role),
            h("td", { "data-label": "Terkait dengan" }, attachment(u)),
            h("td", { "data-label": "Status" }, u.disabled ? h("strong", { class: "badge danger" }, "Nonaktif") : "Aktif"),
            h("td", { "data-label": "Tindakan" }, actionButtons(u, actions)),
          ),
        ),
      ),
    ),
  );
}

interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  attrs?: Record<string, unknown>;
}

const fields: FieldSpec[] = [
  { name: "username", label: "Nama pengguna (wajib)", hint: "3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.", attrs: { required: true, autocomplete: "off", autocapitalize: "none", spellcheck: "false" } },
  { name: "password", label: "Kata sandi awal (wajib)", hint: "Paling sedikit 10 karakter. Sampaikan kepada pengguna lewat jalur yang aman.", attrs: { type: "password", required: true, minlength: 10, autocomplete: "new-password" } },
  { name: "opd", label: "OPD", hint: "Wajib untuk Kepala OPD dan Pejabat penilai kinerja, mis. Dinas Kesehatan." },
  { name: "vendor", label: "Kode penyedia", hint: "Wajib untuk penyedia, mis. pt-kapuas-bersih." },
  { name: "nik", label: "NIK pekerja", hint: "Wajib untuk pekerja: 16 angka.", attrs: { inputmode: "numeric" } },
  { name: "email", label: "Alamat surel", hint: "Untuk pemberitahuan, mis. nama@kapuaskab.go.id. Boleh kosong.", attrs: { type: "email", autocomplete: "off" } },
  { name: "phone", label: "Nomor telepon", hint: "Untuk pesan singkat: 8–15 angka, mis. +6281234567890. Boleh kosong.", attrs: { type: "tel", autocomplete: "off" } },
];

function addUserForm(onAdded: (username: string) => Promise<void>): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  // The regency's OPDs offered as the name is typed; the server takes only
  // these, spelled as listed (GET /opd; none listed: any name).
  const opdChoices = h("datalist", { id: "daftar-opd" });
  void api<Api.ApiAnswers["GET /api/v1/opd"]>("/opd")
    .then(({ data }) => opdChoices.replaceChildren(...data.opd.map((name) => h("option", { value: name }))))
    .catch(() => undefined);
  const errorSlots = new Map<string, HTMLElement>();
  const control = (spec: FieldSpec) => {
    const id = `pengguna-${spec.name}`;
    const hintId = uniqueId("petunjuk");
    const errorId = `${id}-galat`;
    const slot = h("p", { class: "field-error", id: errorId });
    errorSlots.set(spec.name, slot);
    return h(
      "div",
      { class: "field", "data-field": spec.name },
      h("label", { for: id }, spec.label),
      h("input", {
        id,
        name: spec.name,
        "aria-describedby": `${hintId} ${errorId}`,
        ...(spec.name === "opd" ? { list: "daftar-opd", autocomplete: "off" } : {}),
        ...(spec.attrs ?? {}),
      }),
      spec.name === "opd" && opdChoices,
      spec.hint && h("p", { class: "meta", id: hintId }, spec.hint),
      slot,
    );
  };
  const roleSlot = h("p", { class: "field-error", id: "pengguna-role-galat" });
  errorSlots.set("role", roleSlot);
  const roleField = h(
    "div",
    { class: "field" },
    h("label", { for: "pengguna-role" }, "Peran (wajib)"),
    h("select", { id: "pengguna-role", name: "role", required: true, "aria-describedby": "pengguna-role-galat" }, roles.map((r) => h("option", { value: r, selected: r === "officer" }, roleNames[r] ?? r))),
    roleSlot,
  );
  const [username, password, ...attached] = fields.map(control);
  const submit = h("button", { type: "submit" }, "Tambah pengguna");
  const form = h("form", { class: "add-user", "aria-labelledby": "tambah-judul", novalidate: true }, h("div", { class: "form-grid" }, username, roleField, password, ...attached), h("div", { class: "buttons" }, submit), status);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const [name, value] of data.entries()) {
      const text = String(value).trim();
      if (text) body[name] = name === "password" ? String(value) : text;
    }
    for (const slot of errorSlots.values()) clear(slot);
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    submit.disabled = true;
    clear(status, loading("Menyimpan…"));
    try {
      await api("/admin/users", { method: "POST", json: body });
      form.reset();
      clear(status, h("p", { class: "success", role: "status" }, `Pengguna ${body.username} (${roleNames[body.role] ?? body.role}) ditambahkan.`));
      announce(`Pengguna ${body.username} ditambahkan.`);
      await onAdded(body.username);
    } catch (error) {
      clear(status, errorBox(error));
      if (error instanceof ApiError) {
        let first: HTMLElement | null = null;
        for (const { field, message } of error.errors) {
          const slot = errorSlots.get(field);
          if (!slot) continue;
          slot.append(message);
          const input = form.querySelector<HTMLElement>(`[name="${field}"]`);
          input?.setAttribute("aria-invalid", "true");
          first ??= input;
        }
        first?.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h("div", null, h("h3", { id: "tambah-judul" }, "Tambah pengguna"), form);
}

// The admin's view of one user's sessions, each with a button to end it.
async function userSessions(user: User, panel: HTMLElement): Promise<void> {
  const base = `/admin/users/${encodeURIComponent(user.username)}/sessions`;
  clear(panel, loading(`Memuat sesi ${user.username}…`));
  try {
    const { data } = await api<Api.ApiAnswers["GET /api/v1/admin/users/{username}/sessions"]>(base);
    const endAll = h("button", { type: "button", class: "secondary", disabled: data.sessions.length === 0 }, "Akhiri semua sesi");
    endAll.addEventListener("click", async () => {
      try {
        const { data: ended } = await api<Api.ApiAnswers["DELETE /api/v1/admin/users/{username}/sessions"]>(base, { method: "DELETE" });
        announce(`${ended.revoked} sesi ${user.username} diakhiri.`);
        await userSessions(user, panel);
      } catch (error) {
        panel.append(errorBox(error));
      }
    });
    clear(
      panel,
      h("h3", { id: "sesi-judul", tabindex: "-1" }, `Sesi ${user.username}`),
      sessionsTable(data.sessions, `Sesi ${user.username} yang masih berlaku`, async (s) => {
        await api(`${base}/${s.id}`, { method: "DELETE" });
        announce(`Satu sesi ${user.username} diakhiri.`);
        await userSessions(user, panel);
      }),
      h("div", { class: "buttons" }, endAll),
    );
    panel.querySelector<HTMLElement>("#sesi-judul")?.focus();
  } catch (error) {
    clear(panel, errorBox(error));
  }
}

export function usersSection(): HTMLElement {
  const list = h("div", { "aria-live": "polite" }, loading("Memuat pengguna…"));
  const panel = h("div", { class: "user-panel", "data-testid": "panel-pengguna", "aria-live": "polite" });
  const actions: UserActions = {
    toggle: async (user) => {
      const verb = user.disabled ? "enable" : "disable";
      if (!user.disabled && !window.confirm(`Nonaktifkan ${user.username}? Ia tidak dapat masuk dan semua sesinya diakhiri.`)) return;
      try {
        await api(`/admin/users/${encodeURIComponent(user.username)}/${verb}`, { method: "POST", json: {} });
        const text = user.disabled ? `${user.username} diaktifkan kembali.` : `${user.username} dinonaktifkan; semua sesinya diakhiri.`;
        clear(panel, h("p", { class: "success", role: "status" }, text));
        announce(text);
        await refresh(user.username);
      } catch (error) {
        clear(panel, errorBox(error));
      }
    },
    reset: async (user) => {
      if (!window.confirm(`Buat kata sandi baru untuk ${user.username}? Kata sandi lama tidak berlaku lagi dan semua sesinya diakhiri.`)) return;
      try {
        // Without a body the server generates the password, so the answer's
        // optional `password` is always there.
        const { data } = await api<Api.ApiAnswers["POST /api/v1/admin/users/{username}/password"]>(`/admin/users/${encodeURIComponent(user.username)}/password`, { method: "POST" });
        clear(
          panel,
          h(
            "div",
            { class: "success", role: "status", "data-testid": "kata-sandi-baru" },
            h("p", null, `Kata sandi baru untuk ${user.username}: `, h("code", { class: "new-password" }, data.password)),
            h("p", null, "Kata sandi ini hanya ditampilkan sekali. Sampaikan kepada pengguna lewat jalur yang aman; semua sesinya telah diakhiri."),
          ),
        );
        announce(`Kata sandi baru untuk ${user.username} dibuat.`);
      } catch (error) {
        clear(panel, errorBox(error));
      }
    },
    sessions: (user) => userSessions(user, panel),
  };
  const refresh = async (highlight?: string) => {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/admin/users"]>("/admin/users");
      clear(list, usersTable(data.users, actions, highlight));
    } catch (error) {
      clear(list, errorBox(error));
    }
  };
  void refresh();
  return h("div", null, list, panel, addUserForm((username) => refresh(username)));
}

// Akun saya (every user): where notifications reach them (e-mail and
// phone), change one's own password (the current one is needed; every other
// session ends) and see and end one's own sessions.
import "./admin.css";
import { ApiError, api } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import type { PageContext } from "../main";
import { announce } from "../main";
import { errorBox, loading } from "./common";
import { sessionsTable } from "./sessions-table";

// The server's field messages are for developers: these are for people.
const fieldMessages: Record<string, string> = {
  current_password: "Kata sandi saat ini salah.",
  new_password: "Kata sandi baru paling sedikit 10 karakter dan paling banyak 1.024 byte.",
};

const contactMessages: Record<string, string> = {
  email: "Tulis alamat surel lengkap, misalnya nama@kapuaskab.go.id (paling banyak 254 karakter), atau kosongkan.",
  phone: "Tulis 8 sampai 15 angka, boleh diawali + (misalnya +6281234567890), atau kosongkan.",
};

// The part of GET /me the contact form fills in (both optional, so the form
// can start empty when /me fails).
type Me = Pick<Api.ApiAnswers["GET /api/v1/me"], "email" | "phone">;

// Where the regency's notifications (new tasks, deadlines, answers) reach
// the user; both may be left empty.
function contactForm(me: Me): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const field = (id: string, label: string, type: string, autocomplete: string, value: string) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h("input", { id, name: id, type, autocomplete, value, "aria-describedby": `${id}-galat` }),
      h("p", { class: "field-error", id: `${id}-galat` }),
    );
  const submit = h("button", { type: "submit" }, "Simpan kontak");
  const form = h(
    "form",
    { class: "add-user", "aria-labelledby": "kontak-judul", novalidate: true },
    h("div", { class: "form-grid" }, field("email", "Alamat surel", "email", "email", me.email ?? ""), field("phone", "Nomor telepon", "tel", "tel", me.phone ?? "")),
    h("div", { class: "buttons" }, submit),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    form.querySelectorAll(".field-error").forEach((slot) => clear(slot));
    submit.disabled = true;
    clear(status, loading("Menyimpan…"));
    try {
      await api("/me/contact", { method: "POST", json: { email: String(data.get("email") ?? "").trim(), phone: String(data.get("phone") ?? "").trim() } });
      const text = "Kontak disimpan. Pemberitahuan akan dikirim ke sana.";
      clear(status, h("p", { class: "success", role: "status" }, text));
      announce(text);
    } catch (error) {
      const known = error instanceof ApiError ? error.errors.filter((e) => contactMessages[e.field]) : [];
      if (known.length > 0) {
        clear(status);
        for (const e of known) form.querySelector(`#${e.field}-galat`)?.append(contactMessages[e.field]);
        (form.querySelector(`#${known[0].field}`) as HTMLInputElement | null)?.focus();
      } else {
        clear(status, errorBox(error));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h(
    "div",
    null,
    h("h2", { id: "kontak-judul" }, "Kontak pemberitahuan"),
    h("p", null, "Tugas baru, tenggat yang mendekat dan jawaban atas pengaduan dikirim ke alamat surel ini (dan ke nomor telepon bila kabupaten Anda memakai pesan singkat)."),
    form,
  );
}

function passwordForm(onChanged: () => Promise<void>): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const field = (id: string, label: string, autocomplete: string) =>
    h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, type: "password", required: true, autocomplete }), h("p", { class: "field-error", id: `${id}-galat` }));
  const submit = h("button", { type: "submit" }, "Ubah kata sandi");
  const form = h(
    "form",
    { class: "add-user", "aria-labelledby": "sandi-judul", novalidate: true },
    h("div", { class: "form-grid" }, field("current_password", "Kata sandi saat ini", "current-password"), field("new_password", "Kata sandi baru (paling sedikit 10 karakter)", "new-password"), field("repeat_password", "Ulangi kata sandi baru", "new-password")),
    h("div", { class: "buttons" }, submit),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const current = String(data.get("current_password") ?? "");
    const next = String(data.get("new_password") ?? "");
    form.querySelectorAll(".field-error").forEach((slot) => clear(slot));
    if (next !== String(data.get("repeat_password") ?? "")) {
      form.querySelector("#repeat_password-galat")!.append("Kedua kata sandi baru tidak sama.");
      return;
    }
    submit.disabled = true;
    clear(status, loading("Menyimpan…"));
    try {
      await api("/me/password", { method: "POST", json: { current_password: current, new_password: next } });
      form.reset();
      const text = "Kata sandi diubah. Sesi lain Anda telah diakhiri.";
      clear(status, h("p", { class: "success", role: "status" }, text));
      announce(text);
      await onChanged();
    } catch (error) {
      const known = error instanceof ApiError ? error.errors.filter((e) => fieldMessages[e.field]) : [];
      if (known.length > 0) {
        clear(status);
        for (const e of known) form.querySelector(`#${e.field}-galat`)?.append(fieldMessages[e.field]);
      } else {
        clear(status, errorBox(error));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h("div", null, h("h2", { id: "sandi-judul" }, "Ubah kata sandi"), form);
}

export async function renderAccount({ main }: PageContext): Promise<void> {
  const list = h("div", { "aria-live": "polite" }, loading("Memuat sesi…"));
  const refresh = async () => {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/me/sessions"]>("/me/sessions");
      const others = data.sessions.filter((s) => !s.current).length;
      const endOthers = h("button", { type: "button", class: "secondary", disabled: others === 0 }, "Akhiri semua sesi lain");
      endOthers.addEventListener("click", async () => {
        try {
          await api("/me/sessions", { method: "DELETE" });
          announce("Sesi lain Anda diakhiri.");
          await refresh();
        } catch (error) {
          list.append(errorBox(error));
        }
      });
      clear(
        list,
        sessionsTable(data.sessions, "Sesi Anda yang masih berlaku", async (s) => {
          await api(`/me/sessions/${s.id}`, { method: "DELETE" });
          announce("Sesi diakhiri.");
          await refresh();
        }),
        h("div", { class: "buttons" }, endOthers),
      );
    } catch (error) {
      clear(list, errorBox(error));
    }
  };
  let me: Me = {};
  try {
    me = (await api<Me>("/me")).data;
  } catch {
    // The form then starts empty; saving still works.
  }
  clear(
    main,
    h("h1", null, "Akun saya"),
    h("section", { class: "card admin-card" }, contactForm(me)),
    h("section", { class: "card admin-card" }, passwordForm(refresh)),
    h("section", { class: "card admin-card", "aria-labelledby": "sesi-saya-judul" }, h("h2", { id: "sesi-saya-judul" }, "Sesi saya"), list),
  );
  await refresh();
}

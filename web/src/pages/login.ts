// Masuk: username and password → a token for this tab.
import { ApiError, api, describe } from "../api";
import { h } from "../dom";
import type * as Api from "../generated/api";
import { homeOf, navigate, type PageContext } from "../main";
import { startSession } from "../session";

export function renderLogin({ main, query }: PageContext): void {
  const notice =
    query.get("alasan") === "sesi"
      ? "Sesi Anda telah berakhir. Silakan masuk kembali."
      : query.get("keluar")
        ? "Anda telah keluar."
        : null;
  const error = h("p", { class: "error", role: "alert", id: "login-error", hidden: true });
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit" }, "Masuk");

  const form = h(
    "form",
    { class: "card narrow", "aria-describedby": notice ? "login-notice" : null, novalidate: true },
    h("div", { class: "field" }, h("label", { for: "username" }, "Nama pengguna"), username),
    h("div", { class: "field" }, h("label", { for: "password" }, "Kata sandi"), password),
    error,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      error.textContent = "Isi nama pengguna dan kata sandi.";
      error.hidden = false;
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = "Sedang masuk…";
    try {
      const { data } = await api<Api.ApiAnswers["POST /api/v1/auth/login"]>("/auth/login", {
        method: "POST",
        json: { username: username.value.trim(), password: password.value },
      });
      startSession(data);
      const next = query.get("lanjut");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : homeOf(data.user.role), true);
    } catch (e) {
      error.textContent =
        e instanceof ApiError && e.status === 401
          ? "Nama pengguna atau kata sandi salah."
          : e instanceof ApiError && e.status === 429
            ? "Terlalu banyak percobaan gagal. Tunggu sebentar lalu coba lagi."
            : describe(e);
      error.hidden = false;
      password.value = "";
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = "Masuk";
    }
  });

  main.append(
    h("h1", null, "Masuk ke Tata"),
    h("p", { class: "lead" }, "Penyelesaian tenaga non-ASN: verifikasi, prioritas, penyedia dan pengaduan."),
    ...(notice ? [h("p", { class: "notice", id: "login-notice", role: "status" }, notice)] : []),
    form,
  );
}

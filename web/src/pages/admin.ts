// Administrasi (admin only): the generation of workflows, rules and plugins
// the server runs, its reload with the validation errors when refused, the
// regency's users, and its notification outbox.
import "../charts/charts.css";
import "./admin.css";
import { clear, h } from "../dom";
import type { PageContext } from "../main";
import { errorBox, loading } from "./common";
import { definitionsView, loadDefinitions } from "./admin-definitions";
import { reloadSection } from "./admin-reload";
import { notificationsSection } from "./admin-notifications";
import { usersSection } from "./admin-users";

export async function renderAdmin({ main }: PageContext): Promise<void> {
  const definitions = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("Memuat definisi…"));
  // Shows the generation that serves now; returns its number.
  const refresh = async (): Promise<number | null> => {
    try {
      const d = await loadDefinitions();
      clear(definitions, definitionsView(d));
      return d.generation;
    } catch (error) {
      clear(definitions, errorBox(error));
      return null;
    } finally {
      definitions.setAttribute("aria-busy", "false");
    }
  };
  clear(
    main,
    h("h1", null, "Administrasi"),
    h("p", { class: "lead" }, "Definisi yang berlaku, muat ulang, pengguna daerah, dan pemberitahuan."),
    h(
      "section",
      { "aria-labelledby": "definisi-judul", class: "card admin-card" },
      h("h2", { id: "definisi-judul" }, "Definisi yang berlaku"),
      reloadSection(refresh),
      definitions,
    ),
    h("section", { "aria-labelledby": "pengguna-judul", class: "card admin-card" }, h("h2", { id: "pengguna-judul" }, "Pengguna dan peran"), usersSection()),
    h("section", { "aria-labelledby": "pemberitahuan-judul", class: "card admin-card" }, h("h2", { id: "pemberitahuan-judul" }, "Pemberitahuan"), notificationsSection()),
  );
  await refresh();
}

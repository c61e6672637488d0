// The generation of definitions the server runs: its workflows (id,
// version, title, file), plugins (version, actions, scorers) and the rules
// of the admin's regency (GET /admin/definitions).
import { api } from "../api";
import { h } from "../dom";
import type * as Api from "../generated/api";
import { formatNumber, formatRupiah, humanize, workflowNames } from "../format";

export type Definitions = Api.AdminDefinitions;

export async function loadDefinitions(): Promise<Definitions> {
  return (await api<Definitions>("/admin/definitions")).data;
}

// "…/rules/62.03/regency.yaml" → "rules/62.03/regency.yaml": the part a person recognises.
export function shortPath(file: string): string {
  const parts = file.split("/");
  const at = parts.findIndex((p) => p === "workflows" || p === "rules");
  return at >= 0 ? parts.slice(at).join("/") : parts.slice(-2).join("/");
}

function table(caption: string, headings: string[], rows: Array<Array<Node | string>>, testId: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      { class: "data-table admin-table", "data-testid": testId },
      h("caption", null, caption),
      h("thead", null, h("tr", null, headings.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", null, rows.map(([first, ...rest]) => h("tr", null, h("th", { scope: "row" }, first), rest.map((cell, i) => h("td", { "data-label": headings[i + 1] }, cell))))),
    ),
  );
}

const code = (text: string) => h("code", null, text);
const list = (items: string[]) => (items.length ? h("span", { class: "code-list" }, items.map((item) => code(item))) : "—");

function setting(settings: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), settings);
}

function regencyFacts(regency: NonNullable<Definitions["regency"]>): HTMLElement {
  const s = regency.settings;
  const umk = setting(s, "umk");
  const facts: Array<[string, Node | string]> = [
    ["Kode", regency.code],
    ["Nama", regency.name],
    ["Zona waktu", regency.zone],
    ["Berkas aturan", code(shortPath(regency.file))],
    ["UMK", typeof umk === "number" ? formatRupiah(umk) : "—"],
    ["Masa kerja minimum", setting(s, "min_service_years") !== undefined ? `${formatNumber(Number(setting(s, "min_service_years")))} tahun` : "—"],
    ["Kartu skor pemeringkatan", setting(s, "prioritization.scorecard") ? code(String(setting(s, "prioritization.scorecard"))) : "—"],
    ["Formasi", setting(s, "prioritization.formasi") ? code(String(setting(s, "prioritization.formasi"))) : "—"],
    ["Metode pemilihan penyedia", setting(s, "outsourcing.method") ? humanize(String(setting(s, "outsourcing.method"))) : "—"],
  ];
  return h(
    "div",
    null,
    h("dl", { class: "facts", "data-testid": "aturan-daerah" }, facts.map(([term, value]) => [h("dt", null, term), h("dd", null, value)])),
    h("details", null, h("summary", null, "Semua pengaturan daerah (JSON)"), h("pre", { class: "settings" }, JSON.stringify(s, null, 2))),
  );
}

export function definitionsView(d: Definitions): HTMLElement {
  return h(
    "div",
    { "data-testid": "definisi" },
    h("p", { class: "generation" }, "Generasi yang berlaku: ", h("strong", { "data-testid": "generasi" }, String(d.generation))),
    table(
      "Prosedur (workflow) yang dimuat",
      ["Prosedur", "Versi", "Judul", "Berkas", "Dipakai kasus baru"],
      d.workflows.map((w) => [
        h("span", null, workflowNames[w.id] ?? humanize(w.id), " ", code(w.id)),
        String(w.version),
        w.title,
        code(shortPath(w.file)),
        w.latest ? "Ya (versi terbaru)" : "Tidak (kasus lama)",
      ]),
      "tabel-prosedur",
    ),
    table(
      "Plugin yang dimuat",
      ["Plugin", "Versi", "Berkas", "Aksi", "Penilai"],
      d.plugins.map((p) => [p.name, p.version, code(p.file), list(p.actions), list(p.scorers)]),
      "tabel-plugin",
    ),
    h("h3", null, "Aturan daerah"),
    d.regency ? regencyFacts(d.regency) : h("p", { class: "empty" }, "Aturan untuk daerah Anda tidak ditemukan dalam generasi ini."),
  );
}

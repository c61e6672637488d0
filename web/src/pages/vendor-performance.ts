// Penilaian kinerja pekerja on Kontrak saya: the final evaluations of the
// vendor's outsourced workers (the server lists only those of its contracts,
// and only their result): name, year, predikat and the objection's outcome.
import "./performance.css";
import { api, type CaseDetail } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { errorBox, loading } from "./common";
import { objectionShort, performanceWorkflow, predikatLabel, ratingLabel, text } from "./performance-words";

function row(c: CaseDetail): HTMLElement {
  const objection = text(c.data.keberatan);
  const work = ratingLabel(c.data, "hasil_kerja");
  const behaviour = ratingLabel(c.data, "perilaku_kerja");
  return h(
    "tr",
    { "data-case": c.id },
    h("th", { scope: "row" }, c.nama ?? text(c.data.nama) ?? `#${c.id}`, text(c.data.jabatan) && h("span", { class: "meta block" }, text(c.data.jabatan))),
    h("td", { "data-label": "Tahun" }, typeof c.data.tahun === "number" ? String(c.data.tahun) : "—"),
    h(
      "td",
      { "data-label": "Predikat" },
      h(
        "div",
        null,
        h("strong", { "data-testid": "predikat" }, predikatLabel(c.data) ?? "—"),
        (work || behaviour) && h("span", { class: "meta block" }, [work && `Hasil kerja: ${work}`, behaviour && `Perilaku kerja: ${behaviour}`].filter(Boolean).join("; ")),
      ),
    ),
    h("td", { "data-label": "Keberatan" }, objection ? (objectionShort[objection] ?? objection) : "Tidak ada"),
  );
}

export function vendorEvaluationsSection(): HTMLElement {
  const body = h("div", { "aria-busy": "true" }, loading("Memuat hasil penilaian kinerja…"));
  const section = h(
    "section",
    { "aria-labelledby": "kinerja-pekerja-judul", "data-testid": "vendor-evaluations" },
    h("h2", { id: "kinerja-pekerja-judul" }, "Penilaian kinerja pekerja"),
    h("p", { class: "meta" }, "Hasil final penilaian kinerja pekerja alih daya pada kontrak Anda, diteruskan oleh BKPSDM."),
    body,
  );
  void (async () => {
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/cases"]>(`/cases?workflow=${performanceWorkflow}&per_page=200`);
      const cases = await Promise.all(data.items.map(async (s) => (await api<CaseDetail>(`/cases/${s.id}`)).data));
      cases.sort((a, b) => Number(b.data.tahun ?? 0) - Number(a.data.tahun ?? 0) || (a.nama ?? "").localeCompare(b.nama ?? ""));
      clear(
        body,
        cases.length
          ? h(
              "div",
              { class: "table-wrap perf-vendor-wrap" },
              h(
                "table",
                { class: "data-table perf-vendor", "data-testid": "vendor-evaluation-table" },
                h("caption", null, `Hasil penilaian kinerja (${cases.length})`),
                h("thead", null, h("tr", null, ["Pekerja", "Tahun", "Predikat", "Keberatan"].map((t) => h("th", { scope: "col" }, t)))),
                h("tbody", null, cases.map(row)),
              ),
            )
          : h("p", { class: "empty" }, "Belum ada hasil penilaian kinerja yang final untuk pekerja Anda."),
      );
    } catch (e) {
      clear(body, errorBox(e));
    }
    body.setAttribute("aria-busy", "false");
  })();
  return section;
}

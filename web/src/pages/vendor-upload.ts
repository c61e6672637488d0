// The monthly report form of one contract: choose the CSV, check it first
// (POST /compliance/check, nothing is recorded) or send it to the contract
// (POST /contracts/{id}/reports). Whether the contract takes a report now is
// the server's word: the "send" button is offered only when the contract's
// allowed outcomes hold kirim_laporan. Sending checks the file first and asks
// once more when it has findings or its month was already sent: a report
// sent is on the contract's record for good.
import { ApiError, api, type CaseDetail } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, formatNumber, formatRupiah } from "../format";
import { announce } from "../main";
import { errorBox } from "./common";
import { type ComplianceReport, findingsTable, reportSummary, verdict } from "./vendor-findings";
import { loadReports } from "./vendor-reports";

export interface UploadCallbacks {
  // Called after a report was sent, with the contract as it is now.
  sent(contract: CaseDetail): Promise<void> | void;
}

export function uploadForm(initial: CaseDetail, callbacks: UploadCallbacks): HTMLElement {
  let contract = initial;
  const fileError = h("p", { class: "field-error", id: "laporan-berkas-galat", hidden: true });
  const file = h("input", {
    type: "file",
    id: "laporan-berkas",
    name: "laporan",
    accept: ".csv,text/csv",
    "aria-describedby": "laporan-berkas-petunjuk laporan-berkas-galat",
  });
  const result = h("div", { class: "report-result", "aria-live": "polite", "data-testid": "report-result" });
  const checkButton = h("button", { type: "submit" }, "Periksa dulu");
  const sendButton = h("button", { type: "button", "data-action": "send" }, "Kirim laporan");
  const explanation = h("p");
  const buttons = h("div", { class: "buttons" });

  // Offers "send" only while the server lets this vendor send a report.
  function applyState(): void {
    const canSend = contract.allowed_outcomes.some((o) => o.name === "kirim_laporan");
    checkButton.className = canSend ? "secondary" : "";
    clear(buttons, checkButton, canSend && sendButton);
    if (canSend) {
      explanation.className = "meta";
      explanation.removeAttribute("data-testid");
      explanation.textContent =
        "«Periksa dulu» hanya memeriksa berkas tanpa mencatat apa pun. «Kirim laporan» menyerahkan laporan kepada BKPSDM dan temuannya tercatat pada kontrak.";
    } else {
      explanation.className = "notice";
      explanation.setAttribute("data-testid", "not-accepting");
      explanation.textContent = `Kontrak ini tidak sedang menunggu laporan bulanan (tahap: ${contract.state_title}), jadi laporan belum dapat dikirim. Anda tetap dapat memeriksa berkas.`;
    }
  }

  function chosen(): File | null {
    const f = file.files?.[0] ?? null;
    fileError.hidden = Boolean(f);
    if (!f) {
      fileError.textContent = "Pilih berkas laporan (CSV) terlebih dahulu.";
      file.focus();
    }
    return f;
  }

  function showProblem(e: unknown): void {
    // A problem about the file itself belongs next to the file field.
    if (e instanceof ApiError && e.errors.length) {
      fileError.textContent = e.errors.map((x) => x.message).join("; ");
      fileError.hidden = false;
    }
    clear(result, errorBox(e));
  }

  function showReport(report: ComplianceReport, sentText: string | null): void {
    const head = sentText ?? `Hasil pemeriksaan awal (belum dikirim): ${verdict(report)}`;
    clear(
      result,
      h("h4", null, sentText ? "Laporan terkirim" : "Hasil pemeriksaan awal"),
      h("p", { class: report.compliant ? "success" : "notice", "data-testid": "verdict" }, head),
      reportSummary(report),
      findingsTable(report, `Temuan per pekerja — ${report.file}`),
    );
    announce(head);
  }

  async function busy(work: () => Promise<void>): Promise<void> {
    checkButton.disabled = true;
    sendButton.disabled = true;
    try {
      await work();
    } finally {
      checkButton.disabled = false;
      sendButton.disabled = false;
    }
  }

  const form = h(
    "form",
    { class: "card upload-report", "aria-labelledby": "unggah-judul", novalidate: true },
    h("h3", { id: "unggah-judul" }, "Unggah laporan kepatuhan bulanan"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "laporan-berkas" }, "Berkas laporan (CSV, wajib)"),
      file,
      h(
        "p",
        { class: "meta", id: "laporan-berkas-petunjuk" },
        "Satu baris per pekerja, dengan kolom periode, nik, nama, jabatan, upah_dibayar, tanggal_bayar, bpjs_tk_terdaftar, iuran_jht, iuran_jp, iuran_jkk, iuran_jkm, bpjs_kesehatan_terdaftar, iuran_kesehatan. Rupiah ditulis angka saja (3473710).",
      ),
      fileError,
    ),
    explanation,
    buttons,
    result,
  );
  applyState();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const f = chosen();
    if (!f) return;
    clear(result, h("p", { class: "loading" }, "Memeriksa laporan…"));
    await busy(async () => {
      try {
        const { data } = await api<Api.ApiAnswers["POST /api/v1/compliance/check"]>(`/compliance/check?contract=${contract.id}&name=${encodeURIComponent(f.name)}`, {
          method: "POST",
          body: f,
          contentType: "text/csv",
        });
        showReport(data, null);
      } catch (e) {
        showProblem(e);
      }
    });
  });

  // Why the vendor should look again before sending: findings in the file,
  // or a report for the same month already sent. Empty: nothing to ask.
  async function reasonsToPause(f: File): Promise<{ reasons: string[]; report: ComplianceReport }> {
    const { data: report } = await api<Api.ApiAnswers["POST /api/v1/compliance/check"]>(`/compliance/check?contract=${contract.id}&name=${encodeURIComponent(f.name)}`, {
      method: "POST",
      body: f,
      contentType: "text/csv",
    });
    const reasons: string[] = [];
    if (report.findings.length)
      reasons.push(
        `Berkas ini memuat ${formatNumber(report.findings.length)} temuan dengan kekurangan ${formatRupiah(report.total_shortfall)}. Setelah dikirim, temuan ini tercatat pada kontrak dan dapat berujung sanksi.`,
      );
    const earlier = report.periode ? (await loadReports(contract.id)).filter((r) => r.periode === report.periode) : [];
    if (earlier.length) {
      const last = earlier[0];
      reasons.push(
        `Laporan periode ${report.periode} sudah dikirim pada ${formatDateTime(last.submitted_at)}` +
          (last.result ? " dan sudah diperiksa BKPSDM" : "") +
          ". Laporan ini akan tercatat sebagai laporan baru untuk bulan yang sama.",
      );
    }
    return { reasons, report };
  }

  async function send(f: File): Promise<void> {
    clear(result, h("p", { class: "loading" }, "Mengirim laporan…"));
    await busy(async () => {
      try {
        const { data } = await api<Api.ApiAnswers["POST /api/v1/contracts/{id}/reports"]>(
          `/contracts/${contract.id}/reports?name=${encodeURIComponent(f.name)}`,
          { method: "POST", body: f, contentType: "text/csv" },
        );
        contract = data.case;
        applyState();
        showReport(data, `Laporan periode ${data.periode ?? "—"} terkirim. ${verdict(data)} Tahap kontrak sekarang: ${data.case.state_title}.`);
        await callbacks.sent(data.case);
      } catch (e) {
        showProblem(e);
      }
    });
  }

  sendButton.addEventListener("click", async () => {
    const f = chosen();
    if (!f) return;
    clear(result, h("p", { class: "loading" }, "Memeriksa laporan sebelum dikirim…"));
    let pause: { reasons: string[]; report: ComplianceReport };
    try {
      pause = await reasonsToPause(f);
    } catch (e) {
      showProblem(e);
      return;
    }
    if (!pause.reasons.length) return send(f);
    const yes = h("button", { type: "button" }, "Kirim juga");
    const no = h("button", { type: "button", class: "secondary" }, "Batal, perbaiki dulu");
    const ask = h(
      "div",
      { class: "confirm notice", role: "alertdialog", "aria-labelledby": "tanya-kirim", "data-testid": "send-confirm" },
      h("p", { id: "tanya-kirim" }, h("strong", null, "Periksa sekali lagi sebelum mengirim.")),
      pause.reasons.map((reason) => h("p", null, reason)),
      h("div", { class: "buttons" }, yes, no),
    );
    yes.addEventListener("click", () => void send(f));
    no.addEventListener("click", () => {
      showReport(pause.report, null);
      file.focus();
    });
    clear(result, ask);
    yes.focus();
  });

  return form;
}

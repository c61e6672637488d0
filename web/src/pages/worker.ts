// Status saya (phones first): the worker's own verification file, their
// performance evaluations (worker-performance.ts) and grievances, each as a
// plain-language timeline with what happens next and by when, the worker's
// own turn when a grievance asks for it (accept the resolution or appeal),
// and the form to file a new grievance.
import "./worker.css";
import { api, type AuditEvent, type CaseDetail, type Task } from "../api";
import { clear, h } from "../dom";
import type * as Api from "../generated/api";
import { formatDateTime, grievanceCategories, humanize } from "../format";
import { announce, type PageContext } from "../main";
import { currentSession } from "../session";
import { errorBox, loading } from "./common";
import { grievanceForm } from "./worker-grievance";
import { workerTimeline } from "./worker-timeline";
import { workerTurn } from "./worker-outcome";
import { accessLogSection } from "./worker-access";
import { renderOwnRound } from "./worker-round";
import { performanceWorkflow } from "./performance-words";
import { evaluationBlocks, evaluationMeta, evaluationTitle, evaluationTurn } from "./worker-performance";

interface Loaded {
  record: CaseDetail;
  events: AuditEvent[];
}

function title(c: CaseDetail): string {
  if (c.workflow === performanceWorkflow) return evaluationTitle(c);
  return c.workflow === "grievance" ? `Pengaduan nomor tiket ${c.id}` : "Verifikasi berkas saya";
}

function dueText(task: Task): string {
  if (!task.due_at) return "tanpa tenggat";
  return task.overdue ? `seharusnya selesai ${formatDateTime(task.due_at)}` : `paling lambat ${formatDateTime(task.due_at)}`;
}

// What happens next and by when, in one or two sentences.
function nextStep(c: CaseDetail): HTMLElement {
  if (c.status === "completed") return h("p", { class: "next done" }, "Proses ini sudah selesai.");
  if (c.allowed_outcomes.length) return h("p", { class: "next yours" }, h("strong", null, "Selanjutnya: "), "giliran Anda. Pilih jawaban di bawah.");
  if (c.open_tasks.length)
    return h(
      "div",
      { class: "next", "data-testid": "next-step" },
      c.open_tasks.map((t) =>
        h(
          "p",
          { class: t.overdue ? "overdue" : null },
          h("strong", null, "Selanjutnya: "),
          `${t.title}, ${dueText(t)}.`,
          t.overdue && [" ", h("span", { class: "badge danger" }, "Terlambat")],
        ),
      ),
    );
  return h("p", { class: "next" }, h("strong", null, "Selanjutnya: "), c.state_description ?? "menunggu proses berikutnya.");
}

function summaryLine(c: CaseDetail): HTMLElement {
  const task = c.open_tasks[0];
  const what = c.allowed_outcomes.length
    ? "menunggu jawaban Anda"
    : task
      ? `${task.title}, ${dueText(task)}`
      : c.state_title;
  return h("li", null, h("a", { href: `#kasus-${c.id}` }, title(c)), `: ${what}.`);
}

export async function renderWorker({ main }: PageContext): Promise<void> {
  const session = currentSession()!;
  const lead = h("p", { class: "lead" }, `NIK ${session.user.nik ?? "—"}`);
  const now = h("div", null);
  const files = h("div", { "aria-busy": "true" }, loading("Memuat status Anda…"));
  const round = h("div", null);
  const evaluations = h("div", null);
  const grievances = h("div", null);
  const formSlot = h("div", null);
  main.append(
    h("h1", null, "Status saya"),
    lead,
    h("section", { "aria-labelledby": "sekarang-judul", class: "card now" }, h("h2", { id: "sekarang-judul" }, "Yang sedang berjalan"), now),
    h("section", { "aria-labelledby": "berkas-judul" }, h("h2", { id: "berkas-judul" }, "Berkas verifikasi saya"), files),
    h("section", { "aria-labelledby": "peringkat-judul" }, h("h2", { id: "peringkat-judul" }, "Hasil pemeringkatan"), round),
    h("section", { "aria-labelledby": "kinerja-judul", "data-testid": "performance" }, h("h2", { id: "kinerja-judul" }, "Penilaian kinerja"), evaluations),
    h("section", { "aria-labelledby": "pengaduan-judul" }, h("h2", { id: "pengaduan-judul" }, "Pengaduan saya"), grievances),
    formSlot,
    accessLogSection(),
  );

  async function afterTurn(_updated: CaseDetail, text: string): Promise<void> {
    await load();
    announce(text);
    const status = h("p", { class: "success", "data-testid": "turn-done" }, text);
    now.prepend(status);
  }

  function card({ record: c, events }: Loaded): HTMLElement {
    const grievance = c.workflow === "grievance";
    const performance = c.workflow === performanceWorkflow;
    const kategori = typeof c.data.kategori === "string" ? c.data.kategori : null;
    return h(
      "li",
      {
        class: performance ? "card case-card perf-card" : "card case-card",
        id: `kasus-${c.id}`,
        "data-testid": performance ? "evaluation" : grievance ? "grievance" : "own-case",
        "data-case": c.id,
      },
      h("h3", null, title(c)),
      performance && evaluationMeta(c),
      grievance && kategori && h("p", { class: "meta" }, `Jenis: ${grievanceCategories[kategori] ?? humanize(kategori)}`),
      grievance && typeof c.data.uraian === "string" && h("p", { class: "quote" }, c.data.uraian),
      h("p", { class: "state" }, h("span", { class: "label" }, "Tahap sekarang: "), h("strong", { "data-testid": "state" }, c.state_title)),
      // An evaluation's turn is taken on the case page, whose form has the
      // indicators' fields and the evidence upload.
      performance ? (evaluationTurn(c) ?? nextStep(c)) : [nextStep(c), workerTurn(c, afterTurn)],
      performance && evaluationBlocks(c),
      h("details", { class: "history", open: !performance }, h("summary", null, "Riwayat langkah"), workerTimeline(events, c.workflow)),
      h("p", null, h("a", { href: `/kasus/${c.id}` }, "Lihat rincian", h("span", { class: "visually-hidden" }, ` ${title(c)}`))),
    );
  }

  let formShown = false;
  async function load(): Promise<void> {
    let loaded: Loaded[];
    try {
      const { data } = await api<Api.ApiAnswers["GET /api/v1/cases"]>("/cases?per_page=200");
      loaded = await Promise.all(
        data.items.map(async (s) => {
          const [record, history] = await Promise.all([
            api<CaseDetail>(`/cases/${s.id}`),
            api<Api.ApiAnswers["GET /api/v1/cases/{id}/history"]>(`/cases/${s.id}/history`),
          ]);
          return { record: record.data, events: history.data.events };
        }),
      );
    } catch (e) {
      files.setAttribute("aria-busy", "false");
      clear(files, errorBox(e));
      return;
    }
    files.setAttribute("aria-busy", "false");
    const own = loaded.filter((l) => l.record.workflow === "verification");
    const filed = loaded.filter((l) => l.record.workflow === "grievance").sort((a, b) => b.record.id - a.record.id);
    const evaluated = loaded
      .filter((l) => l.record.workflow === performanceWorkflow)
      .sort((a, b) => Number(b.record.data.tahun ?? 0) - Number(a.record.data.tahun ?? 0) || b.record.id - a.record.id);
    const name = [...own, ...evaluated].map((l) => l.record.nama).find(Boolean) ?? "";
    lead.textContent = `${name ? `${name} · ` : ""}NIK ${session.user.nik ?? "—"}`;

    const running = loaded.filter((l) => l.record.status !== "completed").map((l) => l.record);
    clear(
      now,
      running.length
        ? h("ul", { class: "running", "data-testid": "running" }, running.map(summaryLine))
        : h("p", { class: "empty" }, "Tidak ada proses yang sedang berjalan."),
    );
    clear(
      files,
      own.length
        ? h("ul", { class: "cards" }, own.map(card))
        : h("p", { class: "empty" }, "Belum ada berkas atas NIK Anda. Hubungi petugas BKPSDM bila ini keliru."),
    );
    clear(
      evaluations,
      evaluated.length
        ? h("ul", { class: "cards" }, evaluated.map(card))
        : h("p", { class: "empty" }, "Belum ada penilaian kinerja atas NIK Anda."),
    );
    clear(
      grievances,
      filed.length ? h("ul", { class: "cards" }, filed.map(card)) : h("p", { class: "empty" }, "Anda belum mengajukan pengaduan."),
    );
    if (!formShown) {
      formShown = true;
      await renderOwnRound(round, name, load);
      clear(
        formSlot,
        grievanceForm({
          name,
          ownCase: own[0]?.record.id ?? null,
          filed: async (ticket) => {
            await load();
            announce(`Pengaduan terkirim. Nomor tiket Anda: ${ticket}.`);
          },
        }),
      );
    }
  }
  await load();
}

// "Hasil pemeringkatan" on Status saya: the worker's own place in the round
// the regency announced (GET /me/round), as it was approved, not a fresh
// ranking: rank, the points each rule of the scorecard gave, the proposed
// outcome and its reason, the announcement and the last day to object. While
// the objection window is open, "Ajukan sanggah" files the objection as a
// grievance tied to the round (putaran); the ones filed are listed with
// their stage. Before an announcement the worker is told only that.
import { ApiError, api } from "../api";
import { clear, h, randomKey } from "../dom";
import type * as Api from "../generated/api";
import { formatDate, formatNumber } from "../format";
import { confirm, errorBox } from "./common";
import { type RankedWorker, groupName, outcomeName } from "./ranking-data";

// GET /me/round: { putaran: null } before an announcement, else the
// announced round with the worker's own result.
export type OwnRound = Api.ApiAnswers["GET /api/v1/me/round"];
type AnnouncedRound = Exclude<OwnRound, { putaran: null }>;

function resultFacts(result: RankedWorker): HTMLElement[] {
  return [
    h(
      "dl",
      { class: "facts", "data-testid": "round-result" },
      h("dt", null, "Peringkat"),
      h("dd", { "data-testid": "round-rank" }, String(result.peringkat)),
      h("dt", null, "Jumlah poin"),
      h("dd", null, formatNumber(result.poin)),
      h("dt", null, "Kelompok prioritas"),
      h("dd", null, groupName(result.kelompok)),
      h("dt", null, "Usulan"),
      h("dd", { "data-testid": "round-outcome" }, outcomeName(result.usulan)),
    ),
    result.kontribusi.length
      ? h(
          "ul",
          { class: "points", "aria-label": "Poin dari setiap aturan penilaian" },
          result.kontribusi.map((c) => h("li", null, `${c.label}: ${formatNumber(c.poin)} poin`)),
        )
      : h("p", { class: "meta" }, "Tidak ada aturan penilaian yang memberi poin."),
    h("p", { class: "reason" }, h("strong", null, "Alasan: "), result.penjelasan),
  ];
}

function objectionForm(round: AnnouncedRound, name: string, filed: (ticket: number) => Promise<void>): HTMLFormElement {
  const message = h("div", { "aria-live": "polite" });
  const error = h("p", { class: "field-error", id: "alasan_sanggah-galat", hidden: true });
  const reason = h("textarea", { id: "alasan_sanggah", name: "alasan_sanggah", rows: 4, "aria-describedby": "alasan_sanggah-galat" });
  const button = h("button", { type: "submit" }, "Ajukan sanggah");
  const form = h(
    "form",
    { class: "objection", "aria-labelledby": "sanggah-judul", novalidate: true },
    h("h3", { id: "sanggah-judul" }, "Ajukan sanggah"),
    h("p", { class: "meta" }, `Paling lambat ${formatDate(round.batas_sanggah)}. Sanggahan dijawab petugas BKPSDM.`),
    h("div", { class: "field" }, h("label", { for: "alasan_sanggah" }, "Alasan sanggahan: apa yang keliru dan buktinya (wajib)"), reason, error),
    message,
    h("div", { class: "buttons" }, button),
  );
  // One key per objection being written: a double tap files it once.
  let idempotencyKey = randomKey();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    error.hidden = true;
    clear(message);
    if (!text) {
      error.textContent = "Alasan sanggahan wajib diisi.";
      error.hidden = false;
      reason.focus();
      return;
    }
    button.disabled = true;
    try {
      const { data } = await api<Api.ApiAnswers["POST /api/v1/grievances"]>("/grievances", {
        method: "POST",
        json: { nama_pelapor: name, kategori: "keberatan_peringkat", uraian: text, putaran: round.putaran },
        headers: { "Idempotency-Key": idempotencyKey },
      });
      idempotencyKey = randomKey();
      await filed(data.nomor_tiket);
    } catch (e) {
      // The window may have closed, or the field is refused: said in words.
      const messages = e instanceof ApiError ? e.errors.map((x) => x.message) : [];
      clear(message, messages.length ? h("p", { class: "error", role: "alert" }, `Sanggahan belum terkirim: ${messages.join("; ")}.`) : errorBox(e));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// Fills `slot` with the announced round; `filed` runs after an objection
// was filed (the page reloads its grievances), then the round is shown again
// with `notice` (the ticket) brought into view.
export async function renderOwnRound(slot: HTMLElement, name: string, filed: () => Promise<void>, notice?: string): Promise<void> {
  let round: OwnRound;
  try {
    round = (await api<OwnRound>("/me/round")).data;
  } catch (e) {
    clear(slot, errorBox(e));
    return;
  }
  if (round.putaran === null) {
    clear(slot, h("p", { class: "empty" }, "Hasil pemeringkatan belum diumumkan."));
    return;
  }
  const objections = round.sanggahan ?? [];
  const note = h("div", null);
  clear(
    slot,
    h(
      "div",
      { class: "card round", "data-testid": "own-round" },
      h(
        "p",
        null,
        `Diumumkan ${formatDate(round.tanggal_pengumuman)}. `,
        round.masa_sanggah_terbuka
          ? h("strong", { "data-testid": "round-window" }, `Masa sanggah sampai ${formatDate(round.batas_sanggah)}.`)
          : h("span", { "data-testid": "round-window" }, `Masa sanggah berakhir ${formatDate(round.batas_sanggah)}.`),
      ),
      h("p", { class: "meta" }, `Tahap sekarang: ${round.tahap}`),
      round.hasil
        ? resultFacts(round.hasil)
        : h("p", { class: "empty" }, "Anda tidak termasuk pegawai yang diperingkat dalam pengumuman ini. Hubungi petugas BKPSDM bila ini keliru."),
      objections.length > 0 &&
        h(
          "ul",
          { class: "objections", "data-testid": "round-objections" },
          objections.map((o) =>
            h("li", null, h("a", { href: `#kasus-${o.id}` }, `Sanggahan nomor tiket ${o.id}`), `: ${o.selesai ? "selesai" : o.tahap}.`),
          ),
        ),
      note,
      round.masa_sanggah_terbuka &&
        round.hasil &&
        objectionForm(round, round.hasil.nama ?? name, async (ticket) => {
          await filed();
          await renderOwnRound(slot, name, filed, `Sanggahan terkirim. Nomor tiket Anda: ${ticket}. Jawaban petugas tampil di bawah "Pengaduan saya".`);
        }),
    ),
  );
  if (notice) confirm(note, h("p", { class: "success", role: "status", "data-testid": "objection-ticket" }, notice));
}

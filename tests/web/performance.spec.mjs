// The performance evaluation (penilaian kinerja) in the browser: the
// supervisor finds the evaluation waiting for targets in the inbox and sets
// them; the worker, on a phone, reads their targets and records the first
// quarter through the case page, which then waits for feedback; leadership
// reads the predikat per OPD with the caps marked in words, an officer opens
// a year from a CSV list (a wrong list refused row by row, nothing opened),
// the OPD head reads their own OPD only; the case page reads in words for
// the supervisor and the OPD head; the vendor reads its worker's predikat.
// No page shows a code (sangat_baik, di_atas_ekspektasi, performance_evaluation…).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, users } from "./harness.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const workflow = "performance_evaluation";

// The API as `role`, logged in once per role (the server limits logins).
const tokens = {};
async function api(role, method, apiPath, json, headers = {}) {
  if (!tokens[role]) {
    const answer = await fetch(`${demo.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(users[role]),
    });
    assert.equal(answer.status, 200, `login as ${role}`);
    tokens[role] = (await answer.json()).token;
  }
  const answer = await fetch(`${demo.url}/api/v1${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[role]}`, ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  return { status: answer.status, body: await answer.json() };
}

// Takes `outcome` on case `id` as `role`, with the version it reads first.
async function decide(role, id, outcome, input) {
  const { body: current } = await api(role, "GET", `/cases/${id}`);
  const answer = await api(role, "POST", `/cases/${id}/outcomes/${outcome}`, { input }, { "If-Match": `"${current.version}"` });
  assert.equal(answer.status, 200, `${outcome}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// Codes and field names must not reach the page: any snake_case word is one.
// The CSV format hint of the opening form (in <code>) names the file's own
// columns and values, and is left out. `scope`: the part of the page that
// is this procedure's (the vendor's page has older parts of its own).
async function assertNoCodes(page, scope = "main") {
  const text = await page.evaluate((scope) => {
    const main = document.querySelector(scope).cloneNode(true);
    main.querySelectorAll("code").forEach((c) => c.remove());
    return main.innerText;
  }, scope);
  const codes = text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? [];
  assert.deepEqual(codes, [], `codes on ${page.url()}`);
  for (const code of ["sangat_baik", "di_atas_ekspektasi", "performance_evaluation"]) assert.ok(!text.includes(code), code);
}

async function evaluations(role, query = "") {
  const { status, body } = await api(role, "GET", `/cases?workflow=${workflow}&per_page=50${query}`);
  assert.equal(status, 200);
  return body.items;
}

async function caseOf(role, id) {
  const { status, body } = await api(role, "GET", `/cases/${id}`);
  assert.equal(status, 200);
  return body;
}

async function summary(role, year) {
  const { status, body } = await api(role, "GET", `/performance/summary?tahun=${year}`);
  assert.equal(status, 200);
  return body;
}

test("the supervisor finds the evaluation waiting for targets in the inbox and sets them", async () => {
  const { body: inbox } = await api("supervisor", "GET", "/tasks?per_page=50");
  const task = inbox.items.find((t) => t.case.workflow === workflow && t.state === "penyusunan_target");
  assert.ok(task, "the demo leaves one evaluation waiting for targets");

  const page = await newPage(browser, demo);
  await login(page, "supervisor");
  assert.equal(new URL(page.url()).pathname, "/kotak-masuk");
  assert.match(await page.getByTestId("who").textContent(), /Pejabat penilai kinerja/);
  const menu = page.getByRole("navigation", { name: "Menu utama" }).getByRole("link");
  assert.deepEqual(await menu.allInnerTexts(), ["Kotak masuk"]);
  const item = page.getByTestId("tasks").locator("li", { hasText: task.title });
  await item.waitFor();
  assert.match(await item.innerText(), /tahun 2025/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-supervisor-inbox");

  await item.getByRole("link", { name: task.case.nama }).click();
  await page.waitForURL(`**/kasus/${task.case_id}`);
  await page.getByRole("heading", { name: "Keputusan Anda" }).waitFor();
  assert.match(await page.getByTestId("targets").innerText(), /Target belum disusun/);
  await page.getByLabel("Indikator kinerja 1 (wajib)").fill("Modul ajar disusun sebelum semester dimulai");
  await page.getByLabel("Target indikator 1 (wajib)").fill("2 modul per semester");
  await page.getByLabel("Indikator kinerja 2").fill("Nilai rata-rata kelas");
  await page.getByLabel("Target indikator 2").fill("paling sedikit 75");
  await page.getByLabel("Catatan untuk pegawai").fill("Target mengikuti kalender pendidikan 2025.");
  await page.getByRole("button", { name: "Kirim target kepada pegawai" }).click();
  await page.locator("main .success", { hasText: "Keputusan «Kirim target kepada pegawai» tersimpan." }).waitFor();

  const after = await caseOf("supervisor", task.case_id);
  assert.equal(after.state, "persetujuan_target");
  assert.equal(after.data.indikator_1, "Modul ajar disusun sebelum semester dimulai");
  assert.equal(await page.getByTestId("state").innerText(), after.state_title);
  const targets = await page.getByTestId("target-list").innerText();
  assert.match(targets, /Modul ajar disusun sebelum semester dimulai\s+Target: 2 modul per semester/);
  assert.match(targets, /Nilai rata-rata kelas\s+Target: paling sedikit 75/);
  assert.match(await page.getByTestId("history").innerText(), /penilai\.pendidikan \(Pejabat penilai kinerja\) mengirim target kinerja/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-supervisor-targets");
  await page.context().close();
});

test("on a phone the worker reads their targets, records the first quarter through the case page, and sees it wait for feedback", async () => {
  const [summaryItem] = await evaluations("worker");
  const evaluation = await caseOf("worker", summaryItem.id);
  assert.equal(evaluation.state, "realisasi_periode", "the demo worker is due to record the first quarter");
  assert.equal(evaluation.data.periode_ke, 1);

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  const section = page.getByTestId("performance");
  await section.getByRole("heading", { name: "Penilaian kinerja", exact: true }).waitFor();
  const card = section.locator(`[data-testid=evaluation][data-case="${evaluation.id}"]`);
  await card.waitFor();
  assert.equal(await card.locator("h3").innerText(), `Penilaian kinerja ${evaluation.data.tahun}`);
  assert.match(await card.innerText(), /PPPK paruh waktu/);
  assert.equal(await card.getByTestId("state").innerText(), evaluation.state_title);
  const targets = await card.getByTestId("target-list").innerText();
  for (const n of [1, 2]) {
    assert.ok(targets.includes(evaluation.data[`indikator_${n}`]), `indicator ${n}`);
    assert.ok(targets.includes(evaluation.data[`target_${n}`]), `target ${n}`);
  }
  assert.match(await card.getByTestId("periods").innerText(), /Triwulan 1 dari 4 sedang berjalan/);
  const record = evaluation.allowed_outcomes.find((o) => o.name === "catat_realisasi");
  assert.ok(record, "the worker may record the realisation");
  const link = card.getByTestId("perf-turn").getByRole("link", { name: record.label });
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-worker-phone");

  // The case page's form records it, with the evidence uploaded first.
  await link.click();
  await page.waitForURL(`**/kasus/${evaluation.id}`);
  await page.getByRole("heading", { name: "Keputusan Anda" }).waitFor();
  await page.locator("#berkas").setInputFiles({ name: "bukti-triwulan-1.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% bukti RPP triwulan 1\n") });
  await page.getByRole("button", { name: "Unggah", exact: true }).click();
  await page.locator("main .success", { hasText: "Dokumen bukti-triwulan-1.pdf terunggah." }).waitFor();
  await page.getByLabel("Realisasi indikator 1 (wajib)").fill("RPP semester 1 lengkap (12 RPP)");
  await page.getByLabel("Realisasi indikator 2").fill("Kehadiran mengajar 98%");
  await page.getByLabel("Bukti dukung").selectOption({ label: "bukti-triwulan-1.pdf" });
  await page.getByLabel("Catatan pegawai").fill("Dua jam pelajaran diganti pada minggu berikutnya.");
  await page.getByRole("button", { name: record.label }).click();
  await page.locator("main .success", { hasText: `Keputusan «${record.label}» tersimpan.` }).waitFor();

  const after = await caseOf("worker", evaluation.id);
  assert.equal(after.state, "umpan_balik");
  assert.equal(after.data.realisasi_1, "RPP semester 1 lengkap (12 RPP)");
  assert.equal(await page.getByTestId("state").innerText(), after.state_title);
  const period = page.getByTestId("periods").locator("[data-testid=period][data-period='1']");
  const periodText = await period.innerText();
  assert.match(periodText, /Triwulan 1/);
  assert.ok(periodText.includes(`${evaluation.data.indikator_1}: RPP semester 1 lengkap (12 RPP)`));
  assert.match(periodText, /Bukti dukung: bukti-triwulan-1\.pdf/);
  assert.match(periodText, /Menunggu umpan balik pejabat penilai/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-worker-case-phone");

  // Back on Status saya: the quarter waits for the supervisor's feedback, by when.
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Status saya" }).click();
  const updated = page.locator(`[data-testid=evaluation][data-case="${evaluation.id}"]`);
  await updated.getByTestId("state").filter({ hasText: after.state_title }).waitFor();
  const feedbackTask = after.open_tasks.find((t) => t.roles.includes("supervisor"));
  assert.ok(feedbackTask?.due_at, "the supervisor's feedback has a deadline");
  const next = await updated.getByTestId("next-step").innerText();
  assert.ok(next.includes(feedbackTask.title), next);
  assert.match(next, /paling lambat \d+ \S+ \d{4}/);
  assert.match(await updated.getByTestId("periods").innerText(), /Triwulan 1[\s\S]*RPP semester 1 lengkap[\s\S]*Menunggu umpan balik pejabat penilai/);
  assert.equal(await updated.getByTestId("perf-turn").count(), 0, "no turn of the worker's now");
  await updated.locator("summary", { hasText: "Riwayat langkah" }).click();
  assert.match(await updated.getByTestId("timeline").innerText(), /Anda mencatat realisasi periode/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-worker-waiting-phone");
  await page.context().close();
});

test("leadership reads the predikat per OPD with the caps marked in words", async () => {
  const expected = await summary("admin", 2025);
  const row = expected.per_opd.find((o) => o.opd === "Dinas Pendidikan");
  assert.equal(row.predikat.baik, 3);
  assert.equal(row.predikat.sangat_baik, 1);
  assert.deepEqual([...row.melebihi_batas].sort(), ["baik", "sangat_baik"]);

  const page = await newPage(browser, demo);
  await login(page, "admin");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Kinerja" }).click();
  await page.waitForURL((url) => url.pathname === "/kinerja");
  const table = page.getByTestId("tabel-kinerja");
  await table.waitFor();
  // The latest year with evaluations is chosen (the demo evaluates 2025).
  assert.equal(await page.getByLabel("Tahun penilaian", { exact: true }).inputValue(), "2025");

  // The predikat columns, labelled and in the table's order.
  const headers = await table.locator("thead th[data-key]").evaluateAll((ths) => ths.map((th) => th.dataset.key));
  assert.deepEqual(headers, ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]);
  for (const key of headers) {
    const text = await table.locator(`thead th[data-key="${key}"]`).innerText();
    assert.ok(text.startsWith(expected.label_predikat[key]), `${key}: ${text}`);
  }
  const opd = table.locator('tbody tr[data-key="Dinas Pendidikan"]');
  const cell = (key) => opd.locator(`td[data-key="${key}"]`);
  assert.equal(await cell("jumlah").innerText(), String(row.jumlah));
  assert.equal(await cell("belum_dinilai").innerText(), String(row.belum_dinilai));
  assert.equal(await cell("final").innerText(), String(row.final));
  assert.equal(await cell("keberatan").innerText(), `${row.keberatan} (${row.keberatan_diterima})`);
  assert.equal(await cell("baik").locator(".count").innerText(), "3");
  assert.equal(await cell("sangat_baik").locator(".count").innerText(), "1");
  assert.match(await cell("baik").innerText(), /75%[\s\S]*melebihi batas 70%/);
  assert.match(await cell("sangat_baik").innerText(), /25%[\s\S]*melebihi batas 20%/);
  assert.doesNotMatch(await cell("butuh_perbaikan").innerText(), /melebihi/);
  const total = table.locator('tfoot tr[data-key="jumlah"]');
  assert.equal(await total.locator('td[data-key="jumlah"]').innerText(), String(expected.total.jumlah));
  const caps = await page.getByTestId("batas-sebaran").innerText();
  assert.match(caps, /Sangat Baik paling banyak 20%/);
  assert.match(caps, /Baik paling banyak 70%/);
  assert.match(caps, /bukan larangan/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-leadership");

  // Another year reads as empty, with the caps still explained.
  await page.getByLabel("Tahun penilaian", { exact: true }).selectOption("2024");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await page.waitForURL(/tahun=2024/);
  await page.getByTestId("kinerja-kosong").waitFor();
  assert.match(await page.getByTestId("kinerja-kosong").innerText(), /Belum ada penilaian kinerja untuk tahun 2024/);
  await page.context().close();
});

test("an officer opens a year from a CSV list: a wrong list is refused row by row, a good one opens only the new workers", async () => {
  const [own] = await evaluations("worker");
  const worker = (await caseOf("worker", own.id)).data;
  const before = await summary("officer", 2025);

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/kinerja?tahun=2025");
  const form = page.getByTestId("open-year");
  await form.waitFor();
  await form.getByLabel("Tahun yang dibuka").selectOption("2025");

  const header = "nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak";
  const wrong = [header, "12345,Sari,Dinas Kesehatan,Perawat,pppk,", "6203014101900001,Budi,Dinas Kesehatan,Petugas,honorer,"].join("\n");
  await form.getByLabel("Daftar pegawai yang dinilai (CSV)").setInputFiles({ name: "daftar-salah.csv", mimeType: "text/csv", buffer: Buffer.from(wrong) });
  await form.getByRole("button", { name: "Buka penilaian" }).click();
  const problems = page.getByTestId("open-problems");
  await problems.waitFor();
  const problemText = await problems.innerText();
  assert.match(problemText, /Tidak ada penilaian yang dibuka/);
  assert.match(problemText, /daftar-salah\.csv:2: nik:/);
  assert.match(problemText, /daftar-salah\.csv:3: jenis_kepegawaian:/);
  assert.deepEqual((await summary("officer", 2025)).total, before.total, "nothing opened");
  await checkPage(page);
  await screenshot(page, "performance-open-refused");

  // The demo worker is open already; one new worker of another OPD is opened.
  const good = [header, `${worker.nik},"${worker.nama}",${worker.opd},${worker.jabatan},${worker.jenis_kepegawaian},`, '6203014101900001,"Sari, S.Kep.",Dinas Kesehatan,Perawat,pppk,'].join("\n");
  await form.getByLabel("Daftar pegawai yang dinilai (CSV)").setInputFiles({ name: "daftar.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await form.getByRole("button", { name: "Buka penilaian" }).click();
  await page.getByTestId("open-success").waitFor();
  assert.match(await page.getByTestId("open-success").innerText(), /Tahun 2025: 1 penilaian dibuka, 1 sudah ada sebelumnya/);
  const opened = page.getByTestId("tabel-kinerja").locator('tbody tr[data-key="Dinas Kesehatan"]');
  await opened.waitFor();
  assert.equal(await opened.locator('td[data-key="belum_dinilai"]').innerText(), "1");
  const afterOpen = await summary("officer", 2025);
  assert.equal(afterOpen.total.jumlah, before.total.jumlah + 1);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-open-accepted");
  await page.context().close();
});

test("the OPD head reads their own OPD only, on a phone, and no form to open a year", async () => {
  const own = await summary("opd_head", 2025);
  assert.deepEqual(own.per_opd.map((o) => o.opd), ["Dinas Pendidikan"]);
  assert.equal(own.total, undefined);

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "opd_head");
  const menu = await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link").allInnerTexts();
  assert.deepEqual(menu, ["Kotak masuk", "Kinerja"]);
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Kinerja" }).click();
  const table = page.getByTestId("tabel-kinerja");
  await table.waitFor();
  assert.deepEqual(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.key)), ["Dinas Pendidikan"]);
  assert.equal(await table.locator("tfoot").count(), 0);
  assert.match(await table.locator('td[data-key="baik"]').innerText(), /melebihi batas 70%/);
  assert.equal(await page.getByTestId("open-year").count(), 0);
  assert.match(await page.locator(".lead").innerText(), /Dinas Pendidikan, tahun 2025/);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-opd-head-phone");
  await page.context().close();
});

test("the case page reads in words: the accepted objection for the OPD head, the periods for the supervisor", async () => {
  const all = await evaluations("opd_head");
  const details = await Promise.all(all.map((c) => caseOf("opd_head", c.id)));
  const objection = details.find((c) => c.data.keberatan === "diterima");
  assert.ok(objection, "the demo has an accepted objection");
  const labels = (await summary("opd_head", 2025)).label_predikat;
  const decided = objection.data.keputusan.predikat_kinerja;
  const predikat = decided.label_hasil?.predikat ?? labels[objection.data.predikat];

  const head = await newPage(browser, demo);
  await login(head, "opd_head");
  await head.goto(`/kasus/${objection.id}`);
  const rating = head.getByTestId("rating");
  await rating.waitFor();
  assert.equal(await rating.getByTestId("predikat").innerText(), predikat);
  const ratingText = await rating.innerText();
  assert.ok(ratingText.includes(decided.catatan), "the reason in words");
  assert.match(ratingText, /Final/);
  const objectionText = await head.getByTestId("objection").innerText();
  assert.match(objectionText, /Keberatan diterima/);
  assert.ok(objectionText.includes(`Predikat semula: ${labels[objection.data.predikat_sebelum_keberatan]}`), objectionText);
  assert.ok(objectionText.includes(objection.data.alasan_keberatan));
  assert.ok(objectionText.includes(objection.data.alasan_putusan));
  await checkPage(head);
  await assertNoCodes(head);
  await screenshot(head, "performance-case-objection");
  await head.context().close();

  const supervisor = await newPage(browser, demo, { phone: true });
  await login(supervisor, "supervisor");
  await supervisor.goto(`/kasus/${objection.id}`);
  const periods = supervisor.getByTestId("periods");
  await periods.waitFor();
  assert.equal(await periods.locator("[data-testid=period]").count(), objection.data.riwayat_periode.length);
  const first = objection.data.riwayat_periode[0];
  const firstText = await periods.locator("[data-testid=period]").first().innerText();
  assert.ok(firstText.includes(first.realisasi_1) && firstText.includes(first.umpan_balik), firstText);
  assert.ok(!(await supervisor.locator("main").innerText()).includes("{"), "no JSON");
  await checkPage(supervisor);
  await assertNoCodes(supervisor);
  await screenshot(supervisor, "performance-case-supervisor-phone");
  await supervisor.context().close();
});

test("the vendor reads its outsourced worker's predikat", async () => {
  const [item] = await evaluations("vendor");
  assert.ok(item, "the outsourced worker's result went to the vendor");
  const result = await caseOf("vendor", item.id);
  const labels = (await summary("admin", result.data.tahun)).label_predikat;
  const predikat = result.data.keputusan.predikat_kinerja.label_hasil?.predikat ?? labels[result.data.predikat];

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "vendor");
  const row = page.getByTestId("vendor-evaluation-table").locator(`tr[data-case="${item.id}"]`);
  await row.waitFor();
  const text = await row.innerText();
  assert.ok(text.includes(result.data.nama), text);
  assert.ok(text.includes(String(result.data.tahun)), text);
  assert.equal(await row.getByTestId("predikat").innerText(), predikat);
  assert.equal(await row.locator('td[data-label="Keberatan"]').innerText(), "Tidak ada");
  await checkPage(page);
  await assertNoCodes(page, "[data-testid=vendor-evaluations]");
  await screenshot(page, "performance-vendor-phone");

  // The case page shows the result, and no targets the vendor may not read.
  await page.goto(`/kasus/${item.id}`);
  await page.getByTestId("rating").waitFor();
  assert.equal(await page.getByTestId("rating").getByTestId("predikat").innerText(), predikat);
  assert.equal(await page.getByTestId("targets").count(), 0);
  await checkPage(page);
  await assertNoCodes(page);
  await page.context().close();
});

test("the admin adds a supervisor, who like an OPD head must name their OPD", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "admin");
  await page.goto("/admin");
  await page.getByTestId("tabel-pengguna").waitFor();
  assert.match(await page.getByTestId("tabel-pengguna").locator("tbody tr", { hasText: users.supervisor.username }).innerText(), /Pejabat penilai kinerja[\s\S]*Dinas Pendidikan/);
  await page.getByLabel("Nama pengguna (wajib)").fill("penilai.kesehatan");
  await page.getByLabel("Peran (wajib)").selectOption({ label: "Pejabat penilai kinerja" });
  await page.getByLabel("Kata sandi awal (wajib)").fill("kata-sandi-kuat-2025");
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await page.locator("#pengguna-opd-galat").filter({ hasText: /\S/ }).waitFor();
  assert.equal(await page.getByLabel("OPD").getAttribute("aria-invalid"), "true");
  await page.getByLabel("Kata sandi awal (wajib)").fill("kata-sandi-kuat-2025");
  await page.getByLabel("OPD").fill("Dinas Kesehatan");
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await page.getByText("Pengguna penilai.kesehatan (Pejabat penilai kinerja) ditambahkan.").waitFor();
  const row = page.getByTestId("tabel-pengguna").locator("tbody tr", { hasText: "penilai.kesehatan" });
  assert.match(await row.innerText(), /Pejabat penilai kinerja[\s\S]*OPD: Dinas Kesehatan/);
  await checkPage(page);
  await page.context().close();
});

test("once rated, the worker reads the predikat with its reason, objects through the case page and reads the OPD head's decision", async () => {
  // The rest of the year through the API: the periods closed with feedback, then the rating.
  const [item] = await evaluations("worker");
  let current = await caseOf("worker", item.id);
  while (current.state === "realisasi_periode" || current.state === "umpan_balik") {
    if (current.state === "realisasi_periode")
      current = await decide("worker", item.id, "catat_realisasi", { realisasi_1: `RPP ${periodWord(current)} lengkap`, realisasi_2: "Kehadiran 97%" });
    else current = await decide("supervisor", item.id, "kirim_umpan_balik", { umpan_balik: `Umpan balik ${periodWord(current)}: sesuai rencana.` });
  }
  assert.equal(current.state, "evaluasi_tahunan");
  await decide("supervisor", item.id, "nilai", { hasil_kerja: "di_atas_ekspektasi", perilaku_kerja: "di_atas_ekspektasi", catatan_evaluasi: "Semua target terlampaui." });
  const rated = await caseOf("worker", item.id);
  assert.equal(rated.state, "masa_keberatan");
  const decision = rated.data.keputusan.predikat_kinerja;
  assert.ok(decision.label_hasil?.predikat, "the decision carries the predikat's label");

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  const card = page.locator(`[data-testid=evaluation][data-case="${item.id}"]`);
  const rating = card.getByTestId("rating");
  await rating.waitFor();
  assert.equal(await rating.getByTestId("predikat").innerText(), decision.label_hasil.predikat);
  const ratingText = await rating.innerText();
  assert.ok(ratingText.includes(decision.catatan), "the reason");
  assert.equal(await rating.getByTestId("hasil-kerja").innerText(), decision.label_masukan.hasil_kerja);
  assert.equal(await rating.getByTestId("perilaku-kerja").innerText(), decision.label_masukan.perilaku_kerja);
  assert.match(await rating.getByTestId("status-hasil").innerText(), /masih dapat diajukan keberatan/);
  assert.equal(await card.getByTestId("periods").locator("[data-testid=period]").count(), rated.data.riwayat_periode.length);
  const turn = card.getByTestId("perf-turn");
  assert.match(await turn.innerText(), /14 hari sejak hasil diberitahukan[\s\S]*Hasil diberitahukan \d+ \S+ \d{4}/);
  const labels = rated.allowed_outcomes.map((o) => o.label);
  assert.deepEqual(await turn.getByRole("link").evaluateAll((links) => links.map((a) => a.firstChild.textContent)), labels);
  await checkPage(page);
  await assertNoCodes(page);
  await screenshot(page, "performance-worker-rated-phone");

  // The objection, sent from the case page's form.
  const object = rated.allowed_outcomes.find((o) => o.name === "ajukan_keberatan");
  await turn.getByRole("link", { name: object.label }).click();
  await page.waitForURL(`**/kasus/${item.id}`);
  // The objection's fields appear once it is chosen; sent without its reason, it says what is missing.
  assert.ok(await page.getByLabel("Alasan keberatan (wajib)").isHidden());
  await page.getByRole("button", { name: object.label }).click();
  await page.getByRole("alert").filter({ hasText: `Lengkapi isian wajib untuk «${object.label}»` }).waitFor();
  await page.getByLabel("Alasan keberatan (wajib)").fill("Perilaku kerja dinilai tanpa umpan balik triwulan 4.");
  await page.getByRole("button", { name: object.label }).click();
  await page.locator("main .success", { hasText: `Keputusan «${object.label}» tersimpan.` }).waitFor();
  assert.match(await page.getByTestId("objection").innerText(), /menunggu putusan Kepala OPD/);
  await assertNoCodes(page);
  await page.context().close();

  // The OPD head refuses it from their inbox; the worker reads the outcome.
  const head = await newPage(browser, demo);
  await login(head, "opd_head");
  await head.goto(`/kotak-masuk?prosedur=${workflow}`);
  await head.getByTestId("tasks").getByRole("link", { name: rated.nama }).click();
  await head.waitForURL(`**/kasus/${item.id}`);
  assert.match(await head.getByTestId("objection").innerText(), /Perilaku kerja dinilai tanpa umpan balik/);
  await head.getByLabel("Alasan putusan (wajib)").fill("Umpan balik triwulan 4 tercatat sebelum evaluasi.");
  await head.getByRole("button", { name: "Tolak keberatan (predikat tetap)" }).click();
  await head.locator("main .success", { hasText: "tersimpan." }).waitFor();
  await checkPage(head);
  await assertNoCodes(head);
  await screenshot(head, "performance-opd-head-decides");
  await head.context().close();

  const decided = await caseOf("worker", item.id);
  assert.equal(decided.data.keberatan, "ditolak");
  assert.equal(decided.data.status_predikat, "final");
  const again = await newPage(browser, demo, { phone: true });
  await login(again, "worker");
  const final = again.locator(`[data-testid=evaluation][data-case="${item.id}"]`);
  await final.getByTestId("objection").waitFor();
  assert.match(await final.getByTestId("objection-outcome").innerText(), /Keberatan ditolak: predikat tetap/);
  assert.match(await final.getByTestId("objection").innerText(), /Umpan balik triwulan 4 tercatat sebelum evaluasi/);
  assert.equal(await final.getByTestId("status-hasil").innerText(), "Final");
  assert.equal(await final.getByTestId("perf-turn").count(), 0);
  await checkPage(again);
  await assertNoCodes(again);
  await screenshot(again, "performance-worker-final-phone");
  await again.context().close();
});

function periodWord(c) {
  return `triwulan ${c.data.periode_ke}`;
}

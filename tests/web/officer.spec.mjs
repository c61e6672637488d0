// The officer's main path in the browser: a verification file escalated to
// BKPSDM is found in the inbox, sent back to the head of its OPD, who
// issues the SPTJM, and BKAD validates the salary slip: three people, three
// logins, each seeing only the decisions their task gives them. And when
// someone else changed the case meanwhile, the officer is told so and keeps
// what they typed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs, assertConfirmationInView } from "./harness.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

// Escalated verification files of the education OPD (the demo's OPD head
// heads Dinas Pendidikan), as the API lists them.
async function escalatedEducationFiles() {
  const query = new URLSearchParams({ workflow: "verification", state: "eskalasi_bkpsdm", opd: "Dinas Pendidikan", per_page: "5" });
  const { status, body } = await apiAs(demo, "officer", "GET", `/cases?${query}`);
  assert.equal(status, 200);
  assert.ok(body.items.length >= 2, "the demo leaves escalated files of Dinas Pendidikan");
  return body.items;
}

async function stateOf(id) {
  const { body } = await apiAs(demo, "officer", "GET", `/cases/${id}`);
  return body.state;
}

test("a verification file goes from the officer to the OPD head to BKAD, each in their own pages", async () => {
  const [file] = await escalatedEducationFiles();

  // The officer finds it in the inbox by NIK and asks the OPD head to finish.
  const officer = await newPage(browser, demo);
  await login(officer, "officer");
  await officer.getByTestId("tasks").waitFor();
  await checkPage(officer);
  await screenshot(officer, "officer-inbox");
  await officer.getByLabel("Nama atau NIK").fill(file.key);
  await officer.getByRole("button", { name: "Terapkan" }).click();
  await officer.waitForURL(/cari=/);
  // The inbox narrows to that file's task; every case with the NIK is listed too.
  const tasks = officer.getByTestId("tasks");
  await tasks.getByRole("link", { name: file.nama }).waitFor();
  assert.equal(await tasks.locator("li").count(), 1);
  await officer.getByTestId("search-results").getByRole("link", { name: file.nama }).waitFor();
  await tasks.getByRole("link", { name: file.nama }).click();
  await officer.waitForURL(`**/kasus/${file.id}`);
  await officer.getByRole("heading", { name: "Keputusan Anda" }).waitFor();
  assert.match(await officer.locator("main").textContent(), new RegExp(file.key));
  await checkPage(officer);
  await screenshot(officer, "officer-case");
  await officer.getByRole("button", { name: "Minta kepala OPD menyelesaikan konfirmasi" }).click();
  await officer.getByText("Tahap sekarang: Konfirmasi SPTJM oleh kepala OPD").first().waitFor();
  assert.equal(await stateOf(file.id), "konfirmasi_opd");
  // The next escalated file is one click away.
  const next = officer.getByTestId("next-task");
  await next.waitFor();
  const nextId = Number((await next.getAttribute("href")).split("/").pop());
  assert.notEqual(nextId, file.id);
  assert.equal(await stateOf(nextId), "eskalasi_bkpsdm");
  // The officer's task is done: no decision is left for them on this file.
  assert.equal(await officer.getByRole("heading", { name: "Keputusan Anda" }).count(), 0);

  // The OPD head sees it in their inbox; the SPTJM number is required.
  const head = await newPage(browser, demo, { phone: true });
  await login(head, "opd_head");
  await head.getByTestId("tasks").getByRole("link", { name: file.nama }).click();
  await head.waitForURL(`**/kasus/${file.id}`);
  await head.getByRole("button", { name: "Setujui dan terbitkan SPTJM" }).click();
  await head.getByRole("alert").first().waitFor();
  assert.match(await head.locator("main").textContent(), /wajib diisi/);
  assert.equal(await stateOf(file.id), "konfirmasi_opd", "nothing is sent without the required field");
  await head.getByLabel(/Nomor SPTJM/).fill("800/SPTJM/2026/017");
  await checkPage(head);
  await screenshot(head, "opd-head-case-phone");
  await head.getByRole("button", { name: "Setujui dan terbitkan SPTJM" }).click();
  await head.getByText("Tahap sekarang: Validasi slip gaji oleh BKAD").first().waitFor();
  await assertConfirmationInView(head, "saved");  // on the phone, not above the fold

  // BKAD validates the salary slip: the file is verified.
  const bkad = await newPage(browser, demo);
  await login(bkad, "bkad");
  await bkad.goto(`/kasus/${file.id}`);
  await bkad.getByRole("button", { name: "Slip gaji sesuai" }).click();
  await bkad.getByText(/Tahap sekarang: .*[Tt]erverifikasi/).first().waitFor();
  assert.equal(await stateOf(file.id), "terverifikasi");

  // The timeline tells it in plain words, the SPTJM number included.
  const history = await apiAs(demo, "officer", "GET", `/cases/${file.id}/history`);
  const actors = history.body.events.map((e) => e.actor);
  for (const who of ["rina", "kadis.pendidikan", "bkad.kapuas"]) assert.ok(actors.includes(who), `${who} in the history`);
  await bkad.reload();
  await bkad.getByText("800/SPTJM/2026/017").first().waitFor();

  // The page speaks the workflow's words (the labels of its YAML), never its
  // codes: the roster's values, the result, the steps and decisions in the
  // history; the import's own bookkeeping is not shown.
  const words = (await apiAs(demo, "officer", "GET", "/workflows/verification/labels")).body;
  const record = (await apiAs(demo, "officer", "GET", `/cases/${file.id}`)).body;
  const shown = await bkad.locator("main").innerText();
  let valuesChecked = 0;
  for (const [field, labels] of Object.entries(words.values)) {
    const value = record.data[field];
    if (typeof value !== "string" || !labels[value]) continue;
    assert.ok(shown.includes(labels[value]), `${field}: «${labels[value]}» on the page`);
    if (/^[a-z][a-z0-9_]+$/.test(value) && value !== labels[value]) assert.doesNotMatch(shown, new RegExp(`\\b${value}\\b`), `${field}: the code ${value} on the page`);
    valuesChecked++;
  }
  assert.ok(valuesChecked >= 3, "the demo file has coded roster values");
  assert.ok(shown.includes(`(${words.results.verified})`), "the result in words");
  assert.ok(shown.includes(words.fields.sumber_gaji));
  assert.ok(!shown.includes("Kolom"), "the import's column list is bookkeeping");
  const timeline = bkad.getByTestId("history");
  await timeline.getByText(`memutuskan «${words.outcomes.eskalasi_bkpsdm.ingatkan_opd}»`).waitFor();
  await timeline.getByText(`Dari tahap ${words.states.eskalasi_bkpsdm} ke ${words.states.konfirmasi_opd}.`).first().waitFor();
  assert.doesNotMatch(await timeline.innerText(), /\b[a-z]+_[a-z0-9_]+\b/, "no code in the history");
  await screenshot(bkad, "bkad-case-verified");
  for (const page of [officer, head, bkad]) await page.context().close();
});

test("the inbox filters by OPD and stage, as the API does", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.getByTestId("tasks").waitFor();
  // The OPD is picked from the regency's list, not typed.
  const opds = await page.getByLabel("OPD").locator("option").allTextContents();
  assert.deepEqual(opds.slice(1), (await apiAs(demo, "officer", "GET", "/opd")).body.opd);
  await page.getByLabel("OPD").selectOption("Dinas Pendidikan");
  await page.getByLabel("Tahap").selectOption("eskalasi_bkpsdm");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await page.waitForURL(/tahap=eskalasi_bkpsdm/);
  const query = new URLSearchParams({ opd: "Dinas Pendidikan", state: "eskalasi_bkpsdm", per_page: "1" });
  const { body } = await apiAs(demo, "officer", "GET", `/tasks?${query}`);
  assert.ok(body.total > 0);
  await page.getByText(`${body.total.toLocaleString("id-ID")} tugas`).waitFor();
  for (const text of await page.getByTestId("tasks").locator("li").allTextContents()) {
    assert.match(text, /Dinas Pendidikan/);
    assert.match(text, /Eskalasi ke BKPSDM/);
  }
  await checkPage(page);
  await screenshot(page, "officer-inbox-filtered");

  // The same tasks, the newest first: the API's order, said in the count line.
  await page.getByLabel("Urutkan").selectOption("terbaru");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await page.waitForURL(/urut=terbaru/);
  await page.getByText(/tugas, yang terbaru masuk lebih dulu\./).waitFor();
  const newestQuery = new URLSearchParams({ opd: "Dinas Pendidikan", state: "eskalasi_bkpsdm", urut: "terbaru", per_page: "20" });
  const newest = (await apiAs(demo, "officer", "GET", `/tasks?${newestQuery}`)).body.items;
  const shown = await page.getByTestId("tasks").locator("li").evaluateAll((lis) => lis.map((li) => Number(li.dataset.task)));
  assert.deepEqual(shown, newest.map((t) => t.id));
  const opened = newest.map((t) => t.opened_at);
  assert.deepEqual(opened, [...opened].sort().reverse());
  await page.context().close();
});

test("a decision on a case changed meanwhile is refused with a message, and what was typed stays", async () => {
  const [, file] = await escalatedEducationFiles();
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto(`/kasus/${file.id}`);
  await page.getByRole("heading", { name: "Keputusan Anda" }).waitFor();
  // Only the fields of the decision chosen are shown: the reason appears
  // once "return" is pressed (and is then required), not beside "remind".
  assert.ok(await page.getByLabel(/Alasan pengembalian/).isHidden());
  await page.getByRole("button", { name: "Kembalikan berkas ke OPD" }).click();
  await page.getByRole("alert").filter({ hasText: "Lengkapi isian wajib" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Kembalikan berkas ke OPD" }).getAttribute("aria-pressed"), "true");
  const reason = "Ijazah tidak terbaca, mohon unggah ulang.";
  await page.getByLabel(/Alasan pengembalian/).fill(reason);

  // Someone else (another officer session) acts on the case first.
  const other = await apiAs(demo, "officer", "POST", `/cases/${file.id}/outcomes/ingatkan_opd`, { input: {} });
  assert.equal(other.status, 200, JSON.stringify(other.body));

  await page.getByRole("button", { name: "Kembalikan berkas ke OPD" }).click();
  const conflict = page.getByTestId("conflict");
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /diubah oleh orang lain/);
  assert.equal(await page.getByLabel(/Alasan pengembalian/).inputValue(), reason);
  assert.equal(await stateOf(file.id), "konfirmasi_opd", "the stale decision wrote nothing");
  await checkPage(page);
  await screenshot(page, "officer-case-conflict");

  // Loading the new version shows where the case is now.
  await conflict.getByRole("button").click();
  await page.locator("[data-testid=state]").filter({ hasText: "Konfirmasi SPTJM oleh kepala OPD" }).waitFor();
  await page.context().close();
});

test("the officer decides a stack of escalated files at once, each with its own result, and claims and releases a task", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto(`/kotak-masuk?prosedur=verification&tahap=eskalasi_bkpsdm&opd=${encodeURIComponent("Dinas Pendidikan")}`);
  const tasks = page.getByTestId("tasks");
  await tasks.waitFor();
  const listed = (await apiAs(demo, "officer", "GET", `/tasks?${new URLSearchParams({ workflow: "verification", state: "eskalasi_bkpsdm", opd: "Dinas Pendidikan", per_page: "20" })}`)).body.items;
  const chosen = listed.filter((t) => !t.assignee).slice(0, 3);
  assert.equal(chosen.length, 3, "the demo has unclaimed escalated files");
  for (const task of chosen) await tasks.locator(`[data-task="${task.id}"] input[type=checkbox]`).check();
  const bulk = page.getByTestId("bulk");
  await bulk.getByRole("heading", { name: "3 tugas dipilih" }).waitFor();
  const reminder = "Minta kepala OPD menyelesaikan konfirmasi";
  await bulk.getByLabel("Keputusan").selectOption({ label: reminder });
  await bulk.getByRole("button", { name: "Putuskan untuk 3 tugas" }).click();
  const ask = bulk.getByTestId("bulk-confirm");
  await ask.waitFor();
  assert.match(await ask.innerText(), new RegExp(`Putuskan «${reminder}» untuk 3 tugas\\?`));
  await checkPage(page);

  // Meanwhile someone else decides the second file: it is refused, the others are not.
  const other = await apiAs(demo, "officer", "POST", `/cases/${chosen[1].case_id}/outcomes/ingatkan_opd`, { input: {} });
  assert.equal(other.status, 200);
  await ask.getByRole("button", { name: "Ya, putuskan" }).click();
  const summary = bulk.getByTestId("bulk-summary");
  await summary.waitFor();
  assert.equal(await summary.innerText(), `Keputusan «${reminder}»: 2 berkas diputuskan, 1 tidak (lihat alasannya di bawah).`);
  await assertConfirmationInView(page, "bulk-summary");
  const lines = bulk.getByTestId("bulk-results").locator("li");
  assert.equal(await lines.count(), 3);
  assert.match(await lines.nth(0).innerText(), /tahap sekarang: Konfirmasi SPTJM oleh kepala OPD/);
  assert.match(await lines.nth(1).innerText(), /diubah orang lain sejak daftar dimuat/);
  for (const task of chosen) assert.equal(await stateOf(task.case_id), "konfirmasi_opd");
  // The list reloads: the decided tasks have left it.
  await tasks.locator(`[data-task="${chosen[0].id}"]`).waitFor({ state: "detached" });
  await screenshot(page, "officer-inbox-bulk");

  // Claim a task, then release it: the API agrees each time.
  const next = (await apiAs(demo, "officer", "GET", `/tasks?${new URLSearchParams({ workflow: "verification", state: "eskalasi_bkpsdm", unclaimed: "true", per_page: "1" })}`)).body.items[0];
  await page.goto(`/kotak-masuk?prosedur=verification&tahap=eskalasi_bkpsdm`);
  const card = page.locator(`[data-task="${next.id}"]`);
  await card.getByRole("button", { name: /Ambil tugas/ }).click();
  await card.getByText("Diambil oleh Anda").waitFor();
  const claimed = (await apiAs(demo, "officer", "GET", `/cases/${next.case_id}`)).body.open_tasks.find((t) => t.id === next.id);
  assert.equal(claimed.assignee, "rina");
  await card.getByRole("button", { name: /Lepas tugas/ }).click();
  await card.getByText("Belum diambil").waitFor();
  await checkPage(page);
  await page.context().close();
});

test("returned files wait in the OPD head's inbox with their deadline", async () => {
  const { body } = await apiAs(demo, "opd_head", "GET", "/tasks?workflow=verification&state=dikembalikan&per_page=5");
  assert.ok(body.total > 0, "the demo returns incomplete files of the head's OPD");
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "opd_head");
  await page.goto("/kotak-masuk?prosedur=verification&tahap=dikembalikan");
  const cards = page.getByTestId("tasks").locator("li");
  await cards.first().waitFor();
  assert.equal(await cards.count(), Math.min(body.total, 20));
  const first = await cards.first().innerText();
  assert.match(first, /Perbaiki berkas yang dikembalikan/);
  assert.match(first, /Tenggat/);
  await checkPage(page);
  await screenshot(page, "opd-head-returned-phone");
  await page.context().close();
});

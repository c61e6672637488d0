// The worker's status page on a phone: their own verification file's current
// step, a grievance filed and then found in their list with its ticket number,
// its next step and deadline; a grievance's resolution appealed from the page;
// another worker's case not found and none of its data shown.
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

// "18 Desember 2026": the date of an API timestamp in the regency's zone (its offset).
function regencyDate(iso) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso);
  const offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const shifted = new Date(Date.parse(iso) + offset * 60_000);
  return new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(shifted);
}

async function ownFile() {
  const { body } = await apiAs(demo, "worker", "GET", "/cases?workflow=verification");
  assert.equal(body.items.length, 1, "the demo worker has one verification file");
  return body.items[0];
}

test("on a phone the worker sees their file's step, files a grievance and finds it with its ticket number", async () => {
  const file = await ownFile();
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  assert.equal(new URL(page.url()).pathname, "/pekerja");
  const fileCard = page.getByTestId("own-case");
  await fileCard.waitFor();
  assert.equal(await fileCard.getByTestId("state").innerText(), file.state_title);
  assert.ok((await page.locator(".lead").innerText()).includes(file.key), "the page names the worker's NIK");
  assert.ok((await fileCard.getByTestId("timeline").locator("li").count()) > 0, "the file has a timeline");

  // Sending without the required fields: each is marked, the name typed is kept.
  await page.getByLabel("Nama Anda (wajib)").fill(file.nama);
  await page.getByRole("button", { name: "Kirim pengaduan" }).click();
  await page.locator("#uraian-galat").waitFor();
  assert.ok(await page.locator("#kategori-galat").isVisible());
  assert.equal(await page.getByLabel("Nama Anda (wajib)").inputValue(), file.nama);
  const before = (await apiAs(demo, "worker", "GET", "/grievances")).body.total;

  const uraian = "TMT saya tercatat 2019, seharusnya 2016 menurut SK pertama.";
  await page.getByLabel("Jenis pengaduan (wajib)").selectOption({ label: "Data saya salah" });
  await page.getByLabel(/^Uraian/).fill(uraian);
  await page.getByLabel(/^Nomor telepon/).press("Enter"); // the form sends with Enter
  const ticketText = await page.getByTestId("ticket").innerText();
  await assertConfirmationInView(page, "ticket");
  const { body: grievances } = await apiAs(demo, "worker", "GET", "/grievances");
  assert.equal(grievances.total, before + 1, "filed once");
  const newest = grievances.items.reduce((a, b) => (b.id > a.id ? b : a));
  assert.ok(ticketText.includes(String(newest.id)), `the ticket number ${newest.id} is shown`);

  const card = page.locator(`[data-testid=grievance][data-case="${newest.id}"]`);
  await card.waitFor();
  assert.ok((await card.locator("h3").innerText()).includes(`tiket ${newest.id}`));
  assert.ok((await card.innerText()).includes(uraian));
  assert.equal(await card.getByTestId("state").innerText(), newest.state_title);
  assert.match(await card.getByTestId("timeline").innerText(), /Anda mengajukan pengaduan/);
  const task = newest.open_tasks[0];
  assert.ok(task?.due_at, "the new grievance has an open task with a deadline");
  const next = await card.getByTestId("next-step").innerText();
  assert.ok(next.includes(task.title), "the next step is named");
  assert.ok(next.includes(regencyDate(task.due_at)), `the deadline ${regencyDate(task.due_at)} is shown`);
  assert.ok((await page.getByTestId("running").innerText()).includes(`tiket ${newest.id}`), "listed among what is running");
  assert.ok(newest.nama === file.nama && (await apiAs(demo, "worker", "GET", `/cases/${newest.id}`)).body.data.kasus_terkait === file.id);
  await checkPage(page);
  await screenshot(page, "worker-grievance-phone");
  await page.context().close();
});

test("the worker appeals a grievance's resolution from the page", async () => {
  const file = await ownFile();
  const { body: filed } = await apiAs(demo, "worker", "POST", "/grievances", {
    nama_pelapor: file.nama,
    kategori: "lainnya",
    uraian: "Nama saya salah eja di pengumuman.",
  });
  const resolution = "Pengumuman sudah diperbaiki oleh BKPSDM.";
  assert.equal((await apiAs(demo, "officer", "POST", `/cases/${filed.id}/outcomes/terima`, { input: {} })).status, 200);
  const resolved = await apiAs(demo, "officer", "POST", `/cases/${filed.id}/outcomes/selesaikan`, { input: { hasil_penyelesaian: resolution } });
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  const { body: waiting } = await apiAs(demo, "worker", "GET", `/cases/${filed.id}`);
  const appeal = waiting.allowed_outcomes.find((o) => o.name === "banding");
  assert.ok(appeal, "the worker may appeal");

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  const card = page.locator(`[data-testid=grievance][data-case="${filed.id}"]`);
  await card.getByTestId("your-turn").waitFor();
  for (const o of waiting.allowed_outcomes) await card.getByRole("button", { name: o.label }).waitFor();
  assert.ok((await card.getByTestId("timeline").innerText()).includes(resolution), "the resolution is in the timeline");
  await checkPage(page);
  await screenshot(page, "worker-turn-phone");

  // An appeal without its reason is marked and not sent.
  const appealForm = card.getByRole("form", { name: appeal.label });
  await appealForm.getByRole("button", { name: appeal.label }).click();
  await appealForm.locator(".field-error:not([hidden])").waitFor();
  assert.equal((await apiAs(demo, "worker", "GET", `/cases/${filed.id}`)).body.version, waiting.version);
  const reason = appeal.form.find((f) => f.required);
  await appealForm.getByLabel(new RegExp(reason.label)).fill("Nama ibu saya juga masih salah.");
  await appealForm.getByRole("button", { name: appeal.label }).click();
  await page.getByTestId("turn-done").waitFor();
  const { body: after } = await apiAs(demo, "worker", "GET", `/cases/${filed.id}`);
  assert.equal(after.state, "tinjau_banding");
  await card.getByTestId("state").filter({ hasText: after.state_title }).waitFor();
  assert.match(await card.getByTestId("timeline").innerText(), /Anda mengajukan banding/);
  assert.equal(await card.getByTestId("your-turn").count(), 0);
  await checkPage(page);
  await page.context().close();
});

test("the worker cannot see another worker's case", async () => {
  const file = await ownFile();
  const { body } = await apiAs(demo, "officer", "GET", "/cases?workflow=verification&per_page=5");
  const other = body.items.find((c) => c.key !== file.key);
  assert.ok(other?.nama && other.key);
  assert.equal((await apiAs(demo, "worker", "GET", `/cases/${other.id}`)).status, 404);
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  await page.goto(`/kasus/${other.id}`);
  await page.getByRole("heading", { level: 1, name: "Kasus tidak ditemukan" }).waitFor();
  const text = await page.locator("body").innerText();
  assert.ok(!text.includes(other.nama), "not the other worker's name");
  assert.ok(!text.includes(other.key), "not the other worker's NIK");
  await checkPage(page);
  await screenshot(page, "worker-not-found-phone");
  await page.context().close();
});

test("the worker sees which official opened their file, and when", async () => {
  const file = await ownFile();
  const opened = await apiAs(demo, "officer", "GET", `/workers/${file.key}`);
  assert.equal(opened.status, 200);
  const { body: log } = await apiAs(demo, "worker", "GET", "/me/access-log?per_page=20");
  assert.ok(log.total >= 1, "the officer's read is logged");

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  const section = page.getByTestId("access-log");
  const rows = section.locator("tbody tr");
  await rows.first().waitFor();
  assert.equal(await rows.count(), Math.min(log.total, 20), "one row per logged read on the first page");
  const newest = await rows.first().innerText();
  assert.ok(newest.includes(log.items[0].role_text), `the reader's role in words: ${newest}`);
  assert.ok(newest.includes(log.items[0].action_text), `what they did in words: ${newest}`);
  assert.ok(newest.includes(log.items[0].username), "the reader's account");
  assert.ok(!/\/api\/|_read|officer\b/.test(newest.replace(log.items[0].username, "")), "no route or code shown");
  await checkPage(page);
  await screenshot(page, "worker-access-log");
});

test("once the round is announced the worker reads their rank, points and outcome as announced, and objects inside the window", async () => {
  // Before the announcement the worker learns nothing of the round.
  assert.equal((await apiAs(demo, "worker", "GET", "/me/round")).body.putaran, null);
  const rounds = await apiAs(demo, "admin", "GET", "/cases?workflow=prioritization&status=active");
  assert.equal(rounds.body.items.length, 1, "the demo proposed one round");
  const id = rounds.body.items[0].id;
  const approved = await apiAs(demo, "admin", "POST", `/cases/${id}/outcomes/setujui`, { input: { nomor_persetujuan: "800/45/BKPSDM" } });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const today = new Date().toISOString().slice(0, 10);
  const announced = await apiAs(demo, "officer", "POST", `/cases/${id}/outcomes/umumkan`, {
    input: { tanggal_pengumuman: today, batas_sanggah: "2030-02-10" },
  });
  assert.equal(announced.status, 200, JSON.stringify(announced.body));
  const mine = (await apiAs(demo, "worker", "GET", "/me/round")).body;
  assert.equal(mine.putaran, id);
  assert.ok(mine.hasil, "the demo worker is among the ranked");

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  const card = page.getByTestId("own-round");
  await card.waitFor();
  assert.equal(await card.getByTestId("round-rank").innerText(), String(mine.hasil.peringkat));
  const outcome = await card.getByTestId("round-outcome").innerText();
  assert.notEqual(outcome, mine.hasil.usulan, "the outcome in words, not its code");
  assert.match(await card.getByTestId("round-window").innerText(), /Masa sanggah sampai 10 Februari 2030/);
  const text = await card.innerText();
  assert.ok(text.includes(mine.hasil.penjelasan), "the reason as announced");
  for (const c of mine.hasil.kontribusi) assert.ok(!text.includes(c.aturan), `no rule code (${c.aturan}) on the page`);

  // Empty: refused at the field, nothing filed.
  const before = (await apiAs(demo, "worker", "GET", "/grievances")).body.total;
  await card.getByRole("button", { name: "Ajukan sanggah" }).click();
  await page.locator("#alasan_sanggah-galat").waitFor();
  assert.equal((await apiAs(demo, "worker", "GET", "/grievances")).body.total, before);

  await page.getByLabel(/^Alasan sanggahan/).fill("Masa kerja saya sejak 2009 menurut SK pertama, bukan 2012.");
  await card.getByRole("button", { name: "Ajukan sanggah" }).click();
  await page.getByTestId("objection-ticket").waitFor();
  await assertConfirmationInView(page, "objection-ticket");
  const { body: grievances } = await apiAs(demo, "worker", "GET", "/grievances");
  assert.equal(grievances.total, before + 1, "filed once");
  const filed = grievances.items.reduce((a, b) => (b.id > a.id ? b : a));
  const detail = (await apiAs(demo, "worker", "GET", `/cases/${filed.id}`)).body;
  assert.equal(detail.data.putaran, id, "tied to the round");
  assert.equal(detail.data.kategori, "keberatan_peringkat");
  assert.match(await page.getByTestId("objection-ticket").innerText(), new RegExp(`Nomor tiket Anda: ${filed.id}\\.`));
  assert.match(await page.getByTestId("round-objections").innerText(), new RegExp(`Sanggahan nomor tiket ${filed.id}`));
  await checkPage(page);
  await screenshot(page, "worker-round");
  await page.context().close();

  // The Kepala BKPSDM's dashboard counts it with the round.
  const dashboard = await newPage(browser, demo);
  await login(dashboard, "admin");
  const source = dashboard.getByTestId("outcome-source");
  await source.waitFor();
  assert.match(await source.innerText(), /masa sanggah sampai 10 Februari 2030\. Sanggahan: 1 masuk, 1 belum selesai\.$/);
  await dashboard.context().close();
});

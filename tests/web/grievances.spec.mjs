// The officer's grievance queue: the demo's grievances with their deadline,
// nearest first; filing one for a worker from the page (a wrong field named
// next to it, what was typed kept, then a ticket number and a row in the
// queue); the overdue filter and the text search agree with the API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs } from "./harness.mjs";

let demo, browser;

before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

// "2026-12-18T00:00:00+07:00" → "18 Desember 2026": the date as the
// regency's calendar has it (the API writes the regency's offset).
function dateOf(iso) {
  return new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

function nearestDue(c) {
  const dates = c.open_tasks.map((t) => t.due_at).filter(Boolean).map((d) => Date.parse(d));
  return dates.length ? Math.min(...dates) : Infinity;
}

async function apiQueue(extra = "") {
  const { status, body } = await apiAs(demo, "officer", "GET", `/cases?workflow=grievance&status=active&per_page=200${extra}`);
  assert.equal(status, 200);
  return body.items;
}

async function ticketsShown(page) {
  await page.locator('[aria-busy="false"]').first().waitFor();
  return page.locator("[data-testid=grievance-queue] tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.dataset.ticket)));
}

test("the queue shows the demo's grievances with their deadlines, nearest first", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Pengaduan" }).click();
  await page.waitForURL("**/pengaduan");
  await page.getByRole("heading", { level: 1, name: "Antrean pengaduan" }).waitFor();

  const expected = await apiQueue();
  assert.ok(expected.length > 0, "the demo has an open grievance");
  const order = [...expected].sort((a, b) => nearestDue(a) - nearestDue(b) || b.id - a.id).map((c) => c.id);
  assert.deepEqual(await ticketsShown(page), order);
  // The stage filter offers every stage the server counts for these filters.
  const { body: counted } = await apiAs(demo, "officer", "GET", "/cases?workflow=grievance&status=active&states=true&per_page=1");
  assert.ok(counted.states.length > 0 && counted.states.every((s) => s.count > 0 && s.title));
  const offered = await page.getByLabel("Tahap").locator("option").evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  assert.deepEqual(offered.sort(), counted.states.map((s) => s.state).sort());

  for (const grievance of expected) {
    const row = page.locator(`tr[data-ticket="${grievance.id}"]`);
    await row.getByRole("link", { name: new RegExp(`Tiket #${grievance.id}`) }).waitFor();
    const rowText = await row.innerText();
    assert.ok(rowText.includes(grievance.nama), `row ${grievance.id} names ${grievance.nama}`);
    assert.ok(rowText.includes(grievance.state_title), `row ${grievance.id} shows its step`);
    const task = grievance.open_tasks.find((t) => t.due_at);
    if (task) {
      assert.ok(rowText.includes(dateOf(task.due_at)), `row ${grievance.id} shows its deadline ${task.due_at}`);
      assert.equal(rowText.includes("Terlambat"), task.overdue);
    }
    const { body: detail } = await apiAs(demo, "officer", "GET", `/cases/${grievance.id}`);
    if (detail.data.kontrak_terkait)
      assert.equal(await row.getByRole("link", { name: `Kontrak #${detail.data.kontrak_terkait}` }).getAttribute("href"), `/kasus/${detail.data.kontrak_terkait}`);
    if (detail.data.berkas_lengkap_pada)
      assert.ok(rowText.includes("Batas 60 hari"), "the overall 60-day limit is shown");
  }

  // The ticket leads to the case page, where the officer acts.
  await page.getByRole("link", { name: new RegExp(`Tiket #${order[0]}`) }).click();
  await page.waitForURL(`**/kasus/${order[0]}`);
  await page.goBack();
  await page.getByTestId("grievance-queue").waitFor();
  await checkPage(page);
  await screenshot(page, "grievances-queue");
  await page.close();
});

test("an officer files a grievance for a worker: a wrong field is named, then a ticket and a row in the queue", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/pengaduan");
  await page.getByTestId("grievance-queue").waitFor();

  // A worker of the demo, by their verification case.
  const { body: files } = await apiAs(demo, "officer", "GET", "/cases?workflow=verification&status=completed&per_page=1");
  const worker = files.items[0];
  const noSuchContract = "999/TIDAK-ADA/2025";

  const description = `TMT ${worker.nama} tercatat keliru; diadukan lewat petugas.`;
  await page.getByLabel("Nama pelapor").fill(worker.nama);
  await page.getByLabel("NIK pekerja").fill(worker.key);
  await page.getByLabel("Kategori").selectOption("data_salah");
  await page.getByLabel("Uraian pengaduan").fill(description);
  // A contract named by a number that does not exist: refused at its field.
  await page.getByLabel("Nomor kontrak penyedia").fill(noSuchContract);
  await page.getByLabel("Nomor kontrak penyedia").press("Enter"); // a form sends with Enter

  const related = page.getByLabel("Nomor kontrak penyedia");
  await page.locator("#aduan-nomor_kontrak-galat:not([hidden])").waitFor();
  assert.equal(await related.getAttribute("aria-invalid"), "true");
  const { body: refused } = await apiAs(demo, "officer", "POST", "/grievances", {
    nama_pelapor: worker.nama, kategori: "data_salah", uraian: description, nomor_kontrak: noSuchContract,
  });
  assert.equal(await page.locator("#aduan-nomor_kontrak-galat").innerText(), refused.errors.find((e) => e.field === "nomor_kontrak").message);
  assert.ok((await page.getByRole("alert").innerText()).includes(refused.title));
  assert.equal(await page.getByLabel("Uraian pengaduan").inputValue(), description, "what was typed is kept");
  await checkPage(page);
  await screenshot(page, "grievances-file-error");

  // Without a contract: the worker's file is linked by the NIK alone.
  await related.fill("");
  await page.getByRole("button", { name: "Ajukan pengaduan" }).click();
  const filed = page.getByTestId("filed");
  await filed.waitFor();
  const ticket = Number((await filed.getByRole("link").innerText()).replace("#", ""));
  assert.ok(ticket > 0);
  assert.equal(await page.getByLabel("Uraian pengaduan").inputValue(), "", "the form is empty for the next one");

  const { body: created } = await apiAs(demo, "officer", "GET", `/cases/${ticket}`);
  assert.equal(created.workflow, "grievance");
  assert.equal(created.data.nama_pelapor, worker.nama);
  assert.equal(created.data.nik, worker.key);
  assert.equal(created.data.kasus_terkait, worker.id);
  assert.equal(created.data.diajukan_oleh, "petugas");
  // The ticket's page names the linked file in the workflow's words, its number as written (no "4.877").
  const ticketPage = await newPage(browser, demo);
  await login(ticketPage, "officer");
  await ticketPage.goto(`/kasus/${ticket}`);
  await ticketPage.getByTestId("state").waitFor();
  const shown = await ticketPage.locator("main").innerText();
  assert.match(shown, new RegExp(`Berkas terkait\\s+${worker.id}\\b`));
  if (worker.id >= 1000) assert.ok(!shown.includes(worker.id.toLocaleString("id-ID")), "a file number is not a quantity");
  await ticketPage.context().close();

  // The queue now holds it, with its verification deadline.
  const row = page.locator(`tr[data-ticket="${ticket}"]`);
  await row.waitFor();
  const rowText = await row.innerText();
  assert.ok(rowText.includes("Data saya salah"));
  assert.ok(rowText.includes("Diajukan petugas untuk pekerja"));
  assert.ok(rowText.includes(created.state_title));
  const task = created.open_tasks.find((t) => t.due_at);
  assert.ok(task, "a verification task with a deadline");
  assert.ok(rowText.includes(dateOf(task.due_at)));
  assert.equal(await row.getByRole("link", { name: `Berkas terkait (nomor ${worker.id})` }).getAttribute("href"), `/kasus/${worker.id}`);

  // The text search finds it by the worker's NIK, as the API does.
  await page.getByLabel("Cari nama atau NIK").fill(worker.key);
  await page.getByLabel("Cari nama atau NIK").press("Enter");
  await page.waitForURL(/cari=/);
  const found = (await apiQueue(`&q=${worker.key}`)).map((c) => c.id).sort();
  assert.deepEqual((await ticketsShown(page)).sort(), found);
  assert.ok(found.includes(ticket));
  await page.close();
});

test("the overdue filter shows what the API calls overdue", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/pengaduan");
  await page.getByTestId("grievance-queue").waitFor();
  await page.getByLabel("Hanya yang terlambat").check();
  await page.getByRole("button", { name: "Terapkan" }).click();
  await page.waitForURL(/terlambat=1/);
  await page.locator('[aria-busy="false"]').first().waitFor();
  assert.ok(await page.getByLabel("Hanya yang terlambat").isChecked(), "the filter stays on");

  const overdue = await apiQueue("&overdue=true");
  if (overdue.length === 0) {
    await page.getByTestId("queue-empty").waitFor();
  } else {
    assert.deepEqual((await ticketsShown(page)).sort(), overdue.map((c) => c.id).sort());
    for (const c of overdue) assert.ok((await page.locator(`tr[data-ticket="${c.id}"]`).innerText()).includes("Terlambat"));
  }
  // And every open grievance again without it.
  await page.getByLabel("Hanya yang terlambat").uncheck();
  await page.getByRole("button", { name: "Terapkan" }).click();
  await page.waitForURL((url) => !url.search.includes("terlambat"));
  assert.equal((await ticketsShown(page)).length, (await apiQueue()).length);
  await page.close();
});

test("on a phone the queue turns into cards and the form fits", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "officer");
  await page.goto("/pengaduan");
  await page.getByTestId("grievance-queue").waitFor();
  await checkPage(page);
  await screenshot(page, "grievances-phone");
  await page.close();
});

test("past the numbered pages the queue follows the server's cursor, and comes back to the first page", async () => {
  // Enough open grievances for a second page of 25.
  for (let i = 0; i < 27; i++) {
    const { status } = await apiAs(demo, "officer", "POST", "/cases", {
      workflow: "grievance",
      data: { nama_pelapor: `Pelapor ${i}`, kategori: "lainnya", uraian: "Honor bulan lalu belum dibayar" },
    });
    assert.equal(status, 201);
  }
  const queue = "/cases?workflow=grievance&status=active&sort=deadline&per_page=25";
  const { body: first } = await apiAs(demo, "officer", "GET", queue);
  assert.equal(typeof first.next_after, "string");
  const { body: rest } = await apiAs(demo, "officer", "GET", `${queue}&after=${encodeURIComponent(first.next_after)}`);
  assert.ok(rest.items.length > 0);

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto(`/pengaduan?setelah=${encodeURIComponent(first.next_after)}`);
  await page.getByTestId("grievance-queue").waitFor();
  assert.deepEqual(await ticketsShown(page), rest.items.map((c) => c.id));
  assert.match(await page.getByTestId("queue-count").innerText(), /pengaduan lagi/);
  await page.getByRole("button", { name: "‹ Kembali ke halaman pertama" }).click();
  await page.waitForURL((url) => !url.search.includes("setelah"));
  assert.deepEqual(await ticketsShown(page), first.items.map((c) => c.id));
  await page.close();
});

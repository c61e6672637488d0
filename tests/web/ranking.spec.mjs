// The ranking page: the counts per outcome and the ranking's number are the
// API's; the filters (outcome, name/NIK) show what the API answers for them;
// one worker's explanation, opened by keyboard, shows the same rules and
// points as GET /ranking/{nik} and `tata rank --explain --json`; the
// officer's proposal is refused while the demo's round is open (the API's
// message) and accepted once Kepala BKPSDM cancelled it; the page on a phone;
// an announcement whose objection window ends before the announcement is
// refused with the workflow's reason beside the field, what was typed kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs, users, sourceDir } from "./harness.mjs";

const require = createRequire(path.join(sourceDir, "web", "package.json"));
const { unzipSync, strFromU8 } = require("fflate");

let demo, browser, ranking;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  const answer = await apiAs(demo, "officer", "GET", "/ranking?per_page=25");
  assert.equal(answer.status, 200);
  ranking = answer.body;
  assert.ok(ranking.total > 25, "the demo ranks more than a page of workers");
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const number = (text) => Number(text.replace(/\./g, "").replace(",", "."));

async function openRanking(page, role = "officer") {
  await login(page, role);
  await page.goto("/peringkat");
  await page.getByTestId("ranking-table").waitFor();
}

async function shownCounts(page, testId = "outcome-counts") {
  return page.getByTestId(testId).locator("li").evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.dataset.outcome, li.querySelector(".outcome-number").textContent])),
  );
}

async function tableRows(page) {
  return page.getByTestId("ranking-table").locator("tbody tr[data-nik]").evaluateAll((rows) =>
    rows.map((tr) => ({ nik: tr.dataset.nik, cells: [...tr.children].map((c) => c.textContent.trim()) })),
  );
}

test("the counts per outcome, the ranking's number and the first page are the API's", async () => {
  const page = await newPage(browser, demo);
  await openRanking(page);
  assert.equal(await page.getByTestId("ranking-number").textContent(), ranking.nomor_pemeringkatan);
  const counts = await shownCounts(page);
  for (const [code, n] of Object.entries(ranking.per_usulan)) assert.equal(number(counts[code]), n, code);
  for (const [code, text] of Object.entries(counts)) assert.equal(number(text), ranking.per_usulan[code] ?? 0, code);
  assert.equal(number(await page.getByTestId("ranked-total").textContent()), ranking.total);

  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.nik), ranking.items.map((w) => w.nik));
  assert.equal(rows[0].cells[0], String(ranking.items[0].peringkat));
  assert.equal(number(rows[0].cells[4]), ranking.items[0].poin);
  assert.match(await page.getByTestId("page-of").textContent(), new RegExp(`dari ${Math.ceil(ranking.total / 25).toLocaleString("id-ID")}`));
  await checkPage(page);
  await screenshot(page, "ranking");

  // The next page is the API's second page.
  await page.getByRole("button", { name: "Berikutnya ›" }).click();
  await page.waitForURL(/halaman=2/);
  const second = await apiAs(demo, "officer", "GET", "/ranking?per_page=25&page=2");
  await page.waitForFunction((nik) => document.querySelector("tbody tr[data-nik]")?.dataset.nik === nik, second.body.items[0].nik);
  assert.deepEqual((await tableRows(page)).map((r) => r.nik), second.body.items.map((w) => w.nik));

  // A jump by number, and to the last page.
  const pages = Math.ceil(ranking.total / 25);
  const target = Math.min(pages, 7);
  await page.getByLabel("Ke halaman").fill(String(target));
  await page.getByRole("button", { name: "Buka" }).click();
  await page.waitForURL(new RegExp(`halaman=${target}`));
  const jumped = await apiAs(demo, "officer", "GET", `/ranking?per_page=25&page=${target}`);
  await page.waitForFunction((nik) => document.querySelector("tbody tr[data-nik]")?.dataset.nik === nik, jumped.body.items[0].nik);
  await page.getByRole("button", { name: "Terakhir »" }).click();
  await page.waitForURL(new RegExp(`halaman=${pages}`));
  const last = await apiAs(demo, "officer", "GET", `/ranking?per_page=25&page=${pages}`);
  await page.waitForFunction((nik) => document.querySelector("tbody tr[data-nik]")?.dataset.nik === nik, last.body.items[0].nik);
  assert.equal(await page.getByRole("button", { name: "Berikutnya ›" }).isDisabled(), true);
  // A number past the last page opens the last page.
  await page.getByLabel("Ke halaman").fill(String(pages + 50));
  await page.getByRole("button", { name: "Buka" }).click();
  assert.equal(new URL(page.url()).searchParams.get("halaman"), String(pages));
  await page.getByRole("button", { name: "« Pertama" }).click();
  await page.waitForURL((url) => !url.searchParams.get("halaman") || url.searchParams.get("halaman") === "1");
  await checkPage(page);
  await page.context().close();
});

test("the whole ranking downloads as a workbook with every worker in rank order, and prints without menus or buttons", async () => {
  const page = await newPage(browser, demo);
  await openRanking(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Unduh peringkat (XLSX)" }).click()]);
  assert.equal(download.suggestedFilename(), `peringkat-${ranking.nomor_pemeringkatan}.xlsx`);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
  // A title, the reference date, a blank row, the heading, then one row per ranked worker.
  assert.equal(sheet.match(/<row /g).length, 4 + ranking.total);
  const first = ranking.items[0];
  assert.ok(sheet.includes(`<t xml:space="preserve">${first.nik}</t>`), "the NIK as text");
  assert.match(sheet, new RegExp(`<row r="5"><c r="A5"[^>]*><v>${first.peringkat}</v></c><c r="B5"[^>]*><is><t xml:space="preserve">${first.nik}<`));
  await page.getByTestId("export-status").filter({ hasText: "Berkas peringkat diunduh." }).waitFor();

  await page.emulateMedia({ media: "print" });
  for (const hidden of [".site-header", "button", "form"])
    assert.equal(await page.locator(hidden).first().evaluate((el) => getComputedStyle(el).display), "none", `${hidden} not printed`);
  assert.ok(await page.getByTestId("ranking-table").isVisible(), "the table is printed");
  await page.context().close();
});

test("the filters show what the API answers for them", async () => {
  const page = await newPage(browser, demo);
  await openRanking(page);
  // The outcome with the fewest workers (more than none).
  const [code, count] = Object.entries(ranking.per_usulan).filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1])[0];
  await page.getByLabel("Usulan", { exact: true }).selectOption(code);
  await page.getByLabel("Nama atau NIK").press("Enter");
  await page.waitForURL(new RegExp(`usulan=${code}`));
  await page.getByText(`${count.toLocaleString("id-ID")} pekerja cocok dengan saringan.`).waitFor();
  const filtered = await apiAs(demo, "officer", "GET", `/ranking?per_page=25&usulan=${code}`);
  assert.deepEqual((await tableRows(page)).map((r) => r.nik), filtered.body.items.map((w) => w.nik));

  // An OPD: its workers, and its own counts per outcome (the API's per_opd).
  const opd = ranking.items[0].opd;
  await page.getByLabel("Usulan", { exact: true }).selectOption("");
  await page.getByLabel("OPD", { exact: true }).selectOption(opd);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await page.getByTestId("opd-outcome-counts").waitFor();
  const opdCounts = await shownCounts(page, "opd-outcome-counts");
  for (const [outcome, n] of Object.entries(ranking.per_opd[opd])) assert.equal(number(opdCounts[outcome]), n, `${opd} ${outcome}`);
  const inOpd = Object.values(ranking.per_opd[opd]).reduce((a, b) => a + b, 0);
  await page.getByText(`${inOpd.toLocaleString("id-ID")} pekerja cocok dengan saringan.`).waitFor();
  for (const row of await tableRows(page)) assert.ok(row.cells[1].endsWith(opd), row.cells[1]);
  await page.getByLabel("OPD", { exact: true }).selectOption("");

  // A NIK typed in the search finds that one worker.
  const worker = ranking.items[3];
  await page.getByLabel("Usulan", { exact: true }).selectOption("");
  await page.getByLabel("Nama atau NIK").fill(worker.nik);
  await page.getByLabel("Nama atau NIK").press("Enter");
  await page.getByText("1 pekerja cocok dengan saringan.").waitFor();
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.nik), [worker.nik]);
  assert.equal(rows[0].cells[0], String(worker.peringkat));
  await page.context().close();
});

test("a worker's explanation, opened by keyboard, shows the API's and the CLI's points", async () => {
  // A worker given a formasi, so the reason names it.
  const candidates = await apiAs(demo, "officer", "GET", "/ranking?per_page=200&usulan=pppk");
  const worker = candidates.body.items.find((w) => w.formasi) ?? candidates.body.items[0];
  const api = (await apiAs(demo, "officer", "GET", `/ranking/${worker.nik}`)).body;
  const cli = await demo.tata(["rank", "--regency", "62.03", "--explain", worker.nik, "--json"]);
  assert.equal(cli.code, 0, cli.stderr);
  const explained = JSON.parse(cli.stdout);
  assert.deepEqual(explained.kontribusi, api.kontribusi);

  const page = await newPage(browser, demo, { phone: true });
  await openRanking(page);
  await page.getByLabel("Nama atau NIK").fill(worker.nik);
  await page.getByLabel("Nama atau NIK").press("Enter");
  await page.getByText("1 pekerja cocok dengan saringan.").waitFor();
  const button = page.getByRole("button", { name: `Penjelasan untuk ${worker.nama}` });
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  const panel = page.getByTestId("explanation");
  await panel.getByTestId("contributions").waitFor();
  const shown = await panel.locator("tbody tr").evaluateAll((rows) =>
    rows.map((tr) => [tr.dataset.rule, tr.querySelector("[data-testid=rule-points]").textContent]),
  );
  assert.deepEqual(
    shown.map(([rule, points]) => [rule, number(points)]),
    api.kontribusi.map((c) => [c.aturan, c.poin]),
  );
  assert.equal(number(await panel.getByTestId("total-points").textContent()), api.poin);
  assert.match(await panel.textContent(), new RegExp(api.penjelasan.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  // The explanation's heading has the focus, so it is read next.
  assert.match(await page.evaluate(() => document.activeElement.textContent), new RegExp(`^Penjelasan peringkat ${api.peringkat}:`));
  await checkPage(page);
  await screenshot(page, "ranking-explanation-phone");

  // Escape closes it and gives the focus back to its button; Enter opens it again.
  await page.keyboard.press("Escape");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await panel.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-expanded")), "false");
  await page.keyboard.press("Enter");
  await panel.getByTestId("contributions").waitFor();
  await page.context().close();
});

async function asAdmin(method, apiPath, body, headers = {}) {
  const login = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(users.admin),
  });
  const { token } = await login.json();
  const answer = await fetch(`${demo.url}/api/v1${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, etag: answer.headers.get("ETag"), body: await answer.json() };
}

test("the officer's proposal: refused with the API's message while a round is open, accepted after it was cancelled", async () => {
  const page = await newPage(browser, demo);
  await openRanking(page);
  const propose = page.getByRole("button", { name: "Ajukan ke Kepala BKPSDM" });
  await propose.click();
  const answer = page.getByTestId("propose-answer");
  await answer.getByRole("alert").waitFor();
  // What the API says to the same request.
  const refused = await apiAs(demo, "officer", "POST", "/ranking/propose");
  assert.equal(refused.status, 409);
  const text = await answer.textContent();
  assert.ok(text.includes(refused.body.title) && text.includes(refused.body.detail), text);
  await checkPage(page);

  // Kepala BKPSDM cancels the open round; the officer proposes again.
  const open = await asAdmin("GET", "/cases?workflow=prioritization&status=active");
  assert.equal(open.body.items.length, 1);
  const round = await asAdmin("GET", `/cases/${open.body.items[0].id}`);
  const cancelled = await asAdmin(
    "POST",
    `/cases/${round.body.id}/outcomes/batalkan`,
    { input: { alasan_pembatalan: "Diulang dengan data terbaru" } },
    { "If-Match": round.etag },
  );
  assert.ok(cancelled.status < 300, JSON.stringify(cancelled.body));
  await propose.click();
  await answer.locator(".success").waitFor();
  const created = await asAdmin("GET", "/cases?workflow=prioritization&status=active");
  assert.equal(created.body.items.length, 1);
  const id = created.body.items[0].id;
  assert.match(await answer.textContent(), new RegExp(`putaran baru \\(kasus #${id}`));
  assert.match(await answer.textContent(), new RegExp(ranking.nomor_pemeringkatan));
  await answer.getByRole("link", { name: `Buka kasus #${id}` }).click();
  await page.waitForURL(new RegExp(`/kasus/${id}$`));
  await page.context().close();
});

test("Kepala BKPSDM sees the ranking without the officer's proposal button", async () => {
  const page = await newPage(browser, demo);
  await openRanking(page, "admin");
  assert.equal(await page.getByRole("button", { name: "Ajukan ke Kepala BKPSDM" }).count(), 0);
  await checkPage(page);
  await page.context().close();
});

test("an announcement with its objection window before the announcement is refused with the reason, the dates kept", async () => {
  // The round the officer proposed above, approved by Kepala BKPSDM.
  const open = await asAdmin("GET", "/cases?workflow=prioritization&status=active");
  assert.equal(open.body.items.length, 1);
  const round = await asAdmin("GET", `/cases/${open.body.items[0].id}`);
  assert.equal(round.body.state, "persetujuan_kepala");
  const approved = await asAdmin(
    "POST",
    `/cases/${round.body.id}/outcomes/setujui`,
    { input: { nomor_persetujuan: "800/45/BKPSDM/2030" } },
    { "If-Match": round.etag },
  );
  assert.ok(approved.status < 300, JSON.stringify(approved.body));
  assert.equal(approved.body.state, "pengumuman");

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto(`/kasus/${round.body.id}`);
  const announced = page.getByLabel("Tanggal pengumuman");
  const deadline = page.getByLabel("Batas akhir masa sanggah");
  await announced.fill("2030-01-20");
  await deadline.fill("2030-01-10");
  await page.getByRole("button", { name: "Umumkan dan buka masa sanggah" }).click();

  const refused = page.getByTestId("refused");
  await refused.waitFor();
  assert.match(await refused.textContent(), /belum disimpan/);
  assert.doesNotMatch(await page.locator("main").textContent(), /tersimpan\. Tahap sekarang/);
  const reason = page.locator("#isian-batas_sanggah-galat");
  assert.equal(await reason.textContent(), "Batas akhir masa sanggah tidak boleh sebelum tanggal pengumuman.");
  assert.equal(await reason.isVisible(), true);
  // What was typed is still there, the deadline focused; the case did not move.
  assert.equal(await announced.inputValue(), "2030-01-20");
  assert.equal(await deadline.inputValue(), "2030-01-10");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "isian-batas_sanggah");
  assert.equal((await asAdmin("GET", `/cases/${round.body.id}`)).body.state, "pengumuman");
  await checkPage(page);
  await screenshot(page, "announcement-refused");

  // Corrected, it is taken.
  await deadline.fill("2030-02-10");
  await page.getByRole("button", { name: "Umumkan dan buka masa sanggah" }).click();
  await page.locator(".success").waitFor();
  assert.match(await page.locator(".success").textContent(), /tersimpan/);
  assert.equal((await asAdmin("GET", `/cases/${round.body.id}`)).body.state, "masa_sanggah");
  await page.context().close();
});

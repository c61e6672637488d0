// The vendor's page: only its own contracts; a monthly compliance report
// checked first and then sent, its findings per worker the same as the
// API's answer for the same file; the compliant report without findings;
// the reports sent listed with their results; another's case not found.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs, users, sourceDir } from "./harness.mjs";

const examples = path.join(sourceDir, "examples", "vendor");
const compliantFile = path.join(examples, "kapuas-2025-06-patuh.csv");
const nonCompliantFile = path.join(examples, "kapuas-2025-06-tidak-patuh.csv");

let demo, browser;
let ownVendor; // id_penyedia and nama_penyedia of the demo vendor's contract
let fresh; // a contract of the demo vendor created for this test, waiting for a report
let other; // a contract of another vendor

before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  const { body: list } = await apiAs(demo, "vendor", "GET", "/contracts");
  assert.ok(list.items.length > 0, "the demo vendor has a contract");
  const { body: demoContract } = await apiAs(demo, "vendor", "GET", `/cases/${list.items[0].id}`);
  ownVendor = { id: demoContract.data.id_penyedia, name: demoContract.data.nama_penyedia };
  const contract = (vendorId, vendorName, number) => ({
    workflow: "vendor_contract",
    data: { nomor_kontrak: number, id_penyedia: vendorId, nama_penyedia: vendorName, jumlah_pekerja_kontrak: 8, upah_bulanan: 3650000 },
  });
  fresh = (await apiAs(demo, "officer", "POST", "/cases", contract(ownVendor.id, ownVendor.name, "031/PBJ-UJI/2025"))).body;
  other = (await apiAs(demo, "officer", "POST", "/cases", contract("cv-lain-sejahtera", "CV Lain Sejahtera", "099/PBJ-LAIN/2025"))).body;
  assert.equal(fresh.state, "menunggu_laporan", "the new contract waits for a report");
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function token(role) {
  const answer = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(users[role]),
  });
  return (await answer.json()).token;
}

// The API's own check of a file, to compare the page with.
async function apiCheck(file) {
  const answer = await fetch(`${demo.url}/api/v1/compliance/check?name=${path.basename(file)}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await token("vendor")}`, "Content-Type": "text/csv" },
    body: readFileSync(file),
  });
  assert.equal(answer.status, 200);
  return answer.json();
}

const rupiah = (n) => `Rp ${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(n)}`;

async function findingsShown(page) {
  const rows = page.getByTestId("report-result").getByTestId("finding");
  const shown = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    shown.push({ text: await row.innerText(), shortfall: (await row.getByTestId("shortfall").innerText()).trim() });
  }
  return shown;
}

function assertSameFindings(shown, report) {
  assert.equal(shown.length, report.findings.length, "as many findings as the API found");
  report.findings.forEach((f, i) => {
    assert.ok(shown[i].text.includes(f.nik), `finding ${i + 1} names NIK ${f.nik}`);
    assert.ok(shown[i].text.includes(String(f.row)), `finding ${i + 1} names row ${f.row}`);
    if (f.shortfall > 0) assert.equal(shown[i].shortfall, rupiah(f.shortfall));
  });
}

test("the vendor sees only its own contracts, checks and sends its monthly reports", async () => {
  const page = await newPage(browser, demo);
  await login(page, "vendor");
  const { body: own } = await apiAs(demo, "vendor", "GET", "/contracts");
  await page.getByTestId("contract").first().waitFor();
  assert.equal(await page.getByTestId("contract").count(), own.total);
  const text = await page.locator("main").innerText();
  assert.ok(!text.includes(other.data.nomor_kontrak) && !text.includes(other.data.nama_penyedia), "no other vendor's contract");
  assert.ok(text.includes(ownVendor.name));

  // Open the fresh contract's reports.
  await page.getByRole("link", { name: `Laporan bulanan Kontrak ${fresh.data.nomor_kontrak}` }).click();
  await page.getByRole("heading", { name: `Laporan bulanan — Kontrak ${fresh.data.nomor_kontrak}` }).waitFor();
  await page.getByText("Belum ada laporan yang dikirim").waitFor();

  // Check the non-compliant report first: nothing is recorded.
  const expected = await apiCheck(nonCompliantFile);
  assert.ok(expected.findings.length > 0);
  await page.getByLabel("Berkas laporan (CSV, wajib)").setInputFiles(nonCompliantFile);
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByTestId("report-result").getByTestId("findings").waitFor();
  assertSameFindings(await findingsShown(page), expected);
  assert.equal(await page.getByTestId("report-result").getByTestId("total-shortfall").innerText(), rupiah(expected.total_shortfall));
  assert.match(await page.getByTestId("verdict").innerText(), /belum dikirim/);
  // Which pay day applies, and whose rule it is.
  assert.match(
    await page.getByTestId("report-result").getByTestId("pay-deadline").innerText(),
    expected.pay_day_from === "contract" ? /menurut kontrak/ : /menurut ketentuan kabupaten\/kota/,
  );
  assert.equal((await apiAs(demo, "vendor", "GET", `/cases/${fresh.id}`)).body.version, fresh.version, "a check records nothing");
  await checkPage(page);
  await screenshot(page, "vendor-check");

  // The compliant report: checked, no findings; then sent.
  await page.getByLabel("Berkas laporan (CSV, wajib)").setInputFiles(compliantFile);
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByTestId("report-result").getByTestId("no-findings").waitFor();
  assert.equal((await apiCheck(compliantFile)).findings.length, 0);
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await page.getByText("Laporan terkirim", { exact: true }).waitFor();
  await page.getByTestId("report-result").getByTestId("no-findings").waitFor();
  await page.getByTestId("sent-report").first().waitFor();
  assert.equal(await page.getByTestId("sent-report").count(), 1);
  assert.match(await page.getByTestId("sent-report").first().innerText(), /tidak ada temuan/);

  // Then the non-compliant one for the same month: the page asks once more,
  // naming the findings and the report already sent; "not now" sends nothing.
  await page.getByLabel("Berkas laporan (CSV, wajib)").setInputFiles(nonCompliantFile);
  const sentVersion = (await apiAs(demo, "vendor", "GET", `/cases/${fresh.id}`)).body.version;
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  const ask = page.getByTestId("send-confirm");
  await ask.waitFor();
  const asked = await ask.innerText();
  assert.ok(asked.includes(`${expected.findings.length} temuan`), asked);
  assert.ok(asked.includes(`Laporan periode ${expected.periode} sudah dikirim`), asked);
  await checkPage(page);
  await screenshot(page, "vendor-send-confirm");
  await ask.getByRole("button", { name: "Batal, perbaiki dulu" }).click();
  await page.getByTestId("report-result").getByTestId("findings").waitFor();
  assert.equal((await apiAs(demo, "vendor", "GET", `/cases/${fresh.id}`)).body.version, sentVersion, "nothing sent");
  // Sent after all: the same findings, and the contract's new state.
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await page.getByTestId("send-confirm").getByRole("button", { name: "Kirim juga" }).click();
  await page.getByText("Laporan terkirim", { exact: true }).waitFor();
  await page.getByTestId("report-result").getByTestId("findings").waitFor();
  assertSameFindings(await findingsShown(page), expected);
  const { body: after } = await apiAs(demo, "vendor", "GET", `/cases/${fresh.id}`);
  assert.notEqual(after.state, "menunggu_laporan");
  await page.locator(".contract.selected").getByTestId("contract-state").filter({ hasText: after.state_title }).waitFor();
  await page.getByTestId("not-accepting").waitFor(); // no second report until the officer acts
  assert.equal(await page.getByRole("button", { name: "Kirim laporan" }).count(), 0);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=sent-report]").length === 2);
  const newest = page.getByTestId("sent-report").first();
  assert.match(await newest.innerText(), new RegExp(`${expected.findings.length} temuan`));
  assert.match(await newest.innerText(), new RegExp(rupiah(expected.total_shortfall).replace(/\./g, "\\.")));
  for (const f of expected.findings) assert.ok((await newest.innerText()).includes(f.nik), `history names ${f.nik}`);
  await checkPage(page);
  await screenshot(page, "vendor-sent");
  await page.context().close();
});

test("on a phone the vendor's page fits and the findings read as cards", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "vendor");
  await page.goto(`/penyedia?kontrak=${fresh.id}`);
  await page.getByTestId("sent-report").first().waitFor();
  await page.getByLabel("Berkas laporan (CSV, wajib)").setInputFiles(nonCompliantFile);
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByTestId("report-result").getByTestId("findings").waitFor();
  await checkPage(page);
  await screenshot(page, "vendor-phone");
  await page.context().close();
});

test("a report the server refuses shows its reason, records nothing and keeps the chosen file", async () => {
  const { body: contract } = await apiAs(demo, "officer", "POST", "/cases", {
    workflow: "vendor_contract",
    data: { nomor_kontrak: "032/PBJ-UJI/2025", id_penyedia: ownVendor.id, nama_penyedia: ownVendor.name, jumlah_pekerja_kontrak: 8, upah_bulanan: 3650000 },
  });
  const bad = { name: "laporan-rusak.csv", mimeType: "text/csv", buffer: Buffer.from("periode,nik,nama\n2025-13,12345,Tanpa Upah\n") };
  // What the server answers for this file, to compare the page with.
  const answer = await fetch(`${demo.url}/api/v1/contracts/${contract.id}/reports?name=${bad.name}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await token("vendor")}`, "Content-Type": "text/csv" },
    body: bad.buffer,
  });
  assert.ok(answer.status >= 400, "the server refuses the file");
  const problem = await answer.json();

  const page = await newPage(browser, demo, { phone: true });
  await login(page, "vendor");
  await page.goto(`/penyedia?kontrak=${contract.id}`);
  await page.getByLabel("Berkas laporan (CSV, wajib)").setInputFiles(bad);
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  // The check before sending finds the file's problems and asks; sent anyway, the server refuses it.
  await page.getByTestId("send-confirm").getByRole("button", { name: "Kirim juga" }).click();
  const alert = page.getByTestId("report-result").getByRole("alert");
  await alert.waitFor();
  assert.ok((await alert.innerText()).includes(problem.title), `the page says «${problem.title}»`);
  assert.equal(await page.getByLabel("Berkas laporan (CSV, wajib)").evaluate((input) => input.files.length), 1, "the chosen file stays");
  const { body: after } = await apiAs(demo, "vendor", "GET", `/cases/${contract.id}`);
  assert.equal(after.version, contract.version, "nothing recorded");
  await page.getByText("Belum ada laporan yang dikirim").waitFor();
  await checkPage(page);
  await screenshot(page, "vendor-refused-phone");
  await page.context().close();
});

test("a vendor's link to a case not theirs shows not found and none of its data", async () => {
  const { body: files } = await apiAs(demo, "officer", "GET", "/cases?workflow=verification&per_page=1");
  const worker = files.items[0];
  assert.ok(worker.nama && worker.key);
  const page = await newPage(browser, demo);
  await login(page, "vendor");
  for (const [id, secrets] of [
    [worker.id, [worker.nama, worker.key]],
    [other.id, [other.data.nomor_kontrak, other.data.nama_penyedia]],
  ]) {
    await page.goto(`/kasus/${id}`);
    await page.getByRole("heading", { level: 1, name: "Kasus tidak ditemukan" }).waitFor();
    const text = await page.locator("body").innerText();
    for (const secret of secrets) assert.ok(!text.includes(secret), `case ${id} shows nothing of its data`);
    await checkPage(page);
  }
  await screenshot(page, "vendor-not-found");
  await page.context().close();
});

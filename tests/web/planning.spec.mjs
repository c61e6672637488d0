// Perencanaan on the Kapuas demo, as the Kepala BKPSDM (admin) sees it: the
// needs per OPD equal to the API's, the shipped scenarios compared side by
// side with every figure equal to the API's simulation of the same files, the
// workers whose outcome differs, and the CSV and XLSX downloads; then the
// admin adopts a scenario (on a copy of the rules) and revokes it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs } from "./harness.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo({ ownDefinitions: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const digits = (text) => Number(text.replace(/[^\d-]/g, ""));
// A CSV field as the page writes it (RFC 4180).
const field = (text) => (/[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

test("the needs per OPD and the scenarios side by side equal the API, with their downloads", async () => {
  const { body: needs } = await apiAs(demo, "admin", "GET", "/planning/needs");
  const { body: files } = await apiAs(demo, "admin", "GET", "/planning/scenarios");
  assert.ok(files.items.length >= 2, "Kapuas ships scenarios");

  const page = await newPage(browser, demo);
  await login(page, "admin");
  await page.getByRole("link", { name: "Perencanaan" }).click();
  const table = page.getByTestId("needs-table");
  await table.waitFor();
  for (const opd of needs.opd) {
    const row = table.locator(`tbody tr[data-key="${opd.opd}"]`);
    assert.equal(digits(await row.locator('td[data-key="kurang_asn"]').innerText()), opd.kurang_asn, `${opd.opd}: ASN missing`);
    assert.equal(digits(await row.locator('td[data-key="kebutuhan"]').innerText()), opd.kebutuhan, `${opd.opd}: needs`);
  }

  await page.getByRole("button", { name: "Bandingkan" }).click();
  const comparison = page.getByTestId("comparison");
  await comparison.waitFor();
  const chosen = files.items.slice(0, 5).map((f) => f.berkas);
  const { body: simulated } = await apiAs(demo, "admin", "POST", "/planning/simulate", { skenario: chosen, beda_batas: 100 });
  const headers = await comparison.locator("thead th").allInnerTexts();
  assert.deepEqual(headers.slice(1), simulated.skenario.map((s) => s.nama));
  for (const code of ["pppk", "alih_daya", "kebutuhan_terbuka"]) {
    const cells = await comparison.locator(`tbody tr[data-key="${code}"] td`).allInnerTexts();
    const expected = simulated.skenario.map((s) => (code === "kebutuhan_terbuka" ? s.kebutuhan_terbuka : s.usulan[code] ?? 0));
    assert.deepEqual(cells.map(digits), expected, code);
  }
  const biaya = await comparison.locator('tbody tr[data-key="biaya"] td').allInnerTexts();
  assert.deepEqual(biaya.map(digits), simulated.skenario.map((s) => s.biaya.total));
  await page.getByTestId("cap-line").waitFor();
  const differences = page.getByTestId("differences");
  assert.match(await differences.innerText(), new RegExp(`${simulated.beda.total.toLocaleString("id-ID")} pekerja`));

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Unduh CSV" }).click()]);
  assert.equal(csvDownload.suggestedFilename(), "skenario-62.03.csv");
  const csv = readFileSync(await csvDownload.path(), "utf8").split("\r\n");
  assert.equal(csv[0], ["Ukuran", ...simulated.skenario.map((s) => field(s.nama))].join(","));
  assert.equal(csv[2], ["PPPK", ...simulated.skenario.map((s) => s.usulan.pppk ?? 0)].join(","));
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Unduh XLSX" }).click()]);
  assert.equal(readFileSync(await xlsxDownload.path()).subarray(0, 2).toString(), "PK", "a zip file");

  await checkPage(page);
  await screenshot(page, "planning");
  await page.context().close();
});

test("on a phone the planning page reads without sideways scrolling; officers see it, workers do not", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "officer");
  await page.goto("/perencanaan");
  await page.getByTestId("needs-table").waitFor();
  await page.getByRole("button", { name: "Bandingkan" }).click();
  await page.getByTestId("comparison").waitFor();
  await checkPage(page);
  await screenshot(page, "planning-phone");
  await page.context().close();

  const worker = await newPage(browser, demo, { phone: true });
  await login(worker, "worker");
  await worker.goto("/perencanaan");
  await worker.getByTestId("who").waitFor();
  assert.equal(new URL(worker.url()).pathname, "/pekerja");
  await worker.context().close();
});

test("the Kepala BKPSDM adopts a scenario, the ranking follows it, and the adoption is revoked", async () => {
  const { body: simulated } = await apiAs(demo, "admin", "POST", "/planning/simulate", { skenario: ["formasi-abk.yaml"] });
  const expected = simulated.skenario[0].nomor_pemeringkatan;
  const page = await newPage(browser, demo);
  await login(page, "admin");
  await page.goto("/perencanaan");
  const adopted = page.getByTestId("adopted");
  await adopted.waitFor();
  assert.match(await adopted.innerText(), /Belum ada skenario yang ditetapkan/);
  await page.getByLabel("Skenario yang ditetapkan").selectOption("formasi-abk.yaml");
  await page.getByLabel("Catatan penetapan").fill("SK Kepala BKPSDM 800/7/2025");
  const adopt = page.getByRole("button", { name: "Tetapkan skenario" });
  await adopt.click();
  await page.getByRole("button", { name: "Yakin? Klik lagi untuk menetapkan" }).click();
  const answer = page.getByTestId("adopt-answer");
  await answer.getByText("Skenario ditetapkan").waitFor();
  assert.match(await answer.innerText(), new RegExp(expected));
  assert.match(await page.getByTestId("adopted").innerText(), /Formasi menurut ABK.*SK Kepala BKPSDM 800\/7\/2025/s);
  assert.ok(existsSync(path.join(demo.rules, "62.03", "penetapan-skenario.yaml")));
  const { body: ranking } = await apiAs(demo, "officer", "GET", "/ranking?per_page=1");
  assert.equal(ranking.nomor_pemeringkatan, expected);
  await checkPage(page);
  await screenshot(page, "planning-adopted");

  await page.getByRole("button", { name: "Cabut penetapan" }).click();
  await page.getByRole("button", { name: "Yakin? Klik lagi untuk mencabut" }).click();
  await answer.getByText("Penetapan dicabut").waitFor();
  assert.match(await page.getByTestId("adopted").innerText(), /Belum ada skenario yang ditetapkan/);
  assert.ok(!existsSync(path.join(demo.rules, "62.03", "penetapan-skenario.yaml")));
  await page.context().close();

  // Officers see what applies, without the form.
  const officer = await newPage(browser, demo);
  await login(officer, "officer");
  await officer.goto("/perencanaan");
  await officer.getByTestId("adopted").waitFor();
  assert.equal(await officer.getByRole("button", { name: "Tetapkan skenario" }).count(), 0);
  await officer.context().close();
});

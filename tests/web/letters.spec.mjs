// Letters on the demo: once the Kepala BKPSDM approved the round and the
// officer announced it, the round's page offers "Pengumuman hasil
// pemeringkatan" as a PDF; the saved file is a real PDF whose text
// (pdftotext) carries the announcement's dates in words and the case's
// verification code; that code, typed into "Periksa keaslian surat", is
// confirmed, and a code changed by one character is not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
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

test("the announced round's pengumuman is printed as a PDF whose verification code the officer checks", async () => {
  const rounds = await apiAs(demo, "admin", "GET", "/cases?workflow=prioritization&status=active");
  const id = rounds.body.items[0].id;
  assert.equal((await apiAs(demo, "admin", "POST", `/cases/${id}/outcomes/setujui`, { input: { nomor_persetujuan: "800/47/BKPSDM" } })).status, 200);
  const announced = await apiAs(demo, "officer", "POST", `/cases/${id}/outcomes/umumkan`, {
    input: { tanggal_pengumuman: "2029-12-01", batas_sanggah: "2029-12-08" },
  });
  assert.equal(announced.status, 200, JSON.stringify(announced.body));

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto(`/kasus/${id}`);
  const letters = page.getByTestId("letters");
  await letters.waitFor();
  assert.match(await letters.innerText(), /Pengumuman hasil pemeringkatan/);
  await checkPage(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    letters.getByRole("button", { name: /Pengumuman hasil pemeringkatan/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `Pengumuman hasil pemeringkatan - ${id}.pdf`);
  const saved = path.join(demo.dir, "pengumuman.pdf");
  await download.saveAs(saved);
  assert.equal(readFileSync(saved).subarray(0, 5).toString(), "%PDF-");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", saved, "-"], { stdio: ["ignore", "pipe", "ignore"] }).toString().replace(/\s+/g, " ");
  assert.match(text, /PENGUMUMAN HASIL PEMERINGKATAN/);
  assert.match(text, /sejak 1 Desember 2029 sampai dengan 8 Desember 2029/);
  assert.match(text, /Nomor: 800\/47\/BKPSDM/);
  const code = /Kode verifikasi (\d+-\d+-[0-9A-F]{8})/.exec(text)?.[1];
  assert.ok(code, `a verification code in: ${text}`);
  assert.ok(code.startsWith(`${id}-`), "the code names the round's case");

  await page.getByRole("link", { name: "Periksa surat" }).click();
  await page.getByRole("heading", { level: 1, name: "Periksa keaslian surat" }).waitFor();
  await page.getByLabel("Kode verifikasi pada kaki surat").fill(code);
  await page.getByRole("button", { name: "Periksa" }).click();
  const verdict = page.getByTestId("verdict");
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /^Sah\. Surat ini sesuai dengan keadaan berkas sekarang\./);
  assert.equal(await verdict.evaluate((el) => document.activeElement === el), true, "the verdict has the focus");
  await checkPage(page);
  await screenshot(page, "letter-check");

  const forged = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
  await page.getByLabel("Kode verifikasi pada kaki surat").fill(forged);
  await page.getByRole("button", { name: "Periksa" }).click();
  await page.getByText(/^Tidak sah\./).waitFor();
  await page.getByLabel("Kode verifikasi pada kaki surat").fill("bukan kode");
  await page.getByRole("button", { name: "Periksa" }).click();
  await page.locator("#kode-galat").waitFor();
  assert.match(await page.locator("#kode-galat").innerText(), /4875-128734-7F3A91C2/);
  await page.context().close();
});

test("a worker finds no letter on a case that is not theirs, and the verification page is not theirs", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  await page.goto("/periksa-surat");
  await page.waitForURL(/\/pekerja$/);
  const rounds = await apiAs(demo, "admin", "GET", "/cases?workflow=prioritization");
  const id = rounds.body.items[0].id;
  assert.equal((await apiAs(demo, "worker", "GET", `/cases/${id}/letters`)).status, 404);
  assert.equal((await apiAs(demo, "worker", "POST", "/letters/verify", { kode: `${id}-1-00000000` })).status, 403);
  await page.context().close();
});

test("the OPD head uploads the SK as such, finds it under «SK pengangkatan», and BKAD finds it there too", async () => {
  // A file of the OPD head's OPD at their SPTJM (escalated, in the demo, by now).
  let id = null;
  for (const state of ["konfirmasi_opd", "eskalasi_bkpsdm", "validasi_bkad"]) {
    const { body } = await apiAs(demo, "opd_head", "GET", `/cases?workflow=verification&state=${state}&per_page=1`);
    id ??= body.items[0]?.id ?? null;
  }
  assert.ok(id, "the demo has files of the OPD head's OPD at their SPTJM");
  const page = await newPage(browser, demo);
  await login(page, "opd_head");
  await page.goto(`/kasus/${id}`);
  const evidence = page.getByTestId("evidence");
  await evidence.waitFor();
  const kinds = await evidence.locator("dt").allInnerTexts();
  assert.deepEqual(kinds, ["KTP", "SK pengangkatan", "Bukti pembayaran honor", "Ijazah terakhir"], "the kinds in words, not codes");
  assert.equal(await evidence.locator('dd[data-kind="sk"]').innerText(), "Belum diunggah");
  // A PDF letter from the same case serves as the uploaded SK.
  const sk = path.join(demo.dir, "sk-pengangkatan.pdf");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("letters").getByRole("button", { name: /SPTJM/ }).click(),
  ]);
  await download.saveAs(sk);
  await page.getByLabel("Unggah dokumen (PDF, gambar)").setInputFiles(sk);
  await page.getByLabel("Jenis dokumen").selectOption({ label: "SK pengangkatan" });
  await page.getByRole("button", { name: "Unggah", exact: true }).click();
  await page.getByText("Dokumen sk-pengangkatan.pdf terunggah sebagai SK pengangkatan.").waitFor();
  assert.match(await evidence.locator('dd[data-kind="sk"]').innerText(), /sk-pengangkatan\.pdf/);
  assert.equal(await evidence.locator('dd[data-kind="bukti_gaji"]').innerText(), "Belum diunggah");
  await checkPage(page);
  await screenshot(page, "evidence-opd-head");
  await page.context().close();

  const bkad = await newPage(browser, demo);
  await login(bkad, "bkad");
  await bkad.goto(`/kasus/${id}`);
  await bkad.getByTestId("evidence").waitFor();
  assert.match(await bkad.getByTestId("evidence").locator('dd[data-kind="sk"]').innerText(), /sk-pengangkatan\.pdf/);
  await bkad.context().close();
});

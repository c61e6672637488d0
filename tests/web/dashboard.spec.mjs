// The leadership dashboard, as the Kepala BKPSDM (admin) sees it on the
// Kapuas demo: the report's figures (4,874 non-ASN: 63 eks THK-II of whom 32
// passed PPPK, 2,698 in the BKN database of whom 656 passed PPPK and 18 CPNS,
// 2,113 outside it), every table equal to the API's JSON, the overdue tasks
// per procedure (one grievance made late on purpose), and the CSV and XLSX
// downloads (the XLSX a real workbook holding the total).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs, sourceDir } from "./harness.mjs";

const require = createRequire(path.join(sourceDir, "web", "package.json"));
const { unzipSync, strFromU8 } = require("fflate");

let demo, browser, lateCase;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  // A grievance filed 40 days ago and never verified: its 3-working-day
  // verification task is overdue now.
  const past = new Date(Date.now() - 40 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  process.env.TATA_NOW = past;
  const made = await demo.tata(["case", "create", "--workflow", "grievance", "--regency", "62.03", "--data",
    JSON.stringify({ nama_pelapor: "Pelapor Uji Terlambat", kategori: "lainnya", uraian: "Uji dasbor: tugas terlambat." })]);
  delete process.env.TATA_NOW;
  assert.equal(made.code, 0, made.stderr);
  lateCase = Number(/case (\d+)/i.exec(made.stdout)?.[1]);
  assert.ok(lateCase > 0, made.stdout);
});
// The phone's own 360 px is the measure (as checkPage's), said in the
// dashboard's own words when it fails.
async function fitsPhone(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide on a 360px phone`);
}

after(async () => {
  await browser?.close();
  await demo?.stop();
});

// A table of the page as { rowKey: { columnKey: number } } (Indonesian digits: "4.874").
async function readTable(page, testId) {
  return page.getByTestId(testId).evaluate((table) => {
    const out = {};
    for (const row of table.querySelectorAll("tbody tr, tfoot tr")) {
      const cells = {};
      for (const cell of row.querySelectorAll("td.num")) cells[cell.dataset.key] = Number(cell.textContent.replace(/\./g, ""));
      out[row.dataset.key] = cells;
    }
    return out;
  });
}

// The text a person reads in a table cell, found by the row's and column's headings.
async function cellText(page, caption, rowLabel, columnLabel) {
  const table = page.locator("table", { has: page.locator("caption", { hasText: caption }) });
  const headers = await table.locator("thead th").allTextContents();
  const column = headers.indexOf(columnLabel);
  assert.ok(column > 0, `column ${columnLabel} in ${caption}: ${headers}`);
  const row = table.locator("tr", { has: page.getByRole("rowheader", { name: rowLabel, exact: true }) });
  return (await row.locator("th, td").nth(column).textContent()).trim();
}

const sum = (map) => Object.values(map ?? {}).reduce((a, b) => a + b, 0);

test("the admin's dashboard shows the Kapuas rekap, equal to the API", async () => {
  const page = await newPage(browser, demo);
  await login(page, "admin");
  assert.equal(new URL(page.url()).pathname, "/dasbor");
  await page.getByTestId("tabel-opd").waitFor();

  // The Kapuas report's figures, as a person reads them.
  const figures = page.getByTestId("angka-utama");
  for (const [label, value] of [["Tenaga non-ASN", "4.874"], ["Eks THK-II", "63"], ["Database BKN", "2.698"], ["Non-database", "2.113"]])
    assert.equal((await figures.locator(".key-figure", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd").textContent()), value, label);
  const selection = "Hasil seleksi nasional per kategori";
  assert.equal(await cellText(page, selection, "Eks THK-II", "Jumlah"), "63");
  assert.equal(await cellText(page, selection, "Eks THK-II", "Lulus PPPK"), "32");
  assert.equal(await cellText(page, selection, "Database BKN", "Jumlah"), "2.698");
  assert.equal(await cellText(page, selection, "Database BKN", "Lulus PPPK"), "656");
  assert.equal(await cellText(page, selection, "Database BKN", "Lulus CPNS"), "18");
  assert.equal(await cellText(page, selection, "Non-database", "Jumlah"), "2.113");
  assert.equal(await cellText(page, selection, "Jumlah", "Jumlah"), "4.874");
  assert.equal(await cellText(page, "Rekap per OPD", "Jumlah", "Jumlah"), "4.874");

  // Every figure the page shows is the API's.
  const { status, body: rekap } = await apiAs(demo, "admin", "GET", "/reports/rekap");
  assert.equal(status, 200);
  const t = rekap.total;
  assert.deepEqual(await readTable(page, "tabel-kategori"), Object.fromEntries(Object.entries(t.per_kategori).map(([k, v]) => [k, { jumlah: v }])));
  const seleksi = await readTable(page, "tabel-seleksi");
  for (const [category, results] of Object.entries(t.per_kategori_dan_hasil_seleksi)) {
    assert.equal(seleksi[category].jumlah, t.per_kategori[category], category);
    for (const [result, n] of Object.entries(results)) assert.equal(seleksi[category][result], n, `${category} ${result}`);
    assert.equal(sum(seleksi[category]) - seleksi[category].jumlah, t.per_kategori[category], `${category}: the results add up`);
  }
  assert.equal(seleksi.jumlah.jumlah, t.jumlah);
  for (const [testId, counts] of [["tabel-status", t.status_verifikasi], ["tabel-usulan", t.usulan]]) {
    const shown = await readTable(page, testId);
    for (const [key, n] of Object.entries(counts)) assert.equal(shown[key].jumlah, n, `${testId} ${key}`);
    assert.equal(sum(Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.jumlah]))), sum(counts), testId);
  }
  const opd = await readTable(page, "tabel-opd");
  assert.equal(Object.keys(opd).length, Object.keys(rekap.per_opd).length + 1, "one row per OPD and the total");
  for (const [name, c] of [...Object.entries(rekap.per_opd), ["JUMLAH", t]]) {
    const row = opd[name];
    assert.ok(row, name);
    assert.equal(row.jumlah, c.jumlah, name);
    for (const [k, v] of Object.entries(c.per_kategori)) assert.equal(row[`kategori.${k}`], v, `${name} ${k}`);
    for (const [k, v] of Object.entries(c.status_verifikasi)) assert.equal(row[`status.${k}`], v, `${name} ${k}`);
    for (const [k, v] of Object.entries(c.usulan)) assert.equal(row[`usulan.${k}`], v, `${name} usulan ${k}`);
  }
  assert.equal(Object.values(rekap.per_opd).reduce((n, c) => n + c.jumlah, 0), t.jumlah, "the OPDs add up to the total");

  // Overdue tasks per procedure: the late grievance is counted, as the API says.
  const { body: tasks } = await apiAs(demo, "admin", "GET", "/reports/tasks");
  const shownTasks = await readTable(page, "tabel-tugas");
  for (const w of tasks.workflows) assert.deepEqual(shownTasks[w.workflow], { open: w.open, overdue: w.overdue }, w.workflow);
  assert.deepEqual(shownTasks.jumlah, { open: tasks.open, overdue: tasks.overdue });
  assert.ok(shownTasks.grievance.overdue >= 1, "the grievance made late is overdue");
  assert.equal(await cellText(page, "Tugas terbuka dan terlambat per prosedur", "Pengaduan", "Terlambat"), String(tasks.workflows.find((w) => w.workflow === "grievance").overdue));

  // Each chart has a title and says its figures.
  const charts = page.locator("svg.bar-chart[role=img]");
  assert.ok((await charts.count()) >= 5);
  assert.match(await page.locator("svg.bar-chart title").first().textContent(), /Eks THK-II: 63/);

  await checkPage(page);
  await screenshot(page, "dashboard-desktop");
  await page.context().close();
});

test("the CSV and XLSX downloads hold the rekap", async () => {
  const page = await newPage(browser, demo);
  await login(page, "admin");
  await page.getByTestId("tabel-opd").waitFor();

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Unduh CSV" }).click()]);
  assert.match(csvDownload.suggestedFilename(), /^rekap-62\.03\.csv$/);
  const csv = readFileSync(await csvDownload.path(), "utf8").trim().split("\n");
  assert.match(csv[0], /^opd,jumlah,eks_thk2,database_bkn,non_database,/);
  assert.match(csv.at(-1), /^JUMLAH,4874,63,2698,2113,/);
  await page.getByText("Berkas CSV sudah diunduh.").waitFor();

  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Unduh XLSX/ }).click()]);
  assert.match(xlsxDownload.suggestedFilename(), /^rekap-62\.03\.xlsx$/);
  const bytes = readFileSync(await xlsxDownload.path());
  assert.equal(bytes.subarray(0, 2).toString(), "PK", "a zip file");
  const files = unzipSync(new Uint8Array(bytes));
  for (const name of ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    assert.ok(files[name], `${name} in the workbook`);
  const workbook = strFromU8(files["xl/workbook.xml"]);
  assert.match(workbook, /<sheet name="Rekap"/);
  assert.match(workbook, /<sheet name="Per OPD"/);
  const totals = strFromU8(files["xl/worksheets/sheet1.xml"]);
  assert.match(totals, /Jumlah tenaga non-ASN<\/t><\/is><\/c><c r="B\d+"><v>4874<\/v>/);
  const perOpd = strFromU8(files["xl/worksheets/sheet2.xml"]);
  // The last row: the total, 4874, in the "Jumlah" column after the name.
  assert.match(perOpd, /<row r="(\d+)"><c r="A\1" s="1" t="inlineStr"><is><t xml:space="preserve">Jumlah<\/t><\/is><\/c><c r="B\1" s="1"><v>4874<\/v>/);
  const { body: rekap } = await apiAs(demo, "admin", "GET", "/reports/rekap");
  const rows = perOpd.match(/<row /g).length;
  assert.equal(rows, Object.keys(rekap.per_opd).length + 2, "a heading, one row per OPD, the total");
  await page.getByText("Berkas XLSX sudah diunduh.").waitFor();

  // Printed: the figures and tables, no menu, button or download section.
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".site-header", "button", ".export"])
    assert.equal(await page.locator(hidden).first().evaluate((el) => getComputedStyle(el).display), "none", `${hidden} not printed`);
  assert.ok(await page.getByTestId("tabel-opd").isVisible(), "the OPD table is printed");
  await page.pdf({ path: path.join(sourceDir, "build", "web-e2e", "dashboard-print.pdf") });
  await page.context().close();
});

test("on a phone the dashboard reads without sideways scrolling; officers see it too", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "officer");
  await page.goto("/dasbor");
  await page.getByTestId("tabel-opd").waitFor();
  assert.equal(await page.locator("h1").textContent(), "Dasbor pimpinan");
  await checkPage(page);
  await fitsPhone(page);
  await screenshot(page, "dashboard-phone");
  await page.context().close();
});

test("other roles do not get the dashboard", async () => {
  const page = await newPage(browser, demo);
  await login(page, "opd_head");
  await page.goto("/dasbor");
  await page.waitForURL((url) => url.pathname === "/kotak-masuk");
  const { status } = await apiAs(demo, "opd_head", "GET", "/reports/tasks");
  assert.equal(status, 403);
  await page.context().close();
});

test("once the Kepala BKPSDM approves a round, the dashboard counts that round's outcomes and says so", async () => {
  const page = await newPage(browser, demo);
  await login(page, "admin");
  await page.getByTestId("tabel-usulan").waitFor();
  assert.match(await page.getByTestId("outcome-source").innerText(), /^Usulan sementara menurut pemeringkatan hari ini/);

  const rounds = await apiAs(demo, "admin", "GET", "/cases?workflow=prioritization&status=active");
  assert.equal(rounds.body.items.length, 1, "the demo proposed one round");
  const id = rounds.body.items[0].id;
  const approved = await apiAs(demo, "admin", "POST", `/cases/${id}/outcomes/setujui`, { input: { nomor_persetujuan: "800/46/BKPSDM" } });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const { body: round } = await apiAs(demo, "admin", "GET", "/rounds/approved");
  assert.equal(round.putaran, id);

  await page.reload();
  await page.getByTestId("tabel-usulan").waitFor();
  const source = await page.getByTestId("outcome-source").innerText();
  assert.match(source, /^Usulan menurut putaran yang disetujui Kepala BKPSDM dengan nomor 800\/46\/BKPSDM/);
  assert.match(source, /Belum diumumkan\.$/);
  // The table is the round's frozen counts.
  const shown = await readTable(page, "tabel-usulan");
  for (const [outcome, n] of Object.entries(round.per_usulan)) assert.equal(shown[outcome].jumlah, n, outcome);
  const { body: rekap } = await apiAs(demo, "admin", "GET", "/reports/rekap");
  assert.equal(rekap.putaran, id);
  assert.equal(shown.belum_diperingkat.jumlah, rekap.total.usulan.belum_diperingkat ?? 0);
  await checkPage(page);
  await page.context().close();
});

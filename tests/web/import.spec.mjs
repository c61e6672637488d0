// The officer's roster import page: a small CSV made from the Kapuas roster
// (one row as it is, one changed, one re-keyed to a new NIK, and rows the
// server must reject) shows the same counts and row problems as
// `tata import workers --json` on a copy of the same database; the same
// file again shows everything unchanged; a file the server cannot read
// shows the problem and keeps the chosen file; a neighbour's roster checked
// first ("Periksa dulu") is warned of and writes nothing until imported,
// and once imported is undone from the page's import history; an Excel
// workbook imports as its CSV would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, sourceDir, tataBinary, apiAs } from "./harness.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const roster = readFileSync(path.join(sourceDir, "examples", "data", "kapuas-roster.csv"), "utf8").trim().split("\n");
const header = roster[0];
const columns = header.split(",");
const col = (name) => columns.indexOf(name);
// Rows without quoted fields, so a plain split by commas is exact.
const plain = roster.slice(1).filter((line) => !line.includes('"')).map((line) => line.split(","));
const knownNiks = new Set(roster.slice(1).map((line) => line.slice(0, 16)));

// A NIK for the same person data with another serial (the last 4 digits):
// still valid (district, birth date and sex unchanged), new to the regency.
function rekey(nik) {
  for (let serial = 9999; serial > 9000; serial--) {
    const candidate = nik.slice(0, 12) + String(serial);
    if (!knownNiks.has(candidate)) return candidate;
  }
  throw new Error("no free NIK");
}

function smallRoster() {
  const [same, changed, moved, shortNik, badDate, badSector] = plain.slice(10, 16).map((r) => [...r]);
  changed[col("honor_bulanan")] = String(Number(changed[col("honor_bulanan")]) + 25000);
  moved[col("nik")] = rekey(moved[col("nik")]);
  moved[col("nama")] = `${moved[col("nama")]} Baru`;
  const duplicate = [...moved];
  shortNik[col("nik")] = shortNik[col("nik")].slice(0, 15);
  badDate[col("tmt")] = "01/05/2010";
  badSector[col("sektor")] = "keamanan";
  const rows = [same, changed, moved, shortNik, badDate, duplicate, badSector];
  return { text: [header, ...rows.map((r) => r.join(","))].join("\n") + "\n", rows };
}

function run(args, cwd, binary = tataBinary) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

// `tata import workers --json` on a copy of the demo database as it is now:
// the CLI's answer for the file, without touching the served database.
async function cliAnswer(dir, name) {
  const copy = path.join(dir, "kopi");
  mkdirSync(copy, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(demo.db + suffix)) copyFileSync(demo.db + suffix, path.join(copy, `demo.db${suffix}`));
  const result = await run(["import", "workers", name, "--regency", "62.03", "--db", path.join(copy, "demo.db"), "--json"], dir);
  assert.ok(result.stdout.trim().startsWith("{"), `tata import: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

// "small.csv:5: tmt: message" → {row, column, message}
function parseProblem(line, name) {
  const match = new RegExp(`^${name.replace(".", "\\.")}:(\\d+): ([a-z_]+): (.*)$`).exec(line);
  assert.ok(match, `unexpected problem line ${line}`);
  return { row: match[1], column: match[2], message: match[3] };
}

async function shownCounts(page) {
  const counts = {};
  for (const key of ["created", "updated", "unchanged", "rejected", "flagged"])
    counts[key] = Number((await page.getByTestId(`count-${key}`).textContent()).replace(/\./g, ""));
  return counts;
}

async function shownProblems(page) {
  return page.getByTestId("import-problems").locator("tbody tr").evaluateAll((rows) =>
    rows.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );
}

test("a roster import shows the CLI's counts and row problems, and a second import changes nothing", async () => {
  const name = "roster-kecil.csv";
  const { text, rows } = smallRoster();
  const file = path.join(demo.dir, name);
  writeFileSync(file, text);
  const expected = await cliAnswer(demo.dir, name);
  assert.ok(expected.created >= 1 && expected.updated >= 1 && expected.unchanged >= 1 && expected.rejected >= 3, JSON.stringify(expected));

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.getByRole("link", { name: "Impor" }).click();
  await page.getByRole("heading", { level: 1, name: "Impor data pekerja" }).waitFor();
  await checkPage(page);
  await page.getByLabel("Berkas roster (Excel atau CSV)").setInputFiles(file);
  // Every state the progress line goes through, as it happens.
  await page.evaluate(() => {
    window.progressSeen = [];
    const line = document.querySelector("[data-testid=import-progress-text]");
    new MutationObserver(() => window.progressSeen.push(line.textContent)).observe(line, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });

  const seen = await page.evaluate(() => window.progressSeen);
  assert.match(seen[0], /^Mengunggah… \d+%/);
  assert.match(seen.at(-1), /Server sedang memproses/);
  const counts = await shownCounts(page);
  assert.deepEqual(counts, {
    created: expected.created,
    updated: expected.updated,
    unchanged: expected.unchanged,
    rejected: expected.rejected,
    flagged: expected.flagged,
  });
  // Every problem the CLI reports, in its order: row, the NIK written in
  // that row of the file, column and message.
  const problems = await shownProblems(page);
  assert.equal(problems.length, expected.problems.length);
  expected.problems.forEach((line, i) => {
    const p = parseProblem(line, name);
    const nik = rows[Number(p.row) - 2][col("nik")];
    assert.deepEqual(problems[i], [p.row, nik, p.column, p.message]);
  });
  await checkPage(page);
  await screenshot(page, "import-result");

  // The same file again: nothing created or updated, the same rejections.
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  await page.getByRole("heading", { name: `Hasil impor ${name}` }).waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=count-unchanged]") !== null);
  const again = await shownCounts(page);
  assert.deepEqual(again, {
    created: 0,
    updated: 0,
    unchanged: expected.created + expected.updated + expected.unchanged,
    rejected: expected.rejected,
    flagged: expected.flagged,
  });
  assert.equal((await shownProblems(page)).length, expected.problems.length);
  await page.context().close();
});

test("a file the server cannot read shows the problem and keeps the chosen file (phone)", async () => {
  const name = "tanpa-kolom.csv";
  const file = path.join(demo.dir, name);
  writeFileSync(file, "nik,nama\n6203045311830065,Novita\n");
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "officer");
  await page.goto("/impor");
  const input = page.getByLabel("Berkas roster (Excel atau CSV)");
  await input.setInputFiles(file);
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  const error = page.getByTestId("import-error");
  await error.waitFor();
  // The server's own words: the file name and the missing columns.
  const shown = await error.textContent();
  assert.match(shown, /Impor gagal/);
  assert.match(shown, new RegExp(`${name.replace(".", "\\.")}:1: kolom wajib tidak ada: tanggal_lahir`));
  assert.equal(await input.evaluate((el) => el.files[0]?.name), name);
  await checkPage(page);
  await screenshot(page, "import-error-phone");

  // No file chosen: said next to the field, nothing sent.
  await input.setInputFiles([]);
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  await page.getByText("Pilih berkas roster (Excel atau CSV) terlebih dahulu.").waitFor();
  await page.context().close();
});

test("a neighbour's roster checked first is warned of row by row and writes nothing, then imported from the preview", async () => {
  const name = "hsu.csv";
  // Three rows re-registered in Hulu Sungai Utara (63.08.01), one Kapuas
  // row with its OPD written in small letters.
  const rows = plain.slice(20, 24).map((r) => [...r]);
  for (const r of rows.slice(0, 3)) r[col("nik")] = rekey("630801" + r[col("nik")].slice(6));
  const kapuas = rows[3];
  kapuas[col("nik")] = rekey(kapuas[col("nik")]);
  const opd = kapuas[col("opd")];
  kapuas[col("opd")] = opd.toLowerCase();
  const file = path.join(demo.dir, name);
  writeFileSync(file, [header, ...rows.map((r) => r.join(","))].join("\n") + "\n");

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/impor");
  await page.getByLabel("Berkas roster (Excel atau CSV)").setInputFiles(file);
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByRole("heading", { name: `Pratinjau ${name}` }).waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId("preview-note").innerText(), /Belum ada yang disimpan/);
  assert.equal((await shownCounts(page)).created, 4);
  const fileWarning = await page.getByTestId("file-warning").innerText();
  assert.match(fileWarning, /3 dari 4 NIK terdaftar di luar Kabupaten Kapuas, terbanyak di Kabupaten Hulu Sungai Utara/);
  const warned = await page.getByTestId("import-warning-rows").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );
  assert.equal(warned.length, 4);
  assert.deepEqual(warned.map((w) => w[0]), ["2", "3", "4", "5"]);
  assert.equal(warned[3][1], kapuas[col("nik")]);
  assert.match(warned[3][3], new RegExp(`maksud Anda «${opd}»\\?`));
  // Nothing was written.
  const first = rows[0][col("nik")];
  assert.equal((await apiAs(demo, "officer", "GET", `/workers/${first}`)).status, 404);
  await checkPage(page);
  await screenshot(page, "import-preview");

  await page.getByTestId("import-now").click();
  await page.getByRole("heading", { name: `Hasil impor ${name}` }).waitFor({ timeout: 30_000 });
  assert.equal((await shownCounts(page)).created, 4);
  assert.equal((await apiAs(demo, "officer", "GET", `/workers/${first}`)).status, 200);

  // It was the wrong file after all: undone from the history below, after
  // the page says what the undo will do.
  const imports = (await apiAs(demo, "officer", "GET", "/workers/imports")).body.items;
  const batch = imports.find((b) => b.file_name === name && !b.undo);
  assert.ok(batch, JSON.stringify(imports));
  const undo = page.getByTestId(`undo-${batch.id}`);
  await undo.waitFor();
  await undo.click();
  const ask = page.getByTestId("undo-confirm");
  await ask.waitFor();
  assert.match(await ask.innerText(), new RegExp(`Batalkan impor ${name.replace(".", "\\.")} .*4 berkas baru akan ditarik, 0 berkas akan dikembalikan`));
  assert.equal((await apiAs(demo, "officer", "GET", `/workers/${first}`)).status, 200);  // asking changes nothing
  await checkPage(page);
  await screenshot(page, "import-undo-confirm");
  await page.getByRole("button", { name: "Ya, batalkan impor" }).click();
  const done = page.getByTestId("undo-done");
  await done.waitFor();
  assert.match(await done.innerText(), /4 berkas baru ditarik/);
  assert.equal((await apiAs(demo, "officer", "GET", `/workers/${first}`)).status, 404);
  await page.getByTestId("import-history").getByText(/^Dibatalkan .+ oleh \S+$/).first().waitFor();
  assert.equal(await page.getByTestId(`undo-${batch.id}`).count(), 0);
  await page.context().close();
});

test("an Excel workbook is checked and imported like its CSV, its date cells read as dates", async () => {
  // The rows as an officer's Excel saves them: shared strings, date cells,
  // number cells (support/xlsx_writer.hpp via tata_test_csv_to_xlsx).
  const rows = plain.slice(30, 33).map((r) => [...r]);
  for (const r of rows) r[col("nik")] = rekey(r[col("nik")]);
  const csv = path.join(demo.dir, "excel-sumber.csv");
  writeFileSync(csv, [header, ...rows.map((r) => r.join(","))].join("\n") + "\n");
  const name = "roster-excel.xlsx";
  const file = path.join(demo.dir, name);
  const converted = await run([csv, file], demo.dir, process.env.TATA_CSV_TO_XLSX);
  assert.equal(converted.code, 0, converted.stderr);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), "PK");

  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/impor");
  await page.getByLabel("Berkas roster (Excel atau CSV)").setInputFiles(file);
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByRole("heading", { name: `Pratinjau ${name}` }).waitFor({ timeout: 30_000 });
  assert.deepEqual(await shownCounts(page), { created: 3, updated: 0, unchanged: 0, rejected: 0, flagged: 0 });
  await page.getByTestId("import-now").click();
  await page.getByRole("heading", { name: `Hasil impor ${name}` }).waitFor({ timeout: 30_000 });
  const first = rows[0][col("nik")];
  const worker = (await apiAs(demo, "officer", "GET", `/workers/${first}`)).body;
  assert.equal(worker.data.nama, rows[0][col("nama")]);
  assert.equal(worker.data.tanggal_lahir, rows[0][col("tanggal_lahir")]);  // a date cell, read as the date
  assert.equal(worker.data.honor_bulanan, Number(rows[0][col("honor_bulanan")]));
  await checkPage(page);
  await screenshot(page, "import-xlsx");
  await page.context().close();
});

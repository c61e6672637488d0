// The admin page on a demo with its own copy of workflows/ and rules/: the
// loaded generation (workflows, plugins, the regency's rules), a reload
// refused for a broken file (the errors by file and line, the old generation
// still serving), the fix accepted, the regency's users with a new one
// added through the form (who can then log in), and the notification outbox
// with a message waiting for a mail server that is down (the demo's SMTP
// relay is a closed port).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs } from "./harness.mjs";

let demo, browser;
before(async () => {
  // Port 9 on this machine refuses: e-mail notifications wait and are retried.
  demo = await startDemo({ ownDefinitions: true, config: "smtp_host: 127.0.0.1\nsmtp_port: 9\nnotify_interval_seconds: 1\n" });
  browser = await launchBrowser();
});
// checkPage compares with window.innerWidth, which a mobile browser widens
// to fit content that overflows; the phone's own 360 px is the measure.
async function fitsPhone(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide on a 360px phone`);
}

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function adminPage(options = {}) {
  const page = await newPage(browser, demo, options);
  await login(page, "admin");
  await page.getByRole("link", { name: "Administrasi" }).click();
  await page.waitForURL((url) => url.pathname === "/admin");
  await page.getByTestId("tabel-prosedur").waitFor();
  await page.getByTestId("tabel-pengguna").waitFor();
  return page;
}

test("the admin sees the loaded generation as the API has it", async () => {
  const page = await adminPage();
  const { status, body: definitions } = await apiAs(demo, "admin", "GET", "/admin/definitions");
  assert.equal(status, 200);
  assert.equal(await page.getByTestId("generasi").textContent(), String(definitions.generation));
  const workflows = page.getByTestId("tabel-prosedur").locator("tbody tr");
  assert.equal(await workflows.count(), definitions.workflows.length);
  for (const w of definitions.workflows) {
    const row = workflows.filter({ hasText: w.id }).filter({ hasText: w.title });
    assert.equal(await row.count(), 1, w.id);
    assert.equal((await row.locator("td").first().textContent()).trim(), String(w.version), `${w.id} version`);
    assert.match(await row.textContent(), new RegExp(`workflows/${path.basename(w.file).replace(".", "\\.")}`));
  }
  const plugins = page.getByTestId("tabel-plugin").locator("tbody tr");
  assert.equal(await plugins.count(), definitions.plugins.length);
  for (const p of definitions.plugins) {
    const row = plugins.filter({ has: page.getByRole("rowheader", { name: p.name, exact: true }) });
    assert.match(await row.textContent(), new RegExp(p.version.replace(/\./g, "\\.")));
    for (const scorer of p.scorers) assert.match(await row.textContent(), new RegExp(scorer.replace(".", "\\.")));
  }
  const rules = page.getByTestId("aturan-daerah");
  assert.match(await rules.textContent(), /Kabupaten Kapuas/);
  assert.match(await rules.textContent(), /Rp 3\.473\.710/);
  assert.match(await rules.textContent(), /rules\/62\.03\/regency\.yaml/);

  const { body: users } = await apiAs(demo, "admin", "GET", "/admin/users");
  const userRows = page.getByTestId("tabel-pengguna").locator("tbody tr");
  assert.equal(await userRows.count(), users.users.length);
  assert.match(await userRows.filter({ hasText: "kadis.pendidikan" }).textContent(), /Kepala OPD.*Dinas Pendidikan/);
  await checkPage(page);
  await screenshot(page, "admin-desktop");
  await page.context().close();
});

test("a broken rules file is refused with its file and line; the old generation keeps serving; the fix is taken", async () => {
  const page = await adminPage();
  const before = Number(await page.getByTestId("generasi").textContent());
  const { body: beforeDefinitions } = await apiAs(demo, "admin", "GET", "/admin/definitions");
  assert.equal(beforeDefinitions.generation, before);

  // An unknown scorer in Kapuas's scorecard.
  const scorecard = path.join(demo.rules, "62.03", "prioritization.yaml");
  const good = readFileSync(scorecard, "utf8");
  const lines = good.split("\n");
  const line = lines.findIndex((l) => /scorer: kapuas\.keahlian/.test(l)) + 1;
  assert.ok(line > 0, "the scorecard names kapuas.keahlian");
  writeFileSync(scorecard, good.replace("scorer: kapuas.keahlian", "scorer: kapuas.tidak_ada"));

  await page.getByRole("button", { name: "Muat ulang definisi" }).click();
  const refusal = page.getByTestId("hasil-muat-ulang").getByRole("alert");
  await refusal.waitFor();
  const text = await refusal.textContent();
  assert.match(text, /Definisi baru ditolak/);
  assert.match(text, new RegExp(`rules/62\\.03/prioritization\\.yaml:${line}:\\d+`));
  assert.match(text, /kapuas\.tidak_ada/);
  assert.match(text, new RegExp(`Generasi ${before} tetap berlaku`));
  await checkPage(page);
  await screenshot(page, "admin-reload-refused");

  // The API still serves the old generation, and the page says so.
  const { body: definitions } = await apiAs(demo, "admin", "GET", "/admin/definitions");
  assert.equal(definitions.generation, before);
  assert.deepEqual(definitions.workflows, beforeDefinitions.workflows);
  assert.equal(await page.getByTestId("generasi").textContent(), String(before));
  assert.equal((await apiAs(demo, "officer", "GET", "/cases?workflow=grievance&per_page=1")).status, 200);

  // A YAML syntax error in a workflow is shown by file and line as well.
  writeFileSync(scorecard, good);
  const workflow = path.join(demo.workflows, "grievance.yaml");
  const workflowText = readFileSync(workflow, "utf8");
  writeFileSync(workflow, workflowText.replace(/^title: (.*)$/m, "title: [tidak ditutup"));
  await page.getByRole("button", { name: "Muat ulang definisi" }).click();
  await page.getByTestId("hasil-muat-ulang").getByText(/workflows\/grievance\.yaml:\d+:\d+/).waitFor();
  assert.match(await page.getByTestId("hasil-muat-ulang").textContent(), /YAML/);
  assert.equal((await apiAs(demo, "admin", "GET", "/admin/definitions")).body.generation, before);

  // Fixed: the reload is taken and the page shows the new generation.
  writeFileSync(workflow, workflowText);
  await page.getByRole("button", { name: "Muat ulang definisi" }).click();
  const success = page.getByTestId("hasil-muat-ulang").locator(".success");
  await success.waitFor();
  // The page shows the generation its reload installed; the server's file
  // watch may have installed another one since (it reloads changed files
  // by itself), never an older one.
  const shown = Number(/generasi (\d+) kini berlaku/.exec(await success.textContent())?.[1]);
  assert.ok(shown > before, `a new generation (${shown} after ${before})`);
  // The page's view of the serving generation is that one or, when the
  // file watch reloaded again meanwhile, a newer one.
  assert.ok(Number(await page.getByTestId("generasi").textContent()) >= shown, "the page shows the new generation");
  const serving = (await apiAs(demo, "admin", "GET", "/admin/definitions")).body.generation;
  assert.ok(serving >= shown, `the server serves generation ${serving}, not older than ${shown}`);
  await screenshot(page, "admin-reload-accepted");
  await page.context().close();
});

test("the admin adds a user through the form; the server's field errors are shown", async () => {
  const page = await adminPage({ phone: true });
  // An OPD head without an OPD: refused, the error next to the field.
  await page.getByLabel("Nama pengguna (wajib)").fill("kadis.kesehatan");
  await page.getByLabel("Peran (wajib)").selectOption("opd_head");
  await page.getByLabel("Kata sandi awal (wajib)").fill("kata-sandi-kuat-2025");
  await page.getByLabel("Kata sandi awal (wajib)").press("Enter");
  await page.locator("#pengguna-opd-galat").filter({ hasText: /\S/ }).waitFor();
  assert.equal(await page.getByLabel("OPD").getAttribute("aria-invalid"), "true");
  await page.getByRole("alert").filter({ hasText: "Isian tidak valid" }).waitFor();
  await checkPage(page);
  await fitsPhone(page);
  await screenshot(page, "admin-user-refused-phone");

  // An OPD spelled otherwise than the regency's list: refused, naming the listed one.
  await page.getByLabel("Kata sandi awal (wajib)").fill("kata-sandi-kuat-2025");
  await page.getByLabel("OPD").fill("Dinas kesehatan");
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await page.locator("#pengguna-opd-galat").filter({ hasText: "maksud Anda «Dinas Kesehatan»" }).waitFor();
  assert.equal(await page.locator("#daftar-opd option").count(), (await apiAs(demo, "admin", "GET", "/opd")).body.opd.length);

  await page.getByLabel("Kata sandi awal (wajib)").fill("kata-sandi-kuat-2025");
  await page.getByLabel("OPD").fill("Dinas Kesehatan");
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await page.getByText("Pengguna kadis.kesehatan (Kepala OPD) ditambahkan.").waitFor();
  const row = page.getByTestId("tabel-pengguna").locator("tbody tr", { hasText: "kadis.kesehatan" });
  await row.waitFor();
  assert.match(await row.textContent(), /Dinas Kesehatan/);
  // The new user can log in, as an OPD head.
  const answer = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "kadis.kesehatan", password: "kata-sandi-kuat-2025" }),
  });
  assert.equal(answer.status, 200);
  const session = await answer.json();
  assert.equal(session.user.role, "opd_head");
  assert.equal(session.user.opd, "Dinas Kesehatan");
  await checkPage(page);
  await fitsPhone(page);
  await screenshot(page, "admin-phone");
  await page.context().close();
});

test("the admin sees a notification waiting for the mail server, in words, with its tries", async () => {
  const contact = await apiAs(demo, "admin", "POST", "/admin/users/kadis.pendidikan/contact", { email: "kadis.pendidikan@kapuaskab.go.id" });
  assert.equal(contact.status, 200, JSON.stringify(contact.body));
  // An escalated file of the head's OPD goes back to them: a new task.
  const query = new URLSearchParams({ workflow: "verification", state: "eskalasi_bkpsdm", opd: "Dinas Pendidikan", per_page: "1" });
  const file = (await apiAs(demo, "officer", "GET", `/cases?${query}`)).body.items[0];
  const fired = await apiAs(demo, "officer", "POST", `/cases/${file.id}/outcomes/ingatkan_opd`, { input: {} });
  assert.equal(fired.status, 200, JSON.stringify(fired.body));
  // The server's own thread makes it and tries it within seconds.
  let entry;
  for (let i = 0; i < 100 && !entry?.attempts; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { body } = await apiAs(demo, "admin", "GET", "/admin/notifications?status=pending");
    entry = body.items.find((item) => item.case === file.id);
  }
  assert.ok(entry?.attempts >= 1, "the message was tried and waits");
  assert.equal(entry.recipient, "kadis.pendidikan");

  const page = await adminPage({ phone: true });
  await page.getByLabel("Tampilkan").selectOption("pending");
  const row = page.getByTestId("tabel-pemberitahuan").locator("tbody tr", { hasText: `berkas nomor ${file.id}` });
  await row.waitFor();
  const text = await row.textContent();
  assert.match(text, /kadis\.pendidikan/);
  assert.match(text, /Surel/);
  assert.match(text, /Menunggu; sudah dicoba \d+ kali/);
  assert.equal(await row.getByRole("link").getAttribute("href"), `/kasus/${file.id}`);
  // Nothing internal: no rule code, no channel code, no error text.
  const section = await page.locator("section", { has: page.getByRole("heading", { name: "Pemberitahuan" }) }).textContent();
  assert.doesNotMatch(section, /tugas_kepala_opd|email|SMTP|refused/i);
  await page.getByLabel("Tampilkan").selectOption("failed");
  await page.getByTestId("pemberitahuan-kosong").waitFor();
  await checkPage(page);
  await fitsPhone(page);
  await screenshot(page, "admin-notifications-phone");
  await page.context().close();
});

test("only the admin gets the admin page", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.goto("/admin");
  await page.waitForURL((url) => url.pathname === "/kotak-masuk");
  assert.equal((await apiAs(demo, "officer", "POST", "/admin/reload")).status, 403);
  await page.context().close();
});

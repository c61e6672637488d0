// What a role may not see, it does not see in the pages either: another
// role's pages send it home, and a case outside its scope reads "not found"
// with nothing of the case on the page (the API answers 404 for it).
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

const homes = { officer: "/kotak-masuk", opd_head: "/kotak-masuk", bkad: "/kotak-masuk", vendor: "/penyedia", worker: "/pekerja" };
const pages = ["/dasbor", "/admin", "/impor", "/peringkat", "/pengaduan", "/kepatuhan", "/perencanaan", "/penyedia", "/pekerja", "/kotak-masuk"];
const allowed = {
  officer: ["/dasbor", "/impor", "/peringkat", "/pengaduan", "/kepatuhan", "/perencanaan", "/kotak-masuk"],
  opd_head: ["/kotak-masuk"],
  bkad: ["/kotak-masuk"],
  vendor: ["/penyedia"],
  worker: ["/pekerja"],
};

test("a page of another role sends the user to their own home page", async () => {
  for (const [role, home] of Object.entries(homes)) {
    const page = await newPage(browser, demo);
    await login(page, role);
    for (const path of pages) {
      await page.goto(path);
      await page.getByTestId("who").waitFor();
      const expected = allowed[role].includes(path) ? path : home;
      assert.equal(new URL(page.url()).pathname, expected, `${role} opening ${path}`);
    }
    await page.context().close();
  }
});

test("a case outside the user's scope shows not found and nothing of it", async () => {
  // A verification file of another OPD than the OPD head's, and one of the
  // OPD head's own for contrast.
  const other = await apiAs(demo, "officer", "GET", `/cases?workflow=verification&opd=Dinas%20Kesehatan&per_page=1`);
  const own = await apiAs(demo, "opd_head", "GET", `/cases?per_page=1`);
  const foreign = other.body.items[0];
  assert.ok(foreign && own.body.items[0]);
  assert.equal((await apiAs(demo, "opd_head", "GET", `/cases/${foreign.id}`)).status, 404);

  for (const [role, phone] of [["opd_head", false], ["vendor", false], ["worker", true]]) {
    const page = await newPage(browser, demo, { phone });
    await login(page, role);
    await page.goto(`/kasus/${foreign.id}`);
    await page.getByRole("heading", { name: "Kasus tidak ditemukan" }).waitFor();
    const text = await page.locator("main").textContent();
    for (const secret of [foreign.nama, foreign.key]) assert.ok(!text.includes(secret), `${role} sees ${secret}`);
    await checkPage(page);
    await screenshot(page, `refused-case-${role}`);
    await page.context().close();
  }

  // The OPD head does see a file of their own OPD.
  const page = await newPage(browser, demo);
  await login(page, "opd_head");
  await page.goto(`/kasus/${own.body.items[0].id}`);
  await page.getByRole("heading", { name: own.body.items[0].nama }).waitFor();
  await page.context().close();
});

test("without a login every page asks for one, and comes back after it", async () => {
  const page = await newPage(browser, demo);
  await page.goto("/peringkat");
  await page.waitForURL(/\/masuk\?lanjut=/);
  await page.getByLabel("Nama pengguna").fill("rina");
  await page.getByLabel("Kata sandi").fill("demo-officer-2025");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(/\/peringkat$/);
  await page.context().close();
});

// Login for every role lands on the role's home page with its menu; a wrong
// password says so and stays; logout ends the session (the old page asks
// for a login again).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, users, apiAs } from "./harness.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const homes = { admin: "/dasbor", officer: "/kotak-masuk", opd_head: "/kotak-masuk", bkad: "/kotak-masuk", vendor: "/penyedia", worker: "/pekerja" };

test("every role logs in to its own home page", async () => {
  for (const [role, home] of Object.entries(homes)) {
    const page = await newPage(browser, demo);
    await login(page, role);
    assert.equal(new URL(page.url()).pathname, home, role);
    assert.match(await page.getByTestId("who").textContent(), new RegExp(users[role].username.replace(".", "\\.")));
    await page.context().close();
  }
});

test("a wrong password is refused with a message and no session", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await page.goto("/masuk");
  await page.getByLabel("Nama pengguna").fill("rina");
  await page.getByLabel("Kata sandi").fill("salah-sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("alert").waitFor();
  assert.equal(new URL(page.url()).pathname, "/masuk");
  await checkPage(page);
  await screenshot(page, "login-refused-phone");
  await page.context().close();
});

test("logout ends the session", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.getByRole("button", { name: "Keluar" }).click();
  await page.waitForURL(/\/masuk/);
  await page.goto("/kotak-masuk");
  await page.waitForURL(/\/masuk/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem("tata.session")), null);
  await page.context().close();
});

test("the session ends when its token expires, and when the server no longer knows the token", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  // The token's expiry as the server gave it, moved to five seconds from now.
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem("tata.session"));
    session.expires_at = new Date(Date.now() + 5000).toISOString();
    sessionStorage.setItem("tata.session", JSON.stringify(session));
  });
  await page.reload();
  await page.getByTestId("who").waitFor();
  await page.waitForURL(/\/masuk\?alasan=sesi/, { timeout: 10_000 });
  await page.getByText("Sesi Anda telah berakhir", { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("tata.session")), null);

  // A token logged out elsewhere: the next request answers 401 and the
  // page goes back to the login.
  await login(page, "officer");
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("tata.session")).token);
  const logout = await fetch(`${demo.url}/api/v1/auth/logout`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  assert.equal(logout.status, 204);
  await page.goto("/kotak-masuk");
  await page.waitForURL(/\/masuk\?alasan=sesi/, { timeout: 10_000 });
  await page.context().close();
});

test("a worker sets where notifications reach them: mistakes at the field, then saved and shown again", async () => {
  const page = await newPage(browser, demo, { phone: true });
  await login(page, "worker");
  await page.goto("/akun");
  await page.getByRole("heading", { name: "Kontak pemberitahuan" }).waitFor();
  await page.getByLabel("Alamat surel").fill("bukan alamat");
  await page.getByLabel("Nomor telepon").fill("12");
  await page.getByRole("button", { name: "Simpan kontak" }).click();
  await page.getByText("Tulis alamat surel lengkap", { exact: false }).waitFor();
  assert.match(await page.locator("#phone-galat").textContent(), /8 sampai 15 angka/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "email");
  const before = await apiAs(demo, "worker", "GET", "/me");
  assert.equal(before.status, 200);
  assert.equal(before.body.email, undefined, "nothing saved");

  await page.getByLabel("Alamat surel").fill("siti.rahayu@contoh.id");
  await page.getByLabel("Nomor telepon").fill("+6281234567890");
  await page.getByRole("button", { name: "Simpan kontak" }).click();
  // The page's own note (the announcer for screen readers says the same).
  await page.locator("p.success", { hasText: "Kontak disimpan" }).waitFor();
  assert.equal(await page.locator("#email-galat").textContent(), "");
  const saved = await apiAs(demo, "worker", "GET", "/me");
  assert.equal(saved.body.email, "siti.rahayu@contoh.id");
  assert.equal(saved.body.phone, "+6281234567890");
  await page.reload();
  await page.getByRole("heading", { name: "Kontak pemberitahuan" }).waitFor();
  assert.equal(await page.getByLabel("Alamat surel").inputValue(), "siti.rahayu@contoh.id");
  await checkPage(page);
  await screenshot(page, "account-contact-phone");
  await page.context().close();
});

// What every browser test needs: a real `tata demo` serving a fresh copy of
// the demo data and the built pages on 127.0.0.1 (port chosen by the
// system), Debian's Chromium driven by playwright-core, the demo users'
// logins, screenshots into the test output, and the page checks every
// page must pass (labels, no horizontal scrolling on a 360-px phone, no
// script errors).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, rmSync, existsSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { loadContract } from "./contract.mjs";

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(sourceDir, "web", "package.json"));
const { chromium } = require("playwright-core");

export const tataBinary = process.env.TATA_BINARY ?? path.join(sourceDir, "build", "tata");
export const webRoot = process.env.TATA_WEB_ROOT ?? path.join(sourceDir, "web", "dist");
export const outputDir = process.env.TATA_WEB_OUT ?? path.join(sourceDir, "build", "web-e2e");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

// The demo users `tata demo` creates (the passwords it prints).
export const users = {
  admin: { username: "admin.kapuas", password: "demo-admin-2025" },
  officer: { username: "rina", password: "demo-officer-2025" },
  opd_head: { username: "kadis.pendidikan", password: "demo-opd-2025" },
  supervisor: { username: "penilai.pendidikan", password: "demo-penilai-2025" },
  bkad: { username: "bkad.kapuas", password: "demo-bkad-2025" },
  vendor: { username: "pt.kapuas.bersih", password: "demo-vendor-2025" },
  worker: { username: "pekerja.demo", password: "demo-worker-2025" },
};

// Starts `tata demo` on a fresh database in a temporary folder and waits
// until it serves. When ctest built the demo's database once for every spec
// (TATA_DEMO_DB, the web.demo_data fixture: `tata demo --no-serve`), a copy of
// it is served with `tata serve` instead of running the whole demo again.
// Returns { url, dir, db, workflows, rules, tata(args), stop() }.
// With { ownDefinitions: true } it serves copies of workflows/ and rules/
// (in dir) that a test may edit, e.g. to see a reload refused.
// `config`: the text of a `--config` YAML file for the server (SMTP,
// intervals), written into the demo's folder.
export async function startDemo({ ownDefinitions = false, config = "" } = {}) {
  for (const [what, file] of [["tata", tataBinary], ["the built pages (npm run build in web/)", path.join(webRoot, "index.html")], ["Chromium", chromiumPath]])
    assert.ok(existsSync(file), `${what} not found at ${file}`);
  const dir = mkdtempSync(path.join(tmpdir(), "tata-web-"));
  const db = path.join(dir, "demo.db");
  const definitions = [];
  let workflows = path.join(sourceDir, "workflows");
  let rules = path.join(sourceDir, "rules");
  if (ownDefinitions) {
    workflows = path.join(dir, "workflows");
    rules = path.join(dir, "rules");
    cpSync(path.join(sourceDir, "workflows"), workflows, { recursive: true });
    cpSync(path.join(sourceDir, "rules"), rules, { recursive: true });
    definitions.push("--workflows", workflows, "--rules", rules);
  }
  const cached = process.env.TATA_DEMO_DB;
  const reuse = Boolean(cached) && existsSync(cached);
  if (reuse) {
    for (const suffix of ["", "-wal"]) if (existsSync(cached + suffix)) cpSync(cached + suffix, db + suffix);
    if (existsSync(`${cached}.dokumen`)) cpSync(`${cached}.dokumen`, `${db}.dokumen`, { recursive: true });
    if (existsSync(`${cached}.access-key`)) cpSync(`${cached}.access-key`, `${db}.access-key`);
  }
  const command = reuse ? "serve" : "demo";
  const args = [command, "--db", db, "--listen", "127.0.0.1", "--port", "0", "--web-root", webRoot, ...definitions];
  if (config) {
    writeFileSync(path.join(dir, "tata.yaml"), config);
    args.push("--config", path.join(dir, "tata.yaml"));
  }
  const child = spawn(tataBinary, args, {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  // `tata demo` prints the pages' address; `tata serve` logs where it listens.
  const ready = reuse ? /listening on (http:\/\/[^\s/]+)/ : /Web pages: (http:\/\/[^\s/]+)\//;
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tata ${command} did not serve within 60 s:\n${stdout}\n${stderr}`)), 60_000);
    const watch = () => {
      const match = ready.exec(reuse ? stderr : stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      watch();
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      watch();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tata ${command} ended (${code}) before serving:\n${stdout}\n${stderr}`));
    });
  });
  return {
    url,
    dir,
    db,
    workflows,
    rules,
    output: () => ({ stdout, stderr }),
    // Runs the tata command line on the demo database; resolves to {code, stdout, stderr}.
    tata: (args, input) => run(tataBinary, [...args, "--db", db, ...definitions], input),
    async stop() {
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        await ended;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(binary, args, input) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    // A command that reads no input may end before it is written: EPIPE
    // then is no error of the test's.
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

// Debian's Chromium, headless (no sandbox: CI runs as root).
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
}

// A new page at `demo.url`: a desktop screen, or a 360-px phone with
// { phone: true }. Uncaught script errors are collected in page.scriptErrors.
export async function newPage(browser, demo, { phone = false } = {}) {
  const context = await browser.newContext({
    baseURL: demo.url,
    viewport: phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    locale: "id-ID",
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.scriptErrors = [];
  page.on("pageerror", (error) => page.scriptErrors.push(String(error)));
  return page;
}

// Logs in through the login page as the demo user of `role` and waits for
// the role's home page.
export async function login(page, role) {
  const user = users[role];
  await page.goto("/masuk");
  await page.getByLabel("Nama pengguna").fill(user.username);
  await page.getByLabel("Kata sandi").fill(user.password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/masuk"));
  await page.getByTestId("who").waitFor();
}

// Saves a full-page screenshot as `name`.png in the test output.
export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: true });
}

// What every page must pass: every form control and button has a name a
// screen reader can say, images have alt text, exactly one h1, nothing wider
// than the screen (a 360-px phone scrolls only down), and no script errors.
export async function checkPage(page) {
  // The screen's width as the test set it: a phone browser widens its
  // window to fit content that spills over, so window.innerWidth would hide
  // the very overflow this looks for.
  const screenWidth = page.viewportSize().width;
  const problems = await page.evaluate((screenWidth) => {
    const found = [];
    const named = (el) => {
      if (el.getAttribute("aria-label")?.trim()) return true;
      const by = el.getAttribute("aria-labelledby");
      if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent.trim())) return true;
      if (el.labels && [...el.labels].some((l) => l.textContent.trim())) return true;
      if (el.getAttribute("title")?.trim()) return true;
      return false;
    };
    for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
      if (!named(el)) found.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name || el.id || el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll("button, a[href]")) {
      if (!el.textContent.trim() && !named(el)) found.push(`nameless ${el.tagName.toLowerCase()} ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll("img:not([alt])")) found.push(`img without alt ${el.src}`);
    const h1 = document.querySelectorAll("h1").length;
    if (h1 !== 1) found.push(`${h1} h1 headings`);
    const width = document.documentElement.scrollWidth;
    if (width > screenWidth + 1) found.push(`page is ${width}px wide on a ${screenWidth}px screen`);
    return found;
  }, screenWidth);
  assert.deepEqual([...problems, ...page.scriptErrors], [], `page ${page.url()} has problems`);
}

// A confirmation the person must see: it has the focus (a screen reader
// reads it) and lies wholly on the screen, wherever the button that led to
// it was (on a phone, far below).
export async function assertConfirmationInView(page, testId) {
  const where = await page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { focused: document.activeElement === el, top: box.top, bottom: box.bottom, height: window.innerHeight };
  });
  assert.ok(where.focused, `${testId} has the focus`);
  assert.ok(where.top >= 0 && where.bottom <= where.height, `${testId} on screen: ${JSON.stringify(where)}`);
}

// The token of the page's session (for API calls a test makes beside it).
export async function tokenOf(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem("tata.session") ?? "null")?.token ?? null);
}

// Calls the API at `demo.url` as `role` (logs in); resolves to { status, body },
// the body checked against its route's schema in /openapi.json (contract.mjs).
export async function apiAs(demo, role, method, apiPath, body) {
  const login = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(users[role]),
  });
  assert.equal(login.status, 200, `login as ${role}`);
  const { token } = await login.json();
  const answer = await fetch(`${demo.url}/api/v1${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* CSV or empty */
  }
  // Each answer of a route that names its schema must match it.
  if (answer.ok && typeof parsed === "object") {
    demo.contract ??= loadContract(demo.url);
    const mismatch = (await demo.contract).check(method, `/api/v1${apiPath}`, answer.status, parsed);
    assert.equal(mismatch, null);
  }
  return { status: answer.status, body: parsed };
}

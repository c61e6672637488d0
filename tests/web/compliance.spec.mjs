// The vendor compliance overview: the demo contract with its compliant June
// report; after the vendor sends the non-compliant example report, the
// overview shows the same findings and shortfalls as the API's answer and
// the contract on the sanction step the server chose.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startDemo, launchBrowser, newPage, login, screenshot, checkPage, apiAs, users, sourceDir } from "./harness.mjs";

const nonCompliantFile = path.join(sourceDir, "examples", "vendor", "kapuas-2025-06-tidak-patuh.csv");

let demo, browser, contractId;

before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  const { body } = await apiAs(demo, "officer", "GET", "/contracts");
  assert.ok(body.items.length > 0, "the demo has a contract");
  contractId = body.items[0].id;
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const rupiah = (n) => `Rp ${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(Math.round(n))}`;

async function openOverview(page) {
  await page.goto("/kepatuhan");
  await page.getByRole("heading", { level: 1, name: "Kepatuhan penyedia" }).waitFor();
  await page.getByTestId("contracts").waitFor();
  return page.locator(`[data-contract="${contractId}"]`);
}

test("the overview shows the demo contract with its vendor and its compliant report", async () => {
  const page = await newPage(browser, demo);
  await login(page, "officer");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Kepatuhan penyedia" }).click();
  await page.waitForURL("**/kepatuhan");
  const card = await openOverview(page);

  const { body: contract } = await apiAs(demo, "officer", "GET", `/cases/${contractId}`);
  const { body: reports } = await apiAs(demo, "officer", "GET", `/contracts/${contractId}/reports`);
  assert.ok(reports.reports.length > 0, "the demo contract has a report");
  const latest = reports.reports[0];
  assert.equal(latest.result.findings, 0, "the demo's report is the compliant one");

  assert.equal(await card.getByTestId("vendor-name").innerText(), contract.data.nama_penyedia);
  assert.ok((await card.getByTestId("contract-step").innerText()).includes(contract.state_title));
  assert.equal(await card.getByRole("link", { name: `Kontrak ${contract.data.nomor_kontrak}` }).getAttribute("href"), `/kasus/${contractId}`);
  const report = card.getByTestId("latest-report");
  assert.ok((await report.getByRole("heading").innerText()).includes(latest.periode));
  assert.ok((await report.getByTestId("report-verdict").innerText()).startsWith("Patuh"));
  assert.equal(await report.getByTestId("report-findings").innerText(), "0");
  assert.equal(await report.getByTestId("report-shortfall").innerText(), rupiah(0));
  await checkPage(page);
  await screenshot(page, "compliance-overview");
  await page.close();
});

test("after a non-compliant report the overview shows its findings per worker and the sanction step", async () => {
  // The demo's grievance opened a check on the contract: the officer closes
  // it without findings, so the contract waits for the next report.
  let { body: contract } = await apiAs(demo, "officer", "GET", `/cases/${contractId}`);
  if (contract.state === "pemeriksaan_laporan") {
    const closed = await apiAs(demo, "officer", "POST", `/cases/${contractId}/outcomes/hasil_pemeriksaan`, {
      input: { temuan: 0, pelanggaran_berat: false, rincian_temuan: "Pemeriksaan atas pengaduan: upah telah dibayar." },
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    contract = closed.body;
  }
  assert.equal(contract.state, "menunggu_laporan");

  // The vendor sends the non-compliant example, as its own client would.
  const vendorLogin = await fetch(`${demo.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(users.vendor),
  });
  const { token } = await vendorLogin.json();
  const sent = await fetch(`${demo.url}/api/v1/contracts/${contractId}/reports?name=juli-tidak-patuh.csv`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
    body: readFileSync(nonCompliantFile),
  });
  assert.equal(sent.status, 200);
  const answer = await sent.json();
  assert.ok(answer.findings.length > 0, "the example has findings");

  const page = await newPage(browser, demo);
  await login(page, "officer");
  const card = await openOverview(page);
  // The contract is on the step the server chose, marked not compliant.
  const step = await card.getByTestId("contract-step").innerText();
  assert.ok(step.includes(answer.case.state_title), `${step} names ${answer.case.state_title}`);
  assert.ok(step.includes("Tidak patuh"));
  assert.ok((await card.innerText()).includes(answer.case.open_tasks[0]?.title ?? answer.case.state_title));

  const report = card.getByTestId("latest-report");
  assert.equal(await report.getByTestId("report-findings").innerText(), String(answer.findings.length));
  assert.equal(await report.getByTestId("report-shortfall").innerText(), rupiah(answer.total_shortfall));

  // The findings per worker open on request, as the API found them.
  const table = report.getByTestId("findings");
  assert.equal(await table.isVisible(), false, "closed until asked for");
  await report.getByText(/Temuan per pekerja/).click();
  await table.waitFor();
  const rows = table.getByTestId("finding");
  assert.equal(await rows.count(), answer.findings.length);
  for (let i = 0; i < answer.findings.length; i++) {
    const finding = answer.findings[i];
    const rowText = await rows.nth(i).innerText();
    assert.ok(rowText.includes(finding.nik), `row ${i} has NIK ${finding.nik}`);
    if (finding.shortfall > 0) assert.equal(await rows.nth(i).getByTestId("shortfall").innerText(), rupiah(finding.shortfall));
  }
  await checkPage(page);
  await screenshot(page, "compliance-findings");
  await page.close();

  const phone = await newPage(browser, demo, { phone: true });
  await login(phone, "officer");
  const phoneCard = await openOverview(phone);
  await phoneCard.getByText(/Temuan per pekerja/).click();
  await phoneCard.getByTestId("findings").waitFor();
  await checkPage(phone);
  await screenshot(phone, "compliance-phone");
  await phone.close();
});

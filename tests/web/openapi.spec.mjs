// The API's contract as the server serves it: /openapi.json of the running
// demo linted with Redocly's lint engine (@redocly/openapi-core, the rules
// `redocly lint` applies with its `recommended` set): no error may stand.
// Warnings are printed: the document has no licence (the project chose
// none) and /healthz, /openapi.json have no 4XX answer to give. Then each
// route that names the schema of its answer is called and its answer
// checked against it (contract.mjs; every spec's apiAs checks the same).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { readFileSync } from "node:fs";
import { loadContract } from "./contract.mjs";
import { apiAs, startDemo, sourceDir, users } from "./harness.mjs";

const require = createRequire(path.join(sourceDir, "web", "package.json"));
const { createConfig, lintFromString } = require("@redocly/openapi-core");

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.stop();
});

test("/openapi.json passes Redocly's recommended rules without an error", async () => {
  const answer = await fetch(`${demo.url}/openapi.json`);
  assert.equal(answer.status, 200);
  const source = await answer.text();
  const document = JSON.parse(source);

  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
  const described = (p) => `${p.ruleId} at ${p.location?.[0]?.pointer ?? "?"}: ${p.message}`;
  for (const warning of problems.filter((p) => p.severity === "warn")) console.log(`warning: ${described(warning)}`);
  const errors = problems.filter((p) => p.severity === "error").map(described);
  assert.deepEqual(errors, []);

  // operationIds are unique and URL-safe, one per method and path.
  const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  assert.ok(ids.length >= 70, `${ids.length} operations: the routes are missing`);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z]+\/[A-Za-z0-9_.\/-]+$/);
});

test("each route that names its answer's schema answers as it says", async () => {
  const contract = await loadContract(demo.url);
  const covered = new Set();
  const expect = async (role, method, apiPath, body) => {
    const answer = await apiAs(demo, role, method, apiPath, body);  // checked against the schema there
    assert.ok(answer.status >= 200 && answer.status < 300, `${method} ${apiPath}: ${answer.status}`);
    assert.ok(contract.covers(method, `/api/v1${apiPath}`, answer.status), `${method} ${apiPath} names no schema`);
    covered.add(`${method} ${apiPath.split("?")[0].replace(/\/\d+/g, "/{n}")}`);
    return answer.body;
  };
  const raw = async (method, apiPath, role, init) => {
    const login = await (await fetch(`${demo.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(users[role]),
    })).json();
    assert.equal(contract.check("POST", "/api/v1/auth/login", 200, login), null);
    const answer = await fetch(`${demo.url}/api/v1${apiPath}`, {
      method,
      ...init,
      headers: { Authorization: `Bearer ${login.token}`, ...(init?.headers ?? {}) },
    });
    const body = await answer.json();
    assert.equal(contract.check(method, `/api/v1${apiPath}`, answer.status, body), null);
    return { status: answer.status, body };
  };

  await expect("admin", "GET", "/me");
  const page = await expect("officer", "GET", "/cases?workflow=verification&states=true&per_page=5");
  await expect("officer", "GET", "/cases?sort=deadline&per_page=5");
  const first = page.items[0];
  await expect("officer", "GET", `/cases/${first.id}`);
  await expect("officer", "GET", `/workers/${first.key}`);
  await expect("officer", "GET", "/tasks?per_page=5&urut=terbaru");

  // A roster of one row, previewed, imported, listed and its undo previewed.
  const roster = readFileSync(path.join(sourceDir, "examples", "data", "kapuas-roster.csv"), "utf8").split("\n");
  const csv = `${roster[0]}\n${roster[1].replace(/,1575000,/, ",1590000,")}\n`;
  const send = (query) => raw("POST", `/workers/import?name=satu.csv${query}`, "officer", { body: csv, headers: { "Content-Type": "text/csv" } });
  assert.equal((await send("&pratinjau=true")).status, 200);
  const imported = await send("");
  assert.equal(imported.status, 200);
  assert.ok(imported.body.batch > 0);
  const imports = await expect("officer", "GET", "/workers/imports");
  assert.equal(imports.items[0].id, imported.body.batch);
  await expect("officer", "POST", `/workers/imports/${imported.body.batch}/undo?pratinjau=true`);
  assert.ok(covered.size >= 7);
});

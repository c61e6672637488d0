// The API's contract as the server serves it: /openapi.json of the running
// demo linted with Redocly's lint engine (@redocly/openapi-core, the rules
// `redocly lint` applies with its `recommended` set): no error may stand.
// Warnings are printed: the document has no licence (the project chose
// none) and /healthz, /openapi.json have no 4XX answer to give.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { startDemo, sourceDir } from "./harness.mjs";

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

// web/src/generated/api.ts is what the API's OpenAPI description makes of
// its answers today: regenerated from `tata openapi` into a scratch file and
// compared. A schema changed on the server without `bash scripts/api-types`
// fails here (and the pages' type check then tells what a change broke).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sourceDir, tataBinary } from "./harness.mjs";

test("the web pages' API types are generated from the current OpenAPI description", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tata-api-types-"));
  try {
    const document = path.join(dir, "openapi.json");
    writeFileSync(document, execFileSync(tataBinary, ["openapi"], { cwd: sourceDir }));
    const generated = path.join(dir, "api.ts");
    execFileSync(process.execPath, [path.join(sourceDir, "web", "tools", "api-types.mjs"), document, generated]);
    const committed = readFileSync(path.join(sourceDir, "web", "src", "generated", "api.ts"), "utf8");
    assert.ok(
      readFileSync(generated, "utf8") === committed,
      "web/src/generated/api.ts is out of date: run `bash scripts/api-types` and commit it",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The API's answers checked against its contract: /openapi.json of the
// server under test, whose routes name the JSON Schema of their success
// (components.schemas, server/api/response_schemas.cpp). Every answer a
// browser test reads through apiAs (harness.mjs) is validated when its route
// names one, so the document cannot drift from what the server sends.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const pointer = (text) => text.replaceAll("~", "~0").replaceAll("/", "~1");

// A checker for the server at `url`: check(method, path, status, body)
// returns null, or what is wrong ("GET /api/v1/tasks 200: /items/0 must …").
export async function loadContract(url) {
  const document = await (await fetch(`${url}/openapi.json`)).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi");
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    segments: template.split("/").filter(Boolean),
  }));
  const validators = new Map();

  // The most specific template for a path (literal segments before
  // parameters), as the server's router picks it.
  function templateOf(apiPath) {
    const segments = apiPath.split("/").filter(Boolean);
    let best = null;
    let bestLiterals = -1;
    for (const { template, segments: pattern } of templates) {
      if (pattern.length !== segments.length) continue;
      let literals = 0;
      const same = pattern.every((p, i) => (p.startsWith("{") ? true : (literals++, p === segments[i])));
      if (same && literals > bestLiterals) {
        best = template;
        bestLiterals = literals;
      }
    }
    return best;
  }

  function validator(method, template, status) {
    const key = `${method} ${template} ${status}`;
    if (!validators.has(key)) {
      const schema = document.paths[template]?.[method]?.responses?.[status]?.content?.["application/json"]?.schema;
      const ref = `openapi#/paths/${pointer(template)}/${method}/responses/${status}/content/application~1json/schema`;
      validators.set(key, schema ? ajv.compile({ $ref: ref }) : null);
    }
    return validators.get(key);
  }

  return {
    document,
    // Whether the route names the schema of this answer.
    covers(method, apiPath, status) {
      const template = templateOf(apiPath.split("?")[0]);
      return Boolean(template && validator(method.toLowerCase(), template, String(status)));
    },
    check(method, apiPath, status, body) {
      const template = templateOf(apiPath.split("?")[0]);
      if (!template) return `${method} ${apiPath}: no such route in /openapi.json`;
      const validate = validator(method.toLowerCase(), template, String(status));
      if (!validate || validate(body)) return null;
      const errors = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
      return `${method} ${apiPath} ${status} does not match its schema in /openapi.json: ${errors}`;
    },
  };
}

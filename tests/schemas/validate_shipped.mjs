// Every shipped YAML file validates against the JSON Schema of its kind
// (workflows, regencies, holidays, scorecards, formasi, ABK, the fiscal
// model, scenarios, decision tables, notifications, letters) with a real validator (Ajv, draft 2020-12, formats checked), so the
// schemas that editors offer regency admins never contradict what Tata
// ships. And each schema refuses a known mistake, so a schema that accepts
// anything cannot pass.
//
//   node tests/schemas/validate_shipped.mjs     (ctest: schemas.shipped)
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The validators are dev packages of web/ (web/package.json).
const require = createRequire(path.join(root, "web/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const YAML = require("yaml");

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const schema = (name) => ajv.compile(JSON.parse(fs.readFileSync(path.join(root, "schemas", name), "utf8")));

const yamlFiles = (dir, test) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((f) => test(f)).map((f) => path.join(dir, f))
    : [];

// Each kind's shipped files, and mistakes a schema must refuse: changes to
// the first of them, so that everything else in the document is valid.
const kinds = [
  {
    schema: "workflow.schema.json",
    files: [
      path.join(root, "workflows/verification.yaml"),
      ...yamlFiles(path.join(root, "workflows"), (f) => f.endsWith(".yaml") && f !== "verification.yaml"),
      path.join(root, "examples/plugin-out-of-tree/workflow.yaml"),
    ],
    mistakes: {
      "a role no user can have": (d) => { d.states.tinjauan_manual.role = "kepala_desa"; },
      "a field check without a bound": (d) => {
        const check = d.states.pemeriksaan_otomatis.actions.find((a) => a.with?.min_setting);
        delete check.with.min_setting;
      },
      "a refusal without its message": (d) => {
        d.states.tinjauan_manual.outcomes.coba = { refuse: [{ when: "true", field: "catatan" }], to: "ditolak" };
      },
      "an empty label of a stored value": (d) => { d.labels.values.sumber_gaji.apbd = ""; },
      "an unknown kind of labels": (d) => { d.labels.states = { konfirmasi_opd: "Konfirmasi" }; },
      "an option without its value": (d) => {
        d.states.tinjauan_manual.form.jenis = { type: "choice", options: [{ label: "Tanpa nilai" }] };
      },
      "a bound named by a number": (d) => {
        d.states.pemeriksaan_otomatis.actions.find((a) => a.with?.min_setting).with.min_setting = 2;
      },
    },
  },
  {
    schema: "regency.schema.json",
    files: yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "regency.yaml"),
    mistakes: { "a code that is not NN.NN": (d) => { d.code = "6203"; } },
  },
  {
    schema: "holidays.schema.json",
    files: [path.join(root, "rules/nasional/hari-libur.yaml")],
    mistakes: { "a date that is not one": (d) => { d.holidays[0].date = "1 Januari 2025"; } },
  },
  {
    schema: "prioritization.schema.json",
    files: [
      path.join(root, "rules/62.03/prioritization.yaml"),
      ...yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "prioritization.yaml" && !f.startsWith("62.03")),
    ],
    mistakes: {
      "an unknown key in a rule": (d) => { d.rules[0].weight = 15; },
      "a tie-break order that is neither asc nor desc": (d) => { d.tie_breaks[0].order = "descending"; },
      "a scorer rule with points": (d) => { d.rules.find((r) => r.scorer).points = 10; },
    },
  },
  {
    schema: "formasi.schema.json",
    files: yamlFiles(path.join(root, "rules"), (f) => /^formasi.*\.yaml$/.test(path.basename(f)) && !f.split(path.sep).includes("skenario")),
    mistakes: {
      "an unknown key in a formasi": (d) => { d.formasi[0].unit_kerja = "RSUD"; },
      "a jenis that is not cpns, pppk or pppk_paruh_waktu": (d) => { d.formasi[0].jenis = "honorer"; },
      "a count that is not whole": (d) => { d.formasi[0].jumlah = 2.5; },
    },
  },
  {
    schema: "abk.schema.json",
    files: yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "abk.yaml"),
    mistakes: {
      "an unknown key in a jabatan": (d) => { d.opd[0].jabatan[0].asn = 5; },
      "a negative staff count": (d) => { d.opd[0].jabatan[0].pns = -1; },
    },
  },
  {
    schema: "fiscal.schema.json",
    files: yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "fiscal.yaml"),
    mistakes: {
      "an unknown part-time wage": (d) => { d.paruh_waktu.upah = "maksimal"; },
      "a negative management fee": (d) => { d.alih_daya.fee_persen = -10; },
    },
  },
  {
    schema: "scenario.schema.json",
    files: [
      path.join(root, "rules/62.03/skenario/abk-paruh-waktu-umk.yaml"),
      ...yamlFiles(path.join(root, "rules"), (f) =>
        f.split(path.sep).includes("skenario") && f.endsWith(".yaml") && path.basename(f) !== "abk-paruh-waktu-umk.yaml"),
    ],
    mistakes: {
      "a rest the other workers cannot get": (d) => { d.sisa.lainnya = "pppk_paruh_waktu"; },
      "a negative minimum of years": (d) => { d.min_masa_kerja = -1; },
    },
  },
  {
    schema: "notifications.schema.json",
    files: [
      path.join(root, "rules/62.03/notifications.yaml"),
      ...yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "notifications.yaml" && !f.startsWith("62.03")),
    ],
    mistakes: {
      "an unknown moment": (d) => { d.notifications[0].when = "kadang"; },
      "a deadline without its working days": (d) => { d.notifications[0].when = "deadline"; },
      "roles for a worker's notification": (d) => { d.notifications.find((n) => n.to === "worker").roles = ["officer"]; },
      "a subject of two lines": (d) => { d.notifications[0].subject = "satu\ndua"; },
      "a channel that is not plugin.channel": (d) => { d.notifications[0].channels = ["whatsapp"]; },
      "a digest without its body": (d) => { delete d.notifications[0].digest.body; },
    },
  },
  {
    schema: "letters.schema.json",
    files: [
      path.join(root, "rules/62.03/letters.yaml"),
      ...yamlFiles(path.join(root, "rules"), (f) => path.basename(f) === "letters.yaml" && !f.startsWith("62.03")),
    ],
    mistakes: {
      "a role that does not exist": (d) => { d.letters[0].roles = ["camat"]; },
      "a heading of two lines": (d) => { d.letters[0].heading = "satu\ndua"; },
      "a letter without its signature": (d) => { delete d.letters[0].signature; },
      "an id that is not a code": (d) => { d.letters[0].id = "Surat Satu"; },
    },
  },
  {
    schema: "decision_table.schema.json",
    files: yamlFiles(path.join(root, "rules"), (f) => f.split(path.sep).includes("keputusan") && f.endsWith(".yaml")),
    mistakes: { "an unknown hit policy": (d) => { d.hit_policy = "any"; } },
  },
];

let failures = 0;
// A new kind of file shipped without a schema fails here.
const covered = new Set(kinds.flatMap((kind) => kind.files));
for (const dir of ["rules", "workflows"])
  for (const file of yamlFiles(path.join(root, dir), (f) => /\.ya?ml$/.test(f)))
    if (!covered.has(file)) {
      console.error(`FAIL ${path.relative(root, file)}: no schema validates this kind of file`);
      failures++;
    }
for (const kind of kinds) {
  const validate = schema(kind.schema);
  if (kind.files.length === 0) {
    console.error(`${kind.schema}: no shipped file found`);
    failures++;
  }
  for (const file of kind.files) {
    const where = path.relative(root, file);
    let document;
    try {
      document = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`${where}: not YAML: ${error.message}`);
      failures++;
      continue;
    }
    if (validate(document)) {
      console.log(`ok   ${where} (${kind.schema})`);
    } else {
      failures++;
      console.error(`FAIL ${where} (${kind.schema})`);
      for (const e of validate.errors) console.error(`     ${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  const first = kind.files.length ? YAML.parse(fs.readFileSync(kind.files[0], "utf8")) : {};
  for (const [mistake, make] of Object.entries(kind.mistakes)) {
    const document = structuredClone(first);
    make(document);
    if (validate(document)) {
      failures++;
      console.error(`FAIL ${kind.schema} accepts ${mistake}`);
    } else {
      console.log(`ok   ${kind.schema} refuses ${mistake}`);
    }
  }
}
if (failures) {
  console.error(`${failures} problem(s)`);
  process.exit(1);
}

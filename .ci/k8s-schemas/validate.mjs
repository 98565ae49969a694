// Checks rendered Kubernetes manifests, the alert rules and the Grafana dashboard (called by .ci/k8s-validate).
//   node validate.mjs manifests FILE...        every object against its API schema, unknown fields included
//   node validate.mjs rules PROMETHEUSRULE OUT writes the rule groups of a PrometheusRule for promtool
//   node validate.mjs dashboard JSON OUT       checks the dashboard's shape; writes its queries as rules for promtool
// Schemas: kubernetes-models (the Kubernetes 1.34 OpenAPI, as JSON Schema: types, required fields,
// formats, enums), @kubernetes/client-node's models (the same API's field names: unknown fields) and
// @kubernetes-models/prometheus-operator (the ServiceMonitor and PrometheusRule CRDs' own schemas;
// their field names, for unknown fields, read from the models' type declarations).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";
import * as clientModels from "@kubernetes/client-node";

export const KUBERNETES_VERSION = "1.34";

function readDocuments(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  return docs.filter((d) => d.contents !== null).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join("; ")}`);
    return d.toJS();
  });
}

// kubernetes-models' module for an apiVersion: "v1" -> kubernetes-models/v1, "apps/v1" -> kubernetes-models/apps/v1
async function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group === "monitoring.coreos.com"
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${group ? `${group}/` : ""}${version}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

// @kubernetes/client-node's model for a built-in kind: apps/v1 Deployment -> V1Deployment
function clientModel(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  return clientModels[version[0].toUpperCase() + version.slice(1) + kind];
}

const SCALARS = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);

// Every field of the object must be one its type declares; recurses through arrays and maps.
function unknownFields(value, type, path, found) {
  if (value === null || value === undefined || SCALARS.has(type)) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, m[1], `${path}/${i}`, found));
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    for (const [k, v] of Object.entries(value)) unknownFields(v, m[1], `${path}/${k}`, found);
    return;
  }
  const model = clientModels[type];
  if (!model?.attributeTypeMap || typeof value !== "object") return;
  const attributes = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attributes.has(k)) found.push(`${path}/${k}: unknown field (not in ${type})`);
    else unknownFields(v, attributes.get(k), `${path}/${k}`, found);
  }
}

// A CRD model's fields, from its type declaration: the class block's `"field"?: Type;` lines.
const CRD_MODELS = fileURLToPath(new URL("./node_modules/@kubernetes-models/prometheus-operator/", import.meta.url));
const declarations = new Map();
function crdDeclaration(file) {
  if (!declarations.has(file)) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const imports = new Map([...text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)].map(([, name, from]) =>
      [name, from.startsWith(".") ? resolve(dirname(file), from.replace(/\.js$/, ".d.ts")) : from]));
    const block = /^export declare class \w+ extends Model<[^\n]*\{\n([\s\S]*?)^\}/m.exec(text)?.[1];
    const fields = block && new Map([...block.matchAll(/^ {4}"([^"]+)"\??: (.*?);?$/gm)].map(([, name, type]) => [name, type]));
    declarations.set(file, { imports, fields });
  }
  return declarations.get(file);
}

function crdUnknownFields(value, file, path, found) {
  const { imports, fields } = crdDeclaration(file);
  if (!fields || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) {
      found.push(`${path}/${k}: unknown field (not in ${file.slice(CRD_MODELS.length)})`);
      continue;
    }
    const m = /^(Array<)?(I\w+)>?$/.exec(fields.get(k));
    const target = m && imports.get(m[2]);
    if (!target) continue;
    const items = m[1] ? (Array.isArray(v) ? v : []) : [v];
    items.forEach((item, i) => {
      const where = m[1] ? `${path}/${k}/${i}` : `${path}/${k}`;
      if (target.startsWith("/")) crdUnknownFields(item, target, where, found);
      else {
        // a built-in type (ObjectMeta, LabelSelector, SecretKeySelector): client-node's model
        const name = /(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(m[2]);
        if (name && clientModels[name[1] + name[2]]) unknownFields(item, name[1] + name[2], where, found);
      }
    });
  }
}

async function manifests(...files) {
  const errors = [];
  const crdNotes = new Set();
  let count = 0;
  for (const file of files) {
    for (const doc of readDocuments(file)) {
      count++;
      const name = `${file}: ${doc?.kind} ${doc?.metadata?.namespace ?? ""}/${doc?.metadata?.name}`;
      if (!doc?.apiVersion || !doc?.kind) {
        errors.push(`${name}: no apiVersion or kind`);
        continue;
      }
      const Model = await modelClass(doc.apiVersion, doc.kind);
      if (!Model) {
        errors.push(`${name}: no schema for ${doc.apiVersion} ${doc.kind} in Kubernetes ${KUBERNETES_VERSION} or the known CRDs`);
        continue;
      }
      try {
        new Model(doc).validate();
      } catch (e) {
        errors.push(`${name}: ${e.message}`);
      }
      const client = clientModel(doc.apiVersion, doc.kind);
      if (client) {
        const found = [];
        unknownFields(doc, client.name, "", found);
        errors.push(...found.map((f) => `${name}: ${f}`));
      } else if (doc.apiVersion.startsWith("monitoring.coreos.com/")) {
        const found = [];
        crdUnknownFields(doc, `${CRD_MODELS}${doc.apiVersion}/${doc.kind}.d.ts`, "", found);
        errors.push(...found.map((f) => `${name}: ${f}`));
      } else {
        crdNotes.add(`${doc.apiVersion} ${doc.kind}`);
      }
      console.log(`  ${errors.some((e) => e.startsWith(name)) ? "FAIL" : "ok  "} ${name}`);
    }
  }
  for (const crd of crdNotes) {
    console.log(`  note: ${crd} checked against its schema only; unknown fields are not detected for it`);
  }
  console.log(`${count} objects checked against Kubernetes ${KUBERNETES_VERSION}, ${errors.length} errors`);
  return errors;
}

async function rules(file, out) {
  const [rule] = readDocuments(file);
  if (rule?.kind !== "PrometheusRule" || !Array.isArray(rule.spec?.groups)) {
    return [`${file}: not a PrometheusRule with spec.groups`];
  }
  writeFileSync(out, stringify({ groups: rule.spec.groups }));
  return [];
}

// Grafana's template variables, replaced by something PromQL parses, so promtool can check each query.
const GRAFANA_VARIABLES = [[/\$__rate_interval|\$__interval|\$__range/g, "5m"], [/\$\{?(partner|service|datasource)\}?/g, ".*"]];
const PANEL_TYPES = new Set(["row", "timeseries", "stat", "gauge", "table", "bargauge", "state-timeline", "text"]);

async function dashboard(file, out) {
  const errors = [];
  let d;
  try {
    d = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return [`${file}: not JSON: ${e.message}`];
  }
  for (const field of ["uid", "title", "schemaVersion", "panels", "templating", "time"]) {
    if (d[field] === undefined) errors.push(`${file}: no ${field}`);
  }
  const variables = new Map((d.templating?.list ?? []).map((v) => [v.name, v]));
  if (variables.get("datasource")?.type !== "datasource") errors.push(`${file}: no datasource variable`);
  const ids = new Set();
  const cells = new Map();
  const queries = [];
  for (const p of d.panels ?? []) {
    const where = `${file}: panel ${p.id} "${p.title}"`;
    if (!Number.isInteger(p.id) || ids.has(p.id)) errors.push(`${where}: id missing or not unique`);
    ids.add(p.id);
    if (!PANEL_TYPES.has(p.type)) errors.push(`${where}: unknown type ${p.type}`);
    if (!p.title) errors.push(`${where}: no title`);
    const g = p.gridPos;
    if (!g || ![g.h, g.w, g.x, g.y].every(Number.isInteger) || g.x + g.w > 24) {
      errors.push(`${where}: gridPos missing or wider than 24`);
      continue;
    }
    for (let x = g.x; x < g.x + g.w; x++) {
      for (let y = g.y; y < g.y + g.h; y++) {
        if (cells.has(`${x},${y}`)) errors.push(`${where}: overlaps panel ${cells.get(`${x},${y}`)}`);
        cells.set(`${x},${y}`, p.id);
      }
    }
    if (p.type === "row" || p.type === "text") continue;
    if (p.datasource?.uid !== "${datasource}") errors.push(`${where}: datasource is not \${datasource}`);
    if (!p.targets?.length) errors.push(`${where}: no queries`);
    for (const t of p.targets ?? []) {
      if (!t.refId || !t.expr) errors.push(`${where}: query without refId or expr`);
      else queries.push({ record: `dashboard:panel_${p.id}_${t.refId}`, expr: t.expr, where });
    }
  }
  for (const v of variables.values()) {
    if (v.type === "query") queries.push({ record: `dashboard:variable_${v.name}`, expr: variableExpr(v.query?.query ?? ""), where: `variable ${v.name}` });
  }
  const groups = [{ name: "dashboard", rules: queries.map((q) => ({ record: q.record,
    expr: GRAFANA_VARIABLES.reduce((e, [re, to]) => e.replace(re, to), q.expr) })) }];
  writeFileSync(out, stringify({ groups }));
  console.log(`${file}: ${ids.size} panels, ${queries.length} queries written for promtool, ${errors.length} errors`);
  return errors;
}

// label_values(metric{...}, label) -> metric{...}
function variableExpr(query) {
  const m = /^label_values\((.*),\s*\w+\)$/.exec(query.trim());
  return m ? m[1] : query;
}

const [command, ...args] = process.argv.slice(2);
const commands = { manifests, rules, dashboard };
if (!commands[command]) {
  console.error("usage: validate.mjs manifests FILE... | rules FILE OUT | dashboard FILE OUT");
  process.exit(2);
}
const errors = await commands[command](...args);
for (const e of errors) console.error(`  ERROR ${e}`);
process.exit(errors.length ? 1 : 0);

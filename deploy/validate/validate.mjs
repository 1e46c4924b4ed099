// Validates rendered manifests (a multi-document YAML file, as `kubectl kustomize` prints it) against
// the schemas of kubernetes-models (core Kubernetes), Strimzi (kafka.strimzi.io/v1), CloudNativePG
// (postgresql.cnpg.io/v1) and the Prometheus operator (monitoring.coreos.com/v1), then applies the
// platform's own rules that a schema cannot express (ajv catches missing required fields, wrong
// types and bad enums, not unknown fields).
//
//   node validate.mjs <rendered.yaml> [<label>]
//
// Exits 1 and prints every problem when anything is wrong.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file, label = file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node validate.mjs <rendered.yaml> [label]");
  process.exit(2);
}

// apiVersion -> module holding one class per kind
const MODULES = {
  "kafka.strimzi.io/v1": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1",
  "postgresql.cnpg.io/v1": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};
function moduleFor(apiVersion) {
  if (MODULES[apiVersion]) return MODULES[apiVersion];
  // core group ("v1") and the built-in groups ("apps/v1", "networking.k8s.io/v1", ...)
  return `kubernetes-models/${apiVersion}`;
}

const problems = [];
const docs = parseAllDocuments(readFileSync(file, "utf8"))
  .map((d) => {
    if (d.errors.length) problems.push(`YAML: ${d.errors.map((e) => e.message).join("; ")}`);
    return d.toJS();
  })
  .filter((d) => d != null);

const counts = {};
for (const doc of docs) {
  const id = `${doc.kind}/${doc.metadata?.name}`;
  let Kind;
  try {
    Kind = (await import(moduleFor(doc.apiVersion)))[doc.kind];
  } catch {
    Kind = undefined;
  }
  if (!Kind) {
    problems.push(`${id}: no schema for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Kind(doc).validate();
    counts[`${doc.apiVersion} ${doc.kind}`] = (counts[`${doc.apiVersion} ${doc.kind}`] ?? 0) + 1;
  } catch (e) {
    problems.push(`${id}: ${e.message}`);
  }
}

// --- the platform's own rules -------------------------------------------------------------------
const of = (kind) => docs.filter((d) => d.kind === kind);
const rule = (ok, message) => { if (!ok) problems.push(message); };

for (const s of of("Secret")) {
  problems.push(`Secret/${s.metadata.name}: secrets are created with kubectl, never rendered from the repository`);
}

for (const kc of of("KafkaConnect")) {
  const id = `KafkaConnect/${kc.metadata.name}`;
  rule(kc.metadata.annotations?.["strimzi.io/use-connector-resources"] === "true",
    `${id}: needs annotation strimzi.io/use-connector-resources: "true"`);
  for (const key of Object.keys(kc.spec?.config ?? {})) {
    rule(!/^(group\.id|(config|offset|status)\.storage\.topic)$|interceptor\.classes$/.test(key),
      `${id}: spec.config must not set ${key} (Strimzi v1 forbids it)`);
  }
}

for (const c of of("KafkaConnector")) {
  const id = `KafkaConnector/${c.metadata.name}`;
  const cfg = c.spec?.config ?? {};
  rule(cfg["plugin.name"] === "pgoutput", `${id}: plugin.name must be pgoutput`);
  rule(cfg["snapshot.mode"] === "no_data", `${id}: snapshot.mode must be no_data`);
  rule(cfg["slot.name"] === `ponte_outbox_${cfg["database.dbname"]}`, `${id}: slot.name must be ponte_outbox_<db>`);
  rule(cfg["publication.name"] === cfg["slot.name"], `${id}: publication.name must equal slot.name`);
  rule(/^\$\{[a-z]+:/.test(String(cfg["database.password"])), `${id}: database.password must come from a config provider`);
  rule(c.metadata.labels?.["strimzi.io/cluster"], `${id}: needs label strimzi.io/cluster`);
}

const tags = new Set();
for (const d of of("Deployment")) {
  const id = `Deployment/${d.metadata.name}`;
  const pod = d.spec.template.spec;
  rule(pod.securityContext?.runAsNonRoot === true, `${id}: pod securityContext.runAsNonRoot must be true`);
  for (const c of pod.containers) {
    const sc = c.securityContext ?? {};
    rule(sc.readOnlyRootFilesystem === true, `${id}/${c.name}: readOnlyRootFilesystem must be true`);
    rule(sc.allowPrivilegeEscalation === false, `${id}/${c.name}: allowPrivilegeEscalation must be false`);
    rule(JSON.stringify(sc.capabilities?.drop) === '["ALL"]', `${id}/${c.name}: capabilities must drop ALL`);
    rule(c.livenessProbe?.httpGet?.path === "/q/health/live", `${id}/${c.name}: livenessProbe on /q/health/live`);
    rule(c.readinessProbe?.httpGet?.path === "/q/health/ready", `${id}/${c.name}: readinessProbe on /q/health/ready`);
    rule(c.startupProbe, `${id}/${c.name}: needs a startupProbe`);
    rule(c.resources?.requests && c.resources?.limits, `${id}/${c.name}: needs resource requests and limits`);
    rule((c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp"), `${id}/${c.name}: needs a writable /tmp`);
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
    for (const e of c.env ?? []) {
      rule(!/PASSWORD|SECRET|MASTER_KEY|TOKEN/.test(e.name) || e.valueFrom?.secretKeyRef,
        `${id}/${c.name}: ${e.name} must come from a Secret`);
    }
    if (d.metadata.labels?.["ponte.io/outbox"] === "true") {
      rule(env.PONTE_OUTBOX_RELAY_ENABLED?.value === "false",
        `${id}/${c.name}: PONTE_OUTBOX_RELAY_ENABLED must be "false" (Kafka Connect relays the outbox)`);
    }
    const m = /^ghcr\.io\/ponte\/[a-z-]+:(.+)$/.exec(c.image);
    rule(m, `${id}/${c.name}: image ${c.image} is not ghcr.io/ponte/<service>:<version>`);
    if (m) tags.add(m[1]);
  }
}
rule(tags.size <= 1, `the services run different versions: ${[...tags].join(", ")} (one version for all)`);

if (problems.length) {
  console.error(`${label}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`${label}: ${docs.length} resources valid (${Object.entries(counts).map(([k, v]) => `${v} ${k.split(" ")[1]}`).join(", ")})`);

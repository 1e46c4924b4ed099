// Derives docker-compose's inputs from the Kubernetes manifests, so there is one hand-maintained
// source (deploy/base/kafka/):
//   deploy/compose/connectors/<name>.json   each KafkaConnector's config, as Kafka Connect's REST API
//                                           takes it (PUT /connectors/<name>/config)
//   deploy/compose/topics.txt               each KafkaTopic: name, partitions, config (one line each)
// Only what differs between the two is rewritten: the database host and where the credentials come
// from (Kafka's EnvVarConfigProvider over the connect container's environment, set from .env).
//
//   node compose-sources.mjs <out-dir>      (deploy/compose/gen-sources runs it; deploy/check
//                                            fails when the committed files are stale)
import { readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const kafkaDir = join(dirname(fileURLToPath(import.meta.url)), "..", "base", "kafka");
const out = process.argv[2];
if (!out) {
  console.error("usage: node compose-sources.mjs <out-dir>");
  process.exit(2);
}
const read = (f) => parseAllDocuments(readFileSync(join(kafkaDir, f), "utf8")).map((d) => d.toJS()).filter(Boolean);

const COMPOSE = {
  "database.hostname": "postgres",
  "database.port": 5432,
  "database.user": "${env:DEBEZIUM_DB_USER}",
  "database.password": "${env:DEBEZIUM_DB_PASSWORD}",
};

rmSync(join(out, "connectors"), { recursive: true, force: true });
mkdirSync(join(out, "connectors"), { recursive: true });
for (const c of read("connectors.yaml").filter((d) => d.kind === "KafkaConnector")) {
  const config = {
    "connector.class": c.spec.class,
    "tasks.max": String(c.spec.tasksMax),
    ...Object.fromEntries(Object.entries(c.spec.config).map(([k, v]) => [k, String(COMPOSE[k] ?? v)])),
  };
  writeFileSync(join(out, "connectors", `${c.metadata.name}.json`), JSON.stringify(config, null, 2) + "\n");
}

const topics = read("topics.yaml").filter((d) => d.kind === "KafkaTopic").map((t) => {
  // compose has one broker: replication factor 1, min.insync.replicas 1
  const config = { ...t.spec.config, "min.insync.replicas": 1 };
  return [t.spec.topicName, t.spec.partitions, Object.entries(config).map(([k, v]) => `${k}=${v}`).join(",")].join(" ");
});
writeFileSync(join(out, "topics.txt"),
  "# generated from deploy/base/kafka/topics.yaml by deploy/compose/gen-sources: <topic> <partitions> <config>\n" +
  topics.join("\n") + "\n");

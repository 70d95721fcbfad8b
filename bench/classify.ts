/**
 * The classifier's speed and the classify-mentions function's cold start:
 *   throughput   mentions classified per second on one core (labelled mentions, each with its school),
 *                after a warm-up; target ≥ 5,000/s
 *   bundle       functions/classify-mentions.ts built exactly as deployed (the CDK construct's esbuild
 *                options, infra/constructs/bundling.ts: minified ESM, AWS SDK included); target ≤ 1.5 MB
 *   init         module initialisation: a fresh `node` process importing that bundle (median of 7);
 *                target ≤ 150 ms. The classifier itself (rules, model) loads on the first mention, timed
 *                separately as "first mention".
 *
 *   npx tsx bench/classify.ts      (also part of `npm run bench`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { esbuildBuildOptions } from '../infra/constructs/bundling';
import { classifyMention } from '../shared/classification/engine/classifier';
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { bundledModel } from '../shared/classification/model/load';
import { NO_SCHOOL } from '../shared/classification/school';
import { readLabelled, readSchools } from '../scripts/classification/labelled';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const row = (name: string, value: string, target: string) => console.log(`${name.padEnd(40)}${value.padStart(14)}   ${target}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Throughput: one core, the labelled mentions (or a few fixed ones when the set is absent).
const schools = readSchools();
const rows = [...readLabelled('dev'), ...readLabelled('test')];
const corpus = rows.length
  ? rows.map((r) => ({ text: r.text, school: schools.get(r.school) ?? NO_SCHOOL }))
  : ['ill k1ll u mr lloyd 🔪', 'Year 11 absolutely killed it at the 10k', 'Still waiting on a reply from the SENCO'].map((text) => ({ text, school: NO_SCHOOL }));
const startedCompile = performance.now();
const resources = buildResources(defaultRuleSet(), { model: bundledModel() });
const compileMs = performance.now() - startedCompile;
for (const m of corpus) classifyMention(resources, m.school, m.text);
const target = 30_000;
let done = 0;
let flagged = 0;
const started = performance.now();
while (done < target) {
  for (const m of corpus) {
    if (classifyMention(resources, m.school, m.text).flagged) flagged++;
    if (++done >= target) break;
  }
}
const seconds = (performance.now() - started) / 1000;
const averageLength = Math.round(corpus.reduce((n, m) => n + m.text.length, 0) / corpus.length);

// Cold start: bundle the function as Lambda would and time a fresh process importing it.
const out = mkdtempSync(path.join(tmpdir(), 'classify-bench-'));
const outfile = path.join(root, '.local', `classify-mentions-${process.pid}.mjs`);
let bundleBytes = 0;
const inits: number[] = [];
try {
  await build({ ...esbuildBuildOptions(path.join(root, 'functions/classify-mentions.ts'), outfile), absWorkingDir: root, logLevel: 'silent' });
  bundleBytes = statSync(outfile).size;
  const probe = path.join(out, 'probe.mjs');
  writeFileSync(
    probe,
    `const t = process.hrtime.bigint(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`,
  );
  const env = {
    ...process.env,
    TABLE_NAME: 'bench',
    ALERT_QUEUE_URL: 'http://127.0.0.1:9/queue/alerts',
    AWS_REGION: 'eu-west-2',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  for (let i = 0; i < 7; i++) {
    const result = spawnSync(process.execPath, [probe], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`bundle failed to load: ${result.stderr}`);
    inits.push(Number(result.stdout));
  }
} finally {
  rmSync(out, { recursive: true, force: true });
  rmSync(outfile, { force: true });
  rmSync(`${outfile}.map`, { force: true });
}

console.log(`node ${process.version}; ${corpus.length} distinct mentions (average ${averageLength} characters), ${resources.rules.ruleCount} rules\n`);
row('measure', 'value', 'target');
row('throughput, one core', `${Math.round(done / seconds).toLocaleString('en-GB')}/s`, '>= 5,000/s');
row('  mean time per mention', `${((seconds * 1e6) / done).toFixed(0)} µs`, '');
row('  share flagged', `${((flagged / done) * 100).toFixed(1)}%`, '');
row('bundle classify-mentions (as deployed)', `${(bundleBytes / 1024 / 1024).toFixed(2)} MB`, '<= 1.5 MB');
row('module initialisation (median of 7)', `${median(inits).toFixed(0)} ms`, '<= 150 ms');
row('  fastest / slowest', `${Math.min(...inits).toFixed(0)} / ${Math.max(...inits).toFixed(0)} ms`, '');
row('first mention: compile rules + model', `${compileMs.toFixed(0)} ms`, '(once per container)');

/**
 * Bundle size of every function, built with the exact esbuild options the CDK construct uses
 * (infra/constructs/bundling.ts). Prints the minified ES module, its source map, an estimate of the
 * deployed zip, and the heaviest packages in it. Fails (exit 1) when a bundle is above 2 MB.
 *
 *   npx tsx bench/bundles.ts        (also part of `npm run bench`)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS, MAX_BUNDLE_BYTES, esbuildBuildOptions } from '../infra/constructs/bundling';
import { FUNCTIONS } from '../shared/platform/resources';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'bundles-'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);

/** Bytes each npm package (or "(our code)") contributes to the output. */
const heaviest = (metafile: Metafile, outfile: string, top = 3): string => {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(path.basename(outfile)))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const name = match ? match[1]! : '(our code)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
};

let failures = 0;
try {
  console.log(`esbuild: ${BUNDLE_OPTIONS.format}, target ${BUNDLE_OPTIONS.target}, minify, external source map; limit ${kb(MAX_BUNDLE_BYTES).trim()} per bundle\n`);
  console.log(`${'function'.padEnd(20)}${'bundle'.padStart(10)}${'map'.padStart(10)}${'zip≈'.padStart(10)}${'build'.padStart(9)}  heaviest packages`);
  for (const fn of Object.values(FUNCTIONS)) {
    const entry = path.join(root, fn.entry);
    if (!existsSync(entry)) {
      console.log(`${fn.name.padEnd(20)}SKIP: ${fn.entry} does not exist yet`);
      continue;
    }
    const outfile = path.join(out, fn.name, BUNDLE_OPTIONS.outFileName);
    const started = performance.now();
    const result = await build({ ...esbuildBuildOptions(entry, outfile), absWorkingDir: root });
    const ms = performance.now() - started;
    const js = readFileSync(outfile);
    const map = readFileSync(`${outfile}.map`);
    const zipped = deflateRawSync(js).length + deflateRawSync(map).length;
    const verdict = js.length > MAX_BUNDLE_BYTES ? '  FAIL: above 2 MB' : '';
    if (verdict) failures++;
    console.log(
      `${fn.name.padEnd(20)}${kb(js.length)}${kb(map.length)}${kb(zipped)}${`${ms.toFixed(0)} ms`.padStart(9)}  ${heaviest(result.metafile!, outfile)}${verdict}`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures) {
  console.log(`\nFAIL: ${failures} bundle(s) above ${MAX_BUNDLE_BYTES} bytes`);
  process.exit(1);
}
console.log('\nOK: every bundle is under 2 MB');

/**
 * The esbuild options every Lambda bundle is built with. The CDK construct (monitored-function.ts)
 * and the bundle-size benchmark (bench/bundles.ts) both read them from here, so the sizes the bench
 * prints are the sizes that get deployed. Plain data: no CDK import, so the bench stays light.
 */

/** Node 22 is the Lambda runtime; esbuild lowers syntax to what it supports. */
export const BUNDLE_TARGET = 'node22';

/**
 * Some dependencies are CommonJS and call `require` (rss-parser, natural's submodules, iconv-lite).
 * An ESM bundle has no `require`, so the banner gives it one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const BUNDLE_OPTIONS = {
  target: BUNDLE_TARGET,
  platform: 'node',
  format: 'esm',
  /** ESM output must be .mjs for Lambda to load it as a module (the CDK names it index.mjs). */
  outFileName: 'index.mjs',
  minify: true,
  /** External .map file; NODE_OPTIONS=--enable-source-maps maps stack traces back to the .ts source. */
  sourcemap: true,
  /** Stack traces need file/line mappings only, not the sources: keeps the .map small. */
  sourcesContent: false,
  banner: ESM_REQUIRE_BANNER,
  /** Prefer packages' ESM builds so esbuild can tree-shake them. */
  mainFields: ['module', 'main'],
  /**
   * Nothing is external: the AWS SDK v3 clients are bundled at the versions pinned in package.json
   * (and exercised by the integration tests) rather than whatever version the runtime ships.
   */
  external: [] as string[],
} as const;

/** The same options in the shape of esbuild's JS API (used by bench/bundles.ts). */
export const esbuildBuildOptions = (entry: string, outfile: string) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  target: BUNDLE_OPTIONS.target,
  platform: BUNDLE_OPTIONS.platform,
  format: BUNDLE_OPTIONS.format,
  minify: BUNDLE_OPTIONS.minify,
  sourcemap: BUNDLE_OPTIONS.sourcemap,
  sourcesContent: BUNDLE_OPTIONS.sourcesContent,
  banner: { js: BUNDLE_OPTIONS.banner },
  mainFields: [...BUNDLE_OPTIONS.mainFields],
  external: [...BUNDLE_OPTIONS.external],
  logLevel: 'warning' as const,
  metafile: true,
});

/** Lambda's limit is 250 MB unzipped, but cold start grows with bundle size: we hold each under 2 MB. */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;

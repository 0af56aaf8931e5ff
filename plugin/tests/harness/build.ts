import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const HARNESS_DIST = path.resolve(__dirname, 'dist');

/** Bundles the harness page (React, @grafana/ui and the panel) with esbuild into `tests/harness/dist`. */
export async function buildHarness(): Promise<string> {
  mkdirSync(HARNESS_DIST, { recursive: true });
  const runtimeStub = path.resolve(__dirname, 'runtime-stub.tsx');
  await build({
    entryPoints: [path.resolve(__dirname, 'index.tsx')],
    bundle: true,
    outfile: path.join(HARNESS_DIST, 'harness.js'),
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: false,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.css': 'empty' },
    plugins: [
      {
        name: 'grafana-runtime-stub',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^@grafana\/runtime$/ }, () => ({ path: runtimeStub }));
        },
      },
    ],
  });
  writeFileSync(
    path.join(HARNESS_DIST, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>gdlens panel harness</title></head><body><div id="root"></div><script src="harness.js"></script></body></html>\n'
  );
  return HARNESS_DIST;
}

// Bundle src/ into one CommonJS file, dist/mkube.cjs, that bin/mkube.cjs runs through a V8 code
// cache. Measured on this project: an ESM bundle split in chunks spends ~10 ms more in Node's ESM
// loader and in compiling than one cached CJS script, and start-up time is a feature.
// dockerode stays external and is only required by commands and the agent when they need Docker;
// @peculiar/x509 (and its ASN.1 stack) too, only required when the agent first makes its PKI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

// commander requires node:child_process (and with it node:net) at load, only for executable
// subcommands, which mkube has none of: load it when first touched instead (~3.5 ms per start).
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander')
        ? { path: 'child_process', namespace: 'lazy-cp' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-cp' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// Build beside the bundle and rename over it: tests and agents running meanwhile never see a
// half-written or missing file. Anything else in dist/ is left from older layouts.
mkdirSync('dist', { recursive: true });
for (const f of readdirSync('dist'))
  if (!f.startsWith('mkube.cjs')) rmSync(join('dist', f), { recursive: true, force: true });
const tmp = `dist/.mkube-${process.pid}.cjs`;

await build({
  entryPoints: ['src/cli.ts'],
  outfile: tmp,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['dockerode', 'cpu-features', 'ssh2', '@peculiar/x509'],
  // The few modules that locate files from import.meta.url get this file's URL.
  define: { 'import.meta.url': '__mkubeFileUrl' },
  banner: { js: "const __mkubeFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller source: less to read and hash at every start. Names stay, for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});

renameSync(tmp, 'dist/mkube.cjs');
rmSync('dist/mkube.cjs.v8cache', { force: true });

// Warm the code cache with the commands whose start-up matters most (`get`; `apply` then `wait`,
// as scripts run them), on an empty home with no agent: ~7 ms off each `apply`.
const home = mkdtempSync(join(tmpdir(), 'mkube-build-'));
spawnSync(process.execPath, ['scripts/warm-code-cache.cjs'], {
  env: { ...process.env, MKUBE_HOME: home, MKUBE_NO_AUTOSTART: '1' },
  stdio: 'ignore',
});
rmSync(home, { recursive: true, force: true });

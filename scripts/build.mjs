// Bundle src/ into dist/ so the CLI loads one file at start-up (start-up time is a feature).
// dockerode stays external and is only imported by commands and the agent when they need Docker.
import { build } from 'esbuild';

await build({
  entryPoints: { mkube: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['dockerode', 'cpu-features', 'ssh2'],
  // CommonJS dependencies inside an ESM bundle need a real `require`.
  banner: {
    js: "import { createRequire as __mkubeRequire } from 'node:module'; const require = __mkubeRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

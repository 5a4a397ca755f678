#!/usr/bin/env node
// Launcher only: runs the bundle built from src/ through a V8 code cache, so a command
// starts without parsing or compiling mkube again (Node 20 has no module compile cache).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'mkube.cjs');
let source;
try {
  source = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write('error: mkube is not built; run `npm run build` (or scripts/setup.sh) first\n');
  process.exit(1);
}
const cacheFiles = [
  `${file}.v8cache`,
  path.join(os.tmpdir(), `mkube-${Buffer.from(file).toString('hex').slice(-32)}.v8cache`),
];
let cachedData;
for (const f of cacheFiles) {
  try {
    cachedData = fs.readFileSync(f);
    break;
  } catch {}
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));

mod.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cachedData && !script.cachedDataRejected) return;
  // First run (or a rebuilt bundle): keep what V8 compiled for the next start.
  const data = script.createCachedData();
  for (const f of cacheFiles) {
    try {
      const tmp = `${f}.${process.pid}`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, f);
      return;
    } catch {}
  }
});

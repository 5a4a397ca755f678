// Writes dist/mkube.cjs.v8cache after running the commands whose start-up a script feels most
// (`get`, `apply`, `wait`) in one process, so the cache holds all their compiled code; the
// launcher (bin/mkube.cjs) makes the same vm.Script and only reads the cache. Run by build.mjs
// with MKUBE_HOME set to an empty temporary home and MKUBE_NO_AUTOSTART=1 (no agent starts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'mkube.cjs');
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));

const pod = path.join(process.env.MKUBE_HOME, 'warm-pod.yaml');
fs.writeFileSync(
  pod,
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: warm\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n',
);

(async () => {
  for (const argv of [
    ['get', 'pods'],
    ['apply', '-f', pod],
    ['wait', '--for=condition=Ready', 'pod/warm', '--timeout=1ms'],
  ])
    await mod.exports.main(argv);
  process.exitCode = 0;
  fs.writeFileSync(`${file}.v8cache`, script.createCachedData());
})();

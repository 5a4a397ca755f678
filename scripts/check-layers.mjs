#!/usr/bin/env node
// The import rule of ../shared/ARCHITECTURE.md, checked on every test run: imports go one way
// (down the layers below), no import cycles, and only the registry (and the two places that
// construct it) may touch the store's writer. A small scanner of our own: dependency-cruiser
// parses TypeScript through the `typescript` package's JS API, which TypeScript 7 no longer has.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lower ranks are lower layers; a module may import its own layer's modules or lower ones. */
export const RANKS = {
  util: 0,
  api: 1,
  state: 2,
  runtime: 2,
  // Printers format what they are given; they never read the state themselves.
  printers: 2,
  // kustomize builds objects from files (api's patch, printers' YAML); commands print or apply them.
  kustomize: 3,
  registry: 3,
  controllers: 4,
  kubelet: 4,
  network: 4,
  apiserver: 5,
  agent: 6,
  commands: 7,
  cli: 8,
};

/** Who may import the store's writer (openStore, the Store type): the registry and its two makers. */
export const WRITER_ALLOWED = [/^registry\//, /^state\//, /^agent\/daemon\.ts$/, /^commands\/context\.ts$/];

/** Relative imports of a module (static, dynamic, type-only and re-exports). */
export function importsOf(text) {
  const out = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm))
    out.push(m[1]);
  return out;
}

/** Whether the module imports the store's writer rather than only its reader. */
export function importsWriter(text) {
  if (/from\s+'[./]*state\/store\.js'/.test(text)) return true;
  for (const m of text.matchAll(/import\s+type\s*\{([^}]*)\}\s*from\s*'[./]*state\/types\.js'/g)) {
    if (/(^|[\s,])Store([\s,]|$)/.test(m[1])) return true;
  }
  return false;
}

export const layerOf = (file) => {
  const parts = file.split('/');
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '');
};

/** Problems in a graph of `src`-relative module paths -> imported module paths. */
export function checkGraph(graph, writers = new Set()) {
  const problems = [];
  for (const [from, deps] of graph) {
    const a = layerOf(from);
    for (const to of deps) {
      const b = layerOf(to);
      if (a === b) continue;
      if (!(a in RANKS) || !(b in RANKS)) problems.push(`${from} -> ${to}: layer not in the rule`);
      else if (RANKS[b] >= RANKS[a]) problems.push(`${from} -> ${to}: ${a} may not import ${b}`);
    }
  }
  for (const file of writers) {
    if (!WRITER_ALLOWED.some((re) => re.test(file)))
      problems.push(
        `${file}: only the registry writes the store (import StoreReader, write through the registry)`,
      );
  }
  for (const cycle of cyclesOf(graph)) problems.push(`import cycle: ${cycle.join(' -> ')}`);
  return problems;
}

/** Strongly connected components with more than one module (Tarjan), each sorted. */
export function cyclesOf(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function scan(srcDir) {
  const graph = new Map();
  const writers = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const from = relative(srcDir, path);
        const deps = importsOf(text).map((spec) =>
          relative(srcDir, resolve(dirname(path), spec)).replace(/\.js$/, '.ts'),
        );
        graph.set(from, deps);
        if (importsWriter(text)) writers.add(from);
      }
    }
  };
  walk(srcDir);
  return { graph, writers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
  const { graph, writers } = scan(src);
  const problems = checkGraph(graph, writers);
  for (const p of problems) console.error(`check-layers: ${p}`);
  if (problems.length) process.exit(1);
  console.log(`check-layers: ${graph.size} modules, imports go one way, no cycles`);
}

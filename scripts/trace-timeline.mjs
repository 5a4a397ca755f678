#!/usr/bin/env node
// Print the MKUBE_TRACE=1 trace of a home as one timeline of every process (the agent and each CLI
// command), ordered by when each event began, in ms since the first shown event; then a summary of
// where the time went (count, total and longest per kind of event).
//   node scripts/trace-timeline.mjs [$MKUBE_HOME | trace.log] [--from REGEX] [--grep REGEX] [--summary]
// --from: start the clock at the first event matching REGEX (e.g. --from 'cli.*start scale').
// --grep: show only events matching REGEX. --summary: the summary only.
// The line format is written by src/util/trace.ts: wall ms, ms since process start, pid,
// component, category, message, duration ms (or -), tab-separated.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One trace line as an event, or undefined for a line that is not one (torn, foreign). */
export function parseTraceLine(line) {
  const f = line.split('\t');
  if (f.length !== 7) return undefined;
  const wallMs = Number(f[0]);
  const monoMs = Number(f[1]);
  const durationMs = f[6] === '-' ? undefined : Number(f[6]);
  if (!Number.isFinite(wallMs) || !Number.isFinite(monoMs) || Number.isNaN(durationMs)) return undefined;
  const end = wallMs;
  const start = durationMs === undefined ? end : end - durationMs;
  return {
    start,
    end,
    monoMs,
    pid: Number(f[2]),
    component: f[3],
    category: f[4],
    message: f[5],
    durationMs,
  };
}

/** Events of a trace file's text, by start time (the order they were written breaks ties). */
export function parseTrace(text) {
  return text
    .split('\n')
    .map(parseTraceLine)
    .filter((e) => e !== undefined)
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i)
    .map(({ i: _i, ...e }) => e);
}

/** The kind of an event, for the summary: its message with ids, numbers and names made generic. */
export function operationOf(e) {
  const m = e.message;
  // An id or a name after /containers/ or /images/ (but not the collection's own verbs).
  if (e.category === 'docker')
    return m.replace(/\/(containers|images)\/(?!json\b|create\b)[^/ ]+(?=\/)/g, '/$1/<id>');
  if (e.category === 'store') return m.split(' rv=')[0].replace(/ \S+$/, '');
  if (e.category === 'watch') return m.split(' ').slice(0, 2).join(' ');
  if (e.category === 'kubelet')
    return m.startsWith('plan') ? `plan ${m.split(' ').slice(2).join(' ')}` : m.split(' ')[0];
  if (e.category === 'controller')
    return m.replace(/ (reconcile|woken for) \S+/, ' $1').replace(/ by \S+$/, '');
  return m;
}

const ms = (x) => x.toFixed(1).padStart(8);

/** The timeline's lines: `+start  duration  component[pid]  category  message`. */
export function formatTimeline(events, { from, grep } = {}) {
  const origin = from ? events.find((e) => from.test(`${e.category} ${e.message}`)) : events[0];
  if (!origin) return [];
  const shown = events.filter(
    (e) => e.start >= origin.start && (!grep || grep.test(`${e.category} ${e.message}`)),
  );
  return shown.map(
    (e) =>
      `${ms(e.start - origin.start)}  ${e.durationMs === undefined ? '        ' : ms(e.durationMs)}  ${`${e.component}[${e.pid}]`.padEnd(14)} ${e.category.padEnd(10)} ${e.message}`,
  );
}

/** Per kind of event: how many, their total and longest duration; longest total first. */
export function summarize(events) {
  const rows = new Map();
  for (const e of events) {
    const key = `${e.category.padEnd(10)} ${operationOf(e)}`;
    const row = rows.get(key) ?? { key, count: 0, total: 0, max: 0 };
    row.count++;
    row.total += e.durationMs ?? 0;
    row.max = Math.max(row.max, e.durationMs ?? 0);
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) => b.total - a.total || b.count - a.count || (a.key < b.key ? -1 : 1),
  );
  const lines = ['   count  total ms    max ms  event'];
  for (const r of sorted) lines.push(`${String(r.count).padStart(8)} ${ms(r.total)}  ${ms(r.max)}  ${r.key}`);
  if (events.length) {
    const span = events.reduce((m, e) => Math.max(m, e.end), 0) - events[0].start;
    lines.push(`span: ${span.toFixed(1)} ms from the first event to the last`);
  }
  return lines;
}

function main(argv) {
  const args = [...argv];
  const take = (flag) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const from = take('--from');
  const grep = take('--grep');
  const summaryOnly = args.includes('--summary');
  const target = args.find((a) => !a.startsWith('--')) ?? process.env.MKUBE_HOME;
  if (!target) {
    process.stderr.write(
      'usage: node scripts/trace-timeline.mjs [$MKUBE_HOME | trace.log] [--from REGEX] [--grep REGEX] [--summary]\n',
    );
    return 2;
  }
  const file = statSync(target).isDirectory() ? join(target, 'trace.log') : target;
  const events = parseTrace(readFileSync(file, 'utf8'));
  const fromRe = from ? new RegExp(from) : undefined;
  const origin = fromRe ? events.find((e) => fromRe.test(`${e.category} ${e.message}`)) : events[0];
  const window = origin ? events.filter((e) => e.start >= origin.start) : [];
  const out = [];
  if (!summaryOnly)
    out.push(...formatTimeline(events, { from: fromRe, grep: grep ? new RegExp(grep) : undefined }), '');
  out.push(...summarize(window));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));

// Where the agent's resource metrics live between scrapes: one small JSON file in the home,
// replaced whole after every scrape. Metrics are not API objects (metrics-server keeps them in
// memory and serves them as an aggregated API), so they stay out of the store and its journal.
// The file exists while an agent samples: no file means "Metrics API not available".
import { join } from 'node:path';
import type { MetricsSnapshot } from '../api/metrics.js';
import { readJsonSync, unlinkQuiet, writeFileAtomicSync } from './fsio.js';

export const metricsPath = (home: string): string => join(home, 'metrics.json');

export function writeMetrics(home: string, snapshot: MetricsSnapshot): void {
  // Rewritten every scrape and worthless after a crash: no fsync.
  writeFileAtomicSync(metricsPath(home), JSON.stringify(snapshot), 0o600, false);
}

export function readMetrics(home: string): MetricsSnapshot | undefined {
  try {
    return readJsonSync<MetricsSnapshot>(metricsPath(home));
  } catch {
    return undefined;
  }
}

export function removeMetrics(home: string): void {
  unlinkQuiet(metricsPath(home));
}

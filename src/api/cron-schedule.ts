// CronJob schedules through croner: standard 5-field patterns and the @hourly-style macros, in
// an IANA time zone (UTC when none). The API server's checks at write: `TZ=`/`CRON_TZ=` in the
// schedule is refused (spec.timeZone says it), an unknown zone is refused.
import { Cron } from 'croner';

/** A parsed schedule, or the parse error's text. */
export function parseSchedule(schedule: string, timeZone?: string): Cron | { error: string } {
  try {
    return new Cron(schedule.trim(), {
      mode: '5-part',
      timezone: timeZone || 'UTC',
      paused: true,
      legacyMode: true,
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** True for an IANA zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return !/^(local)$/i.test(tz);
  } catch {
    return false;
  }
}

/** Schedule times strictly after `from` and at or before `to` (ms), at most `limit` of them. */
export function scheduleTimesBetween(cron: Cron, from: number, to: number, limit: number): number[] {
  const out: number[] = [];
  let t = cron.nextRun(new Date(from));
  while (t && t.getTime() <= to && out.length < limit) {
    out.push(t.getTime());
    t = cron.nextRun(t);
  }
  return out;
}

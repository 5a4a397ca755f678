// CronJob spec checks of the API server (ValidateCronJobSpec): the schedule parses as 5 fields
// or a macro and carries no TZ=, the time zone is a real IANA zone, the policy is known.
import { isValidTimeZone, parseSchedule } from './cron-schedule.js';
import type { FieldError } from './field-errors.js';
import type { KObject } from './types.js';

export function validateCronJobSpec(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  const schedule: string | undefined = spec.schedule;
  const tz: string | undefined = spec.timeZone ?? undefined;
  const path = (f: string) => ['spec', f];
  if (schedule) {
    if (schedule.includes('TZ')) {
      errs.push({
        type: 'Invalid',
        path: path('schedule'),
        value: schedule,
        detail:
          tz !== undefined
            ? 'cannot use both timeZone field and TZ or CRON_TZ in schedule'
            : 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      });
    } else {
      const fields = schedule.trim().split(/\s+/);
      const parsed = parseSchedule(schedule);
      if (!schedule.trim().startsWith('@') && fields.length !== 5) {
        errs.push({
          type: 'Invalid',
          path: path('schedule'),
          value: schedule,
          detail: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`,
        });
      } else if ('error' in parsed) {
        errs.push({ type: 'Invalid', path: path('schedule'), value: schedule, detail: parsed.error });
      }
    }
  }
  if (tz !== undefined) {
    if (tz === '') {
      errs.push({
        type: 'Invalid',
        path: path('timeZone'),
        value: tz,
        detail: 'timeZone must be nil or non-empty string',
      });
    } else if (/^local$/i.test(tz)) {
      errs.push({
        type: 'Invalid',
        path: path('timeZone'),
        value: tz,
        detail: 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      });
    } else if (!isValidTimeZone(tz)) {
      errs.push({ type: 'Invalid', path: path('timeZone'), value: tz, detail: `unknown time zone ${tz}` });
    }
  }
  return errs;
}

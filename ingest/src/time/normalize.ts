/**
 * Timestamp normalisation for derived date fields. AWS and third-party pipelines hand us the
 * same instant in several spellings; the documents carry one: ISO 8601, UTC, milliseconds.
 */

// Date, optional time (`T` or a space, as Panther writes it), any fraction length (CloudTrail
// Lake and Panther use nanoseconds), and an optional zone. No zone means UTC: every AWS form
// without a zone is UTC.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// Below this an epoch number is taken as seconds (GuardDuty's additionalInfo uses seconds);
// 1e11 ms is 1973 and 1e11 s is year 5138, so no real value sits on the wrong side.
const EPOCH_SECONDS_LIMIT = 1e11;

/**
 * Returns the instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, or `undefined` when the value is not a
 * timestamp we recognise. Accepts ISO 8601 (with or without fraction or zone), the
 * `2025-02-25 20:40:06.721` form, epoch milliseconds (number or digit string) and epoch seconds.
 */
export function normalizeTimestamp(value: unknown): string | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  // Fast path: most AWS timestamps are already canonical (GuardDuty's own dates).
  if (isCanonicalUtc(value)) return value;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  const match = ISO_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  let epochMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; a timestamp that does that is not a real date.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  epochMs -= zoneOffsetMs(zone);
  return fromEpoch(epochMs, true);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` with a real date, checked without building a Date (a hot path). */
function isCanonicalUtc(text: string): boolean {
  if (text.length !== 24 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') {
    return false;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  // 29 February only in leap years.
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && digitsAt(text, 20, 3) >= 0;
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function fromEpoch(value: number, alreadyMs = false): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const epochMs = alreadyMs || Math.abs(value) >= EPOCH_SECONDS_LIMIT ? value : value * 1000;
  const date = new Date(Math.floor(epochMs));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

import { GrafanaModelError } from '../errors';
import type { IndexInterval, TimeRange } from '../types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** UTC calendar parts of an instant. */
function parts(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), wd: d.getUTCDay() };
}

/** ISO-8601 week-numbering year and week (the week of the Thursday of this week). */
function isoWeek(ms: number): { year: number; week: number } {
  const d = new Date(ms);
  const mondayBased = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - mondayBased + 3);
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const firstThursday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + 3 * DAY_MS;
  return { year, week: 1 + Math.round((thursday - firstThursday) / (7 * DAY_MS)) };
}

/** The interval starts the data source generates over a range (index_pattern.go *Interval.Generate). */
function intervalStarts(interval: Exclude<IndexInterval, ''>, range: TimeRange): number[] {
  const from = parts(range.fromMs);
  const to = parts(range.toMs);
  const starts: number[] = [];
  switch (interval.toLowerCase()) {
    case 'hourly': {
      let start = Date.UTC(from.y, from.mo, from.d, from.h);
      const end = Date.UTC(to.y, to.mo, to.d, to.h);
      starts.push(start);
      while (start < end) starts.push((start += HOUR_MS));
      return starts;
    }
    case 'daily': {
      let start = Date.UTC(from.y, from.mo, from.d);
      const end = Date.UTC(to.y, to.mo, to.d);
      starts.push(start);
      while (start < end) starts.push((start += DAY_MS));
      return starts;
    }
    case 'weekly': {
      let start = Date.UTC(from.y, from.mo, from.d);
      let end = Date.UTC(to.y, to.mo, to.d);
      while (new Date(start).getUTCDay() !== 1) start -= DAY_MS;
      while (new Date(end).getUTCDay() !== 1) end -= DAY_MS;
      let week = isoWeek(start);
      starts.push(start);
      while (start < end) {
        start += DAY_MS;
        const next = isoWeek(start);
        if (next.year !== week.year || next.week !== week.week) starts.push(start);
        week = next;
      }
      return starts;
    }
    case 'monthly':
    case 'yearly': {
      const monthly = interval.toLowerCase() === 'monthly';
      let start = monthly ? Date.UTC(from.y, from.mo, 1) : Date.UTC(from.y, 0, 1);
      const end = monthly ? Date.UTC(to.y, to.mo, 1) : Date.UTC(to.y, 0, 1);
      const key = (ms: number) => (monthly ? new Date(ms).getUTCMonth() : new Date(ms).getUTCFullYear());
      let current = key(start);
      starts.push(start);
      while (start < end) {
        start += DAY_MS;
        const next = key(start);
        if (next !== current) starts.push(start);
        current = next;
      }
      return starts;
    }
    default:
      throw new GrafanaModelError(`unsupported interval '${interval}'`);
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** moment-style tokens the data source understands (index_pattern.go datePatternReplacements). */
const TOKEN = /(Mo|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|d|ww|w|WW|W|YYYYY|YYYY|YY|gggg|gg|GGGG|GG|e|E|a|A|hh|h|HH|H|mm|m|ss|s|X|Q)/g;

function formatToken(token: string, ms: number): string {
  const d = new Date(ms);
  const iso = isoWeek(ms);
  const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  switch (token) {
    case 'YYYY':
      return String(d.getUTCFullYear());
    case 'YY':
      return pad(d.getUTCFullYear() % 100);
    case 'MMMM':
      return MONTHS[d.getUTCMonth()] as string;
    case 'MMM':
      return (MONTHS[d.getUTCMonth()] as string).slice(0, 3);
    case 'MM':
      return pad(d.getUTCMonth() + 1);
    case 'M':
      return String(d.getUTCMonth() + 1);
    case 'DD':
      return pad(d.getUTCDate());
    case 'D':
      return String(d.getUTCDate());
    case 'DDD':
      return String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1);
    case 'dddd':
      return DAYS[d.getUTCDay()] as string;
    case 'ddd':
    case 'dd':
      return (DAYS[d.getUTCDay()] as string).slice(0, 3);
    case 'd':
    case 'e':
      return String(d.getUTCDay());
    case 'E':
      return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
    case 'w':
    case 'ww':
    case 'W':
    case 'WW':
      return pad(iso.week);
    case 'gggg':
    case 'GGGG':
      return String(iso.year);
    case 'gg':
    case 'GG':
      return String(iso.year).slice(2, 4);
    case 'HH':
      return pad(d.getUTCHours());
    case 'H':
      return String(d.getUTCHours());
    case 'hh':
      return pad(hour12);
    case 'h':
      return String(hour12);
    case 'mm':
      return pad(d.getUTCMinutes());
    case 'm':
      return String(d.getUTCMinutes());
    case 'ss':
      return pad(d.getUTCSeconds());
    case 's':
      return String(d.getUTCSeconds());
    case 'A':
      return d.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'a':
      return d.getUTCHours() < 12 ? 'am' : 'pm';
    case 'X':
      return String(Math.floor(ms / 1000));
    case 'Q':
      return String(Math.floor(d.getUTCMonth() / 3) + 1);
    default:
      return token;
  }
}

function formatDatePart(pattern: string, ms: number): string {
  return pattern.replace(TOKEN, (token) => formatToken(token, ms));
}

/**
 * One index name for an interval start (index_pattern.go formatDate): `[literal]` parts are kept,
 * the rest is a date format. Faithfully, a pattern without any `[...]` part yields "".
 */
export function formatIndexName(pattern: string, ms: number): string {
  const formatted: string[] = [];
  const bases: string[] = [];
  let baseFirst = false;
  let rest = pattern;
  let baseStart = rest.indexOf('[');
  while (baseStart !== -1) {
    const baseEnd = rest.indexOf(']');
    bases.push(rest.slice(baseStart + 1, baseEnd));
    if (baseStart === 0) baseFirst = true;
    else formatted.push(formatDatePart(rest.slice(0, baseStart), ms));
    if (rest.length <= baseEnd + 1) break;
    rest = rest.slice(baseEnd + 1);
    baseStart = rest.indexOf('[');
    let datePattern: string;
    if (baseStart === -1) {
      datePattern = rest;
    } else {
      datePattern = rest.slice(0, baseStart);
      rest = rest.slice(baseStart);
      baseStart = 0;
    }
    formatted.push(formatDatePart(datePattern, ms));
  }
  const out: string[] = [];
  const shared = Math.min(formatted.length, bases.length);
  for (let i = 0; i < shared; i++) {
    if (baseFirst) out.push(bases[i] as string, formatted[i] as string);
    else out.push(formatted[i] as string, bases[i] as string);
  }
  out.push(...(bases.length > shared ? bases.slice(shared) : formatted.slice(shared)));
  return out.join('');
}

/**
 * The indices a search goes to (client.go NewClient → index_pattern.go GetIndices): the database
 * as is without an interval, else one name per hour/day/ISO week/month/year of the range.
 */
export function indicesFor(database: string, interval: IndexInterval | undefined, range: TimeRange): string[] {
  if (!interval) return [database];
  return intervalStarts(interval, range).map((start) => formatIndexName(database, start));
}

/**
 * The index list the browser computes for annotation queries (the frontend's moment-based index
 * pattern): `[...]` is literal text and everything else a date format, so unlike the backend a
 * pattern without brackets is formatted as a date. Joined with commas.
 */
export function frontendIndexList(database: string, interval: IndexInterval | undefined, range: TimeRange): string {
  if (!interval) return database;
  const format = (ms: number) =>
    database
      .split(/(\[[^\]]*\])/)
      .map((part) => (part.startsWith('[') && part.endsWith(']') ? part.slice(1, -1) : formatDatePart(part, ms)))
      .join('');
  return intervalStarts(interval, range).map(format).join(',');
}

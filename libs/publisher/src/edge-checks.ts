import type { FieldProblem } from './validation-error';

/**
 * What the edge refuses beyond the Avro types, because the stores downstream cannot hold it or a
 * consumer would misread it: PostgreSQL text refuses NUL, JSON and UTF-8 cannot carry an unpaired
 * surrogate, `domain_events.event_id` is a uuid column, and an `occurred_at` in seconds reads as
 * January 1970.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECOND_MS = 1_000;
const HOUR_MS = 3_600 * SECOND_MS;
const YEAR_MS = 365 * 24 * HOUR_MS;

/** Why a string cannot be stored as text, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\0')) return `holds a NUL character (at index ${value.indexOf('\0')}), which PostgreSQL text cannot store`;
  if (!value.isWellFormed()) return 'holds an unpaired UTF-16 surrogate, which UTF-8 cannot encode';
  return undefined;
}

export function uuidProblem(value: string): string | undefined {
  return UUID.test(value) ? undefined : `"${value.slice(0, 60)}" is not a UUID (8-4-4-4-12 hex digits)`;
}

/** How far `occurred_at` may lie from the publisher's clock. */
export interface OccurredAtWindow {
  maxAgeMs: number;
  maxAheadMs: number;
}

export const DEFAULT_OCCURRED_AT_WINDOW: OccurredAtWindow = { maxAgeMs: YEAR_MS, maxAheadMs: HOUR_MS };

/** The window from EVENTLINE_OCCURRED_AT_MAX_AGE_S and EVENTLINE_OCCURRED_AT_MAX_AHEAD_S (seconds), else the default. */
export function occurredAtWindowFrom(env: NodeJS.ProcessEnv = process.env): OccurredAtWindow {
  return {
    maxAgeMs: secondsFrom(env, 'EVENTLINE_OCCURRED_AT_MAX_AGE_S') ?? DEFAULT_OCCURRED_AT_WINDOW.maxAgeMs,
    maxAheadMs: secondsFrom(env, 'EVENTLINE_OCCURRED_AT_MAX_AHEAD_S') ?? DEFAULT_OCCURRED_AT_WINDOW.maxAheadMs,
  };
}

function secondsFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`${name} must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds * SECOND_MS;
}

/** Adds a problem when `occurredAt` (epoch ms, already shaped) lies outside the window around `now`. */
export function checkOccurredAt(occurredAt: unknown, window: OccurredAtWindow, now: number, problems: FieldProblem[]): void {
  if (typeof occurredAt !== 'number' || problems.some((problem) => problem.path === 'occurred_at')) return;
  if (occurredAt < now - window.maxAgeMs) {
    const seconds = occurredAt < now / 100 ? ' (epoch seconds? it takes milliseconds)' : '';
    problems.push({ path: 'occurred_at', reason: `${instant(occurredAt)} is more than ${describe(window.maxAgeMs)} before now${seconds}` });
  } else if (occurredAt > now + window.maxAheadMs) {
    problems.push({ path: 'occurred_at', reason: `${instant(occurredAt)} is more than ${describe(window.maxAheadMs)} after now` });
  }
}

/** Formatted only for a refusal: an ISO string per accepted event would cost more than the check. */
function instant(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}

function describe(ms: number): string {
  if (ms % YEAR_MS === 0) return ms === YEAR_MS ? '1 year' : `${ms / YEAR_MS} years`;
  if (ms % HOUR_MS === 0) return ms === HOUR_MS ? '1 hour' : `${ms / HOUR_MS} hours`;
  return `${ms / SECOND_MS} s`;
}

import { InvalidArgumentError } from 'commander';

/** `--max`-style options: how many of something, at least one. */
export function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return n;
}

/** Kafka offsets exceed 2^53, so they are parsed to bigint, never through Number. */
export function parseOffset(text: string): bigint {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('must be an offset (a whole number of at least 0).');
  return BigInt(text);
}

/** `--settle`-style options: a whole number of seconds, 0 allowed. */
export function parseSeconds(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number of seconds (0 or more).');
  return n;
}

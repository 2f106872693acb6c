import { InvalidArgumentError } from 'commander';

/** An ISO-8601 instant for an option, refused by name when it is not one. */
export function parseInstant(text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError(`"${text}" is not an ISO-8601 instant (e.g. 2026-11-01T00:00:00Z)`);
  return at;
}

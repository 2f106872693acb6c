import { formatTable } from '../output/table';
import { describeOriginal, type DeadLetter } from './dead-letter';

/** `dlq list`'s table: one row per dead letter, the reason last because it is long and wraps. */
export function deadLetterTable(letters: DeadLetter[]): string {
  return formatTable(['DLQ OFFSET', 'FAILED AT', 'ERROR CLASS', 'ORIGINAL', 'EVENT TYPE', 'REASON'], letters.map(row));
}

/** "N dead letters in <topic>", saying so when --max cut the list short. */
export function deadLetterSummary(topic: string, total: bigint, shown: number): string {
  const count = `${total} dead letter${total === 1n ? '' : 's'} in ${topic}`;
  return BigInt(shown) < total ? `${count} (showing the oldest ${shown})` : count;
}

function row(letter: DeadLetter): string[] {
  return [letter.dlqOffset, second(letter.failedAt), letter.errorClass ?? '-', describeOriginal(letter), letter.eventType ?? '-', letter.reason ?? '-'];
}

/** `2026-11-25 10:00:07Z`; a header that is not a date is shown as it is. */
function second(failedAt: string | undefined): string {
  if (!failedAt) return '-';
  const date = new Date(failedAt);
  return Number.isNaN(date.getTime()) ? failedAt : `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Avro timestamp-millis fields arrive as milliseconds since the epoch (or as a Date, should a decoder map them). */
export const eventTime = (value: number | Date): Date => new Date(value);

export const nullableTime = (value: number | Date | null): Date | null => (value === null ? null : eventTime(value));

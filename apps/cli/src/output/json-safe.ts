/** A JSON.stringify replacer for decoded Avro: longs may decode as bigint, which JSON.stringify refuses. */
export const jsonSafe = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** Characters Kafka allows in a topic name; a prefix made of others would only fail later, at the broker. */
const TOPIC_CHARS = /^[a-zA-Z0-9._-]*$/;

/**
 * `EVENTLINE_TOPIC_PREFIX`: a namespace put before every catalog topic (e.g. `bench.<run>.`), so a
 * benchmark or a second deployment runs the real apps on topics of its own. Only topics move:
 * subjects stay the catalog's, so schema ids, and the Avro bytes, are those the platform uses.
 * Unset or empty is no prefix.
 */
export function topicPrefixFrom(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.EVENTLINE_TOPIC_PREFIX?.trim() ?? '';
  if (!TOPIC_CHARS.test(prefix)) {
    throw new Error(`EVENTLINE_TOPIC_PREFIX="${prefix}" has characters a Kafka topic name cannot hold (only letters, digits, '.', '_' and '-')`);
  }
  if (prefix.length > 200) throw new Error(`EVENTLINE_TOPIC_PREFIX is ${prefix.length} characters; topic names end at 249, so keep it under 200`);
  return prefix;
}

import pino, { type Logger } from 'pino';

let shared: Logger | undefined;
const silentLogger = pino({ level: 'silent' });

/**
 * @platformatic/kafka logs nothing by itself; the adapter's own warnings (a failed fetch, a lost
 * group membership) go through pino to stderr, like kafkajs' lines in the other adapter. stdout
 * belongs to the program (a CLI's output, a tail's JSON lines).
 */
export function adapterLogger(silent: boolean | undefined): Logger {
  if (silent) return silentLogger;
  shared ??= pino({ name: 'kafka', level: process.env.KAFKA_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  return shared;
}

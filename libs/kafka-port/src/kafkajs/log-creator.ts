import { logLevel, type logCreator } from 'kafkajs';
import pino from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Sends kafkajs' own log lines through pino, so they share the apps' JSON log format. They go to
 * stderr: stdout belongs to the program (a CLI's output, a tail's JSON lines).
 */
export const pinoLogCreator: logCreator = () => {
  const logger = pino({ name: 'kafka', level: process.env.KAFKA_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  return ({ level, log }) => {
    const { message, ...extra } = log;
    if (message === BOUNDED_RETRIES_WARNING) return;
    logger[levels[level] ?? 'info'](extra, message);
  };
};

/**
 * kafkajs warns whenever an idempotent producer's retries are bounded, because exactly-once
 * transactions would then be at risk. Eventline uses no transactions and bounds retries on purpose
 * (a publish gives up within its budget, at-least-once), so the warning would only be noise.
 */
const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

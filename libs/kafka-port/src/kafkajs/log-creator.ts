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
    logger[levels[level] ?? 'info'](extra, message);
  };
};

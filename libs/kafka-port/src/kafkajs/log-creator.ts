import { logLevel, type logCreator } from 'kafkajs';
import pino from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Sends kafkajs' own log lines through pino, so they share the apps' JSON log format. */
export const pinoLogCreator: logCreator = () => {
  const logger = pino({ name: 'kafka', level: process.env.KAFKA_LOG_LEVEL ?? 'warn' });
  return ({ level, log }) => {
    const { message, ...extra } = log;
    logger[levels[level] ?? 'info'](extra, message);
  };
};

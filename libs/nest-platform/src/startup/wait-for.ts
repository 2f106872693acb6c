import pRetry, { AbortError } from 'p-retry';
import { isRetriableStartupError, ProbeTimeout } from './retriable';
import { STARTUP_BUDGET_VARIABLE } from './startup-budget';
import { describe, type StartupState } from './startup-state';

export interface WaitLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface WaitContext {
  state: StartupState;
  logger: WaitLogger;
  /** Epoch ms after which the app gives up; shared by every dependency of one start. */
  deadline: number;
  budgetMs: number;
}

/** The start gave up: the dependency named did not answer within the budget. */
export class StartupBudgetExceeded extends Error {
  override readonly name = 'StartupBudgetExceeded';
  constructor(
    readonly dependency: string,
    budgetMs: number,
    cause: unknown,
  ) {
    super(`${dependency} did not answer within ${STARTUP_BUDGET_VARIABLE}=${budgetMs / 1_000}s: ${describe(cause)}`, { cause });
  }
}

/** A failed attempt is logged at most this often, so a long wait is a few lines, not a flood. */
const LOG_EVERY_MS = 5_000;
/** Backoff: 250 ms, doubling, capped at 5 s, each delay scaled by a random 1–2 (jitter). */
const BACKOFF = { minTimeout: 250, factor: 2, maxTimeout: 5_000, randomize: true } as const;
/** By default no single probe may take longer, so a hanging connect is retried, not waited on forever. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Runs `attempt` until it succeeds: retriable failures are retried with backoff until the
 * budget's deadline, then StartupBudgetExceeded names the dependency; any other failure is
 * thrown at once. Readiness shows what is awaited meanwhile. An attempt that must not be
 * abandoned half-way (starting a consumer, which waits for its group to form) passes
 * `attemptTimeoutMs: Infinity`.
 */
export async function waitFor<T>(dependency: string, attempt: () => Promise<T>, context: WaitContext, attemptTimeoutMs = PROBE_TIMEOUT_MS): Promise<T> {
  const { state, logger } = context;
  const started = Date.now();
  let lastLog = 0;
  const timeoutMs = () => Math.min(attemptTimeoutMs, Math.max(context.deadline - Date.now(), 1));
  try {
    const result = await pRetry(() => (Number.isFinite(attemptTimeoutMs) ? withTimeout(attempt(), timeoutMs()) : attempt()), {
      ...BACKOFF,
      retries: Infinity,
      maxRetryTime: Math.max(context.deadline - Date.now(), 0),
      signal: state.signal,
      shouldRetry: ({ error }) => isRetriableStartupError(error),
      onFailedAttempt: ({ error, attemptNumber, retryDelay }) => {
        state.failedAttempt(dependency, error, attemptNumber);
        if (Date.now() - lastLog < LOG_EVERY_MS || !isRetriableStartupError(error)) return;
        lastLog = Date.now();
        const waitedS = Math.round((Date.now() - started) / 1_000);
        logger.warn({ dependency, attempt: attemptNumber, waitedS, retryInMs: retryDelay, error: describe(error) }, `waiting for ${dependency}: ${describe(error)}`);
      },
    });
    if (state.waiting) logger.info({ dependency, waitedS: Math.round((Date.now() - started) / 1_000) }, `${dependency} answers`);
    state.answered();
    return result;
  } catch (error) {
    if (state.stopping || error instanceof AbortError) throw error;
    if (isRetriableStartupError(error)) throw new StartupBudgetExceeded(dependency, context.budgetMs, error);
    throw error;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

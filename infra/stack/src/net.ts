import { StackError } from './errors';
import { createConnection } from 'node:net';

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true; `abort` returning a message stops early with that reason. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const aborted = options.abort?.();
    if (aborted) return { ok: false, reason: aborted };
    if (await probe().catch(() => false)) return { ok: true };
    await sleep(options.intervalMs ?? 500);
  }
  return { ok: false, reason: `not ready within ${Math.round(options.timeoutMs / 1000)}s` };
}

export async function requireFreePorts(ports: number[], server: string, overrideHint: string): Promise<void> {
  for (const port of ports) {
    if (await isPortOpen(port)) {
      throw new StackError(
        `Port ${port} on 127.0.0.1 is taken by a process this stack did not start, so ${server} cannot listen there. Stop that process, or choose other ports with ${overrideHint}.`,
      );
    }
  }
}

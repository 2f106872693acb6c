import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { formatEnvFile, stackEnvPath } from '@eventline/stack-config';
import type { StackSettings } from './settings';

/** Writes `.local/stack.env`, leaving it untouched when nothing changed. */
export function writeEnvFile(settings: StackSettings, env: Record<string, string>, header: string): void {
  const path = stackEnvPath(settings.root);
  const text = formatEnvFile(env, header);
  mkdirSync(settings.local, { recursive: true });
  const current = (() => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (current !== text) writeFileSync(path, text);
}

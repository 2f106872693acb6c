import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export function parseEnvFile(text: string): Record<string, string> {
  return parseEnv(text) as Record<string, string>;
}

export function formatEnvFile(entries: Record<string, string>, header: string): string {
  const lines = Object.entries(entries).map(([key, value]) => `${key}=${value}`);
  return `# ${header}\n${lines.join('\n')}\n`;
}

export function readEnvFile(path: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

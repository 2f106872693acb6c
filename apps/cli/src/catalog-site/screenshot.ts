import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = 120_000;

/**
 * Screenshots a local HTML page with Debian's headless Chromium. `htmlPath` is a file path, or a
 * `file://` URL when the page should open with a query string (e.g. `file:///tmp/catalog.html?q=TICKET`).
 * Uses a throwaway profile directory, removed afterwards.
 */
export async function screenshotHtml(htmlPath: string, pngPath: string, width = 1400, height = 2000): Promise<void> {
  try {
    await access(CHROMIUM, fsConstants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\``);
  }

  const url = htmlPath.startsWith('file://') ? htmlPath : pathToFileURL(resolve(htmlPath)).href;
  const output = resolve(pngPath);
  // A PNG left over from an earlier run must not pass for this one.
  await rm(output, { force: true });

  const profile = await mkdtemp(join(tmpdir(), 'eventline-chromium-'));
  try {
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      `--window-size=${width},${height}`,
      `--screenshot=${output}`,
      url,
    ];
    const { error, stderr } = await run(CHROMIUM, args);
    if (!(await isNonEmptyFile(output))) {
      const reason = error ? ` (${error.message.split('\n')[0]})` : '';
      throw new Error(`Chromium did not write ${output}${reason}:\n${stderr.trim() || '(no stderr)'}`);
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function run(file: string, args: string[]): Promise<{ error: Error | null; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      done({ error, stderr: String(stderr) });
    });
  });
}

async function isNonEmptyFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it: envelope recipients and the decoded Subject header. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  raw: string;
}

/** A real SMTP server in the test process: no TLS, no auth, every message kept. */
export async function startSmtpServer(port: number): Promise<{ mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // Unfold continued header lines before reading the Subject.
        const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface WebhookCall {
  path: string;
  body: Record<string, unknown>;
  answered: number;
}

/**
 * A webhook receiver: paths starting /fail-twice/ answer 503 twice and then 200, /reject/ answers
 * 400, anything else 200.
 */
export async function startWebhookReceiver(port: number): Promise<{ calls: WebhookCall[]; url: (path: string) => string; close: () => Promise<void> }> {
  const calls: WebhookCall[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const earlier = calls.filter((c) => c.path === path).length;
      const answered = path.startsWith('/reject/') ? 400 : path.startsWith('/fail-twice/') && earlier < 2 ? 503 : 200;
      calls.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const { port: bound } = server.address() as AddressInfo;
  return { calls, url: (path) => `http://127.0.0.1:${bound}${path}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

import { createServer } from 'node:http';

// A stand-in for an app, for app-under-test.spec.ts: FAKE_APP_MODE=exit fails at start,
// ignore-sigterm must be killed, anything else is ready and ends on SIGTERM.
const mode = process.env.FAKE_APP_MODE;
console.log(`fake app starting (${mode})`);
if (mode === 'exit') {
  console.error('fake app: FAKE_APP_MODE=exit, giving up');
  process.exit(3);
}
const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready', node: process.version })));
server.listen(Number(process.env.FAKE_APP_PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  if (mode === 'ignore-sigterm') return;
  server.close(() => process.exit(0));
});

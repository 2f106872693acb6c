import '@eventline/node-runtime/check';
import { parseArgs } from 'node:util';
import { StackError } from './errors';
import { kafkaNodeCommand } from './kafka-node-command';
import { loadSettings } from './settings';
import { down, status, up } from './stack';

const USAGE = `Usage: stack <command>

Commands:
  up       start Kafka, the schema registry and PostgreSQL (a no-op when they run); writes .local/stack.env
  down     stop every server the stack started
  status   show what runs
  kafka    stop|kill|start <n>: one Kafka node (EVENTLINE_KAFKA_NODES=3 runs three)`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help || !command) return void console.log(USAGE);
  const settings = loadSettings();
  if (command === 'up') {
    console.log('Eventline local stack: starting');
    const result = await up(settings);
    const verb = result.started.length === 0 ? 'already running' : `started ${result.started.join(', ')}`;
    console.log(`\nStack ${verb}. Endpoints (also in .local/stack.env):`);
    for (const [key, value] of Object.entries(result.env)) console.log(`  ${key}=${value}`);
    // Passwords stay in the file: a terminal's scrollback or a CI log is no place for them.
    if (result.saslBrokers) console.log(`  SASL_SSL (SCRAM-SHA-512) on ${result.saslBrokers}: CA, users and passwords in .local/stack.env`);
    console.log(`Logs: .local/logs/`);
  } else if (command === 'down') {
    const outcomes = await down(settings);
    for (const [name, outcome] of Object.entries(outcomes)) console.log(`  ${name.padEnd(16)} ${outcome}`);
  } else if (command === 'kafka') {
    console.log(`  ${await kafkaNodeCommand(settings, positionals[1], positionals[2])}`);
  } else if (command === 'status') {
    console.table(await status(settings));
  } else {
    throw new StackError(`Unknown command "${command}".\n${USAGE}`);
  }
}

// Exit explicitly: a client library's idle socket or timer must not keep `stack:up` from returning.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nstack: ${(error as Error).message}`);
    if (error instanceof StackError && error.logTail) {
      console.error(`\nLast lines of ${error.logTail.file}:\n${error.logTail.lines}`);
    }
    process.exit(1);
  },
);

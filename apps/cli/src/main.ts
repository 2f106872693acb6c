import '@eventline/node-runtime/check';
import { Command } from 'commander';
import { auditCommands } from './commands/audit';
import { catalogCommands } from './commands/catalog';
import { dbCommands } from './commands/db';
import { dlqCommands } from './commands/dlq';
import { keyCommands } from './commands/keys';
import { moderationCommands } from './commands/moderation';
import { notificationCommands } from './commands/notifications';
import { schemaCommands } from './commands/schemas';
import { streamCommands } from './commands/stream';
import { tenantCommands } from './commands/tenants';
import { eraseCommand } from './commands/erase';
import { groupCommands } from './commands/groups';
import { holdCommands } from './commands/hold';
import { retentionCommands } from './commands/retention';
import { rebuildCommand } from './commands/rebuild';
import { replayCommand } from './commands/replay';
import { usageCommands } from './commands/usage';
import { CliContext } from './context';
import { CliError } from './errors';

const program = new Command('eventline').description('Eventline: the event catalog, contracts and stream tools').showHelpAfterError();
const context = new CliContext();
catalogCommands(program, context);
schemaCommands(program, context);
dbCommands(program, context);
keyCommands(program, context);
streamCommands(program, context);
dlqCommands(program, context);
moderationCommands(program, context);
notificationCommands(program, context);
usageCommands(program, context);
auditCommands(program, context);
tenantCommands(program, context);
eraseCommand(program, context);
retentionCommands(program, context);
holdCommands(program, context);
replayCommand(program, context);
rebuildCommand(program, context);
groupCommands(program, context);

program.parseAsync(process.argv).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof CliError ? `eventline: ${error.message}` : error);
    process.exit(1);
  },
);

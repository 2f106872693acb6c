import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { checkCompatibility, formatRetentionChange, registerCatalog, runHistoryGate, ShorterRetentionRefused, type RegistrationReport } from '@eventline/contract-registration';
import { defaultSchemasDir, formatIssue, lintCatalog, loadCatalog, readSources } from '@eventline/contracts';
import { findWorkspaceRoot } from '@eventline/stack-config';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { parseCount } from '../options/whole-numbers';
import { printHistoryGate } from '../output/history-gate-report';
import { progressBar } from '../output/progress-bar';
import { formatTable } from '../output/table';

export function schemaCommands(program: Command, context: CliContext): void {
  const schemas = program.command('schemas').description('lint, register and check the event contracts in schemas/');

  schemas
    .command('lint')
    .description('check schemas/ against the catalog rules')
    .action(() => {
      const sources = readSources(defaultSchemasDir());
      const issues = lintCatalog(sources);
      for (const issue of issues) console.log(formatIssue(issue));
      const summary = `${sources.events.length} event types in ${sources.domains.length} domains`;
      if (issues.length > 0) throw new CliError(`schemas:lint: ${issues.length} problem(s) in ${summary}`);
      console.log(`schemas:lint: ${summary}, no problems`);
    });

  schemas
    .command('register')
    .description("create the topics with their domain's retention tier, bring existing topics to it, and register every contract with FULL_TRANSITIVE compatibility (idempotent)")
    .option('--allow-shorter-retention', "let a topic's retention.ms be shortened to its tier (deletes its older events for good)")
    .action(async (options: { allowShorterRetention?: boolean }) => {
      const catalog = loadCatalog();
      const admin = context.kafka().admin();
      await admin.connect();
      const bar = progressBar('registering', catalog.events.length, 'subjects');
      try {
        const report = await registerCatalog(catalog, context.registry(), admin, {
          allowShorterRetention: options.allowShorterRetention,
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        printRegistration(report);
      } catch (error) {
        if (error instanceof ShorterRetentionRefused) throw new CliError(`schemas:register: ${error.message}`);
        throw error;
      } finally {
        bar.stop();
        await admin.disconnect();
      }
    });

  schemas
    .command('check')
    .description('ask the registry whether the working tree contracts are compatible with what is registered')
    .action(async () => {
      const results = await checkCompatibility(loadCatalog(), context.registry());
      const failed = results.filter((r) => r.status === 'incompatible');
      for (const result of failed) {
        if (result.status !== 'incompatible') continue;
        console.log(`✗ ${result.subject} (${result.file})`);
        for (const problem of result.problems) console.log(`    ${problem}`);
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const summary = `${count('compatible')} compatible, ${count('new')} new, ${failed.length} incompatible`;
      if (failed.length > 0) throw new CliError(`schemas:check: ${summary}`);
      console.log(`schemas:check: ${summary}`);
    });

  schemas
    .command('gate')
    .description(
      "the CI gate: replay each contract's committed versions from git into fresh FULL_TRANSITIVE subjects, ask the registry whether the working tree may follow them, then delete those subjects",
    )
    .option('--repo <dir>', 'git repository holding schemas/ at its root (default: this checkout)')
    .option('--concurrency <n>', 'contracts replayed at once', parseCount, 8)
    .option('--list-without-history', 'name every contract that has no committed earlier version (else only counted)')
    .action(async (options: { repo?: string; concurrency: number; listWithoutHistory?: boolean }) => {
      let bar: SingleBar | undefined;
      const onProgress = (done: number, total: number) => (bar ??= progressBar('gating', total, 'contracts')).update(done);
      try {
        const report = await runHistoryGate({ repoRoot: resolve(options.repo ?? findWorkspaceRoot()), registry: context.registry(), concurrency: options.concurrency, onProgress });
        bar?.stop();
        const { summary, failed } = printHistoryGate(report, options.listWithoutHistory);
        if (failed) throw new CliError(`schemas:gate: ${summary}`);
        console.log(`schemas:gate: ${summary}`);
      } finally {
        bar?.stop();
      }
    });
}

function printRegistration(report: RegistrationReport): void {
  const count = (status: string) => report.subjects.filter((s) => s.status === status).length;
  const rejected = report.subjects.filter((s) => s.status === 'rejected');
  if (rejected.length > 0) {
    console.log(
      formatTable(
        ['REJECTED SUBJECT', 'REASON'],
        rejected.map((s) => [s.subject, s.status === 'rejected' ? s.error : '']),
      ),
    );
  }
  for (const change of report.retentionChanged) console.log(`retention${change.shortens ? ' (shortened)' : ''}: ${formatRetentionChange(change)}`);
  const topics = report.topicsCreated.length ? `created ${report.topicsCreated.length} topic(s)` : 'topics already present';
  const retention = `retention changed on ${report.retentionChanged.length} topic(s)`;
  const summary = `${topics}; ${retention}; ${count('registered')} subject version(s) registered, ${count('unchanged')} unchanged, ${rejected.length} rejected; compatibility FULL_TRANSITIVE`;
  if (rejected.length > 0) throw new CliError(`schemas:register: ${summary}`);
  console.log(`schemas:register: ${summary}`);
}

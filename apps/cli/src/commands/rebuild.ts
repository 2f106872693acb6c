import type { Command } from 'commander';
import { Pseudonyms } from '@eventline/audit-projection';
import { topicPrefixFrom } from '@eventline/contracts';
import { withAdmin, type KafkaPort } from '@eventline/kafka-port';
import { rebuildableProjections, swapProjection, unswappableTables, type RebuildableProjection } from '@eventline/projection-rebuild';
import { pseudonymKeyFile } from '@eventline/stack-config';
import type { CliContext } from '../context';
import { requireRlsBypass, withDatabase } from '../database';
import { CliError } from '../errors';
import { refuseActiveMembers } from '../groups/group-guards';
import { formatRebuildReport, rebuildIsEqual } from '../rebuild/rebuild-report';
import { planRebuild, REBUILD_CONCURRENCY, runRebuild, type RebuildPlan } from '../rebuild/run-rebuild';

interface RebuildOptions {
  swap?: boolean;
  allowPartial?: boolean;
  keepShadow?: boolean;
}

/** Rebuilds a read model from the topics beside the live one, compares the two, and can swap the rebuild in. */
export function rebuildCommand(program: Command, context: CliContext): void {
  program
    .command('rebuild <projection>')
    .description(
      "project the topics again from their first offset into shadow tables, with the projector's own code, while the live projection runs; compare (counts, checksum, hash chain) for the events both have; --swap replaces the live rows. Projections: audit, usage",
    )
    .option('--swap', 'replace the live rows of the rebuilt topics with the rebuild, and carry its offsets over to the live group, in one transaction (the live projector must be stopped)')
    .option('--allow-partial', 'allow --swap although a topic no longer holds its offset 0 (the swap would drop the history it lost)')
    .option('--keep-shadow', 'keep the shadow schema for inspection (it is dropped otherwise)')
    .action(async (name: string, options: RebuildOptions) => {
      const projection = projectionNamed(context, name);
      const kafka = context.kafka();
      const plan = await planRebuild(kafka, projection, context.catalog, `${topicPrefixFrom()}${projection.group}`);
      if (options.swap) await refuseUnsafeSwap(kafka, plan, options.allowPartial ?? false);
      await withDatabase(
        context,
        async (pool) => {
          await requireRlsBypass(pool, 'eventline rebuild');
          const result = await runRebuild({ kafka, registry: context.registry(), catalog: context.catalog, pool }, plan);
          try {
            console.log(formatRebuildReport(projection, result));
            if (!rebuildIsEqual(result)) process.exitCode = 1;
            if (options.swap) {
              await refuseUnsafeSwap(kafka, plan, options.allowPartial ?? false);
              const swapped = await swapProjection(pool, result.shadow, projection, {
                clusterId: plan.clusterId,
                group: plan.liveGroup,
                topics: plan.topics,
                offsets: plan.ranges.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.end })),
              });
              console.log(
                `Swapped in: ${Object.entries(swapped)
                  .map(([table, rows]) => `${table} ${rows} rows`)
                  .join(', ')}; ${plan.liveGroup} continues from the rebuild's end.`,
              );
              process.exitCode = 0;
            }
          } finally {
            if (!options.keepShadow) await result.shadow.drop(pool);
          }
        },
        REBUILD_CONCURRENCY + 1,
      );
    });
}

function projectionNamed(context: CliContext, name: string): RebuildableProjection {
  const projections = rebuildableProjections(context.catalog, Pseudonyms.fromFile(pseudonymKeyFile()));
  const projection = projections.get(name);
  if (!projection) throw new CliError(`<projection>: "${name}" is not a projection that can be rebuilt; one of: ${[...projections.keys()].join(', ')}`);
  return projection;
}

/** A swap must not drop history silently, nor pull the tables from under a running projector. */
async function refuseUnsafeSwap(kafka: KafkaPort, plan: RebuildPlan, allowPartial: boolean): Promise<void> {
  const unswappable = unswappableTables(plan.projection);
  if (unswappable.length > 0)
    throw new CliError(
      `--swap: ${plan.projection.name}'s tables (${unswappable.join(', ')}) do not record which topic a row came from, so a swap cannot tell which live rows to replace; compare only`,
    );
  if (plan.partialTopics.length > 0 && !allowPartial)
    throw new CliError(
      `--swap: ${plan.partialTopics.join(', ')} no longer hold their offset 0, so the rebuild lacks their oldest events and a swap would drop them from the read model; --allow-partial swaps anyway`,
    );
  try {
    refuseActiveMembers(plan.liveGroup, await withAdmin(kafka, (admin) => admin.describeGroup(plan.liveGroup)));
  } catch (error) {
    throw new CliError(`--swap: ${(error as Error).message.replace(/; stop them first$/, '; stop the live projector first')}`);
  }
}

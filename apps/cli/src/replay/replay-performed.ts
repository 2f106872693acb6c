import type { PublishResult } from '@eventline/publisher';
import type { CliContext } from '../context';
import { recordGovernanceEvent } from '../governance/governance-recorder';
import type { Manifest } from './manifest';

/**
 * The replay's record in the stream, projected into the audit log's chain like any event: the
 * CLI never writes audit_logs itself. Its tenant is the replayed tenant's, so that tenant's chain
 * says who read its history.
 */
export function publishReplayPerformed(context: CliContext, manifest: Manifest, how: { actor: string; includePii: boolean }): Promise<PublishResult> {
  return recordGovernanceEvent(context, {
    event_type: 'compliance.replay_performed',
    tenant_id: manifest.tenant,
    entity_id: manifest.sha256,
    actor: { id: how.actor, type: 'user' },
    payload: {
      target: manifest.target,
      window: { from: Date.parse(manifest.window.from), to: Date.parse(manifest.window.to) },
      tenant: manifest.tenant,
      event_types: manifest.types,
      topics: manifest.topics,
      count: manifest.count,
      sha256: manifest.sha256,
      dry_run: manifest.dryRun,
      include_pii: how.includePii,
      outcome: manifest.outcome,
    },
  });
}

import { formatTable } from '../output/table';
import { lagAfterReset, type ResetPlan } from './group-reset';

const WHERE: Record<ResetPlan['storage'], string> = {
  kafka: "Kafka's committed offsets",
  postgresql: "PostgreSQL's consumer_offsets (Eventline's own consumer; Kafka's committed offsets mirror them)",
};

/** The heading: which group, to what time, and which offsets a reset moves. */
export function resetHeading(plan: ResetPlan): string {
  return `group ${plan.group} to ${plan.at.toISOString()}; its offsets live in ${WHERE[plan.storage]}`;
}

export function resetTable(plan: ResetPlan): string {
  const rows = plan.partitions.map((p) => [p.topic, String(p.partition), p.current ?? '-', p.target, String(lagAfterReset(p))]);
  return formatTable(['TOPIC', 'PARTITION', 'CURRENT', 'TARGET', 'LAG'], rows);
}

export function resetSummary(plan: ResetPlan, executed: boolean): string {
  const count = `${plan.partitions.length} partition${plan.partitions.length === 1 ? '' : 's'}`;
  if (!executed) return `dry run: nothing changed; add --execute to reset these ${count}`;
  return plan.storage === 'postgresql' ? `reset ${count} of group ${plan.group} in consumer_offsets and in Kafka` : `reset ${count} of group ${plan.group}`;
}

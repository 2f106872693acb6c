import { registeredVersions } from '@eventline/contract-registration';
import { findEvent, loadSubscriptions, topicPrefixFrom, type EventContract, type SubscriptionsManifest } from '@eventline/contracts';
import type { CliContext } from '../context';
import { CliError } from '../errors';

/** Versions come from the registry when it answers; the catalog is still useful when it does not. */
export async function registeredVersionsOrNone(context: CliContext, events: EventContract[]): Promise<Map<string, number[]>> {
  try {
    return await registeredVersions(events, context.registry());
  } catch (error) {
    console.error(`note: registry not reachable (${(error as Error).message}); versions are left blank`);
    return new Map();
  }
}

/** The platform's consumers: the handlers manifest beside the contracts (schemas/subscriptions.json). */
export function platformSubscriptions(): SubscriptionsManifest {
  return loadSubscriptions();
}

/** The manifest's consumer groups as the broker names them: EVENTLINE_TOPIC_PREFIX goes in front, as the apps do. */
export function platformGroupIds(subscriptions: SubscriptionsManifest): Set<string> {
  const prefix = topicPrefixFrom();
  return new Set(subscriptions.apps.map(({ group }) => `${prefix}${group}`));
}

export function eventOrFail(context: CliContext, eventType: string): EventContract {
  const event = findEvent(context.catalog, eventType);
  if (!event)
    throw new CliError(
      unknownEventMessage(
        eventType,
        context.catalog.events.map((e) => e.eventType),
      ),
    );
  return event;
}

function unknownEventMessage(eventType: string, known: string[]): string {
  const needle = eventType.toLowerCase().replace(/[^a-z0-9]/g, '');
  const close = known.filter((k) => {
    const hay = k.toLowerCase().replace(/[^a-z0-9]/g, '');
    return hay.includes(needle) || needle.includes(hay);
  });
  const hint = close.length ? ` Did you mean: ${close.slice(0, 5).join(', ')}?` : ' `eventline catalog list` shows them all.';
  return `Unknown event type "${eventType}".${hint}`;
}

import type { Catalog, EventContract, EventType } from '@eventline/contracts';
import { ALL_EVENTS } from '../router';

/** A named rule over the catalog ("every contract with token counts"): the name is what the catalog shows. */
export interface CatalogPredicate {
  name: string;
  matches(contract: EventContract): boolean;
}

export type SubscribedEvents = typeof ALL_EVENTS | readonly EventType[] | CatalogPredicate;

/** What one app consumes, declared in one place: the runtime derives its topics, the catalog its handlers. */
export interface Subscription {
  app: string;
  /** The consumer group (EVENTLINE_TOPIC_PREFIX goes before it at run time). */
  group: string;
  events: SubscribedEvents;
}

export const defineSubscription = <S extends Subscription>(subscription: S): S => subscription;

export const isPredicate = (events: SubscribedEvents): events is CatalogPredicate => typeof events === 'object' && !Array.isArray(events);

export class SubscriptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

/** The catalog's contracts the subscription covers; a listed type the catalog lacks is an error, not a silent gap. */
export function subscribedContracts(subscription: Subscription, catalog: Catalog): EventContract[] {
  const { events } = subscription;
  if (events === ALL_EVENTS) return catalog.events;
  if (isPredicate(events)) return catalog.events.filter((contract) => events.matches(contract));
  const byType = new Map(catalog.events.map((contract) => [contract.eventType, contract]));
  const unknown = events.filter((type) => !byType.has(type));
  if (unknown.length > 0) throw new SubscriptionError(`${subscription.app}: subscription names event types the catalog does not have: ${unknown.join(', ')}`);
  return events.map((type) => byType.get(type)!);
}

export const subscribedTypes = (subscription: Subscription, catalog: Catalog): EventType[] => subscribedContracts(subscription, catalog).map((contract) => contract.eventType as EventType);

/** Only the topics that carry subscribed events: the group never fetches the rest. */
export const subscriptionTopics = (subscription: Subscription, catalog: Catalog): string[] => [...new Set(subscribedContracts(subscription, catalog).map((contract) => contract.topic))].sort();

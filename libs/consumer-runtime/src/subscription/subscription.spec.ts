import { loadCatalog } from '@eventline/contracts';
import { ALL_EVENTS } from '../router';
import { defineSubscription, subscribedTypes, subscriptionTopics, SubscriptionError, type CatalogPredicate } from './subscription';

const catalog = loadCatalog(undefined, { topicPrefix: '' });

describe('subscriptions', () => {
  it('derives the topics of listed types, and only theirs', () => {
    const subscription = defineSubscription({ app: 'a', group: 'g', events: ['TICKET_ASSIGNED', 'PAYMENT_FAILED', 'TICKET_CUSTOMER_REPLIED'] as const });
    expect(subscribedTypes(subscription, catalog)).toEqual(['TICKET_ASSIGNED', 'PAYMENT_FAILED', 'TICKET_CUSTOMER_REPLIED']);
    expect(subscriptionTopics(subscription, catalog)).toEqual(['billing.events.v1', 'tickets.events.v1']);
  });

  it('resolves a named predicate over the catalog, and * to every event', () => {
    const billing: CatalogPredicate = { name: 'billing events', matches: (contract) => contract.domain === 'billing' };
    const types = subscribedTypes(defineSubscription({ app: 'a', group: 'g', events: billing }), catalog);
    expect(types.length).toBe(catalog.events.filter((event) => event.domain === 'billing').length);
    expect(types).toContain('PAYMENT_FAILED');
    expect(subscribedTypes(defineSubscription({ app: 'a', group: 'g', events: ALL_EVENTS }), catalog)).toHaveLength(catalog.events.length);
  });

  it('refuses a type the catalog lacks, naming the app and the type', () => {
    const stale = { app: 'billing-mailer', group: 'g', events: ['PAYMENT_FAILED', 'PAYMENT_VANISHED'] } as unknown as Parameters<typeof subscribedTypes>[0];
    expect(() => subscribedTypes(stale, catalog)).toThrow(SubscriptionError);
    expect(() => subscribedTypes(stale, catalog)).toThrow('billing-mailer: subscription names event types the catalog does not have: PAYMENT_VANISHED');
  });
});

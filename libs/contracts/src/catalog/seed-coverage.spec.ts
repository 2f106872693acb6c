import { seed000, seed001, seed002, seed003, seed004 } from './fixtures/seed-event-names';
import { loadCatalog } from './load-catalog';

/**
 * Every event name the five product catalogs write out must be in schemas/. The names come from
 * fixtures/seed-event-names.ts, copied from those documents, so a contract removed or renamed by
 * mistake fails here.
 */
describe('seed coverage', () => {
  const catalog = loadCatalog();
  const types = new Set(catalog.events.map((e) => e.eventType));
  const missing = (names: string[]) => names.filter((name) => !types.has(name));

  it('carries at least 250 event types', () => {
    expect(catalog.events.length).toBeGreaterThanOrEqual(250);
  });

  // A shortened fixture would make the coverage checks below pass vacuously.
  it('keeps every name the fixture copied from the five catalogs', () => {
    const counts = [seed000.exact, seed000.groupPrefixes, seed001.proposed, seed001.alreadyPresent, seed002.events, seed003.events, seed004.events, seed004.auditActions].map(
      (names) => new Set(names).size,
    );
    expect(counts).toEqual([39, 4, 122, 12, 7, 41, 9, 4]);
  });

  it('has every workflow event of seed 001, proposed and already present', () => {
    expect(missing([...seed001.proposed, ...seed001.alreadyPresent])).toEqual([]);
  });

  it('has every event of seed 002', () => {
    expect(missing(seed002.events)).toEqual([]);
  });

  it('has every system event of seed 003', () => {
    expect(missing(seed003.events)).toEqual([]);
  });

  it('has every event and audit action of seed 004', () => {
    expect(missing([...seed004.events, ...seed004.auditActions])).toEqual([]);
  });

  it('has every event of seed 000, and at least one event of each of its groups', () => {
    expect(missing(seed000.exact)).toEqual([]);
    const emptyGroups = seed000.groupPrefixes.filter((prefix) => ![...types].some((type) => type.startsWith(prefix)));
    expect(emptyGroups).toEqual([]);
  });
});

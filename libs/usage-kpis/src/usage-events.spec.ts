import { loadCatalog } from '@eventline/contracts';
import { USAGE_EVENT_TYPES, usageContracts } from './usage-events';

describe('USAGE_EVENT_TYPES', () => {
  it('lists exactly the contracts whose payload names a model or counts tokens', () => {
    const derived = usageContracts(loadCatalog()).map((contract) => contract.eventType);
    const listed: readonly string[] = USAGE_EVENT_TYPES;
    const missing = derived.filter((type) => !listed.includes(type));
    const stale = listed.filter((type) => !derived.includes(type));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(listed.length).toBeGreaterThan(0);
  });
});

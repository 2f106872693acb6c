import { loadCatalog } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { occurredAtWindowFrom } from './edge-checks';
import { EventEncoder } from './event-encoder';
import type { UntypedEventInput } from './event-input';
import { EventValidationError, type FieldProblem } from './validation-error';

const HOUR = 3_600_000;
// Validation does no I/O: the registry is asked only when encoding.
const encoder = new EventEncoder(loadCatalog(), {} as SchemaRegistryClient, 'edge-test');

function assigned(overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}): UntypedEventInput {
  return {
    event_type: 'TICKET_ASSIGNED',
    tenant_id: 'tenant-a',
    entity_id: 'T-1',
    actor: { id: 'agent-7', type: 'user' },
    payload: { ticketId: 'T-1', newAssigneeId: 'agent-9', newAssigneeType: 'user', actorUserId: 'agent-7', assignedAt: Date.now(), ...payload },
    ...overrides,
  } as UntypedEventInput;
}

function problemsOf(input: UntypedEventInput, check = encoder): FieldProblem[] {
  try {
    check.validate(input);
    return [];
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    return error.problems;
  }
}

describe('what the edge refuses beyond the Avro types', () => {
  it('accepts a well-formed event, an explicit UUID and text beyond the BMP', () => {
    expect(problemsOf(assigned({ event_id: '6f1f8a3e-3c0e-4a47-9d8e-0a5f3b0c2d11', entity_id: 'T-😀' }))).toEqual([]);
  });

  it('refuses a NUL character in an envelope field and in a payload field, naming each', () => {
    expect(problemsOf(assigned({ tenant_id: 'ten\0ant' }, { ticketId: 'T-\u0000' }))).toEqual([
      { path: 'tenant_id', reason: 'holds a NUL character (at index 3), which PostgreSQL text cannot store' },
      { path: 'payload.ticketId', reason: 'holds a NUL character (at index 2), which PostgreSQL text cannot store' },
    ]);
  });

  it('refuses an unpaired surrogate, also in an optional field', () => {
    expect(problemsOf(assigned({ actor: { id: 'agent-\uD800', type: 'user' }, correlation_id: '\uDC00x' }))).toEqual([
      { path: 'actor.id', reason: 'holds an unpaired UTF-16 surrogate, which UTF-8 cannot encode' },
      { path: 'correlation_id', reason: 'holds an unpaired UTF-16 surrogate, which UTF-8 cannot encode' },
    ]);
  });

  it('refuses an event_id that is not a UUID', () => {
    expect(problemsOf(assigned({ event_id: 'e-1' }))).toEqual([{ path: 'event_id', reason: '"e-1" is not a UUID (8-4-4-4-12 hex digits)' }]);
  });

  it('refuses an occurred_at given in seconds, saying so', () => {
    expect(problemsOf(assigned({ occurred_at: 1_790_000_000 }))).toEqual([
      { path: 'occurred_at', reason: '1970-01-21T17:13:20.000Z is more than 1 year before now (epoch seconds? it takes milliseconds)' },
    ]);
  });

  it('takes occurred_at up to 1 hour ahead and 1 year back by default, and no further', () => {
    const now = Date.now();
    expect(problemsOf(assigned({ occurred_at: now + HOUR - 60_000 }))).toEqual([]);
    expect(problemsOf(assigned({ occurred_at: now - 364 * 24 * HOUR }))).toEqual([]);
    expect(problemsOf(assigned({ occurred_at: new Date(now + 2 * HOUR).toISOString() }))).toEqual([{ path: 'occurred_at', reason: expect.stringMatching(/is more than 1 hour after now$/) }]);
    expect(problemsOf(assigned({ occurred_at: now - 366 * 24 * HOUR }))).toEqual([{ path: 'occurred_at', reason: expect.stringMatching(/is more than 1 year before now$/) }]);
  });

  it('takes the window from the environment, and names a bad setting', () => {
    const window = occurredAtWindowFrom({ EVENTLINE_OCCURRED_AT_MAX_AGE_S: '60', EVENTLINE_OCCURRED_AT_MAX_AHEAD_S: '0' });
    expect(window).toEqual({ maxAgeMs: 60_000, maxAheadMs: 0 });
    const strict = new EventEncoder(loadCatalog(), {} as SchemaRegistryClient, 'edge-test', { occurredAtWindow: window });
    expect(problemsOf(assigned({ occurred_at: Date.now() - 120_000 }), strict)).toEqual([{ path: 'occurred_at', reason: expect.stringMatching(/is more than 60 s before now$/) }]);
    expect(() => occurredAtWindowFrom({ EVENTLINE_OCCURRED_AT_MAX_AGE_S: 'a year' })).toThrow('EVENTLINE_OCCURRED_AT_MAX_AGE_S must be a number of seconds ≥ 0, got "a year"');
  });
});

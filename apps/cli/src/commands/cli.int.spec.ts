import { eventline } from '../testing/run-cli';

describe('eventline CLI', () => {
  jest.setTimeout(180_000);

  beforeAll(async () => {
    const register = await eventline('schemas', 'register');
    expect(register.code).toBe(0);
  });

  it('lists every event type as JSON, with topic, subject and latest registered version', async () => {
    const { code, stdout } = await eventline('catalog', 'list', '--json');
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Array<{ event_type: string; category: string; topic: string; subject: string; latest_version: number | null }>;
    expect(entries.length).toBeGreaterThanOrEqual(250);
    const assigned = entries.find((e) => e.event_type === 'TICKET_ASSIGNED');
    expect(assigned).toEqual({
      event_type: 'TICKET_ASSIGNED',
      category: 'Tickets',
      domain: 'tickets',
      topic: 'tickets.events.v1',
      subject: 'tickets.events.v1-dev.eventline.tickets.TicketAssigned',
      latest_version: expect.any(Number),
    });
    expect(entries.filter((e) => e.latest_version === null)).toEqual([]);
    for (const name of ['community.message.created', 'CartItemAdded', 'ai_response.created', 'USER_LOGIN_FAILED']) {
      expect(entries.map((e) => e.event_type)).toContain(name);
    }
  });

  it('shows one event with field types, docs and PII marks', async () => {
    const { code, stdout } = await eventline('catalog', 'show', 'dm.message.created');
    expect(code).toBe(0);
    expect(stdout).toContain('messaging.events.v1-dev.eventline.messaging.DmMessageCreated');
    expect(stdout).toMatch(/^body\s+string\s+PII\s+\S/m);
    expect(stdout).toMatch(/^thread_id\s+string\s{2,}\S/m);
  });

  it('refuses an unknown event type with a clear message', async () => {
    const { code, stderr } = await eventline('catalog', 'show', 'NO_SUCH_EVENT');
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown event type "NO_SUCH_EVENT"');
  });

  it('lints and checks the working tree contracts', async () => {
    const lint = await eventline('schemas', 'lint');
    expect(lint).toMatchObject({ code: 0, stdout: expect.stringMatching(/schemas:lint: \d+ event types in \d+ domains, no problems/) });
    const check = await eventline('schemas', 'check');
    expect(check).toMatchObject({ code: 0, stdout: expect.stringMatching(/0 incompatible/) });
  });
});

import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

/** The listing of real uncertain sends is tested with the worker (apps/notification-worker/src/interrupted-send.int.spec.ts). */
describe('eventline notifications', () => {
  jest.setTimeout(60_000);
  let db: ScratchDatabase;
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url }, ...args);

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
  });
  afterAll(() => db?.drop());

  it('says so when no send is uncertain', async () => {
    expect(await cli('notifications', 'uncertain')).toMatchObject({ code: 0, stdout: 'No uncertain notifications: every interrupted send has been resolved.\n' });
  });

  it('refuses a resolve without exactly one decision, or for an id that is not uncertain', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await cli('notifications', 'resolve', id)).toMatchObject({ code: 1, stderr: expect.stringContaining('needs exactly one of --sent or --resend') });
    expect(await cli('notifications', 'resolve', id, '--sent', '--resend')).toMatchObject({ code: 1, stderr: expect.stringContaining('needs exactly one of --sent or --resend') });
    expect(await cli('notifications', 'resolve', 'n-1', '--sent')).toMatchObject({ code: 1, stderr: expect.stringContaining('"n-1" is not a notification id') });
    expect(await cli('notifications', 'resolve', id, '--resend')).toMatchObject({ code: 1, stderr: expect.stringContaining(`No uncertain notification has id "${id}"`) });
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { MasterKey } from './master-key';

describe('MasterKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'master-key-'));
  const bytes = randomBytes(32);
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads 64 hex digits or 32 raw bytes, the same key either way', () => {
    const fromHex = MasterKey.fromFile(file('hex', `${bytes.toString('hex')}\n`));
    const fromRaw = MasterKey.fromFile(file('raw', bytes));
    expect(fromHex.id).toBe(fromRaw.id);
    expect(fromRaw.unwrap(fromHex.wrap(Buffer.from('data key'), 'ctx'), 'ctx').toString()).toBe('data key');
  });

  it('refuses a missing setting, an unreadable file and a key of the wrong size, naming the file', () => {
    expect(() => MasterKey.fromFile(undefined)).toThrow(/EVENTLINE_MASTER_KEY_FILE is not set/);
    expect(() => MasterKey.fromFile(join(dir, 'absent'))).toThrow(`EVENTLINE_MASTER_KEY_FILE ${join(dir, 'absent')} cannot be read: ENOENT`);
    const short = file('short', 'abcd');
    expect(() => MasterKey.fromFile(short)).toThrow(`EVENTLINE_MASTER_KEY_FILE ${short} holds 4 bytes; the master key is 32 bytes (64 hex digits)`);
  });

  it('never shows its key: inspect, JSON and string give only its id', () => {
    const key = MasterKey.fromBytes(bytes);
    const shown = [inspect(key), JSON.stringify({ key }), String(key), inspect({ nested: key }, { showHidden: true, depth: 5 })].join(' ');
    expect(shown).toContain(key.id);
    expect(shown).not.toContain(bytes.toString('hex'));
    expect(shown).not.toContain(bytes.toString('base64'));
  });

  it('names a subject by a keyed hash: stable, per tenant, and not the subject', () => {
    const key = MasterKey.fromBytes(bytes);
    const ref = key.subjectRef('tenant-a', 'ana@example.com');
    expect(ref).toMatch(/^[0-9a-f]{32}$/);
    expect(key.subjectRef('tenant-a', 'ana@example.com')).toBe(ref);
    expect(key.subjectRef('tenant-b', 'ana@example.com')).not.toBe(ref);
    expect(MasterKey.fromBytes(randomBytes(32)).subjectRef('tenant-a', 'ana@example.com')).not.toBe(ref);
  });
});

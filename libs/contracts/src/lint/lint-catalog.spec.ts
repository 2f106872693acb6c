import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import type { AvroSchema, CatalogSources } from '../catalog/types';
import { lintCatalog } from './lint-catalog';
import { formatIssue } from './lint-issue';

const envelope = JSON.parse(readFileSync(join(findWorkspaceRoot(), 'schemas/_envelope/envelope.avsc'), 'utf8')) as AvroSchema;

const domain = (name: string, overrides: AvroSchema = {}) => ({
  dir: name,
  file: `schemas/${name}/domain.json`,
  json: { domain: name, topic: `${name}.events.v1`, partitions: 3, naming: 'SCREAMING_SNAKE_CASE', retention: 'system', owner: 'test', doc: 'test', ...overrides },
});

const event = (dir: string, eventType: string, fields: AvroSchema[], overrides: AvroSchema = {}) => ({
  dir,
  file: `schemas/${dir}/${eventType}.avsc`,
  json: {
    type: 'record',
    name: eventType
      .split('_')
      .map((p) => p[0] + p.slice(1).toLowerCase())
      .join(''),
    namespace: `dev.eventline.${dir}`,
    doc: 'An event.',
    eventline: { event_type: eventType, title: 'T', category: 'C', entity_type: 'thing', seed: '001' },
    fields,
    ...overrides,
  },
});

const idField = { name: 'thingId', type: 'string', doc: 'The thing.' };
const lint = (sources: Partial<CatalogSources>) => lintCatalog({ envelope: { file: 'envelope', json: envelope }, domains: [domain('things')], events: [], ...sources }).map(formatIssue);

describe('lintCatalog', () => {
  it('accepts a sound catalog', () => {
    expect(lint({ events: [event('things', 'THING_CREATED', [idField])] })).toEqual([]);
  });

  it('fails a duplicated event type, naming both files', () => {
    const issues = lint({
      domains: [domain('things'), domain('others')],
      events: [event('things', 'THING_CREATED', [idField]), event('others', 'THING_CREATED', [idField])],
    });
    expect(issues).toEqual([expect.stringMatching(/others\/THING_CREATED.avsc: event type "THING_CREATED" is duplicated \(also in schemas\/things/)]);
  });

  it('fails a field without a doc, at any depth', () => {
    const nested = { name: 'detail', doc: 'Detail.', type: { type: 'record', name: 'ThingCreatedDetail', fields: [{ name: 'note', type: 'string' }] } };
    const issues = lint({ events: [event('things', 'THING_CREATED', [{ name: 'thingId', type: 'string' }, nested])] });
    expect(issues).toEqual(['schemas/things/THING_CREATED.avsc (ThingCreated.thingId): field has no doc', 'schemas/things/THING_CREATED.avsc (ThingCreated.detail.note): field has no doc']);
  });

  it('fails an optional field without a default', () => {
    const issues = lint({ events: [event('things', 'THING_CREATED', [idField, { name: 'note', type: ['null', 'string'], doc: 'x' }])] });
    expect(issues).toEqual(['schemas/things/THING_CREATED.avsc (ThingCreated.note): optional field (union with null) has no default']);
  });

  it("fails a name that breaks its domain's convention", () => {
    const issues = lint({ events: [event('things', 'thing.created', [idField], { name: 'ThingCreated' })] });
    expect(issues).toContain('schemas/things/thing.created.avsc (eventline.event_type): "thing.created" breaks the things domain\'s SCREAMING_SNAKE_CASE convention');
  });

  it('fails a record name that does not follow the event type', () => {
    const issues = lint({ events: [event('things', 'THING_CREATED', [idField], { name: 'Created' })] });
    expect(issues).toEqual(['schemas/things/THING_CREATED.avsc (name): record name must be "ThingCreated" for event type THING_CREATED']);
  });

  it('fails an event that names its own topic', () => {
    const bad = event('things', 'THING_CREATED', [idField]);
    (bad.json.eventline as AvroSchema).topic = 'elsewhere.events.v1';
    expect(lint({ events: [bad] })).toEqual([expect.stringMatching(/maps to exactly one topic, its domain's \(things.events.v1\); remove "topic"/)]);
  });

  it('fails a domain with several topics, and the events that then map to none', () => {
    const issues = lint({ domains: [domain('things', { topic: ['a.events.v1', 'b.events.v1'] })], events: [event('things', 'THING_CREATED', [idField])] });
    expect(issues).toEqual([
      'schemas/things/domain.json: "topic" must be exactly one topic name',
      'schemas/things/THING_CREATED.avsc: the folder things/ has no valid domain.json, so this event maps to no topic',
    ]);
  });

  it('fails a domain without a retention tier, or with one that is not a tier, naming the file and the tiers', () => {
    const tiers = 'it must be one of audit (retention.ms -1), system (retention.ms 63072000000), operational (retention.ms 2592000000)';
    const { retention: _omitted, ...untiered } = domain('untiered').json;
    const issues = lint({ domains: [{ ...domain('untiered'), json: untiered }, domain('forever', { retention: 'forever' })] });
    expect(issues).toEqual([`schemas/untiered/domain.json: "retention" is missing; ${tiers}`, `schemas/forever/domain.json: "retention" is "forever", not a tier; ${tiers}`]);
  });

  it('fails an event whose file name is not its event type', () => {
    const misplaced = { ...event('things', 'THING_CREATED', [idField]), file: 'schemas/things/created.avsc' };
    expect(lint({ events: [misplaced] })).toEqual(['schemas/things/created.avsc: file must be named THING_CREATED.avsc, after its event type']);
  });

  it('fails an invalid Avro default', () => {
    const issues = lint({ events: [event('things', 'THING_CREATED', [{ name: 'count', type: 'int', default: 'many', doc: 'n' }])] });
    expect(issues).toEqual([expect.stringMatching(/not a valid Avro schema/)]);
  });
  it('accepts a pii_subject that names an envelope path or a string payload field, and the default', () => {
    const fields = [
      idField,
      { name: 'email', type: 'string', doc: 'Address.', pii: true, pii_subject: 'thingId' },
      { name: 'name', type: ['null', 'string'], default: null, doc: 'Name.', pii: true, pii_subject: 'entity_id' },
      { name: 'note', type: 'string', doc: 'Note.', pii: true },
    ];
    expect(lint({ events: [event('things', 'THING_CREATED', fields)] })).toEqual([]);
  });

  it('refuses a pii_subject it cannot resolve, one that is not a string, and one on a field without pii', () => {
    const fields = [
      idField,
      { name: 'count', type: 'long', doc: 'Count.' },
      { name: 'a', type: 'string', doc: 'A.', pii: true, pii_subject: 'owner_id' },
      { name: 'b', type: 'string', doc: 'B.', pii: true, pii_subject: 'actor.name' },
      { name: 'c', type: 'string', doc: 'C.', pii: true, pii_subject: 'count' },
      { name: 'd', type: 'string', doc: 'D.', pii_subject: 'thingId' },
    ];
    expect(lint({ events: [event('things', 'THING_CREATED', fields)] })).toEqual([
      expect.stringContaining('(ThingCreated.a): "pii_subject" "owner_id" names no envelope or payload field ("owner_id")'),
      expect.stringContaining('(ThingCreated.b): "pii_subject" "actor.name" has no field "name" where it points'),
      expect.stringContaining('(ThingCreated.c): "pii_subject" "count" must point at a string field (the subject is an id)'),
      expect.stringContaining('(ThingCreated.d): "pii_subject" is set on a field not marked "pii": true'),
    ]);
  });
});

import { resolvePiiSubject } from '../catalog/pii-subject';
import type { AvroSchema } from '../catalog/types';
import type { LintIssue } from './lint-issue';

type Report = (path: string, message: string) => void;

/** Every field documented, every optional field defaulted, at any depth. */
export function checkRecordFields(record: AvroSchema, path: string, report: Report): void {
  for (const field of (record.fields as AvroSchema[] | undefined) ?? []) {
    const fieldPath = `${path}.${String(field.name)}`;
    if (typeof field.doc !== 'string' || field.doc.trim() === '') report(fieldPath, 'field has no doc');
    if ('pii' in field && typeof field.pii !== 'boolean') report(fieldPath, '"pii" must be true or false');
    checkOptional(field, fieldPath, report);
    for (const nested of nestedRecords(field.type)) checkRecordFields(nested, fieldPath, report);
  }
}

/**
 * Each `"pii_subject"` resolves to a string in the envelope or the payload, and sits on a field
 * marked pii: the publisher seals the field with that subject's key, so a subject it cannot read
 * would make the event unpublishable.
 */
export function checkPiiSubjects(envelope: AvroSchema, payload: AvroSchema, report: Report, record: AvroSchema = payload, path = String(payload.name)): void {
  for (const field of (record.fields as AvroSchema[] | undefined) ?? []) {
    const fieldPath = `${path}.${String(field.name)}`;
    if ('pii_subject' in field) {
      if (field.pii !== true) report(fieldPath, '"pii_subject" is set on a field not marked "pii": true');
      else if (typeof field.pii_subject !== 'string' || field.pii_subject === '') report(fieldPath, '"pii_subject" must be a non-empty path, e.g. actor.id or user_id');
      else {
        const resolved = resolvePiiSubject(envelope, payload, field.pii_subject);
        if ('problem' in resolved) report(fieldPath, `"pii_subject" "${field.pii_subject}" ${resolved.problem}`);
      }
    }
    for (const nested of nestedRecords(field.type)) checkPiiSubjects(envelope, payload, report, nested, fieldPath);
  }
}

function checkOptional(field: AvroSchema, path: string, report: Report): void {
  if (!Array.isArray(field.type) || !field.type.includes('null')) return;
  if (!('default' in field)) report(path, 'optional field (union with null) has no default');
  else if (field.type[0] !== 'null' || field.default !== null) report(path, 'optional field must be ["null", …] with "default": null');
}

function nestedRecords(type: unknown): AvroSchema[] {
  if (Array.isArray(type)) return type.flatMap(nestedRecords);
  if (type === null || typeof type !== 'object') return [];
  const node = type as AvroSchema;
  if (node.type === 'record') return [node];
  if (node.type === 'array') return nestedRecords(node.items);
  if (node.type === 'map') return nestedRecords(node.values);
  return [];
}

export function issueReporter(file: string, issues: LintIssue[]): Report {
  return (path, message) => issues.push({ file, path, message });
}

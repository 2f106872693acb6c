import { SchemaRegistry, SchemaType, COMPATIBILITY, type DecodeOptions } from '@kafkajs/confluent-schema-registry';
import { asCompatibilityLevel, type CompatibilityLevel } from './compatibility';
import { registryRequest, RegistryHttpError } from './registry-http';

export type AvroSchema = Record<string, unknown>;

/**
 * Talks to any Confluent-compatible registry (Confluent's own, or Apicurio's /apis/ccompat/v7)
 * and encodes/decodes the Confluent wire format: magic byte 0, 4-byte schema id, Avro body.
 * Schema ids and parsed schemas are cached by the underlying client: no round trip per message.
 */
export class SchemaRegistryClient {
  private readonly registry: SchemaRegistry;

  constructor(private readonly baseUrl: string) {
    this.registry = new SchemaRegistry({ host: baseUrl });
  }

  /** Registers the schema under `subject` (a no-op returning the same id when already there). */
  async register(subject: string, schema: AvroSchema): Promise<number> {
    // The client refuses to register unless told the subject's level; Apicurio answers 404 for unset ones.
    const level = (await this.getCompatibility(subject)) ?? 'BACKWARD';
    const { id } = await this.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject, compatibility: COMPATIBILITY[level] });
    return id;
  }

  /**
   * Adds `schema` as the next version of `subject` in one request, judged at the subject's own
   * level, without `register`'s level lookups and caching (meant for tooling, not publishers).
   * A refusal is a RegistryHttpError: 409 incompatible, 422 invalid.
   */
  async addVersion(subject: string, schema: AvroSchema): Promise<number> {
    const { id } = await registryRequest<{ id: number }>(this.baseUrl, `${subjectPath('subjects', subject)}/versions`, {
      method: 'POST',
      body: JSON.stringify({ schema: JSON.stringify(schema) }),
    });
    return id;
  }

  /** The id and version under which exactly this schema is registered; RegistryHttpError 404 when it is not. */
  lookup(subject: string, schema: AvroSchema): Promise<{ id: number; version: number }> {
    return registryRequest<{ id: number; version: number }>(this.baseUrl, subjectPath('subjects', subject), {
      method: 'POST',
      body: JSON.stringify({ schema: JSON.stringify(schema) }),
    });
  }

  latestSchemaId(subject: string): Promise<number> {
    return this.registry.getLatestSchemaId(subject);
  }

  async schemaById(id: number): Promise<AvroSchema> {
    const { schema } = await registryRequest<{ schema: string }>(this.baseUrl, `/schemas/ids/${id}`);
    return JSON.parse(schema) as AvroSchema;
  }

  encode(schemaId: number, payload: unknown): Promise<Buffer> {
    return this.registry.encode(schemaId, payload);
  }

  /** Decodes with the writer's schema, resolved against `readerSchema` when one is given. */
  decode(message: Buffer, readerSchema?: AvroSchema): Promise<unknown> {
    const options = readerSchema ? { [SchemaType.AVRO]: { readerSchema } } : undefined;
    return this.registry.decode(message, options as DecodeOptions | undefined);
  }

  async getCompatibility(subject: string): Promise<CompatibilityLevel | undefined> {
    try {
      const config = await registryRequest<{ compatibilityLevel: string }>(this.baseUrl, subjectPath('config', subject));
      return asCompatibilityLevel(config.compatibilityLevel);
    } catch (error) {
      if (error instanceof RegistryHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async setCompatibility(subject: string, level: CompatibilityLevel): Promise<void> {
    await registryRequest(this.baseUrl, subjectPath('config', subject), {
      method: 'PUT',
      body: JSON.stringify({ compatibility: level }),
    });
  }

  /** The registry's own verdict: may `schema` be registered next under `subject`, at the subject's level? */
  async isCompatible(subject: string, schema: AvroSchema): Promise<boolean> {
    const verdict = await registryRequest<{ is_compatible: boolean }>(this.baseUrl, `${subjectPath('compatibility/subjects', subject)}/versions`, {
      method: 'POST',
      body: JSON.stringify({ schema: JSON.stringify(schema) }),
    });
    return verdict.is_compatible;
  }

  /** Registered version numbers of `subject`; empty when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      return await registryRequest<number[]>(this.baseUrl, `${subjectPath('subjects', subject)}/versions`);
    } catch (error) {
      if (error instanceof RegistryHttpError && error.status === 404) return [];
      throw error;
    }
  }

  async schemaAtVersion(subject: string, version: number): Promise<AvroSchema> {
    const { schema } = await registryRequest<{ schema: string }>(this.baseUrl, `${subjectPath('subjects', subject)}/versions/${version}`);
    return JSON.parse(schema) as AvroSchema;
  }

  /** Deletes `subject` and its versions: soft first (Confluent's rule), then `permanent` for good. */
  async deleteSubject(subject: string, { permanent = false } = {}): Promise<void> {
    await registryRequest(this.baseUrl, `${subjectPath('subjects', subject)}${permanent ? '?permanent=true' : ''}`, { method: 'DELETE' });
  }

  /** Drops the subject's own compatibility level, so it falls back to the global one. */
  async deleteCompatibility(subject: string): Promise<void> {
    await registryRequest(this.baseUrl, subjectPath('config', subject), { method: 'DELETE' });
  }

  /** Subject names; with `includeDeleted`, soft-deleted ones too (permanently deleted ones never). */
  subjects({ includeDeleted = false } = {}): Promise<string[]> {
    return registryRequest<string[]>(this.baseUrl, includeDeleted ? '/subjects?deleted=true' : '/subjects');
  }
}

function subjectPath(resource: 'config' | 'subjects' | 'compatibility/subjects', subject: string): string {
  return `/${resource}/${encodeURIComponent(subject)}`;
}

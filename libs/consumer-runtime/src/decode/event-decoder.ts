import { Type, type Resolver } from 'avsc';
import type { Catalog, EventContract } from '@eventline/contracts';
import type { IncomingMessage } from '@eventline/kafka-port';
import { parseWireFormat, RegistryHttpError, WireFormatError, type SchemaRegistryClient } from '@eventline/schema-registry';
import { decodedEvent, type DecodedEvent } from '../context';
import { UndecodableMessageError } from '../errors';

interface Reader {
  type: Type;
  resolver?: Resolver;
}

/**
 * Decodes Confluent wire-format messages. The writer's schema comes from the registry by id (once
 * per id); it is resolved against the reader's schema, the catalog's current contract for that
 * record, so both older and newer versions of a contract decode into today's shape.
 */
export class EventDecoder {
  private readonly readers = new Map<number, Promise<Reader>>();
  private readonly contractsByName: Map<string, EventContract>;

  constructor(
    private readonly registry: SchemaRegistryClient,
    catalog: Catalog,
    private readonly readerOverrides: Map<string, Record<string, unknown>> = new Map(),
  ) {
    this.contractsByName = new Map(catalog.events.map((event) => [event.fullName, event]));
  }

  async decode(message: IncomingMessage): Promise<DecodedEvent> {
    if (!message.value) throw new UndecodableMessageError('undecodable', 'the message has no value');
    let wire: { schemaId: number; body: Buffer };
    try {
      wire = parseWireFormat(message.value);
    } catch (error) {
      if (error instanceof WireFormatError) throw new UndecodableMessageError('undecodable', error.message);
      throw error;
    }
    const reader = await this.readerFor(wire.schemaId);
    let envelope: Record<string, unknown>;
    try {
      envelope = reader.type.fromBuffer(wire.body, reader.resolver) as Record<string, unknown>;
    } catch (error) {
      throw new UndecodableMessageError('undecodable', `the Avro body does not match schema ${wire.schemaId}: ${(error as Error).message}`);
    }
    return decodedEvent({
      eventType: String(envelope.event_type),
      eventId: String(envelope.event_id),
      tenantId: String(envelope.tenant_id),
      schemaId: wire.schemaId,
      envelope,
      message,
    });
  }

  private readerFor(schemaId: number): Promise<Reader> {
    let reader = this.readers.get(schemaId);
    if (!reader) {
      reader = this.buildReader(schemaId);
      this.readers.set(schemaId, reader);
      // A transient registry failure must not be remembered; an unknown id is re-asked too, cheaply.
      reader.catch(() => this.readers.delete(schemaId));
    }
    return reader;
  }

  private async buildReader(schemaId: number): Promise<Reader> {
    let writerSchema: Record<string, unknown>;
    try {
      writerSchema = await this.registry.schemaById(schemaId);
    } catch (error) {
      if (error instanceof RegistryHttpError && error.status === 404) {
        throw new UndecodableMessageError('unknown_schema', `schema id ${schemaId} is not known to the registry`);
      }
      throw error;
    }
    const writer = Type.forSchema(writerSchema as never);
    const fullName = `${String(writerSchema.namespace)}.${String(writerSchema.name)}`;
    const readerSchema = this.readerOverrides.get(fullName) ?? this.contractsByName.get(fullName)?.schema;
    if (!readerSchema) return { type: writer };
    const type = Type.forSchema(readerSchema as never);
    return { type, resolver: type.createResolver(writer) };
  }
}

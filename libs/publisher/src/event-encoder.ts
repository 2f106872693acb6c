import { Type } from 'avsc';
import { findEvent, type Catalog, type EventContract } from '@eventline/contracts';
import type { Headers, OutgoingMessage } from '@eventline/kafka-port';
import { toWireFormat, type SchemaRegistryClient } from '@eventline/schema-registry';
import { buildEnvelope } from './envelope';
import type { UntypedEventInput } from './event-input';
import { SchemaIdCache } from './schema-ids';
import { checkAgainst } from './validate';
import { EventValidationError, type FieldProblem } from './validation-error';

export const CONTENT_TYPE = 'application/vnd.eventline.event+avro; wire=confluent';

export interface PreparedEvent {
  eventId: string;
  eventType: string;
  tenantId: string;
  topic: string;
  message: OutgoingMessage;
  /** The validated envelope, as encoded. */
  envelope: Record<string, unknown>;
}

/** Turns producer input into a Kafka message: validate, fill the envelope, encode in the Confluent wire format. */
export class EventEncoder {
  private readonly types = new Map<string, Type>();
  private readonly schemaIds: SchemaIdCache;

  constructor(
    private readonly catalog: Catalog,
    registry: SchemaRegistryClient,
    private readonly source: string,
  ) {
    this.schemaIds = new SchemaIdCache(registry);
  }

  /** Checks input without any I/O; throws EventValidationError naming each bad field. */
  validate(input: UntypedEventInput): { contract: EventContract; envelope: Record<string, unknown> } {
    const contract = this.contractFor(input);
    const problems: FieldProblem[] = [];
    // schema_version is known only after the registry lookup; a placeholder keeps validation free of I/O.
    const draft = buildEnvelope(input, contract, this.source, 'pending', problems);
    const envelope = checkAgainst(this.typeFor(contract), contract.schema, draft, problems);
    if (problems.length > 0) throw new EventValidationError(contract.eventType, problems);
    return { contract, envelope };
  }

  async prepare(input: UntypedEventInput): Promise<PreparedEvent> {
    const { contract, envelope } = this.validate(input);
    const { id, version } = await this.schemaIds.resolve(contract);
    envelope.schema_version = String(version);
    const value = toWireFormat(id, this.typeFor(contract).toBuffer(envelope));
    const eventId = String(envelope.event_id);
    const tenantId = String(envelope.tenant_id);
    return {
      eventId,
      eventType: contract.eventType,
      tenantId,
      topic: contract.topic,
      envelope,
      message: { key: tenantId, value, headers: headersFor(contract.eventType, eventId, tenantId, input) },
    };
  }

  private contractFor(input: UntypedEventInput): EventContract {
    const eventType = typeof input?.event_type === 'string' ? input.event_type : '';
    const contract = eventType ? findEvent(this.catalog, eventType) : undefined;
    if (!contract) {
      const reason = eventType ? `unknown event type "${eventType}" (not in the catalog)` : 'is required';
      throw new EventValidationError(eventType, [{ path: 'event_type', reason }]);
    }
    return contract;
  }

  private typeFor(contract: EventContract): Type {
    let type = this.types.get(contract.eventType);
    if (!type) {
      type = Type.forSchema(contract.schema as never);
      this.types.set(contract.eventType, type);
    }
    return type;
  }
}

function headersFor(eventType: string, eventId: string, tenantId: string, input: UntypedEventInput): Headers {
  const headers: Headers = { event_type: eventType, event_id: eventId, tenant_id: tenantId, 'content-type': CONTENT_TYPE };
  if (input.traceparent) headers.traceparent = input.traceparent;
  if (input.tracestate) headers.tracestate = input.tracestate;
  return headers;
}

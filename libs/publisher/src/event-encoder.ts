import { Type } from 'avsc';
import { findEvent, type Catalog, type EventContract } from '@eventline/contracts';
import type { Headers, OutgoingMessage } from '@eventline/kafka-port';
import type { PiiSealer } from '@eventline/pii-sealing';
import { encodeWireFormat, type SchemaRegistryClient } from '@eventline/schema-registry';
import { injectTraceHeaders } from '@eventline/tracing';
import { checkOccurredAt, DEFAULT_OCCURRED_AT_WINDOW, type OccurredAtWindow } from './edge-checks';
import { buildEnvelope } from './envelope';
import type { UntypedEventInput } from './event-input';
import { SchemaIdCache, type RegisteredSchema } from './schema-ids';
import { compileChecker, type Checker } from './validate';
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

/** Input that passed its contract: the full envelope, defaults filled, still without its schema_version. */
export interface ValidatedEvent {
  contract: EventContract;
  envelope: Record<string, unknown>;
  input: UntypedEventInput;
}

/** What encoding needs of a contract, built on its first event: the Avro type and the compiled checker. */
interface Codec {
  type: Type;
  check: Checker;
}

/** Turns producer input into a Kafka message: validate, fill the envelope, encode in the Confluent wire format. */
export class EventEncoder {
  private readonly codecs = new Map<string, Codec>();
  private readonly schemaIds: SchemaIdCache;

  private readonly occurredAtWindow: OccurredAtWindow;
  private readonly sealer: PiiSealer | undefined;

  constructor(
    private readonly catalog: Catalog,
    registry: SchemaRegistryClient,
    private readonly source: string,
    options: { occurredAtWindow?: OccurredAtWindow; sealer?: PiiSealer } = {},
  ) {
    this.schemaIds = new SchemaIdCache(registry);
    this.occurredAtWindow = options.occurredAtWindow ?? DEFAULT_OCCURRED_AT_WINDOW;
    this.sealer = options.sealer;
  }

  /** Checks input without any I/O; throws EventValidationError naming each bad field. */
  validate(input: UntypedEventInput): ValidatedEvent {
    const contract = this.contractFor(input);
    const problems: FieldProblem[] = [];
    // schema_version is known only after the registry lookup; a placeholder keeps validation free of I/O.
    const draft = buildEnvelope(input, contract, this.source, 'pending', problems);
    const envelope = this.codecFor(contract).check(draft, problems);
    checkOccurredAt(envelope.occurred_at, this.occurredAtWindow, Date.now(), problems);
    if (this.sealer) problems.push(...this.sealer.check(envelope, contract));
    if (problems.length > 0) throw new EventValidationError(contract.eventType, problems);
    return { contract, envelope, input };
  }

  async prepare(input: UntypedEventInput): Promise<PreparedEvent> {
    const [prepared] = await this.encodeAll([this.validate(input)]);
    return prepared;
  }

  /** Seals personal data (when a key store is given), then encodes; the registry is asked once per contract (and only the first time). */
  async encodeAll(events: ValidatedEvent[]): Promise<PreparedEvent[]> {
    await this.sealer?.sealAll(events);
    const contracts = new Set(events.map((event) => event.contract));
    const ids = new Map(await Promise.all([...contracts].map(async (contract) => [contract, await this.schemaIds.resolve(contract)] as const)));
    return events.map((event) => this.encode(event, ids.get(event.contract)!));
  }

  private encode({ contract, envelope, input }: ValidatedEvent, schema: RegisteredSchema): PreparedEvent {
    envelope.schema_version = String(schema.version);
    const value = encodeWireFormat(schema.id, this.codecFor(contract).type, envelope);
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

  private codecFor(contract: EventContract): Codec {
    let codec = this.codecs.get(contract.eventType);
    if (!codec) {
      const type = Type.forSchema(contract.schema as never);
      codec = { type, check: compileChecker(type, contract.schema) };
      this.codecs.set(contract.eventType, codec);
    }
    return codec;
  }
}

function headersFor(eventType: string, eventId: string, tenantId: string, input: UntypedEventInput): Headers {
  const headers: Headers = { event_type: eventType, event_id: eventId, tenant_id: tenantId, 'content-type': CONTENT_TYPE };
  // An event that brings its trace context (an outbox row) keeps it; any other carries the publish call's.
  if (!input.traceparent) return injectTraceHeaders(headers);
  headers.traceparent = input.traceparent;
  if (input.tracestate) headers.tracestate = input.tracestate;
  return headers;
}

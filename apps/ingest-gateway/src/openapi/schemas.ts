import type { SchemaObject } from '@nestjs/swagger';

/** The gateway's JSON shapes, registered as OpenAPI components and referenced from the routes. */
export const ref = (name: keyof typeof GATEWAY_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

const Event: SchemaObject = {
  type: 'object',
  description: 'One domain event. The payload follows the Avro contract of `event_type` (see `npx eventline catalog show <event_type>`); fields the contract does not declare are refused.',
  required: ['event_type', 'tenant_id', 'entity_id', 'payload'],
  additionalProperties: false,
  properties: {
    event_type: { type: 'string', description: 'Catalog name, exactly as written there.', example: 'TICKET_ASSIGNED' },
    tenant_id: { type: 'string', description: 'Owning tenant; also the Kafka message key.', example: 'acme' },
    entity_id: { type: 'string', description: 'Id of the entity the event is about.', example: 'T-1042' },
    payload: { type: 'object', additionalProperties: true, description: "The event's own fields, per its contract." },
    entity_type: { type: 'string', description: "Defaults to the catalog's entity type for the event." },
    actor: {
      type: 'object',
      required: ['id', 'type'],
      properties: { id: { type: 'string' }, type: { type: 'string', enum: ['user', 'contact', 'service_account', 'system', 'ai_model'] } },
      description: 'Who initiated the event; defaults to {"id": "system", "type": "system"}.',
    },
    event_id: { type: 'string', format: 'uuid', description: 'Generated when absent. Send your own to make retries deduplicable downstream.' },
    occurred_at: {
      oneOf: [
        { type: 'string', format: 'date-time' },
        { type: 'integer', description: 'epoch milliseconds' },
      ],
      description:
        "When the business fact happened; defaults to now. Refused when more than 1 year before or 1 hour after the gateway's clock (EVENTLINE_OCCURRED_AT_MAX_AGE_S, EVENTLINE_OCCURRED_AT_MAX_AHEAD_S). No string may hold a NUL character or an unpaired surrogate.",
    },
    correlation_id: { type: 'string', nullable: true },
    causation_id: { type: 'string', nullable: true },
    confidence: { type: 'number', nullable: true, description: 'AI events only.' },
    model: {
      type: 'object',
      nullable: true,
      required: ['name'],
      properties: { name: { type: 'string' }, version: { type: 'string', nullable: true } },
      description: 'AI events only.',
    },
  },
  example: {
    event_type: 'TICKET_ASSIGNED',
    tenant_id: 'acme',
    entity_id: 'T-1042',
    actor: { id: 'agent-7', type: 'user' },
    payload: { ticketId: 'T-1042', newAssigneeId: 'agent-9', newAssigneeType: 'user', actorUserId: 'agent-7', assignedAt: '2026-11-25T10:00:00Z' },
  },
};

const PublishRequest: SchemaObject = {
  description: 'One event, a JSON array of events, or {"events": [...]}: at most 500 events and the body limit (1 MiB by default) per request.',
  oneOf: [
    { $ref: '#/components/schemas/Event' },
    { type: 'array', items: { $ref: '#/components/schemas/Event' }, minItems: 1, maxItems: 500 },
    {
      type: 'object',
      required: ['events'],
      additionalProperties: false,
      properties: { events: { type: 'array', items: { $ref: '#/components/schemas/Event' }, minItems: 1, maxItems: 500 } },
    },
  ],
};

const Accepted: SchemaObject = {
  type: 'object',
  required: ['accepted', 'event_ids'],
  properties: {
    accepted: { type: 'integer', example: 1 },
    event_ids: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'In the order of the request.' },
  },
};

const errorFields = {
  error: {
    type: 'string',
    description: 'A stable code: unauthorized, forbidden, invalid_events, invalid_json, invalid_body, batch_too_large, payload_too_large, contract_not_registered, internal_error.',
  },
  message: { type: 'string' },
  request_id: { type: 'string', description: 'The X-Request-Id of the request.' },
} satisfies Record<string, SchemaObject>;

const ErrorBody: SchemaObject = { type: 'object', required: ['error', 'message', 'request_id'], properties: errorFields };

const InvalidEvents: SchemaObject = {
  type: 'object',
  required: ['error', 'message', 'request_id', 'events'],
  properties: {
    ...errorFields,
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer', description: "The event's position in the request." },
          event_type: { type: 'string', nullable: true },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string', description: 'Dotted path from the event root, e.g. payload.assignedAt; empty for the event itself.' },
                reason: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
  example: {
    error: 'invalid_events',
    message: '1 event(s) are invalid, so none of the request was published.',
    request_id: '3f1c…',
    events: [{ index: 0, event_type: 'TICKET_ASSIGNED', errors: [{ field: 'payload.newAssigneeId', reason: 'is required (string)' }] }],
  },
};

const Forbidden: SchemaObject = {
  type: 'object',
  required: ['error', 'message', 'request_id', 'events'],
  properties: {
    ...errorFields,
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: { index: { type: 'integer' }, tenant_id: { type: 'string', nullable: true }, event_type: { type: 'string', nullable: true }, reason: { type: 'string' } },
      },
    },
  },
};

export const GATEWAY_SCHEMAS = { Event, PublishRequest, Accepted, Error: ErrorBody, InvalidEvents, Forbidden };

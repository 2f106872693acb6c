import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ApiKey } from '@eventline/api-keys';
import { ContractNotRegisteredError, Publisher, PublishUnavailableError, type UntypedEventInput } from '@eventline/publisher';
import { forbiddenEvents } from '../auth/forbidden-events';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { GatewayError } from '../http/gateway-error';
import { fromValidationError, invalidEvents } from './invalid-events';
import { readEvents } from './read-events';

export interface Accepted {
  accepted: number;
  event_ids: string[];
}

/** One request's events: read, authorized for the key, then published all together or not at all. */
@Injectable()
export class IngestService {
  constructor(
    @Inject(Publisher) private readonly publisher: Publisher,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(IngestService.name);
  }

  async ingest(key: ApiKey, body: unknown, requestId: string): Promise<Accepted> {
    const events = readEvents(body, this.config.maxBatchSize);
    const forbidden = forbiddenEvents(key, events);
    if (forbidden.length > 0) {
      throw new GatewayError(403, 'forbidden', `The key "${key.name}" may not publish ${forbidden.length} of the request's events; none was published.`, { events: forbidden });
    }
    const published = await this.publish(events);
    const eventIds = published.map((result) => result.event_id);
    this.logger.info({ request_id: requestId, key_id: key.id, accepted: eventIds.length, event_types: [...new Set(published.map((r) => r.event_type))] }, 'events accepted');
    return { accepted: eventIds.length, event_ids: eventIds };
  }

  private async publish(events: UntypedEventInput[]) {
    try {
      return await this.publisher.publishUntyped(events);
    } catch (error) {
      const invalid = fromValidationError(error);
      if (invalid) throw invalidEvents(invalid);
      if (error instanceof ContractNotRegisteredError) throw new GatewayError(503, 'contract_not_registered', error.message);
      if (error instanceof PublishUnavailableError) throw brokerUnavailable(error);
      throw error;
    }
  }
}

/** Kafka did not acknowledge: never a 202 then. The client sends the same request again later (same event ids, if it set them). */
function brokerUnavailable(error: PublishUnavailableError): GatewayError {
  return new GatewayError(503, 'broker_unavailable', `Kafka did not acknowledge the events, so none may count as published; retry later. (${error.message})`, {}, RETRY_AFTER_S);
}

const RETRY_AFTER_S = 5;

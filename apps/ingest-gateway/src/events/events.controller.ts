import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { ApiKey } from '@eventline/api-keys';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { AuthenticatedKey } from '../auth/authenticated-key';
import { RequestId } from '../http/request-id';
import { ref } from '../openapi/schemas';
import { API_KEY_SCHEME, BEARER_SCHEME } from '../openapi/security-schemes';
import { IngestService, type Accepted } from './ingest.service';

@ApiTags('events')
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class EventsController {
  constructor(@Inject(IngestService) private readonly ingestService: IngestService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Publish one event or a batch',
    description: 'Every event is authorized and validated before any is published: a request is accepted whole or refused whole.',
  })
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiSecurity(API_KEY_SCHEME)
  @ApiHeader({ name: 'X-Request-Id', required: false, description: 'Echoed in the response and its logs; generated when absent.' })
  @ApiBody({ schema: ref('PublishRequest') })
  @ApiResponse({ status: 202, description: 'Published: the broker acknowledged every event.', schema: ref('Accepted') })
  @ApiResponse({ status: 400, description: 'invalid_events (per event and field), invalid_json, invalid_body or batch_too_large; nothing was published.', schema: ref('InvalidEvents') })
  @ApiResponse({ status: 401, description: 'No API key, or an unknown or revoked one.', schema: ref('Error') })
  @ApiResponse({ status: 403, description: 'The key does not allow the tenant or event type of the events listed; nothing was published.', schema: ref('Forbidden') })
  @ApiResponse({ status: 413, description: 'The body exceeds the limit (INGEST_MAX_BODY_BYTES, 1 MiB by default).', schema: ref('Error') })
  @ApiResponse({
    status: 503,
    description: "contract_not_registered (the event's contract is not in the schema registry) or broker_unavailable (Kafka did not acknowledge within the publish budget; see Retry-After).",
    schema: ref('Error'),
  })
  publish(@AuthenticatedKey() key: ApiKey, @Body() body: unknown, @RequestId() requestId: string): Promise<Accepted> {
    return this.ingestService.ingest(key, body, requestId);
  }
}

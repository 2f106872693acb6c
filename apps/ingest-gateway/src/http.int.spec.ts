import { GatewayFixture } from './testing/gateway-fixture';

describe('ingest gateway HTTP surface', () => {
  const gateway = new GatewayFixture();
  beforeAll(() => gateway.start());
  afterAll(() => gateway.stop());

  it('echoes the caller’s X-Request-Id in the header and the error body', async () => {
    const response = await gateway.post({}, { 'x-request-id': 'trace-42.a' });
    expect(response.headers.get('x-request-id')).toBe('trace-42.a');
    expect(response.body.request_id).toBe('trace-42.a');
  });

  it('makes a request id when none (or an unusable one) is sent', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const none = await gateway.request('GET', '/health');
    expect(none.headers.get('x-request-id')).toMatch(uuid);
    const unusable = await gateway.request('GET', '/health', { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(unusable.headers.get('x-request-id')).toMatch(uuid);
  });

  it('GET /health answers ok', async () => {
    const response = await gateway.request('GET', '/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok', checks: { kafka: 'up', 'schema registry': 'up', database: 'up' } } });
  });

  it('serves an OpenAPI description of POST /v1/events with its auth and responses', async () => {
    const { status, body } = await gateway.request('GET', '/openapi.json');
    expect(status).toBe(200);
    const post = body.paths['/v1/events'].post;
    expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '413', '503']);
    expect(post.security).toEqual(expect.arrayContaining([{ bearer: [] }, { api_key: [] }]));
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['api_key', 'bearer']);
    expect(body.components.schemas.Event.required).toEqual(['event_type', 'tenant_id', 'entity_id', 'payload']);
  });

  it('answers unknown routes with JSON, not an HTML page', async () => {
    const response = await gateway.request('GET', '/v1/nothing-here');
    expect(response).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});

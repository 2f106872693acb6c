/** The slice of the Confluent REST API that @kafkajs/confluent-schema-registry does not expose. */
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class RegistryHttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    body: string,
  ) {
    super(`Schema registry answered ${status} for ${path}: ${body}`);
    this.name = 'RegistryHttpError';
  }
}

export async function registryRequest<T>(baseUrl: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}${path}`, {
    ...init,
    headers: { accept: CONTENT_TYPE, 'content-type': CONTENT_TYPE, ...init.headers },
  });
  const body = await response.text();
  if (!response.ok) throw new RegistryHttpError(response.status, path, body);
  return (body === '' ? undefined : JSON.parse(body)) as T;
}

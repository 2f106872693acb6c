import { RegistryHttpError, type AvroSchema, type SchemaRegistryClient } from '@eventline/schema-registry';

export interface Refusal {
  error: string;
}

const ATTEMPTS = 4;

/**
 * Registers `schema` as the next version of a scratch subject. A 409 (incompatible) or 422
 * (invalid) is the registry's verdict and comes back as a refusal; a server error is retried,
 * because Apicurio shares content between subjects and a concurrent permanent delete elsewhere
 * sweeps orphaned content, failing a registration that was about to reuse it.
 */
export async function addScratchVersion(registry: SchemaRegistryClient, subject: string, schema: AvroSchema): Promise<Refusal | undefined> {
  try {
    await withRetry(() => registry.addVersion(subject, schema));
    return undefined;
  } catch (error) {
    if (error instanceof RegistryHttpError && (error.status === 409 || error.status === 422)) return { error: error.message };
    throw error;
  }
}

/** Server errors (5xx) are retried with a short back-off; anything else is final. */
export async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const transient = error instanceof RegistryHttpError && error.status >= 500;
      if (!transient || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Deletes a scratch subject for good: soft first, as the Confluent API requires, then permanently,
 * which takes its level along; only the level when no version was registered. What is already
 * gone is fine. Returns what could not be removed, for the report: best effort.
 */
export async function removeScratchSubject(registry: SchemaRegistryClient, subject: string, hasVersions: boolean): Promise<string[]> {
  const steps = hasVersions ? [() => registry.deleteSubject(subject), () => registry.deleteSubject(subject, { permanent: true })] : [() => registry.deleteCompatibility(subject)];
  const errors: string[] = [];
  for (const step of steps) {
    try {
      await withRetry(step);
    } catch (error) {
      if (!(error instanceof RegistryHttpError && error.status === 404)) errors.push(`${subject}: ${(error as Error).message}`);
    }
  }
  return errors;
}

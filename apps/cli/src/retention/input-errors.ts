import { RetentionInputError } from '@eventline/read-model-retention';
import { CliError } from '../errors';

/** Refused input as one line for the terminal (it names the option and why); anything else unchanged. */
export async function refusingInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof RetentionInputError ? new CliError(error.message) : error;
  }
}

import { findEvent, type Catalog, type EventContract } from '@eventline/contracts';
import { EventCategoryError } from './event-category-error';

/** The façade builds seed 003's payload shape (status, error_message, ip_address, user_agent), which only its contracts have. */
const SEED = '003';

/** The contract of `name`, provided it belongs to seed 003 and to `category`; otherwise an error naming both. */
export function resolveSeedEvent(catalog: Catalog, category: string, name: string): EventContract {
  const contract = findEvent(catalog, name);
  if (!contract) {
    throw new EventCategoryError(`EventRegistry: unknown event "${name}" (category "${category}"): it is not in the event catalog.`, category, name);
  }
  if (contract.seed !== SEED) {
    const hint = 'EventRegistry records seed 003 events only; publish it with Publisher.publish.';
    throw new EventCategoryError(`EventRegistry: "${name}" (category "${category}") is a ${contract.category} event of seed ${contract.seed}. ${hint}`, category, name);
  }
  if (contract.category !== category) {
    throw new EventCategoryError(`EventRegistry: "${name}" belongs to category "${contract.category}", not "${category}".`, category, name);
  }
  return contract;
}

/** `record(category, name)` named an event the catalog does not hold under that category. Nothing was published. */
export class EventCategoryError extends Error {
  constructor(
    message: string,
    readonly category: string,
    readonly eventName: string,
  ) {
    super(message);
    this.name = 'EventCategoryError';
  }
}

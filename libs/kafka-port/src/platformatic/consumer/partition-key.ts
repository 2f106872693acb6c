export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** TICKET_ASSIGNED → TicketAssigned, community.message.created → CommunityMessageCreated, CartItemAdded → CartItemAdded. */
export function recordNameFor(eventType: string): string {
  return eventType
    .split(/[._]/)
    .filter(Boolean)
    .map((part) => (/^[A-Z0-9]+$/.test(part) ? part[0] + part.slice(1).toLowerCase() : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

export const namespaceFor = (domain: string) => `dev.eventline.${domain}`;

export const topicFor = (domain: string) => `${domain}.events.v1`;

export const subjectFor = (topic: string, fullName: string) => `${topic}-${fullName}`;

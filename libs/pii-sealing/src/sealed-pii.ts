/** One data subject's sealed fields, as the envelope's `pii_sealed` carries them. */
export interface SealedPii {
  subject_ref: string;
  generation: number;
  fields: string[];
  sealed: string;
}

/** A sealed blob opens only for the event and key it was made for: moving it to another event fails. */
export const sealContext = (eventId: string, entry: Pick<SealedPii, 'subject_ref' | 'generation'>) => `pii:${eventId}:${entry.subject_ref}:${entry.generation}`;

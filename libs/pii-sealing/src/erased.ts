/**
 * What a reader gets in place of a field whose data subject was erased: the key that sealed it is
 * gone, so the value is gone too. Not `null`: many personal fields are required, and a reader
 * must be able to tell "erased" from "never given".
 */
export class Erased {
  readonly erased = true;

  constructor(readonly subjectRef: string) {}

  toJSON(): { erased: true; subject_ref: string } {
    return { erased: true, subject_ref: this.subjectRef };
  }

  toString(): string {
    return '[erased]';
  }
}

export const isErased = (value: unknown): value is Erased => value instanceof Erased;

/**
 * What a reader that may not see personal data gets for a field still sealed (`eventline tail`
 * without --open-pii): it says the value exists and whose it is, not what it is.
 */
export class Sealed {
  readonly sealed = true;

  constructor(readonly subjectRef: string) {}

  toJSON(): { sealed: true; subject_ref: string } {
    return { sealed: true, subject_ref: this.subjectRef };
  }
}

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

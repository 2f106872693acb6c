/**
 * A clone of the repository is all a user has, so no tracked file may reach into the folder that
 * sits beside it on the machines it was first built on. The patterns are built from parts so this
 * file does not match them itself.
 */
const sibling = ['\\.\\.', 'shared'];
const OUTSIDE_REFERENCES = [
  // a path written out: ../shared, ..\shared
  new RegExp(`${sibling[0]}[\\\\/]${sibling[1]}\\b`),
  // a path joined from parts: join(root, '..', 'shared')
  new RegExp(`['"\`]${sibling[0]}['"\`]\\s*,\\s*['"\`]${sibling[1]}['"\`]`),
];

export interface TrackedFile {
  path: string;
  text: string;
}

/** `path:line: text` for every line of the given files that refers to the sibling folder. */
export function findOutsideReferences(files: TrackedFile[]): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => (OUTSIDE_REFERENCES.some((pattern) => pattern.test(line)) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

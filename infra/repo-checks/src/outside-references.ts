/**
 * A clone of the repository is all a user has, so no tracked file may reach into the folder that
 * sits beside it on the machines it was first built on. The patterns are built from parts so this
 * file does not match them itself.
 */
const sibling = ['\\.\\.', 'shared'];
const OUTSIDE_REFERENCES = [
  // the path written out, with either slash
  new RegExp(`${sibling[0]}[\\\\/]${sibling[1]}\\b`),
  // the path joined from parts, as path.join(root, <parent>, <folder>) takes them
  new RegExp(`['"\`]${sibling[0]}['"\`]\\s*,\\s*['"\`]${sibling[1]}['"\`]`),
];

export interface TrackedFile {
  path: string;
  text: string;
}

/** `path:line: text` for every line of the given files that refers to the sibling folder. */
export function findOutsideReferences(files: TrackedFile[]): string[] {
  return files.flatMap(({ path, text }) => text.split('\n').flatMap((line, index) => (OUTSIDE_REFERENCES.some((pattern) => pattern.test(line)) ? [`${path}:${index + 1}: ${line.trim()}`] : [])));
}

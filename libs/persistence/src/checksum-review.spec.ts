import { reviewChecksums } from './checksum-review';
import type { MigrationFile } from './migration-files';

const file = (name: string, sha256: string): MigrationFile => ({ name, fileName: `${name}.sql`, dir: '/migrations', sha256 });
const SUPERSEDED = { '2_b': [{ commit: 'abc1234', sha256: 'old-b', supersededBy: '3_fix-b' }] };

describe('reviewChecksums', () => {
  const files = [file('1_a', 'a'), file('2_b', 'b'), file('3_fix-b', 'fix')];

  it('finds nothing to refuse when every applied file is as it was applied', () => {
    const review = reviewChecksums(
      files,
      new Set(['1_a', '2_b']),
      new Map([
        ['1_a', 'a'],
        ['2_b', 'b'],
      ]),
      SUPERSEDED,
    );
    expect(review).toEqual({ unrecorded: [], superseded: [], edited: [], pending: [files[2]] });
  });

  it('reports an applied file whose checksum changed as edited', () => {
    const review = reviewChecksums(files, new Set(['1_a']), new Map([['1_a', 'a-before']]), SUPERSEDED);
    expect(review.edited).toEqual([{ fileName: '1_a.sql', dir: '/migrations', appliedSha256: 'a-before', fileSha256: 'a' }]);
  });

  it('accepts a known earlier text while the migration superseding it ships', () => {
    const review = reviewChecksums(
      files,
      new Set(['1_a', '2_b']),
      new Map([
        ['1_a', 'a'],
        ['2_b', 'old-b'],
      ]),
      SUPERSEDED,
    );
    expect(review.edited).toEqual([]);
    expect(review.superseded).toEqual([{ fileName: '2_b.sql', version: SUPERSEDED['2_b'][0] }]);
  });

  it('refuses a known earlier text when the migration superseding it does not ship', () => {
    const review = reviewChecksums(
      files.slice(0, 2),
      new Set(['1_a', '2_b']),
      new Map([
        ['1_a', 'a'],
        ['2_b', 'old-b'],
      ]),
      SUPERSEDED,
    );
    expect(review.edited.map((e) => e.fileName)).toEqual(['2_b.sql']);
  });

  it('refuses any other text of a file that has a known earlier text', () => {
    const review = reviewChecksums(files, new Set(['2_b']), new Map([['2_b', 'edited-b']]), SUPERSEDED);
    expect(review.edited.map((e) => e.fileName)).toEqual(['2_b.sql']);
  });

  it('lists applied files without a recorded checksum as unrecorded, and unapplied ones as pending', () => {
    const review = reviewChecksums(files, new Set(['1_a']), new Map([['3_fix-b', 'fix']]), SUPERSEDED);
    expect(review.unrecorded).toEqual([files[0]]);
    expect(review.pending).toEqual([files[1], files[2]]);
  });
});

/**
 * Earlier texts of migrations that were edited after databases had applied them, before checksums
 * were kept (4404d79's outbox; b0dd1e0's consumer offsets and audit projection). A database that
 * applied one of them still has its earlier schema; the migration named in `supersededBy` brings it
 * to the current one. So, for these files only, a recorded checksum of exactly that earlier text
 * is accepted, and only while the superseding migration ships. Any other difference is an edit and
 * is refused. This list is closed: from now on a change to the schema is a new migration file.
 */
export interface SupersededVersion {
  /** sha256 of the earlier file text, as `git show <commit>:<file> | sha256sum` prints it. */
  sha256: string;
  commit: string;
  supersededBy: string;
}

export const SUPERSEDED_VERSIONS: Readonly<Record<string, readonly SupersededVersion[]>> = {
  '1764000000000_outbox': [{ commit: '4404d79', sha256: '6a77a488652e683913cb5a3ccb07f1ac0efec6288dd80d17cec150c7dd616127', supersededBy: '1764000000040_outbox-failed-at' }],
  '1764000000002_consumer-offsets': [{ commit: 'b0dd1e0', sha256: '86d6f8886c9e46131a9525540a17f7e46b99e427bd87475e14d469b0c86a1d06', supersededBy: '1764000000041_consumer-offsets-cluster-key' }],
  '1764000000003_audit-projection': [{ commit: 'b0dd1e0', sha256: '12ad866951feae696782a5d2d3fcd67b0b141de302daf5fd8e2897421f48bdd1', supersededBy: '1764000000042_tenant-roles-own-binding' }],
};

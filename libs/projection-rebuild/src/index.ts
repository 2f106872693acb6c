export { rebuildableProjections } from './rebuildable-projection';
export type { LivePosition, ProjectionTable, RebuildableProjection } from './rebuildable-projection';
export { ShadowSchema } from './shadow-schema';
export { compareTable } from './compare-tables';
export type { RowDifference, TableComparison } from './compare-tables';
export { swapProjection, unswappableTables } from './swap-projection';
export type { SwapTarget } from './swap-projection';

export * from './areas.error';
export * from './areas.module';
export * from './localities/locality.entity';
export * from './localities/localities';
export * from './census/census-dataset.entity';
export * from './census/census-datasets';
export * from './census/census-table-check';
export * from './census/census-universes';

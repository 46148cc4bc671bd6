export * from './areas.error';
export * from './areas.module';
export * from './localities/locality.entity';
export * from './localities/localities';

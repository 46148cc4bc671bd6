/*
 * Engines import this entry, `@steppingstone/core/calendar`, rather than core's index: nothing here
 * loads Nest, TypeORM or database code at run time (organisation-today imports a type only).
 */
export * from './iso-date';
export * from './organisation-today';
export * from './uuid';

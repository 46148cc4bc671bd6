export * from './iso-date';
export * from './organisation-today';
export * from './uuid';

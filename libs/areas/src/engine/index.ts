/*
 * The census vocabulary as plain data (no Nest, no database): the dimensions and categories the
 * ONS tables use. It sits in areas, below both people (whose answers are these categories) and
 * representativeness (which compares those answers with the census), so neither needs the other.
 */
export * from './census-dimensions';

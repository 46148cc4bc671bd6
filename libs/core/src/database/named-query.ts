import { DataSource, Driver, EntityManager } from 'typeorm';

/** The values of a statement's named placeholders, by name. */
export type NamedParams = Record<string, unknown>;

/** A statement in the form node-postgres takes: `$1..$n` placeholders and their values in order. */
export interface CompiledQuery {
  text: string;
  values: unknown[];
}

type ParameterEscaper = Pick<Driver, 'escapeQueryWithParameters'>;

/** TypeORM's placeholder syntax: `:name`, or `:...name` for a list spread into `$1, $2, …`. */
const PLACEHOLDER = /(?<![:\w]):(\.\.\.)?([A-Za-z_]\w*)/g;
const CAST = /::\s*([A-Za-z_]\w*)/g;

/*
 * TypeORM's conversion is a plain text replacement, so a mistake comes back from PostgreSQL as a
 * syntax error far from its cause (or not at all). These are refused here, with the name:
 * - a placeholder without a value (it would be sent as the text `:name`);
 * - a value named like a type a statement casts to (`:from::date` is fine, but a value called
 *   `date` would be substituted into the cast itself);
 * - a function (TypeORM pastes what it returns into the SQL unescaped);
 * - a `:...list` that is not a non-empty array (an empty one becomes `IN ()`). Prefer
 *   `= ANY(:ids)`: one parameter however long the list, and an empty array matches nothing.
 */
function check(sql: string, params: NamedParams): void {
  for (const [, type] of sql.matchAll(CAST)) {
    if (Object.hasOwn(params, type)) throw new Error(`Named query: the parameter "${type}" has the name of the type cast ::${type}; rename it`);
  }
  for (const [, spread, name] of sql.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(params, name)) throw new Error(`Named query: no value for :${spread ?? ''}${name}`);
    const value = params[name];
    if (typeof value === 'function') throw new Error(`Named query: :${name} is a function; pass a value`);
    if (spread && (!Array.isArray(value) || value.length === 0)) throw new Error(`Named query: :...${name} needs a non-empty array (use = ANY(:${name}) for a list that may be empty)`);
  }
}

let offline: ParameterEscaper | undefined;

/** A Postgres driver that never connects: constructing a DataSource opens nothing until it is initialised. */
function offlineDriver(): ParameterEscaper {
  offline ??= new DataSource({ type: 'postgres' }).driver;
  return offline;
}

/**
 * Turns a statement with named placeholders into `$1..$n` and its values, the conversion TypeORM's
 * query builder uses: a name used twice is one parameter, `:...list` spreads an array into a list.
 * For code that calls a node-postgres `Pool` or `Client` directly; with an EntityManager use
 * `queryNamed`.
 */
export function compileNamed(sql: string, params: NamedParams): CompiledQuery {
  check(sql, params);
  const [text, values] = offlineDriver().escapeQueryWithParameters(sql, params);
  return { text, values };
}

/**
 * Runs a statement with named placeholders (`:name`, `:...list`) on the manager, so inside a
 * tenant transaction. Build conditional clauses as an array of condition strings with one params
 * object, adding a value only with the condition that names it.
 */
export function queryNamed<T = unknown>(manager: EntityManager, sql: string, params: NamedParams): Promise<T> {
  check(sql, params);
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(text, values);
}

/**
 * Conditions ANDed together with the values they name, so optional filters compose: each `and`
 * adds a condition and its values in one step. A name bound twice to different values is refused
 * (two fragments that both say `:id` would otherwise share one parameter without a word).
 */
export class Conditions {
  readonly list: string[] = [];
  readonly params: NamedParams = {};

  constructor(condition?: string, params: NamedParams = {}) {
    if (condition) this.and(condition, params);
    else this.bind(params);
  }

  and(condition: string, params: NamedParams = {}): this {
    this.list.push(condition);
    return this.bind(params);
  }

  /** Values the statement names outside the conditions (a limit, an offset, a select list's). */
  bind(params: NamedParams): this {
    for (const [name, value] of Object.entries(params)) {
      if (Object.hasOwn(this.params, name) && this.params[name] !== value) throw new Error(`Named query: :${name} is already bound to another value`);
      this.params[name] = value;
    }
    return this;
  }

  /** The conditions joined by AND (`true` when there are none). */
  get sql(): string {
    return this.list.length ? this.list.join(' AND ') : 'true';
  }
}

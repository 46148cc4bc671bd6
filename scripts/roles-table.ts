import { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '@steppingstone/core';

export const ROLES_BLOCK_START = '<!-- roles:start — written by `npm run docs:roles` from @Public / @AllowRoles; edit the decorators, not this table -->';
export const ROLES_BLOCK_END = '<!-- roles:end -->';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Row {
  area: string;
  who: string;
  operations: string[];
}

/** Who may call what, as the OpenAPI document states it: one row per area and set of roles, in the document's order. */
export function renderRolesTable(document: OpenAPIObject): string {
  const rows: Row[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { tags?: string[] }) | undefined;
      if (!operation) continue;
      const area = operation.tags?.[0] ?? '';
      const who = operation[PUBLIC_EXTENSION] === true ? 'anyone' : ((operation[ROLES_EXTENSION] as string[] | undefined) ?? []).join(', ') || 'nobody';
      let row = rows.find((r) => r.area === area && r.who === who);
      if (!row) rows.push((row = { area, who, operations: [] }));
      row.operations.push(`\`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}\``);
    }
  }
  return [ROLES_BLOCK_START, '| area | operations | who |', '|---|---|---|', ...rows.map((r) => `| ${r.area} | ${r.operations.join(', ')} | ${r.who} |`), ROLES_BLOCK_END].join('\n');
}

/** README with its roles block replaced; throws when the markers are missing, so the block cannot silently vanish. */
export function withRolesTable(readme: string, table: string): string {
  const start = readme.indexOf(ROLES_BLOCK_START);
  const end = readme.indexOf(ROLES_BLOCK_END);
  if (start < 0 || end < start) throw new Error(`README.md has no roles block (${ROLES_BLOCK_START} … ${ROLES_BLOCK_END})`);
  return readme.slice(0, start) + table + readme.slice(end + ROLES_BLOCK_END.length);
}

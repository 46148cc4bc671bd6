import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from '../apps/api/src/app.module';
import { withAccessPolicies } from '../apps/api/src/openapi';
import { renderRolesTable, withRolesTable } from './roles-table';

/**
 * Rewrites README.md's "who may call what" table from the access decorators. The api is built in
 * Nest's preview mode (modules wired, nothing instantiated), so no database or Redis is needed.
 * `--check` changes nothing and fails when the table is stale.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  const document = withAccessPolicies(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
  await app.close();
  const path = join(__dirname, '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = withRolesTable(readme, renderRolesTable(document));
  if (process.argv.includes('--check')) {
    if (updated !== readme) throw new Error('README.md’s roles table is stale: run `npm run docs:roles`');
    console.log('README.md’s roles table matches the access decorators');
    return;
  }
  writeFileSync(path, updated);
  console.log(updated === readme ? 'README.md’s roles table was already up to date' : 'README.md’s roles table rewritten');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

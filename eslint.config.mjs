// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Module boundaries (docs/architecture.md, "Boundaries"). Each file gets one list of restricted
 * import patterns (a later config object replaces a rule's options, it does not add to them), so
 * the lists are built here per kind of file and per folder depth: a relative import that climbs
 * more levels than the file sits below its lib's (or app's, or engine's) folder leaves it.
 */
const DEPTHS = [0, 1, 2, 3, 4, 5];
/** The domain libs from the top layer down; a lib imports only libs on lower layers (core is below them all). */
const LAYERS = [
  ['reports', 'reminders'],
  ['progression'],
  ['representativeness'],
  ['cohorts', 'placements'],
  ['field', 'recruitment'],
  ['people'],
  ['organisations'],
  ['notifications', 'areas'],
  ['core'],
];
const unlayered = readdirSync(join(import.meta.dirname, 'libs')).filter((lib) => !LAYERS.flat().includes(lib));
if (unlayered.length) throw new Error(`eslint.config.mjs: put ${unlayered.join(', ')} in LAYERS, so lint knows what it may import`);
const under = (root, depth) => [`${root}/${'*/'.repeat(depth)}*.ts`, `${root}/${'*/'.repeat(depth)}*.tsx`];
const climbing = (levels, message) => ({ regex: `^(\\.\\./){${levels}}`, message });
const deepImport = {
  // core's calendar is core's pure entry: engines use dates without loading Nest or TypeORM.
  regex: '^@steppingstone/(?!core/calendar$)[a-z-]+/(?!engine$)',
  message:
    'Import a lib through its public entry: @steppingstone/<lib>, or @steppingstone/<lib>/engine for its pure engine (core: @steppingstone/core/calendar). Export what you need from that index.',
};
const intoApp = { regex: '(^|/)apps(/|$)', message: 'A lib never imports an app.' };
const engineOnly = [
  { regex: '^(@nestjs/|typeorm$|typeorm/|pg$|ioredis$|bullmq$)', message: 'An engine is plain functions over plain data: no Nest, TypeORM, database or queue.' },
  {
    regex: '^@steppingstone/[a-z-]+$',
    allowTypeImports: true,
    message: "An engine loads no Nest module or database code: from another lib it imports that lib's engine entry (@steppingstone/<lib>/engine), or types only.",
  },
];
const restricted = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });
const boundaries = [
  // Files deeper than DEPTHS still get these.
  { files: ['apps/**/*.ts', 'apps/**/*.tsx'], rules: restricted([deepImport]) },
  { files: ['libs/**/*.ts'], rules: restricted([deepImport, intoApp]) },
  // Tests and scripts boot the apps themselves, so they may import an app's files, but a lib only through its entries.
  { files: ['test/**/*.ts', 'scripts/**/*.ts'], rules: restricted([deepImport, { regex: '(^|/)libs/', message: 'Import a lib through @steppingstone/<lib> (or its engine entry), not by path.' }]) },
  ...DEPTHS.map((depth) => ({
    files: ['api', 'worker', 'web'].flatMap((app) => under(`apps/${app}/src`, depth)),
    rules: restricted([deepImport, climbing(depth + 1, 'An app reaches libs only through @steppingstone/<lib> and never another app (the worker never imports the api).')]),
  })),
  ...DEPTHS.map((depth) => ({
    files: under('libs/*/src', depth),
    rules: restricted([deepImport, intoApp, climbing(depth + 1, 'A lib reaches another lib only through its public entry (@steppingstone/<lib>), never by a relative path out of its own src.')]),
  })),
  ...DEPTHS.map((depth) => ({
    files: under('libs/*/src/engine', depth),
    rules: restricted([deepImport, intoApp, ...engineOnly, climbing(depth + 1, "An engine's relative imports stay inside its engine folder: the rest of the lib is Nest and the database.")]),
  })),
  // The layering is a rule of its own, so it adds to the lists above rather than replacing them.
  ...LAYERS.flatMap((layer, i) =>
    layer.map((lib) => ({
      files: [`libs/${lib}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^@steppingstone/(${LAYERS.slice(0, i + 1)
                  .flat()
                  .filter((other) => other !== lib)
                  .join('|')})(/|$)`,
                message:
                  lib === 'areas'
                    ? 'areas is the lowest domain lib: the census vocabulary people and representativeness share lives here (@steppingstone/areas/engine), so it imports neither.'
                    : `${lib} imports only libs on lower layers (docs/architecture.md): move what both need down a layer, or turn the dependency round.`,
              },
            ],
          },
        ],
      },
    })),
  ),
];

const focusedTests = [
  { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'Focused tests hide failures' },
  { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|describe|test)$/]", message: 'Skipped tests hide failures' },
];
/** `$${…}` in a template: a SQL placeholder numbered by hand (docs/architecture.md, "Writing queries"). */
const handNumberedPlaceholder = {
  selector: 'TemplateElement[tail=false][value.raw=/\\$$/]',
  message: 'Write the placeholder as :name and run the statement with queryNamed (or compileNamed) from @steppingstone/core, not a $-number counted by hand.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ...focusedTests, handNumberedPlaceholder],
    },
  },
  ...boundaries,
  {
    files: ['scripts/**/*.js', '*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

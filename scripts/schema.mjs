// Generates schema/*.json from src/model with typescript-json-schema, then compiles
// them ahead of time with Ajv into src/model/generated/*validators.js, so that no page
// ever needs eval or new Function (strict CSP). Run: npm run schema.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as TJS from 'typescript-json-schema';
import ts from 'typescript';
import Ajv from 'ajv';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` writes the generated tree under DIR instead (the freshness check compares it).
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : root;
const schemaDir = join(outRoot, 'schema');
const generatedDir = join(outRoot, 'src/model/generated');

/**
 * The bodies of the contract that get a schema and a validator, compiled together (they
 * share the job's checks): every answer a page reads before its first view shows, and the
 * live events, which carry jobs.
 */
const TYPES = ['Job', 'ClusterNode', 'JobPage', 'PageEnvelope', 'NodeList', 'JobSummary', 'Session', 'ApiError', 'LiveEvent', 'EventBatch'];

/** A job's files: validators of their own, loaded with the first page of files (`generated/file-validators.js`). */
const FILE_TYPES = ['JobFile', 'FilePage'];

/**
 * The bodies no element checks (`generated/other-validators.js`): what a client sends to log
 * in or to get a token, and the token it gets back. The server and portals use them.
 * (A page of jobs whole, which the HTTP source checks as an envelope and job by job, stays
 * with the job's checks, which it would otherwise compile a second time.)
 */
const OTHER_TYPES = ['LoginRequest', 'TokenRequest', 'Token'];

/** The analysis, which only the Analysis view reads: validators of their own, loaded with it (`generated/analysis-validators.js`). */
const ANALYSIS_TYPES = ['JobAnalysis'];

const program = TJS.getProgramFromFiles(
  ['job.ts', 'file.ts', 'api.ts', 'analysis.ts'].map((f) => join(root, 'src/model', f)),
  { strict: true, strictNullChecks: true, skipLibCheck: true, target: 9, lib: ['lib.es2022.d.ts'] },
  root,
);
const generator = TJS.buildGenerator(program, {
  required: true,
  strictNullChecks: true,
  noExtraProps: false, // a newer server may add fields: they are ignored, not rejected
  ref: true,
  aliasRef: false,
  topRef: false,
  titles: false,
  defaultNumberType: 'number',
});
if (!generator) throw new Error('typescript-json-schema could not read src/model');

/** Unions discriminated by `type` become oneOf + discriminator, so errors name the branch. */
function addDiscriminators(schema) {
  const definitions = schema.definitions ?? {};
  const resolve = (s) => (s.$ref ? definitions[s.$ref.replace('#/definitions/', '')] : s);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const branches = node.anyOf?.map(resolve);
    if (
      branches?.length > 1 &&
      branches.every((b) => (b?.properties?.type?.const || b?.properties?.type?.enum) && b.required?.includes('type'))
    ) {
      node.oneOf = node.anyOf;
      delete node.anyOf;
      node.discriminator = { propertyName: 'type' };
      // Ajv's discriminator lets anything that is not an object through: say it must be one.
      node.type = 'object';
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(schema);
  return schema;
}

const schemas = {};
for (const name of [...TYPES, ...FILE_TYPES, ...OTHER_TYPES, ...ANALYSIS_TYPES]) {
  const schema = generator.getSchemaForSymbol(name);
  schema.$id = `https://schemas.active-circle.example/job-manager/v1/${name}.json`;
  schemas[name] = sortKeys(addDiscriminators(schema));
}

/** Descriptions matter to readers of schema/, not to the compiled validators. */
function stripAnnotations(value) {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'description' && typeof v === 'string') && key !== '$schema')
      .map(([key, v]) => [key, stripAnnotations(v)]),
  );
}

/**
 * Every subschema the contract repeats (a date-time, a count, a job's id: the job types
 * each copy the fields they share) becomes one definition, referenced where it was. With
 * `inlineRefs: false` below, each definition compiles to one function instead of a copy
 * at every use: the same checks and the same errors, far less code (schema/ keeps them
 * written out for readers). The discriminator reads its tag's `const` or `enum` in place,
 * so those stay where they are.
 */
function shareRepeated(contract) {
  const { definitions } = contract;
  /** Calls visit(parent, key) for each subschema directly under node. */
  const eachChild = (node, visit) => {
    for (const key of ['properties', 'definitions']) for (const name of Object.keys(node[key] ?? {})) visit(node[key], name);
    for (const key of ['items', 'additionalProperties']) if (node[key] && typeof node[key] === 'object') visit(node, key);
    for (const key of ['oneOf', 'anyOf', 'allOf']) node[key]?.forEach((_, i) => visit(node[key], i));
  };
  const shareable = (node) => !node.$ref && !('const' in node) && !('enum' in node);
  const uses = new Map();
  const count = (parent, key) => {
    const node = parent[key];
    const text = JSON.stringify(node);
    if (shareable(node)) uses.set(text, (uses.get(text) ?? 0) + 1);
    eachChild(node, count);
  };
  for (const definition of Object.values(definitions)) eachChild(definition, count);
  const names = new Map();
  const share = (parent, key) => {
    const node = parent[key];
    const text = JSON.stringify(node);
    eachChild(node, share);
    if (!shareable(node) || uses.get(text) < 2) return;
    if (!names.has(text)) {
      names.set(text, `Shared${names.size + 1}`);
      definitions[names.get(text)] = node;
    }
    parent[key] = { $ref: `#/definitions/${names.get(text)}` };
  };
  for (const definition of Object.values({ ...definitions })) eachChild(definition, share);
  return contract;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

rmSync(schemaDir, { recursive: true, force: true });
mkdirSync(schemaDir, { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(schemaDir, `${name}.json`), JSON.stringify(schema, null, 2) + '\n');
}
if (outRoot === root) console.log(`schema/: ${readdirSync(schemaDir).length} files`);

/**
 * ajv-formats' own `date-time` check, without the thirty other formats its module holds
 * (2 KB min+gzip that every page downloaded with the validators): the declarations of its
 * source (`ajv-formats/src/formats.ts`) that `getDateTime` needs, found by name, as CommonJS.
 */
function dateTimeFormat() {
  const file = createRequire(import.meta.url).resolve('ajv-formats/src/formats.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declarations = new Map();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) declarations.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement))
      for (const { name } of statement.declarationList.declarations) declarations.set(name.getText(), statement);
  }
  const needed = new Set();
  const need = (name) => {
    const statement = declarations.get(name);
    if (!statement || needed.has(statement)) return;
    needed.add(statement);
    const visit = (node) => {
      if (ts.isIdentifier(node)) need(node.text);
      ts.forEachChild(node, visit);
    };
    visit(statement);
  };
  need('getDateTime');
  if (needed.size < 4) throw new Error(`ajv-formats' date-time check was not found in ${file}`);
  const code = source.statements.filter((statement) => needed.has(statement)).map((statement) => statement.getText());
  code.push('exports.formats = { "date-time": { validate: getDateTime(true) } };');
  return ts.transpileModule(code.join('\n'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
    .outputText;
}
const DATE_TIME_FORMAT = 'ajv-formats-date-time';

// Ahead-of-time validators: Ajv's standalone code, bundled with its few runtime helpers
// (the date-time format, string length) into one dependency-free module per list of types.
const header = [
  '// Generated by `npm run schema` from src/model: do not edit. Ajv standalone validators,',
  '// compiled ahead of time so no page needs eval or new Function.',
  '// @ts-nocheck',
  '/* eslint-disable */',
  '',
].join('\n');

async function writeValidators(types, file) {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: true },
    discriminator: true,
    allErrors: false,
    strict: true,
    strictTypes: false, // typescript-json-schema writes `type` beside `$ref`-free unions
    allowUnionTypes: true,
    inlineRefs: false, // each shared definition is one function, called where used
  });
  addFormats(ajv, ['date-time']);
  // The compiled code takes the format from the module below instead of all of ajv-formats.
  ajv.opts.code.formats = _`require(${DATE_TIME_FORMAT}).formats`;
  ajv.addKeyword('defaultProperties'); // typescript-json-schema's own annotation
  // One schema holding every definition, so each type is compiled once and shared.
  const contract = shareRepeated(stripAnnotations(addDiscriminators(generator.getSchemaForSymbols(types))));
  ajv.addSchema(contract, 'contract');
  const exportsByName = Object.fromEntries(types.map((name) => [`validate${name}`, `contract#/definitions/${name}`]));
  const standalone = standaloneCode(ajv, exportsByName);
  const dateTime = {
    name: 'date-time-format',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${DATE_TIME_FORMAT}$`) }, () => ({ path: DATE_TIME_FORMAT, namespace: 'format' }));
      build.onLoad({ filter: /.*/, namespace: 'format' }, () => ({ contents: dateTimeFormat(), loader: 'js' }));
    },
  };
  const bundled = await build({
    stdin: { contents: standalone, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    plugins: [dateTime],
    write: false,
    legalComments: 'none',
    minifySyntax: true,
    minifyWhitespace: true,
  });
  mkdirSync(generatedDir, { recursive: true });
  const declarations = types.map((name) => `export declare const validate${name}: CompiledValidator;`).join('\n');
  writeFileSync(join(generatedDir, `${file}.js`), header + bundled.outputFiles[0].text);
  writeFileSync(
    join(generatedDir, `${file}.d.ts`),
    [
      '// Generated by `npm run schema`: do not edit.',
      'export interface CompiledValidatorError { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }',
      'export interface CompiledValidator { (data: unknown): boolean; errors?: CompiledValidatorError[] | null }',
      declarations,
      '',
    ].join('\n'),
  );
  if (outRoot === root) console.log(`src/model/generated/${file}.js: ${types.length} validators`);
}

await writeValidators(TYPES, 'validators');
await writeValidators(FILE_TYPES, 'file-validators');
await writeValidators(OTHER_TYPES, 'other-validators');
await writeValidators(ANALYSIS_TYPES, 'analysis-validators');

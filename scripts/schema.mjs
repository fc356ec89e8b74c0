// Generates schema/*.json from src/model with typescript-json-schema, then compiles
// them ahead of time with Ajv into src/model/generated/validators.js, so that no page
// ever needs eval or new Function (strict CSP). Run: npm run schema.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as TJS from 'typescript-json-schema';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` writes the generated tree under DIR instead (the freshness check compares it).
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : root;
const schemaDir = join(outRoot, 'schema');
const generatedDir = join(outRoot, 'src/model/generated');

/** The bodies of the contract that get a schema and a validator. */
const TYPES = [
  'Job',
  'JobFile',
  'ClusterNode',
  'JobPage',
  'FilePage',
  'PageEnvelope',
  'NodeList',
  'JobSummary',
  'Session',
  'LoginRequest',
  'TokenRequest',
  'Token',
  'ApiError',
  'LiveEvent',
  'EventBatch',
];

/** Bodies a page reads only in some views: validators of their own, loaded with the view (the schema is in schema/ with the others). */
const LATER_TYPES = ['JobAnalysis'];

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
for (const name of [...TYPES, ...LATER_TYPES]) {
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

// Ahead-of-time validators: Ajv's standalone code, bundled with its few runtime helpers
// (date-time format, string length) into one dependency-free module per list of types.
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
  ajv.addKeyword('defaultProperties'); // typescript-json-schema's own annotation
  // One schema holding every definition, so each type is compiled once and shared.
  const contract = shareRepeated(stripAnnotations(addDiscriminators(generator.getSchemaForSymbols(types))));
  ajv.addSchema(contract, 'contract');
  const exportsByName = Object.fromEntries(types.map((name) => [`validate${name}`, `contract#/definitions/${name}`]));
  const standalone = standaloneCode(ajv, exportsByName);
  const bundled = await build({
    stdin: { contents: standalone, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
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
await writeValidators(LATER_TYPES, 'later-validators');

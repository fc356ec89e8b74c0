/**
 * Checks what a server sends against the contract's schema, with validators compiled
 * ahead of time (no eval: strict CSP pages work). Messages name the field at fault.
 */
import * as compiled from './generated/validators.js';
import type { CompiledValidatorError } from './generated/validators.js';
import type { ClusterNode, Job } from './job.js';
import type { JobFile } from './file.js';
import type {
  ApiError,
  EventBatch,
  FilePage,
  JobPage,
  JobSummary,
  LiveEvent,
  LoginRequest,
  Token,
  TokenRequest,
  NodeList,
  PageEnvelope,
  Session,
} from './api.js';

/**
 * A value the contract allows, or why not: `error` is a sentence naming the field and the
 * value, `field` the path of the field at fault alone (`state`, `progress.files.total`;
 * empty when the value itself is wrong, such as an item that is not an object).
 */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: string; field: string };

export type Validator<T> = (data: unknown) => Validation<T>;

/** `/items/3/state` → `items[3].state`; the root is `what` itself. */
function fieldPath(error: CompiledValidatorError): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required' && typeof error.params['missingProperty'] === 'string') {
    segments.push(error.params['missingProperty']);
  }
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '');
}

/**
 * The `@pattern` of `IsoDateTime` (job.ts), which Ajv checks before the format: a value
 * failing it is told as a bad date-time, as one failing the format is.
 */
const DATE_TIME_PATTERN = String.raw`^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$`;

/** The `@pattern` of a job's id (job.ts): no lone surrogate. */
const WELL_FORMED_PATTERN = String.raw`^[^\uD800-\uDFFF]*$`;

function describe(error: CompiledValidatorError, data: unknown): string {
  switch (error.keyword) {
    case 'pattern':
      if (error.params['pattern'] === DATE_TIME_PATTERN) return `must be a date-time, not ${preview(valueAt(data, error.instancePath))}`;
      if (error.params['pattern'] === WELL_FORMED_PATTERN)
        return `must be well-formed text (no lone surrogate), not ${preview(valueAt(data, error.instancePath))}`;
      return `${error.message ?? 'is invalid'}, not ${preview(valueAt(data, error.instancePath))}`;
    case 'required':
      return 'is missing';
    case 'enum':
      return `must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}, not ${preview(valueAt(data, error.instancePath))}`;
    case 'const':
      return `must be ${String(error.params['allowedValue'])}, not ${preview(valueAt(data, error.instancePath))}`;
    case 'discriminator':
      return `is not a known ${String(error.params['tag'] ?? 'type')}: ${preview(valueAt(data, error.instancePath + '/' + String(error.params['tag'])))}`;
    case 'format':
      return `must be a ${String(error.params['format'])}, not ${preview(valueAt(data, error.instancePath))}`;
    case 'type':
      return `must be ${String(error.params['type']).replace(',', ' or ')}, not ${typeName(valueAt(data, error.instancePath))}`;
    default:
      return `${error.message ?? 'is invalid'}, not ${preview(valueAt(data, error.instancePath))}`;
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${preview(value)}`;
}

/** A short, printable rendering of a bad value for a message. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * What a compiled validator is, written here rather than taken from the generated module
 * so that this module's declarations do not import it.
 */
export interface CompiledCheck {
  (data: unknown): boolean;
  errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null;
}

/** A validator that names the field at fault, from a compiled one; `what` names the body. */
export function make<T>(what: string, validate: CompiledCheck): Validator<T> {
  return (data) => {
    if (validate(data)) return { ok: true, value: data as T };
    const error = validate.errors?.[0];
    if (!error) return { ok: false, error: `${what} is invalid`, field: '' };
    const path = fieldPath(error);
    return { ok: false, error: `${what}${path ? `.${path}` : ''} ${describe(error, data)}`, field: path };
  };
}

export const validateJob: Validator<Job> = make('job', compiled.validateJob);
export const validateJobFile: Validator<JobFile> = make('file', compiled.validateJobFile);
export const validateClusterNode: Validator<ClusterNode> = make('node', compiled.validateClusterNode);
export const validateJobPage: Validator<JobPage> = make('page', compiled.validateJobPage);
export const validateFilePage: Validator<FilePage> = make('page', compiled.validateFilePage);
export const validatePageEnvelope: Validator<PageEnvelope> = make('page', compiled.validatePageEnvelope);
export const validateNodeList: Validator<NodeList> = make('nodes', compiled.validateNodeList);
export const validateJobSummary: Validator<JobSummary> = withNodeCounts(make('summary', compiled.validateJobSummary));

/**
 * The counts keyed by node id (`byNode`, `timeline.counts`), which the generated schema
 * cannot constrain (an index signature loses `Count`'s rule): whole numbers, never negative.
 */
function withNodeCounts(validate: Validator<JobSummary>): Validator<JobSummary> {
  return (data) => {
    const checked = validate(data);
    if (!checked.ok) return checked;
    const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
    for (const [node, count] of Object.entries(checked.value.byNode)) {
      if (!isCount(count))
        return {
          ok: false,
          error: `summary.byNode[${JSON.stringify(node)}] must be a whole number >= 0, not ${preview(count)}`,
          field: `byNode[${JSON.stringify(node)}]`,
        };
    }
    for (const [node, counts] of Object.entries(checked.value.timeline.counts)) {
      if (!Array.isArray(counts))
        return {
          ok: false,
          error: `summary.timeline.counts[${JSON.stringify(node)}] must be array, not ${typeName(counts)}`,
          field: `timeline.counts[${JSON.stringify(node)}]`,
        };
      const at = counts.findIndex((n) => !isCount(n));
      if (at >= 0) {
        return {
          ok: false,
          error: `summary.timeline.counts[${JSON.stringify(node)}][${at}] must be a whole number >= 0, not ${preview(counts[at])}`,
          field: `timeline.counts[${JSON.stringify(node)}][${at}]`,
        };
      }
    }
    return checked;
  };
}
export const validateSession: Validator<Session> = make('session', compiled.validateSession);
export const validateLoginRequest: Validator<LoginRequest> = make('login', compiled.validateLoginRequest);
export const validateTokenRequest: Validator<TokenRequest> = make('tokenRequest', compiled.validateTokenRequest);
export const validateToken: Validator<Token> = make('token', compiled.validateToken);
export const validateApiError: Validator<ApiError> = make('error', compiled.validateApiError);
export const validateLiveEvent: Validator<LiveEvent> = make('event', compiled.validateLiveEvent);
export const validateEventBatch: Validator<EventBatch> = make('events', compiled.validateEventBatch);

/**
 * What an export carries, independent of its format: named fields (scalars, lists and
 * nested groups) that the JSON, XML and CSV writers each render their own way.
 * A null value means "none": `null` in JSON, an absent element in XML, an empty cell in CSV.
 */
import type { Job, JobFile, JobQuery } from '../model/index.js';

export type Scalar = string | number | null;

/** A list of text values; `item` names one element in XML (`<states><state>…`). */
export interface FieldList {
  readonly item: string;
  readonly values: readonly string[];
}

export type FieldValue = Scalar | FieldList | Fields;
export type Fields = ReadonlyArray<readonly [name: string, value: FieldValue]>;

/** A column of a table: its name and how a row gives its value. */
export interface Column<Row> {
  readonly name: string;
  readonly value: (row: Row) => Scalar;
}

/** One job as a list shows it: the job and the name of its node, when known. */
export interface JobRow {
  readonly job: Job;
  readonly nodeName: string | null;
}

/** The general information of a job, in the order the screen shows it. */
export const JOB_COLUMNS: ReadonlyArray<Column<JobRow>> = [
  { name: 'id', value: ({ job }) => job.id },
  { name: 'name', value: ({ job }) => job.name },
  { name: 'type', value: ({ job }) => job.type },
  { name: 'description', value: ({ job }) => job.description },
  { name: 'createdAt', value: ({ job }) => job.createdAt },
  { name: 'updatedAt', value: ({ job }) => job.updatedAt },
  { name: 'startedAt', value: ({ job }) => job.startedAt },
  { name: 'finishedAt', value: ({ job }) => job.finishedAt },
  { name: 'node', value: ({ job }) => job.node },
  { name: 'nodeName', value: ({ nodeName }) => nodeName },
  { name: 'state', value: ({ job }) => job.state },
  { name: 'stage', value: ({ job }) => job.stage },
  { name: 'version', value: ({ job }) => job.version },
];

export const FILE_COLUMNS: ReadonlyArray<Column<JobFile>> = [
  { name: 'path', value: (file) => file.path },
  { name: 'status', value: (file) => file.status },
  { name: 'size', value: (file) => file.size },
  { name: 'reason', value: (file) => file.reason },
];

export function rowFields<Row>(columns: ReadonlyArray<Column<Row>>, row: Row): Fields {
  return columns.map((column) => [column.name, column.value(row)] as const);
}

/** The progress details of a job's type, named as in the model. */
export function progressFields(job: Job): Fields {
  const { files, bytes } = job.progress;
  const counts: Fields = [
    [
      'files',
      [
        ['total', files.total],
        ['done', files.done],
        ['failed', files.failed],
      ],
    ],
    [
      'bytes',
      [
        ['total', bytes.total],
        ['done', bytes.done],
      ],
    ],
  ];
  switch (job.type) {
    case 'DESTAGING':
      return [['share', job.progress.share], ...counts];
    case 'ARCHIVING': {
      const { share, target } = job.progress;
      return [
        ['share', share],
        [
          'target',
          [
            ['medium', target.medium],
            ['name', target.name],
          ],
        ],
        ...counts,
      ];
    }
    case 'STORAGE':
      return [['share', job.progress.share], ['copiesMade', job.progress.copiesMade], ...counts];
    case 'VERSIONING': {
      const { share, policy, versionsHandled } = job.progress;
      return [['share', share], ['policy', policy], ['versionsHandled', versionsHandled], ...counts];
    }
    case 'COPY':
      return [['client', job.progress.client], ['origin', job.progress.origin], ...counts];
    case 'DUPLICATION': {
      const { sourceTape, targetTape, mode } = job.progress;
      return [['sourceTape', sourceTape], ['targetTape', targetTape], ['mode', mode], ...counts];
    }
  }
}

/** A job's general information followed by its progress details. */
export function jobFields(row: JobRow): Fields {
  return [...rowFields(JOB_COLUMNS, row), ['progress', progressFields(row.job)]];
}

/** The query a list was exported with: period, filters, search text and sort. */
export function queryFields(query: JobQuery): Fields {
  const { period } = query;
  const periodFields: Fields =
    period.kind === 'last-days'
      ? [
          ['kind', period.kind],
          ['days', period.days],
        ]
      : period.kind === 'range'
        ? [
            ['kind', period.kind],
            ['from', period.from],
            ['to', period.to],
          ]
        : [['kind', period.kind]];
  return [
    ['period', periodFields],
    ['states', { item: 'state', values: query.states }],
    ['nodes', { item: 'node', values: query.nodes }],
    ['types', { item: 'type', values: query.types }],
    ['stages', { item: 'stage', values: query.stages }],
    ['q', query.q],
    ['sort', query.sort],
    ['order', query.order],
  ];
}

export function isFieldList(value: FieldValue): value is FieldList {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every job of a memory-mode store, by row, as columns: the store holds no job objects.
 * The fields a query reads are typed arrays and codes, so filtering scans numbers; the
 * others (progress, version, start) have columns of their own, and `job(row)` makes the
 * object again when someone reads it. Rows are never removed (jobs do not disappear; a
 * resync builds new columns).
 *
 * Two codes per row stand for several fields each:
 * - the group: the distinct (state, type, node, stage) of the row. A filter on those four
 *   fields is decided once per group (a few hundred), then read per row from one array;
 *   the counts by state, type and node are counts by group, folded.
 * - the text: the distinct (type, name, description) of the row. A search tests each
 *   distinct string once, then each distinct text once, then reads one array per row.
 */
import { JOB_STATES, JOB_TYPES, durationKey, type Job, type JobState, type JobType, type SortKey } from '../model/index.js';
import { isoParse, isoStyle, isoTime, type IsoStyle } from '../model/iso-time.js';
import { detailCount, detailStrings, isSmallCount, makeProgress } from './job-details.js';
import { JobIds } from './job-ids.js';
import { countingSortRows, radixSortRows, RowList } from './sorted-rows.js';
import { grow, StringDictionary } from './string-dictionary.js';

export const STATE_CODE: Record<JobState, number> = Object.fromEntries(JOB_STATES.map((s, i) => [s, i])) as Record<JobState, number>;
export const TYPE_CODE: Record<JobType, number> = Object.fromEntries(JOB_TYPES.map((t, i) => [t, i])) as Record<JobType, number>;
/** Types compare as strings when sorting: rank of each type code in alphabetical order. */
const TYPE_SORT_RANK = Uint32Array.from(JOB_TYPES, (t) => [...JOB_TYPES].sort().indexOf(t));
/** States sort in lifecycle order, which is their code order. */
const STATE_SORT_RANK = Uint32Array.from(JOB_STATES, (_, i) => i);

export const HOUR_MS = 3_600_000;
/** Hours the timeline's cells reach past the newest job, for the jobs created from now on. */
const HOURS_AHEAD = 7 * 24;
/** Codes of nodes, stages and names stay below this, so that a group or a text is one exact number key. */
const CODE_LIMIT = 2 ** 24;
/** The most rows the store holds (codes stay exact keys below it). */
const MAX_ROWS = CODE_LIMIT;

const STATES = JOB_STATES.length;
const TYPES = JOB_TYPES.length;
/** Jobs made from the columns that are kept, so that reading a row twice gives the same object. */
const MADE_KEPT = 2048;
/** Codes of a progress's strings stay below these, so that the three make one exact number key. */
const DETAIL_LIMIT = 2 ** 20;
const DETAIL_LAST_LIMIT = 2 ** 13;

/** The row columns, `group` last (its length is the capacity). */
const ROW_COLUMNS = [
  'version',
  'startedAt',
  'filesTotal',
  'filesDone',
  'filesFailed',
  'bytesTotal',
  'bytesDone',
  'detailCount',
  'iso',
  'detail',
  'text',
  'createdAt',
  'updatedAt',
  'finishedAt',
  'waitKey',
  'runKey',
  'timeCell',
  'group',
] as const;
type RowColumn = (typeof ROW_COLUMNS)[number];
/** The columns start growing when the rows fill all but 1/2^GROW_AHEAD_SHIFT of them (16,384 rows at 2^20)… */
const GROW_AHEAD_SHIFT = 6;
/** …a column at a time, this far apart (ms). */
const GROW_STEP_MS = 50;

export class JobColumns {
  /** Job ids by row, as bytes, and the row of each id. */
  readonly ids = new JobIds();

  /** Per row: its group (state, type, node, stage). */
  group = new Uint32Array(64);
  /** Per row: its text (type, name, description). */
  text = new Uint32Array(64);
  createdAt = new Float64Array(64);
  updatedAt = new Float64Array(64);
  /** NaN while the job has not finished. */
  finishedAt = new Float64Array(64);
  /**
   * Per row, the `durationKey` of its wait and of its run (0 without one), as the analysis
   * counts them (`model/analysis.ts`): kept as the dates are written, so that a pass over a
   * million rows reads them rather than working them out.
   */
  waitKey = new Uint16Array(64);
  runKey = new Uint16Array(64);
  /**
   * Per row, its cell in the timeline's hourly histogram: `node * hourSpan + hour - hourBase`
   * with `hour = floor(createdAt / 1 h)`. The timeline counts rows by node and hour, then
   * folds the hours into its buckets.
   */
  timeCell = new Uint32Array(64);
  /** First hour of the cells, and how many hours they cover (the jobs' hours and some ahead). */
  hourBase = 0;
  hourSpan = 0;
  /**
   * False when every node times every hour would be more than `maxTimeCells` cells (dates
   * centuries apart): the timeline then counts the rows themselves.
   */
  timeCellsOn = true;
  /** Moves when the cells are laid out again (every `timeCell` changes then). */
  timeLayout = 0;
  /** Least and greatest hour a job was ever created in (a row's hour may since have changed). */
  private minHour = Infinity;
  private maxHour = -Infinity;
  /** While loading, the cells are laid out once at the end. */
  private loading = false;

  readonly nodes = new StringDictionary();
  readonly stages = new StringDictionary();
  readonly names = new StringDictionary();
  readonly descriptions = new StringDictionary();

  /** The fields only a job's own page reads, by row. Versions are whole numbers until one is not (then the column widens). */
  version: Uint32Array | Float64Array = new Uint32Array(64);
  /** NaN while the job has not started. */
  startedAt = new Float64Array(64);
  filesTotal = new Uint32Array(64);
  filesDone = new Uint32Array(64);
  filesFailed = new Uint32Array(64);
  bytesTotal = new Float64Array(64);
  bytesDone = new Float64Array(64);
  /** The count of the type's own: versions handled, copies made. */
  detailCount = new Uint32Array(64);
  /** Per row, how its dates are written (`IsoStyle`). */
  iso = new Uint16Array(64);
  /** Per row, its progress's strings (share, target, tapes, …) as one code. */
  detail = new Uint32Array(64);
  private readonly details: (readonly string[])[] = [];
  private readonly detailOf = new Map<number, number>();
  /** Codes of the progress's strings, numbered in the order they were first seen. */
  private readonly detailStringOf = new Map<string, number>();
  /** A progress's strings as `detailStrings` reads them, before they are looked up. */
  private readonly scratch: string[] = [];
  /** Whether the dates of the job being written are written back exactly (see `readDate`). */
  private datesExact = true;
  /** When `growAhead` last grew a column. */
  private lastGrowth = -Infinity;
  /**
   * Jobs the columns could not give back exactly, kept whole: a field the contract does
   * not define, a date written otherwise, a count past 2³² − 1.
   */
  private readonly whole = new Map<number, Job>();
  /** Jobs made from the columns lately, oldest first, so that a row read twice gives the same object until it changes. */
  private readonly made = new Map<number, Job>();

  /** The fields of each group, by group code. */
  groupState = new Uint8Array(64);
  groupType = new Uint8Array(64);
  groupNode = new Uint32Array(64);
  groupStage = new Uint32Array(64);
  groupCount = 0;
  private readonly groupOf = new Map<number, number>();

  /** The fields of each text, by text code. */
  textType = new Uint8Array(64);
  textName = new Uint32Array(64);
  textDescription = new Uint32Array(64);
  textCount = 0;
  private readonly textOf = new Map<number, number>();

  /** Rows in id order; the rows added since are inserted when it is next read. */
  private byId: RowList | undefined;
  private addedSinceById: number[] = [];

  constructor(readonly maxTimeCells = 1 << 21) {}

  /** Holds `jobs`, the newest version of each. */
  load(jobs: Iterable<Job>): void {
    this.loading = true;
    for (const job of jobs) {
      const row = this.rowOfId(job.id);
      if (row < 0) this.add(job);
      else if (job.version > this.version[row]!) this.replace(row, job);
    }
    this.loading = false;
    this.layOutTime(0);
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * The job at `row`, made from the columns (the same object as last time, unless the
   * row changed since or many others were read in between).
   */
  job(row: number): Job {
    let job = this.made.get(row);
    if (job) return job;
    job = this.whole.get(row) ?? this.make(row);
    if (this.made.size >= MADE_KEPT) this.made.delete(this.made.keys().next().value!);
    this.made.set(row, job);
    return job;
  }

  /**
   * The job at `row`, made anew and not kept: for a page that is sent and dropped (the
   * reference server's), whose objects a cache would only keep alive into the old generation.
   */
  read(row: number): Job {
    return this.made.get(row) ?? this.whole.get(row) ?? this.make(row);
  }

  private make(row: number): Job {
    const group = this.group[row]!;
    const text = this.text[row]!;
    const type = JOB_TYPES[this.groupType[group]!]!;
    const iso = this.iso[row]!;
    const date = (ms: number) => (Number.isNaN(ms) ? null : isoTime(ms, iso));
    return {
      id: this.ids.at(row),
      name: this.names.values[this.textName[text]!]!,
      type,
      description: this.descriptions.values[this.textDescription[text]!]!,
      createdAt: isoTime(this.createdAt[row]!, iso),
      updatedAt: isoTime(this.updatedAt[row]!, iso),
      startedAt: date(this.startedAt[row]!),
      finishedAt: date(this.finishedAt[row]!),
      node: this.nodes.values[this.groupNode[group]!]!,
      state: JOB_STATES[this.groupState[group]!]!,
      stage: this.stages.values[this.groupStage[group]!]!,
      version: this.version[row]!,
      progress: makeProgress(
        type,
        { total: this.filesTotal[row]!, done: this.filesDone[row]!, failed: this.filesFailed[row]! },
        { total: this.bytesTotal[row]!, done: this.bytesDone[row]! },
        this.details[this.detail[row]!]!,
        this.detailCount[row]!,
      ),
    } as Job;
  }

  rowOfId(id: string): number {
    return this.ids.rowOf(id);
  }

  /** Adds a new job; returns its row. */
  add(job: Job): number {
    const row = this.ids.size;
    if (row >= MAX_ROWS) throw new RangeError(`the memory-mode store holds at most ${MAX_ROWS} jobs`);
    if (row >= this.group.length) this.reserve(row + 1);
    // A load grows them as it goes: it ends where it ends, and growing ahead would double them for nothing.
    else if (!this.loading && row >= this.group.length - (this.group.length >>> GROW_AHEAD_SHIFT)) this.growAhead();
    this.ids.add(job.id);
    this.write(row, job, true);
    if (this.byId) this.addedSinceById.push(row);
    return row;
  }

  /** Replaces the job at `row` (same id) with a newer version. */
  replace(row: number, job: Job): void {
    this.made.delete(row);
    this.write(row, job, false);
  }

  /** Writes the row's columns; a live update mostly changes the state and dates, so what did not change is not looked up again. */
  private write(row: number, job: Job, isNew: boolean): void {
    const state = STATE_CODE[job.state];
    const type = TYPE_CODE[job.type];
    const g = this.group[row]!;
    const sameNode = !isNew && this.nodes.values[this.groupNode[g]!] === job.node;
    if (
      isNew ||
      !sameNode ||
      this.groupState[g] !== state ||
      this.groupType[g] !== type ||
      this.stages.values[this.groupStage[g]!] !== job.stage
    ) {
      this.group[row] = this.groupCode(state, type, this.nodes.encode(job.node), this.stages.encode(job.stage));
    }
    const t = this.text[row]!;
    if (
      isNew ||
      this.textType[t] !== type ||
      this.names.values[this.textName[t]!] !== job.name ||
      this.descriptions.values[this.textDescription[t]!] !== job.description
    ) {
      this.text[row] = this.textCode(type, this.names.encode(job.name), this.descriptions.encode(job.description));
    }
    const iso = isoStyle(job.createdAt);
    this.datesExact = iso >= 0;
    const created = this.readDate(job.createdAt, iso);
    const updated = this.readDate(job.updatedAt, iso);
    const started = this.readDate(job.startedAt, iso);
    const finished = this.readDate(job.finishedAt, iso);
    this.updatedAt[row] = updated;
    this.finishedAt[row] = finished;
    this.waitKey[row] = started > created ? durationKey(started - created) : 0;
    this.runKey[row] = finished > started ? durationKey(finished - started) : 0;
    this.writeDetails(row, job, iso, !isNew && !this.whole.has(row), started);
    // Same node and same creation: same timeline cell.
    if (sameNode && this.createdAt[row] === created) return;
    this.createdAt[row] = created;
    const hour = Math.floor(created / HOUR_MS);
    if (hour < this.minHour) this.minHour = hour;
    if (hour > this.maxHour) this.maxHour = hour;
    if (!this.timeCellsOn || this.loading) return;
    const node = this.groupNode[this.group[row]!]!;
    if (hour < this.hourBase || hour >= this.hourBase + this.hourSpan) {
      // Half the span again on each side, so that jobs arriving hour after hour seldom lay it out again.
      this.layOutTime(this.hourSpan >> 1);
    } else if ((node + 1) * this.hourSpan > this.maxTimeCells) {
      this.timeCellsOn = false;
      this.timeLayout++;
    } else {
      this.timeCell[row] = node * this.hourSpan + hour - this.hourBase;
    }
  }

  /** `text` as a number (NaN for none); clears `datesExact` when `isoTime` would not write it back in `iso`'s style. */
  private readDate(text: string | null, iso: IsoStyle): number {
    if (text === null) return NaN;
    const ms = iso >= 0 ? isoParse(text, iso) : NaN;
    if (!Number.isNaN(ms)) return ms;
    this.datesExact = false;
    return Date.parse(text);
  }

  /** Writes what only the job's page reads; keeps the job whole when the columns could not give it back exactly. */
  private writeDetails(row: number, job: Job, iso: IsoStyle, known: boolean, started: number): void {
    if (!isSmallCount(job.version) && this.version instanceof Uint32Array) this.version = Float64Array.from(this.version);
    this.version[row] = job.version;
    const { files, bytes } = job.progress;
    this.startedAt[row] = started;
    this.filesTotal[row] = files.total;
    this.filesDone[row] = files.done;
    this.filesFailed[row] = files.failed;
    this.bytesTotal[row] = bytes.total;
    this.bytesDone[row] = bytes.done;
    const count = detailCount(job);
    this.detailCount[row] = count as number;
    const strings = this.scratch;
    const length = detailStrings(job, strings);
    const exact =
      length >= 0 &&
      this.datesExact &&
      typeof job.version === 'number' &&
      typeof bytes.total === 'number' &&
      typeof bytes.done === 'number' &&
      isSmallCount(files.total) &&
      isSmallCount(files.done) &&
      isSmallCount(files.failed) &&
      isSmallCount(count);
    // The row's strings, unless they changed (a live update seldom changes them).
    const detail = !exact
      ? undefined
      : known && sameStrings(this.details[this.detail[row]!]!, strings, length)
        ? this.detail[row]
        : this.detailCode(strings, length);
    if (detail === undefined) {
      this.whole.set(row, job);
      return;
    }
    this.whole.delete(row);
    this.iso[row] = iso;
    this.detail[row] = detail;
  }

  /** The code of the first `length` strings; undefined past the codes a number key can hold. */
  private detailCode(strings: readonly string[], length: number): number | undefined {
    let key = 0;
    let scale = 1;
    for (let i = 0; i < length; i++) {
      const value = strings[i]!;
      let code = this.detailStringOf.get(value);
      if (code === undefined) {
        code = this.detailStringOf.size;
        this.detailStringOf.set(value, code);
      }
      if (code + 1 >= (i === 2 ? DETAIL_LAST_LIMIT : DETAIL_LIMIT)) return undefined;
      key += (code + 1) * scale;
      scale *= DETAIL_LIMIT;
    }
    let detail = this.detailOf.get(key);
    if (detail === undefined) {
      detail = this.details.push(strings.slice(0, length)) - 1;
      this.detailOf.set(key, detail);
    }
    return detail;
  }

  /** Lays out the timeline's cells for the jobs' hours with `margin` hours either side (and a week ahead). */
  private layOutTime(margin: number): void {
    this.timeLayout++;
    const n = this.size;
    const base = (Number.isFinite(this.minHour) ? this.minHour : 0) - margin;
    const span = (Number.isFinite(this.maxHour) ? this.maxHour : 0) + 1 + margin + HOURS_AHEAD - base;
    if (Math.max(this.nodes.size, 1) * span > this.maxTimeCells) {
      this.timeCellsOn = false;
      return;
    }
    this.timeCellsOn = true;
    this.hourBase = base;
    this.hourSpan = span;
    const { timeCell, createdAt, group, groupNode } = this;
    for (let row = 0; row < n; row++) {
      timeCell[row] = groupNode[group[row]!]! * span + Math.floor(createdAt[row]! / HOUR_MS) - base;
    }
  }

  private groupCode(state: number, type: number, node: number, stage: number): number {
    if (node >= CODE_LIMIT || stage >= CODE_LIMIT) throw new RangeError('too many distinct nodes or stages');
    const key = ((stage * CODE_LIMIT + node) * TYPES + type) * STATES + state;
    let code = this.groupOf.get(key);
    if (code !== undefined) return code;
    code = this.groupCount++;
    if (code >= this.groupState.length) {
      this.groupState = grow(this.groupState, code + 1);
      this.groupType = grow(this.groupType, code + 1);
      this.groupNode = grow(this.groupNode, code + 1);
      this.groupStage = grow(this.groupStage, code + 1);
    }
    this.groupState[code] = state;
    this.groupType[code] = type;
    this.groupNode[code] = node;
    this.groupStage[code] = stage;
    this.groupOf.set(key, code);
    return code;
  }

  private textCode(type: number, name: number, description: number): number {
    if (name >= CODE_LIMIT || description >= CODE_LIMIT) throw new RangeError('too many distinct names or descriptions');
    const key = (description * CODE_LIMIT + name) * TYPES + type;
    let code = this.textOf.get(key);
    if (code !== undefined) return code;
    code = this.textCount++;
    if (code >= this.textType.length) {
      this.textType = grow(this.textType, code + 1);
      this.textName = grow(this.textName, code + 1);
      this.textDescription = grow(this.textDescription, code + 1);
    }
    this.textType[code] = type;
    this.textName[code] = name;
    this.textDescription[code] = description;
    this.textOf.set(key, code);
    return code;
  }

  private reserve(size: number): void {
    for (const name of ROW_COLUMNS) this.growColumn(name, size);
  }

  /**
   * Near the end of the capacity, the next one is allocated ahead of need, a column every
   * `GROW_STEP_MS`: at a million rows the columns take 200 MB, and allocated at once they
   * set off a full, atomic garbage collection (a frame of most of a second). `group`,
   * which `add` reads as the capacity, is grown last.
   */
  private growAhead(): void {
    const now = performance.now();
    if (now - this.lastGrowth < GROW_STEP_MS) return;
    this.lastGrowth = now;
    const size = this.group.length + 1;
    for (const name of ROW_COLUMNS) if (this.growColumn(name, size)) return;
  }

  /** Whether the column had to grow to hold `size` rows. */
  private growColumn(name: RowColumn, size: number): boolean {
    const column = this[name];
    if (column.length >= size) return false;
    (this as unknown as Record<RowColumn, typeof column>)[name] = grow(column, size);
    return true;
  }

  /** A number for the row's `key` value: equal for two rows exactly when their values are equal. */
  sortCode(key: SortKey, row: number): number {
    switch (key) {
      case 'createdAt':
        return this.createdAt[row]!;
      case 'updatedAt':
        return this.updatedAt[row]!;
      case 'state':
        return this.groupState[this.group[row]!]!;
      case 'type':
        return this.groupType[this.group[row]!]!;
      case 'node':
        return this.groupNode[this.group[row]!]!;
      case 'stage':
        return this.groupStage[this.group[row]!]!;
      case 'name':
        return this.textName[this.text[row]!]!;
      case 'description':
        return this.textDescription[this.text[row]!]!;
    }
  }

  /** The row's value for `key` as `sortValue` gives it for its job: dates by instant, states by rank, the rest as text. */
  sortValue(key: SortKey, row: number): string | number {
    switch (key) {
      case 'createdAt':
        return this.createdAt[row]!;
      case 'updatedAt':
        return this.updatedAt[row]!;
      case 'state':
        return STATE_SORT_RANK[this.groupState[this.group[row]!]!]!;
      case 'type':
        return JOB_TYPES[this.groupType[this.group[row]!]!]!;
      default:
        return this.dictionaryOf(key).values[this.sortCode(key, row)]!;
    }
  }

  /**
   * Compares two rows as `jobComparator(key, order)` compares their jobs: the value in
   * the asked direction, then the id ascending.
   */
  comparator(key: SortKey, order: 'asc' | 'desc'): (a: number, b: number) => number {
    const sign = order === 'asc' ? 1 : -1;
    const byId = this.idComparator();
    if (key === 'createdAt' || key === 'updatedAt') {
      const col = key === 'createdAt' ? this.createdAt : this.updatedAt;
      return (a, b) => sign * (col[a]! - col[b]!) || byId(a, b);
    }
    if (key === 'state' || key === 'type') {
      const rank = key === 'state' ? STATE_SORT_RANK : TYPE_SORT_RANK;
      return (a, b) => sign * (rank[this.sortCode(key, a)]! - rank[this.sortCode(key, b)]!) || byId(a, b);
    }
    const values = this.dictionaryOf(key).values;
    return (a, b) => {
      const va = values[this.sortCode(key, a)]!;
      const vb = values[this.sortCode(key, b)]!;
      return (va < vb ? -sign : va > vb ? sign : 0) || byId(a, b);
    };
  }

  private idComparator(): (a: number, b: number) => number {
    const ids = this.ids;
    return (a, b) => ids.compare(a, b);
  }

  private dictionaryOf(key: 'node' | 'stage' | 'name' | 'description'): StringDictionary {
    switch (key) {
      case 'node':
        return this.nodes;
      case 'stage':
        return this.stages;
      case 'name':
        return this.names;
      case 'description':
        return this.descriptions;
    }
  }

  /**
   * Every row in the order of `jobComparator(key, order)`: from the rows in id order, a
   * stable counting sort by the rank of the value (codes and dictionary strings) or a
   * stable radix sort of the dates. Linear but for ranking the distinct strings.
   */
  buildPermutation(key: SortKey, order: 'asc' | 'desc'): Uint32Array {
    const rowsById = this.rowsById();
    if (key === 'createdAt' || key === 'updatedAt') {
      const values = key === 'createdAt' ? this.createdAt : this.updatedAt;
      return radixSortRows(rowsById, values, order === 'desc') ?? rowsById.slice().sort(this.comparator(key, order));
    }
    // Rank of each code's value in the asked direction, then per row through its group or text.
    let valueRank: Uint32Array;
    if (key === 'state' || key === 'type') valueRank = key === 'state' ? STATE_SORT_RANK : TYPE_SORT_RANK;
    else valueRank = this.dictionaryOf(key).ranks();
    const distinct = valueRank.length;
    const rank = (code: number) => (order === 'asc' ? valueRank[code]! : distinct - 1 - valueRank[code]!);
    const byText = key === 'name' || key === 'description';
    const codes = byText ? this.textCount : this.groupCount;
    const codeRank = new Uint32Array(codes);
    for (let code = 0; code < codes; code++) {
      if (key === 'state') codeRank[code] = rank(this.groupState[code]!);
      else if (key === 'type') codeRank[code] = rank(this.groupType[code]!);
      else if (key === 'node') codeRank[code] = rank(this.groupNode[code]!);
      else if (key === 'stage') codeRank[code] = rank(this.groupStage[code]!);
      else if (key === 'name') codeRank[code] = rank(this.textName[code]!);
      else codeRank[code] = rank(this.textDescription[code]!);
    }
    const column = byText ? this.text : this.group;
    const n = this.size;
    const keys = new Uint32Array(n);
    for (let row = 0; row < n; row++) keys[row] = codeRank[column[row]!]!;
    return countingSortRows(rowsById, keys, distinct);
  }

  /** Every row in id order (ids compared as `<` compares strings). */
  private rowsById(): Uint32Array {
    const n = this.size;
    const added = this.addedSinceById;
    if (!this.byId || added.length * 8 > n) {
      this.byId = new RowList(this.ids.rowsInOrder(), n);
    } else if (added.length) {
      this.byId.add(added, this.idComparator());
    }
    this.addedSinceById = [];
    return this.byId.data.subarray(0, n);
  }
}

function sameStrings(held: readonly string[], strings: readonly string[], length: number): boolean {
  if (held.length !== length) return false;
  for (let i = 0; i < length; i++) if (held[i] !== strings[i]) return false;
  return true;
}

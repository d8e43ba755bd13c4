import Papa from 'papaparse';
import type { z } from 'zod';
import { type Council, councilName, parseCouncil } from '../domain/council';
import { ContractType, StaffKeySchema, StaffRecord, type StaffRecordInput, keyOf } from '../domain/staff';
import { ServiceCategory, parseTomFunction, serviceCategoryName } from '../domain/tom';
import { parseDateCell, parseFteCell, splitEmails } from './cell-values';
import { type CsvEncoding, type DecodedText, NOT_TEXT_REASON, toCsvText } from './decode';
import { MappingTarget, mappingTargetLabel } from './headers';
import { type Mapping, type RequiredChoice, checkMapping, choiceFor, suggestMapping } from './mapping';
import { type CsvHead, type Delimiter, type SourceRow, streamCsv } from './parse';
import { neutraliseFormula, restoreNeutralised } from './formula';
import { isNoNamedPerson, splitFullName, stripStrayQuotes } from './person-name';
import { isRegisterFormat, registerColumns, planIdsFromHeaders, rowToRecordInput } from './register-format';
import { createRecordValidator } from '../register/record-validator';

/** A row that cannot be imported, in plain words, with the line of the file it is on. */
export interface RowError {
  line: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface ReadRow {
  line: number;
  /** The row as a staff record, validated with StaffRecord's zod schemas. */
  record: StaffRecord;
  /**
   * Field paths the file has a column for (filled or not): an import overwrites these and keeps the rest.
   * Rows of a mapped file share one set, so it is read-only.
   */
  carried: ReadonlySet<string>;
}

export interface ReadResult {
  rows: ReadRow[];
  errors: RowError[];
  /** Data rows with at least one error (an error list may hold several per row). */
  invalidRows: number;
  /** Rows with no named person (N/D, Vacant, Eliminated, blank) read as vacant posts. */
  vacant: number;
  /** Rows with no named person left out because the mapping says to skip them. */
  skipped: number;
  /** Data rows in the file (not counting blank lines and the headings). */
  total: number;
  headers: string[];
  headerLine: number;
  encoding: CsvEncoding | 'text';
  delimiter: Delimiter;
  registerFormat: boolean;
  /** The mapping used: the one given, or the suggestion when none was given. */
  mapping: Mapping;
  /** Choices still needed before anything can be imported (then `rows` is empty). */
  required: RequiredChoice[];
  /** Headings nobody mapped yet (suggested mapping only). */
  unknownHeaders: string[];
  notices: string[];
}

/** Values that say "no manager" in organogram returns (XX marks the top post) and HR exports. */
const NO_MANAGER = new Set(['', 'xx', 'n/a', 'na', 'n/d', 'none', '-', '0']);

interface MappedColumn {
  index: number;
  header: string;
  target: MappingTarget;
}

function normaliseWords(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function parseContractType(cell: string): ContractType | undefined {
  const t = normaliseWords(cell);
  if (t === 'permanent') return 'permanent';
  if (t === 'fixed term' || t === 'fixedterm' || t === 'temporary') return 'fixed-term';
  return ContractType.safeParse(t).data;
}

/** Service categories by their id and their name, both in normaliseWords form. */
const SERVICE_CATEGORY_BY_WORDS = new Map<string, ServiceCategory>();
for (const c of [...ServiceCategory.options].reverse()) {
  SERVICE_CATEGORY_BY_WORDS.set(normaliseWords(serviceCategoryName[c]), c);
  SERVICE_CATEGORY_BY_WORDS.set(normaliseWords(c), c);
}

function parseServiceCategory(cell: string): ServiceCategory | undefined {
  return SERVICE_CATEGORY_BY_WORDS.get(normaliseWords(cell));
}

/** Most cells of a column repeat (councils, contract types, dates): each distinct value is parsed once per file. */
const MEMO_LIMIT = 20_000;
function memoised<T>(parse: (cell: string) => T): (cell: string) => T {
  const seen = new Map<string, T>();
  return (cell) => {
    const known = seen.get(cell);
    if (known !== undefined || seen.has(cell)) return known as T;
    const value = parse(cell);
    if (seen.size < MEMO_LIMIT) seen.set(cell, value);
    return value;
  };
}

/** Each mapping target's place in a row's list of values (an array per row is cheaper than a map per row). */
const SLOT = new Map(MappingTarget.options.map((t, i) => [t, i]));
const slotOf = (t: MappingTarget) => SLOT.get(t)!;
const S = {
  council: slotOf('council'),
  employeeNumber: slotOf('employeeNumber'),
  fullName: slotOf('fullName'),
  forename: slotOf('forename'),
  surname: slotOf('surname'),
  knownAs: slotOf('knownAs'),
  fte: slotOf('fte'),
  continuousServiceDate: slotOf('continuousServiceDate'),
  contractType: slotOf('contractType'),
  tomFunction: slotOf('tomFunction'),
  serviceCategory: slotOf('serviceCategory'),
  lineManager: slotOf('lineManager'),
};
const TEXT_TARGETS = (['jobTitle', 'grade', 'team', 'tomTeam'] as const).map((t) => [t, slotOf(t)] as const);

/** What mapRow needs, worked out once per file instead of once per row. */
interface CompiledMapping {
  columns: readonly (MappedColumn & { slot: number })[];
  mapping: Mapping;
  hasNameColumn: boolean;
  hasEmails: boolean;
  hasSpellings: boolean;
  council: (cell: string) => Council | undefined;
  fte: (cell: string) => ReturnType<typeof parseFteCell>;
  date: (cell: string) => ReturnType<typeof parseDateCell>;
  contractType: (cell: string) => ContractType | undefined;
  tomFunction: (cell: string) => ReturnType<typeof parseTomFunction>;
  serviceCategory: (cell: string) => ServiceCategory | undefined;
  /** A name cell without stray quotes, or '' when it names nobody (N/D, Vacant…). */
  name: (cell: string) => string;
  /** Whether a line manager's staff key is well formed. */
  isStaffKey: (key: string) => boolean;
}

function compileMapping(columns: readonly MappedColumn[], mapping: Mapping): CompiledMapping {
  return {
    columns: columns.map((c) => ({ ...c, slot: slotOf(c.target) })),
    mapping,
    hasNameColumn: columns.some((c) => c.target === 'fullName' || c.target === 'forename' || c.target === 'surname'),
    hasEmails: columns.some((c) => c.target === 'emails'),
    hasSpellings: columns.some((c) => c.target === 'otherSpellings'),
    council: memoised(parseCouncil),
    fte: memoised(parseFteCell),
    date: memoised(parseDateCell),
    contractType: memoised(parseContractType),
    tomFunction: memoised(parseTomFunction),
    serviceCategory: memoised(parseServiceCategory),
    name: memoised((cell) => (isNoNamedPerson(cell) ? '' : stripStrayQuotes(cell))),
    isStaffKey: memoised((key) => StaffKeySchema.safeParse(key).success),
  };
}

interface MappedRow {
  input: Record<string, unknown>;
  errors: RowError[];
  noPerson: boolean;
}

const NO_ERRORS: RowError[] = [];

/** Reads one row of someone else's file through the user's column mapping. */
function mapRow(cells: readonly string[], compiled: CompiledMapping, line: number): MappedRow {
  const { columns, mapping } = compiled;
  const input: Record<string, unknown> = {};
  let errors = NO_ERRORS;
  // The first non-blank cell for each target, and the heading of its column.
  const values: (string | undefined)[] = new Array<string | undefined>(SLOT.size);
  const headers: (string | undefined)[] = new Array<string | undefined>(SLOT.size);
  const emails: string[] | undefined = compiled.hasEmails ? [] : undefined;
  const spellings: string[] | undefined = compiled.hasSpellings ? [] : undefined;
  for (const c of columns) {
    const raw = cells[c.index];
    const value = raw === undefined ? '' : raw.trim();
    if (c.target === 'emails') {
      if (value) emails!.push(...splitEmails(value));
    } else if (c.target === 'otherSpellings') spellings!.push(...value.split(';').map((x) => x.trim()));
    else if (value && values[c.slot] === undefined) {
      values[c.slot] = value;
      headers[c.slot] = c.header;
    }
  }
  const fail = (target: MappingTarget, reason: string) => {
    const slot = slotOf(target);
    if (errors === NO_ERRORS) errors = [];
    errors.push({ line, column: headers[slot] ?? columnOf(columns, target), value: values[slot], reason });
  };

  let council: Council | undefined = mapping.defaultCouncil;
  const councilCell = values[S.council];
  if (councilCell) {
    council = compiled.council(councilCell);
    if (!council) fail('council', `Council must be Camden, Haringey or Islington, not '${councilCell}'`);
  } else if (!council) {
    fail('council', 'Council is missing');
  }
  if (council) input.council = council;
  input.employeeNumber = values[S.employeeNumber] ?? '';

  let forename = '';
  let surname = '';
  const full = values[S.fullName];
  if (full && !isNoNamedPerson(full)) ({ forename, surname } = splitFullName(full));
  const f = values[S.forename];
  const s = values[S.surname];
  if (f) forename = compiled.name(f) || forename;
  if (s) surname = compiled.name(s) || surname;
  const noPerson = !forename && !surname;
  if (compiled.hasNameColumn || noPerson) {
    input.forename = forename;
    input.surname = surname;
    input.vacant = noPerson;
  }
  const knownAs = values[S.knownAs];
  if (knownAs !== undefined && !isNoNamedPerson(knownAs)) input.knownAs = stripStrayQuotes(knownAs);
  if (emails) input.emails = emails;
  if (spellings) input.otherSpellings = spellings.filter(Boolean);

  for (const [target, slot] of TEXT_TARGETS) {
    const v = values[slot];
    if (v !== undefined) input[target] = v;
  }
  const fte = values[S.fte];
  if (fte) {
    const r = compiled.fte(fte);
    if (r.ok) input.fte = r.value;
    else fail('fte', `FTE ${r.reason}`);
  }
  const csd = values[S.continuousServiceDate];
  if (csd) {
    const r = compiled.date(csd);
    if (r.ok) input.continuousServiceDate = r.value;
    else fail('continuousServiceDate', `Continuous service date ${r.reason}`);
  }
  const contract = values[S.contractType];
  if (contract) {
    const v = compiled.contractType(contract);
    if (v) input.contractType = v;
    else
      fail('contractType', `Contract type must be permanent, fixed term, casual, agency or other, not '${contract}'`);
  }
  const tom = values[S.tomFunction];
  if (tom) {
    const v = compiled.tomFunction(tom);
    if (v) input.tomFunction = v;
    else fail('tomFunction', `TOM function must be one of the four TOM functions, not '${tom}'`);
  }
  const category = values[S.serviceCategory];
  if (category) {
    const v = compiled.serviceCategory(category);
    if (v) input.serviceCategory = v;
    else fail('serviceCategory', `Service category is not one of the baseline categories: '${category}'`);
  }
  const manager = values[S.lineManager];
  if (manager && !NO_MANAGER.has(manager.toLowerCase())) {
    // A bare employee number or post reference is in the same council as the row; "council:number" names another.
    const key = manager.includes(':') ? manager.toLowerCase().replace(/\s+/g, '') : `${council}:${manager}`;
    if (council && compiled.isStaffKey(key)) input.lineManager = key;
    else if (council) fail('lineManager', `Line manager must be an employee number without spaces, not '${manager}'`);
  }
  return { input, errors, noPerson };
}

function columnOf(columns: readonly MappedColumn[], target: MappingTarget): string | undefined {
  return columns.find((c) => c.target === target)?.header;
}

/** Field paths a mapping fills; `fullName` fills forename and surname, and any name column says whether a post is vacant. */
function carriedByMapping(columns: readonly MappedColumn[]): Set<string> {
  const carried = new Set<string>(['council', 'employeeNumber']);
  for (const c of columns) {
    if (c.target === 'fullName' || c.target === 'forename' || c.target === 'surname') {
      carried.add('forename').add('surname').add('vacant');
    } else {
      carried.add(c.target);
    }
  }
  return carried;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  let v: unknown = input;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Zod's messages, turned into plain words about the column the user sees. */
function issueToError(
  issue: z.core.$ZodIssue,
  input: unknown,
  line: number,
  columnForPath: (path: readonly PropertyKey[]) => { header?: string; label: string },
): RowError {
  const { header, label } = columnForPath(issue.path);
  const value = valueAt(input, issue.path);
  let message = issue.message;
  if (issue.code === 'invalid_value' || issue.code === 'invalid_type') {
    message = value === undefined ? 'is missing or not understood' : `is not understood: '${value}'`;
  } else if (issue.code === 'invalid_format' && issue.format === 'email' && value !== undefined) {
    message = `'${value}' is not an e-mail address`;
  }
  const reason = message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
  return {
    line,
    ...(header !== undefined ? { column: header } : {}),
    ...(value ? { value } : {}),
    reason,
  };
}

export interface ReadOptions {
  /** Names the import in notes and the suggested mapping (file name or address). */
  source?: string;
  /** Used when the file is not in the register's format and no mapping is given. */
  saved?: Mapping;
  /**
   * Seal the records (deeply frozen, known valid: see record-validator.ts), so that an import that writes them
   * as they are does not check them a second time. The Import page does; the records must then not be changed.
   */
  seal?: boolean;
}

/**
 * Reads a CSV file (bytes or text) into validated staff records. With no mapping, the register's own format
 * maps itself and any other file gets the suggested mapping (its required choices then block the import).
 * Never throws on the file's content: every problem becomes a RowError with its line.
 */
export function readRows(
  source: string | Uint8Array | DecodedText,
  mapping?: Mapping,
  options: ReadOptions = {},
): ReadResult {
  const decoded = toCsvText(source);
  const rows: ReadRow[] = [];
  const rowErrors: RowError[] = [];
  const validate = createRecordValidator({ seal: options.seal === true });
  const firstLine = new Map<string, number>();
  let vacant = 0;
  let skipped = 0;
  let total = 0;
  let registerFormat = false;
  let unknownHeaders: string[] = [];
  let required: RequiredChoice[] = [];
  let used = mapping;
  let notices: string[] = [];

  const accept = (
    line: number,
    input: StaffRecordInput,
    carried: ReadonlySet<string>,
    mappedErrors: RowError[],
    columnForPath: ColumnForPath,
  ) => {
    if (mappedErrors.length > 0) {
      rowErrors.push(...mappedErrors);
      return;
    }
    const result = validate(input);
    if (!result.success) {
      // One error per field: an empty employee number breaks both its length and its pattern rule.
      const seenPaths = new Set<string>();
      for (const issue of result.issues) {
        const at = issue.path.map(String).join('.');
        if (seenPaths.has(at)) continue;
        seenPaths.add(at);
        rowErrors.push(issueToError(issue, input, line, columnForPath));
      }
      return;
    }
    const record = result.data;
    const key = keyOf(record);
    const first = firstLine.get(key);
    if (first !== undefined) {
      rowErrors.push({
        line,
        column: columnForPath(['employeeNumber']).header,
        value: record.employeeNumber,
        reason: `${councilName[record.council]} employee number ${record.employeeNumber} is also on line ${first}; only line ${first} is imported`,
      });
      return;
    }
    firstLine.set(key, line);
    if (record.vacant) vacant++;
    rows.push({ line, record, carried });
  };

  /** Once the headings are known: the mapping, the choices still needed, and what to do with each row. */
  const begin = (head: CsvHead): ((row: SourceRow) => void) => {
    const headers = head.headers;
    registerFormat = isRegisterFormat(headers);
    notices = [...head.notices];
    if (!used || registerFormat) {
      const suggestion = suggestMapping(headers, mapping ?? options.saved, {
        source: options.source ?? mapping?.source,
        registerFormat,
      });
      if (!registerFormat)
        ignoreColumnsWithNoCouncil(headers, head.firstRows, suggestion.mapping, options.saved, notices);
      used = mapping && registerFormat ? { ...suggestion.mapping, vacantRows: mapping.vacantRows } : suggestion.mapping;
      unknownHeaders = suggestion.unknownHeaders;
      notices.push(...suggestion.notes);
      required = registerFormat ? [] : checkMapping(headers, used).required;
    } else {
      const check = checkMapping(headers, used);
      required = check.required;
      notices.push(...check.notes);
    }
    const counting = () => {
      total++;
    };
    if (headers.length === 0 || required.length > 0) return counting;
    const vacantRows = used.vacantRows;

    if (registerFormat) {
      const columns = registerColumns(planIdsFromHeaders(headers));
      const headerForPath = new Map(columns.map((c) => [c.path, c.header]));
      const columnForPath: ColumnForPath = (path) => {
        const dotted = registerPath(path);
        // A list is one column: zod's `emails.0` is the "Work e-mails" column.
        const column = registerPath(path.filter((p) => typeof p !== 'number'));
        const header =
          headerForPath.get(dotted) ??
          headerForPath.get(`${dotted}.state`) ??
          headerForPath.get(column) ??
          // A pension item's date shares the cell of its state ("Done 2018-04-01").
          headerForPath.get(dotted.replace(/\.date$/, '.state'));
        return { header, label: header ?? dotted };
      };
      return (row) => {
        total++;
        const byHeader: Record<string, string> = {};
        headers.forEach((h, i) => {
          if (h && !Object.hasOwn(byHeader, h)) byHeader[h] = restoreNeutralised(row.cells[i] ?? '');
        });
        const { input, carried } = rowToRecordInput(byHeader);
        if (input.vacant === true && vacantRows === 'skip') {
          skipped++;
          return;
        }
        accept(row.line, input, carried, [], (path) => columnForPath(rewriteTransferIndex(path, input)));
      };
    }

    const columns = mappedColumns(headers, used);
    const compiled = compileMapping(columns, used);
    const carried = carriedByMapping(columns);
    const columnForPath: ColumnForPath = (path) => {
      const top = String(path[0] ?? '');
      const target = (top === 'forename' || top === 'surname') && !columnOf(columns, top) ? 'fullName' : top;
      const header = columnOf(columns, target as MappingTarget);
      const label = mappingTargetLabel[top as MappingTarget] ?? top;
      return { header, label };
    };
    return (row) => {
      total++;
      const mapped = mapRow(row.cells, compiled, row.line);
      if (mapped.noPerson && vacantRows === 'skip') {
        skipped++;
        return;
      }
      accept(row.line, mapped.input as StaffRecordInput, carried, mapped.errors, columnForPath);
    };
  };

  const { head, problems } = streamCsv(
    decoded.text,
    { isHeader: (cells) => isRegisterFormat(cells.map((c) => c.trim())) },
    begin,
  );
  const base = {
    headers: head.headers,
    headerLine: head.headerLine,
    encoding: decoded.encoding,
    delimiter: head.delimiter,
    registerFormat,
    mapping: used!,
    required,
    unknownHeaders,
    notices,
    total,
  };
  if (head.headers.length === 0) {
    return {
      ...base,
      rows: [],
      errors: [{ line: 1, reason: decoded.binary ? NOT_TEXT_REASON : 'The file is empty' }],
      invalidRows: 0,
      vacant: 0,
      skipped: 0,
    };
  }
  const errors: RowError[] = problems.map((p) => ({ line: p.line, reason: p.reason }));
  if (required.length > 0) {
    for (const r of required) errors.push({ line: head.headerLine, reason: r.text });
    return { ...base, rows: [], errors, invalidRows: total, vacant: 0, skipped: 0 };
  }
  for (const e of rowErrors) errors.push(e);
  return {
    ...base,
    rows,
    errors: sortErrors(errors),
    invalidRows: countLines(errors, head.headerLine),
    vacant,
    skipped,
  };
}

type ColumnForPath = (path: readonly PropertyKey[]) => { header?: string; label: string };

/** Zod reports `transfers.0.scope`; the register's columns name the plan: `transfers.<plan id>.scope`. */
function rewriteTransferIndex(path: readonly PropertyKey[], input: StaffRecordInput): PropertyKey[] {
  if (path[0] !== 'transfers' || typeof path[1] !== 'number') return [...path];
  const planId = input.transfers?.[path[1]]?.planId;
  return planId === undefined ? [...path] : ['transfers', planId, ...path.slice(2)];
}

function registerPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function mappedColumns(headers: readonly string[], mapping: Mapping): MappedColumn[] {
  const columns: MappedColumn[] = [];
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    if (seen.has(header)) return;
    seen.add(header);
    const choice = choiceFor(mapping, header);
    if (choice && choice !== 'ignore') columns.push({ index, header, target: choice });
  });
  return columns;
}

/**
 * Organogram returns have an "Organisation" column naming a department ("Home Office"), which the alias list
 * reads as the council. When none of the first rows names a council, the column is ignored and the user is
 * asked for the council instead of every row failing.
 */
function ignoreColumnsWithNoCouncil(
  headers: readonly string[],
  rows: readonly SourceRow[],
  mapping: Mapping,
  saved: Mapping | undefined,
  notices: string[],
): void {
  const sample = rows.slice(0, 50);
  headers.forEach((header, index) => {
    if (choiceFor(mapping, header) !== 'council' || (saved && choiceFor(saved, header))) return;
    const values = sample.map((r) => (r.cells[index] ?? '').trim()).filter(Boolean);
    if (values.length === 0 || values.some((v) => parseCouncil(v))) return;
    mapping.columns[header] = 'ignore';
    notices.push(
      `The '${header}' column does not name Camden, Haringey or Islington (it says '${values[0]}'), so it is ignored.`,
    );
  });
}

function countLines(errors: readonly RowError[], headerLine: number): number {
  return new Set(errors.filter((e) => e.line > headerLine).map((e) => e.line)).size;
}

function sortErrors(errors: RowError[]): RowError[] {
  return errors.sort((a, b) => a.line - b.line);
}

/** The errors as a CSV file the user can download and fix their source file with (formula-safe cells). */
export function errorsToCsv(errors: readonly RowError[]): string {
  const rows = errors.map((e) => [String(e.line), e.column ?? '', e.value ?? '', e.reason].map(neutraliseFormula));
  return '\uFEFF' + Papa.unparse({ fields: ['Line', 'Column', 'Value', 'Problem'], data: rows }, { newline: '\r\n' });
}

import { z } from 'zod';
import { Council, councilName } from '../domain/council';
import { MappingTarget, mappingTargetLabel, targetForHeader } from './headers';

export const ColumnChoice = z.union([MappingTarget, z.literal('ignore')]);
export type ColumnChoice = z.infer<typeof ColumnChoice>;

/**
 * How one source's columns fill staff records; the store saves one per source (file name or address) so the
 * next import of the same source asks nothing.
 */
export const SavedMapping = z.object({
  source: z.string().trim().min(1).max(2000),
  /** Column heading (as written in the file, trimmed) → field, or 'ignore'. */
  columns: z.record(z.string(), ColumnChoice),
  /** The employing council for every row, when the file has no council column. */
  defaultCouncil: Council.optional(),
  /** Rows with no named person (N/D, Vacant, Eliminated, blank): keep them as vacant posts, or skip them. */
  vacantRows: z.enum(['keep', 'skip']).default('keep'),
});
export type Mapping = z.infer<typeof SavedMapping>;

/** A choice the user must make before the file can be imported. */
export interface RequiredChoice {
  kind: 'council' | 'employee-number';
  text: string;
}

export interface MappingSuggestion {
  mapping: Mapping;
  /** The file is in the register's own export format: it maps itself and nothing needs asking. */
  registerFormat: boolean;
  /** Headings no alias or saved choice covers: the user maps each to a field or ignores it (ignored until then). */
  unknownHeaders: string[];
  required: RequiredChoice[];
  /** Things worth knowing that need no answer. */
  notes: string[];
}

/** The choice for a heading; own keys only, so a heading like "constructor" is not read from the prototype. */
export function choiceFor(mapping: Mapping, header: string): ColumnChoice | undefined {
  return Object.hasOwn(mapping.columns, header) ? mapping.columns[header] : undefined;
}

const MULTI_VALUED: ReadonlySet<MappingTarget> = new Set(['emails', 'otherSpellings']);

/** What the mapping still needs, and notes about it, for the headings of one file. */
export function checkMapping(
  headers: readonly string[],
  mapping: Mapping,
): Pick<MappingSuggestion, 'required' | 'notes'> {
  const required: RequiredChoice[] = [];
  const notes: string[] = [];
  const used = new Map<MappingTarget, string[]>();
  const seen = new Set<string>();
  for (const header of headers) {
    if (!header || seen.has(header)) continue;
    seen.add(header);
    const choice = choiceFor(mapping, header);
    if (!choice || choice === 'ignore') continue;
    used.set(choice, [...(used.get(choice) ?? []), header]);
  }
  if (!used.has('employeeNumber')) {
    required.push({
      kind: 'employee-number',
      text: 'Choose the column that holds the employee number: no column heading was recognised as one, and no row can be imported without it.',
    });
  }
  if (!used.has('council') && !mapping.defaultCouncil) {
    required.push({
      kind: 'council',
      text: 'This file has no council column. Choose the council that employs everyone in it.',
    });
  } else if (used.has('council') && mapping.defaultCouncil) {
    notes.push(`Rows with a blank council are read as ${councilName[mapping.defaultCouncil]}.`);
  }
  if (!used.has('fullName') && !used.has('forename') && !used.has('surname')) {
    notes.push('No column holds names, so every row will be read as a post with nobody named in it.');
  }
  for (const [target, headersForTarget] of used) {
    if (headersForTarget.length > 1 && !MULTI_VALUED.has(target)) {
      notes.push(
        `${headersForTarget.map((h) => `'${h}'`).join(' and ')} both fill ${mappingTargetLabel[target].toLowerCase()}: the first one with a value is used.`,
      );
    }
  }
  const duplicates = headers.filter((h, i) => h && headers.indexOf(h) !== i);
  for (const h of new Set(duplicates)) notes.push(`The heading '${h}' appears more than once: only the first is read.`);
  return { required, notes };
}

/**
 * Proposes a mapping for a file's headings: the saved mapping for this source first, then known aliases;
 * anything else is listed for the user and ignored until they choose.
 */
export function suggestMapping(
  headers: readonly string[],
  saved?: Mapping,
  options: { source?: string; registerFormat?: boolean } = {},
): MappingSuggestion {
  const source = options.source ?? saved?.source ?? 'CSV file';
  if (options.registerFormat) {
    return {
      mapping: { source, columns: {}, vacantRows: saved?.vacantRows ?? 'keep' },
      registerFormat: true,
      unknownHeaders: [],
      required: [],
      notes: [],
    };
  }
  const columns: Record<string, ColumnChoice> = {};
  const unknownHeaders: string[] = [];
  for (const header of headers) {
    if (Object.hasOwn(columns, header)) continue;
    const savedChoice = saved ? choiceFor(saved, header) : undefined;
    const target = savedChoice ?? targetForHeader(header);
    columns[header] = target ?? 'ignore';
    if (!target && header !== '') unknownHeaders.push(header);
  }
  const mapping: Mapping = {
    source,
    columns,
    vacantRows: saved?.vacantRows ?? 'keep',
    ...(saved?.defaultCouncil ? { defaultCouncil: saved.defaultCouncil } : {}),
  };
  return { mapping, registerFormat: false, unknownHeaders, ...checkMapping(headers, mapping) };
}

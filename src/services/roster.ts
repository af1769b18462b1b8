// Importing the office's roster (XLSX or CSV: name, unit, position, phone, role): every row checked first and
// reported by its row number (unknown unit, a duplicate in the file, already in the database, a bad role or phone);
// only a roster without problems is written, in one transaction, each official with a one-use invite of their own.

import type { PrismaClient } from '../db/database.js';
import { createInvite, createRosterOfficials, type Role, rosterMatches } from '../db/officials.js';
import { loadUnitEntries } from '../db/units.js';
import { generateCode } from '../domain/invite-code.js';
import { foldText } from '../domain/text.js';

/** How long roster invites stay valid: long enough to hand out printed sheets. */
export const ROSTER_INVITE_DAYS = 30;
export const MAX_ROSTER_ROWS = 5_000;

export interface RosterRow {
  /** The row's number in the file (the header is row 1). */
  line: number;
  name: string;
  unit: string;
  position: string;
  phone: string;
  role: string;
}

export type RosterProblem =
  | { kind: 'no-header' }
  | { kind: 'empty' }
  | { kind: 'too-many'; max: number }
  | { kind: 'unreadable'; reason: string };

export type RowProblem =
  | { kind: 'missing-name' }
  | { kind: 'unknown-unit'; unit: string }
  | { kind: 'duplicate'; of: number }
  | { kind: 'exists'; officialId: number }
  | { kind: 'bad-role'; role: string }
  | { kind: 'bad-phone'; phone: string };

export interface CheckedRow extends RosterRow {
  problems: RowProblem[];
  unitId?: number;
  unitCode?: string;
  normalizedPhone?: string;
  normalizedRole?: 'official' | 'admin' | 'leader';
}

const COLUMNS: Record<keyof Omit<RosterRow, 'line'>, string[]> = {
  name: ['ho va ten', 'ho ten', 'ten', 'name', 'full name'],
  unit: ['don vi', 'ma don vi', 'unit', 'unit code'],
  position: ['chuc vu', 'position', 'title'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'phone', 'phone number'],
  role: ['quyen', 'vai tro', 'role'],
};

/** The header row names the columns (Vietnamese or English, any case, with or without diacritics). */
export function rowsFromTable(table: string[][]): RosterRow[] | RosterProblem {
  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim()));
  if (headerIndex < 0) return { kind: 'empty' };
  const header = (table[headerIndex] ?? []).map((cell) =>
    foldText(cell)
      .replace(/[^a-z ]/g, '')
      .trim(),
  );
  const columnOf = (names: string[]) => header.findIndex((cell) => names.includes(cell));
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, names]) => [key, columnOf(names)])) as Record<
    keyof typeof COLUMNS,
    number
  >;
  if (index.name < 0 || index.unit < 0) return { kind: 'no-header' };
  const rows: RosterRow[] = [];
  table.forEach((row, i) => {
    if (i <= headerIndex || !row.some((cell) => cell.trim())) return;
    const cell = (column: number) => (column >= 0 ? (row[column] ?? '').replace(/\s+/g, ' ').trim() : '');
    rows.push({
      line: i + 1,
      name: cell(index.name),
      unit: cell(index.unit),
      position: cell(index.position),
      phone: cell(index.phone),
      role: cell(index.role),
    });
  });
  if (rows.length === 0) return { kind: 'empty' };
  if (rows.length > MAX_ROSTER_ROWS) return { kind: 'too-many', max: MAX_ROSTER_ROWS };
  return rows;
}

/** The cells of a roster file as text: the first sheet of an .xlsx, or a CSV (UTF-8, with or without BOM, , or ;). */
export async function readRosterFile(bytes: Uint8Array, fileName: string): Promise<string[][] | RosterProblem> {
  try {
    if (/\.xlsx$/i.test(fileName)) {
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) return { kind: 'empty' };
      const table: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, number) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cell.text ?? '';
        });
        table[number - 1] = Array.from(cells, (value) => value ?? '');
      });
      return Array.from(table, (row) => row ?? []);
    }
    const { parse } = await import('csv-parse/sync');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
}

/** Vietnamese numbers as people write them: 0912 345 678, 0912.345.678, +84 912 345 678 → 0912345678. */
export function normalizePhone(text: string): string | undefined {
  const compact = text.replace(/[\s.()-]/g, '');
  const local = compact.replace(/^\+?84/, '0');
  return /^0\d{9,10}$/.test(local) ? local : undefined;
}

export function normalizeRole(text: string): 'official' | 'admin' | 'leader' | undefined {
  const folded = foldText(text);
  if (!folded || ['official', 'can bo', 'canbo', 'thanh vien'].includes(folded)) return 'official';
  if (['admin', 'quan tri', 'quantri', 'quan tri vien'].includes(folded)) return 'admin';
  if (
    ['leader', 'lanh dao', 'lanhdao', 'truong', 'truong don vi', 'pho truong', 'quan sat', 'observer'].includes(folded)
  )
    return 'leader';
  return undefined;
}

/** Every row checked against the file's other rows and the database; nothing is written. */
export async function checkRoster(prisma: PrismaClient, rows: RosterRow[]): Promise<CheckedRow[]> {
  const [units, known] = await Promise.all([loadUnitEntries(prisma), rosterMatches(prisma)]);
  const byCode = new Map(units.map((unit) => [unit.code.toLowerCase(), unit]));
  const byName = new Map<string, (typeof units)[number][]>();
  for (const unit of units)
    for (const name of [...unit.names, foldText(unit.name)]) byName.set(name, [...(byName.get(name) ?? []), unit]);
  const seenPhones = new Map<string, number>();
  const seenNames = new Map<string, number>();
  return rows.map((row) => {
    const problems: RowProblem[] = [];
    const checked: CheckedRow = { ...row, problems };
    if (!row.name) problems.push({ kind: 'missing-name' });
    const named = byName.get(foldText(row.unit));
    const unit = byCode.get(row.unit.toLowerCase()) ?? (named?.length === 1 ? named[0] : undefined);
    if (!unit) problems.push({ kind: 'unknown-unit', unit: row.unit });
    else {
      checked.unitId = unit.id;
      checked.unitCode = unit.code;
    }
    const role = normalizeRole(row.role);
    if (!role) problems.push({ kind: 'bad-role', role: row.role });
    else checked.normalizedRole = role;
    if (row.phone) {
      const phone = normalizePhone(row.phone);
      if (!phone) problems.push({ kind: 'bad-phone', phone: row.phone });
      else {
        checked.normalizedPhone = phone;
        const earlier = seenPhones.get(phone);
        if (earlier !== undefined) problems.push({ kind: 'duplicate', of: earlier });
        else seenPhones.set(phone, row.line);
        const existing = known.phones.get(phone);
        if (existing !== undefined) problems.push({ kind: 'exists', officialId: existing });
      }
    }
    if (row.name && unit) {
      const key = `${unit.id}:${foldText(row.name)}`;
      const earlier = seenNames.get(key);
      if (earlier !== undefined && !problems.some((p) => p.kind === 'duplicate'))
        problems.push({ kind: 'duplicate', of: earlier });
      else if (earlier === undefined) seenNames.set(key, row.line);
      const existing = known.namesInUnits.get(key);
      if (existing !== undefined && !problems.some((p) => p.kind === 'exists'))
        problems.push({ kind: 'exists', officialId: existing });
    }
    return checked;
  });
}

export type RosterImport =
  | { kind: 'problem'; problem: RosterProblem }
  | { kind: 'rejected'; rows: CheckedRow[] }
  | { kind: 'imported'; rows: CheckedRow[]; officials: { officialId: number; code: string }[]; expiresAt: Date };

/** Reads, checks and (when every row is right) imports a roster file. */
export async function importRoster(
  prisma: PrismaClient,
  input: { bytes: Uint8Array; fileName: string; actor: { officialId?: number; label: string }; now: Date },
): Promise<RosterImport> {
  const table = await readRosterFile(input.bytes, input.fileName);
  if (!Array.isArray(table)) return { kind: 'problem', problem: table };
  const rows = rowsFromTable(table);
  if (!Array.isArray(rows)) return { kind: 'problem', problem: rows };
  const checked = await checkRoster(prisma, rows);
  if (checked.some((row) => row.problems.length > 0)) return { kind: 'rejected', rows: checked };
  const expiresAt = new Date(input.now.getTime() + ROSTER_INVITE_DAYS * 86_400_000);
  const officials = await createRosterOfficials(prisma, {
    entries: checked.map((row) => ({
      name: row.name,
      unitId: row.unitId as number,
      position: row.position || null,
      phone: row.normalizedPhone ?? null,
      role: row.normalizedRole ?? 'official',
      code: generateCode(),
    })),
    expiresAt,
    actor: input.actor,
    file: input.fileName.slice(0, 200),
  });
  return { kind: 'imported', rows: checked, officials, expiresAt };
}

/** A new one-use invite for a roster official who has not joined yet (the old one lost or expired). */
export async function reissueRosterInvite(
  prisma: PrismaClient,
  input: {
    official: { id: number; unitId: number; role: Role };
    actor: { officialId: number; label: string };
    now: Date;
  },
): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(input.now.getTime() + ROSTER_INVITE_DAYS * 86_400_000);
  const invite = await createInvite(prisma, {
    code: generateCode(),
    officialId: input.official.id,
    unitId: input.official.unitId,
    role: input.official.role,
    maxUses: 1,
    expiresAt,
    createdById: input.actor.officialId,
    actorLabel: input.actor.label,
  });
  return { code: invite.code, expiresAt };
}

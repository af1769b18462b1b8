// Unit levels: the tiers of a unit tree ("cấp tỉnh", "cấp xã", "các huyện ủy và tương đương"), as data.
// A 2012 party plan has four (province, district, grassroots, cell); since 1 July 2025 local government has
// two tiers (province and commune, with the province's departments beside it). Plans and the database may
// define others; these are the ones dondoc knows from the start.
import type { Language } from './language.js';
import { foldText } from './text.js';

export interface LevelDefinition {
  /** What plan files and audiences write: `level:commune`. Lower case ASCII. */
  key: string;
  /** 0 is the top of the tree; a lower tier has a larger rank. Levels of one tree may share a rank. */
  rank: number;
  /** The tier itself: "cấp xã". */
  name: Record<Language, string>;
  /** Every unit of the tier, as a reply names them: "UBND các xã, phường, đặc khu". */
  members: Record<Language, string>;
  /**
   * Words that name the tier, folded and without punctuation ("cap xa", "xa phuong"): an audience
   * "level:huyen", or the word after a shared unit name ("Ban Tổ chức huyện") that says which tier is meant.
   */
  aliases: readonly string[];
}

export const LEVEL_KEY = /^[a-z][a-z0-9-]{0,31}$/;

export const STANDARD_LEVELS: readonly LevelDefinition[] = [
  {
    key: 'province',
    rank: 0,
    name: { vi: 'cấp tỉnh', en: 'province level' },
    members: { vi: 'các đơn vị cấp tỉnh', en: 'province-level units' },
    aliases: ['cap tinh', 'tinh', 'tinh uy', 'tu'],
  },
  {
    key: 'department',
    rank: 1,
    name: { vi: 'sở, ban, ngành', en: 'departments' },
    members: { vi: 'các sở, ban, ngành', en: 'departments and agencies' },
    aliases: ['so ban nganh', 'so nganh', 'cac so'],
  },
  {
    key: 'district',
    rank: 1,
    name: { vi: 'cấp huyện', en: 'district level' },
    members: { vi: 'các huyện ủy và tương đương', en: 'district committees and equivalents' },
    aliases: ['cap huyen', 'huyen', 'huyen uy', 'thi xa', 'thanh pho', 'tp'],
  },
  {
    key: 'commune',
    rank: 2,
    name: { vi: 'cấp xã', en: 'commune level' },
    members: { vi: 'các xã, phường, đặc khu', en: 'communes, wards and special zones' },
    aliases: ['cap xa', 'xa', 'xa phuong', 'xa phuong dac khu', 'phuong', 'dac khu'],
  },
  {
    key: 'grassroots',
    rank: 2,
    name: { vi: 'cấp cơ sở', en: 'grassroots level' },
    members: { vi: 'các cấp ủy cơ sở', en: 'grassroots committees' },
    aliases: ['cap co so', 'co so', 'cap uy co so', 'dang uy co so'],
  },
  {
    key: 'cell',
    rank: 3,
    name: { vi: 'chi bộ', en: 'party cell' },
    members: { vi: 'các chi bộ', en: 'party cells' },
    aliases: ['chi bo', 'chi uy'],
  },
];

export const STANDARD_LEVEL_KEYS: ReadonlySet<string> = new Set(STANDARD_LEVELS.map((level) => level.key));

export function standardLevel(key: string): LevelDefinition | undefined {
  return STANDARD_LEVELS.find((level) => level.key === key);
}

/** Folded words without punctuation, as aliases are kept. */
export function levelWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The level a typed name means ("district", "huyen", "cấp xã"), among the given ones. */
export function resolveLevel(levels: readonly LevelDefinition[], typed: string): LevelDefinition | undefined {
  const words = levelWords(typed);
  const compact = words.replace(/ /g, '');
  return (
    levels.find((level) => level.key === typed.trim().toLowerCase()) ??
    levels.find((level) => level.aliases.some((alias) => alias === words || alias.replace(/ /g, '') === compact))
  );
}

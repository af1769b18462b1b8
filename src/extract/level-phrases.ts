// Phrases that name every unit of a level ("các sở, ban, ngành", "UBND các xã, phường, đặc khu", "các Huyện ủy và
// tương đương", "chi bộ") → level keys. Matched on folded text at a position (sticky patterns).
//
// The same words name different tiers in different years: "xã, phường, thị trấn" in a party plan of 2012 are its
// grassroots committees, while since the two-tier reform (1 July 2025) a commune (xã, phường, đặc khu) is a tier
// of its own, party and government alike. So the party's "Đảng ủy xã, phường" means `commune` in a plan dated after
// the reform and `grassroots` before it; a People's Committee of a commune is always `commune`.

export interface LevelContext {
  /** The plan is dated on or after 1 July 2025 (two-tier local government). */
  twoTier: boolean;
}

export type LevelPhrase = [RegExp, string[]];

const DISTRICT = 'level:district';
const GRASSROOTS = 'level:grassroots';
const CELL = 'level:cell';
const DEPARTMENT = 'level:department';
const COMMUNE = 'level:commune';

/** The date the two-tier local government took effect. */
export const TWO_TIER_FROM = '2025-07-01';

/** Commune words: "xã, phường, đặc khu", "phường, xã", "cấp xã", "các xã", with "thị trấn" before 2025. */
const COMMUNE_WORDS = String.raw`(?:cac )?(?:cap xa|xa(?:\s?[,/]\s?| va )phuong(?:(?:\s?[,/]\s?| va )(?:dac khu|thi tran))?|phuong(?:\s?[,/]\s?| va )xa(?:(?:\s?[,/]\s?| va )(?:dac khu|thi tran))?|xa|phuong|dac khu)`;

export function levelPhrases(context: LevelContext): LevelPhrase[] {
  const partyCommune = context.twoTier ? COMMUNE : GRASSROOTS;
  return [
    // Government: the province's departments and agencies.
    [
      /(?:cac |thu truong (?:cac )?|lanh dao (?:cac )?)?(?:so|co quan chuyen mon)(?:, ban| ban)?(?:, | )nganh(?:, doan the)?(?: (?:tinh|thanh pho|cua tinh|cua thanh pho|thuoc tinh|thuoc thanh pho))?(?: (?:co )?lien quan)?/y,
      [DEPARTMENT],
    ],
    [/(?:cac )?co quan chuyen mon (?:thuoc|truc thuoc) (?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)/y, [DEPARTMENT]],
    [/cac (?:so|nganh)(?: (?:co )?lien quan)?(?![a-z,])/y, [DEPARTMENT]],
    // "các sở, ngành, địa phương": the localities of a two-tier province are its communes.
    [/(?<!(?:tai|cua|o|tren|tung|moi|voi) )(?:cac )?dia phuong(?: (?:co )?lien quan)?/y, [COMMUNE]],
    // Government: the communes' People's Committees.
    [
      new RegExp(
        `(?:chu tich )?(?:uy ban nhan dan|ubnd|chinh quyen) ${COMMUNE_WORDS}(?: tren dia ban(?: tinh| thanh pho)?)?`,
        'y',
      ),
      [COMMUNE],
    ],
    [/(?:uy ban nhan dan|ubnd) (?:cac )?(?:huyen|quan|cap huyen)(?:, (?:thi xa|thanh pho|quan))*/y, [DISTRICT]],
    // Party: district committees and equivalents.
    [
      /(?:cac )?(?:ban chap hanh |ban thuong vu |thuong truc |bi thu |tap the )?(?:cac )?(?:huyen uy|thanh uy|thi uy)(?:(?:,| va)\s(?:cac )?(?:huyen uy|thanh uy|thi uy|dang uy truc thuoc(?: tinh uy)?))*(?: va tuong duong)?/y,
      [DISTRICT],
    ],
    [/(?:cac )?(?:ban thuong vu |thuong truc |ban chap hanh )?dang uy truc thuoc(?: tinh uy)?/y, [DISTRICT]],
    [/(?:ban chap hanh dang bo |dang bo )?(?:cac )?huyen, thanh pho(?: va tuong duong)?/y, [DISTRICT]],
    [/(?:o )?cap huyen(?: va tuong duong)?/y, [DISTRICT]],
    [
      /(?:ban thuong vu |thuong truc |tap the thuong vu )?cap uy(?: cac cap| cap (?:huyen|tren|duoi|minh))/y,
      [DISTRICT, GRASSROOTS],
    ],
    [/(?:ban thuong vu |tap the )?(?:cac )?cap uy(?! vien)(?:, to chuc dang)?(?: cac cap)?/y, [DISTRICT, GRASSROOTS]],
    [/(?:cac )?(?:cap uy|dang uy|to chuc) co so(?: dang)?/y, [GRASSROOTS]],
    [/(?:o )?cap co so/y, [GRASSROOTS]],
    // Party: communes' committees; "thị trấn" marks the pre-2025 map, where they were the grassroots.
    [
      /(?:ban chap hanh )?dang bo xa, phuong, thi tran(?: va tuong duong)?|(?:dang uy )?(?:cac )?xa, phuong, thi tran/y,
      [GRASSROOTS],
    ],
    [
      /(?:ban chap hanh |ban thuong vu )?(?:dang uy|dang bo) (?:cac )?(?:xa(?:, phuong)?(?:, dac khu)?|phuong(?:, xa)?(?:, dac khu)?)(?![a-z])/y,
      [partyCommune],
    ],
    [/cac xa, phuong(?:, dac khu)?/y, [COMMUNE]],
    [/(?<!dong )(?:tap the )?(?:chi uy(?! vien)|chi bo)/y, [CELL]],
    // Below the commune: villages and residential groups, a tier no standard level names.
    [
      /(?:cac )?(?:thon|ap|khom|ban|buon), (?:to dan pho|khu pho|ap|thon)(?:, (?:to dan pho|khu pho|ap|thon|ban|buon))*/y,
      [VILLAGE],
    ],
  ];
}

const VILLAGE = 'level:village';

/** Levels the phrases above may need that are not standard: proposed to the reviewer with these words. */
export const PROPOSED_LEVELS: Record<string, { rank: number; name: string; members: string; aliases: string[] }> = {
  village: {
    rank: 3,
    name: 'thôn, tổ dân phố',
    members: 'các thôn, tổ dân phố',
    aliases: ['thon', 'to dan pho', 'ap', 'khu pho'],
  },
};

/**
 * Groups that are not units nor levels ("các cơ quan, đơn vị liên quan", "các doanh nghiệp", "tổ chức, cá nhân"):
 * a duty may name them, but nobody in the unit tree answers for them.
 */
export const OTHER_GROUPS =
  /(?:cac |moi )?(?:co quan, don vi(?: co)? lien quan|co quan, don vi(?: duoc giao[a-z ]{0,40}?(?= co trach nhiem| chu dong|,))?|co quan, to chuc, don vi(?: co)? lien quan|don vi(?: co)? lien quan|co quan(?: co)? lien quan|to chuc, ca nhan(?: co)? lien quan|dia phuong(?: co)? lien quan|cac dia phuong|doanh nghiep(?: vien thong| nha nuoc)?|nha dau tu|nha cung cap dich vu|vien, truong|nguoi dan|ho san xuat|hop tac xa)/y;

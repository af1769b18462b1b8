// Government bodies named in plans: a province's departments ("Sở Khoa học và Công nghệ", "Sở KH&CN"), its
// other agencies (Công an tỉnh, Ban Quản lý …, Văn phòng UBND tỉnh), mass organisations, and any body whose name
// starts with a head word ("Ban", "Trung tâm", "Hội" …). Each gets a canonical name, an abbreviation for its code
// and a level key. Matching is on folded text (see foldKeepLength), one character per character.

export interface BodyMatch {
  /** Canonical name ("Sở Khoa học và Công nghệ"), or the name as written, first letter capitalised. */
  name: string;
  /** Other names it goes by: the abbreviation as written ("Sở KH&CN"), the short form. */
  aliases: string[];
  /** Code suffix: "SKHCN", "CA", "BQLKKT". */
  abbreviation: string;
  /** Level key: "department" for the province's departments and agencies, "province" for province-wide bodies. */
  level: string;
  /** Characters of the folded text the name covers. */
  length: number;
}

interface Department {
  name: string;
  /** Folded spellings of the field after "Sở", longest first. */
  spellings: string[];
  abbreviation: string;
}

/** The departments of a province, current (since 2025) and former, with their usual abbreviations. */
const DEPARTMENTS: Department[] = [
  { name: 'Nội vụ', spellings: ['noi vu'], abbreviation: 'SNV' },
  { name: 'Tài chính', spellings: ['tai chinh'], abbreviation: 'STC' },
  { name: 'Tư pháp', spellings: ['tu phap'], abbreviation: 'STP' },
  { name: 'Y tế', spellings: ['y te'], abbreviation: 'SYT' },
  { name: 'Xây dựng', spellings: ['xay dung'], abbreviation: 'SXD' },
  { name: 'Công Thương', spellings: ['cong thuong'], abbreviation: 'SCT' },
  { name: 'Ngoại vụ', spellings: ['ngoai vu'], abbreviation: 'SNGV' },
  { name: 'Giáo dục và Đào tạo', spellings: ['giao duc va dao tao', 'gd&dt', 'gd-dt', 'gddt'], abbreviation: 'SGDDT' },
  {
    name: 'Khoa học và Công nghệ',
    spellings: ['khoa hoc va cong nghe', 'khoa hoc cong nghe', 'kh&cn', 'kh-cn', 'khcn'],
    abbreviation: 'SKHCN',
  },
  {
    name: 'Văn hóa, Thể thao và Du lịch',
    spellings: [
      'van hoa, the thao va du lich',
      'van hoa - the thao va du lich',
      'van hoa the thao va du lich',
      'van hoa the thao du lich',
      'vh,tt&dl',
      'vhtt&dl',
      'vhttdl',
    ],
    abbreviation: 'SVHTTDL',
  },
  {
    name: 'Nông nghiệp và Môi trường',
    spellings: ['nong nghiep va moi truong', 'nn&mt', 'nnmt'],
    abbreviation: 'SNNMT',
  },
  { name: 'Dân tộc và Tôn giáo', spellings: ['dan toc va ton giao', 'dt&tg', 'dttg'], abbreviation: 'SDTTG' },
  { name: 'Kế hoạch và Đầu tư', spellings: ['ke hoach va dau tu', 'kh&dt', 'khdt'], abbreviation: 'SKHDT' },
  {
    name: 'Thông tin và Truyền thông',
    spellings: ['thong tin va truyen thong', 'tt&tt', 'tttt'],
    abbreviation: 'STTTT',
  },
  {
    name: 'Lao động - Thương binh và Xã hội',
    spellings: [
      'lao dong - thuong binh va xa hoi',
      'lao dong, thuong binh va xa hoi',
      'lao dong thuong binh va xa hoi',
      'ld-tb&xh',
      'ldtb&xh',
      'ldtbxh',
    ],
    abbreviation: 'SLDTBXH',
  },
  {
    name: 'Tài nguyên và Môi trường',
    spellings: ['tai nguyen va moi truong', 'tn&mt', 'tnmt'],
    abbreviation: 'STNMT',
  },
  {
    name: 'Nông nghiệp và Phát triển nông thôn',
    spellings: ['nong nghiep va phat trien nong thon', 'nn&ptnt', 'nnptnt'],
    abbreviation: 'SNNPTNT',
  },
  { name: 'Giao thông vận tải', spellings: ['giao thong van tai', 'gtvt'], abbreviation: 'SGTVT' },
  { name: 'Quy hoạch - Kiến trúc', spellings: ['quy hoach - kien truc', 'quy hoach kien truc'], abbreviation: 'SQHKT' },
  { name: 'Du lịch', spellings: ['du lich'], abbreviation: 'SDL' },
];

/** Words naming the province or city after a body: "tỉnh", "thành phố", "Thành phố", "TP". */
const LOCALITY = String.raw`(?: (?:tinh|thanh pho|tp\.?))`;

interface StandardBody {
  pattern: RegExp;
  name: (locality: string) => string;
  abbreviation: string;
  level: string;
}

/** A province's usual agencies and organisations, named with the province's word ("Công an tỉnh"). */
const STANDARD_BODIES: StandardBody[] = [
  {
    pattern: /cong an (tinh|thanh pho)/y,
    name: (l) => `Công an ${l}`,
    abbreviation: 'CA',
    level: 'department',
  },
  {
    pattern: /bo chi huy bo doi bien phong (tinh|thanh pho)/y,
    name: (l) => `Bộ Chỉ huy Bộ đội Biên phòng ${l}`,
    abbreviation: 'BDBP',
    level: 'department',
  },
  {
    pattern: /bo chi huy quan su (tinh|thanh pho)/y,
    name: (l) => `Bộ Chỉ huy Quân sự ${l}`,
    abbreviation: 'BCHQS',
    level: 'department',
  },
  {
    pattern: /van phong (?:uy ban nhan dan|ubnd) (tinh|thanh pho)/y,
    name: (l) => `Văn phòng Ủy ban nhân dân ${l}`,
    abbreviation: 'VPUBND',
    level: 'department',
  },
  { pattern: /thanh tra (tinh|thanh pho)/y, name: (l) => `Thanh tra ${l}`, abbreviation: 'TTR', level: 'department' },
  {
    pattern: /(?:uy ban )?mat tran to quoc(?: viet nam)?(?: (tinh|thanh pho|xa|phuong|dac khu))?/y,
    name: (l) => `Ủy ban Mặt trận Tổ quốc Việt Nam${l ? ` ${l}` : ''}`,
    abbreviation: 'MTTQ',
    level: 'province',
  },
  {
    pattern: /(tinh|thanh) doan(?: thanh nien)?/y,
    name: (l) => (l === 'thanh' ? 'Thành đoàn' : 'Tỉnh đoàn'),
    abbreviation: 'TD',
    level: 'province',
  },
  {
    pattern: /hoi lien hiep phu nu(?: viet nam)?(?: (tinh|thanh pho))?/y,
    name: (l) => `Hội Liên hiệp Phụ nữ${l ? ` ${l}` : ''}`,
    abbreviation: 'HLHPN',
    level: 'province',
  },
  {
    pattern: /hoi nong dan(?: viet nam)?(?: (tinh|thanh pho))?/y,
    name: (l) => `Hội Nông dân${l ? ` ${l}` : ''}`,
    abbreviation: 'HND',
    level: 'province',
  },
  {
    pattern: /hoi cuu chien binh(?: viet nam)?(?: (tinh|thanh pho))?/y,
    name: (l) => `Hội Cựu chiến binh${l ? ` ${l}` : ''}`,
    abbreviation: 'HCCB',
    level: 'province',
  },
  {
    pattern: /lien doan lao dong(?: (tinh|thanh pho))?/y,
    name: (l) => `Liên đoàn Lao động${l ? ` ${l}` : ''}`,
    abbreviation: 'LDLD',
    level: 'province',
  },
  {
    pattern: /lien hiep cac hoi khoa hoc va ky thuat(?: (tinh|thanh pho))?/y,
    name: (l) => `Liên hiệp các Hội Khoa học và Kỹ thuật${l ? ` ${l}` : ''}`,
    abbreviation: 'LHHKHKT',
    level: 'province',
  },
  {
    pattern: /bao hiem xa hoi(?: (tinh|thanh pho))?/y,
    name: (l) => `Bảo hiểm xã hội${l ? ` ${l}` : ''}`,
    abbreviation: 'BHXH',
    level: 'department',
  },
  {
    pattern: /toa an nhan dan (tinh|thanh pho)/y,
    name: (l) => `Tòa án nhân dân ${l}`,
    abbreviation: 'TAND',
    level: 'province',
  },
  {
    pattern: /vien kiem sat nhan dan (tinh|thanh pho)/y,
    name: (l) => `Viện Kiểm sát nhân dân ${l}`,
    abbreviation: 'VKSND',
    level: 'province',
  },
  {
    pattern: /(?:hoi dong nhan dan|hdnd) (tinh|thanh pho)/y,
    name: (l) => `Hội đồng nhân dân ${l}`,
    abbreviation: 'HDND',
    level: 'province',
  },
];

const LOCALITY_WORD: Record<string, string> = { tinh: 'tỉnh', 'thanh pho': 'thành phố', thanh: 'thành' };

/** Head words of a body's name; the name runs on to the first word that is not part of a name. */
const HEADS =
  /(?:so|tong cong ty|cong ty|ban quan ly|ban chi dao|ban dan toc|ban|trung tam|hiep hoi|hoi|truong|vien|chi cuc|cuc|kho bac|ngan hang|bao|dai|benh vien|quy|bo chi huy|nha xuat ban)(?![a-z])/y;

/** The written forms of head words whose folded form other words share. */
const HEAD_WORDS: Record<string, string[]> = {
  so: ['sở'],
  ban: ['ban'],
  truong: ['trường'],
  vien: ['viện'],
  hoi: ['hội'],
  bao: ['báo'],
  dai: ['đài'],
  quy: ['quỹ'],
  cuc: ['cục'],
  chi: ['chi'],
  trung: ['trung'],
  cong: ['công'],
  tong: ['tổng'],
  kho: ['kho'],
  ngan: ['ngân'],
  hiep: ['hiệp'],
  benh: ['bệnh'],
  bo: ['bộ'],
  nha: ['nhà'],
};

/** Words a body's name does not run into: verbs and the connectors of a sentence. */
const NAME_STOP =
  /^(?:chu|phoi|tham|huong|xay|to|thuc|theo|tong|bao|de|trien|kiem|giam|thong|tuyen|van|dong|khuyen|ho|tao|lam|la|co|can|chiu|dam|bo|tiep|tap|nghien|phat|quan|ra|day|nang|don|cung|trong|tai|ve|nham|khi|neu|va|hoac|cac|nhung|voi|cho|duoc|se|da|dang|phai|tren|duoi|sau|truoc|tu|den|qua|giup|chi|de xuat|tiep nhan|thu|trinh|ban|xem|lap|gop|danh|sua|bo sung|cap|ke)$/;

/** Words that end a name even as the second syllable after a capital ("Sở Tài chính chủ trì"). */
const STRONG_STOP =
  /^(?:chu|phoi|la|co|duoc|se|thuc|tham|to|theo|de|voi|cho|trong|tai|ve|tu|den|va|cac|huong|xay|trien|bao|kiem|giam)$/;

/** Lower-case words that are common inside names of zones and agencies ("khu công nghệ cao", "khu kinh tế"). */
const GENERIC_NAME_WORDS = /^(?:khu|cong|nghe|nghiep|cao|kinh|te|che|xuat|cum|nha|nuoc|vuc)$/;

function foldedNext(folded: string, position: number): string {
  return /^\s+([a-z0-9&]+)/.exec(folded.slice(position))?.[1] ?? '';
}

/** A department: "Sở" + a known field (or its abbreviation), or "Sở" + words up to a verb. */
function department(folded: string, nfc: string, position: number): BodyMatch | undefined {
  if (!folded.startsWith('so ', position)) return undefined;
  const at = position + 3;
  for (const entry of DEPARTMENTS) {
    for (const spelling of entry.spellings) {
      if (!folded.startsWith(spelling, at) || /[a-z0-9&]/.test(folded[at + spelling.length] ?? '')) continue;
      let length = 3 + spelling.length;
      const locality = new RegExp(`${LOCALITY}(?![a-z])`, 'y');
      locality.lastIndex = position + length;
      const tail = locality.exec(folded);
      if (tail) length += tail[0].length + placeNameLength(nfc, position + length + tail[0].length);
      const written = nfc.slice(position, position + 3 + spelling.length);
      const name = `Sở ${entry.name}`;
      return {
        name,
        aliases: written.normalize('NFC') !== name ? [written] : [],
        abbreviation: entry.abbreviation,
        level: 'department',
        length,
      };
    }
  }
  return undefined;
}

/** Capitalised words after a locality word ("tỉnh Đồng Tháp"): their length including the leading space. */
function placeNameLength(nfc: string, position: number): number {
  const match = /^(?: \p{Lu}[\p{Ll}\p{M}]*)+/u.exec(nfc.slice(position, position + 40));
  return match ? match[0].length : 0;
}

function standardBody(folded: string, position: number): BodyMatch | undefined {
  for (const body of STANDARD_BODIES) {
    body.pattern.lastIndex = position;
    const match = body.pattern.exec(folded);
    if (!match || /[a-z0-9]/.test(folded[position + match[0].length] ?? '')) continue;
    const locality = match[1] ? (LOCALITY_WORD[match[1]] ?? match[1]) : '';
    return {
      name: body.name(locality),
      aliases: [],
      abbreviation: body.abbreviation,
      level: body.level,
      length: match[0].length,
    };
  }
  return undefined;
}

/**
 * Any other body: a head word ("Ban Quản lý", "Trung tâm", "Hội") and the name after it, which runs while its words
 * are capitalised or follow a capitalised word, and stops at a verb, a connector or punctuation.
 */
function namedBody(folded: string, nfc: string, position: number): BodyMatch | undefined {
  HEADS.lastIndex = position;
  const head = HEADS.exec(folded);
  if (!head) return undefined;
  // Folding merges words ("Trưởng" and "Trường", "viên" and "Viện"): the head must be the body's own word.
  const headWord = nfc.slice(position, position + (head[0].split(' ')[0]?.length ?? 0)).toLocaleLowerCase('vi');
  const allowed = HEAD_WORDS[head[0].split(' ')[0] ?? ''];
  if (allowed && !allowed.includes(headWord)) return undefined;
  // "so" is also "số" (a number): only "Sở" opens a department's name. A name is written with a capital, and a
  // one-word head ("Báo", "Hội", "Trường") takes a capitalised word after it ("Báo Đồng Tháp", not "báo cáo").
  if (head[0] === 'so' && nfc.slice(position, position + 2).toLowerCase() !== 'sở') return undefined;
  if (!/^\p{Lu}/u.test(nfc.charAt(position))) return undefined;
  // A heading in capitals ("XÃ HỘI SỐ", "CHẾ ĐỘ BÁO CÁO") names no body by these words.
  const headWritten = nfc.slice(position, position + head[0].length);
  if (headWritten.length > 1 && headWritten === headWritten.toLocaleUpperCase('vi')) return undefined;
  if (!head[0].includes(' ') && !/^\s+\p{Lu}/u.test(nfc.slice(position + head[0].length))) return undefined;
  let end = position + head[0].length;
  let words = 0;
  let previousCapital = true;
  const word = /\s+([^\s,;:.()"“”]+)/y;
  for (;;) {
    word.lastIndex = end;
    const match = word.exec(nfc);
    if (!match?.[1]) break;
    const original = match[1];
    const foldedWord = folded.slice(match.index, match.index + match[0].length).trim();
    const capital = /^\p{Lu}/u.test(original);
    const next = /^\s+(\S)/u.exec(nfc.slice(match.index + match[0].length))?.[1] ?? '';
    const nextCapital = /\p{Lu}/u.test(next);
    if (!capital) {
      const connector = foldedWord === 'va' || foldedWord === 'cac';
      if (connector) {
        if (!(nextCapital || words === 0 || GENERIC_NAME_WORDS.test(foldedNext(folded, match.index + match[0].length))))
          break;
      } else if (NAME_STOP.test(foldedWord) && !(previousCapital && words > 0 && !STRONG_STOP.test(foldedWord))) break;
      else if (!(previousCapital || words === 0 || nextCapital || GENERIC_NAME_WORDS.test(foldedWord))) break;
    }
    end = match.index + match[0].length;
    words += 1;
    previousCapital = capital;
    if (words >= 12) break;
  }
  if (words === 0) return undefined;
  const name = nfc.slice(position, end).trim();
  const withoutPlace = folded.slice(position, end).replace(/ (?:tinh|thanh pho)(?: [a-z]+)*$/, '');
  const initials = withoutPlace
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !['va', 'cac', 'cua'].includes(w))
    .map((w) => (w[0] ?? '').toUpperCase())
    .join('')
    .slice(0, 10);
  return {
    name: name.charAt(0).toUpperCase() + name.slice(1),
    aliases: [],
    abbreviation: initials || 'DV',
    level: 'department',
    length: end - position,
  };
}

/**
 * The government body named at `position` of the folded text, if any. A party committee's plan names its own
 * organs through the catalogue of units.ts; of the others only departments ("Sở Nội vụ") and the standard agencies
 * and organisations ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Công an tỉnh") are read there.
 */
export function governmentBodyAt(
  folded: string,
  nfc: string,
  position: number,
  branch: 'party' | 'government' = 'government',
): BodyMatch | undefined {
  if (branch === 'party') return department(folded, nfc, position) ?? standardBody(folded, position);
  return department(folded, nfc, position) ?? standardBody(folded, position) ?? namedBody(folded, nfc, position);
}

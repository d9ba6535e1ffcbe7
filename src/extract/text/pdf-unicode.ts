// Radical code points → the ideographs they stand for. Subsetting tools (Chromium's, some WPS
// exports) write ToUnicode maps that name a shared glyph by its radical code point: 人 comes out
// as ⼈ (U+2F08, KANGXI RADICAL MAN), 长 as ⻓ (U+2ED3), 日 as ⽇. poppler folds these; pdf.js does
// not. Kangxi radicals and CJK compatibility ideographs fold by NFKC; the CJK Radicals Supplement
// has no decomposition, so its simplified-Chinese forms are listed (after Unicode's
// EquivalentUnifiedIdeograph.txt).

const SUPPLEMENT: Record<string, string> = {
  '⺁': '厂', '⺅': '亻', '⺆': '冂', '⺉': '刂', '⺊': '卜', '⺋': '㔾', '⺌': '小', '⺎': '尢', '⺏': '尣',
  '⺐': '尢', '⺒': '巳', '⺓': '幺', '⺔': '彑', '⺕': '彐', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵',
  '⺛': '旡', '⺝': '月', '⺞': '歺', '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫',
  '⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王', '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻', '⺮': '竹',
  '⺯': '糸', '⺰': '纟', '⺱': '罓', '⺲': '罒', '⺳': '网', '⺴': '网', '⺵': '网', '⺶': '羊', '⺷': '羊',
  '⺸': '羋', '⺹': '耂', '⺺': '肀', '⺻': '聿', '⺼': '肉', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹',
  '⻁': '虎', '⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻊': '足',
  '⻋': '车', '⻌': '辶', '⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长',
  '⻔': '门', '⻕': '阜', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞',
  '⻝': '食', '⻟': '飠', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜', '⻰': '龙',
  '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/gu;

/** Text with radical and compatibility code points folded to the ideographs; other text as is. */
export function foldRadicals(text: string): string {
  return text.replace(RADICAL, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

// Place names of China's divisions as text: the level word a name ends in, and the short name
// people write without it (淮安市 → 淮安). Used by the extractor's region resolution and by the
// publisher's agency registry.

const SUFFIXES =
  /(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|街道办事处|街道|地区|省|市|县|区|旗|盟|镇|乡|苏木)$/;

/** A name without its level word, when what is left is still a name ("哈尔滨市" → "哈尔滨"); else null. */
export function shortName(name: string): string | null {
  const short = name.replace(SUFFIXES, '');
  return short.length >= 2 && short !== name ? short : null;
}

// What a form spec says: the shape every file of src/forms/ fills in. A spec is data — labels,
// matchers, column types, identities — and everything downstream (the table readers, the checks,
// the CSV/tidy/Parquet columns, the codebook, the site's tables) is derived from it.

/** A bilingual label: Chinese as the form prints it, English for the site and codebook. */
export type Bi = readonly [zh: string, en: string];

/**
 * What a cell holds. `count`: a whole number of items; `signed_count`: a count that may be printed
 * with a sign (本年增/减: "+2", "减少3"); `money`: an amount, stored in `unit` (万元), its printed text
 * kept in the `raw` column beside it.
 */
export type ValueType = 'count' | 'signed_count' | 'money';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The column's label (zh) and its English. */
  label: Bi;
  type: ValueType;
  /** Money: the unit the value is stored in. */
  unit?: '万元';
  /** Money: the column that keeps the cell as printed. */
  raw?: { key: string; label: Bi };
}

export interface RowSpec<K extends string = string> {
  key: K;
  /** The row's own label as the form prints it (without its group's label), and its English. */
  label: Bi;
  /**
   * Keywords compared against a printed label in `rowLabel` form (NFKC, no whitespace, item numbers
   * as "1."): `strong` ones identify the row on their own; `loose` ones are fragments that still do
   * when a label is clipped or reworded (the match is warned about).
   */
  strong: readonly RegExp[];
  loose?: readonly RegExp[];
  /** The group the row sits in (table 三's （三）不予公开…), a key of the table's `groups`. */
  group?: string;
  /** The row is the subtotal of these rows, when the form prints them (（六）其他处理 of the 2021 form). */
  parts?: readonly string[];
}

export interface GroupSpec {
  label: Bi;
  /** The enclosing group (三、本年度办理结果 around （三）不予公开). */
  parent?: string;
  /** The group's label heads its rows' full labels ("（三）不予公开 1.属于国家秘密"). */
  prefix?: boolean;
  /**
   * The group's label as it shows up merged into its rows' printed labels (a rowspan cell read into
   * each row: "（三）不予公开1.属于国家秘密"), in `rowLabel` form; a top-level group's only at the start.
   */
  merged?: RegExp;
}

/**
 * An accounting identity: for each column (`each: 'column'`, summing rows) or each row (`each: 'row'`,
 * summing columns), the cells of `left` add up to the cells of `right`. A side of several cells is
 * named in the check's detail by `name`, or by its keys when it has none. Blank cells count as 0; an
 * identity whose cells are all blank is not checked. A row with `parts` stands for its parts when any
 * of them is printed.
 */
export interface IdentitySpec {
  rule: string;
  each: 'column' | 'row';
  left: { keys: readonly string[]; name?: string };
  right: { keys: readonly string[]; name?: string };
  /** `each: 'row'`: the rows it holds for (default: every row of the table). */
  rows?: readonly string[];
  /** What the identity says, for the site and the codebook. */
  label: Bi;
  /** The right side splits the left into shares of a whole (the site charts them: outcomes of the year's requests). */
  shares?: boolean;
}

/**
 * An identity between one agency's reports of two consecutive years. `carry`: what year N carries
 * forward (row `from`) is what year N+1 carried over (row `to`), per column. `stock`: a stock column
 * moves by its flows: stock(N) + inflow(N+1) − outflow(N+1) = stock(N+1), per row in `rows`.
 */
export type CrossYearSpec =
  | { rule: string; kind: 'carry'; from: string; to: string; label: Bi }
  | { rule: string; kind: 'stock'; rows: readonly string[]; stock: string; inflow: string; outflow: string; label: Bi };

/** How a table's section is found among a document's rows. */
export interface SectionSpec {
  /** A numbered heading ("二、主动公开政府信息情况"): all of these match the heading text. */
  heading: readonly RegExp[];
  /** A heading must not match these. */
  headingNot?: readonly RegExp[];
  /** A bare title line naming the table. */
  title?: RegExp;
  /** A row whose text matches one of these opens the table. */
  opens?: readonly RegExp[];
  /** A row with cells matching every pattern of one set opens the table (its header row). */
  headerCells?: readonly (readonly RegExp[])[];
}

/** A block of table 二: a 第二十条 banner, its column headers, and its rows. */
export interface BlockSpec {
  banner: Bi;
  /** Columns by key, with the header the block prints over each (and the money unit it states). */
  columns: readonly { key: string; header: Bi; statedUnit?: '万元' }[];
  rows: readonly string[];
}

/** Table 二: rows (each with the columns of its block) in blocks under 第二十条 banners. */
export interface ProactiveSpec {
  title: Bi;
  section: SectionSpec;
  /** The banner that opens a block ("第二十条第（一）项"), anywhere in a label. */
  banner: RegExp;
  rows: readonly RowSpec[];
  columns: readonly ColumnSpec[];
  blocks: readonly BlockSpec[];
  /** Label of the column of row labels (信息内容), which holds no figures, as printed and as matched. */
  labelHeader: Bi;
  labelColumn: RegExp;
  /** Money printed in 万元 when the table says so ("单位：万元") and the cell has no unit. */
  statesUnit: RegExp;
  crossYear?: readonly CrossYearSpec[];
}

/** Table 三 or 四: every row has every column. */
export interface GridSpec<R extends string = string, C extends string = string> {
  title: Bi;
  /** What the table counts, in a few words ("行政复议、行政诉讼" / "reconsideration and litigation"). */
  short: Bi;
  section: SectionSpec;
  rows: readonly RowSpec<R>[];
  columns: readonly ColumnSpec<C>[];
  groups: Readonly<Record<string, GroupSpec>>;
  /** Column groups of the header (法人或其他组织 over five applicant columns), by column key. */
  columnGroups?: Readonly<Record<string, { label: Bi; columns: readonly C[] }>>;
  identities: readonly IdentitySpec[];
  crossYear?: readonly CrossYearSpec[];
  /** Header words the reader must not take for a column (the group headers of table 四). */
  headerGroups?: RegExp;
  /** The table's corner note, shown on the site. */
  corner?: Bi;
  /** Title over the columns (申请人情况). */
  columnsTitle?: Bi;
  /** How a row's full label joins its group's label and its own (' ' in table 三, '·' in table 四). */
  groupJoin: string;
}

export interface FormSpec {
  /** The record's `template` value for reports of this form. */
  id: string;
  name: Bi;
  /** First report year the form is used for. */
  since: number;
  /** Labels only this form prints: a document printing more of them than of another form's is this form. */
  signatures: RegExp;
  proactive: ProactiveSpec;
  applications: GridSpec;
  reviews: GridSpec;
}

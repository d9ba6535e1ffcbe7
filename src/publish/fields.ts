// Column descriptions shared by the CSV/Parquet writers, datapackage.json and CODEBOOK.md:
// one list per file, so a column cannot be written without being documented.

/** Table Schema types (Frictionless): what a column holds once parsed. */
export type FieldType = 'string' | 'integer' | 'number' | 'date';

export interface Field {
  name: string;
  type: FieldType;
  /** Chinese title (the form's wording where there is one). */
  zh: string;
  /** English description. */
  en: string;
  /** The only values the column may hold, blanks aside (a Table Schema `enum` constraint). */
  enum?: readonly string[];
  /** A regular expression every non-blank value matches (a Table Schema `pattern` constraint). */
  pattern?: string;
}

export const field = (
  name: string,
  type: FieldType,
  zh: string,
  en: string,
  constraints: Pick<Field, 'enum' | 'pattern'> = {},
): Field => ({ name, type, zh, en, ...constraints });

/** A column of a table written from items of type T: its field and how to read it off an item. */
export interface Column<T> extends Field {
  get: (item: T) => string | number | null;
}

export const column = <T>(name: string, type: FieldType, zh: string, en: string, get: Column<T>['get']): Column<T> => ({
  ...field(name, type, zh, en),
  get,
});

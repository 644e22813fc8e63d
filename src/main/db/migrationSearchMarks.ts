/** ASCII punctuation: the characters the index's tokenizer is told are parts of tokens (tokenchars). */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'

/** `value` as an SQL string literal. */
const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`

/**
 * Schema version 24: the short-query index (dialogues_cjk, schemas 14 and 18) holds the pairs of every run of
 * characters between white space, punctuation included ("虑。", "k!", "？！"), so one- and two-character queries
 * with punctuation or of mixed scripts ("，", "?", "焦，", "我I") are answered by the index instead of a scan of
 * every message (~0.4 s at 55k dialogues). Its tokenizer is told that ASCII punctuation belongs to tokens, which
 * an existing FTS5 table cannot change: the table is made again, empty, and its mark set back; the indexer (the
 * workspace worker) writes its documents again in batches, and searches meanwhile scan what it has not reached, so
 * they stay exact.
 */
export const searchMarksMigration = {
  version: 24,
  name: 'punctuation in the short-query index',
  sql: `
    DROP TABLE dialogues_cjk;
    CREATE VIRTUAL TABLE dialogues_cjk USING fts5(grams, content='', contentless_delete=1, detail='none',
      tokenize=${sqlString(`ascii tokenchars ${sqlString(PUNCTUATION)}`)}, prefix='1');
    UPDATE search_index_state SET upto = 0 WHERE name = 'dialogues_cjk';
  `,
}

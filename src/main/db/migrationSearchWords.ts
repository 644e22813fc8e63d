/**
 * Schema version 18: the short-query index (dialogues_cjk, schema 14) also holds the pairs of every run of other
 * letters and digits (Latin words, numbers; ASCII letters in lower case), so one- and two-character queries in any
 * script are answered by the index instead of a scan of every message (~1 s at 55k dialogues). Its documents are
 * emptied here and its mark set back: the indexer (the workspace worker) writes them again in batches, and searches
 * meanwhile scan what it has not reached, so they stay exact.
 */
export const searchWordsMigration = {
  version: 18,
  name: 'letters and digits in the short-query index',
  sql: `
    INSERT INTO dialogues_cjk (dialogues_cjk) VALUES ('delete-all');
    UPDATE search_index_state SET upto = 0 WHERE name = 'dialogues_cjk';
  `,
}

/**
 * Schema version 12: an index for Chinese (and Japanese, Korean) queries of one or two characters, which the trigram
 * index cannot answer. Each run of CJK characters in a message is stored as its overlapping character pairs plus its
 * last character alone ("我很焦虑" → "我很 很焦 焦虑 虑"), as tokens of a contentless FTS5 table without positions.
 * A two-character query is one token; a one-character query is the prefix of a token (a prefix index of one character
 * answers it): every occurrence of a character either starts a pair or ends its run, so both are exact (the same
 * dialogues as a substring match). Messages are added with the trigram index (dialogueRepo.syncSearchIndex), from
 * their own mark, so an existing workspace fills this index in batches after the upgrade.
 */
export const searchShortMigration = {
  version: 12,
  name: 'an index of CJK character pairs for one- and two-character searches',
  sql: `
    CREATE VIRTUAL TABLE messages_cjk USING fts5(grams, content='', contentless_delete=1, detail='none',
      tokenize='ascii', prefix='1');
    INSERT INTO search_index_state (name, upto) VALUES ('messages_cjk', 0);
    CREATE TRIGGER messages_cjk_delete AFTER DELETE ON messages
      WHEN old.id <= (SELECT upto FROM search_index_state WHERE name = 'messages_cjk') BEGIN
      DELETE FROM messages_cjk WHERE rowid = old.id;
    END;
  `,
}

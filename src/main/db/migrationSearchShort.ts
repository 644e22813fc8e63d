/**
 * Schema version 14: an index for Chinese (and Japanese, Korean) queries of one or two characters, which the trigram
 * index cannot answer. A dialogue's document holds, once each, the overlapping character pairs of every run of CJK
 * characters in its messages, plus each run's last character alone ("我很焦虑" → "我很 很焦 焦虑 虑"), as tokens of
 * a contentless FTS5 table without positions whose rowid is the dialogue's. A two-character query is one token; a
 * one-character query is the prefix of a token (answered by a prefix index of one character): every occurrence of a
 * character either starts a pair or ends its run, so both are exact (the same dialogues as a substring match), and
 * the index answers with dialogues, not messages to look up. Dialogues whose messages were stored since the mark
 * (dialogueRepo.syncSearchIndex, with the trigram index) get their document written again; an existing workspace
 * fills this index in batches after the upgrade. Also: messages' dialogues by message id as a covering index, for the
 * trigram search (queries of three characters and more).
 */
export const searchShortMigration = {
  version: 14,
  name: 'an index of CJK character pairs per dialogue for one- and two-character searches',
  sql: `
    CREATE VIRTUAL TABLE dialogues_cjk USING fts5(grams, content='', contentless_delete=1, detail='none',
      tokenize='ascii', prefix='1');
    INSERT INTO search_index_state (name, upto) VALUES ('dialogues_cjk', 0);
    CREATE TRIGGER dialogues_cjk_delete AFTER DELETE ON dialogues BEGIN
      DELETE FROM dialogues_cjk WHERE rowid = old.rowid;
    END;
    -- A trigram match names messages; their dialogues are read from this index (about 50 bytes an entry), not from
    -- the rows (a 3-character word common in 55k dialogues otherwise reads most of the messages table).
    CREATE INDEX messages_dialogue_of ON messages(id, dialogue_id);
  `,
}

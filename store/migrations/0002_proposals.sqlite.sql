-- SQLite full-text index of proposals: FTS5 over the pre-tokenised search_text (CJK
-- bigrams and words, see textsim.IndexText), kept in step by the store in the same write.
CREATE VIRTUAL TABLE proposals_fts USING fts5(search_text, content='', contentless_delete=1, tokenize='unicode61');

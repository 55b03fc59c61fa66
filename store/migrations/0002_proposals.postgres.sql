-- PostgreSQL full-text index of proposals: a tsvector of the pre-tokenised search_text with
-- the 'simple' configuration (no stemming: the tokens are CJK bigrams and words).
ALTER TABLE proposals ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX proposals_search ON proposals USING GIN (search_vector);

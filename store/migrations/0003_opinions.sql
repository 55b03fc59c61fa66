-- Opinion reports (社情民意信息): the report, its authors, every saved version of its text,
-- the bulletin issues (《社情民意》) it is compiled into, its forwardings and adoptions, and
-- the LSH bands of its MinHash signature for the near-duplicate check.

-- The issues of the bulletin: numbered per committee and year without gaps.
CREATE TABLE opinion_issues (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    signer       TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    created_at   {{time}} NOT NULL,
    UNIQUE (committee_id, year, number)
);

-- The last issue number of each committee and year, taken inside the creating transaction.
CREATE TABLE opinion_issue_numbers (
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    year         INTEGER NOT NULL,
    last         INTEGER NOT NULL,
    PRIMARY KEY (committee_id, year)
);

CREATE TABLE opinions (
    id                  {{id}},
    committee_id        BIGINT NOT NULL REFERENCES committees(id),
    kind                TEXT NOT NULL,
    title               TEXT NOT NULL,
    body                TEXT NOT NULL DEFAULT '',
    state               TEXT NOT NULL,
    submitter_id        BIGINT REFERENCES members(id),
    group_id            BIGINT REFERENCES org_units(id),
    source_committee_id BIGINT REFERENCES committees(id),
    author_name         TEXT NOT NULL,
    origin_proposal_id  BIGINT REFERENCES proposals(id),
    not_used_reason     TEXT NOT NULL DEFAULT '',
    issue_id            BIGINT REFERENCES opinion_issues(id),
    issue_position      INTEGER NOT NULL DEFAULT 0,
    submitted_on        TEXT NOT NULL DEFAULT '',
    submitted_at        {{time}},
    created_at          {{time}} NOT NULL,
    updated_at          {{time}} NOT NULL
);
CREATE INDEX opinions_state ON opinions (committee_id, state);
CREATE INDEX opinions_issue ON opinions (issue_id);
-- A proposal is converted to one report at most: it is counted once.
CREATE UNIQUE INDEX opinions_origin ON opinions (origin_proposal_id) WHERE origin_proposal_id IS NOT NULL;

-- Every member who wrote the report: the submitter at position 0, co-authors after.
CREATE TABLE opinion_authors (
    opinion_id BIGINT NOT NULL REFERENCES opinions(id),
    member_id  BIGINT NOT NULL REFERENCES members(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (opinion_id, member_id)
);
CREATE INDEX opinion_authors_member ON opinion_authors (member_id);

-- Every saved text: the submitter's at each submission, the editor's at each save.
CREATE TABLE opinion_versions (
    id         {{id}},
    opinion_id BIGINT NOT NULL REFERENCES opinions(id),
    number     INTEGER NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    editor     {{bool}} NOT NULL,
    by_name    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at {{time}} NOT NULL,
    UNIQUE (opinion_id, number)
);

CREATE TABLE opinion_forwards (
    id         {{id}},
    opinion_id BIGINT NOT NULL REFERENCES opinions(id),
    to_body    TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at {{time}} NOT NULL
);
CREATE INDEX opinion_forwards_opinion ON opinion_forwards (opinion_id);

CREATE TABLE opinion_adoptions (
    id         {{id}},
    opinion_id BIGINT NOT NULL REFERENCES opinions(id),
    level      TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at {{time}} NOT NULL
);
CREATE INDEX opinion_adoptions_opinion ON opinion_adoptions (opinion_id);

CREATE TABLE opinion_bands (
    opinion_id BIGINT NOT NULL REFERENCES opinions(id),
    band       INTEGER NOT NULL,
    hash       BIGINT NOT NULL,
    PRIMARY KEY (opinion_id, band)
);
CREATE INDEX opinion_bands_hash ON opinion_bands (band, hash);

CREATE TABLE opinion_signatures (
    opinion_id BIGINT PRIMARY KEY REFERENCES opinions(id),
    signature  {{blob}} NOT NULL
);

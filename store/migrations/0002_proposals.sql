-- Proposals (提案): the record (history_units and history_class keep what an imported
-- earlier year's record says of its handling units and reply class), its co-signers, handling units, extensions, contacts,
-- replies, evaluations, supervision notes, and the LSH bands of its MinHash signature.

CREATE TABLE proposals (
    id               {{id}},
    committee_id     BIGINT NOT NULL REFERENCES committees(id),
    session_id       BIGINT NOT NULL REFERENCES sessions(id),
    number           INTEGER NOT NULL DEFAULT 0,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    category         TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL,
    between_sessions {{bool}} NOT NULL DEFAULT FALSE,
    proposer_id      BIGINT REFERENCES members(id),
    proposer_name    TEXT NOT NULL,
    signer           TEXT NOT NULL DEFAULT '',
    group_id         BIGINT REFERENCES org_units(id),
    suggested_units  TEXT NOT NULL DEFAULT '',
    publish_consent  {{bool}} NOT NULL DEFAULT FALSE,
    cosign_deadline  {{time}},
    merged_into      BIGINT REFERENCES proposals(id),
    converted_to     TEXT NOT NULL DEFAULT '',
    reject_reasons   TEXT NOT NULL DEFAULT '',
    mode             TEXT NOT NULL DEFAULT '',
    assigned_at      {{time}},
    first_deadline   {{time}},
    deadline         {{time}},
    round            INTEGER NOT NULL DEFAULT 0,
    is_key           {{bool}} NOT NULL DEFAULT FALSE,
    supervisor_id    BIGINT REFERENCES users(id),
    excellent        {{bool}} NOT NULL DEFAULT FALSE,
    published        {{bool}} NOT NULL DEFAULT FALSE,
    submitted_at     {{time}},
    created_at       {{time}} NOT NULL,
    updated_at       {{time}} NOT NULL,
    history_units    TEXT NOT NULL DEFAULT '',
    history_class    TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL DEFAULT ''
);
-- Numbers are unique per session once given; 0 means not yet accepted.
CREATE UNIQUE INDEX proposals_number ON proposals (session_id, number) WHERE number > 0;
CREATE INDEX proposals_state ON proposals (committee_id, state);
CREATE INDEX proposals_proposer ON proposals (proposer_id);

-- The last number given in each session. Taking the next number updates this row inside the
-- accepting transaction, so numbers are gapless and unique even under concurrent accepts.
CREATE TABLE proposal_numbers (
    session_id BIGINT PRIMARY KEY REFERENCES sessions(id),
    last       INTEGER NOT NULL
);

CREATE TABLE proposal_cosigners (
    proposal_id  BIGINT NOT NULL REFERENCES proposals(id),
    member_id    BIGINT NOT NULL REFERENCES members(id),
    state        TEXT NOT NULL,
    responded_at {{time}},
    PRIMARY KEY (proposal_id, member_id)
);

CREATE TABLE proposal_units (
    proposal_id      BIGINT NOT NULL REFERENCES proposals(id),
    unit_id          BIGINT NOT NULL REFERENCES org_units(id),
    role             TEXT NOT NULL,
    assigned_at      {{time}} NOT NULL,
    sent_back_reason TEXT NOT NULL DEFAULT '',
    cosigned_at      {{time}},
    PRIMARY KEY (proposal_id, unit_id)
);
CREATE INDEX proposal_units_unit ON proposal_units (unit_id);

CREATE TABLE proposal_extensions (
    id          {{id}},
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    unit_id     BIGINT NOT NULL REFERENCES org_units(id),
    until_date  {{time}} NOT NULL,
    reason      TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  {{time}} NOT NULL
);

CREATE TABLE proposal_contacts (
    id          {{id}},
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    unit_id     BIGINT NOT NULL REFERENCES org_units(id),
    way         TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  {{time}} NOT NULL
);

CREATE TABLE proposal_replies (
    id          {{id}},
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    round       INTEGER NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES org_units(id),
    class       TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  {{time}} NOT NULL
);

CREATE TABLE proposal_evaluations (
    id          {{id}},
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    round       INTEGER NOT NULL,
    member_id   BIGINT NOT NULL REFERENCES members(id),
    result      TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    created_at  {{time}} NOT NULL
);

-- The LSH bands of each proposal's MinHash signature: proposals sharing a band are the
-- near-duplicate candidates, verified against their signatures.
CREATE TABLE proposal_bands (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    band        INTEGER NOT NULL,
    hash        BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, band)
);
CREATE INDEX proposal_bands_hash ON proposal_bands (band, hash);

CREATE TABLE proposal_signatures (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals(id),
    signature   {{blob}} NOT NULL
);

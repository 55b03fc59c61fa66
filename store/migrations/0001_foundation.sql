-- The foundation: committees and their organisation, members, accounts, login sessions,
-- record events and the audit log. Type words in {{braces}} are replaced per dialect.

CREATE TABLE committees (
    id         {{id}},
    parent_id  BIGINT REFERENCES committees(id),
    name       TEXT NOT NULL UNIQUE,
    level      TEXT NOT NULL,
    created_at {{time}} NOT NULL
);

CREATE TABLE terms (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    number       INTEGER NOT NULL,
    start_year   INTEGER NOT NULL,
    end_year     INTEGER NOT NULL,
    is_current   {{bool}} NOT NULL DEFAULT FALSE,
    UNIQUE (committee_id, number)
);

CREATE TABLE sessions (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    term_id      BIGINT NOT NULL REFERENCES terms(id),
    number       INTEGER NOT NULL,
    opens_on     TEXT NOT NULL DEFAULT '',
    submit_from  TEXT NOT NULL DEFAULT '',
    submit_until TEXT NOT NULL DEFAULT '',
    UNIQUE (term_id, number)
);

-- Sectors, sector groups, special committees, activity groups, parties, departments and
-- handling units share one shape: a named grouping of a committee, maybe under a parent.
CREATE TABLE org_units (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    parent_id    BIGINT REFERENCES org_units(id),
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (committee_id, kind, name)
);

CREATE TABLE members (
    id                   {{id}},
    committee_id         BIGINT NOT NULL REFERENCES committees(id),
    term_id              BIGINT NOT NULL REFERENCES terms(id),
    name                 TEXT NOT NULL,
    gender               TEXT NOT NULL,
    birth_date           TEXT NOT NULL DEFAULT '',
    ethnicity            TEXT NOT NULL DEFAULT '',
    party_id             BIGINT REFERENCES org_units(id),
    sector_id            BIGINT NOT NULL REFERENCES org_units(id),
    special_committee_id BIGINT REFERENCES org_units(id),
    activity_group_id    BIGINT REFERENCES org_units(id),
    standing             {{bool}} NOT NULL DEFAULT FALSE,
    employer             TEXT NOT NULL DEFAULT '',
    title                TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    id_number            TEXT NOT NULL,
    address              TEXT NOT NULL DEFAULT '',
    photo_hash           TEXT NOT NULL DEFAULT '',
    state                TEXT NOT NULL,
    created_at           {{time}} NOT NULL,
    updated_at           {{time}} NOT NULL,
    UNIQUE (committee_id, term_id, id_number)
);
CREATE INDEX members_sector ON members (committee_id, sector_id);
CREATE INDEX members_special ON members (committee_id, special_committee_id);

CREATE TABLE users (
    id                  {{id}},
    committee_id        BIGINT NOT NULL REFERENCES committees(id),
    username            TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    department_id       BIGINT REFERENCES org_units(id),
    unit_id             BIGINT REFERENCES org_units(id),
    member_id           BIGINT REFERENCES members(id),
    state               TEXT NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        {{time}},
    password_changed_at {{time}} NOT NULL,
    totp_secret         TEXT NOT NULL DEFAULT '',
    totp_enabled        {{bool}} NOT NULL DEFAULT FALSE,
    last_login_at       {{time}},
    created_at          {{time}} NOT NULL
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE password_history (
    id            {{id}},
    user_id       BIGINT NOT NULL REFERENCES users(id),
    password_hash TEXT NOT NULL,
    changed_at    {{time}} NOT NULL
);

-- Login sessions and API tokens. Only the SHA-256 of a token is kept, so a copy of the
-- database does not hand out live sessions; several instances can share this table.
CREATE TABLE auth_sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    created_at   {{time}} NOT NULL,
    last_seen_at {{time}} NOT NULL,
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

-- The history of every record: state changes and edits, written with the change itself.
CREATE TABLE events (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    kind         TEXT NOT NULL,
    record_id    BIGINT NOT NULL,
    actor_id     BIGINT,
    actor_name   TEXT NOT NULL,
    action       TEXT NOT NULL,
    from_state   TEXT NOT NULL DEFAULT '',
    to_state     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    at           {{time}} NOT NULL
);
CREATE INDEX events_record ON events (kind, record_id);

-- The audit log. Ids are assigned from audit_head.seq inside the writing transaction, so
-- they have no gaps and each row's hash can cover its own id.
CREATE TABLE audit_log (
    id           BIGINT PRIMARY KEY,
    at           {{time}} NOT NULL,
    committee_id BIGINT NOT NULL DEFAULT 0,
    user_id      BIGINT NOT NULL DEFAULT 0,
    username     TEXT NOT NULL,
    action       TEXT NOT NULL,
    object       TEXT NOT NULL DEFAULT '',
    result       TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (username);

CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY,
    seq       BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');

-- Deployment settings as JSON values: the security policy and the like.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Uploaded files (member photos, later attachments): content-addressed on disk; this row
-- says which record a file belongs to, so a download is authorised against that record.
CREATE TABLE files (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    kind         TEXT NOT NULL,
    record_id    BIGINT NOT NULL,
    hash         TEXT NOT NULL,
    name         TEXT NOT NULL,
    mime         TEXT NOT NULL,
    size         BIGINT NOT NULL,
    created_at   {{time}} NOT NULL
);
CREATE INDEX files_record ON files (kind, record_id);

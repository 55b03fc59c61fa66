-- Attachments: the files table of 0001 gains who uploaded each file.
ALTER TABLE files ADD COLUMN uploader_id BIGINT;
ALTER TABLE files ADD COLUMN uploader TEXT NOT NULL DEFAULT '';

-- Instructions (批示): a leader's instruction on any record (record_kind, record_id), with its
-- follow-up. member_id is the record's submitter when a member, copied when the instruction
-- is recorded: who sees it, and whose member, sector and party figures it counts in.
CREATE TABLE instructions (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    record_kind  TEXT NOT NULL,
    record_id    BIGINT NOT NULL,
    record_title TEXT NOT NULL DEFAULT '',
    member_id    BIGINT REFERENCES members(id),
    leader       TEXT NOT NULL,
    rank         TEXT NOT NULL,
    given_on     {{time}} NOT NULL,
    body         TEXT NOT NULL,
    department   TEXT NOT NULL DEFAULT '',
    follow_up    TEXT NOT NULL DEFAULT '',
    done_on      {{time}},
    state        TEXT NOT NULL,
    created_by   BIGINT,
    created_at   {{time}} NOT NULL,
    updated_at   {{time}} NOT NULL
);
CREATE INDEX instructions_record ON instructions (record_kind, record_id);
CREATE INDEX instructions_committee ON instructions (committee_id, given_on);
CREATE INDEX instructions_member ON instructions (member_id);

-- Requests and reports to the party committee (请示报告).
CREATE TABLE requests (
    id            {{id}},
    committee_id  BIGINT NOT NULL REFERENCES committees(id),
    type          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    on_date       {{time}} NOT NULL,
    department_id BIGINT NOT NULL REFERENCES org_units(id),
    body          TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,
    created_by    BIGINT,
    created_at    {{time}} NOT NULL,
    updated_at    {{time}} NOT NULL
);
CREATE INDEX requests_committee ON requests (committee_id, on_date);

-- Activities (活动): meetings, consultations, research, inspections and member activities; their
-- participants (invitation, leave, check-in and the final attendance state, one row per member,
-- resolved at invitation time) and their guests (officials and experts, not members).

CREATE TABLE activities (
    id              {{id}},
    committee_id    BIGINT NOT NULL REFERENCES committees(id),
    type            TEXT NOT NULL,
    title           TEXT NOT NULL,
    organiser_id    BIGINT REFERENCES org_units(id),
    starts_at       {{time}} NOT NULL,
    ends_at         {{time}} NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    agenda          TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    checkin_before  INTEGER NOT NULL DEFAULT 60,
    late_after      INTEGER NOT NULL DEFAULT 10,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    created_by      BIGINT,
    created_at      {{time}} NOT NULL,
    updated_at      {{time}} NOT NULL,
    published_at    {{time}},
    closed_at       {{time}}
);
CREATE INDEX activities_committee ON activities (committee_id, starts_at);
CREATE INDEX activities_state ON activities (committee_id, state);

-- One row per invited member. selected_by says how the member came in (by name, sector …);
-- attendance is empty until the activity is closed, then exactly one of attended, late, leave
-- or absent.
CREATE TABLE activity_participants (
    activity_id    BIGINT NOT NULL REFERENCES activities(id),
    member_id      BIGINT NOT NULL REFERENCES members(id),
    state          TEXT NOT NULL,
    selected_by    TEXT NOT NULL DEFAULT '',
    leave_reason   TEXT NOT NULL DEFAULT '',
    leave_note     TEXT NOT NULL DEFAULT '',
    responded_at   {{time}},
    checked_in_at  {{time}},
    checkin_by     BIGINT,
    late           {{bool}} NOT NULL DEFAULT FALSE,
    attendance     TEXT NOT NULL DEFAULT '',
    invited_at     {{time}} NOT NULL,
    PRIMARY KEY (activity_id, member_id)
);
CREATE INDEX activity_participants_member ON activity_participants (member_id, attendance);

CREATE TABLE activity_guests (
    id          {{id}},
    activity_id BIGINT NOT NULL REFERENCES activities(id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_guests_activity ON activity_guests (activity_id);

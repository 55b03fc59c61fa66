-- The annual consultation plan (年度协商计划) and the activities that carry its items out,
-- the year's key research topics (重点调研课题) with their teams and schedules, speeches (at an
-- activity, and plenary speeches 大会发言), and the outcomes of activities (纪要, 建议案).

CREATE TABLE plan_items (
    id            {{id}},
    committee_id  BIGINT NOT NULL REFERENCES committees(id),
    year          INTEGER NOT NULL,
    topic         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    form          TEXT NOT NULL,
    proposer_id   BIGINT NOT NULL REFERENCES org_units(id),
    quarter       INTEGER NOT NULL DEFAULT 0,
    lead_leader   TEXT NOT NULL DEFAULT '',
    department_id BIGINT REFERENCES org_units(id),
    state         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_at    {{time}} NOT NULL,
    updated_at    {{time}} NOT NULL
);
CREATE INDEX plan_items_year ON plan_items (committee_id, year, quarter);

-- Which activities carry out which plan item. An activity carries at most one item; an item
-- may take several activities (a field visit, then the consultation meeting).
CREATE TABLE plan_item_activities (
    plan_item_id BIGINT NOT NULL REFERENCES plan_items(id),
    activity_id  BIGINT NOT NULL REFERENCES activities(id),
    linked_at    {{time}} NOT NULL,
    PRIMARY KEY (plan_item_id, activity_id),
    UNIQUE (activity_id)
);

CREATE TABLE research_topics (
    id            {{id}},
    committee_id  BIGINT NOT NULL REFERENCES committees(id),
    year          INTEGER NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    lead_leader   TEXT NOT NULL,
    department_id BIGINT REFERENCES org_units(id),
    plan_item_id  BIGINT REFERENCES plan_items(id),
    state         TEXT NOT NULL,
    report        TEXT NOT NULL DEFAULT '',
    report_at     {{time}},
    note          TEXT NOT NULL DEFAULT '',
    created_at    {{time}} NOT NULL,
    updated_at    {{time}} NOT NULL
);
CREATE INDEX research_topics_year ON research_topics (committee_id, year);

CREATE TABLE research_team (
    topic_id  BIGINT NOT NULL REFERENCES research_topics(id),
    member_id BIGINT NOT NULL REFERENCES members(id),
    role      TEXT NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX research_team_member ON research_team (member_id);

CREATE TABLE research_milestones (
    id       {{id}},
    topic_id BIGINT NOT NULL REFERENCES research_topics(id),
    title    TEXT NOT NULL,
    due_on   TEXT NOT NULL,
    done_on  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX research_milestones_topic ON research_milestones (topic_id);

-- Speeches: kind 'activity' (given at an activity, state 'given') or 'plenary' (submitted in
-- writing for a session, then selected for oral delivery or written distribution).
CREATE TABLE speeches (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    kind         TEXT NOT NULL,
    activity_id  BIGINT REFERENCES activities(id),
    session_id   BIGINT REFERENCES sessions(id),
    member_id    BIGINT REFERENCES members(id),
    group_id     BIGINT REFERENCES org_units(id),
    speaker      TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    submitted_at {{time}} NOT NULL,
    updated_at   {{time}} NOT NULL
);
CREATE INDEX speeches_session ON speeches (committee_id, kind, session_id);
CREATE INDEX speeches_activity ON speeches (activity_id);
CREATE INDEX speeches_member ON speeches (member_id);

CREATE TABLE outcomes (
    id           {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    activity_id  BIGINT NOT NULL REFERENCES activities(id),
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL,
    sent_to      TEXT NOT NULL DEFAULT '',
    sent_on      TEXT NOT NULL DEFAULT '',
    created_at   {{time}} NOT NULL,
    updated_at   {{time}} NOT NULL
);
CREATE INDEX outcomes_activity ON outcomes (activity_id);

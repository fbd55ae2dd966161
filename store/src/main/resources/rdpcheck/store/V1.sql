-- history: every check, its report in the JSON contract and the facts changes are made of
CREATE TABLE checks (
    id          ${id},
    target      TEXT    NOT NULL,
    checked_at  BIGINT  NOT NULL,
    severity    TEXT    NOT NULL,
    problems    INTEGER NOT NULL,
    verdict     TEXT    NOT NULL,
    root_cause  TEXT    NOT NULL,
    asked_via   TEXT    NOT NULL,
    asked_by    TEXT    NOT NULL,
    asked_where TEXT    NOT NULL,
    took_ms     BIGINT  NOT NULL,
    facts       TEXT    NOT NULL,
    report      TEXT    NOT NULL
);
CREATE INDEX checks_by_target ON checks (target, checked_at DESC, id DESC);
CREATE INDEX checks_healthy_by_target ON checks (target, problems, checked_at DESC, id DESC);
CREATE INDEX checks_by_time ON checks (checked_at);

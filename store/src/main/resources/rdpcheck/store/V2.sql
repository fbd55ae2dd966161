-- watches and their alerts: each alert kept once per watch and event, before it is posted
CREATE TABLE watches (
    id          ${id},
    target      TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    every_s     BIGINT  NOT NULL,
    added_by    TEXT    NOT NULL,
    added_at    BIGINT  NOT NULL,
    next_due    BIGINT  NOT NULL,
    paused      TEXT    NOT NULL,
    state       TEXT    NOT NULL
);
CREATE UNIQUE INDEX watches_by_channel ON watches (platform, channel, target);
CREATE INDEX watches_by_due ON watches (next_due);
CREATE TABLE alerts (
    id          ${id},
    watch       BIGINT  NOT NULL,
    event_key   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    raised_at   BIGINT  NOT NULL,
    UNIQUE (watch, event_key)
);

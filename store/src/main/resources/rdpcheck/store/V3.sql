-- replicas: the watch leader's lease, and answers shared between replicas (claims on running checks)
-- One row per lease (name 'watch'): who holds it and until when, in the database's own clock (ms since the
-- epoch), so replicas whose clocks disagree still agree on who leads. term counts the changes of holder.
CREATE TABLE leases (
    name        TEXT    PRIMARY KEY,
    holder      TEXT    NOT NULL,
    expires_at  BIGINT  NOT NULL,
    term        BIGINT  NOT NULL
);
-- One row per cache key (Target.key(), what the in-process cache uses): the newest report a replica
-- finished for it, and the claim of a replica probing it now (claimed_by empty and claim_until 0: none).
CREATE TABLE answers (
    cache_key   TEXT    PRIMARY KEY,
    report      TEXT,
    finished_at BIGINT  NOT NULL,
    claimed_by  TEXT    NOT NULL,
    claim_until BIGINT  NOT NULL
);
CREATE INDEX answers_by_time ON answers (finished_at);

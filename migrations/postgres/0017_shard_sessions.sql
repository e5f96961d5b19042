-- Which process runs which gateway shard, seen within the last minutes: two processes on one shard both
-- act on every interaction of its servers, so each process records its shards here and warns (log and
-- /healthz) when another live process records the same shard, or another total.
CREATE TABLE shard_sessions (
    shard    BIGINT NOT NULL,
    total    BIGINT NOT NULL,
    worker   TEXT   NOT NULL,
    seen_at  BIGINT NOT NULL,
    PRIMARY KEY (shard, worker)
);

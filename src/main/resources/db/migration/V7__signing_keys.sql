-- Secrets the server signs with, by what they sign ('preview': preview links). Every instance
-- must sign and check with the same key, and links must survive a restart, so the key lives
-- here rather than in memory or in each instance's configuration. The server generates it at
-- its first start (PreviewTokens); deleting the row, then restarting every instance, makes a
-- new key and so invalidates every link signed with the old one.
create table signing_key (
    name       text primary key,
    secret     bytea not null check (length(secret) >= 32),
    created_at timestamptz not null default now()
);

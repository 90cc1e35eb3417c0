// Take the write lock if it is free, already ours, or left by a holder that stopped
// refreshing it for $stale_ms milliseconds (a killed load). The first SET takes the
// node's write lock on Neo4j, so the test that follows sees any concurrent holder.
// Returns the owner after the attempt: $owner when the lock is ours.
// :param owner => 'host:1234:ab12cd34'
// :param stale_ms => 60000
MATCH (l:CoordgraphMeta {id: 'lock'})
SET l.claimed_by = $owner
WITH l
SET l.owner = CASE
    WHEN l.owner IS NULL OR l.owner = $owner OR l.heartbeat < timestamp() - $stale_ms
    THEN $owner ELSE l.owner END
WITH l
SET l.heartbeat = CASE WHEN l.owner = $owner THEN timestamp() ELSE l.heartbeat END
RETURN l.owner AS owner, timestamp() - l.heartbeat AS idle_ms

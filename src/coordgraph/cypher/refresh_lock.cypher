// Keep the write lock: returns 0 when it is no longer ours (taken over as stale).
// :param owner => 'host:1234:ab12cd34'
MATCH (l:CoordgraphMeta {id: 'lock'})
WHERE l.owner = $owner
SET l.heartbeat = timestamp()
RETURN count(l) AS held

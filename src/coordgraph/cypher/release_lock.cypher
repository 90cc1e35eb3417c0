// Give the write lock back (only if it is still ours).
// :param owner => 'host:1234:ab12cd34'
MATCH (l:CoordgraphMeta {id: 'lock'})
WHERE l.owner = $owner
SET l.owner = NULL
RETURN count(l) AS released

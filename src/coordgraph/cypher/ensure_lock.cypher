// The node that tells one writing coordgraph process at a time it may write.
MERGE (l:CoordgraphMeta {id: 'lock'})
RETURN l.id AS id

// The load tag of the dataset queries should read.
MATCH (m:CoordgraphMeta {id: 'current'})
RETURN m.tag AS tag

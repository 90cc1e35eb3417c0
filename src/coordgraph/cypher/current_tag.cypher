// The load tag of the dataset queries should read, and how it was stored.
MATCH (m:CoordgraphMeta {id: 'current'})
RETURN m.tag AS tag, m.layout AS layout, m.routes_in_graph AS routes_in_graph

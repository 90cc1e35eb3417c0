// The load tag of the dataset queries should read, when it became current (the server's
// clock, milliseconds), how it was stored, the dataset's name, the date it speaks for and
// the expectation profiles it applies.
MATCH (m:CoordgraphMeta {id: 'current'})
RETURN m.tag AS tag, m.switched_at AS loaded_at, m.layout AS layout,
       m.routes_in_graph AS routes_in_graph, m.name AS name, m.as_of AS as_of,
       m.expects AS expects, m.profiles AS profiles

// Every relationship of the current dataset.
// :param tag => 'load-1'
MATCH (a)-[r]->(b)
WHERE r.dataset = $tag
RETURN labels(a)[0] AS from_label, a.id AS src, type(r) AS type, properties(r) AS props,
       labels(b)[0] AS to_label, b.id AS dst

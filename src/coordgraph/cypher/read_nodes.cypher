// Every node of the current dataset but the routes (read_routes.cypher), for
// coordgraph to rebuild its graph and run the same rules as in memory.
// :param tag => 'load-1'
MATCH (n)
WHERE n.dataset = $tag AND NOT n:Route
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props

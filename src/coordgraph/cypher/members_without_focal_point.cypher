// Members of networks that expect focal points with no focal point recorded for that
// network (dates not checked; `coordgraph neo4j gaps focal-points` applies them).
// :param tag => 'load-1'
MATCH (c:Country)-[:MEMBER_OF]->(n:Network {dataset: $tag, requires_focal_point: true})
OPTIONAL MATCH (c)-[:DESIGNATES]->(fp:FocalPoint)-[:SERVES]->(n)
WITH c, n, count(fp) AS focal_points
WHERE focal_points = 0
RETURN n.id AS network, c.id AS country
ORDER BY network, country

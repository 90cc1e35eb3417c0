// Pairs of mechanisms working in the same State at the same level (before functions,
// scopes, periods and parent links are checked by `coordgraph neo4j gaps duplicates`).
// :param tag => 'load-1'
MATCH (m1:Mechanism {dataset: $tag})-[:OPERATES_IN]->(c:Country)<-[:OPERATES_IN]-(m2:Mechanism)
WHERE m1.id < m2.id AND m1.level = m2.level
RETURN c.id AS country, m1.level AS level, m1.id AS first, m2.id AS second
ORDER BY country, first, second

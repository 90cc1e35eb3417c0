// Route endpoint pairs of different States that share no agreement at all (before dates
// and scopes are checked). A quick look for Neo4j Browser users; coordgraph's full rule
// (entry into force, scope versus victims, focal-point channels, local links, as-of
// dates) runs in `coordgraph neo4j gaps routes`.
// :param tag => 'load-1'
MATCH (r:Route {dataset: $tag})-[o:ROUTE_STOP {role: 'origin'}]->(a:Country)
MATCH (r)-[d:ROUTE_STOP {role: 'destination'}]->(b:Country)
WHERE a.id <> b.id
OPTIONAL MATCH (a)-[:PARTY_TO]->(ag:Agreement)<-[:PARTY_TO]-(b)
WITH a, b, collect(DISTINCT r.id) AS routes, collect(DISTINCT ag.id) AS agreements
WHERE size(agreements) = 0
RETURN a.id AS origin, b.id AS destination, routes
ORDER BY origin, destination

// Route endpoint pairs of different States that share no agreement at all, leaving out
// instruments that are a legal basis only (function 'legal_basis': the Palermo protocol,
// CETS 197, which bind most pairs but carry no cases), before dates and scopes are checked.
// A quick look for Neo4j Browser users; coordgraph's full rule (entry into force, scope
// versus victims, focal-point channels, local links, as-of dates) runs in
// `coordgraph neo4j gaps routes`. A route's places are its `stops` list:
// origin first, destination last; a State is its ISO3 code.
// :param tag => 'load-1'
MATCH (r:Route {dataset: $tag})
WITH r.stops[0] AS origin, r.stops[size(r.stops) - 1] AS destination, r.id AS route
MATCH (a:Country {id: origin, dataset: $tag})
MATCH (b:Country {id: destination, dataset: $tag})
WHERE a.id <> b.id
OPTIONAL MATCH (a)-[:PARTY_TO]->(ag:Agreement)<-[:PARTY_TO]-(b)
WHERE ag.function IS NULL OR ag.function <> 'legal_basis'
WITH a, b, collect(DISTINCT route) AS routes, collect(DISTINCT ag.id) AS agreements
WHERE size(agreements) = 0
RETURN a.id AS origin, b.id AS destination, routes
ORDER BY origin, destination

// Neo4j 5 only (FalkorDB answers CREATE CONSTRAINT with an error): one node per id and load.
// Optional: coordgraph does not need them, but they protect a shared database.
CREATE CONSTRAINT coordgraph_country IF NOT EXISTS FOR (n:Country) REQUIRE (n.id, n.dataset) IS NODE KEY;
CREATE CONSTRAINT coordgraph_agreement IF NOT EXISTS FOR (n:Agreement) REQUIRE (n.id, n.dataset) IS NODE KEY;
CREATE CONSTRAINT coordgraph_route IF NOT EXISTS FOR (n:Route) REQUIRE (n.id, n.dataset) IS NODE KEY;

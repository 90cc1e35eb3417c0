// Indexes on the natural key of every label coordgraph writes. Runs on Neo4j 5 and FalkorDB.
// Labels come from coordgraph's fixed list of node kinds, never from input data.
CREATE INDEX FOR (n:Source) ON (n.id);
CREATE INDEX FOR (n:Country) ON (n.id);
CREATE INDEX FOR (n:Area) ON (n.id);
CREATE INDEX FOR (n:Agency) ON (n.id);
CREATE INDEX FOR (n:Mechanism) ON (n.id);
CREATE INDEX FOR (n:ActionPlan) ON (n.id);
CREATE INDEX FOR (n:Network) ON (n.id);
CREATE INDEX FOR (n:Agreement) ON (n.id);
CREATE INDEX FOR (n:FocalPoint) ON (n.id);
CREATE INDEX FOR (n:Route) ON (n.id);
CREATE INDEX FOR (n:UnknownPlace) ON (n.id);
CREATE INDEX FOR (n:CoordgraphMeta) ON (n.id);

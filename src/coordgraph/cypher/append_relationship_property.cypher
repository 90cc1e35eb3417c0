// Write one piece of a long property of one relationship (see append_node_property).
// :param tag => 'load-1'
// :param src => 'ALB'
// :param dst => 'alb-grc-2006'
// :param key => 'PARTY_TO'
// :param first => true
// :param value => 'first part of a long note'
MATCH (a:__FROM__ {id: $src, dataset: $tag})-[r:__TYPE__ {key: $key, dataset: $tag}]->(b:__TO__ {id: $dst, dataset: $tag})
SET r.__KEY__ = CASE WHEN $first THEN $value ELSE r.__KEY__ + $value END
RETURN count(r) AS written

// Make a completed load the current dataset (one statement: readers see old or new, never a mix).
// `layout` says how the load stored the data (3: one :Route row per route, its stops one
// list, text as given); `routes_in_graph` whether the graph had a node per route.
// :param tag => 'load-2'
// :param layout => 3
// :param routes_in_graph => false
// `name` and `as_of` are the dataset's name and the date it speaks for (null if none);
// `expects` the expectation profiles it applies to every State, `profiles` its own
// profiles as JSON text (analyses.structures reads both).
// :param name => 'west-africa'
// :param as_of => '2023-03'
// :param expects => []
// :param profiles => '[]'
MERGE (m:CoordgraphMeta {id: 'current'})
SET m.tag = $tag, m.switched_at = timestamp(), m.layout = $layout,
    m.routes_in_graph = $routes_in_graph, m.name = $name, m.as_of = $as_of,
    m.expects = $expects, m.profiles = $profiles
RETURN m.tag AS tag, m.switched_at AS loaded_at

// Make a completed load the current dataset (one statement: readers see old or new, never a mix).
// `layout` says how the load stored the data (3: one :Route row per route, its stops one
// list, text as given); `routes_in_graph` whether the graph had a node per route.
// :param tag => 'load-2'
// :param layout => 3
// :param routes_in_graph => false
// `expects` and `profiles` are the dataset's own expectation profiles (which apply to every
// State it names, and those it defines, as JSON text), or null.
// :param expects => ['thematic-paper-2008']
// :param profiles => null
MERGE (m:CoordgraphMeta {id: 'current'})
SET m.tag = $tag, m.switched_at = timestamp(), m.layout = $layout,
    m.routes_in_graph = $routes_in_graph, m.expects = $expects, m.profiles = $profiles
RETURN m.tag AS tag, m.switched_at AS loaded_at

"""The interactive explorer: one offline HTML file with the map, the focal-point network
and the findings, and an as-of slider over the years in the data.

>>> from coordgraph import load
>>> from coordgraph.explorer import explorer_html
>>> html = explorer_html(load().to_networkx(), as_of="2008")  # doctest: +SKIP
"""

from coordgraph.explorer.data import explorer_data, steps_for
from coordgraph.explorer.page import explorer_html, write_explorer

__all__ = ["explorer_data", "explorer_html", "steps_for", "write_explorer"]

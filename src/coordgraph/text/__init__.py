"""What the commands print, as text: each function takes what the library computed and
returns the whole text of one output format; the command line only writes it.

:mod:`coordgraph.text.findings` holds the findings renderers (a table and plain words
for people, JSON, CSV, Markdown) with their one field list, and the plain words the
report shares; :mod:`coordgraph.text.tables` the tables of the other commands (the
coverage matrix, the timeline, the planned actions, the dataset and id lists).
"""

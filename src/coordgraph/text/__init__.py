"""What the commands print, as text: each function takes what the library computed and
returns the text of one output format; the command line only writes it.

:mod:`coordgraph.text.tables` holds the tables of the other commands (the coverage
matrix, the timeline, the planned actions, the dataset and id lists).
"""

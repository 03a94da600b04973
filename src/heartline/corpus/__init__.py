"""Corpus mode: analyse many stories into a database and search them by pairing.

``heartline batch`` (runner) fills the database, ``heartline search`` (search) queries it.
The modules, in pipeline order: discover (which files), record (one analysis → rows),
runner (serial, process pool or Ray), store (one work, one transaction), schema
(tables and migrations), search (queries), progress (the bar and the summary).
"""

#: The database ``heartline batch`` and ``search`` use when not given ``--db``.
DEFAULT_DB = "heartline.sqlite"
#: Where ``heartline batch`` runs the analyses: local processes, or a Ray cluster.
ENGINES = ("local", "ray")

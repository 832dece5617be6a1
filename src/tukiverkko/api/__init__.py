"""The REST API's shared plumbing — authentication (``auth``), the one error shape (``errors``),
pagination (``pagination``) — and its assembly (``v1``: the NinjaAPI at /api/v1/ with every
app's router). Each domain app keeps its own ``api.py`` router; routers import the plumbing,
only ``urls.py`` and the export command import ``v1``."""

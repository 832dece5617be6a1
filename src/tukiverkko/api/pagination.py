"""The API's three ways to page, each where it fits (docs/decisions/0032, 0101):

- ``Pages`` (``page`` / ``page_size``, with a ``count``): the public catalogue, browsed by page;
- ``offset`` / ``limit`` parameters: the clients list, where each client returned is logged;
- ``Keyset`` (``limit`` / ``before_seq``): the append-only audit logs, millions of rows, read
  newest first by sequence number so that a page never shifts as entries are appended.

Each bounds its numbers, so that no page number or offset overflows the database.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """Page-number pagination with bounds."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)


KEYSET_MAX_LIMIT = 1000


class Keyset(Schema):
    limit: int = 100  # 1–KEYSET_MAX_LIMIT, checked by the endpoint (a translated problem)
    before_seq: int | None = None

"""Django's ``flush``, which the append-only audit log would otherwise refuse.

Transactional tests empty every table after each test with ``flush``. The audit triggers refuse
that, as they should anywhere else; so in the test settings only, this command lifts them for
the flush (in the same transaction), puts them back and re-creates the chain head. Outside the
test settings it is Django's flush unchanged, and the triggers make it fail on the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from tukiverkko.audit.chain import GENESIS, HEAD_ID
from tukiverkko.audit.models import ChainHead
from tukiverkko.audit.triggers import HEAD_TABLE, LOG_TABLES


@contextmanager
def triggers_lifted(connection: Any) -> Iterator[None]:
    tables = [*LOG_TABLES, HEAD_TABLE]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            yield
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            return
        placeholders = ", ".join(["%s"] * len(tables))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "  # noqa: S608
            f"AND tbl_name IN ({placeholders})",
            tables,
        )
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _name, sql in saved:
            cursor.execute(sql)


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        if settings.ENV != "test":
            return super().handle(**options)
        database = options["database"]
        with transaction.atomic(using=database), triggers_lifted(connections[database]):
            super().handle(**options)
        ChainHead.objects.using(database).get_or_create(
            id=HEAD_ID, defaults={"seq": 0, "hash": GENESIS}
        )
        return None

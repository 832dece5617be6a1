"""The database triggers that make the audit logs append-only, per database vendor.

Kept beside the migration that installs them (0002) so that ``verify-audit`` can check they are
still in place. Note for future migrations: on SQLite, AlterField rebuilds the table and the
triggers on it are lost — reinstall them in the same migration (``install``).

One UPDATE is let through (decision 0330): the sequencer chaining an entry written unchained —
``seq`` from NULL to a number, with ``prev_hash``, ``entry_hash`` and ``key_id``, every other
column unchanged. A chained entry is never updated again, and no entry is ever deleted.
"""

from __future__ import annotations

from typing import Any

LOG_TABLES = ("audit_accesslogentry", "audit_disclosurelogentry", "audit_eventlogentry")
HEAD_TABLE = "audit_chainhead"
# What the sequencer sets on an unchained entry; every other column is the entry and stays.
CHAIN_COLUMNS = ("seq", "prev_hash", "entry_hash", "key_id")


def _content_columns(connection: Any, table: str) -> list[str]:
    """The table's columns as they are now (a migration installs the triggers on the table of
    its time), less the chain's."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, table)
    return [c.name for c in columns if c.name not in CHAIN_COLUMNS]


def _sqlite_sql(connection: Any, tables: tuple[str, ...], head: bool) -> list[str]:
    sql = []
    for table in tables:
        same = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in _content_columns(connection, table))
        sql.append(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"WHEN NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {same}) "
            f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE on {table} refused'); END"
        )
        sql.append(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE on {table} refused'); END"
        )
    if not head:
        return sql
    sql.append(
        f"CREATE TRIGGER {HEAD_TABLE}_no_delete BEFORE DELETE ON {HEAD_TABLE} "
        f"BEGIN SELECT RAISE(ABORT, 'audit chain head cannot be deleted'); END"
    )
    sql.append(
        f"CREATE TRIGGER {HEAD_TABLE}_forward_only BEFORE UPDATE ON {HEAD_TABLE} "
        f"WHEN NEW.seq < OLD.seq OR NEW.id <> OLD.id "
        f"BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward'); END"
    )
    return sql


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""


def _pg_sql(connection: Any, tables: tuple[str, ...], head: bool) -> list[str]:
    sql = [_PG_FUNCTION]
    for table in tables:
        # The one UPDATE let through is tested in the trigger's WHEN: no function call per
        # chained row (the sequencer chains thousands a second).
        columns = _content_columns(connection, table)
        old = ", ".join(f'OLD."{c}"' for c in columns)
        new = ", ".join(f'NEW."{c}"' for c in columns)
        sql.append(
            f"CREATE TRIGGER {table}_append_only BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
        )
        sql.append(
            f"CREATE TRIGGER {table}_chain_once BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN (NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND ({old}) IS NOT DISTINCT "
            f"FROM ({new}))) EXECUTE FUNCTION audit_refuse_change()"
        )
        sql.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()"
        )
    if not head:
        return sql
    sql.append(
        f"CREATE TRIGGER {HEAD_TABLE}_no_delete BEFORE DELETE ON {HEAD_TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
    )
    sql.append(
        f"CREATE TRIGGER {HEAD_TABLE}_no_truncate BEFORE TRUNCATE ON {HEAD_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()"
    )
    sql.append(
        f"CREATE TRIGGER {HEAD_TABLE}_forward_only BEFORE UPDATE ON {HEAD_TABLE} "
        "FOR EACH ROW WHEN (NEW.seq < OLD.seq OR NEW.id <> OLD.id) "
        "EXECUTE FUNCTION audit_refuse_change()"
    )
    return sql


def expected_triggers(vendor: str) -> dict[str, str]:
    """Trigger name → table, as installed on ``vendor``."""
    names: dict[str, str] = {}
    if vendor == "postgresql":
        for table in LOG_TABLES:
            names[f"{table}_append_only"] = table
            names[f"{table}_chain_once"] = table
            names[f"{table}_no_truncate"] = table
        names[f"{HEAD_TABLE}_no_truncate"] = HEAD_TABLE
    else:
        for table in LOG_TABLES:
            names[f"{table}_no_update"] = table
            names[f"{table}_no_delete"] = table
    names[f"{HEAD_TABLE}_no_delete"] = HEAD_TABLE
    names[f"{HEAD_TABLE}_forward_only"] = HEAD_TABLE
    return names


def install(schema_editor: Any, tables: tuple[str, ...] = LOG_TABLES, *, head: bool = True) -> None:
    """Install the triggers on ``tables`` (and on the chain head unless ``head`` is False).

    Migrations name their tables: a later migration that adds a log installs only its own."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = _pg_sql(schema_editor.connection, tables, head)
    elif vendor == "sqlite":
        statements = _sqlite_sql(schema_editor.connection, tables, head)
    else:
        raise NotImplementedError(f"audit triggers for {vendor} are not written yet")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def uninstall(
    schema_editor: Any, tables: tuple[str, ...] = LOG_TABLES, *, head: bool = True
) -> None:
    vendor = schema_editor.connection.vendor
    wanted = (*tables, HEAD_TABLE) if head else tables
    for name, table in expected_triggers(vendor).items():
        if table not in wanted:
            continue
        on = f" ON {table}" if vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{on}", params=None)
    if vendor == "postgresql" and head:
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_refuse_change()", params=None)


def present(connection: Any) -> set[str]:
    """Names of the audit triggers that exist (and, on PostgreSQL, are enabled)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' "
                "AND tgrelid::regclass::text = ANY(%s)",
                [[*LOG_TABLES, HEAD_TABLE]],
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}

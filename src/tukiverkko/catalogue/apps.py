from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def ensure_fixed_rows(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """The need areas and access routes every service refers to (data migration 0002) exist
    after every migrate — and after a flush, which emits post_migrate (transactional tests)."""
    from tukiverkko.catalogue.models import AccessRoute, AccessRouteSlug, NeedArea, NeedAreaSlug

    tables = set(connections[using].introspection.table_names())
    if {NeedArea._meta.db_table, AccessRoute._meta.db_table} - tables:
        return  # migrated back below 0001: nothing to fill
    for slug in NeedAreaSlug.values:
        NeedArea.objects.using(using).get_or_create(slug=slug)
    for slug in AccessRouteSlug.values:
        AccessRoute.objects.using(using).get_or_create(slug=slug)


class CatalogueConfig(AppConfig):
    name = "tukiverkko.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        post_migrate.connect(ensure_fixed_rows, sender=self)

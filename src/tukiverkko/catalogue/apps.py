from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "tukiverkko.catalogue"
    label = "catalogue"

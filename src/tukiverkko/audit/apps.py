from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tukiverkko.audit"
    label = "audit"
    client_data = True

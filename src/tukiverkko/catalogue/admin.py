from django.contrib import admin

from tukiverkko.catalogue.models import ContactChannel, Service, ServiceType


class ContactInline(admin.TabularInline[ContactChannel, Service]):
    model = ContactChannel
    extra = 0


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin[ServiceType]):
    list_display = ["slug", "name_fi", "valid_from", "valid_to"]
    search_fields = ["slug", "name_fi"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["name_fi", "organisation", "service_type", "region", "verified_on"]
    list_filter = ["region", "service_type", "network_group"]
    search_fields = ["slug", "name_fi"]
    inlines = [ContactInline]

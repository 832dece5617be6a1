from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tukiverkko.accounts.models import Municipality, Organisation, Region, Unit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation__region", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Tukiverkko", {"fields": ("organisation", "unit", "role", "title")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name_fi", "business_id", "sector", "region"]
    list_filter = ["sector", "region"]
    search_fields = ["name_fi", "business_id", "slug"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name_fi", "organisation", "register"]
    list_filter = ["register", "organisation__region"]


admin.site.register(Region)
admin.site.register(Municipality)

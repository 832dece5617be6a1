"""The administrator's changes to users, units and second-factor devices are typed audit events
(review H5): the admin pages of accounts and django-otp, each save and delete also writing one
event in the hash chain (``access.actions.record_admin_change``) inside the admin's transaction.
Django's own ``django_admin_log`` is mutable; these rows are not."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from tukiverkko.access.actions import record_admin_change
from tukiverkko.access.models import ApiToken
from tukiverkko.accounts.admin import UnitAdmin, UserAdmin
from tukiverkko.accounts.models import Unit, User
from tukiverkko.audit.events import EventType


class Logged:
    """Mixed into a ModelAdmin: every save and delete is a typed event naming what changed."""

    target = ""
    created_event = EventType.USER_CHANGE
    changed_event = EventType.USER_CHANGE
    deleted_event = EventType.USER_CHANGE

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            record_admin_change(
                by=request.user,  # type: ignore[arg-type]
                event=self.changed_event if change else self.created_event,
                target=f"{self.target}:{obj.pk}",
                fields=form.changed_data,
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        with transaction.atomic():
            pk = obj.pk
            super().delete_model(request, obj)  # type: ignore[misc]
            record_admin_change(
                by=request.user,  # type: ignore[arg-type]
                event=self.deleted_event,
                target=f"{self.target}:{pk}",
            )

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            pks = list(queryset.values_list("pk", flat=True))
            super().delete_queryset(request, queryset)  # type: ignore[misc]
            for pk in pks:
                record_admin_change(
                    by=request.user,  # type: ignore[arg-type]
                    event=self.deleted_event,
                    target=f"{self.target}:{pk}",
                )


class LoggedUserAdmin(Logged, UserAdmin):
    target = "user"
    created_event = EventType.USER_CREATE
    changed_event = EventType.USER_CHANGE
    deleted_event = EventType.USER_DELETE

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """A password set by the administrator (its own page, not save_model) is logged too."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                record_admin_change(
                    by=request.user,  # type: ignore[arg-type]
                    event=EventType.USER_CHANGE,
                    target=f"user:{id}",
                    fields=["password"],
                )
        return response


class LoggedUnitAdmin(Logged, UnitAdmin):
    target = "unit"
    created_event = changed_event = deleted_event = EventType.UNIT_CHANGE


class LoggedTOTPDeviceAdmin(Logged, TOTPDeviceAdmin):  # type: ignore[misc]  # (untyped)
    target = "otp_device"
    created_event = changed_event = deleted_event = EventType.OTP_DEVICE_CHANGE


for model, model_admin in (
    (User, LoggedUserAdmin),
    (Unit, LoggedUnitAdmin),
    (TOTPDevice, LoggedTOTPDeviceAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The integration tokens, listed (never their secrets). They are made and revoked with
    ``tukiverkko api-token`` — each a typed audit event — not edited here."""

    list_display = ("pk", "prefix", "organisation", "system", "scopes", "expires_at", "revoked_at")
    list_filter = ("organisation",)
    search_fields = ("system", "prefix")
    readonly_fields = tuple(f.name for f in ApiToken._meta.fields if f.name != "digest")
    exclude = ("digest",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

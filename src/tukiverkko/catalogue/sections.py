"""Sections that apps above the catalogue add to a service's page (e.g. the IPS app's latest
IPS-25 fidelity band).

The catalogue is a lower layer and imports none of them: each app declares its sections in its
AppConfig (``service_sections``, dotted paths to ``ServiceSection`` instances), the way the case
page collects ``case_panels`` (cases.panels); this module collects them. A section's ``context``
is called with the service and the request's user and returns the template context, or None
when it has nothing to show for this service. Nothing here is client data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.module_loading import import_string

from tukiverkko.catalogue.models import Service

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SectionContext = Callable[[Service, Any], Mapping[str, Any] | None]


@dataclass(frozen=True)
class ServiceSection:
    name: str  # unique; the section's heading id is "<name>-h"
    title: StrOrPromise
    template: str
    context: SectionContext
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    section: ServiceSection
    context: Mapping[str, Any]


@cache
def sections() -> tuple[ServiceSection, ...]:
    found: list[ServiceSection] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "service_sections", ()):
            section = import_string(path)
            if not isinstance(section, ServiceSection):
                raise TypeError(f"{path} is not a catalogue.sections.ServiceSection")
            found.append(section)
    names = [s.name for s in found]
    if len(names) != len(set(names)):
        raise ValueError(f"two service sections share a name: {sorted(names)}")
    return tuple(sorted(found, key=lambda s: s.order))


def rendered(service: Service, user: Any) -> list[RenderedSection]:
    shown = []
    for section in sections():
        context = section.context(service, user)
        if context is not None:
            shown.append(RenderedSection(section, context))
    return shown

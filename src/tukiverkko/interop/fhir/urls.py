"""/fhir/R4/…: one read and one type-level route per supported type (named ``fhir_<type>`` and
``fhir_<type>_search`` in the ``interop`` namespace), the metadata, the OpenAPI document
(``openapi.json``, generated from the same table), and an OperationOutcome 404 for anything else
under the base (an id that is not a number among them)."""

from django.urls import URLPattern, path, re_path

from tukiverkko.interop.fhir import openapi, views

urlpatterns: list[URLPattern] = [
    path("metadata", views.metadata, name="fhir_metadata"),
    path("openapi.json", openapi.served, name="fhir_openapi"),  # generated from views.TYPES
]
for _name in views.TYPES:
    _kind = {"resource_type": _name}
    urlpatterns += [
        path(_name, views.type_level, _kind, name=f"fhir_{_name.lower()}_search"),
        # numbered rows; the instruments' definitions (no client data) go by their names
        path(
            f"{_name}/<{'slug' if views.TYPES[_name].text_id else 'int'}:pk>",
            views.read,
            _kind,
            name=f"fhir_{_name.lower()}",
        ),
    ]
urlpatterns.append(re_path(r"^(?P<rest>.*)$", views.unknown, name="fhir_unknown"))

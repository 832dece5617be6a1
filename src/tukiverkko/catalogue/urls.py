from django.urls import path

from tukiverkko.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.search, name="search"),
    path("verkosto/<slug:region>/", views.network_map, name="network"),
    path("pikaopas/<slug:municipality>/", views.quick_guide, name="quick_guide"),
    path("pikaopas/<slug:municipality>/pdf/", views.quick_guide_pdf, name="quick_guide_pdf"),
    path("toimijat/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("yllapito/tarkistamatta/", views.unverified_list, name="unverified"),
    path("<slug:slug>/", views.service_detail, name="service"),
]

# Catalogue editor: the services as CSV (views_editor.py; interop work).
from tukiverkko.catalogue import views_editor  # noqa: E402

urlpatterns += [
    path("yllapito/csv/", views_editor.csv_editor, name="editor-csv"),
    path("yllapito/csv/lataa/", views_editor.csv_download, name="editor-csv-download"),
    path(
        "yllapito/kaannokset/",
        views_editor.unchecked_translations,
        name="editor-translations",
    ),
]

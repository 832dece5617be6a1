from django.urls import path

from tukiverkko.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.search, name="search"),
    path("<slug:slug>/", views.service_detail, name="service"),
]

# Catalogue editor: the services as CSV (views_editor.py; interop work).
from tukiverkko.catalogue import views_editor  # noqa: E402

urlpatterns += [
    path("yllapito/csv/", views_editor.csv_editor, name="editor-csv"),
    path("yllapito/csv/lataa/", views_editor.csv_download, name="editor-csv-download"),
]

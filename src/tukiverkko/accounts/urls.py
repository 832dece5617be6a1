from django.urls import path

from tukiverkko.accounts import views

app_name = "accounts"
urlpatterns = [
    path("kirjaudu/", views.login, name="login"),
    path("ulos/", views.logout, name="logout"),
]

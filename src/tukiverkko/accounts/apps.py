from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tukiverkko.accounts"
    label = "accounts"

from django.apps import AppConfig


class ExchangesConfig(AppConfig):
    name = "marketplace.exchanges"
    label = "exchanges"

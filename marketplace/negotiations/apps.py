from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "marketplace.negotiations"
    label = "negotiations"

"""Websocket URL patterns of every package (the negotiation rooms arrive with their issue)."""

websocket_urlpatterns: list = []

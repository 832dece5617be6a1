from tukiverkko.clients.models.client import Client, ClientRelationship

__all__ = ["Client", "ClientRelationship"]

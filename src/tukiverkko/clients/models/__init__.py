from tukiverkko.clients.models.client import Client, ClientRelationship, ContactDetails

__all__ = ["Client", "ClientRelationship", "ContactDetails"]

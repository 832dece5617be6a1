from django.apps import AppConfig


class AccessConfig(AppConfig):
    """The one access policy: who may see which client's data, composed of the grants the domain
    apps declare (``access_grants`` on their AppConfig), the logged getters, and the justified
    access ("perusteltu pääsy") with its review by the data-protection officer."""

    name = "tukiverkko.access"
    label = "access"
    # Its pages (the justified access, the DPO's review) carry client data.
    client_data = True
    # A justified access lets its professional read, not act (access/models.py).
    access_read_grants = ("tukiverkko.access.querysets.clients_of_justified_access",)

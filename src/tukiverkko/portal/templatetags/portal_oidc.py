"""{% load portal_oidc %}{% if oidc_configured %}: the Suomi.fi button only where it leads somewhere."""

from django import template

from tukiverkko.portal import oidc

register = template.Library()


@register.simple_tag
def oidc_configured() -> bool:
    return oidc.configured()

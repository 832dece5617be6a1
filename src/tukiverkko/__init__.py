"""Tukiverkko — työkyvyn tuen palvelukokonaisuus."""

__version__ = "0.1.0"

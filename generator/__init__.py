"""policygen: GDPR privacy & cookie policies in Polish and English from an answers file."""

__version__ = "0.1.0"
